// The one way to find or assert a person by email and a company by domain. Finds: POST
// /v2/objects/{object}/records/query with Attio's shorthand filter on the unique attribute (find_person,
// find_company, create_note's parent_email / parent_domain). Asserts: PUT …/records?matching_attribute=
// on the same attribute, Attio's atomic upsert (create_person, create_company, identify_user,
// group_workspace), with the person-to-company link. Finds normalise their input too (idempotent), so a
// lookup always asks for what the asserts wrote.
import type { ZObject } from 'zapier-platform-core';
import type { AttioCall } from './request';
import { assertRecord, getEntry, getRecord, queryRecords, type AttioValuesInput } from './endpoints';
import { normalizeDomain, normalizeEmail, type DomainOptions } from '../values/normalize';
import type { AttioEntry, AttioRecord } from './types';

/**
 * The person whose email addresses include `email`, or null.
 * @param label the Zapier field label named in the error when `email` is not an address
 */
export async function findPersonByEmail(z: ZObject, email: unknown, label = 'Email'): Promise<AttioRecord | null> {
  const address = normalizeEmail(email, label);
  // email_addresses is unique: at most one record matches, so one is all we ask for.
  const records = await queryRecords(z, 'people', { filter: { email_addresses: address }, limit: 1 }, `find the person with email ${address}`);
  return records[0] ?? null;
}

/**
 * The company whose domains include `domain` (an exact host name match: see normalizeDomain), or null.
 * @param label the Zapier field label named in the error when no domain can be read from `domain`
 */
export async function findCompanyByDomain(z: ZObject, domain: unknown, label = 'Domain', options: DomainOptions = {}): Promise<AttioRecord | null> {
  const host = normalizeDomain(domain, label, options);
  const records = await queryRecords(z, 'companies', { filter: { domains: host }, limit: 1 }, `find the company with domain ${host}`);
  return records[0] ?? null;
}

/** What an assert writes besides its matching value, and the user's words for its errors. */
export interface AssertExtras {
  /** Other attributes to write (already formatted). */
  values?: AttioValuesInput;
  /** Field labels by attribute slug, for error messages. */
  fieldLabels?: Record<string, string>;
  /** The label of the field the matching value came from (default "Email" / "Domain"). */
  label?: string;
  explain?: AttioCall['explain'];
}

/** A record-reference value pointing at `record` of `object`. */
export function linkTo(object: string, record: AttioRecord): AttioValuesInput[string] {
  return [{ target_object: object, target_record_id: record.id.record_id }];
}

/**
 * Creates or updates the company with this domain (Attio's atomic assert on `domains`): replays and
 * racing runs meet the same company.
 * @param domain already normalised (normalizeDomain)
 */
export function assertCompanyByDomain(z: ZObject, domain: string, extras: AssertExtras = {}): Promise<AttioRecord> {
  return assertRecord(z, {
    object: 'companies',
    matchingAttribute: 'domains',
    values: { ...extras.values, domains: [{ domain }] },
    action: `create or update the company ${domain}`,
    fieldLabels: { ...extras.fieldLabels, domains: extras.label ?? 'Domain' },
    explain: extras.explain,
  });
}

/**
 * Creates or updates the person with this email address (Attio's atomic assert on `email_addresses`),
 * linked to `company` when one is given.
 * @param email already normalised (normalizeEmail)
 */
export function assertPersonByEmail(
  z: ZObject,
  email: string,
  extras: AssertExtras & { company?: AttioRecord | null } = {},
): Promise<AttioRecord> {
  return assertRecord(z, {
    object: 'people',
    matchingAttribute: 'email_addresses',
    values: {
      ...extras.values,
      email_addresses: [{ email_address: email }],
      ...(extras.company ? { company: linkTo('companies', extras.company) } : {}),
    },
    action: `create or update the person ${email}`,
    fieldLabels: { ...extras.fieldLabels, email_addresses: extras.label ?? 'Email' },
    explain: extras.explain,
  });
}

/**
 * The list entry an event names, with its parent record: both at once when the event names the parent
 * (list-entry events do), else the entry first. Null when the entry is gone; `parent` null when the
 * record is gone (a parent the event names that is gone while the entry names another is read from the entry).
 */
export async function entryWithParent(
  z: ZObject,
  event: { id: Record<string, string | undefined>; parent_object_id?: string | null; parent_record_id?: string | null },
): Promise<{ entry: AttioEntry; parent: AttioRecord | null } | null> {
  const { list_id: listId, entry_id: entryId } = event.id;
  if (!listId || !entryId) return null;
  const { parent_object_id: parentObject, parent_record_id: parentRecord } = event;
  if (parentObject && parentRecord) {
    const [entry, parent] = await Promise.all([getEntry(z, listId, entryId), getRecord(z, parentObject, parentRecord)]);
    if (!entry) return null;
    // The record the event named is gone, but the entry now names another (its parent was merged into a
    // surviving record after the event was sent): that one is the entry's parent. 1 more request, then only.
    if (!parent && entry.parent_record_id && entry.parent_record_id !== parentRecord) {
      return { entry, parent: await getRecord(z, entry.parent_object, entry.parent_record_id) };
    }
    return { entry, parent };
  }
  const entry = await getEntry(z, listId, entryId);
  return entry ? { entry, parent: await getRecord(z, entry.parent_object, entry.parent_record_id) } : null;
}

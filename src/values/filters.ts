// The `filter` of POST /v2/objects/{object}/records/query for "the record whose <attribute> equals <value>",
// used by the find_record search. Pure: the value is checked and normalised by the write path
// (src/values/write.ts), so a search matches what a create wrote, and a bad value fails the same way.
import type { AttioAttributeType } from '../attio/types';
import { asList, invalidInput as invalid, recordIdInput, inputError } from './parse';
import { formatOne, internationalPhone, referenceById, type AttributeMeta, type FormatOptions } from './write';
import { normalizeDomain, normalizeEmail } from './normalize';

/** The attribute types Find Record can search by: each has an exact-match filter below. */
export const FILTERABLE_TYPES: ReadonlySet<AttioAttributeType> = new Set<AttioAttributeType>([
  'text',
  'number',
  'rating',
  'currency',
  'checkbox',
  'date',
  'select',
  'status',
  'personal-name',
  'email-address',
  'domain',
  'phone-number',
  'record-reference',
]);

/** The write value's property for types written as one `{ <key>: value }`. */
function written(meta: AttributeMeta, raw: unknown, label: string, key: string, options: FormatOptions = {}): unknown {
  return (formatOne(meta, raw, label, options) as Record<string, unknown>)[key];
}

/** Attio filters select options and statuses by title: an option id (which writes accept) maps back to it. */
function optionTitle(meta: AttributeMeta, raw: unknown, label: string): unknown {
  const value = written(meta, raw, label, meta.type === 'status' ? 'status' : 'option');
  return meta.options?.find((o) => o.id === value)?.title ?? value;
}

/** Attio compares phone numbers in E.164, which a national number cannot be turned into without a numbering plan. */
function e164(raw: unknown, label: string): string {
  const international = internationalPhone(raw);
  if (international === undefined) {
    throw invalid(label, raw, 'is not a phone number in international format. Records are matched on whole numbers: include the country code, like +44 20 7946 0958.');
  }
  return `+${international.replace(/\D/g, '')}`;
}

function referencedRecordId(meta: AttributeMeta, raw: unknown, label: string): string {
  const ref = referenceById(meta, raw, label);
  if (!ref) {
    throw invalid(label, raw, 'is not a record ID. A linked record is matched by its ID: map the record ID output by an earlier Attio step (or write object:record_id).');
  }
  return ref.target_record_id;
}

/**
 * The query filter for records whose attribute equals the value (one: several are refused, as writes refuse them).
 * @param meta the attribute searched by, or 'record_id' for the record's own id
 * @param label the Zapier field label, named in errors
 * @throws z.errors.Error naming the field for an empty or invalid value (as a write would refuse it), or
 *   for an attribute type Find Record cannot search by; nothing is sent then
 */
export function recordFilter(
  meta: AttributeMeta | 'record_id',
  raw: unknown,
  label: string,
  options: FormatOptions = {},
): Record<string, unknown> {
  const values = asList(raw);
  const value = values[0];
  if (value === undefined) throw invalid(label, '', 'is empty. Map the value to search for.');
  if (values.length > 1) throw invalid(label, raw, `holds ${values.length} values, but a record is matched on one. Map a single value.`);
  if (meta === 'record_id') return { record_id: { $in: [recordIdInput(value, label)] } };
  const { slug, type } = meta;
  switch (type) {
    case 'text':
    case 'number':
    case 'rating':
    case 'checkbox':
    case 'date':
      return { [slug]: written(meta, value, label, 'value', options) };
    case 'email-address':
      return { [slug]: written(meta, value, label, 'email_address') };
    case 'domain':
      // Keep Subdomains as the create steps apply it: eu.acme.com must not find acme.com, another company.
      return { [slug]: written(meta, value, label, 'domain', options) };
    case 'personal-name':
      return { [slug]: { full_name: { $eq: written(meta, value, label, 'full_name') } } };
    case 'currency':
      return { [slug]: { currency_value: { $eq: written(meta, value, label, 'currency_value') } } };
    case 'select':
    case 'status':
      return { [slug]: optionTitle(meta, value, label) };
    case 'phone-number':
      // options.phoneCountry cannot help here: see e164.
      return { [slug]: { phone_number: { $eq: e164(value, label) } } };
    case 'record-reference':
      return { [slug]: { target_record_id: { $eq: referencedRecordId(meta, value, label) } } };
    default:
      throw inputError(`Records cannot be matched on ${meta.title} (an Attio ${type} attribute). Choose another attribute to match on.`);
  }
}

/**
 * The entries query filter for one parent record. Attio filters entries on their parent through a path
 * through the list's `parent_record` to the parent object's `record_id` (the spec's path syntax); the
 * path must name the parent object, hence the list metadata. Legacy lists with several parent objects
 * get one path per object.
 */
export function parentRecordFilter(meta: { list_id: string; parent_objects: readonly string[] }, recordId: string): Record<string, unknown> {
  const paths = meta.parent_objects.map((object) => ({
    path: [
      [meta.list_id, 'parent_record'],
      [object, 'record_id'],
    ],
    constraints: { $eq: recordId },
  }));
  return paths.length === 1 && paths[0] ? paths[0] : { $or: paths };
}

/** A list entry's parent record, as a step may name it: by record ID, or a person's email, or a company's domain. */
export type ListParent = { recordId: string } | { email: string } | { domain: string };

/** The labels of the three parent fields, for the messages. */
export interface ListParentLabels {
  parent_record_id: string;
  parent_email: string;
  parent_domain: string;
}

/**
 * The parent record a step names: exactly one of its record ID, a person's email, a company's domain.
 * @param options Keep Subdomains, for the domain
 * @throws z.errors.Error naming the fields when none or several are filled, or when the one filled is invalid
 */
export function listParentInput(input: Record<string, unknown>, labels: ListParentLabels, options: FormatOptions = {}): ListParent {
  const given = (['parent_record_id', 'parent_email', 'parent_domain'] as const).filter((k) => asList(input[k]).length > 0);
  if (given.length === 0) {
    throw inputError(`${labels.parent_record_id} is empty. Pick the record, or fill in ${labels.parent_email} (a person) or ${labels.parent_domain} (a company).`);
  }
  if (given.length > 1) {
    throw inputError(`${given.map((k) => labels[k]).join(' and ')} are both filled. Fill in only one of them, so it is clear which record is meant.`);
  }
  const raw = asList(input[given[0] as string])[0];
  if (given[0] === 'parent_email') return { email: normalizeEmail(raw, labels.parent_email) };
  // Keep Subdomains as the create steps apply it: eu.acme.com must not name acme.com, another company.
  if (given[0] === 'parent_domain') return { domain: normalizeDomain(raw, labels.parent_domain, options) };
  return { recordId: recordIdInput(raw, labels.parent_record_id) };
}

/** The parent in the user's words: `the record 891d…`, `the person ada@example.com`, `the company acme.com`. */
export function describeListParent(parent: ListParent): string {
  if ('email' in parent) return `the person ${parent.email}`;
  if ('domain' in parent) return `the company ${parent.domain}`;
  return `the record ${parent.recordId}`;
}

/**
 * The entries query filter for one parent, however it is named. By email or domain the filter drills
 * through the entry's parent record to the person's email addresses or the company's domains (Attio's
 * path filter), so no lookup of the record comes first. Email needs a list of people, domain a list of companies.
 * @throws z.errors.Error naming the field when the list does not hold the kind of record the email or domain names
 */
export function listParentFilter(meta: { list_id: string; name: string; parent_objects: readonly string[] }, parent: ListParent, labels: ListParentLabels): Record<string, unknown> {
  if ('recordId' in parent) return parentRecordFilter(meta, parent.recordId);
  const [object, attribute, constraints, label] =
    'email' in parent
      ? ['people', 'email_addresses', { email_address: { $eq: parent.email } }, labels.parent_email]
      : ['companies', 'domains', { domain: { $eq: parent.domain } }, labels.parent_domain];
  if (!meta.parent_objects.includes(object)) {
    throw inputError(`${label} finds ${object}, but the list "${meta.name}" holds ${meta.parent_objects.join(', ')} records. Pick the record in ${labels.parent_record_id} instead.`);
  }
  return { path: [[meta.list_id, 'parent_record'], [object, attribute]], constraints };
}

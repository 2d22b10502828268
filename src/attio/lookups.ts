// The one way to find a person by email or a company by domain: POST /v2/objects/{object}/records/query
// with Attio's shorthand filter on the unique attribute. Used by find_person, find_company, and by
// create_note's parent_email / parent_domain. Values are normalised here too (idempotent), so a lookup
// always asks for what the creates assert.
import type { ZObject } from 'zapier-platform-core';
import { queryRecords } from './endpoints';
import { normalizeDomain, normalizeEmail, type DomainOptions } from '../values/normalize';
import type { AttioRecord } from './types';

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

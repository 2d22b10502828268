// Zapier input → Attio `values`, per attribute type. Pure (no requests): the one place that knows how
// each type is written (spec components.schemas["input-value"] and Attio's attribute-type docs).
// The reverse direction (record → flat output) is src/lib/records.ts.
import type { AttioAttributeType } from '../types/attio';
import { asList, booleanInput, datetimeInput, invalidInput as invalid, isUuid, parseIsoDateTime } from './inputs';
import { normalizeDomain, normalizeEmail } from './normalize';

/** What formatting needs to know about an attribute (cached by src/lib/fields.ts). */
export interface AttributeMeta {
  /** Attio's attribute id: error messages name attributes by id (a uniqueness conflict). */
  id?: string;
  slug: string;
  title: string;
  type: AttioAttributeType;
  multiselect: boolean;
  /** Attio refuses a second record with the same value: usable as a matching attribute. */
  unique?: boolean;
  /** select options / statuses (not archived); undefined until fetched. */
  options?: Array<{ id: string; title: string }>;
  /** record-reference: the object ids it may point at. */
  allowedObjectIds?: string[];
}

/** Context a value may need beyond the attribute itself. */
export interface FormatOptions {
  /** ISO 3166-1 alpha-2 country (like GB) for phone numbers written without a leading +. */
  phoneCountry?: string;
}

/** One Attio write value (the spec types each as an object; location is written as a string Attio parses). */
export type AttioWriteValue = Record<string, unknown> | string;

function text(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

/**
 * A personal name, as Attio's docs require it: first, last and full name together.
 * Text with a comma reads "Last, First" (Attio's own string format); otherwise the last word is the
 * last name ("Ada King Lovelace" → Ada King / Lovelace), which is what most form "Name" fields hold.
 */
export function personalName(first: string | undefined, last: string | undefined): Record<string, string> {
  const f = (first ?? '').trim();
  const l = (last ?? '').trim();
  return { first_name: f, last_name: l, full_name: [f, l].filter(Boolean).join(' ') };
}

export function parsePersonalName(raw: string): Record<string, string> {
  const s = raw.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma >= 0) return personalName(s.slice(comma + 1), s.slice(0, comma));
  const space = s.lastIndexOf(' ');
  return space < 0 ? personalName(s, '') : personalName(s.slice(0, space), s.slice(space + 1));
}

/** Numbers, or text like "87", "-3.5" and "1,234.5" (commas only as thousands separators: "1,5" is ambiguous). */
function parseNumber(raw: unknown, label: string): number {
  let s = text(raw).replace(/\s/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const n = typeof raw === 'number' ? raw : s === '' ? NaN : Number(s);
  if (!Number.isFinite(n)) throw invalid(label, raw, 'is not a number. Map a number like 42 or 99.5.');
  return n;
}

/**
 * A phone number in international form. Attio needs the country: a leading + (or 00) carries it.
 * @throws z.errors.Error for numbers without one, before anything is sent
 */
export function phoneValue(raw: unknown, label: string): Record<string, unknown> {
  const s = text(raw).replace(/^00/, '+');
  if (!/^\+\d/.test(s.replace(/[\s().-]/g, '')) || s.replace(/\D/g, '').length < 6) {
    throw invalid(label, raw, 'is not a phone number in international format. Include the country code, like +44 20 7946 0958.');
  }
  return { original_phone_number: s };
}

/** A date attribute keeps the calendar day the user sees: Zapier's datetime `2025-01-15T00:00:00-06:00` is the 15th. */
function dateValue(raw: unknown, label: string): string {
  const s = text(raw);
  // Attio also takes a year or a year and month alone.
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(s)) return s;
  if (parseIsoDateTime(s) === undefined) throw invalid(label, raw, 'is not a date. Map a date like 2025-01-15.');
  return s.slice(0, 10);
}

/** Matches an option by id, exact title, then title ignoring case; undefined when unknown. */
export function matchOption(meta: AttributeMeta, raw: unknown): string | undefined {
  const s = text(raw);
  const options = meta.options ?? [];
  const byId = options.find((o) => o.id === s);
  if (byId) return byId.id;
  return (options.find((o) => o.title === s) ?? options.find((o) => o.title.toLowerCase() === s.toLowerCase()))?.title;
}

/** The mapped values that match no known option (empty when options were never fetched). */
export function unknownOptions(meta: AttributeMeta, raw: unknown): string[] {
  if ((meta.type !== 'select' && meta.type !== 'status') || !meta.options) return [];
  return asList(raw)
    .filter((v) => matchOption(meta, v) === undefined)
    .map(text);
}

function optionValue(meta: AttributeMeta, raw: unknown, label: string): string {
  if (!meta.options) return text(raw); // not fetched: let Attio match the title or id
  const match = matchOption(meta, raw);
  if (match !== undefined) return match;
  const valid = meta.options.map((o) => `"${o.title}"`).join(', ');
  throw invalid(label, raw, `is not an option of this field in Attio. Valid options: ${valid || '(none)'}.`);
}

/**
 * A record reference from text: a record id (when the attribute points at one object), `object:record_id`,
 * an email address (the person with it) or a domain (the company with it). The target must exist.
 */
function referenceValue(meta: AttributeMeta, raw: unknown, label: string): Record<string, unknown> {
  const s = text(raw);
  const prefixed = /^([^:\s]+):([0-9a-f-]{36})$/i.exec(s);
  if (prefixed?.[1] && prefixed[2] && isUuid(prefixed[2])) return { target_object: prefixed[1], target_record_id: prefixed[2] };
  if (isUuid(s)) {
    const only = meta.allowedObjectIds?.length === 1 ? meta.allowedObjectIds[0] : undefined;
    if (only) return { target_object: only, target_record_id: s };
    throw invalid(label, raw, 'is a record ID, but this field can link to several objects. Write it as object:record_id, like companies:891dcbfc-9141-415d-9b2a-2238a6cc012d.');
  }
  if (s.includes('@')) return { target_object: 'people', email_addresses: [{ email_address: normalizeEmail(s, label) }] };
  try {
    return { target_object: 'companies', domains: [{ domain: normalizeDomain(s, label) }] };
  } catch {
    throw invalid(label, raw, 'is not a record reference. Map a record ID, an email address (a person) or a domain (a company).');
  }
}

function actorValue(raw: unknown, label: string): Record<string, unknown> {
  const s = text(raw);
  if (isUuid(s)) return { referenced_actor_type: 'workspace-member', referenced_actor_id: s };
  return { workspace_member_email_address: normalizeEmail(s, label) };
}

/** One input value → one Attio write value for the attribute's type. */
export function formatOne(meta: AttributeMeta, raw: unknown, label: string, _options: FormatOptions = {}): AttioWriteValue {
  switch (meta.type) {
    case 'text':
      return { value: text(raw) };
    case 'number':
      return { value: parseNumber(raw, label) };
    case 'currency':
      return { currency_value: parseNumber(raw, label) };
    case 'rating': {
      const n = parseNumber(raw, label);
      if (!Number.isInteger(n) || n < 0 || n > 5) throw invalid(label, raw, 'is not a rating. Map a whole number from 0 to 5.');
      return { value: n };
    }
    case 'checkbox':
      return { value: booleanInput(raw, label) };
    case 'date':
      return { value: dateValue(raw, label) };
    case 'timestamp':
      return { value: datetimeInput(raw, label) };
    case 'select':
      return { option: optionValue(meta, raw, label) };
    case 'status':
      return { status: optionValue(meta, raw, label) };
    case 'personal-name':
      return parsePersonalName(text(raw));
    case 'email-address':
      return { email_address: normalizeEmail(raw, label) };
    case 'domain':
      return { domain: normalizeDomain(raw, label) };
    case 'phone-number':
      return phoneValue(raw, label);
    case 'location':
      // Attio parses "1 Infinite Loop, Cupertino, CA, 95014, US"; the object form needs all ten parts.
      return text(raw);
    case 'record-reference':
      return referenceValue(meta, raw, label);
    case 'actor-reference':
      return actorValue(raw, label);
    default:
      throw invalid(label, raw, `cannot be written: Attio ${meta.type} attributes are read-only.`);
  }
}

/**
 * Input for one attribute → its Attio values, always an array (the spec types every value so).
 * Single-value attributes take the first value when a list is mapped.
 * @param label the Zapier field label, named in errors
 */
export function formatAttribute(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions = {}): AttioWriteValue[] {
  const list = asList(raw);
  return (meta.multiselect ? list : list.slice(0, 1)).map((v) => formatOne(meta, v, label, options));
}

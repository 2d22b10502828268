// Zapier input → Attio `values`, per attribute type. Pure (no requests): the one place that knows how
// each type is written (spec components.schemas["input-value"] and Attio's attribute-type docs).
// The reverse direction (record → flat output) is src/values/read.ts; search filters are src/values/filters.ts.
import type { AttioAttributeType } from '../attio/types';
import { asList, booleanInput, datetimeInput, invalidInput as invalid, isUuid, listInput, parseIsoDateTime } from './parse';
import { normalizeDomain, normalizeEmail } from './normalize';

/** What formatting needs to know about an attribute (cached by src/zapier/fields/dynamic.ts). */
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

/** A personal name from text (see parsePersonalName), refused when it holds no name at all (","). */
function nameValue(raw: unknown, label: string): Record<string, string> {
  const name = parsePersonalName(text(raw));
  if (name.full_name === '') throw invalid(label, raw, 'is not a name. Map a name like Ada Lovelace or "Lovelace, Ada".');
  return name;
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * Numbers, or text like "87", "-3.5" and "1,234.5" (commas only as thousands separators: "1,5" is ambiguous).
 * NaN for anything else, including hex and "Infinity", which Number() would take.
 */
function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  let s = text(raw).replace(/\s/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  return DECIMAL.test(s) ? Number(s) : NaN;
}

function parseNumber(raw: unknown, label: string): number {
  const n = toNumber(raw);
  if (!Number.isFinite(n)) throw invalid(label, raw, 'is not a number. Map a number like 42 or 99.5.');
  return n;
}

/**
 * An amount: a number, or text with one currency symbol before or after it ("$1,250.50", "-€5", "12 £").
 * The symbol is dropped: the currency comes from the attribute's configuration in Attio.
 */
function currencyAmount(raw: unknown, label: string): number {
  const m = typeof raw === 'number' ? undefined : /^([-+]?)\s*([$€£¥]?)\s*(.*?)\s*([$€£¥]?)$/.exec(text(raw));
  const n = m ? (m[2] && m[4] ? NaN : toNumber(`${m[1]}${m[3]}`)) : toNumber(raw);
  if (!Number.isFinite(n)) throw invalid(label, raw, 'is not an amount. Map a number like 1250.5 or $1,250.50.');
  // Attio keeps 4 decimal places, so more are rounded to 4 here rather than refused.
  return Number(n.toFixed(4));
}

/** The text of an international number (a leading + or 00, which becomes +), or undefined. */
export function internationalPhone(raw: unknown): string | undefined {
  const s = text(raw).replace(/^00/, '+');
  return /^\+\d/.test(s.replace(/[\s().-]/g, '')) && s.replace(/\D/g, '').length >= 6 ? s : undefined;
}

/**
 * A phone number: international (a leading + or 00 carries the country), or national with
 * options.phoneCountry, which Attio reads as a number of that country.
 * @throws z.errors.Error naming the field for a number without a country, or a country that is not a two-letter code
 */
export function phoneValue(raw: unknown, label: string, options: FormatOptions = {}): Record<string, unknown> {
  const international = internationalPhone(raw);
  if (international !== undefined) return { original_phone_number: international };
  const s = text(raw);
  if (!/^\d{6,}$/.test(s.replace(/[\s().-]/g, ''))) {
    throw invalid(label, raw, 'is not a phone number. Map a number like +44 20 7946 0958.');
  }
  const country = options.phoneCountry?.trim() ?? '';
  if (country === '') {
    throw invalid(label, raw, 'is not a phone number in international format. Include the country code (like +44 20 7946 0958), or set the Phone Country field (like GB).');
  }
  if (!/^[a-z]{2}$/i.test(country)) {
    throw invalid(label, raw, `has no country code, and Phone Country "${country}" is not a two-letter country code. Set Phone Country to a code like GB or US, or include the country code (like +44 20 7946 0958).`);
  }
  return { original_phone_number: s, country_code: country.toUpperCase() };
}

/** Unix time in seconds (9–10 digits) or milliseconds (12–13 digits), number or text, as milliseconds; else undefined. */
function epochMillis(raw: unknown): number | undefined {
  const s = text(raw);
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  return /^\d{12,13}$/.test(s) ? Number(s) : undefined;
}

/**
 * A date attribute keeps the calendar day the user sees: Zapier's datetime `2025-01-15T00:00:00-06:00` is
 * the 15th. A Unix time has no zone of its own, so it gives the UTC day.
 */
function dateValue(raw: unknown, label: string): string {
  const s = text(raw);
  // Attio also takes a year or a year and month alone.
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(s)) return s;
  const epoch = epochMillis(raw);
  if (epoch !== undefined) return new Date(epoch).toISOString().slice(0, 10);
  if (parseIsoDateTime(s) === undefined) throw invalid(label, raw, 'is not a date. Map a date like 2025-01-15.');
  return s.slice(0, 10);
}

/** ISO 8601 (see datetimeInput) or a Unix time → ISO 8601 UTC. */
function timestampValue(raw: unknown, label: string): string {
  const epoch = epochMillis(raw);
  return epoch === undefined ? datetimeInput(raw, label) : new Date(epoch).toISOString();
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
 * A record reference given by id: `object:record_id`, or a bare record id when the attribute points at
 * one object. Undefined for other text (an email address or a domain).
 * @throws z.errors.Error naming the field for a bare id where the attribute may point at several objects
 */
export function referenceById(
  meta: AttributeMeta,
  raw: unknown,
  label: string,
): { target_object: string; target_record_id: string } | undefined {
  const s = text(raw);
  const prefixed = /^([^:\s]+):([0-9a-f-]{36})$/i.exec(s);
  if (prefixed?.[1] && prefixed[2] && isUuid(prefixed[2])) return { target_object: prefixed[1], target_record_id: prefixed[2] };
  if (!isUuid(s)) return undefined;
  const only = meta.allowedObjectIds?.length === 1 ? meta.allowedObjectIds[0] : undefined;
  if (only) return { target_object: only, target_record_id: s };
  throw invalid(label, raw, 'is a record ID, but this field can link to several objects. Write it as object:record_id, like companies:891dcbfc-9141-415d-9b2a-2238a6cc012d.');
}

/**
 * A record reference from text: a record id (see referenceById), an email address (the person with it)
 * or a domain (the company with it). The target must exist.
 */
function referenceValue(meta: AttributeMeta, raw: unknown, label: string): Record<string, unknown> {
  const byId = referenceById(meta, raw, label);
  if (byId) return byId;
  const s = text(raw);
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

/**
 * One input value → one Attio write value for the attribute's type.
 * @param label the Zapier field label, named in errors
 * @throws z.errors.Error naming the field for a value of the wrong type; nothing is sent then
 */
export function formatOne(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions = {}): AttioWriteValue {
  // Zapier maps text, numbers and booleans; an object (a line item, say) would be written as "[object Object]".
  if (typeof raw === 'object' && raw !== null) throw invalid(label, raw, 'is not a single value. Map one field, not a group of fields.');
  switch (meta.type) {
    case 'text':
      return { value: text(raw) };
    case 'number':
      return { value: parseNumber(raw, label) };
    case 'currency':
      return { currency_value: currencyAmount(raw, label) };
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
      return { value: timestampValue(raw, label) };
    case 'select':
      return { option: optionValue(meta, raw, label) };
    case 'status':
      return { status: optionValue(meta, raw, label) };
    case 'personal-name':
      return nameValue(raw, label);
    case 'email-address':
      return { email_address: normalizeEmail(raw, label) };
    case 'domain':
      return { domain: normalizeDomain(raw, label) };
    case 'phone-number':
      return phoneValue(raw, label, options);
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

/** Multi-value types whose values never hold a comma: "a@x.com, b@y.com" mapped as one text is two addresses. */
const SPLIT_TYPES: ReadonlySet<AttioAttributeType> = new Set(['email-address', 'domain', 'phone-number']);

/**
 * Input for one attribute → its Attio values, always an array (the spec types every value so).
 * Single-value attributes take the first value when a list is mapped. Multi-value email, domain and
 * phone attributes also split one mapped text on commas and semicolons.
 * @param label the Zapier field label, named in errors
 * @throws z.errors.Error naming the field for a value of the wrong type (see formatOne)
 */
export function formatAttribute(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions = {}): AttioWriteValue[] {
  const list = meta.multiselect && SPLIT_TYPES.has(meta.type) ? listInput(raw) : asList(raw);
  return (meta.multiselect ? list : list.slice(0, 1)).map((v) => formatOne(meta, v, label, options));
}

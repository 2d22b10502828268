// Attribute values: from the write forms Attio accepts (strings, numbers, objects; see attio-api.md §2.5)
// to the read shape it stores and returns (arrays of value objects with the active_from/active_until/
// created_by_actor envelope and the type's own properties).
import { UUID_RE } from './clock';
import { badRequest, invalid } from './errors';
import type { Schema } from './schema';
import type { Actor, AttributeDef, AttributeType, Json, JsonObject, ListDef, ObjectDef, StoredValue } from './types';

export interface ValueContext {
  schema: Schema;
  actor: Actor;
  /** Timestamp for active_from. */
  now: string;
  recordExists(object: ObjectDef, recordId: string): boolean;
  /** The id of the record of `object` holding a value with this identity in the unique `attribute`. */
  findByIdentity(object: ObjectDef, attribute: AttributeDef, identity: string): string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The property an attribute type is compared on by shorthand filters and default sorts. */
export const DEFAULT_PROPERTY: Record<AttributeType, string> = {
  text: 'value',
  number: 'value',
  checkbox: 'value',
  currency: 'currency_value',
  date: 'value',
  timestamp: 'value',
  rating: 'value',
  status: 'status',
  select: 'option',
  'record-reference': 'target_record_id',
  'actor-reference': 'referenced_actor_id',
  location: 'line_1',
  domain: 'domain',
  'email-address': 'email_address',
  'phone-number': 'phone_number',
  interaction: 'interacted_at',
  'personal-name': 'full_name',
};

const NAME_KEYS = ['first_name', 'last_name', 'full_name'];

const LOCATION_KEYS = ['line_1', 'line_2', 'line_3', 'line_4', 'locality', 'region', 'postcode', 'country_code', 'latitude', 'longitude'];

/** Properties a filter may name, per type (active_from is allowed on every type). */
export const FILTER_PROPERTIES: Record<AttributeType, string[]> = {
  text: ['value'],
  number: ['value'],
  checkbox: ['value'],
  currency: ['currency_value', 'currency_code'],
  date: ['value'],
  timestamp: ['value'],
  rating: ['value'],
  status: ['status'],
  select: ['option'],
  'record-reference': ['target_record_id', 'target_object'],
  'actor-reference': ['referenced_actor_id', 'referenced_actor_type'],
  location: LOCATION_KEYS,
  domain: ['domain', 'root_domain'],
  'email-address': ['email_address', 'original_email_address', 'email_domain', 'email_root_domain', 'email_local_specifier'],
  'phone-number': ['phone_number', 'original_phone_number', 'country_code'],
  interaction: ['interaction_type', 'interacted_at'],
  'personal-name': NAME_KEYS,
};

// Two-label public suffixes, enough for root_domain on common company domains.
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'com.br', 'com.mx',
  'co.in', 'co.za', 'com.sg', 'com.cn', 'com.tr', 'com.ar', 'co.kr',
]);

export function rootDomain(host: string): string {
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join('.');
  return labels.slice(MULTI_LABEL_SUFFIXES.has(lastTwo) ? -3 : -2).join('.');
}

const HOST_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** A bare host name, the way Attio stores domains: scheme, path, query and port dropped, lower case. */
export function normalizeDomain(raw: string): string | undefined {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .split(/[/?#]/)[0]
    ?.replace(/:\d+$/, '')
    .replace(/\.$/, '');
  return host && HOST_RE.test(host) ? host : undefined;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Calling code → ISO country, longest prefix first when matching.
const CALLING_CODES: Record<string, string> = {
  '1': 'US', '7': 'RU', '20': 'EG', '27': 'ZA', '30': 'GR', '31': 'NL', '32': 'BE', '33': 'FR', '34': 'ES', '36': 'HU',
  '39': 'IT', '40': 'RO', '41': 'CH', '43': 'AT', '44': 'GB', '45': 'DK', '46': 'SE', '47': 'NO', '48': 'PL', '49': 'DE',
  '52': 'MX', '54': 'AR', '55': 'BR', '56': 'CL', '57': 'CO', '60': 'MY', '61': 'AU', '62': 'ID', '63': 'PH', '64': 'NZ',
  '65': 'SG', '66': 'TH', '81': 'JP', '82': 'KR', '84': 'VN', '86': 'CN', '90': 'TR', '91': 'IN', '234': 'NG', '254': 'KE',
  '351': 'PT', '352': 'LU', '353': 'IE', '354': 'IS', '358': 'FI', '420': 'CZ', '852': 'HK', '886': 'TW', '971': 'AE',
  '972': 'IL',
};
const COUNTRY_CALLING_CODE: Record<string, string> = Object.fromEntries(
  Object.entries(CALLING_CODES).map(([code, country]) => [country, code]),
);
COUNTRY_CALLING_CODE.CA = '1';

function phoneCountry(e164Digits: string): string | undefined {
  for (let len = 3; len >= 1; len--) {
    const country = CALLING_CODES[e164Digits.slice(0, len)];
    if (country) return country;
  }
  return undefined;
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw) ?? String(raw);
}

function typeError(attr: AttributeDef, raw: unknown, expected: string): never {
  throw invalid(`Invalid value ${describe(raw)} for attribute with slug "${attr.api_slug}": expected ${expected}.`, [
    { code: 'invalid_type', path: ['data', 'values', attr.api_slug], message: `Expected ${expected}` },
  ]);
}

/** Unwraps `{prop: x}` object forms to `x`; other objects are returned as they are. */
function unwrap(raw: unknown, prop: string): unknown {
  return isObject(raw) && prop in raw ? raw[prop] : raw;
}

function asNumber(attr: AttributeDef, raw: unknown, prop = 'value'): number {
  const v = unwrap(raw, prop);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) typeError(attr, raw, 'a number');
  return n;
}

function parseTimestamp(attr: AttributeDef, raw: unknown): number {
  const v = unwrap(raw, 'value');
  if (typeof v !== 'string') typeError(attr, raw, 'an ISO 8601 timestamp');
  let s = v.trim();
  // No time zone → UTC (Date.parse would read a date-time without offset as local time).
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z';
  const ms = Date.parse(/^\d{4}(-\d{2})?$/.test(s) ? `${s}${s.length === 4 ? '-01' : ''}-01` : s);
  if (Number.isNaN(ms)) typeError(attr, raw, 'an ISO 8601 timestamp');
  return ms;
}

function parseLocationString(s: string): JsonObject {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const out: JsonObject = Object.fromEntries(LOCATION_KEYS.map((k) => [k, null]));
  const last = parts[parts.length - 1];
  if (last && /^[A-Za-z]{2}$/.test(last)) out.country_code = (parts.pop() as string).toUpperCase();
  const postcode = parts[parts.length - 1];
  if (parts.length > 1 && postcode && /\d/.test(postcode) && postcode.length <= 10) out.postcode = parts.pop() as string;
  if (parts.length > 2) out.region = parts.pop() as string;
  if (parts.length > 1) out.locality = parts.pop() as string;
  parts.slice(0, 4).forEach((p, i) => (out[`line_${i + 1}`] = i === 3 ? parts.slice(3).join(', ') : p));
  return out;
}

function typeProps(attr: AttributeDef, raw: unknown, ctx: ValueContext): JsonObject {
  switch (attr.type) {
    case 'text': {
      const v = unwrap(raw, 'value');
      if (typeof v !== 'string') typeError(attr, raw, 'a string');
      return { value: v };
    }
    case 'number':
      return { value: asNumber(attr, raw) };
    case 'rating': {
      const n = asNumber(attr, raw);
      if (!Number.isInteger(n) || n < 0 || n > 5) typeError(attr, raw, 'a whole number from 0 to 5');
      return { value: n };
    }
    case 'checkbox': {
      const v = unwrap(raw, 'value');
      if (typeof v === 'boolean') return { value: v };
      if (v === 'true' || v === 'false') return { value: v === 'true' };
      return typeError(attr, raw, 'true or false');
    }
    case 'currency': {
      const code = isObject(raw) ? raw.currency_code : undefined;
      if (code !== undefined && code !== null && code !== attr.default_currency_code) {
        throw invalid(`Attribute "${attr.api_slug}" holds amounts in ${attr.default_currency_code ?? 'no currency'}, not ${String(code)}.`);
      }
      const n = asNumber(attr, raw, 'currency_value');
      return { currency_value: Math.round(n * 10_000) / 10_000, currency_code: attr.default_currency_code };
    }
    case 'date': {
      const v = unwrap(raw, 'value');
      if (typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v.trim())) {
        const [y, m = '01', d = '01'] = v.trim().split('-');
        const iso = `${y}-${m}-${d}`;
        if (!Number.isNaN(Date.parse(iso))) return { value: iso };
      }
      // Date-times are trimmed to their (UTC) date.
      return { value: new Date(parseTimestamp(attr, raw)).toISOString().slice(0, 10) };
    }
    case 'timestamp': {
      const ms = parseTimestamp(attr, raw);
      return { value: `${new Date(ms).toISOString().slice(0, -1)}000000Z` };
    }
    case 'personal-name': {
      if (typeof raw === 'string') {
        const comma = raw.indexOf(',');
        const first = (comma < 0 ? raw : raw.slice(comma + 1)).trim();
        const last = comma < 0 ? '' : raw.slice(0, comma).trim();
        return { first_name: first, last_name: last, full_name: [first, last].filter(Boolean).join(' ') };
      }
      if (!isObject(raw)) return typeError(attr, raw, 'a name object or "Last, First"');
      // Attio's docs require all three keys whenever the object form is used (the string form is the
      // shorthand): a partial object is a 400, not a name with blanks filled in.
      const missing = NAME_KEYS.filter((k) => !(k in raw));
      if (missing.length) {
        throw invalid(
          `Personal name values for "${attr.api_slug}" must include first_name, last_name and full_name (missing: ${missing.join(', ')}); ` +
            'or send a string such as "Lovelace, Ada".',
          missing.map((k) => ({ code: 'invalid_type', path: ['data', 'values', attr.api_slug], message: `Required key "${k}" is missing` })),
        );
      }
      const part = (k: string): string => {
        const v = raw[k];
        if (v !== undefined && v !== null && typeof v !== 'string') typeError(attr, raw, `a string ${k}`);
        return typeof v === 'string' ? v.trim() : '';
      };
      const first = part('first_name');
      const last = part('last_name');
      const full = part('full_name') || [first, last].filter(Boolean).join(' ');
      if (!first && !last && !full) typeError(attr, raw, 'a non-empty name');
      return { first_name: first, last_name: last, full_name: full };
    }
    case 'email-address': {
      const v = unwrap(raw, 'email_address');
      if (typeof v !== 'string' || !EMAIL_RE.test(v.trim())) {
        throw invalid(`${describe(v)} is not a valid email address (attribute "${attr.api_slug}").`);
      }
      const original = v.trim();
      const email = original.toLowerCase();
      const at = email.lastIndexOf('@');
      const domain = email.slice(at + 1);
      return {
        original_email_address: original,
        email_address: email,
        email_domain: domain,
        email_root_domain: rootDomain(domain),
        email_local_specifier: email.slice(0, at).split('+')[0] ?? '',
      };
    }
    case 'domain': {
      const v = unwrap(raw, 'domain');
      const host = typeof v === 'string' ? normalizeDomain(v) : undefined;
      if (!host) throw invalid(`${describe(v)} is not a valid domain (attribute "${attr.api_slug}").`);
      return { domain: host, root_domain: rootDomain(host) };
    }
    case 'phone-number': {
      const original = unwrap(raw, 'original_phone_number');
      if (typeof original !== 'string') return typeError(attr, raw, 'a phone number string');
      const given = isObject(raw) && typeof raw.country_code === 'string' ? raw.country_code.toUpperCase() : undefined;
      const digits = original.replace(/[^\d]/g, '');
      let e164: string | undefined;
      if (original.trim().startsWith('+')) e164 = digits;
      else if (given && COUNTRY_CALLING_CODE[given]) e164 = `${COUNTRY_CALLING_CODE[given]}${digits.replace(/^0/, '')}`;
      const country = e164 ? (given ?? phoneCountry(e164)) : undefined;
      if (!e164 || e164.length < 7 || e164.length > 15 || !country) {
        throw invalid(`${describe(original)} is not a valid phone number (attribute "${attr.api_slug}"): use E.164 (+15558675309) or give a country_code.`);
      }
      return { original_phone_number: original, country_code: country, phone_number: `+${e164}` };
    }
    case 'location': {
      if (typeof raw === 'string') return parseLocationString(raw);
      if (!isObject(raw)) return typeError(attr, raw, 'a location string or object');
      const missing = LOCATION_KEYS.filter((k) => !(k in raw));
      if (missing.length) {
        throw invalid(`Location values for "${attr.api_slug}" must include all ten keys (missing: ${missing.join(', ')}); use null for unknown parts.`);
      }
      const out: JsonObject = {};
      for (const k of LOCATION_KEYS) {
        const v = raw[k];
        if (v !== null && typeof v !== 'string' && !(typeof v === 'number' && (k === 'latitude' || k === 'longitude'))) {
          typeError(attr, raw, `a string or null ${k}`);
        }
        out[k] = v === null ? null : k === 'country_code' ? String(v).toUpperCase() : String(v);
      }
      return out;
    }
    case 'select': {
      const v = unwrap(raw, 'option');
      if (typeof v !== 'string') return typeError(attr, raw, 'an option title or id');
      const option = attr.options.find((o) => !o.is_archived && (o.title === v || o.id === v));
      if (!option) throw badRequest('value_not_found', `Cannot find select option with title "${v}" for attribute "${attr.api_slug}".`);
      return { option: { id: optionIds(attr, 'option_id', option.id, ctx), title: option.title, is_archived: option.is_archived } };
    }
    case 'status': {
      const v = unwrap(raw, 'status');
      if (typeof v !== 'string') return typeError(attr, raw, 'a status title or id');
      const status = attr.statuses.find((s) => !s.is_archived && (s.title === v || s.id === v));
      if (!status) throw badRequest('value_not_found', `Cannot find status with title "${v}" for attribute "${attr.api_slug}".`);
      return {
        status: {
          id: optionIds(attr, 'status_id', status.id, ctx),
          title: status.title,
          is_archived: status.is_archived,
          celebration_enabled: status.celebration_enabled,
          target_time_in_status: null,
        },
      };
    }
    case 'actor-reference': {
      let member;
      if (typeof raw === 'string') member = ctx.schema.member(raw);
      else if (isObject(raw) && typeof raw.workspace_member_email_address === 'string') member = ctx.schema.member(raw.workspace_member_email_address);
      else if (isObject(raw) && typeof raw.referenced_actor_id === 'string') {
        if (raw.referenced_actor_type !== 'workspace-member') throw invalid(`Only workspace members can be written to "${attr.api_slug}".`);
        member = ctx.schema.member(raw.referenced_actor_id);
      } else return typeError(attr, raw, 'a workspace member email or actor reference');
      if (!member) throw badRequest('value_not_found', `Workspace member ${describe(raw)} not found.`);
      return { referenced_actor_type: 'workspace-member', referenced_actor_id: member.id };
    }
    case 'record-reference':
      return recordReference(attr, raw, ctx);
    case 'interaction':
      throw badRequest('system_edit_unauthorized', `Attribute "${attr.api_slug}" cannot be written.`);
  }
}

/** Ids of a select option or status: `object_id` holds the list id for list attributes, as Attio does. */
function optionIds(attr: AttributeDef, key: 'option_id' | 'status_id', id: string, ctx: ValueContext): JsonObject {
  return { workspace_id: ctx.schema.workspace.id, object_id: attr.parent.id, attribute_id: attr.id, [key]: id };
}

function recordReference(attr: AttributeDef, raw: unknown, ctx: ValueContext): JsonObject {
  const allowed = attr.allowed_objects ?? ctx.schema.activeObjects().map((o) => o.api_slug);
  let targetSlug: string | undefined;
  let body: Record<string, unknown>;
  if (typeof raw === 'string') {
    // A plain string is allowed when exactly one object can be referenced: its record id or unique value.
    if (allowed.length !== 1) typeError(attr, raw, 'an object with target_object');
    targetSlug = allowed[0] as string;
    const target = ctx.schema.object(targetSlug);
    const unique = target?.attributes.find((a) => a.is_unique);
    body = UUID_RE.test(raw) || !unique ? { target_record_id: raw } : { [unique.api_slug]: [raw] };
  } else if (isObject(raw) && typeof raw.target_object === 'string') {
    targetSlug = raw.target_object;
    body = raw;
  } else {
    return typeError(attr, raw, 'an object with target_object');
  }
  const target = ctx.schema.object(targetSlug);
  if (!target) throw badRequest('value_not_found', `Object with slug/ID "${targetSlug}" not found.`);
  if (!allowed.includes(target.api_slug)) {
    throw invalid(`Attribute "${attr.api_slug}" can only reference ${allowed.join(', ')} records, not ${target.api_slug}.`);
  }
  return { target_object: target.api_slug, target_record_id: resolveRecord(target, body, ctx) };
}

/**
 * A record referenced by `target_record_id` or by one unique attribute (`{email_addresses:[…]}`): shared
 * by record-reference values and task `linked_records`. The record must exist.
 */
export function resolveRecord(target: ObjectDef, ref: Record<string, unknown>, ctx: ValueContext): string {
  if (typeof ref.target_record_id === 'string') {
    if (!ctx.recordExists(target, ref.target_record_id)) {
      throw badRequest('value_not_found', `Record with ID "${ref.target_record_id}" not found in object "${target.api_slug}".`);
    }
    return ref.target_record_id;
  }
  const keys = Object.keys(ref).filter((k) => k !== 'target_object');
  if (keys.length !== 1) {
    throw invalid(`Reference a ${target.singular_noun.toLowerCase()} by target_record_id or by exactly one unique attribute.`);
  }
  const key = keys[0] as string;
  const attribute = ctx.schema.attribute(target, key);
  if (!attribute) throw badRequest('value_not_found', `Cannot find attribute with slug/ID "${key}" on object "${target.api_slug}".`);
  if (!attribute.is_unique) throw invalid(`Matching attributes must be unique: "${key}" is not.`);
  const given = ref[key];
  const values = Array.isArray(given) ? given : [given];
  if (values.length !== 1) throw invalid('Matching on multiple values is not currently supported.');
  const identity = identityOf(convertOne(attribute, values[0], ctx));
  const recordId = ctx.findByIdentity(target, attribute, identity);
  if (!recordId) {
    throw badRequest('value_not_found', `No ${target.singular_noun.toLowerCase()} record found with ${key} ${describe(values[0])}.`);
  }
  return recordId;
}

/** One write-form value → the stored read shape. */
export function convertOne(attr: AttributeDef, raw: unknown, ctx: ValueContext): StoredValue {
  const props = typeProps(attr, raw, ctx);
  return { active_from: ctx.now, active_until: null, created_by_actor: { ...ctx.actor }, ...props, attribute_type: attr.type };
}

/** What makes two values "the same value" (dedupe, uniqueness, keeping active_from on rewrite). */
export function identityOf(v: StoredValue): string {
  const pick = (k: string): Json => v[k] ?? null;
  switch (v.attribute_type) {
    case 'email-address':
      return String(pick('email_address'));
    case 'domain':
      return String(pick('domain'));
    case 'select':
    case 'status': {
      const holder = pick(v.attribute_type === 'select' ? 'option' : 'status') as JsonObject | null;
      const ids = holder?.id as JsonObject | undefined;
      return String(ids?.option_id ?? ids?.status_id ?? '');
    }
    case 'record-reference':
      return String(pick('target_record_id'));
    case 'actor-reference':
      return String(pick('referenced_actor_id'));
    case 'phone-number':
      return String(pick('phone_number'));
    case 'text':
      return String(pick('value'));
    default: {
      const { active_from: _f, active_until: _u, created_by_actor: _a, ...rest } = v;
      return JSON.stringify(rest);
    }
  }
}

/**
 * Converts a `values` / `entry_values` body for an object or list: keys are attribute slugs or ids,
 * each value a single write form or an array of them. Returns the new values per attribute slug.
 */
export function convertValues(parent: ObjectDef | ListDef, input: Record<string, unknown>, ctx: ValueContext): Map<AttributeDef, StoredValue[]> {
  const out = new Map<AttributeDef, StoredValue[]>();
  for (const [key, given] of Object.entries(input)) {
    const attr = ctx.schema.attribute(parent, key);
    if (!attr || attr.is_archived) throw badRequest('value_not_found', `Cannot find attribute with slug/ID "${key}".`);
    if (!attr.is_writable) throw badRequest('system_edit_unauthorized', `Cannot write to the system attribute "${attr.api_slug}".`);
    if (out.has(attr)) throw invalid(`Attribute "${attr.api_slug}" was given twice (by slug and by id).`);
    if (attr.is_multiselect && !Array.isArray(given) && given !== null && given !== undefined) {
      // Attio: "When writing to multi-select attributes, you must always wrap values in an array."
      throw invalid('Body payload validation error.', [
        { code: 'invalid_type', path: ['data', 'parent_object' in parent ? 'entry_values' : 'values', key], message: `Expected array, received ${typeof given}` },
      ]);
    }
    const items = (Array.isArray(given) ? given : [given]).filter((v) => v !== null && v !== undefined);
    if (!attr.is_multiselect && items.length > 1) {
      throw invalid(`Attribute "${attr.api_slug}" holds a single value, but ${items.length} were given.`);
    }
    const converted: StoredValue[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const value = convertOne(attr, item, ctx);
      const id = identityOf(value);
      if (!seen.has(id)) converted.push(value);
      seen.add(id);
    }
    out.set(attr, converted);
  }
  return out;
}

// Attio records and entries → flat objects a Zap builder can map. One mapper for every operation that
// returns a record (creates, searches, triggers' perform and performList), so their keys always agree.
import type { PlainOutputField } from 'zapier-platform-core';
import type { AttioAttribute, AttioEntry, AttioRecord, AttioValue, AttioValues } from '../attio/types';

export type Flat = string | number | boolean | null | Flat[] | { [key: string]: Flat };
export type FlatRecord = { [key: string]: Flat };

/** Multiselect system attributes: always arrays, plus a singular convenience key with the first value. */
/** A Map, not an object: an attribute whose slug is `constructor` or `toString` must not find an inherited key. */
const ALWAYS_LIST: ReadonlyMap<string, string> = new Map([
  ['email_addresses', 'email'],
  ['domains', 'domain'],
  ['phone_numbers', 'phone'],
]);

/**
 * Attio timestamps carry nanoseconds (`2022-11-21T13:22:49.061281000Z`); Zapier and most parsers want
 * ISO 8601 with at most milliseconds and an explicit offset.
 */
export function isoTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return value;
  const ms = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  const offset = !m[3] || m[3] === 'Z' ? '+00:00' : m[3];
  return `${m[1]}.${ms}${offset}`;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The address parts of a location value, in reading order (latitude and longitude come after). */
const LOCATION_PARTS = ['line_1', 'line_2', 'line_3', 'line_4', 'locality', 'region', 'postcode', 'country_code'] as const;

function locationLine(v: AttioValue): string {
  return LOCATION_PARTS.map((k) => str(v[k]))
    .filter((s): s is string => !!s)
    .join(', ');
}

/** One Attio value → the scalar (or small object) a user maps. */
export function flattenValue(v: AttioValue): Flat {
  switch (v.attribute_type) {
    case 'personal-name':
      return str(v.full_name);
    case 'email-address':
      return str(v.email_address);
    case 'domain':
      return str(v.domain);
    case 'phone-number':
      return str(v.phone_number) ?? str(v.original_phone_number);
    case 'select': {
      const option = v.option as { title?: string } | undefined;
      return option?.title ?? null;
    }
    case 'status': {
      const status = v.status as { title?: string } | undefined;
      return status?.title ?? null;
    }
    case 'record-reference':
      return { target_object: str(v.target_object), target_record_id: str(v.target_record_id) };
    case 'actor-reference':
      return str(v.referenced_actor_id);
    case 'currency':
      return typeof v.currency_value === 'number' ? v.currency_value : null;
    case 'location':
      return locationLine(v) || null;
    case 'interaction':
      return isoTimestamp(v.interacted_at);
    case 'timestamp':
      return isoTimestamp(v.value);
    default: {
      const value = v.value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    }
  }
}

/** Extra keys some types add beside the main one (name parts, currency code, location parts). */
function companions(slug: string, v: AttioValue | undefined, out: FlatRecord): void {
  if (!v) return;
  switch (v.attribute_type) {
    case 'personal-name': {
      const prefix = slug === 'name' ? '' : `${slug}_`;
      out[`${prefix}first_name`] = str(v.first_name);
      out[`${prefix}last_name`] = str(v.last_name);
      break;
    }
    case 'currency':
      out[`${slug}_currency_code`] = str(v.currency_code);
      break;
    case 'location':
      out[`${slug}_parts`] = Object.fromEntries(
        [...LOCATION_PARTS, 'latitude', 'longitude'].map((k) => [k, (v[k] as Flat | undefined) ?? null]),
      );
      break;
    default:
  }
}

/**
 * Flattens a values map. Each attribute becomes `slug`: a scalar when it holds one value (null when
 * empty), a list when it holds several. email_addresses, domains and phone_numbers are always lists,
 * with `email`, `domain` and `phone` holding the first.
 */
export function flattenValues(values: AttioValues): FlatRecord {
  const out: FlatRecord = {};
  for (const [slug, list] of Object.entries(values)) {
    const current = list.filter((v) => v.active_until === undefined || v.active_until === null);
    const flat = current.map(flattenValue);
    const singular = ALWAYS_LIST.get(slug);
    if (singular) {
      out[slug] = flat;
      out[singular] = flat[0] ?? null;
    } else {
      out[slug] = flat.length > 1 ? flat : (flat[0] ?? null);
    }
    companions(slug, current[0], out);
  }
  return out;
}

/**
 * A record as Zapier output: `id` (the record id, a string), `object`, `web_url`, `created_at`, then
 * every attribute flattened. Fixed keys are set after the attributes, so an attribute can never shadow them.
 */
export function flattenRecord(record: AttioRecord, object?: string): FlatRecord {
  return {
    ...flattenValues(record.values ?? {}),
    id: record.id.record_id,
    record_id: record.id.record_id,
    object: object ?? record.id.object_id,
    object_id: record.id.object_id,
    web_url: record.web_url,
    created_at: isoTimestamp(record.created_at),
  };
}

/** A list entry as Zapier output, with its parent record (when fetched) flattened under `parent`. */
export function flattenEntry(entry: AttioEntry, options: { list?: string; parent?: AttioRecord | null } = {}): FlatRecord {
  return {
    ...flattenValues(entry.entry_values ?? {}),
    id: entry.id.entry_id,
    entry_id: entry.id.entry_id,
    list: options.list ?? entry.id.list_id,
    list_id: entry.id.list_id,
    parent_record_id: entry.parent_record_id,
    parent_object: entry.parent_object,
    created_at: isoTimestamp(entry.created_at),
    ...(options.parent !== undefined ? { parent: options.parent ? flattenRecord(options.parent, entry.parent_object) : null } : {}),
  };
}

/**
 * Output fields for the keys flattenRecord always sets, optionally nested (`parent__id`, labelled
 * "Parent Record: …"). Operations add the attributes they know every workspace has.
 */
export function recordOutputFields(nested?: { key: string; label: string }): PlainOutputField[] {
  const fields: PlainOutputField[] = [
    { key: 'id', label: 'Record ID', type: 'string' },
    { key: 'record_id', label: 'Attio Record ID', type: 'string' },
    { key: 'object', label: 'Object', type: 'string' },
    { key: 'object_id', label: 'Object ID', type: 'string' },
    { key: 'web_url', label: 'Attio URL', type: 'string' },
    { key: 'created_at', label: 'Created At', type: 'datetime' },
  ];
  return nested ? nestOutputFields(fields, nested) : fields;
}

/** Output fields of a record returned inside another (`person__email`, labelled "Person: Email"). */
export function nestOutputFields(fields: readonly PlainOutputField[], nested: { key: string; label: string }): PlainOutputField[] {
  return fields.map((f) => ({ ...f, key: `${nested.key}__${f.key}`, label: `${nested.label}: ${f.label}` }));
}

/** Output fields for the keys flattenEntry always sets (without `parent`). */
export const entryOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Entry ID', type: 'string' },
  { key: 'entry_id', label: 'Attio Entry ID', type: 'string' },
  { key: 'list', label: 'List', type: 'string' },
  { key: 'list_id', label: 'List ID', type: 'string' },
  { key: 'parent_record_id', label: 'Record ID', type: 'string' },
  { key: 'parent_object', label: 'Record Object', type: 'string' },
  { key: 'created_at', label: 'Added At', type: 'datetime' },
];

/** Keys flattenRecord sets itself: an attribute of the same slug (Attio's `created_at`, `record_id`) never shows. */
const FIXED_RECORD_KEYS = new Set(['id', 'record_id', 'object', 'object_id', 'web_url', 'created_at']);

/**
 * Labels and types for the keys flattenValues gives these attributes (and their companions: name parts,
 * currency code, location parts, a link's object and record id), so a Zap builder maps "Hours estimate",
 * not `hours_estimate`. Multi-value attributes are left without `list` (their shape follows the values).
 */
export function attributeOutputFields(attributes: readonly AttioAttribute[]): PlainOutputField[] {
  const out: PlainOutputField[] = [];
  for (const a of attributes) {
    if (a.is_archived || FIXED_RECORD_KEYS.has(a.api_slug)) continue;
    const slug = a.api_slug;
    const singular = ALWAYS_LIST.get(slug);
    if (singular) {
      out.push({ key: slug, label: a.title, type: 'string', list: true }, { key: singular, label: `${a.title} (First)`, type: 'string' });
      continue;
    }
    switch (a.type) {
      case 'number':
      case 'rating':
        out.push({ key: slug, label: a.title, type: 'number' });
        break;
      case 'currency':
        out.push({ key: slug, label: a.title, type: 'number' }, { key: `${slug}_currency_code`, label: `${a.title} Currency`, type: 'string' });
        break;
      case 'checkbox':
        out.push({ key: slug, label: a.title, type: 'boolean' });
        break;
      case 'timestamp':
      case 'interaction':
        out.push({ key: slug, label: a.title, type: 'datetime' });
        break;
      case 'personal-name': {
        const prefix = slug === 'name' ? '' : `${slug}_`;
        out.push(
          { key: slug, label: a.title, type: 'string' },
          { key: `${prefix}first_name`, label: `${a.title}: First Name`, type: 'string' },
          { key: `${prefix}last_name`, label: `${a.title}: Last Name`, type: 'string' },
        );
        break;
      }
      case 'record-reference':
        out.push(
          { key: `${slug}__target_object`, label: `${a.title}: Object`, type: 'string' },
          { key: `${slug}__target_record_id`, label: `${a.title}: Record ID`, type: 'string' },
        );
        break;
      case 'location':
        out.push(
          { key: slug, label: a.title, type: 'string' },
          ...LOCATION_PARTS.map((part) => ({ key: `${slug}_parts__${part}`, label: `${a.title}: ${part.replace(/_/g, ' ')}`, type: 'string' as const })),
          { key: `${slug}_parts__latitude`, label: `${a.title}: latitude`, type: 'string' },
          { key: `${slug}_parts__longitude`, label: `${a.title}: longitude`, type: 'string' },
        );
        break;
      default:
        out.push({ key: slug, label: a.title, type: 'string' });
    }
  }
  return out;
}

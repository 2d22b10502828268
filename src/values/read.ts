// Attio records and entries → flat objects a Zap builder can map. One mapper for every operation that
// returns a record (creates, searches, triggers' perform and performList), so their keys always agree.
import type { ActorReference, AttioEntry, AttioRecord, AttioValue, AttioValues } from '../attio/types';

export type Flat = string | number | boolean | null | Flat[] | { [key: string]: Flat };
export type FlatRecord = { [key: string]: Flat };

/** Multiselect system attributes: always arrays, plus a singular convenience key with the first value. */
export const ALWAYS_LIST: Readonly<Record<string, string>> = { email_addresses: 'email', domains: 'domain', phone_numbers: 'phone' };

/** The singular key of an always-list attribute, by own key only: a slug like `constructor` finds nothing. */
export function singularKey(slug: string): string | undefined {
  return Object.hasOwn(ALWAYS_LIST, slug) ? ALWAYS_LIST[slug] : undefined;
}

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
export const LOCATION_PARTS = ['line_1', 'line_2', 'line_3', 'line_4', 'locality', 'region', 'postcode', 'country_code'] as const;

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

/** The id Attio gives an option or status (`{ id: { option_id } }`), beside its title. */
function choiceId(v: AttioValue): string | null {
  const choice = (v.attribute_type === 'status' ? v.status : v.option) as { id?: Record<string, unknown> } | undefined;
  return str(choice?.id?.[v.attribute_type === 'status' ? 'status_id' : 'option_id']);
}

/** An interaction's owner (`owner_actor`), or an actor-reference value's actor, as `{ type, id }`. */
function actorOf(v: AttioValue): ActorReference | null {
  if (v.attribute_type === 'actor-reference') {
    return { type: (str(v.referenced_actor_type) as ActorReference['type']) ?? null, id: str(v.referenced_actor_id) };
  }
  if (v.attribute_type === 'interaction') {
    const owner = v.owner_actor as Partial<ActorReference> | undefined;
    return owner ? { type: owner.type ?? null, id: owner.id ?? null } : null;
  }
  return null;
}

/** One value per current value, shaped like the attribute's main key: a scalar for one, a list for several. */
function shaped(items: Flat[]): Flat {
  return items.length > 1 ? items : (items[0] ?? null);
}

/**
 * What Attio sends beside the readable value, kept side by side with it: the option or status id, the
 * phone number's country, the actor's type, the interaction's type and owner. (Actors' names and emails
 * need the member list: src/zapier/actors.ts adds `<key>_name` and `<key>_email` for every key
 * actorReferences lists.)
 */
function sideBySide(slug: string, current: AttioValue[], out: FlatRecord): void {
  const first = current[0];
  if (!first) return;
  switch (first.attribute_type) {
    case 'select':
      out[`${slug}_option_id`] = shaped(current.map(choiceId));
      break;
    case 'status':
      out[`${slug}_status_id`] = shaped(current.map(choiceId));
      break;
    case 'phone-number':
      out[`${ALWAYS_LIST[slug] ?? slug}_country_code`] = str(first.country_code);
      break;
    case 'actor-reference':
      out[`${slug}_type`] = shaped(current.map((v) => actorOf(v)?.type ?? null));
      break;
    case 'interaction':
      out[`${slug}_type`] = str(first.interaction_type);
      out[`${slug}_owner_id`] = actorOf(first)?.id ?? null;
      out[`${slug}_owner_type`] = actorOf(first)?.type ?? null;
      break;
    default:
  }
}

/**
 * Where a values map names actors, for the output keys that get their names: an actor-reference attribute
 * (`slug`, every current value) and an interaction's owner (`slug_owner`, the first value's).
 */
export function actorReferences(values: AttioValues): Array<{ key: string; actors: ActorReference[] }> {
  const out: Array<{ key: string; actors: ActorReference[] }> = [];
  for (const [slug, list] of Object.entries(values)) {
    const current = list.filter((v) => v.active_until === undefined || v.active_until === null);
    const first = current[0];
    if (first?.attribute_type === 'actor-reference') {
      out.push({ key: slug, actors: current.map(actorOf).filter((a): a is ActorReference => a !== null) });
    } else if (first?.attribute_type === 'interaction') {
      const owner = actorOf(first);
      if (owner) out.push({ key: `${slug}_owner`, actors: [owner] });
    }
  }
  return out;
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
    const singular = singularKey(slug);
    if (singular) {
      out[slug] = flat;
      out[singular] = flat[0] ?? null;
    } else {
      out[slug] = flat.length > 1 ? flat : (flat[0] ?? null);
    }
    companions(slug, current[0], out);
    sideBySide(slug, current, out);
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

function current(values: AttioRecord['values'], slug: string): AttioValue | undefined {
  return values[slug]?.find((v) => v.active_until === undefined || v.active_until === null);
}

function text(value: AttioValue | undefined): string | undefined {
  const flat = value ? flattenValue(value) : null;
  return typeof flat === 'string' && flat.trim() !== '' ? flat : undefined;
}

/**
 * What a person picks a record by: the name with the email (people) or domain (companies), else the
 * name alone, else the first text value, else the record id.
 */
export function recordLabel(record: AttioRecord): string {
  const values = record.values ?? {};
  const name = text(current(values, 'name'));
  const detail = text(current(values, 'email_addresses')) ?? text(current(values, 'domains'));
  if (name && detail) return `${name} (${detail})`;
  const either = name ?? detail;
  if (either) return either;
  for (const list of Object.values(values)) {
    const value = list.find((v) => v.attribute_type === 'text' && (v.active_until === undefined || v.active_until === null));
    const label = text(value);
    if (label) return label;
  }
  return record.id.record_id;
}

// Dynamic input fields for an object's or a list's attributes (custom ones included), and the fold of
// their `values__<api_slug>` inputs back into Attio values. Shared by every operation that writes
// attribute values: create_person, create_company, add_to_list (lists), and the generic create_record,
// update_record, identify_user and group_workspace (which keep two objects apart with a key prefix).
//
// Why a cache: formatting a value needs its attribute's type (a number field must send {value: 42}, a
// name field first/last/full), but the request budget allows one Attio request per create. So the
// field load, which fetches the attributes anyway, stores their metadata in z.cache (scoped to the
// connection), and perform reads it there. perform only fetches the attributes itself when custom
// fields are mapped AND the cache has no entry for one of them (expired, or a field added since); it
// then re-caches. Select options are checked against the cached list; an unknown one is re-fetched
// once before we stop with the valid options, so an option added in Attio after caching still works.
import type { Bundle, PlainInputField, PlainOutputField, ZObject } from 'zapier-platform-core';
import { listAttributes, listSelectOptions, listStatuses, type AttioValuesInput } from '../../attio/endpoints';
import { AUTH_SCOPE, cacheGet, cacheSet } from '../../attio/cache';
import type { AttioCall } from '../../attio/request';

import { ATTRIBUTE_VALUES, formatOptionsOf, isMappedLater, KEEP_SUBDOMAINS_FIELD, mappedParentFields } from './index';
import { chosenValue, isMapped, inputError, keyedInput, listInput, shown } from '../../values/parse';
import { attributeCatalog } from '../../attio/attributes';
import { formatAttribute, noLongerWritable, unknownOptions, type AttributeMeta } from '../../values/write';
import { writeMetadataKey, type AttributeTarget } from '../../attio/write_metadata';
import type { AttioAttribute, AttioAttributeType } from '../../attio/types';
import { attributeOutputFields } from '../outputs';

export type { AttributeTarget };

/** Input keys of attribute fields: `values__<api_slug>`. */
export const VALUES_PREFIX = 'values__';

/** A day: long enough for busy Zaps to skip the lookup, short enough that schema changes show up. */
const CACHE_TTL_SECONDS = 24 * 60 * 60;

/** Types Zapier can offer as an input; interaction values are written by Attio only. */
const WRITABLE_TYPES: ReadonlySet<AttioAttributeType> = new Set([
  'text',
  'number',
  'checkbox',
  'currency',
  'date',
  'timestamp',
  'rating',
  'status',
  'select',
  'record-reference',
  'actor-reference',
  'location',
  'domain',
  'email-address',
  'phone-number',
  'personal-name',
]);

/** Attio type → Zapier field type, and for free-text formats an example of what Attio accepts. */
const FIELD_TYPES: Record<AttioAttributeType, { type: NonNullable<PlainInputField['type']>; help?: string }> = {
  text: { type: 'string' },
  number: { type: 'number' },
  currency: { type: 'number', help: 'An amount, like 1250.50 (in the currency set on this attribute in Attio).' },
  rating: { type: 'integer', help: 'A whole number from 0 to 5.' },
  checkbox: { type: 'boolean' },
  date: { type: 'datetime', help: 'A date, like 2025-01-15.' },
  timestamp: { type: 'datetime', help: 'A date and time, like 2025-01-15T10:30:00Z.' },
  select: { type: 'string' },
  status: { type: 'string' },
  'personal-name': { type: 'string', help: 'A full name, like "Ada Lovelace", or "Lovelace, Ada" (last name first).' },
  'phone-number': { type: 'string', help: 'In international format with the country code, like +44 20 7946 0958.' },
  location: { type: 'string', help: 'An address on one line, like "1 Infinite Loop, Cupertino, CA, 95014, US".' },
  'record-reference': {
    type: 'string',
    help: 'The record to link: its record ID (or `object:record_id`, like `companies:891dcbfc-9141-415d-9b2a-2238a6cc012d`), an email address for a person, or a domain for a company. The record must already exist.',
  },
  'actor-reference': { type: 'string', help: 'A workspace member: their email address, like alice@acme.com.' },
  'email-address': { type: 'string', help: 'An email address, like ada@example.com.' },
  domain: { type: 'string', help: 'A domain, like acme.com.' },
  interaction: { type: 'string' },
};

function cacheKey(target: AttributeTarget, identifier: string): string {
  // One key for both this cache and its drop after a write Attio refused for a gone attribute (the request layer).
  return writeMetadataKey(target, identifier);
}

/** Metadata kept for formatting: only writable, live attributes. */
export function toMeta(attribute: AttioAttribute): AttributeMeta {
  const allowed = attribute.config?.record_reference?.allowed_object_ids;
  return {
    id: attribute.id.attribute_id,
    slug: attribute.api_slug,
    title: attribute.title,
    type: attribute.type,
    multiselect: attribute.is_multiselect,
    unique: attribute.is_unique,
    ...(allowed ? { allowedObjectIds: allowed } : {}),
    ...(attribute.type === 'currency' ? { currency: attribute.config?.currency?.default_currency_code ?? null } : {}),
  };
}

function isInputAttribute(attribute: AttioAttribute): boolean {
  return !attribute.is_archived && attribute.is_writable && WRITABLE_TYPES.has(attribute.type);
}

/** Options of select attributes and statuses of status attributes, all requests at once. */
async function withOptions(z: ZObject, target: AttributeTarget, identifier: string, metas: AttributeMeta[]): Promise<AttributeMeta[]> {
  return Promise.all(
    metas.map(async (m) => {
      if (m.type === 'select') {
        const options = await listSelectOptions(z, target, identifier, m.slug);
        return { ...m, options: options.filter((o) => !o.is_archived).map((o) => ({ id: o.id.option_id, title: o.title })) };
      }
      if (m.type === 'status') {
        const statuses = await listStatuses(z, target, identifier, m.slug);
        return { ...m, options: statuses.filter((s) => !s.is_archived).map((s) => ({ id: s.id.status_id, title: s.title })) };
      }
      return m;
    }),
  );
}

/** An attribute that exists but cannot be written (Attio or an integration sets it): named when asked for. */
interface UnwritableAttribute {
  slug: string;
  title: string;
}

/** What is known of an object's or list's attributes, as cached. */
interface CacheEntry {
  attributes: AttributeMeta[];
  /** The live attributes that cannot be written; absent in entries cached before it was kept. */
  unwritable?: UnwritableAttribute[];
}

function unwritableOf(attributes: readonly AttioAttribute[]): UnwritableAttribute[] {
  return attributes.filter((a) => !a.is_archived && !isInputAttribute(a)).map((a) => ({ slug: a.api_slug, title: a.title }));
}

/** The cached metadata, or undefined when there is none (or no cache): then perform fetches it. */
async function readCache(z: ZObject, target: AttributeTarget, identifier: string): Promise<CacheEntry | undefined> {
  const entry = (await cacheGet(z, cacheKey(target, identifier), AUTH_SCOPE)) as Partial<CacheEntry> | null;
  if (!Array.isArray(entry?.attributes)) return undefined;
  return { attributes: entry.attributes, ...(Array.isArray(entry.unwritable) ? { unwritable: entry.unwritable } : {}) };
}

async function writeCache(z: ZObject, target: AttributeTarget, identifier: string, entry: CacheEntry): Promise<void> {
  await cacheSet(z, cacheKey(target, identifier), entry satisfies CacheEntry, CACHE_TTL_SECONDS, AUTH_SCOPE);
}

/** How an operation shows an object's or list's attributes as fields. */
export interface FieldOptions {
  /** api slugs already covered by the operation's static fields. */
  skip?: readonly string[];
  /** Input key prefix (default `values__`): a step writing two objects keeps their fields apart. */
  prefix?: string;
  /** Put before each label, like "User: " (with a prefix other than the default). */
  labelPrefix?: string;
  /**
   * Labels of the step's static fields: an attribute with the same title (a custom "Phone" beside the step's
   * own Phone) is labelled "Phone (Attio Attribute)", so the two can be told apart in the form and in errors.
   */
  staticLabels?: readonly string[];
  /** Never required (an update sends only what is mapped). */
  optional?: boolean;
  /** Add the step-wide Phone Country field when a phone attribute is offered. */
  phoneCountry?: boolean;
  /** Add the step-wide Keep Subdomains field when a domain or record-reference attribute is offered. */
  keepSubdomains?: boolean;
}

/** The field for the country of phone numbers mapped without +: read by collectValues. */
export const PHONE_COUNTRY_FIELD = {
  key: 'phone_country',
  label: 'Phone Country',
  type: 'string',
  required: false,
  helpText:
    'The two-letter country code (like US or GB) of phone numbers mapped without a leading + and country code. Numbers that start with + (or 00) do not need it.',
} as const satisfies PlainInputField;

/**
 * A workspace's own attribute description as the first sentence of a help text: it ends with a full stop,
 * so the type's hint after it ("A date, like 2025-01-15.") starts a sentence of its own.
 */
function sentence(description: string | null | undefined): string | undefined {
  const text = description?.trim();
  if (!text) return undefined;
  return /[.!?:)"'`]$/.test(text) ? text : `${text}.`;
}

/** The labels of a step's static fields (its field functions left out), for FieldOptions.staticLabels. */
export function staticLabelsOf(fields: readonly unknown[]): string[] {
  return fields.flatMap((f) => (f && typeof f === 'object' && typeof (f as PlainInputField).label === 'string' ? [(f as PlainInputField).label as string] : []));
}

/** The label of an attribute's field, also what errors call it (see FieldOptions.labelPrefix and staticLabels). */
function attributeLabel(meta: Pick<AttributeMeta, 'title'>, options: Pick<FieldOptions, 'labelPrefix' | 'staticLabels'>): string {
  const label = `${options.labelPrefix ?? ''}${meta.title}`;
  const taken = (options.staticLabels ?? []).some((l) => l.trim().toLowerCase() === label.trim().toLowerCase());
  return taken ? `${label.trim()} (Attio Attribute)` : label;
}

/** Zapier's field for one attribute. */
export function attributeField(
  meta: AttributeMeta,
  attribute: Pick<AttioAttribute, 'is_required' | 'description'>,
  options: Pick<FieldOptions, 'prefix' | 'labelPrefix' | 'optional' | 'staticLabels'> = {},
): PlainInputField {
  const { type, help: typeHelp } = Object.hasOwn(FIELD_TYPES, meta.type) ? FIELD_TYPES[meta.type] : { type: 'string' as const, help: undefined };
  // Zapier's schema wants at least one choice: an attribute with no live option is a text field that says so
  // (an option added in Attio later is found at run time, see attributeMetas).
  const noOptions = meta.options?.length === 0;
  const help = noOptions
    ? `This ${meta.type === 'status' ? 'status attribute has no statuses' : 'select attribute has no options'} in Attio yet: add them there and refresh the fields, or type one added since.`
    : typeHelp;
  const helpText = [sentence(attribute.description), help].filter(Boolean).join(' ');
  const field: PlainInputField = {
    key: `${options.prefix ?? VALUES_PREFIX}${meta.slug}`,
    label: attributeLabel(meta, options),
    type,
    required: !options.optional && attribute.is_required,
    ...(meta.multiselect ? { list: true } : {}),
    ...(helpText ? { helpText } : {}),
  };
  if (meta.options?.length) {
    field.choices = meta.options.map((o) => ({ value: o.title, label: o.title, sample: o.title }));
  }
  return field;
}

/** The writable attributes of an object or list with their metadata (choices included), as fields need them. */
export interface LoadedAttributes {
  attributes: AttioAttribute[];
  /** Same order as `attributes`. */
  metas: AttributeMeta[];
}

/**
 * Loads the writable attributes: one request for the attributes, then one parallel batch for the
 * choices of select and status attributes. Caches what collectValues needs to format values later
 * without asking Attio again.
 * @param target `objects` or `lists`
 * @param identifier slug or id of the object or list
 */
export async function loadAttributes(
  z: ZObject,
  target: AttributeTarget,
  identifier: string,
  explain?: AttioCall['explain'],
): Promise<LoadedAttributes> {
  const all = await listAttributes(z, target, identifier, explain);
  const attributes = all.filter(isInputAttribute);
  const metas = await withOptions(z, target, identifier, attributes.map(toMeta));
  await writeCache(z, target, identifier, { attributes: metas, unwritable: unwritableOf(all) });
  return { attributes, metas };
}

/**
 * Fields for loaded attributes (see FieldOptions), required ones first and otherwise in Attio's order
 * (Zapier's publishing requirements 4.2.5/5.2.2: required fields at the top of the form).
 */
export function fieldsFor(loaded: LoadedAttributes, options: FieldOptions = {}): PlainInputField[] {
  const skip = new Set(options.skip ?? []);
  const all = loaded.attributes.flatMap((attribute, i) => {
    const meta = loaded.metas[i];
    return meta && !skip.has(attribute.api_slug) ? [attributeField(meta, attribute, options)] : [];
  });
  const fields = [...all.filter((f) => f.required === true), ...all.filter((f) => f.required !== true)];
  const offered = (types: string[]) => loaded.metas.some((m) => types.includes(m.type) && !skip.has(m.slug));
  return [
    ...fields,
    ...(options.phoneCountry && offered(['phone-number']) ? [PHONE_COUNTRY_FIELD] : []),
    ...(options.keepSubdomains && offered(['domain', 'record-reference']) ? [KEEP_SUBDOMAINS_FIELD as PlainInputField] : []),
  ];
}

/**
 * Input fields for the writable attributes of an object or list (see loadAttributes for the requests).
 * @param target `objects` or `lists`
 * @param identifier slug or id of the object or list
 */
export async function attributeFields(
  z: ZObject,
  target: AttributeTarget,
  identifier: string,
  options: FieldOptions = {},
): Promise<PlainInputField[]> {
  return fieldsFor(await loadAttributes(z, target, identifier), options);
}

/**
 * What a step shows in place of the attribute fields when its Object (or List) is mapped from an earlier
 * step: the note, Attribute Values (read by collectValues with `attributeValues`), and the step-wide
 * Phone Country and Keep Subdomains the step offers (whether the values need them cannot be known yet).
 */
export function mappedAttributeFields(target: AttributeTarget, options: Pick<FieldOptions, 'phoneCountry' | 'keepSubdomains'> = {}): PlainInputField[] {
  return [
    ...mappedParentFields(target === 'lists' ? 'list' : 'object'),
    ...(options.phoneCountry ? [PHONE_COUNTRY_FIELD] : []),
    ...(options.keepSubdomains ? [KEEP_SUBDOMAINS_FIELD as PlainInputField] : []),
  ];
}

/**
 * The dynamic fields of the object or list chosen in the step's `object` (or `list`) field: one field per
 * writable attribute, none until something is chosen (mappedAttributeFields when it is mapped from an
 * earlier step). The one wrapper every step with such fields uses.
 */
export function chosenAttributeFields(target: AttributeTarget, options: FieldOptions = {}) {
  const inputKey = target === 'lists' ? 'list' : 'object';
  return async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> => {
    const chosen = chosenValue(bundle.inputData[inputKey]);
    if (chosen) return attributeFields(z, target, chosen, options);
    return isMappedLater(bundle.inputData[inputKey]) ? mappedAttributeFields(target, options) : [];
  };
}

/** The `values__` (or `prefix`) inputs the user mapped, by api slug. */
export function mappedAttributeInputs(inputData: Record<string, unknown>, prefix = VALUES_PREFIX): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(inputData)) {
    if (key.startsWith(prefix) && isMapped(value)) out.set(key.slice(prefix.length), value);
  }
  return out;
}

export interface CollectedValues {
  /** Attio `values` (or `entry_values`): only mapped attributes, each an array. */
  values: AttioValuesInput;
  /** api slug → field label, for error messages (errors.ts `fieldLabels`). */
  fieldLabels: Record<string, string>;
  /** The attributes' metadata when it was needed (something was mapped), for checks beyond formatting. */
  attributes?: AttributeMeta[];
  /** api slug → the value as given (typed field or Attribute Values), for messages about it. */
  inputs?: Record<string, unknown>;
}

/** An Attribute Values row resolved to its attribute: the key as written and the value. */
interface KeyedValue {
  key: string;
  raw: unknown;
}

/** What a key of Attribute Values names: an attribute by API slug, else by title (any case). */
type KeyMatch = { meta: AttributeMeta } | { unwritable: UnwritableAttribute } | { several: string[] } | undefined;

function matchKey(entry: CacheEntry, key: string): KeyMatch {
  const all = [...entry.attributes.map((meta) => ({ slug: meta.slug, title: meta.title, meta })), ...(entry.unwritable ?? []).map((u) => ({ ...u, meta: undefined }))];
  const lower = key.toLowerCase();
  const titled = all.filter((a) => a.title.trim().toLowerCase() === lower);
  const found = all.find((a) => a.slug === key) ?? all.find((a) => a.slug.toLowerCase() === lower) ?? (titled.length === 1 ? titled[0] : undefined);
  if (found) return found.meta ? { meta: found.meta } : { unwritable: { slug: found.slug, title: found.title } };
  return titled.length > 1 ? { several: titled.map((a) => a.slug) } : undefined;
}

/** Examples of keys for a message: the first writable slugs. */
function someSlugs(entry: CacheEntry): string {
  const slugs = entry.attributes.map((m) => m.slug);
  return `${slugs.slice(0, 12).join(', ')}${slugs.length > 12 ? ', …' : ''}`;
}

/**
 * The attributes the Attribute Values rows name, by API slug.
 * @param typedLabel the label of the typed field of an attribute, named when both give it
 * @throws z.errors.Error naming Attribute Values and the key: unknown, read-only, ambiguous, or given twice
 */
function resolveKeyed(
  entry: CacheEntry,
  keyed: ReadonlyArray<readonly [string, unknown]>,
  typed: ReadonlyMap<string, unknown>,
  where: string,
  typedLabel: (meta: AttributeMeta) => string,
): Map<string, KeyedValue> {
  const L = ATTRIBUTE_VALUES.label;
  const out = new Map<string, KeyedValue>();
  for (const [key, raw] of keyed) {
    const match = matchKey(entry, key);
    if (!match) {
      throw inputError(`${L} has the key "${key}", which is not an attribute of "${where}" in Attio (it may have been archived, or the key misspelled). Use the attribute's API slug, as Attio shows it in the attribute's settings; the attributes you can write are: ${someSlugs(entry)}.`);
    }
    if ('several' in match) {
      throw inputError(`${L} has the key "${key}", the title of several attributes of "${where}" (${match.several.join(', ')}). Use the API slug of the one to write as the key.`);
    }
    if ('unwritable' in match) {
      throw inputError(`${L} has the key "${key}", but ${match.unwritable.title} (${match.unwritable.slug}) is read-only in Attio: its values are set by Attio, not written. Remove it from ${L}.`);
    }
    const { meta } = match;
    const other = out.get(meta.slug);
    if (other) throw inputError(`${L} has both "${other.key}" and "${key}", which name the same attribute, ${meta.title} (${meta.slug}). Keep one of them.`);
    if (typed.has(meta.slug)) {
      throw inputError(`Both the ${typedLabel(meta)} field and ${L} ("${key}") give a value for ${meta.title} (${meta.slug}). Fill in one of them.`);
    }
    out.set(meta.slug, { key, raw });
  }
  return out;
}

/**
 * The metadata of an object's or list's attributes, enough to check and format the mapped values (`typed`:
 * api slug → raw input; `keyed`: the Attribute Values rows, resolved here): from the cache when it covers
 * them, else fetched (then re-cached). Every key is resolved before any further request, so an unknown one
 * costs the attribute read only. Select and status choices of mapped attributes are fetched when missing, or
 * re-fetched once when the cached ones lack a mapped value, in case the option was added in Attio since it
 * was cached.
 */
async function metasFor(
  z: ZObject,
  target: AttributeTarget,
  identifier: string,
  typed: ReadonlyMap<string, unknown>,
  explain?: AttioCall['explain'],
  keyed: ReadonlyArray<readonly [string, unknown]> = [],
  typedLabel: (meta: AttributeMeta) => string = (meta) => meta.title,
): Promise<{ metas: AttributeMeta[]; keyed: Map<string, KeyedValue> }> {
  const cached = await readCache(z, target, identifier);
  // A key the cache cannot place (or a cache from before read-only attributes were kept) is looked up afresh.
  const covers = (entry: CacheEntry) =>
    [...typed.keys()].every((slug) => entry.attributes.some((m) => m.slug === slug)) &&
    (keyed.length === 0 || (entry.unwritable !== undefined && keyed.every(([key]) => { const m = matchKey(entry, key); return m !== undefined && !('several' in m); })));
  let entry = cached && covers(cached) ? cached : undefined;
  const fresh = !entry;
  if (!entry) {
    const all = await listAttributes(z, target, identifier, explain);
    entry = { attributes: all.filter(isInputAttribute).map(toMeta), unwritable: unwritableOf(all) };
  }
  const byAttribute = resolveKeyed(entry, keyed, typed, identifier, typedLabel);
  const mapped = new Map<string, unknown>([...typed, ...[...byAttribute].map(([slug, k]) => [slug, k.raw] as const)]);

  const current = entry.attributes;
  let metas = current;
  const stale = current.filter((m) => {
    const raw = mapped.get(m.slug);
    if (raw === undefined || (m.type !== 'select' && m.type !== 'status')) return false;
    return !m.options || (!fresh && unknownOptions(m, raw).length > 0);
  });
  if (stale.length) {
    const refreshed = await withOptions(z, target, identifier, stale.map(({ options: _options, ...m }) => m));
    metas = current.map((m) => refreshed.find((r) => r.slug === m.slug) ?? m);
  }
  if (fresh || stale.length) await writeCache(z, target, identifier, { ...entry, attributes: metas });
  return { metas, keyed: byAttribute };
}

/**
 * The metadata of an object's or list's attributes, enough to check and format the `mapped` values (api
 * slug → raw input): see metasFor.
 */
export async function attributeMetas(
  z: ZObject,
  target: AttributeTarget,
  identifier: string,
  mapped: ReadonlyMap<string, unknown>,
  explain?: AttioCall['explain'],
): Promise<AttributeMeta[]> {
  return (await metasFor(z, target, identifier, mapped, explain)).metas;
}

/**
 * The attribute behind a mapped field.
 * @throws z.errors.Error when it is no longer a writable attribute (archived or deleted since the fields loaded)
 */
export function mappedAttribute(metas: readonly AttributeMeta[], slug: string, raw: unknown): AttributeMeta {
  const meta = metas.find((m) => m.slug === slug);
  if (meta) return meta;
  throw inputError(`${noLongerWritable(slug)} Value: "${shown(raw)}".`);
}

/**
 * Folds the `values__<api_slug>` inputs back into Attio values, formatted per attribute type, and with
 * `attributeValues` the rows of Attribute Values too (key: API slug, or a title no other attribute has),
 * formatted the same way. No request when nothing custom is mapped or the cached metadata covers it (see
 * the header comment).
 * @throws z.errors.Error naming the field for an invalid value, an unknown option, or an Attribute Values key
 *   that is no writable attribute or repeats another; nothing is sent then
 */
export async function collectValues(
  z: ZObject,
  inputData: Record<string, unknown>,
  target: AttributeTarget,
  identifier: string,
  options: Pick<FieldOptions, 'prefix' | 'labelPrefix' | 'staticLabels'> & { explain?: AttioCall['explain']; attributeValues?: boolean } = {},
): Promise<CollectedValues> {
  const mapped = mappedAttributeInputs(inputData, options.prefix);
  const rows = options.attributeValues ? keyedInput(inputData[ATTRIBUTE_VALUES.key], ATTRIBUTE_VALUES.label) : [];
  if (mapped.size === 0 && rows.length === 0) return { values: {}, fieldLabels: {} };
  const formatOptions = formatOptionsOf(inputData);
  const { metas, keyed } = await metasFor(z, target, identifier, mapped, options.explain, rows, (meta) => attributeLabel(meta, options));

  const values: AttioValuesInput = {};
  const fieldLabels: Record<string, string> = {};
  const inputs: Record<string, unknown> = {};
  const add = (meta: AttributeMeta, raw: unknown, label: string) => {
    fieldLabels[meta.slug] = label;
    inputs[meta.slug] = raw;
    values[meta.slug] = formatAttribute(meta, raw, label, formatOptions);
  };
  for (const [slug, raw] of mapped) {
    const meta = mappedAttribute(metas, slug, raw);
    add(meta, raw, attributeLabel(meta, options));
  }
  for (const [slug, { key, raw }] of keyed) add(mappedAttribute(metas, slug, raw), raw, `${ATTRIBUTE_VALUES.label}: ${key}`);
  return { values, fieldLabels, attributes: metas, inputs };
}

/**
 * Output fields for a record of the chosen object (`object` input): labels for every attribute's keys, so
 * Zapier shows "Hours estimate" for `hours_estimate`. One request, when Zapier asks (setting up a step),
 * never at run time.
 */
export async function objectOutputFields(z: ZObject, bundle: Bundle): Promise<PlainOutputField[]> {
  const object = chosenValue(bundle.inputData.object);
  return object ? attributeOutputFields(await listAttributes(z, 'objects', object)) : [];
}

/** Output fields for an entry of the chosen list (`list` input): labels for the list's own attributes. */
export async function listOutputFields(z: ZObject, bundle: Bundle): Promise<PlainOutputField[]> {
  const list = chosenValue(bundle.inputData.list);
  return list ? attributeOutputFields(await listAttributes(z, 'lists', list)) : [];
}

/** Keys and labels of the change triggers' inputs (fields/index.ts changeInputFields), for what names them. */
export const CHANGE_INPUTS = {
  attributes: { key: 'attributes', label: 'Attributes' },
  changedTo: { key: 'changed_to', label: 'Changed To' },
  ignoreOwn: { key: 'ignore_own_changes', label: 'Ignore Changes Made by This Connection' },
  ignoreSystem: { key: 'ignore_system_changes', label: 'Ignore Changes Made by Attio' },
} as const;

/**
 * The Changed To field of the change triggers: shown when exactly one select or status attribute is
 * watched; its options are that attribute's live options or statuses, by title, with their ids as values
 * (so a renamed status still matches). Two requests at most (the attribute catalog is cached).
 */
export function changedToFields(target: AttributeTarget) {
  return async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> => {
    const identifier = chosenValue(target === 'objects' ? bundle.inputData.object : bundle.inputData.list);
    const slugs = [...new Set(listInput(bundle.inputData[CHANGE_INPUTS.attributes.key]))];
    if (!identifier || slugs.length !== 1) return [];
    const info = (await attributeCatalog(z, target, identifier)).attributes.find((a) => a.slug === slugs[0]);
    if (!info || (info.type !== 'select' && info.type !== 'status')) return [];
    const choices =
      info.type === 'select'
        ? (await listSelectOptions(z, target, identifier, info.slug)).filter((o) => !o.is_archived).map((o) => ({ id: o.id.option_id, title: o.title }))
        : (await listStatuses(z, target, identifier, info.slug)).filter((s) => !s.is_archived).map((s) => ({ id: s.id.status_id, title: s.title }));
    // Nothing to choose (Zapier's schema wants at least one choice): every change of the attribute triggers.
    if (choices.length === 0) return [];
    return [
      {
        key: CHANGE_INPUTS.changedTo.key,
        label: CHANGE_INPUTS.changedTo.label,
        required: false,
        list: true,
        choices: choices.map((c) => ({ value: c.id, label: c.title, sample: c.id })),
        helpText: `Trigger only when ${info.title} changes to one of these. Leave empty to trigger on any change of ${info.title}.`,
      },
    ];
  };
}

/**
 * The inputs the change triggers share after the object or list: the attributes to watch (a dropdown of
 * the chosen object's or list's attributes), Changed To (shown when one select or status attribute is
 * watched) and the two ignore options that prevent loops and system noise.
 */
export function changeInputFields(parent: 'object' | 'list') {
  const noun = parent === 'object' ? 'record' : 'entry';
  return [
    {
      key: CHANGE_INPUTS.attributes.key,
      label: CHANGE_INPUTS.attributes.label,
      required: false,
      list: true,
      dynamic: 'list_attributes.id.name',
      altersDynamicFields: true,
      helpText: `Only changes to these attributes trigger. Leave empty to trigger on a change to any attribute of the ${noun}. Choose a single stage or select attribute to pick the values it must change to.`,
    },
    changedToFields(parent === 'object' ? 'objects' : 'lists'),
    {
      key: CHANGE_INPUTS.ignoreOwn.key,
      label: CHANGE_INPUTS.ignoreOwn.label,
      type: 'boolean',
      required: false,
      default: 'true',
      helpText: `Changes written through this Attio connection (by any of its actions, in any Zap) do not trigger. Keep this on when the Zap updates the ${noun} it was triggered by, so it does not trigger itself in a loop. Attio records such changes as made by the Zapier app, so changes made through another Zapier connection to the same workspace are ignored too.`,
    },
    {
      key: CHANGE_INPUTS.ignoreSystem.key,
      label: CHANGE_INPUTS.ignoreSystem.label,
      type: 'boolean',
      required: false,
      default: 'true',
      helpText: 'Changes Attio makes itself (formula and rollup recomputes, enrichment) do not trigger.',
    },
  ] as const;
}

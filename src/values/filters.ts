// The `filter` of POST /v2/objects/{object}/records/query for "the record whose <attribute> equals <value>",
// used by the find_record search. Pure: the value is checked and normalised by the write path
// (src/values/write.ts), so a search matches what a create wrote, and a bad value fails the same way.
import type { AttioAttributeType } from '../attio/types';
import { asList, invalidInput as invalid, recordIdInput, inputError } from './parse';
import { formatOne, internationalPhone, referenceById, type AttributeMeta, type FormatOptions } from './write';

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
    throw invalid(label, raw, 'is not a phone number in international format. Find Record compares whole numbers: include the country code, like +44 20 7946 0958.');
  }
  return `+${international.replace(/\D/g, '')}`;
}

function referencedRecordId(meta: AttributeMeta, raw: unknown, label: string): string {
  const ref = referenceById(meta, raw, label);
  if (!ref) {
    throw invalid(label, raw, 'is not a record ID. Find Record matches a linked record by its ID: map the record ID output by an earlier Attio step (or write object:record_id).');
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
  if (values.length > 1) throw invalid(label, raw, `holds ${values.length} values, but Find Record searches for one. Map a single value.`);
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
      return { [slug]: written(meta, value, label, 'domain') };
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
      throw inputError(`Find Record cannot search by ${meta.title} (an Attio ${type} attribute). Choose another attribute to search by.`);
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

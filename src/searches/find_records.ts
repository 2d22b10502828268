// POST /v2/objects/{object}/records/query (paged by offset): every record whose attribute equals the value
// (and, when given, whose second attribute equals the second value), up to a limit. Zapier uses only the
// first item a search returns, so the one item holds them all as line items: count, records, ids.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { formatOptionsOf, objectField } from '../zapier/fields';
import { queryRecordsUpTo } from '../attio/endpoints';
import { attributeDropdown, conditionsFilter, type AttributeCondition } from '../zapier/fields/search';
import { identifierInput, inputError, isMapped, slugInput } from '../values/parse';
import { readableRecords } from '../zapier/readable';
import { recordListOutputFields } from '../zapier/outputs';
import recordSample from '../samples/record.json';

const LABELS = {
  attribute: 'Attribute',
  value: 'Value',
  attribute_2: 'Second Attribute',
  value_2: 'Second Value',
  limit: 'Limit',
} as const;

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;
/** Attio's default (and our) page size: one request per 500 records. */
export const PAGE_SIZE = 500;

const inputFields = defineInputFields([
  objectField({ helpText: 'The kind of records to find: People, Companies, Deals, or one of your custom objects.' }),
  attributeDropdown({
    key: 'attribute',
    label: LABELS.attribute,
    required: true,
    withRecordId: true,
    keepSubdomains: true,
    helpText: 'The attribute to match, like Stage on Deals or Categories on Companies. Text must match exactly; options and statuses match by their title.',
  }),
  {
    key: 'value',
    label: LABELS.value,
    required: true,
    helpText: 'The value the attribute must have: text, a number, an option or status by its title, an email address, a domain, or a record ID.',
  },
  attributeDropdown({
    key: 'attribute_2',
    label: LABELS.attribute_2,
    required: false,
    helpText: 'Optional: a second attribute that must match too (both must match), like Associated company.',
  }),
  {
    key: 'value_2',
    label: LABELS.value_2,
    required: false,
    helpText: 'The value the second attribute must have.',
  },
  {
    key: 'limit',
    label: LABELS.limit,
    type: 'integer',
    required: false,
    default: String(DEFAULT_LIMIT),
    helpText: `The most records to return, from 1 to ${MAX_LIMIT}. The oldest records come first.`,
  },
]);

/**
 * The limit: a whole number from 1 to MAX_LIMIT; empty is the default.
 * @throws z.errors.Error naming the field for anything else
 */
function limitInput(raw: unknown): number {
  if (!isMapped(raw)) return DEFAULT_LIMIT;
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw inputError(`${LABELS.limit} "${String(raw)}" is not a whole number from 1 to ${MAX_LIMIT}. Leave it empty for ${DEFAULT_LIMIT}.`);
  }
  return n;
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const object = slugInput(input.object, 'Object', 'object');
  const limit = limitInput(input.limit);
  const conditions: AttributeCondition[] = [
    { slug: identifierInput(input.attribute, LABELS.attribute) ?? '', value: input.value, attributeLabel: LABELS.attribute, valueLabel: LABELS.value, recordIdOffered: true },
  ];
  const second = identifierInput(input.attribute_2, LABELS.attribute_2) ?? '';
  if (second && !isMapped(input.value_2)) {
    throw inputError(`${LABELS.value_2} is empty, but ${LABELS.attribute_2} is chosen. Map the value it must have, or clear ${LABELS.attribute_2}.`);
  }
  if (!second && isMapped(input.value_2)) {
    throw inputError(`${LABELS.value_2} is filled, but no ${LABELS.attribute_2} is chosen. Choose the attribute it is for, or clear ${LABELS.value_2}.`);
  }
  if (second) conditions.push({ slug: second, value: input.value_2, attributeLabel: LABELS.attribute_2, valueLabel: LABELS.value_2 });

  const { filter, titles } = await conditionsFilter(z, object, conditions, formatOptionsOf(input));
  const records = await queryRecordsUpTo(
    z,
    object,
    { filter, sorts: [{ attribute: 'created_at', direction: 'asc' }] },
    limit,
    `find records in "${object}" by ${titles.join(' and ')}`,
    PAGE_SIZE,
  );
  // Nothing found is an empty result, as Zapier expects of a search (the Zap can stop or go on).
  if (records.length === 0) return [];
  // Members named as Find Record names them: one cached member lookup for all the records at most.
  const flat = await readableRecords(z, records, object);
  return [{ count: flat.length, ids: flat.map((r) => r.id), records: flat }];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_records',
  noun: 'Record',
  display: {
    label: 'Find Records',
    description: 'Finds every record of an object whose attributes have the given values (up to a limit), returned together as line items.',
  },
  operation: {
    inputFields,
    perform,
    sample: { count: 1, ids: [recordSample.id], records: [recordSample] },
    outputFields: recordListOutputFields,
  },
});

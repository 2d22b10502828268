// POST /v2/objects/{object}/records/query with Attio's filter for the chosen attribute's type (see
// src/values/filters.ts): records whose attribute equals the value, or nothing. Paired with create_record
// in a find-or-create.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { formatOptionsOf, objectField } from '../zapier/fields';
import { queryRecords } from '../attio/endpoints';
import { objectOutputFields } from '../zapier/fields/dynamic';
import { attributeDropdown, conditionsFilter } from '../zapier/fields/search';
import { identifierInput, slugInput } from '../values/parse';
import { readableRecords } from '../zapier/readable';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';

const ATTRIBUTE_LABEL = 'Attribute';
/** Enough for "several match" to be visible; Zapier uses the first. */
const LIMIT = 10;

/** The attribute dropdown, once an object is chosen: the record ID, then every searchable attribute. */
const attributeField = attributeDropdown({
  key: 'attribute',
  label: ATTRIBUTE_LABEL,
  required: true,
  withRecordId: true,
  keepSubdomains: true,
  helpText:
    'The attribute to match. Unique attributes (like Email addresses on People or Domains on Companies) find at most one record. Email addresses and domains are compared as the create steps write them (case ignored; a domain reduced to its registrable domain unless Keep Subdomains is set); text must match exactly.',
});

const inputFields = defineInputFields([
  objectField({ helpText: 'The kind of record to find: People, Companies, Deals, or one of your custom objects.' }),
  attributeField,
  {
    key: 'value',
    label: 'Value',
    required: true,
    helpText:
      'The value the attribute must have: an email address, a domain, a number, an option or status by its title, or a record ID. When several records match, the one created first comes first.',
  },
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const object = slugInput(input.object, 'Object', 'object');
  const { filter, titles } = await conditionsFilter(
    z,
    object,
    [{ slug: identifierInput(input.attribute, ATTRIBUTE_LABEL) ?? '', value: input.value, attributeLabel: ATTRIBUTE_LABEL, recordIdOffered: true }],
    formatOptionsOf(input),
  );
  const title = titles.join(' and ');

  const records = await queryRecords(
    z,
    object,
    { filter, sorts: [{ attribute: 'created_at', direction: 'asc' }], limit: LIMIT },
    `find records in "${object}" by ${title}`,
  );
  // No match is an empty result, never an error: Zapier then runs the create of a find-or-create.
  return readableRecords(z, records, object);
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_record',
  noun: 'Record',
  display: { label: 'Find Record', description: 'Finds a record of any object by the value of one of its attributes.' },
  operation: { inputFields, perform, sample, outputFields: [...recordOutputFields(), objectOutputFields] },
});

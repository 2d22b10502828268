// POST /v2/objects/{object}/records/query with Attio's filter for the chosen attribute's type (see
// src/values/filters.ts): records whose attribute equals the value, or nothing. Paired with create_record
// in a find-or-create.
import { defineInputFields, defineSearch, type Bundle, type PlainInputField, type SearchPerform, type ZObject } from 'zapier-platform-core';
import { objectField } from '../zapier/fields';
import { queryRecords } from '../attio/endpoints';
import { attributeMetas, loadAttributes, objectOutputFields } from '../zapier/fields/dynamic';
import { FILTERABLE_TYPES, recordFilter } from '../values/filters';
import { chosenValue, inputError } from '../values/parse';
import { readableRecords } from '../zapier/readable';
import type { AttributeMeta } from '../values/write';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';

const ATTRIBUTE_LABEL = 'Attribute';
/** The record's own id, offered beside the attributes. */
const RECORD_ID = 'record_id';
/** Enough for "several match" to be visible; Zapier uses the first. */
const LIMIT = 10;

function searchable(metas: readonly AttributeMeta[]): AttributeMeta[] {
  return metas.filter((m) => FILTERABLE_TYPES.has(m.type));
}

/** The attribute dropdown, once an object is chosen: the record ID, then every searchable attribute. */
async function attributeField(z: ZObject, bundle: Bundle): Promise<PlainInputField[]> {
  const object = chosenValue(bundle.inputData.object);
  if (!object) return [];
  const { metas } = await loadAttributes(z, 'objects', object);
  return [
    {
      key: 'attribute',
      label: ATTRIBUTE_LABEL,
      required: true,
      choices: [{ value: RECORD_ID, label: 'Record ID', sample: RECORD_ID }, ...searchable(metas).map((m) => ({ value: m.slug, label: m.title, sample: m.slug }))],
      helpText:
        'The attribute to match. Unique attributes (like Email addresses on People or Domains on Companies) find at most one record. Email addresses and domains are compared as Attio stores them (case and `www.` ignored); text must match exactly.',
    },
  ];
}

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
  const object = String(input.object ?? '').trim();
  const slug = String(input.attribute ?? '').trim();
  const value = input.value;

  let filter: Record<string, unknown>;
  let title = 'Record ID';
  if (slug === RECORD_ID) {
    filter = recordFilter(RECORD_ID, value, title);
  } else if (!slug) {
    throw inputError(`${ATTRIBUTE_LABEL} is empty. Choose the attribute to match; when Object is mapped from an earlier step, the attributes cannot be listed, so pick the object from the dropdown (or search by Record ID).`);
  } else {
    const metas = await attributeMetas(z, 'objects', object, new Map([[slug, value]]));
    const meta = metas.find((m) => m.slug === slug);
    if (!meta || !FILTERABLE_TYPES.has(meta.type)) {
      const valid = searchable(metas).map((m) => `"${m.title}"`);
      throw inputError(`${ATTRIBUTE_LABEL} "${slug}" is not a searchable attribute of "${object}" in Attio (it may have been archived, or is of a kind that cannot be matched). Choose Record ID${valid.length ? ` or one of: ${valid.join(', ')}` : ''}.`);
    }
    title = meta.title;
    filter = recordFilter(meta, value, title);
  }

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

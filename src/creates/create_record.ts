// Create or Update Record, for any object (custom ones included). With a matching attribute:
// PUT …/records?matching_attribute= (Attio's atomic assert: a replayed or racing run updates the same
// record). Without one: POST …/records, for objects that have no unique attribute (deals) or when every
// run should add a record; a clash with a unique value then says which attribute to match on instead.
// A lost answer to the POST is resolved by querying a unique value it wrote, where there is one.
import { defineCreate, defineInputFields, type Bundle, type CreatePerform, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { objectField } from '../zapier/fields';
import { assertRecord } from '../attio/endpoints';
import { createRecordOnce } from '../attio/once';
import { conflictingAttribute } from '../attio/errors';
import { collectValues, fieldsFor, loadAttributes, objectOutputFields, VALUES_PREFIX } from '../zapier/fields/dynamic';
import { chosenValue, inputError } from '../values/parse';
import { readableRecord } from '../zapier/readable';
import type { AttributeMeta } from '../values/write';
import type { AttioErrorBody } from '../attio/types';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';

const MATCHING_LABEL = 'Matching Attribute';

const NO_UNIQUE_HELP =
  'This object has no unique attribute, so its records can only be created, not matched: every run adds a new record. To update records instead, give the object a unique attribute in Attio (like an External ID) and refresh these fields.';

/** The matching attribute dropdown (the object's unique attributes), or a note when it has none. */
export function matchingAttributeField(metas: readonly AttributeMeta[]): PlainInputField {
  const unique = metas.filter((m) => m.unique);
  if (unique.length === 0) return { key: 'matching_attribute_note', label: MATCHING_LABEL, type: 'copy', helpText: NO_UNIQUE_HELP };
  return {
    key: 'matching_attribute',
    label: MATCHING_LABEL,
    required: false,
    choices: unique.map((m) => ({ value: m.slug, label: m.title, sample: m.slug })),
    helpText:
      'The record that already has the value you map for this attribute below is updated; when none has it, a new record is created, so repeated runs never duplicate. On an update, attributes that hold several values (tags, email addresses) are replaced by what you map; use Update Record to add to them instead. Leave empty to always create a new record. Only unique attributes can match.',
  };
}

/** Once an object is chosen: the matching attribute, then a field for every writable attribute. */
async function recordFields(z: ZObject, bundle: Bundle): Promise<PlainInputField[]> {
  const object = chosenValue(bundle.inputData.object);
  if (!object) return [];
  const loaded = await loadAttributes(z, 'objects', object);
  return [matchingAttributeField(loaded.metas), ...fieldsFor(loaded, { phoneCountry: true })];
}

const inputFields = defineInputFields([
  objectField({
    helpText:
      'The kind of record: People, Companies, Deals, or one of your custom objects. Its fields appear below once chosen. Objects without a unique attribute (like Deals) can only be created: leave Matching Attribute empty, and each run adds a record.',
  }),
  recordFields,
]);

/** Attio names a missing required attribute by id: say which field, by its title. */
function missingValue(z: ZObject, object: string, body: AttioErrorBody, attributes: readonly AttributeMeta[]): Error {
  const missing = conflictingAttribute(body, attributes);
  const which = missing ? `"${missing.title}" is required for records in "${object}"` : `A required attribute of "${object}" is empty (Attio said: ${body.message ?? ''})`;
  return new z.errors.Error(`${which}, so no record was created. Map a value to it.`, 'missing_value', 400);
}

/** The chosen matching attribute, checked before anything is sent. */
function matchingAttribute(object: string, slug: string, metas: readonly AttributeMeta[], mapped: Record<string, unknown>, errors: ZObject['errors']): AttributeMeta {
  const meta = metas.find((m) => m.slug === slug || m.id === slug);
  const unique = metas.filter((m) => m.unique);
  const choose = unique.length
    ? `Choose one of: ${unique.map((m) => `"${m.title}"`).join(', ')}, or leave it empty to create a new record.`
    : `"${object}" has no unique attribute, so leave ${MATCHING_LABEL} empty: each run then creates a new record.`;
  if (!meta) throw inputError(`${MATCHING_LABEL} "${slug}" is not a writable attribute of "${object}" in Attio. ${choose}`);
  if (!meta.unique) {
    throw inputError(`${MATCHING_LABEL} "${meta.title}" is not a unique attribute in Attio, so it cannot identify one record. ${choose}`);
  }
  if (mapped[meta.slug] === undefined) {
    throw inputError(`${MATCHING_LABEL} is "${meta.title}", but the ${meta.title} field is empty. Map the value to match records on, or leave ${MATCHING_LABEL} empty to create a new record.`);
  }
  return meta;
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const object = String(input.object ?? '').trim();
  const matching = typeof input.matching_attribute === 'string' ? input.matching_attribute.trim() : '';
  const { values, fieldLabels, attributes = [] } = await collectValues(z, input, 'objects', object);
  if (Object.keys(values).length === 0) {
    throw inputError(`No field of the record is mapped. Map at least one attribute of "${object}" to write.`);
  }

  if (matching) {
    const meta = matchingAttribute(object, matching, attributes, values, z.errors);
    const record = await assertRecord(z, {
      object,
      matchingAttribute: meta.slug,
      values,
      action: `create or update the record in "${object}" matched on ${meta.title}`,
      fieldLabels,
    });
    return readableRecord(z, record, object);
  }

  const record = await createRecordOnce(z, {
    object,
    values,
    uniqueSlugs: attributes.filter((a) => a.unique).map((a) => a.slug),
    action: `create the record in "${object}"`,
    fieldLabels,
    explain: (status, body) => {
      if (status === 400 && body?.code === 'missing_value') return missingValue(z, object, body, attributes);
      if (status !== 400 || body?.code !== 'uniqueness_conflict') return undefined;
      const conflict = conflictingAttribute(body, attributes);
      const mappedValue = conflict ? input[`${VALUES_PREFIX}${conflict.slug}`] : undefined;
      const what = conflict
        ? `Another record in "${object}" already has ${conflict.title} "${String(mappedValue)}", which must be unique, so no record was created. To update that record instead, choose "${conflict.title}" as ${MATCHING_LABEL}.`
        : `Another record in "${object}" already has one of the unique values mapped, so no record was created. Choose that attribute as ${MATCHING_LABEL} to update the existing record instead. Attio said: ${body.message ?? ''}`;
      return new z.errors.Error(what, 'uniqueness_conflict', 400);
    },
  });
  return readableRecord(z, record, object);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_record',
  noun: 'Record',
  display: {
    label: 'Create or Update Record',
    description: 'Creates a record of any object in Attio, or updates the record with the same value of a unique attribute.',
  },
  operation: { inputFields, perform, sample, outputFields: [...recordOutputFields(), objectOutputFields] },
});

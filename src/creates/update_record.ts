// PATCH or PUT /v2/objects/{object}/records/{record_id}: updates one record of any object with the
// attributes the user mapped (nothing else is sent, so unmapped attributes keep their values).
// Multiselect attributes are added to (PATCH, Attio's default) or replaced (PUT), as the user chooses.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { multiselectModeField, objectField, recordField } from '../zapier/fields';
import { updateRecord } from '../attio/endpoints';
import { conflictingAttribute } from '../attio/errors';
import { chosenAttributeFields, collectValues, objectOutputFields } from '../zapier/fields/dynamic';
import { inputError, multiselectModeInput, recordIdInput, slugInput } from '../values/parse';
import { readableRecord } from '../zapier/readable';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const RECORD_LABEL = 'Record';
const MODE_LABEL = 'Multiselect Mode';

/** Every writable attribute, none required: only what is mapped is sent. */
const updateFields = chosenAttributeFields('objects', { optional: true, phoneCountry: true, keepSubdomains: true });

const inputFields = defineInputFields([
  objectField({ helpText: 'The kind of record to update: People, Companies, Deals, or one of your custom objects. Its fields appear below once chosen.' }),
  recordField('record_id', RECORD_LABEL, {
    required: true,
    search: 'find_record.id',
    helpText: 'The record to update: pick it, or map its ID from an earlier step (such as Find Record).',
  }),
  multiselectModeField('the record'),
  updateFields,
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const object = slugInput(input.object, 'Object', 'object');
  const recordId = recordIdInput(input.record_id, RECORD_LABEL);
  // Empty (cleared, or mapped from a step that gave nothing) means the default.
  const mode = multiselectModeInput(input.multiselect_mode, MODE_LABEL);
  const { values, fieldLabels, attributes = [], inputs = {} } = await collectValues(z, input, 'objects', object, { attributeValues: true });
  const slugs = Object.keys(values);
  if (slugs.length === 0) {
    throw inputError(`No field to update is mapped, so the record was not changed. Map at least one attribute of "${object}" (with Object mapped from an earlier step, fill in Attribute Values).`);
  }
  // Replacing is safe to repeat; adding is too unless a multiselect value could be added twice.
  const multiselect = attributes.some((m) => m.multiselect && slugs.includes(m.slug));

  const record = await updateRecord(z, {
    object,
    recordId,
    values,
    mode,
    idempotent: mode === 'replace' || !multiselect,
    action: `update the record ${recordId} in "${object}"`,
    fieldLabels,
    explain: (status, body) => {
      // A 404 naming the object (deleted, or not activated) is the shared mapping's: only a missing record is ours.
      if (status === 404 && !/^object/i.test(body?.message ?? '')) {
        return new z.errors.Error(
          `No record in "${object}" has the ID "${recordId}" (it may have been deleted or merged), so nothing was updated. Pick the record again, or map the ID from a Find Record step.`,
          'not_found',
          404,
        );
      }
      if (status === 400 && body?.code === 'uniqueness_conflict') {
        const conflict = conflictingAttribute(body, attributes);
        const what = conflict ? `${conflict.title} "${String(inputs[conflict.slug])}"` : 'one of the unique values mapped';
        return new z.errors.Error(
          `Another record in "${object}" already has ${what}, which must be unique, so record ${recordId} was not updated. Map a different value, or update the record that has it.`,
          'uniqueness_conflict',
          400,
        );
      }
      return undefined;
    },
  });
  return readableRecord(z, record, object);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_record',
  noun: 'Record',
  display: {
    label: 'Update Record',
    description: 'Updates the mapped attributes of an existing record of any object.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: [...recordOutputFields(),
    objectOutputFields],
  },
});

// DELETE /v2/objects/{object}/records/{record_id}: deletes one record, permanently, picked by its ID or by
// an attribute value (POST …/records/query first, as Find Record matches). Idempotent: a record already
// gone is success with deleted: false and the reason, so a replayed run never fails.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { formatOptionsOf, objectField, recordField } from '../zapier/fields';
import { deleteRecord, queryRecords } from '../attio/endpoints';
import { attributeDropdown, conditionsFilter } from '../zapier/fields/search';
import { candidateList, CANDIDATES_SHOWN } from '../values/candidates';
import { identifierInput, inputError, isMapped, recordIdInput, slugInput } from '../values/parse';
import { deleteResultOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = { record_id: 'Record', attribute: 'Find By Attribute', value: 'Value' } as const;

const inputFields = defineInputFields([
  objectField({
    helpText:
      'The kind of record to delete: People, Companies, Deals, or one of your custom objects. **Deletion is permanent in Attio**: the record, its values, notes and list entries cannot be restored.',
  }),
  recordField('record_id', LABELS.record_id, {
    required: false,
    search: 'find_record.id',
    helpText: `The record to delete: pick it, or map its ID from an earlier step. Or leave this empty and use ${LABELS.attribute} and ${LABELS.value} below.`,
  }),
  attributeDropdown({
    key: 'attribute',
    label: LABELS.attribute,
    required: false,
    keepSubdomains: true,
    helpText: `Instead of ${LABELS.record_id}: delete the record whose attribute has the value below (matched as Find Record matches). When several records match, nothing is deleted and the step says which ones.`,
  }),
  {
    key: 'value',
    label: LABELS.value,
    required: false,
    helpText: `The value ${LABELS.attribute} must have, like an email address or a domain.`,
  },
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const object = slugInput(input.object, 'Object', 'object');
  const attribute = identifierInput(input.attribute, LABELS.attribute) ?? '';
  const byId = isMapped(input.record_id);
  if (byId && (attribute || isMapped(input.value))) {
    throw inputError(`Both ${LABELS.record_id} and ${LABELS.attribute} are filled. Use one: the record's ID, or an attribute and its value.`);
  }

  let recordId: string;
  if (byId) {
    recordId = recordIdInput(input.record_id, LABELS.record_id);
  } else {
    if (!attribute && !isMapped(input.value)) {
      throw inputError(`${LABELS.record_id} is empty. Pick the record to delete, or choose ${LABELS.attribute} and map its ${LABELS.value}.`);
    }
    const { filter, titles } = await conditionsFilter(
      z,
      object,
      [{ slug: attribute, value: input.value, attributeLabel: LABELS.attribute, valueLabel: LABELS.value }],
      formatOptionsOf(input),
    );
    const what = `${titles.join(' and ')} "${String(input.value)}"`;
    // One more than is listed, so the message can say whether there are others.
    const found = await queryRecords(
      z,
      object,
      { filter, sorts: [{ attribute: 'created_at', direction: 'asc' }], limit: CANDIDATES_SHOWN + 1 },
      `find the record to delete in "${object}"`,
    );
    const [only, ...others] = found;
    if (!only) return { deleted: false, record_id: null, object, reason: `No record in "${object}" has ${what} (it may already have been deleted).` };
    if (others.length) {
      throw new z.errors.Error(
        `Several records in "${object}" have ${what}, so none was deleted: ${candidateList(found.slice(0, CANDIDATES_SHOWN), found.length > CANDIDATES_SHOWN)}. Pick the record by its ID in ${LABELS.record_id}, or match on an attribute that identifies one record (like an email address or a domain).`,
        'multiple_matches',
        409,
      );
    }
    recordId = only.id.record_id;
  }

  const deleted = await deleteRecord(z, object, recordId);
  return {
    deleted,
    record_id: recordId,
    object,
    reason: deleted ? null : `No record in "${object}" has the ID "${recordId}": it was already deleted (or never existed).`,
  };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'delete_record',
  noun: 'Record',
  display: {
    label: 'Delete Record',
    description: 'Deletes a record of any object, permanently, picked by its ID or by an attribute value.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample: { deleted: true, record_id: 'bf071e1f-6035-429d-b874-d83ea64ea13b', object: 'people', reason: null },
    outputFields: deleteResultOutputFields,
  },
});

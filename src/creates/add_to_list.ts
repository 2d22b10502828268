// PUT /v2/lists/{list}/entries: puts a record on a list, or updates its entry there (assert by parent:
// the same record added twice has one entry), with values for the list's own attributes (stage, owner, …).
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { listField, recordField } from '../zapier/fields';
import { assertEntry } from '../attio/endpoints';
import { chosenAttributeFields, collectValues } from '../zapier/fields/dynamic';
import { recordIdInput, slugInput } from '../values/parse';
import { listMeta } from '../attio/lists';
import { readableEntries } from '../zapier/readable';
import { entrySample, entryOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const RECORD_LABEL = 'Record';

/** Dynamic fields: the chosen list's own attributes (`values__<api_slug>`), none until a list is chosen. */
export const listValueFields = chosenAttributeFields('lists', { phoneCountry: true, keepSubdomains: true });

const inputFields = defineInputFields([
  listField({ helpText: 'The list (pipeline) to put the record on. Its own fields (stage, owner, …) appear below once chosen.' }),
  recordField('parent_record_id', RECORD_LABEL, {
    required: true,
    search: 'find_record.id',
    helpText:
    "The record to add, of the kind the list holds (a person on a people list, a company on a company list): pick it, or map the ID from an earlier step (such as Find or Create Person). If it is already on the list, its entry is updated instead of added twice.",
  }),
  listValueFields,
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const recordId = recordIdInput(input.parent_record_id, RECORD_LABEL);
  const list = slugInput(input.list, 'List', 'list');
  // Both are reads, so they run together; either failing (a bad value, an unknown list) stops the step
  // before anything is written. allSettled, not all: the step never ends with a request still in flight.
  // Attio's assert needs the list's parent object (cached after the first use).
  const [collected, listed] = await Promise.allSettled([collectValues(z, input, 'lists', list, { attributeValues: true }), listMeta(z, list)]);
  if (collected.status === 'rejected') throw collected.reason;
  if (listed.status === 'rejected') throw listed.reason;
  const { values, fieldLabels } = collected.value;
  const meta = listed.value;
  // Legacy lists may hold several objects; the record dropdown offers the first one's records too.
  const parentObject = meta.parent_objects[0];
  if (!parentObject) {
    throw new z.errors.Error(`The list "${list}" does not say which records it holds, so nothing was added. Check the list in Attio.`, 'invalid_list', 400);
  }
  const entry = await assertEntry(z, {
    list,
    parentObject,
    parentRecordId: recordId,
    entryValues: values,
    action: `add the record to the list "${meta.name}"`,
    fieldLabels: { ...fieldLabels, parent_record_id: RECORD_LABEL },
  });
  return (await readableEntries(z, [{ entry }], list))[0];
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_to_list',
  noun: 'List Entry',
  display: {
    label: 'Add or Update List Entry',
    description: "Adds a record to a list, or updates the record's entry when it is already there.",
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample: entrySample,
    outputFields: entryOutputFields,
  },
});

// POST /v2/objects/{object}/records/query: hidden trigger powering the record dropdowns (a note's parent,
// a task's linked records, the record to put on a list). Paged: "Load more" asks for the next offset.
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { newestFirst, queryRecords } from '../attio/endpoints';
import { chosenValue, inputError } from '../values/parse';
import { listMeta } from '../attio/lists';
import { recordLabel } from '../values/read';

/** Records per dropdown page. */
export const PAGE_SIZE = 100;

// The dropdown is used beside different fields: it reads whichever names the object (Zapier passes the
// action's other inputs to the dropdown trigger). Declared so Zapier knows the dependency.
const inputFields = defineInputFields([
  { key: 'parent_object', label: 'Parent Object', required: false },
  { key: 'linked_object', label: 'Linked Object', required: false },
  { key: 'object', label: 'Object', required: false },
  { key: 'list', label: 'List', required: false },
]);


export const perform = (async (z, bundle) => {
  const { parent_object, linked_object, object, list } = bundle.inputData;
  let target = chosenValue(parent_object) ?? chosenValue(linked_object) ?? chosenValue(object);
  const listChoice = chosenValue(list);
  if (!target && listChoice) target = (await listMeta(z, listChoice)).parent_objects[0];
  if (!target) {
    throw inputError('Choose the object (or the list) first, then open this dropdown again.');
  }
  const page = bundle.meta?.page ?? 0;
  const records = await queryRecords(z, target, newestFirst(PAGE_SIZE, page * PAGE_SIZE), `list the ${target} records`);
  return records.map((r) => ({ id: r.id.record_id, name: recordLabel(r), object: target }));
}) satisfies PollingTriggerPerform<typeof inputFields, { id: string; name: string; object: string }>;

export default defineTrigger({
  key: 'list_records',
  noun: 'Record',
  display: { label: 'List Records', description: 'Lists records of an Attio object, newest first, for dropdowns.', hidden: true },
  operation: { type: 'polling', inputFields, perform, canPaginate: true },
});

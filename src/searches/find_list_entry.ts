// POST /v2/lists/{list}/entries/query: finds a record's entry on a list (is this person in the pipeline,
// and at which stage?). [] when the record is not on the list.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { listField, recordField } from '../zapier/fields';
import { queryEntries } from '../attio/endpoints';
import { recordIdInput, slugInput } from '../values/parse';
import { listMeta } from '../attio/lists';
import { readableEntries } from '../zapier/readable';
import { entrySample, entryOutputFields } from '../zapier/outputs';
import { parentRecordFilter } from '../values/filters';

const RECORD_LABEL = 'Record';

const inputFields = defineInputFields([
  listField({ altersDynamicFields: false, helpText: 'The list (pipeline) to look in.' }),
  recordField('parent_record_id', RECORD_LABEL, {
    required: true,
    helpText: 'The record to look for: pick it, or map the ID from an earlier step (such as Find Person).',
  }),
]);

export const perform = (async (z, bundle) => {
  const recordId = recordIdInput(bundle.inputData.parent_record_id, RECORD_LABEL);
  const list = slugInput(bundle.inputData.list, 'List', 'list');
  // The filter names the list's parent object: cached list metadata, so usually no extra request.
  const meta = await listMeta(z, list);
  const entries = await queryEntries(
    z,
    list,
    { filter: parentRecordFilter(meta, recordId), limit: 1 },
    `look for the record on the list "${list}"`,
  );
  return readableEntries(z, entries.map((entry) => ({ entry })), list);
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_list_entry',
  noun: 'List Entry',
  display: {
    label: 'Find List Entry',
    description: 'Finds the entry of a record on a list, with its list values (such as the stage).',
  },
  operation: { inputFields, perform, sample: entrySample, outputFields: entryOutputFields },
});

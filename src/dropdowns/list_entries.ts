// POST /v2/lists/{list}/entries/query: hidden trigger powering the list entry dropdowns (the entry to
// comment on). Paged like list_records; each page costs one more query per parent object, for the labels.
import { defineInputFields, defineTrigger, type PollingTriggerPerform, type ZObject } from 'zapier-platform-core';
import { newestFirst, queryEntries, queryRecords } from '../attio/endpoints';
import { chosenValue, inputError } from '../values/parse';
import type { AttioEntry } from '../attio/types';
import { recordLabel } from '../values/read';

/** Entries per dropdown page. */
export const PAGE_SIZE = 100;

// Declared so Zapier knows the dropdown depends on the List field beside it.
const inputFields = defineInputFields([{ key: 'list', label: 'List', required: false }]);

/**
 * Labels of the entries' parent records, by record id. Entries carry only the parent's id, so the
 * parents are fetched with one query per parent object (a list holds one object, legacy lists several),
 * run in parallel. Parents not returned (deleted, or not visible to this connection) get no label.
 */
async function parentLabels(z: ZObject, entries: AttioEntry[], list: string): Promise<Map<string, string>> {
  const byObject = new Map<string, Set<string>>();
  for (const entry of entries) {
    const ids = byObject.get(entry.parent_object) ?? new Set<string>();
    ids.add(entry.parent_record_id);
    byObject.set(entry.parent_object, ids);
  }
  const pages = await Promise.all(
    [...byObject].map(([object, ids]) =>
      queryRecords(z, object, { filter: { record_id: { $in: [...ids] } }, limit: ids.size }, `load the records on the list "${list}"`),
    ),
  );
  return new Map(pages.flat().map((record) => [record.id.record_id, recordLabel(record)]));
}

export const perform = (async (z, bundle) => {
  const list = chosenValue(bundle.inputData.list);
  if (!list) {
    throw inputError('Choose the list first, then open this dropdown again.');
  }
  const page = bundle.meta?.page ?? 0;
  const entries = await queryEntries(z, list, newestFirst(PAGE_SIZE, page * PAGE_SIZE), `list the entries of the list "${list}"`);
  if (entries.length === 0) return [];
  const labels = await parentLabels(z, entries, list);
  return entries.map((entry) => ({
    id: entry.id.entry_id,
    name: labels.get(entry.parent_record_id) ?? entry.id.entry_id,
    parent_record_id: entry.parent_record_id,
  }));
}) satisfies PollingTriggerPerform<typeof inputFields, { id: string; name: string; parent_record_id: string }>;

export default defineTrigger({
  key: 'list_entries',
  noun: 'List Entry',
  display: { label: 'List Entries', description: 'Lists entries of an Attio list, newest first, for dropdowns.', hidden: true },
  operation: { type: 'polling', inputFields, perform, canPaginate: true },
});

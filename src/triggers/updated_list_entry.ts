// Instant trigger on Attio's `list-entry.updated` webhook (POST /v2/webhooks), filtered on the chosen list and
// the watched attributes: a pipeline's stage lives on the list entry, not on the record. The events of one
// entry become one run, with the entry (GET /v2/lists/{list}/entries/{id}), its parent record and each changed
// attribute's value history (GET …/entries/{id}/attributes/{attribute}/values?show_historic=true) read at once.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { listField } from '../zapier/fields';
import { listOutputFields } from '../zapier/fields/dynamic';
import { changeTriggerOutputFields, entryWithParentOutputFields } from '../zapier/outputs';
import { getEntryAttributeValues, getList, getRecord, newestFirst, queryEntries } from '../attio/endpoints';
import { makeChangeHookOperations, type Loaded } from '../zapier/hooks/changes';
import { flattenEntry } from '../values/read';
import type { AttioEntry, AttioRecord } from '../attio/types';
import sample from '../samples/updated_list_entry.json';
import { changeInputFields } from '../zapier/fields/dynamic';
import { entryWithParent } from '../attio/lookups';

const inputFields = defineInputFields([
  listField({ helpText: 'Triggers when an entry of this list (pipeline) changes, such as its stage.' }),
  ...changeInputFields('list'),
]);

/**
 * The one mapping for hook results and "test trigger" results alike: the entry, with its parent record
 * flattened under `parent`. An entry whose parent is gone is skipped.
 */
function toLoaded(entry: AttioEntry, list: string, parent: AttioRecord | null): Loaded | null {
  return parent ? { subjectId: entry.id.entry_id, values: entry.entry_values ?? {}, output: flattenEntry(entry, { list, parent }) } : null;
}

/** How many recent entries the sample looks through for the three changed last. */
const SAMPLE_PAGE = 50;

const hook = makeChangeHookOperations({
  input: 'list',
  inputLabel: 'List',
  scopeKey: 'list_id',
  target: 'lists',
  subjectKey: 'entry_id',
  eventType: 'list-entry.updated',
  scopeIdOf: async (z, list) => (await getList(z, list)).id.list_id,
  load: async (z, event, list) => {
    const found = await entryWithParent(z, event);
    return found ? toLoaded(found.entry, list, found.parent) : null;
  },
  history: (z, { scopeId, subjectId, attribute, offset, explain }) =>
    getEntryAttributeValues(z, { list: scopeId, entryId: subjectId, attribute, historic: true, offset, explain }),
  recent: async (z, list) => {
    const entries = await queryEntries(z, list, newestFirst(SAMPLE_PAGE), `load recent entries of the list "${list}"`);
    // Only the three picked need their parent (fetched then); the ranking reads the entries' own values.
    return entries.map((e) => ({
      subjectId: e.id.entry_id,
      values: e.entry_values ?? {},
      output: flattenEntry(e, { list }),
      complete: async (zz) => toLoaded(e, list, await getRecord(zz, e.parent_object, e.parent_record_id))?.output ?? null,
    }));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'updated_list_entry',
  noun: 'List Entry',
  display: {
    label: 'Updated List Entry',
    description: 'Triggers when an entry of the chosen list changes, optionally only chosen attributes or stages.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: [...changeTriggerOutputFields(entryWithParentOutputFields), listOutputFields],
  },
});

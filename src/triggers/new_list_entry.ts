// Instant trigger on Attio's `list-entry.created` webhook (POST /v2/webhooks), filtered on the chosen list;
// each event is hydrated with GET /v2/lists/{list}/entries/{entry_id} and the parent record's GET, concurrently.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { listField } from '../zapier/fields';
import { getList, getRecord, newestFirst, queryEntries } from '../attio/endpoints';
import { makeHookOperations } from '../zapier/hooks/index';
import type { FlatRecord } from '../values/read';
import { readableEntries } from '../zapier/readable';
import type { ZObject } from 'zapier-platform-core';
import type { AttioEntry, AttioRecord } from '../attio/types';
import sample from '../samples/list_entry.json';
import { entryWithParentOutputFields } from '../zapier/outputs';
import { entryWithParent } from '../attio/lookups';

const inputFields = defineInputFields([
  listField({
    helpText: 'Triggers when a record is added to this list.',
    altersDynamicFields: false,
  }),
]);

/**
 * The one mapping for hook results and "test trigger" results alike: the entry, with its parent record
 * flattened under `parent` (`parent__name`, `parent__email`, …). An entry whose parent is gone is skipped.
 */
async function toOutput(z: ZObject, entry: AttioEntry, list: string, parent: AttioRecord | null): Promise<FlatRecord | null> {
  return parent ? ((await readableEntries(z, [{ entry, parent }], list))[0] ?? null) : null;
}

const hook = makeHookOperations({
  input: 'list',
  inputLabel: 'List',
  scopeKey: 'list_id',
  eventType: 'list-entry.created',
  resolve: async (z, list) => (await getList(z, list)).id.list_id,
  hydrate: async (z, event, list) => {
    const found = await entryWithParent(z, event);
    return found ? toOutput(z, found.entry, list, found.parent) : null;
  },
  recent: async (z, list) => {
    const entries = await queryEntries(z, list, newestFirst(3), `load the newest entries of the list "${list}"`);
    const items = await Promise.all(entries.map(async (e) => toOutput(z, e, list, await getRecord(z, e.parent_object, e.parent_record_id))));
    return items.filter((item): item is FlatRecord => item !== null);
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_list_entry',
  noun: 'List Entry',
  display: {
    label: 'New List Entry',
    description: 'Triggers when a record is added to the chosen list.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: entryWithParentOutputFields,
  },
});

// Instant trigger on Attio's `list-entry.deleted` webhook (POST /v2/webhooks), filtered on the chosen list:
// a record removed from a list. The entry is gone; its parent record (named by the event) is fetched when
// it still exists, at the same time as the remover's name.
import { defineInputFields, defineTrigger, type ZObject, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { describeActor } from '../attio/actors';
import { listMeta } from '../attio/lists';
import { objectSlug } from '../attio/objects';
import { getRecord, newestFirst, queryEntries } from '../attio/endpoints';
import { listField } from '../zapier/fields';
import { nameNestedActors } from '../zapier/readable';
import { chosenInput, makeEventHookOperations, scopedToOne, type HookScope } from '../zapier/hooks/events';
import { removedEntryOutputFields } from '../zapier/outputs';
import { receivedAt, removedEntryOutput } from '../values/events';
import sample from '../samples/deleted_list_entry.json';

const inputFields = defineInputFields([
  listField({
    helpText:
      'Triggers when a record is removed from this list. The entry itself is gone; its record is given when it still exists ' +
      '(Record Still Exists says whether it does). Testing this trigger shows the newest entries as examples (they are not removed).',
    altersDynamicFields: false,
  }),
]);

/**
 * The slug of the list's parent object, which the event names only by UUID: kept in the scope since the
 * subscription; for a Zap subscribed before, from the cached list metadata (1 request the first time). For a
 * list of several objects, the event's object from the workspace's objects (src/attio/objects.ts: cached per
 * connection), as New List Entry names it. Null when the list cannot be read (a list deleted with its
 * entries) or the objects cannot: then the UUID stands in, and the removal is still passed on.
 */
async function parentObjectOf(z: ZObject, scope: HookScope, listId: string, parentObjectId: string | null): Promise<string | null> {
  if (scope.parent_object) return scope.parent_object;
  let parents: string[];
  try {
    parents = (await listMeta(z, scope.list ?? listId)).parent_objects;
  } catch (err) {
    z.console.error(`Could not read the list to name its records' object (${(err as Error).message}); its ID stands in.`);
    return null;
  }
  if (parents.length === 1) return parents[0] ?? null;
  if (!parentObjectId) return null;
  try {
    return await objectSlug(z, parentObjectId);
  } catch (err) {
    z.console.error(`Could not read the objects to name the removed record's object (${(err as Error).message}); its ID stands in.`);
    return null;
  }
}

const hook = makeEventHookOperations({
  eventType: 'list-entry.deleted',
  ...scopedToOne('list'),
  /** 1 request (the parent record), concurrent with the remover's name (cached member lookup). */
  hydrate: async (z, event, scope) => {
    const { list_id: listId, entry_id: entryId } = event.id;
    if (!listId || !entryId) return null;
    const parentObjectId = event.parent_object_id ?? null;
    const parentRecordId = event.parent_record_id ?? null;
    const [parent, removedBy, parentObject] = await Promise.all([
      parentObjectId && parentRecordId ? getRecord(z, parentObjectId, parentRecordId) : Promise.resolve(null),
      describeActor(z, event.actor),
      parentObjectOf(z, scope, listId, parentObjectId),
    ]);
    const item = removedEntryOutput({ list: scope.list ?? listId, listId, entryId, parentObject, parentObjectId, parentRecordId, parent, removedBy, removedAt: receivedAt() });
    // The record's own actors (a company's owner) named as New Record names them.
    return nameNestedActors(z, item, [['parent', parent?.values]]);
  },
  /**
   * Removed entries cannot be listed: the editor's test items are the list's newest entries with their
   * records, shaped as a removal would be (who and when left empty).
   */
  recent: async (z, inputData) => {
    const list = chosenInput(z, inputData, 'list', 'List');
    const entries = await queryEntries(z, list, newestFirst(3), `load the newest entries of the list "${list}"`);
    const parents = await Promise.all(entries.map((e) => getRecord(z, e.parent_object, e.parent_record_id)));
    return Promise.all(
      entries.map((e, i) => {
        const parent = parents[i] ?? null;
        const item = removedEntryOutput({
          list,
          listId: e.id.list_id,
          entryId: e.id.entry_id,
          parentObject: e.parent_object,
          parentObjectId: parent?.id.object_id ?? null,
          parentRecordId: e.parent_record_id,
          parent,
          removedBy: null,
          removedAt: null,
        });
        return nameNestedActors(z, item, [['parent', parent?.values]]);
      }),
    );
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'deleted_list_entry',
  noun: 'List Entry',
  display: {
    label: 'Deleted List Entry',
    description: 'Triggers when a record is removed from the chosen list.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: removedEntryOutputFields,
  },
});

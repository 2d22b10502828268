// Instant trigger on Attio's `record.deleted` webhook (POST /v2/webhooks), filtered on the chosen object.
// Attio deletes records permanently and the event names only ids, so nothing of the record can be read
// any more: the output is the object, the record id, who deleted it (readable) and when.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { describeActor } from '../attio/actors';
import { newestFirst, queryRecords } from '../attio/endpoints';
import { objectField } from '../zapier/fields';
import { chosenInput, makeEventHookOperations, scopedToOne } from '../zapier/hooks/events';
import { deletedRecordOutputFields } from '../zapier/outputs';
import { deletedRecordOutput, receivedAt } from '../values/events';
import sample from '../samples/deleted_record.json';

const inputFields = defineInputFields([
  objectField({
    helpText:
      'Triggers when a record of this object is deleted. Attio deletes records permanently and tells Zapier only their ID, so ' +
      "the record's name, email and domain can no longer be read: this trigger gives the record ID, who deleted it and when. " +
      'To keep a name for later, store it from a New Record or Updated Record Zap. Testing this trigger shows your newest records as ' +
      'examples (they are not deleted).',
    altersDynamicFields: false,
  }),
]);

const hook = makeEventHookOperations({
  eventType: 'record.deleted',
  ...scopedToOne('object'),
  /** No request for the record (it is gone); the deleter's name comes from the cached member lookup. */
  hydrate: async (z, event, scope) => {
    const { object_id: objectId, record_id: recordId } = event.id;
    if (!objectId || !recordId) return null;
    const deletedBy = await describeActor(z, event.actor);
    return deletedRecordOutput({ object: scope.object ?? objectId, objectId, recordId, deletedBy, deletedAt: receivedAt() });
  },
  /**
   * Deleted records cannot be listed: the editor's test items are the object's newest records, shaped as a
   * deletion would be (who and when left empty), so a Zap builder can map the fields.
   */
  recent: async (z, inputData) => {
    const object = chosenInput(z, inputData, 'object', 'Object');
    const records = await queryRecords(z, object, newestFirst(3), `load the newest records of "${object}"`);
    return records.map((r) => deletedRecordOutput({ object, objectId: r.id.object_id, recordId: r.id.record_id, deletedBy: null, deletedAt: null }));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'deleted_record',
  noun: 'Record',
  display: {
    label: 'Deleted Record',
    description: 'Triggers when a record of the chosen object is deleted.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: deletedRecordOutputFields,
  },
});

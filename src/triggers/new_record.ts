// Instant trigger on Attio's `record.created` webhook (POST /v2/webhooks), filtered on the chosen object;
// each event is hydrated with GET /v2/objects/{object}/records/{record_id}, since Attio sends IDs only.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { objectField } from '../zapier/fields';
import { getObject, getRecord, newestFirst, queryRecords } from '../attio/endpoints';
import { makeHookOperations } from '../zapier/hooks/index';
import { readableRecord, readableRecords } from '../zapier/readable';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';

const inputFields = defineInputFields([
  objectField({
    helpText: 'Triggers for new records of this object: People, Companies, Deals, or one of your custom objects.',
    altersDynamicFields: false,
  }),
]);

const hook = makeHookOperations({
  input: 'object',
  inputLabel: 'Object',
  scopeKey: 'object_id',
  eventType: 'record.created',
  resolve: async (z, object) => (await getObject(z, object)).id.object_id,
  hydrate: async (z, event, object) => {
    const { object_id: objectId, record_id: recordId } = event.id;
    if (!objectId || !recordId) return null;
    const record = await getRecord(z, objectId, recordId);
    // The one mapping for hook results and "test trigger" results alike, so their fields always agree.
    return record ? readableRecord(z, record, object) : null;
  },
  recent: async (z, object) => {
    const records = await queryRecords(z, object, newestFirst(3), `load the newest records of "${object}"`);
    return readableRecords(z, records, object);
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_record',
  noun: 'Record',
  display: {
    label: 'New Record',
    description: 'Triggers when a record of the chosen object (person, company, deal or custom object) is created.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: recordOutputFields(),
  },
});

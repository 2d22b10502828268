// Instant trigger on Attio's `record.updated` webhook (POST /v2/webhooks), filtered on the chosen object and
// the watched attributes. Attio sends one event per changed attribute, IDs only: the events of one record
// become one run, with the record (GET …/records/{id}) and each changed attribute's value history
// (GET …/attributes/{attribute}/values?show_historic=true) read at once, so the run says what changed from
// what to what, and who changed it. Changes this connection made, or Attio itself, are ignored by default.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { objectField } from '../zapier/fields';
import { objectOutputFields } from '../zapier/fields/dynamic';
import { changeTriggerOutputFields, recordOutputFields } from '../zapier/outputs';
import { getObject, getRecord, getRecordAttributeValues, newestFirst, queryRecords } from '../attio/endpoints';
import { makeChangeHookOperations, type Loaded } from '../zapier/hooks/changes';
import { flattenRecord } from '../values/read';
import type { AttioRecord } from '../attio/types';
import sample from '../samples/updated_record.json';
import { changeInputFields } from '../zapier/fields/dynamic';

const inputFields = defineInputFields([
  objectField({ helpText: 'Triggers when a record of this object changes: People, Companies, Deals, or one of your custom objects.' }),
  ...changeInputFields('object'),
]);

/** The one mapping for hook results and "test trigger" results alike, so their fields always agree. */
const toLoaded = (record: AttioRecord, object: string): Loaded => ({
  subjectId: record.id.record_id,
  values: record.values ?? {},
  output: flattenRecord(record, object),
});

/** How many recent records the sample looks through for the three changed last. */
const SAMPLE_PAGE = 50;

const hook = makeChangeHookOperations({
  input: 'object',
  inputLabel: 'Object',
  scopeKey: 'object_id',
  target: 'objects',
  subjectKey: 'record_id',
  eventType: 'record.updated',
  scopeIdOf: async (z, object) => (await getObject(z, object)).id.object_id,
  load: async (z, event, object) => {
    const { object_id: objectId, record_id: recordId } = event.id;
    if (!objectId || !recordId) return null;
    const record = await getRecord(z, objectId, recordId);
    return record ? toLoaded(record, object) : null;
  },
  history: (z, { scopeId, subjectId, attribute, offset, explain }) =>
    getRecordAttributeValues(z, { object: scopeId, recordId: subjectId, attribute, historic: true, offset, explain }),
  recent: async (z, object) => {
    const records = await queryRecords(z, object, newestFirst(SAMPLE_PAGE), `load recent records of "${object}"`);
    return records.map((r) => toLoaded(r, object));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'updated_record',
  noun: 'Record',
  display: {
    label: 'Updated Record',
    description: 'Triggers when a record of the chosen object changes, optionally only chosen attributes or values.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: [...changeTriggerOutputFields(recordOutputFields()), objectOutputFields],
  },
});

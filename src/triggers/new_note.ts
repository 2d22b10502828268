// Instant trigger on Attio's `note.created` webhook (POST /v2/webhooks), optionally filtered on the object
// of the note's record (`parent_object_id`). Each event is hydrated with GET /v2/notes/{note_id} and the
// note's record, fetched at the same time (the event names it), plus the author's and tagged members' names.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe, type ZObject } from 'zapier-platform-core';
import { describeActor, describeActors, type ReadableActor } from '../attio/actors';
import { getNote, getObject, getRecord, listNotes } from '../attio/endpoints';
import type { AttioNote, AttioRecord } from '../attio/types';
import { chosenValue } from '../values/parse';
import { noteOutput, noteTaggedMembers } from '../values/events';
import { objectField } from '../zapier/fields';
import { nameNestedActors } from '../zapier/readable';
import { EVERY_EVENT, makeEventHookOperations } from '../zapier/hooks/events';
import { noteEventOutputFields } from '../zapier/outputs';
import sample from '../samples/new_note.json';

const inputFields = defineInputFields([
  objectField({
    required: false,
    altersDynamicFields: false,
    helpText: 'Only notes on records of this object (People, Companies, Deals, …). Leave empty for notes on any record.',
  }),
]);

/**
 * The output for one note: its record, its author and its tagged members, read concurrently.
 * @param author the author's description, when it was started beside the note's read
 */
async function hydrated(z: ZObject, note: AttioNote, parent: Promise<AttioRecord | null>, author?: Promise<ReadableActor>) {
  const taggedIds = noteTaggedMembers(note);
  const [record, writer, tagged] = await Promise.all([
    parent,
    author ?? describeActor(z, note.created_by_actor),
    describeActors(z, taggedIds.map((id) => ({ type: 'workspace-member' as const, id }))),
  ]);
  const item = noteOutput(note, record, writer, new Map(taggedIds.map((id, i) => [id, tagged[i] ?? null])));
  // The record's own actors (a company's owner) named as New Record names them: the member list is read by now.
  return nameNestedActors(z, item, [['parent', record?.values]]);
}

/** Attio lists at most 50 notes per request, in no stated order: the newest of those are the test items. */
const NOTES_SCANNED = 50;

const hook = makeEventHookOperations({
  eventType: 'note.created',
  /** No request without an object; with one, 1 (its UUID: the filter compares the event's parent_object_id). */
  subscription: async (z, inputData) => {
    const object = chosenValue(inputData.object);
    if (!object) return EVERY_EVENT;
    const objectId = (await getObject(z, object)).id.object_id;
    return { filter: { $and: [{ field: 'parent_object_id', operator: 'equals', value: objectId }] }, scope: { object, object_id: objectId } };
  },
  accepts: (event, scope) => !scope.object_id || event.parent_object_id === scope.object_id,
  /** 2 requests at once: the note and its record (the event names it), with the member list (cached) for the names. */
  hydrate: async (z, event) => {
    const noteId = event.id.note_id;
    if (!noteId) return null;
    const { parent_object_id: parentObject, parent_record_id: parentRecord } = event;
    const parent = parentObject && parentRecord ? getRecord(z, parentObject, parentRecord) : null;
    const author = event.actor ? describeActor(z, event.actor) : undefined;
    const [note] = await Promise.all([getNote(z, noteId), parent, author]);
    if (!note) return null;
    return hydrated(z, note, parent ?? getRecord(z, note.parent_object, note.parent_record_id), author);
  },
  recent: async (z, inputData) => {
    const object = chosenValue(inputData.object);
    const notes = await listNotes(z, { parentObject: object, limit: NOTES_SCANNED });
    const newest = [...notes].sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, 3);
    return Promise.all(newest.map((n) => hydrated(z, n, getRecord(z, n.parent_object, n.parent_record_id))));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_note',
  noun: 'Note',
  display: {
    label: 'New Note',
    description: 'Triggers when a note is added to a record.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: noteEventOutputFields,
  },
});

// Instant trigger on Attio's `comment.created` webhook (POST /v2/webhooks), optionally filtered on the
// object of the commented record (`object_id`) or on a list (`list_id`), both fields of the event. Each
// event is hydrated with GET /v2/comments/{comment_id}, the record it is on and, for a comment on a list
// entry, the entry, all at once (the event names them), with the author's name from the cached member lookup.
// The record's object is named by slug: the Zap's own object, a list entry's parent object, or else the
// workspace's objects (src/attio/objects.ts: one GET /v2/objects per connection, cached).
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe, type ZObject } from 'zapier-platform-core';
import { describeActor, workspaceMembersById } from '../attio/actors';
import { getComment, getEntry, getList, getObject, getRecord, listThreads } from '../attio/endpoints';
import { objectSlug } from '../attio/objects';
import type { ActorReference, AttioComment, AttioCommentEventFields, AttioEntry, AttioRecord } from '../attio/types';
import { commentOutput } from '../values/events';
import { chosenValue, inputError } from '../values/parse';
import { listField, objectField } from '../zapier/fields';
import { makeEventHookOperations, type HookScope } from '../zapier/hooks/events';
import { nameNestedActors } from '../zapier/readable';
import { commentEventOutputFields } from '../zapier/outputs';
import sample from '../samples/new_comment.json';

const inputFields = defineInputFields([
  objectField({
    required: false,
    altersDynamicFields: false,
    helpText: 'Only comments on records of this object (People, Companies, Deals, …), including comments on their list entries. Leave empty, or choose a list instead.',
  }),
  listField({
    required: false,
    altersDynamicFields: false,
    helpText: 'Only comments on entries of this list. Leave empty, or choose an object instead.',
  }),
]);

/** Where the comment is, from the event when it says so, else from the comment. */
function placeOf(comment: AttioComment | null, event?: AttioCommentEventFields) {
  return {
    objectId: event?.object_id ?? comment?.record.object_id,
    recordId: event?.record_id ?? comment?.record.record_id,
    listId: event?.list_id ?? comment?.entry?.list_id ?? null,
    entryId: event?.entry_id ?? comment?.entry?.entry_id ?? null,
  };
}

/** The record and entry a comment is on, fetched concurrently (null when gone or not on an entry). */
function placeRecords(z: ZObject, place: ReturnType<typeof placeOf>): [Promise<AttioRecord | null>, Promise<AttioEntry | null>] {
  return [
    place.objectId && place.recordId ? getRecord(z, place.objectId, place.recordId) : Promise.resolve(null),
    place.listId && place.entryId ? getEntry(z, place.listId, place.entryId) : Promise.resolve(null),
  ];
}

/**
 * The comment's author is the comment's own `author`, a workspace member, never the event's actor: a comment
 * posted through the API (another Zap's Create Comment) is authored by the member it names, while the
 * event's actor is the token or app that sent it.
 */
async function hydrated(z: ZObject, comment: AttioComment, record: AttioRecord | null, entry: AttioEntry | null, scope: HookScope, known?: string | null) {
  const resolvedBy = (comment.resolved_by as ActorReference | undefined)?.type ? (comment.resolved_by as ActorReference) : null;
  const [writer, resolver, object] = await Promise.all([
    describeActor(z, comment.author),
    resolvedBy ? describeActor(z, resolvedBy) : Promise.resolve(null),
    // Read already (null: it failed, and is not asked again for this comment), else at hand or read now.
    known !== undefined ? known : slugOf(z, comment.record?.object_id, scope, entry),
  ]);
  // The record's and entry's own actors (an owner) named as New Record names them: the member list is read by now.
  return nameNestedActors(z, commentOutput(comment, record, entry, writer, resolver, object), [
    ['record', record?.values],
    ['entry', entry?.entry_values],
  ]);
}

/** The slug the Zap's scope or a list entry gives the object without a request, if any. */
function slugAtHand(objectId: string | undefined, scope: HookScope, entry?: AttioEntry | null): string | null {
  if (!objectId) return null;
  if (scope.object && scope.object_id === objectId) return scope.object;
  return entry?.parent_object ?? null;
}

/**
 * The commented record's object by slug: at hand, else from the cached objects (1 request the first time).
 * Best effort, as the actors' names are: the comment is there to pass on, so a failed read of the objects
 * (a connection without object_configuration:read) leaves the UUID in its place (logged), not a failed run.
 */
async function slugOf(z: ZObject, objectId: string | undefined, scope: HookScope, entry?: AttioEntry | null): Promise<string | null> {
  if (!objectId) return null;
  const atHand = slugAtHand(objectId, scope, entry);
  if (atHand) return atHand;
  try {
    return await objectSlug(z, objectId);
  } catch (err) {
    z.console.error(`Could not read the objects to name the commented record's object (${(err as Error).message}); its ID stands in.`);
    return null;
  }
}

/** The chosen object or list (not both), resolved to its UUID: 1 request when one is chosen. */
async function scopeFor(z: ZObject, inputData: Record<string, unknown>): Promise<HookScope> {
  const object = chosenValue(inputData.object);
  const list = chosenValue(inputData.list);
  if (object && list) {
    throw inputError('Choose an Object or a List to watch, not both: comments on list entries are also comments on their records.');
  }
  if (object) {
    const found = await getObject(z, object);
    // Kept by slug even when the Zap names the object by id: outputs name it as the slug.
    return { object: found.api_slug ?? object, object_id: found.id.object_id };
  }
  if (list) return { list, list_id: (await getList(z, list)).id.list_id };
  return {};
}

/** Threads Attio lists per request at most: the newest comments among them are the test items. */
const THREADS_SCANNED = 50;

const hook = makeEventHookOperations({
  eventType: 'comment.created',
  subscription: async (z, inputData) => {
    const scope = await scopeFor(z, inputData);
    if (scope.object_id) return { filter: { $and: [{ field: 'object_id', operator: 'equals', value: scope.object_id }] }, scope };
    if (scope.list_id) return { filter: { $and: [{ field: 'list_id', operator: 'equals', value: scope.list_id }] }, scope };
    return { filter: null, scope };
  },
  accepts: (event, scope) => {
    const e = event as typeof event & AttioCommentEventFields;
    return (!scope.object_id || e.object_id === scope.object_id) && (!scope.list_id || e.list_id === scope.list_id);
  },
  /** 2 requests at once (comment and record), 3 for a comment on a list entry, with the member list (cached). */
  hydrate: async (z, event, scope) => {
    const commentId = event.id.comment_id;
    if (!commentId) return null;
    const fields = event as typeof event & AttioCommentEventFields;
    const named = !!(fields.object_id && fields.record_id);
    const [recordP, entryP] = named ? placeRecords(z, placeOf(null, fields)) : [Promise.resolve(null), Promise.resolve(null)];
    // The object's slug, when neither the Zap's object nor a list entry (which names it) gives it, is read
    // beside the rest (cached per connection).
    const slugP = named && !slugAtHand(fields.object_id, scope) && !fields.entry_id ? slugOf(z, fields.object_id, scope) : Promise.resolve(undefined);
    // The author is a workspace member: the member list (when not cached) is read beside the comment.
    const [comment, record, entry, slug] = await Promise.all([getComment(z, commentId), recordP, entryP, slugP, workspaceMembersById(z)]);
    if (!comment) return null;
    if (named) return hydrated(z, comment, record, entry, scope, slug);
    const [r, e] = await Promise.all(placeRecords(z, placeOf(comment)));
    return hydrated(z, comment, r, e, scope);
  },
  recent: async (z, inputData) => {
    const scope = await scopeFor(z, inputData);
    const threads = await listThreads(z, { limit: THREADS_SCANNED });
    const newest = threads
      .flatMap((t) => t.comments ?? [])
      .filter((c) => (!scope.object_id || c.record?.object_id === scope.object_id) && (!scope.list_id || c.entry?.list_id === scope.list_id))
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .slice(0, 3);
    return Promise.all(
      newest.map(async (c) => {
        const [record, entry] = await Promise.all(placeRecords(z, placeOf(c)));
        return hydrated(z, c, record, entry, scope);
      }),
    );
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_comment',
  noun: 'Comment',
  display: {
    label: 'New Comment',
    description: 'Triggers when a comment is added to a record or list entry.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: commentEventOutputFields,
  },
});

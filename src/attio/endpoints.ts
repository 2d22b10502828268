// Typed Attio endpoints. Each is one request through the shared layer (src/attio/request.ts), which adds
// the base URL, the token, retries and error mapping. Operations call these, never z.request.
import type { ZObject } from 'zapier-platform-core';
import { attio, attioOrNull, path, type AttioCall } from './request';
import type {
  AttioAttribute,
  AttioComment,
  AttioEntry,
  AttioList,
  AttioNote,
  AttioObject,
  AttioRecord,
  AttioSelectOption,
  AttioStatus,
  AttioTask,
  AttioThread,
  AttioWebhook,
  AttioWebhookSubscription,
  AttioWorkspaceMember,
  Envelope,
} from './types';

export type AttioValuesInput = Record<string, unknown[]>;

/** Query body shared by records and entries: `filter`, `sorts`, `limit`, `offset`. */
export interface QueryBody {
  filter?: Record<string, unknown>;
  sorts?: Array<{ attribute: string; direction: 'asc' | 'desc'; field?: string }>;
  limit?: number;
  offset?: number;
}

/**
 * The query for the newest records or entries first (by creation time), as the test triggers' samples
 * and the record dropdown page them.
 */
export function newestFirst(limit: number, offset?: number): QueryBody {
  return { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit, ...(offset === undefined ? {} : { offset }) };
}

/** Every object in the workspace, custom ones included (not paginated). */
export async function listObjects(z: ZObject): Promise<AttioObject[]> {
  return (await attio<Envelope<AttioObject[]>>(z, { path: '/objects', action: 'list your objects' })).data;
}

/** One object, by slug or id. */
export async function getObject(z: ZObject, object: string): Promise<AttioObject> {
  return (await attio<Envelope<AttioObject>>(z, { path: path`/objects/${object}`, action: `find the object "${object}"` })).data;
}

/**
 * Attributes of an object or list.
 * @param target `objects` or `lists`
 * @param identifier slug or id of the object or list
 */
export async function listAttributes(
  z: ZObject,
  target: 'objects' | 'lists',
  identifier: string,
  explain?: AttioCall['explain'],
): Promise<AttioAttribute[]> {
  return (
    await attio<Envelope<AttioAttribute[]>>(z, {
      path: path`/${target}/${identifier}/attributes`,
      action: `load the fields of "${identifier}"`,
      explain,
    })
  ).data;
}

/** Options of a select attribute (archived ones left out by Attio's default). */
export async function listSelectOptions(z: ZObject, target: 'objects' | 'lists', identifier: string, attribute: string): Promise<AttioSelectOption[]> {
  return (
    await attio<Envelope<AttioSelectOption[]>>(z, {
      path: path`/${target}/${identifier}/attributes/${attribute}/options`,
      action: `load the options of "${attribute}"`,
    })
  ).data;
}

/** Statuses of a status attribute. */
export async function listStatuses(z: ZObject, target: 'objects' | 'lists', identifier: string, attribute: string): Promise<AttioStatus[]> {
  return (
    await attio<Envelope<AttioStatus[]>>(z, {
      path: path`/${target}/${identifier}/attributes/${attribute}/statuses`,
      action: `load the statuses of "${attribute}"`,
    })
  ).data;
}

/** Records matching a filter (POST …/records/query: a read, so safe to retry). */
export async function queryRecords(z: ZObject, object: string, body: QueryBody, action = `search ${object}`): Promise<AttioRecord[]> {
  return (
    await attio<Envelope<AttioRecord[]>>(z, { method: 'POST', path: path`/objects/${object}/records/query`, body, action })
  ).data;
}

/** Creates or updates the record whose `matchingAttribute` equals the value sent (atomic upsert). */
export async function assertRecord(z: ZObject, args: WriteArgs & { matchingAttribute: string }): Promise<AttioRecord> {
  return (
    await attio<Envelope<AttioRecord>>(z, {
      method: 'PUT',
      path: path`/objects/${args.object}/records`,
      params: { matching_attribute: args.matchingAttribute },
      body: { data: { values: args.values } },
      action: args.action,
      fieldLabels: args.fieldLabels,
      explain: args.explain,
    })
  ).data;
}

/** What every record write takes besides its values: the user's words for errors. */
interface WriteArgs {
  object: string;
  values: AttioValuesInput;
  action: string;
  fieldLabels?: Record<string, string>;
  explain?: AttioCall['explain'];
}

/**
 * Creates a record (POST …/records). Not idempotent: Attio refuses a duplicate unique value with a 400
 * `uniqueness_conflict`, and a record without unique attributes (a deal) would be created twice, so it
 * is never retried after a 5xx.
 */
export async function createRecord(z: ZObject, args: WriteArgs): Promise<AttioRecord> {
  const { object, values, action, fieldLabels, explain } = args;
  return (
    await attio<Envelope<AttioRecord>>(z, { method: 'POST', path: path`/objects/${object}/records`, body: { data: { values } }, action, fieldLabels, explain })
  ).data;
}

/**
 * Updates one record: `append` (PATCH) adds to multiselect attributes, `replace` (PUT) overwrites them.
 * Single-value attributes are replaced either way. Attributes not sent are left as they are.
 * @param idempotent false when a retry could append a multiselect value twice
 */
export async function updateRecord(
  z: ZObject,
  args: WriteArgs & { recordId: string; mode: 'append' | 'replace'; idempotent: boolean },
): Promise<AttioRecord> {
  const { object, recordId, values, mode, action, fieldLabels, explain, idempotent } = args;
  return (
    await attio<Envelope<AttioRecord>>(z, {
      method: mode === 'append' ? 'PATCH' : 'PUT',
      path: path`/objects/${object}/records/${recordId}`,
      body: { data: { values } },
      action,
      fieldLabels,
      explain,
      idempotent,
    })
  ).data;
}

/** One record, or null when it does not exist (deleted before we looked). */
export async function getRecord(z: ZObject, object: string, recordId: string): Promise<AttioRecord | null> {
  const res = await attioOrNull<Envelope<AttioRecord>>(z, {
    path: path`/objects/${object}/records/${recordId}`,
    action: `fetch the ${object} record ${recordId}`,
  });
  return res?.data ?? null;
}

/** Every list in the workspace (not paginated). */
export async function listLists(z: ZObject): Promise<AttioList[]> {
  return (await attio<Envelope<AttioList[]>>(z, { path: '/lists', action: 'list your lists' })).data;
}

/** One list, by slug or id. */
export async function getList(z: ZObject, list: string): Promise<AttioList> {
  return (await attio<Envelope<AttioList>>(z, { path: path`/lists/${list}`, action: `find the list "${list}"` })).data;
}

/** Entries of a list matching a filter. */
export async function queryEntries(z: ZObject, list: string, body: QueryBody, action = `search the list "${list}"`): Promise<AttioEntry[]> {
  return (
    await attio<Envelope<AttioEntry[]>>(z, { method: 'POST', path: path`/lists/${list}/entries/query`, body, action })
  ).data;
}

/** Creates or updates the entry for a parent record (assert by parent: one entry per record). */
export async function assertEntry(
  z: ZObject,
  args: { list: string; parentObject: string; parentRecordId: string; entryValues: AttioValuesInput; action: string; fieldLabels?: Record<string, string> },
): Promise<AttioEntry> {
  return (
    await attio<Envelope<AttioEntry>>(z, {
      method: 'PUT',
      path: path`/lists/${args.list}/entries`,
      body: { data: { parent_record_id: args.parentRecordId, parent_object: args.parentObject, entry_values: args.entryValues } },
      action: args.action,
      fieldLabels: args.fieldLabels,
    })
  ).data;
}

/** One entry, or null when it no longer exists. */
export async function getEntry(z: ZObject, list: string, entryId: string): Promise<AttioEntry | null> {
  const res = await attioOrNull<Envelope<AttioEntry>>(z, {
    path: path`/lists/${list}/entries/${entryId}`,
    action: `fetch the entry ${entryId} of list "${list}"`,
  });
  return res?.data ?? null;
}

/** Workspace members (not paginated). */
export async function listWorkspaceMembers(z: ZObject): Promise<AttioWorkspaceMember[]> {
  return (await attio<Envelope<AttioWorkspaceMember[]>>(z, { path: '/workspace_members', action: 'list workspace members' })).data;
}

/**
 * Creates a note. Not idempotent: never retried after a 5xx.
 * @param fieldLabels body key → the Zapier field label, for validation error messages
 */
export async function createNote(
  z: ZObject,
  data: { parent_object: string; parent_record_id: string; title: string; format: 'plaintext' | 'markdown'; content: string; created_at?: string },
  fieldLabels?: Record<string, string>,
): Promise<AttioNote> {
  return (await attio<Envelope<AttioNote>>(z, { method: 'POST', path: '/notes', body: { data }, action: 'create the note', fieldLabels })).data;
}

/** One page of the notes on a record (Attio's order is undocumented: read every page to see the newest). */
export async function listNotes(z: ZObject, parent: { object: string; recordId: string }, limit: number, offset: number): Promise<AttioNote[]> {
  return (
    await attio<Envelope<AttioNote[]>>(z, {
      path: '/notes',
      params: { parent_object: parent.object, parent_record_id: parent.recordId, limit, offset },
      action: 'look for the note on the record',
    })
  ).data;
}

/** One note, or null when it no longer exists. */
export async function getNote(z: ZObject, noteId: string): Promise<AttioNote | null> {
  return (await attioOrNull<Envelope<AttioNote>>(z, { path: path`/notes/${noteId}`, action: `fetch the note ${noteId}` }))?.data ?? null;
}

/**
 * Creates a task. Attio requires all six fields (null or [] when empty). Not idempotent.
 * @param fieldLabels body key → the Zapier field label, for validation error messages
 */
export async function createTask(
  z: ZObject,
  data: {
    content: string;
    format: 'plaintext';
    deadline_at: string | null;
    is_completed: boolean;
    linked_records: Array<Record<string, unknown>>;
    assignees: Array<Record<string, unknown>>;
  },
  fieldLabels?: Record<string, string>,
): Promise<AttioTask> {
  return (await attio<Envelope<AttioTask>>(z, { method: 'POST', path: '/tasks', body: { data }, action: 'create the task', fieldLabels })).data;
}

/** What GET /v2/tasks can narrow on: one linked record, or one assignee (email address or member id). */
export type TaskListFilter = { linked_object: string; linked_record_id: string } | { assignee: string } | Record<string, never>;

/** One page of tasks, newest first. */
export async function listTasks(z: ZObject, filter: TaskListFilter, limit: number, offset: number): Promise<AttioTask[]> {
  return (
    await attio<Envelope<AttioTask[]>>(z, {
      path: '/tasks',
      params: { ...filter, sort: 'created_at:desc', limit, offset },
      action: 'look for the task',
    })
  ).data;
}

/** One task, or null when it no longer exists. */
export async function getTask(z: ZObject, taskId: string): Promise<AttioTask | null> {
  return (await attioOrNull<Envelope<AttioTask>>(z, { path: path`/tasks/${taskId}`, action: `fetch the task ${taskId}` }))?.data ?? null;
}

/** Where a comment goes: a record, or a list entry. */
export type CommentTarget = { record: { object: string; record_id: string } } | { entry: { list: string; entry_id: string } };

/**
 * Creates a plaintext comment (a new thread) on a record or list entry, written by a workspace member.
 * Not idempotent: never retried after a 5xx.
 */
export async function createComment(
  z: ZObject,
  data: { content: string; authorId: string; created_at?: string } & CommentTarget,
  fieldLabels?: Record<string, string>,
): Promise<AttioComment> {
  const { content, authorId, ...rest } = data;
  const body = { data: { format: 'plaintext', content, author: { type: 'workspace-member', id: authorId }, ...rest } };
  return (await attio<Envelope<AttioComment>>(z, { method: 'POST', path: '/comments', body, action: 'create the comment', fieldLabels })).data;
}

/** One page of the comment threads on a record or a list entry (each thread with its comments, oldest first). */
export async function listThreads(z: ZObject, on: CommentTarget, limit: number, offset: number): Promise<AttioThread[]> {
  const params = 'record' in on ? { object: on.record.object, record_id: on.record.record_id } : { list: on.entry.list, entry_id: on.entry.entry_id };
  return (await attio<Envelope<AttioThread[]>>(z, { path: '/threads', params: { ...params, limit, offset }, action: 'look for the comment' })).data;
}

/** Subscribes a target URL to events; the response carries the signing secret, shown only this once. */
export async function createWebhook(
  z: ZObject,
  targetUrl: string,
  subscriptions: AttioWebhookSubscription[],
  explain?: AttioCall['explain'],
): Promise<AttioWebhook> {
  return (
    await attio<Envelope<AttioWebhook>>(z, {
      method: 'POST',
      path: '/webhooks',
      body: { data: { target_url: targetUrl, subscriptions } },
      action: 'subscribe to Attio events',
      explain,
    })
  ).data;
}

/** One page of the workspace's webhooks (without their secrets: Attio shows a secret only on create). */
export async function listWebhooks(z: ZObject, limit: number, offset: number): Promise<AttioWebhook[]> {
  return (await attio<Envelope<AttioWebhook[]>>(z, { path: '/webhooks', params: { limit, offset }, action: 'list your Attio webhooks' })).data;
}

/** Deletes a webhook. Returns false when it was already gone (404), which is fine for unsubscribe. */
export async function deleteWebhook(z: ZObject, webhookId: string): Promise<boolean> {
  const res = await attioOrNull<unknown>(z, { method: 'DELETE', path: path`/webhooks/${webhookId}`, action: 'unsubscribe from Attio events' });
  return res !== null;
}

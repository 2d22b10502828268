// Typed Attio endpoints. Each is one request through the shared layer (src/attio/request.ts), which adds
// the base URL, the token, retries and error mapping. Operations call these, never z.request.
import type { ZObject } from 'zapier-platform-core';
import { attio, attioOrMissing, attioOrNull, path, type AttioCall } from './request';
import { attioError } from './errors';
import type {
  AttioAttribute,
  AttioCallRecording,
  AttioComment,
  AttioEntry,
  AttioList,
  AttioMeeting,
  AttioNote,
  AttioObject,
  AttioRecord,
  AttioSelectOption,
  AttioSelf,
  AttioStatus,
  AttioTask,
  AttioValue,
  AttioThread,
  AttioTranscriptPage,
  AttioWebhook,
  AttioWebhookSubscription,
  AttioWorkspaceMember,
  Envelope,
} from './types';
import type { CommentTarget } from './types';

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

/**
 * The values of one attribute of a record. With `historic`, every value it ever held, oldest first, each
 * with `active_from` / `active_until` (null: still active). Null when the record no longer exists.
 * Attio answers 400 for attributes without history (communication intelligence, enriched attributes).
 * Attio pages the values (its default page size is undocumented): `offset` skips the first ones.
 */
export async function getRecordAttributeValues(
  z: ZObject,
  args: { object: string; recordId: string; attribute: string; historic: boolean; offset?: number; explain?: AttioCall['explain'] },
): Promise<AttioValue[] | null> {
  const res = await attioOrNull<Envelope<AttioValue[]>>(z, {
    path: path`/objects/${args.object}/records/${args.recordId}/attributes/${args.attribute}/values`,
    params: { show_historic: args.historic, offset: args.offset || undefined },
    action: `read the history of "${args.attribute}" on the record ${args.recordId}`,
    explain: args.explain,
  });
  return res?.data ?? null;
}

/**
 * Deletes a record, permanently. Returns false when the record was already gone (404), so a replay
 * succeeds; a missing object (Attio's 404 names it) still throws. Safe to repeat.
 */
export async function deleteRecord(z: ZObject, object: string, recordId: string): Promise<boolean> {
  const call: AttioCall = { method: 'DELETE', path: path`/objects/${object}/records/${recordId}`, action: `delete the record ${recordId} in "${object}"` };
  const res = await attioOrMissing<unknown>(z, call);
  if (res.found) return true;
  if (/^(object|list) with/i.test(res.body?.message ?? '')) throw attioError(z, 404, res.body, { ...call, method: 'DELETE' });
  return false;
}

/**
 * Records matching a query, paging Attio until `max` records or the last page (fewer than a page
 * returned). One request per page; `pageSize` is Attio's own default page (500) unless a smaller one is asked.
 */
export async function queryRecordsUpTo(
  z: ZObject,
  object: string,
  body: Omit<QueryBody, 'limit' | 'offset'>,
  max: number,
  action: string,
  pageSize = 500,
): Promise<AttioRecord[]> {
  const out: AttioRecord[] = [];
  while (out.length < max) {
    const limit = Math.min(pageSize, max - out.length);
    const page = await queryRecords(z, object, { ...body, limit, offset: out.length }, action);
    out.push(...page);
    if (page.length < limit) break;
  }
  return out;
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

/**
 * The values of one attribute of a list entry; with `historic`, every value it ever held, oldest first.
 * Null when the entry no longer exists.
 */
export async function getEntryAttributeValues(
  z: ZObject,
  args: { list: string; entryId: string; attribute: string; historic: boolean; offset?: number; explain?: AttioCall['explain'] },
): Promise<AttioValue[] | null> {
  const res = await attioOrNull<Envelope<AttioValue[]>>(z, {
    path: path`/lists/${args.list}/entries/${args.entryId}/attributes/${args.attribute}/values`,
    params: { show_historic: args.historic, offset: args.offset || undefined },
    action: `read the history of "${args.attribute}" on the list entry ${args.entryId}`,
    explain: args.explain,
  });
  return res?.data ?? null;
}

/**
 * Updates one entry's list values: `append` (PATCH) adds to multiselect attributes, `replace` (PUT)
 * overwrites them. Attributes not sent keep their values. A missing entry is a 404 (see `explain`).
 * @param idempotent false when a retry could append a multiselect value twice
 */
export async function updateEntry(
  z: ZObject,
  args: {
    list: string;
    entryId: string;
    entryValues: AttioValuesInput;
    mode: 'append' | 'replace';
    idempotent: boolean;
    action: string;
    fieldLabels?: Record<string, string>;
    explain?: AttioCall['explain'];
  },
): Promise<AttioEntry> {
  return (
    await attio<Envelope<AttioEntry>>(z, {
      method: args.mode === 'append' ? 'PATCH' : 'PUT',
      path: path`/lists/${args.list}/entries/${args.entryId}`,
      body: { data: { entry_values: args.entryValues } },
      action: args.action,
      fieldLabels: args.fieldLabels,
      explain: args.explain,
      idempotent: args.idempotent,
    })
  ).data;
}

/** Deletes one entry (the record stays in Attio). False when it was already gone (404). */
export async function deleteEntry(z: ZObject, list: string, entryId: string): Promise<boolean> {
  const res = await attioOrNull<unknown>(z, {
    method: 'DELETE',
    path: path`/lists/${list}/entries/${entryId}`,
    action: `remove the entry ${entryId} from the list "${list}"`,
  });
  return res !== null;
}

/** Workspace members (not paginated). */
export async function listWorkspaceMembers(z: ZObject): Promise<AttioWorkspaceMember[]> {
  return (await attio<Envelope<AttioWorkspaceMember[]>>(z, { path: '/workspace_members', action: 'list workspace members' })).data;
}

/** One note, or null when it was deleted before we looked. */
export async function getNote(z: ZObject, noteId: string): Promise<AttioNote | null> {
  return (await attioOrNull<Envelope<AttioNote>>(z, { path: path`/notes/${noteId}`, action: `fetch the note ${noteId}` }))?.data ?? null;
}

/**
 * Notes of every record, or of one object's records. Attio gives no sort order for this list, so callers
 * wanting the newest sort by `created_at` themselves.
 * @param limit at most 50 (Attio's maximum)
 */
export async function listNotes(
  z: ZObject,
  args: { parentObject?: string; parentRecordId?: string; limit: number; offset?: number },
): Promise<AttioNote[]> {
  return (
    await attio<Envelope<AttioNote[]>>(z, {
      path: '/notes',
      params: { parent_object: args.parentObject, parent_record_id: args.parentRecordId, limit: args.limit, offset: args.offset },
      action: args.parentRecordId ? 'look for the note on the record' : args.parentObject ? `list the notes on ${args.parentObject}` : 'list notes',
    })
  ).data;
}

/** One task, or null when it was deleted before we looked. */
export async function getTask(z: ZObject, taskId: string): Promise<AttioTask | null> {
  return (await attioOrNull<Envelope<AttioTask>>(z, { path: path`/tasks/${taskId}`, action: `fetch the task ${taskId}` }))?.data ?? null;
}

/**
 * Tasks, newest first (GET /v2/tasks, paged by limit/offset).
 * @param assignee a workspace member's email address or id: only tasks assigned to them
 * @param isCompleted only completed (true) or open (false) tasks
 */
export async function listTasks(
  z: ZObject,
  args: { limit: number; offset?: number; assignee?: string; isCompleted?: boolean; linkedObject?: string; linkedRecordId?: string },
): Promise<AttioTask[]> {
  return (
    await attio<Envelope<AttioTask[]>>(z, {
      path: '/tasks',
      params: {
        sort: 'created_at:desc',
        limit: args.limit,
        offset: args.offset,
        assignee: args.assignee,
        is_completed: args.isCompleted,
        linked_object: args.linkedObject,
        linked_record_id: args.linkedRecordId,
      },
      action: 'list tasks',
    })
  ).data;
}

/** One comment, or null when it was deleted before we looked. */
export async function getComment(z: ZObject, commentId: string): Promise<AttioComment | null> {
  return (await attioOrNull<Envelope<AttioComment>>(z, { path: path`/comments/${commentId}`, action: `fetch the comment ${commentId}` }))?.data ?? null;
}

/**
 * Threads of comments, each with its comments (oldest first): across the workspace, or on one record or
 * list entry (`on`).
 * @param limit at most 50 (Attio's maximum)
 */
export async function listThreads(z: ZObject, args: { on?: CommentTarget; limit: number; offset?: number }): Promise<AttioThread[]> {
  const on = args.on;
  const scope = !on ? {} : 'record' in on ? { object: on.record.object, record_id: on.record.record_id } : { list: on.entry.list, entry_id: on.entry.entry_id };
  return (
    await attio<Envelope<AttioThread[]>>(z, {
      path: '/threads',
      params: { ...scope, limit: args.limit, offset: args.offset },
      action: on ? 'look for the comment' : 'list comment threads',
    })
  ).data;
}

/** One meeting, or null when it no longer exists. */
export async function getMeeting(z: ZObject, meetingId: string): Promise<AttioMeeting | null> {
  return (await attioOrNull<Envelope<AttioMeeting>>(z, { path: path`/meetings/${meetingId}`, action: `fetch the meeting ${meetingId}` }))?.data ?? null;
}

/** The meetings that started before `startsBefore`, latest start first. */
export async function listRecentMeetings(z: ZObject, args: { limit: number; startsBefore: string }): Promise<AttioMeeting[]> {
  return (
    await attio<Envelope<AttioMeeting[]>>(z, {
      path: '/meetings',
      params: { sort: 'start_desc', limit: args.limit, starts_before: args.startsBefore },
      action: 'list meetings',
    })
  ).data;
}

/** One call recording, or null when it no longer exists. */
export async function getCallRecording(z: ZObject, meetingId: string, callRecordingId: string): Promise<AttioCallRecording | null> {
  const res = await attioOrNull<Envelope<AttioCallRecording>>(z, {
    path: path`/meetings/${meetingId}/call_recordings/${callRecordingId}`,
    action: `fetch the call recording ${callRecordingId}`,
  });
  return res?.data ?? null;
}

/** The call recordings of one meeting (first page). */
export async function listCallRecordings(z: ZObject, meetingId: string, limit: number): Promise<AttioCallRecording[]> {
  return (
    await attio<Envelope<AttioCallRecording[]>>(z, {
      path: path`/meetings/${meetingId}/call_recordings`,
      params: { limit },
      action: `list the call recordings of the meeting ${meetingId}`,
    })
  ).data;
}

/** One page of a call recording's transcript, or null when Attio has none (yet) for it. */
export async function getTranscriptPage(z: ZObject, meetingId: string, callRecordingId: string, cursor?: string): Promise<AttioTranscriptPage | null> {
  return attioOrNull<AttioTranscriptPage>(z, {
    path: path`/meetings/${meetingId}/call_recordings/${callRecordingId}/transcript`,
    params: { cursor },
    action: `fetch the transcript of the call recording ${callRecordingId}`,
  });
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

/** What PATCH /v2/tasks/{task_id} can change (content is immutable): only the keys present are sent. */
export interface TaskChanges {
  deadline_at?: string | null;
  is_completed?: boolean;
  linked_records?: Array<Record<string, unknown>>;
  assignees?: Array<Record<string, unknown>>;
}

/**
 * Updates a task. Safe to repeat: every key replaces the task's value (assignees and linked records as
 * whole lists). A missing task is a 404 (see `explain`).
 */
export async function updateTask(
  z: ZObject,
  taskId: string,
  data: TaskChanges,
  options: { fieldLabels?: Record<string, string>; explain?: AttioCall['explain'] } = {},
): Promise<AttioTask> {
  return (
    await attio<Envelope<AttioTask>>(z, {
      method: 'PATCH',
      path: path`/tasks/${taskId}`,
      body: { data },
      action: `update the task ${taskId}`,
      idempotent: true,
      ...options,
    })
  ).data;
}

export type { CommentTarget } from './types';

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

/** What Attio knows about this connection's token (GET /v2/self): its workspace and the app's client_id. */
export async function getSelf(z: ZObject, action = 'check your connection'): Promise<AttioSelf> {
  return attio<AttioSelf>(z, { path: '/self', action });
}

// Routes: Attio API v2 paths (templates as in the spec) → handlers over the store and the webhook hub.
import { invalid, notFound, SandboxError } from './errors';
import type { Schema } from './schema';
import type { Activities, NoteInput, TaskInput } from './activities';
import type { CommentInput, Comments } from './comments';
import type { Meetings } from './meetings';
import { pageOf, valuesOf as attributeHistory, type QueryBody, type Store, type UpdateMode } from './store';
import type { EntryRow, RecordRow } from './rows';
import type { Actor, Json, JsonObject, ListDef, ObjectDef } from './types';
import {
  attributeJson,
  commentJson,
  entryJson,
  listJson,
  memberJson,
  noteJson,
  objectJson,
  optionJson,
  recordJson,
  statusJson,
  taskJson,
  threadJson,
} from './views';
import type { WebhookHub, WebhookSubscription } from './webhooks';

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  actor: Actor;
  /** False for a revoked or unknown token (only /v2/self is answered then). */
  tokenActive: boolean;
}

export interface Deps {
  schema: Schema;
  store: Store;
  activities: Activities;
  comments: Comments;
  hub: WebhookHub;
  meetings: Meetings;
  self: () => JsonObject;
}

export interface HandlerResult {
  status?: number;
  body: Json;
}

type Handler = (ctx: RequestContext, deps: Deps) => HandlerResult;

export interface Route {
  method: string;
  template: string;
  segments: string[];
  /** Undefined: in Attio's API but not in the sandbox (501). */
  handler?: Handler;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function query(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `{data: {...}}` → the inner object (the spec validator has usually checked it already). */
function dataOf(ctx: RequestContext): Record<string, unknown> {
  if (!isObject(ctx.body) || !isObject(ctx.body.data)) {
    throw invalid('Body payload validation error.', [{ code: 'invalid_type', path: ['data'], message: 'Required' }]);
  }
  return ctx.body.data;
}

function valuesOf(data: Record<string, unknown>, key: 'values' | 'entry_values', required = true): Record<string, unknown> {
  const v = data[key];
  if (v === undefined && !required) return {};
  if (!isObject(v)) throw invalid('Body payload validation error.', [{ code: 'invalid_type', path: ['data', key], message: 'Expected object' }]);
  return v;
}

function queryBody(ctx: RequestContext): QueryBody {
  if (ctx.body === undefined) return {};
  if (!isObject(ctx.body)) throw invalid('Body payload validation error.');
  return ctx.body;
}

function attributeParent(ctx: RequestContext, deps: Deps) {
  const { target, identifier } = ctx.params as { target: string; identifier: string };
  if (target === 'objects') return deps.store.object(identifier);
  if (target === 'lists') return deps.store.list(identifier);
  throw notFound(`Unknown attribute target "${target}": use objects or lists.`);
}

function attributeOf(ctx: RequestContext, deps: Deps) {
  const parent = attributeParent(ctx, deps);
  const slug = ctx.params.attribute as string;
  const attr = deps.schema.attribute(parent, slug);
  if (!attr) throw notFound(`Attribute with slug/ID "${slug}" not found.`);
  return attr;
}

const data = (body: Json, status = 200): HandlerResult => ({ status, body: { data: body } });

/**
 * GET …/attributes/{attribute}/values of a record or an entry: the current values, or with
 * `show_historic=true` every value it ever had, oldest `active_from` first (`active_until` set on
 * the ones that ended); `limit` / `offset`. Historic values of interaction (COMINT) attributes: 400.
 */
function attributeValues<R extends RecordRow | EntryRow>(c: RequestContext, d: Deps, row: R, parentOf: (row: R) => ObjectDef | ListDef): HandlerResult {
  const slug = c.params.attribute as string;
  const attr = d.schema.attribute(parentOf(row), slug);
  if (!attr) throw notFound(`Attribute with slug/ID "${slug}" not found.`);
  const historic = query(c, 'show_historic') === 'true';
  if (historic && attr.type === 'interaction') throw invalid('Historic values cannot be queried on Communication Intelligence or enriched attributes.');
  return data(pageOf(attributeHistory(row, attr.api_slug, historic), { limit: query(c, 'limit'), offset: query(c, 'offset') }, Number.MAX_SAFE_INTEGER));
}

/** PATCH (append: multiselect values prepended) and PUT (overwrite) of a record: one handler, two modes. */
const updateRecord =
  (mode: UpdateMode): Handler =>
  (c, d) =>
    data(recordJson(d.schema, d.store.updateRecord(c.params.object as string, c.params.record_id as string, valuesOf(dataOf(c), 'values'), mode, c.actor)));

/** PATCH and PUT of a list entry, as for records. */
const updateEntry =
  (mode: UpdateMode): Handler =>
  (c, d) =>
    data(entryJson(d.schema, d.store.updateEntry(c.params.list as string, c.params.entry_id as string, valuesOf(dataOf(c), 'entry_values'), mode, c.actor)));

const HANDLERS: Array<[string, string, Handler | undefined]> = [
  // --- objects & attributes
  ['GET', '/v2/objects', (_c, d) => data(d.schema.activeObjects().map((o) => objectJson(d.schema, o)))],
  ['GET', '/v2/objects/{object}', (c, d) => data(objectJson(d.schema, d.store.object(c.params.object as string)))],
  [
    'GET',
    '/v2/{target}/{identifier}/attributes',
    (c, d) => {
      const showArchived = query(c, 'show_archived') === 'true';
      const attrs = attributeParent(c, d).attributes.filter((a) => showArchived || !a.is_archived);
      // The spec documents no default or maximum here: every attribute unless a limit is given.
      return data(pageOf(attrs, { limit: query(c, 'limit'), offset: query(c, 'offset') }, attrs.length).map((a) => attributeJson(d.schema, a)));
    },
  ],
  ['GET', '/v2/{target}/{identifier}/attributes/{attribute}', (c, d) => data(attributeJson(d.schema, attributeOf(c, d)))],
  [
    'GET',
    '/v2/{target}/{identifier}/attributes/{attribute}/options',
    (c, d) => {
      const attr = attributeOf(c, d);
      if (attr.type !== 'select') throw invalid('This attribute is not a select attribute.');
      const all = query(c, 'show_archived') === 'true';
      return data(attr.options.filter((o) => all || !o.is_archived).map((o) => optionJson(d.schema, attr, o)));
    },
  ],
  [
    'GET',
    '/v2/{target}/{identifier}/attributes/{attribute}/statuses',
    (c, d) => {
      const attr = attributeOf(c, d);
      if (attr.type !== 'status') throw invalid('This attribute is not a status attribute.');
      const all = query(c, 'show_archived') === 'true';
      return data(attr.statuses.filter((s) => all || !s.is_archived).map((s) => statusJson(d.schema, attr, s)));
    },
  ],
  // --- records
  ['POST', '/v2/objects/{object}/records/query', (c, d) => data(d.store.queryRecords(c.params.object as string, queryBody(c)).map((r) => recordJson(d.schema, r)))],
  [
    'POST',
    '/v2/objects/{object}/records',
    (c, d) => data(recordJson(d.schema, d.store.createRecord(c.params.object as string, valuesOf(dataOf(c), 'values'), c.actor))),
  ],
  [
    'PUT',
    '/v2/objects/{object}/records',
    (c, d) => {
      const matching = query(c, 'matching_attribute');
      if (!matching) throw invalid('The matching_attribute query parameter is required.');
      return data(recordJson(d.schema, d.store.assertRecord(c.params.object as string, matching, valuesOf(dataOf(c), 'values'), c.actor)));
    },
  ],
  ['GET', '/v2/objects/{object}/records/{record_id}', (c, d) => data(recordJson(d.schema, d.store.record(c.params.object as string, c.params.record_id as string)))],
  ['PATCH', '/v2/objects/{object}/records/{record_id}', updateRecord('append')],
  ['PUT', '/v2/objects/{object}/records/{record_id}', updateRecord('overwrite')],
  [
    'DELETE',
    '/v2/objects/{object}/records/{record_id}',
    (c, d) => {
      d.store.deleteRecord(c.params.object as string, c.params.record_id as string, c.actor);
      return { body: {} };
    },
  ],
  [
    'GET',
    '/v2/objects/{object}/records/{record_id}/attributes/{attribute}/values',
    (c, d) => attributeValues(c, d, d.store.record(c.params.object as string, c.params.record_id as string), (r) => r.object),
  ],
  [
    'GET',
    '/v2/objects/{object}/records/{record_id}/entries',
    (c, d) => {
      const entries = d.store.entriesOfRecord(c.params.object as string, c.params.record_id as string);
      // Spec: "The default is `100` and the maximum is `1000`."
      return data(
        pageOf(entries, { limit: query(c, 'limit'), offset: query(c, 'offset') }, 100, 1000).map((e) => ({ list_id: e.list.id, list_api_slug: e.list.api_slug, entry_id: e.id, created_at: e.createdAt })),
      );
    },
  ],
  ['POST', '/v2/objects/records/search', undefined],
  // --- lists & entries
  ['GET', '/v2/lists', (_c, d) => data(d.schema.lists.map((l) => listJson(d.schema, l)))],
  ['GET', '/v2/lists/{list}', (c, d) => data(listJson(d.schema, d.store.list(c.params.list as string)))],
  ['POST', '/v2/lists/{list}/entries/query', (c, d) => data(d.store.queryEntries(c.params.list as string, queryBody(c)).map((e) => entryJson(d.schema, e)))],
  [
    'PUT',
    '/v2/lists/{list}/entries',
    (c, d) => {
      const body = dataOf(c);
      const input = { parent_record_id: String(body.parent_record_id), parent_object: String(body.parent_object), entry_values: valuesOf(body, 'entry_values', false) };
      return data(entryJson(d.schema, d.store.assertEntry(c.params.list as string, input, c.actor)));
    },
  ],
  ['GET', '/v2/lists/{list}/entries/{entry_id}', (c, d) => data(entryJson(d.schema, d.store.entry(c.params.list as string, c.params.entry_id as string)))],
  ['PATCH', '/v2/lists/{list}/entries/{entry_id}', updateEntry('append')],
  ['PUT', '/v2/lists/{list}/entries/{entry_id}', updateEntry('overwrite')],
  [
    'DELETE',
    '/v2/lists/{list}/entries/{entry_id}',
    (c, d) => {
      d.store.deleteEntry(c.params.list as string, c.params.entry_id as string, c.actor);
      return { body: {} };
    },
  ],
  [
    'GET',
    '/v2/lists/{list}/entries/{entry_id}/attributes/{attribute}/values',
    (c, d) => attributeValues(c, d, d.store.entry(c.params.list as string, c.params.entry_id as string), (r) => r.list),
  ],
  // --- workspace members
  ['GET', '/v2/workspace_members', (_c, d) => data(d.schema.members.map((m) => memberJson(d.schema, m)))],
  [
    'GET',
    '/v2/workspace_members/{workspace_member_id}',
    (c, d) => {
      const id = c.params.workspace_member_id as string;
      const m = d.schema.members.find((x) => x.id === id);
      if (!m) throw notFound(`Workspace member with ID "${id}" not found.`);
      return data(memberJson(d.schema, m));
    },
  ],
  // --- notes
  [
    'GET',
    '/v2/notes',
    (c, d) =>
      data(
        d.activities
          .listNotes({ parent_object: query(c, 'parent_object'), parent_record_id: query(c, 'parent_record_id'), limit: query(c, 'limit'), offset: query(c, 'offset') })
          .map((n) => noteJson(d.schema, n)),
      ),
  ],
  ['POST', '/v2/notes', (c, d) => data(noteJson(d.schema, d.activities.createNote(dataOf(c) as unknown as NoteInput, c.actor)))],
  ['GET', '/v2/notes/{note_id}', (c, d) => data(noteJson(d.schema, d.activities.note(c.params.note_id as string)))],
  // --- tasks
  [
    'GET',
    '/v2/tasks',
    (c, d) => {
      const q = Object.fromEntries(
        ['linked_object', 'linked_record_id', 'assignee', 'is_completed', 'sort', 'limit', 'offset'].map((k) => [k, query(c, k)]),
      );
      return data(d.activities.listTasks(q).map((t) => taskJson(d.schema, t)));
    },
  ],
  [
    'POST',
    '/v2/tasks',
    (c, d) => {
      const body = dataOf(c) as TaskInput;
      const missing = (['content', 'format', 'deadline_at', 'is_completed', 'linked_records', 'assignees'] as const).filter((k) => !(k in body));
      if (missing.length) {
        throw invalid(
          'Body payload validation error.',
          missing.map((k) => ({ code: 'invalid_type', path: ['data', k], message: 'Required' })),
        );
      }
      return data(taskJson(d.schema, d.activities.createTask(body as Required<TaskInput>, c.actor)));
    },
  ],
  ['GET', '/v2/tasks/{task_id}', (c, d) => data(taskJson(d.schema, d.activities.task(c.params.task_id as string)))],
  ['PATCH', '/v2/tasks/{task_id}', (c, d) => data(taskJson(d.schema, d.activities.updateTask(c.params.task_id as string, dataOf(c) as TaskInput, c.actor)))],
  // --- comments & threads
  ['POST', '/v2/comments', (c, d) => data(commentJson(d.schema, d.comments.createComment(dataOf(c) as unknown as CommentInput, c.actor)))],
  ['GET', '/v2/comments/{comment_id}', (c, d) => data(commentJson(d.schema, d.comments.comment(c.params.comment_id as string)))],
  [
    'GET',
    '/v2/threads',
    (c, d) => {
      const q = Object.fromEntries(['object', 'record_id', 'list', 'entry_id', 'limit', 'offset'].map((k) => [k, query(c, k)]));
      return data(d.comments.listThreads(q).map((t) => threadJson(d.schema, t, d.comments.commentsOf(t))));
    },
  ],
  [
    'GET',
    '/v2/threads/{thread_id}',
    (c, d) => {
      const thread = d.comments.thread(c.params.thread_id as string);
      return data(threadJson(d.schema, thread, d.comments.commentsOf(thread)));
    },
  ],
  // --- webhooks
  [
    'GET',
    '/v2/webhooks',
    (c, d) => {
      // Spec: "The maximum number of results to return, between 10 and 100, defaults to 10."
      return data(pageOf([...d.hub.webhooks.values()], { limit: query(c, 'limit'), offset: query(c, 'offset') }, 10, 100, 10).map((w) => d.hub.json(w)));
    },
  ],
  [
    'POST',
    '/v2/webhooks',
    (c, d) => {
      const body = dataOf(c) as { target_url: string; subscriptions: WebhookSubscription[] };
      return data(d.hub.json(d.hub.create(body.target_url, body.subscriptions), true));
    },
  ],
  ['GET', '/v2/webhooks/{webhook_id}', (c, d) => data(d.hub.json(d.hub.get(c.params.webhook_id as string)))],
  [
    'DELETE',
    '/v2/webhooks/{webhook_id}',
    (c, d) => {
      d.hub.delete(c.params.webhook_id as string);
      return { body: {} };
    },
  ],
  // --- meetings, call recordings, transcripts (cursor paging: {data, pagination: {next_cursor}})
  [
    'GET',
    '/v2/meetings',
    (c, d) => {
      const q = Object.fromEntries(['limit', 'cursor', 'linked_object', 'linked_record_id', 'sort'].map((k) => [k, query(c, k)]));
      const { page, next } = d.meetings.listMeetings(q);
      return { body: { data: page.map((m) => d.meetings.meetingJson(m)), pagination: { next_cursor: next } } };
    },
  ],
  ['GET', '/v2/meetings/{meeting_id}', (c, d) => data(d.meetings.meetingJson(d.meetings.meeting(c.params.meeting_id as string)))],
  [
    'GET',
    '/v2/meetings/{meeting_id}/call_recordings',
    (c, d) => {
      const { page, next } = d.meetings.listRecordings(c.params.meeting_id as string, { limit: query(c, 'limit'), cursor: query(c, 'cursor') });
      return { body: { data: page.map((r) => d.meetings.recordingJson(r)), pagination: { next_cursor: next } } };
    },
  ],
  [
    'GET',
    '/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}',
    (c, d) => data(d.meetings.recordingJson(d.meetings.recording(c.params.meeting_id as string, c.params.call_recording_id as string))),
  ],
  [
    'GET',
    '/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}/transcript',
    (c, d) => {
      const recording = d.meetings.recording(c.params.meeting_id as string, c.params.call_recording_id as string);
      return { body: { data: d.meetings.transcriptJson(recording), pagination: { next_cursor: null } } };
    },
  ],
  // --- identity
  ['GET', '/v2/self', (c, d) => ({ body: c.tokenActive ? d.self() : { active: false } })],
  // --- in Attio's API, not in the sandbox (501): schema writes, and writes nothing here needs
  ['POST', '/v2/lists/{list}/entries', undefined],
  ['DELETE', '/v2/notes/{note_id}', undefined],
  ['DELETE', '/v2/tasks/{task_id}', undefined],
  ['DELETE', '/v2/comments/{comment_id}', undefined],
  ['PATCH', '/v2/webhooks/{webhook_id}', undefined],
  ['POST', '/v2/objects', undefined],
  ['PATCH', '/v2/objects/{object}', undefined],
  ['POST', '/v2/{target}/{identifier}/attributes', undefined],
  ['PATCH', '/v2/{target}/{identifier}/attributes/{attribute}', undefined],
  ['POST', '/v2/{target}/{identifier}/attributes/{attribute}/options', undefined],
  ['PATCH', '/v2/{target}/{identifier}/attributes/{attribute}/options/{option}', undefined],
  ['POST', '/v2/{target}/{identifier}/attributes/{attribute}/statuses', undefined],
  ['PATCH', '/v2/{target}/{identifier}/attributes/{attribute}/statuses/{status}', undefined],
  ['POST', '/v2/lists', undefined],
  ['PATCH', '/v2/lists/{list}', undefined],
];

// Routes with more literal segments win: /v2/objects/{object}/records/query before …/{record_id}.
const ROUTES: Route[] = HANDLERS.map(([method, template, handler]) => ({ method, template, segments: template.split('/'), handler })).sort(
  (a, b) => b.segments.filter((s) => !s.startsWith('{')).length - a.segments.filter((s) => !s.startsWith('{')).length,
);

function matchTemplate(segments: string[], path: string[]): Record<string, string> | undefined {
  if (segments.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const actual = path[i] as string;
    if (seg.startsWith('{')) {
      if (!actual) return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (seg !== actual) return undefined;
  }
  return params;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { route: undefined; template: string | undefined };

/** The route for a method and path; when only the method is wrong, `template` names the path's route. */
export function matchRoute(method: string, path: string): RouteMatch {
  const parts = path.replace(/\/+$/, '').split('/');
  let template: string | undefined;
  for (const route of ROUTES) {
    const params = matchTemplate(route.segments, parts);
    if (!params) continue;
    if (route.method === method) return { route, params };
    template ??= route.template;
  }
  return { route: undefined, template };
}

export function runRoute(route: Route, ctx: RequestContext, deps: Deps): HandlerResult {
  if (!route.handler) {
    throw new SandboxError(501, 'api_error', 'not_implemented', `The Attio sandbox does not implement ${route.method} ${route.template}.`);
  }
  return route.handler(ctx, deps);
}

// Note, task, comment and plain record creates that happen once (see recover.ts): each create with the
// lookup that finds it after a lost response, and for notes and tasks the replay window as well.
import type { ZObject } from 'zapier-platform-core';
import {
  createComment,
  createNote,
  createRecord,
  createTask,
  getNote,
  getTask,
  listNotes,
  listTasks,
  listThreads,
  queryRecords,
  type AttioValuesInput,
  type CommentTarget,
} from './endpoints';
import { createOnce, createResolvingLoss, createdSince, findInPages, sameText, sameWords, LookupInconclusive } from './recover';
import type { AttioComment, AttioNote, AttioRecord, AttioTask } from './types';
import { memberIdByEmail } from './actors';

/** Notes and threads come 50 a page (Attio's maximum) in an undocumented order: up to 500 are read. */
const PAGE = 50;
const MAX_PAGES = 10;

type NoteData = Parameters<typeof createNote>[1];
type TaskData = Parameters<typeof createTask>[1];
type CommentData = Parameters<typeof createComment>[1];

function newest<T extends { created_at: string }>(items: T[]): T | null {
  return items.reduce<T | null>((best, item) => (!best || Date.parse(item.created_at) > Date.parse(best.created_at) ? item : best), null);
}

function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return Math.abs(Date.parse(a) - Date.parse(b)) < 1000;
}

/** The note on this record with this title and content (markdown compared by its words: Attio may re-render it). */
function findNote(z: ZObject, data: NoteData) {
  return (since: number) =>
    findInPages(
      (limit, offset) => listNotes(z, { parentObject: data.parent_object, parentRecordId: data.parent_record_id, limit, offset }),
      (notes) =>
        newest(
          notes.filter(
            (n) =>
              n.parent_record_id === data.parent_record_id &&
              sameText(n.title, data.title) &&
              (sameText(data.format === 'markdown' ? n.content_markdown : n.content_plaintext, data.content) ||
                (data.format === 'markdown' && sameWords(n.content_markdown, data.content))) &&
              (data.created_at ? sameInstant(n.created_at, data.created_at) : createdSince(n.created_at, since)),
          ),
        ),
      { limit: PAGE, maxPages: MAX_PAGES },
    );
}

/**
 * Creates a note once: a lost response is resolved by reading the record's notes, and a replay with the
 * same parent, title, format, content and date within the replay window returns the first note.
 */
export function createNoteOnce(z: ZObject, data: NoteData, fieldLabels?: Record<string, string>): Promise<AttioNote> {
  return createOnce(z, {
    what: 'the note',
    kind: 'note',
    identity: [data.parent_object, data.parent_record_id, data.title, data.format, data.content, data.created_at ?? null],
    create: () => createNote(z, data, fieldLabels),
    find: findNote(z, data),
    fetch: (id) => getNote(z, id),
    idOf: (note) => note.id.note_id,
  });
}

/** What GET /v2/tasks narrows the lookup by: a linked record id, else an assignee, else nothing. */
function taskFilter(data: TaskData): { linkedObject?: string; linkedRecordId?: string; assignee?: string } {
  const byId = data.linked_records.find((l) => typeof l.target_record_id === 'string' && typeof l.target_object === 'string');
  if (byId) return { linkedObject: byId.target_object as string, linkedRecordId: byId.target_record_id as string };
  const assignee = data.assignees.find((a) => typeof a.workspace_member_email_address === 'string');
  return assignee ? { assignee: assignee.workspace_member_email_address as string } : {};
}

/** The same ids, in any order and case. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const norm = (ids: readonly string[]) => [...new Set(ids.map((id) => id.toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}

/**
 * The newest task with this content and deadline, linked to exactly these records and assigned to exactly
 * these members, created since the loss. Links given by email or domain (Attio resolves them) cannot be
 * compared with what a task carries, so the lookup is inconclusive then (the "may or may not" error stands);
 * assignees given by email are compared by member id through the connection's cached member list.
 */
function findTask(z: ZObject, data: TaskData) {
  const filter = taskFilter(data);
  return async (since: number): Promise<AttioTask | null> => {
    const linkIds = data.linked_records.map((l) => l.target_record_id);
    if (!linkIds.every((id): id is string => typeof id === 'string')) {
      throw new LookupInconclusive('a record linked by email or domain cannot be matched against the tasks Attio lists');
    }
    const assigneeIds = await Promise.all(
      data.assignees.map(async (a) => {
        const email = a.workspace_member_email_address;
        const id = typeof email === 'string' ? await memberIdByEmail(z, email.trim().toLowerCase()) : undefined;
        if (!id) throw new LookupInconclusive(`the assignee ${String(email)} is not a workspace member this connection can see`);
        return id;
      }),
    );
    return findInPages(
      (limit, offset) => listTasks(z, { ...filter, limit, offset }),
      (tasks) =>
        tasks.find(
          (t) =>
            createdSince(t.created_at, since) &&
            sameText(t.content_plaintext, data.content) &&
            sameInstant(t.deadline_at, data.deadline_at) &&
            sameIds((t.linked_records ?? []).map((l) => l.target_record_id), linkIds) &&
            sameIds((t.assignees ?? []).map((a) => a.referenced_actor_id), assigneeIds),
        ) ?? null,
      // Newest first: once a page reaches tasks older than the window, the rest are older still.
      { limit: PAGE, maxPages: MAX_PAGES, stop: (tasks) => tasks.some((t) => !createdSince(t.created_at, since)) },
    );
  };
}

/**
 * Creates a task once: a lost response is resolved by reading the newest tasks (of its linked record or
 * assignee), and a replay with the same content, deadline, completion, links and assignees within the
 * replay window returns the first task.
 */
export function createTaskOnce(z: ZObject, data: TaskData, fieldLabels?: Record<string, string>): Promise<AttioTask> {
  const links = data.linked_records.map((l) => JSON.stringify(l)).sort();
  const assignees = data.assignees.map((a) => JSON.stringify(a)).sort();
  return createOnce(z, {
    what: 'the task',
    kind: 'task',
    identity: [data.content, data.deadline_at, data.is_completed, links, assignees],
    create: () => createTask(z, data, fieldLabels),
    find: findTask(z, data),
    fetch: (id) => getTask(z, id),
    idOf: (task) => task.id.task_id,
  });
}

/**
 * Creates a comment, resolving a lost response by reading the threads on its record or entry: the
 * newest comment with this content by this author. (No replay window: the same words posted twice on
 * purpose are a conversation.)
 */
export function createCommentOnce(z: ZObject, data: CommentData, fieldLabels?: Record<string, string>): Promise<AttioComment> {
  const target: CommentTarget = 'record' in data ? { record: data.record } : { entry: data.entry };
  return createResolvingLoss(z, {
    what: 'the comment',
    create: () => createComment(z, data, fieldLabels),
    find: (since) =>
      findInPages(
        (limit, offset) => listThreads(z, { on: target, limit, offset }),
        (threads) =>
          newest(
            threads
              .flatMap((t) => t.comments ?? [])
              .filter((c) => c.author?.id === data.authorId && sameText(c.content_plaintext, data.content) && createdSince(c.created_at, since)),
          ),
        { limit: PAGE, maxPages: MAX_PAGES },
      ),
  });
}

/** Write value → the value Attio's shorthand filter compares, for the types a unique attribute has. */
function filterValue(value: unknown): string | number | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['value', 'email_address', 'domain']) {
    const inner = v[key];
    if (typeof inner === 'string' || typeof inner === 'number') return inner;
  }
  return undefined;
}

/**
 * Creates a record (POST …/records). A lost response is resolved only where the values identify the
 * record: by `matches` when given (Match On's query: the one record it finds, if written since the loss),
 * else by one of `uniqueSlugs` written with a text, number, email or domain value. Otherwise (a deal
 * without Match On, say) nothing can tell the record apart, and the "may or may not" error stands.
 */
export function createRecordOnce(
  z: ZObject,
  args: Parameters<typeof createRecord>[1] & { uniqueSlugs: readonly string[]; matches?: () => Promise<AttioRecord[]> },
): Promise<AttioRecord> {
  const { uniqueSlugs, matches, ...write } = args;
  const values: AttioValuesInput = write.values;
  const identifying = uniqueSlugs
    .map((slug) => [slug, filterValue(values[slug]?.[0])] as const)
    .find((pair): pair is readonly [string, string | number] => pair[1] !== undefined);
  return createResolvingLoss(z, {
    what: `the ${write.object} record`,
    create: () => createRecord(z, write),
    find: async (since) => {
      if (matches) {
        const found = await matches();
        if (found.length === 0) return null;
        // Several, or one older than the loss: another record matches too, so which is ours cannot be told.
        if (found.length > 1 || !createdSince(found[0]?.created_at, since)) throw new LookupInconclusive('other records match the same values');
        return found[0] ?? null;
      }
      if (!identifying) throw new Error('no unique value was written to look the record up by');
      const [slug, value] = identifying;
      const found = await queryRecords(z, write.object, { filter: { [slug]: value }, limit: 1 }, `look for the record in "${write.object}"`);
      // An older record with that value is not ours: the create would have clashed with it (and says so when resent).
      return found[0] && createdSince(found[0].created_at, since) ? found[0] : null;
    },
  });
}

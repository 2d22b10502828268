// Comments and threads: POST /v2/comments (a new thread on a record or a list entry, or a reply in a
// thread), GET /v2/comments/{id}, GET /v2/threads[/{id}]. The author is a workspace member; the record or
// entry must exist. Deleting a record or an entry deletes the threads on it.
import { newId } from './clock';
import { badRequest, invalid, notFound } from './errors';
import type { CommentRow, SandboxEvent, ThreadRow } from './rows';
import { pageOf, type Store } from './store';
import type { Actor } from './types';

/** The body of POST /v2/comments: exactly one of thread_id, record or entry (the spec checks that). */
export interface CommentInput {
  format: 'plaintext';
  content: string;
  author: { type: 'workspace-member'; id: string };
  created_at?: string;
  thread_id?: string;
  record?: { object: string; record_id: string };
  entry?: { list: string; entry_id: string };
}

export interface ThreadQuery {
  object?: string;
  record_id?: string;
  list?: string;
  entry_id?: string;
  limit?: unknown;
  offset?: unknown;
}

export class Comments {
  readonly comments = new Map<string, CommentRow>();
  readonly threads = new Map<string, ThreadRow>();

  constructor(private readonly store: Store) {
    store.onEvent((e) => this.onEvent(e));
  }

  reset(): void {
    this.comments.clear();
    this.threads.clear();
  }

  /** A deleted record or entry takes its threads (and their comments) with it. */
  private onEvent(e: SandboxEvent): void {
    let gone: (t: ThreadRow) => boolean;
    if (e.event_type === 'record.deleted') gone = (t) => t.recordId === e.id.record_id;
    else if (e.event_type === 'list-entry.deleted') gone = (t) => t.entry?.entryId === e.id.entry_id;
    else return;
    this.store.publish([...this.threads.values()].filter(gone).flatMap((t) => this.dropThread(t, e.actor)));
  }

  private event(type: string, c: CommentRow, actor: Actor): SandboxEvent {
    const { thread } = c;
    return {
      event_type: type,
      id: { workspace_id: this.store.schema.workspace.id, comment_id: c.id },
      thread_id: thread.id,
      object_id: thread.object.id,
      record_id: thread.recordId,
      list_id: thread.entry?.list.id ?? null,
      entry_id: thread.entry?.entryId ?? null,
      actor: { ...actor },
    };
  }

  /** Where a new thread goes: a record, or an entry (whose parent record the comment also names). */
  private newThread(input: CommentInput, createdAt: string): ThreadRow {
    const base = { id: newId(), commentIds: [], createdAt };
    if (input.entry) {
      const list = this.store.list(input.entry.list);
      const entry = this.store.entriesOf(list).get(input.entry.entry_id);
      if (!entry) throw badRequest('value_not_found', `Entry with ID "${input.entry.entry_id}" not found in list "${list.api_slug}".`);
      return { ...base, object: entry.parentObject, recordId: entry.parentRecordId, entry: { list, entryId: entry.id } };
    }
    const { object: objectKey, record_id: recordId } = input.record as { object: string; record_id: string };
    const object = this.store.object(objectKey);
    if (!this.store.rowsOf(object).has(recordId)) {
      throw badRequest('value_not_found', `Record with ID "${recordId}" not found in object "${object.api_slug}".`);
    }
    return { ...base, object, recordId, entry: null };
  }

  createComment(input: CommentInput, actor: Actor): CommentRow {
    const author = this.store.member(input.author.id);
    let thread: ThreadRow | undefined;
    if (input.thread_id !== undefined) {
      thread = this.threads.get(input.thread_id);
      if (!thread) throw badRequest('value_not_found', 'The referenced Thread could not be found, it might have been deleted.');
    }
    const createdAt = input.created_at === undefined ? this.store.clock.timestamp() : this.store.clock.backdate(input.created_at, 'Comments');
    thread ??= this.newThread(input, createdAt);
    const comment: CommentRow = { id: newId(), thread, content: input.content, authorId: author.id, createdAt, resolvedAt: null, resolvedBy: null };
    this.threads.set(thread.id, thread);
    thread.commentIds.push(comment.id);
    this.comments.set(comment.id, comment);
    this.store.publish([this.event('comment.created', comment, actor)]);
    return comment;
  }

  comment(commentId: string): CommentRow {
    const c = this.comments.get(commentId);
    if (!c) throw notFound(`Comment with ID "${commentId}" was not found.`);
    return c;
  }

  /** Resolves (or reopens) a comment, as a workspace member does in Attio: comment.resolved / comment.unresolved. */
  resolveComment(commentId: string, resolved: boolean, actor: Actor): CommentRow {
    const c = this.comment(commentId);
    if ((c.resolvedAt !== null) === resolved) return c;
    c.resolvedAt = resolved ? this.store.clock.timestamp() : null;
    c.resolvedBy = resolved ? { ...actor } : null;
    this.store.publish([this.event(resolved ? 'comment.resolved' : 'comment.unresolved', c, actor)]);
    return c;
  }

  /** Forgets a thread and its comments; the comment.deleted events to publish. */
  private dropThread(thread: ThreadRow, actor: Actor): SandboxEvent[] {
    this.threads.delete(thread.id);
    return thread.commentIds.map((id) => {
      const c = this.comments.get(id) as CommentRow;
      this.comments.delete(id);
      return this.event('comment.deleted', c, actor);
    });
  }

  /** A thread's comments, oldest `created_at` first (a backdated reply may come before later ones). */
  commentsOf(thread: ThreadRow): CommentRow[] {
    return thread.commentIds.map((id) => this.comments.get(id) as CommentRow).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  thread(threadId: string): ThreadRow {
    const t = this.threads.get(threadId);
    if (!t) throw notFound(`Thread with ID "${threadId}" was not found.`);
    return t;
  }

  /** GET /v2/threads: the threads on one record (`object` + `record_id`) or one entry (`list` + `entry_id`). */
  listThreads(query: ThreadQuery): ThreadRow[] {
    for (const [a, b] of [['object', 'record_id'], ['list', 'entry_id']] as const) {
      if ((query[a] === undefined) !== (query[b] === undefined)) throw invalid(`The ${a} and ${b} query parameters must be passed together.`);
    }
    const object = query.object === undefined ? undefined : this.store.object(query.object);
    const list = query.list === undefined ? undefined : this.store.list(query.list);
    const threads = [...this.threads.values()].filter(
      (t) =>
        (!object || (t.object === object && t.entry === null)) &&
        (query.record_id === undefined || t.recordId === query.record_id) &&
        (!list || t.entry?.list === list) &&
        (query.entry_id === undefined || t.entry?.entryId === query.entry_id),
    );
    return pageOf(threads, query, 10, 50);
  }
}

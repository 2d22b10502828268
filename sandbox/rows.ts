// The sandbox's stored rows and the events its writes produce.
import type { Actor, ListDef, ObjectDef, StoredValue } from './types';

export interface RecordRow {
  object: ObjectDef;
  id: string;
  createdAt: string;
  /** Creation order across the whole store (sort tie-breaker). */
  order: number;
  /** Current values by attribute slug. */
  values: Map<string, StoredValue[]>;
  /** Values that were replaced or removed (active_until set), by attribute slug, oldest first. */
  history: Map<string, StoredValue[]>;
}

export interface EntryRow {
  list: ListDef;
  id: string;
  parentObject: ObjectDef;
  parentRecordId: string;
  createdAt: string;
  order: number;
  values: Map<string, StoredValue[]>;
  history: Map<string, StoredValue[]>;
}

export interface NoteRow {
  id: string;
  parentObject: ObjectDef;
  parentRecordId: string;
  title: string;
  contentPlaintext: string;
  contentMarkdown: string;
  meetingId: string | null;
  createdAt: string;
  actor: Actor;
}

export interface TaskRow {
  id: string;
  content: string;
  deadlineAt: string | null;
  isCompleted: boolean;
  linked: Array<{ object: ObjectDef; recordId: string }>;
  /** Workspace member ids. */
  assignees: string[];
  createdAt: string;
  actor: Actor;
}

/** A comment thread: on a record, or on a list entry (its record is then the entry's parent). */
export interface ThreadRow {
  id: string;
  object: ObjectDef;
  recordId: string;
  entry: { list: ListDef; entryId: string } | null;
  /** When its first comment was written. */
  createdAt: string;
  /** Comment ids in the order they were written; the first is the head of the thread. */
  commentIds: string[];
}

export interface CommentRow {
  id: string;
  thread: ThreadRow;
  content: string;
  /** The workspace member who wrote it. */
  authorId: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: Actor | null;
}

/** An event as Attio delivers it in a webhook's `events[]` (ids only, no values). */
export interface SandboxEvent {
  event_type: string;
  id: Record<string, string>;
  parent_object_id?: string;
  parent_record_id?: string;
  /** comment.* events: where the comment is (list_id and entry_id null unless it is on an entry). */
  thread_id?: string;
  object_id?: string;
  record_id?: string;
  list_id?: string | null;
  entry_id?: string | null;
  actor: Actor;
}

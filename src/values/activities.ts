// Attio notes and tasks → flat objects a Zap builder can map. Like read.ts for records: one mapper
// per kind, so every operation returning a note or a task (creates now, triggers later) has the same keys.
import { isoTimestamp, type FlatRecord } from './read';
import type { AttioNote, AttioTask, NoteMemberTag, NoteRecordTag } from '../attio/types';
import type { AttioComment } from '../attio/types';

/** A note as Zapier output: `id` is the note id; both content renderings; the parent record; who wrote it. */
export function flattenNote(note: AttioNote): FlatRecord {
  return {
    id: note.id.note_id,
    note_id: note.id.note_id,
    title: note.title,
    content_plaintext: note.content_plaintext,
    content_markdown: note.content_markdown,
    parent_object: note.parent_object,
    parent_record_id: note.parent_record_id,
    created_by_type: note.created_by_actor?.type ?? null,
    created_by_id: note.created_by_actor?.id ?? null,
    created_at: isoTimestamp(note.created_at),
    ...noteExtras(note),
  };
}

/** What a note carries besides its text: the meeting it belongs to, and who and what is @-tagged in it. */
function noteExtras(note: AttioNote): FlatRecord {
  const tags = note.tags ?? [];
  const records = tags.filter((t): t is NoteRecordTag => t.type === 'record');
  return {
    meeting_id: note.meeting_id ?? null,
    tagged_member_ids: tags.filter((t): t is NoteMemberTag => t.type === 'workspace-member').map((t) => t.workspace_member_id),
    tagged_record_ids: records.map((t) => t.record_id),
    tagged_record_objects: records.map((t) => t.object),
  };
}

/**
 * A task as Zapier output: `id` is the task id, `content` its text, timestamps ISO 8601 with offset.
 * Attio returns assignees as workspace-member ids only. `assigneeEmails` are the addresses the task was
 * created with: Attio accepted every one of them (or it would have refused the task), so when their
 * count matches the assignees returned, they are the assignees' emails. Their order need not match the
 * ids, so the two lists are given side by side rather than paired.
 */
export function flattenTask(task: AttioTask, assigneeEmails: string[] = []): FlatRecord {
  const assignees = task.assignees ?? [];
  const linked = task.linked_records ?? [];
  return {
    id: task.id.task_id,
    task_id: task.id.task_id,
    content: task.content_plaintext,
    deadline_at: isoTimestamp(task.deadline_at),
    is_completed: task.is_completed,
    assignee_emails: assigneeEmails.length === assignees.length ? assigneeEmails : [],
    assignee_ids: assignees.map((a) => a.referenced_actor_id),
    linked_record_ids: linked.map((l) => l.target_record_id),
    linked_object_ids: linked.map((l) => l.target_object_id),
    created_by_type: task.created_by_actor?.type ?? null,
    created_by_id: task.created_by_actor?.id ?? null,
    created_at: isoTimestamp(task.created_at),
  };
}

/**
 * A comment as Zapier output: `id` is the comment id. Attio always names the record the comment is on
 * (for a list entry: the entry's parent record); `entry_id` and `list_id` are null for record comments.
 */
export function flattenComment(comment: AttioComment): FlatRecord {
  return {
    id: comment.id.comment_id,
    comment_id: comment.id.comment_id,
    thread_id: comment.thread_id,
    content_plaintext: comment.content_plaintext,
    record_id: comment.record?.record_id ?? null,
    object_id: comment.record?.object_id ?? null,
    entry_id: comment.entry?.entry_id ?? null,
    list_id: comment.entry?.list_id ?? null,
    author_type: comment.author?.type ?? null,
    author_id: comment.author?.id ?? null,
    resolved_at: isoTimestamp(comment.resolved_at),
    // Attio sends `{}` (or nulls) while the comment is unresolved.
    resolved_by_type: ('type' in comment.resolved_by ? comment.resolved_by.type : null) ?? null,
    resolved_by_id: ('id' in comment.resolved_by ? comment.resolved_by.id : null) ?? null,
    created_at: isoTimestamp(comment.created_at),
  };
}


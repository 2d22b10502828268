// What the event triggers give a Zap: the thing the event is about (note, task, comment, deleted record or
// entry) with readable text beside every id: who did it (name and email), assignees, linked records and the
// record a note or comment is on. Pure: the triggers fetch, these only shape, so perform and performList
// (the editor's test items) always give the same keys.
import { flattenComment, flattenNote, flattenTask } from './activities';
import { flattenEntry, flattenRecord, isoTimestamp, type Flat, type FlatRecord } from './read';
import type { AttioComment, AttioEntry, AttioNote, AttioRecord, AttioTask } from '../attio/types';

/** An actor as readable text: a member's name and email, or what kind of writer it was. */
export interface ActorText {
  /** "Alice Adams", "API token", "an app", "Attio (system)". */
  name: string | null;
  email: string | null;
  type: string | null;
  id: string | null;
}

/** An actor as one text: a member's name with their email ("Ada Lovelace (ada@example.com)"), else the name. */
export function actorText(actor: ActorText): string | null {
  return actor.email && actor.email !== actor.name ? `${actor.name} (${actor.email})` : actor.name;
}

/**
 * The actor under `prefix`: `deleted_by` (readable text), `deleted_by_email`, `deleted_by_type`, `deleted_by_id`;
 * all null when unknown. The same keys and text as the change triggers' `changed_by`.
 */
export function actorFields(prefix: string, actor: ActorText | null): FlatRecord {
  return {
    [prefix]: actor ? actorText(actor) : null,
    [`${prefix}_email`]: actor?.email ?? null,
    [`${prefix}_type`]: actor?.type ?? null,
    [`${prefix}_id`]: actor?.id ?? null,
  };
}

function str(v: Flat | undefined): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

/** A record in words: its name, else its email or domain, else its id (what a Slack message can say). */
export function recordText(record: AttioRecord): string {
  const flat = flattenRecord(record);
  return str(flat.name) ?? str(flat.email) ?? str(flat.domain) ?? record.id.record_id;
}

/** When a trigger stamps the time itself (Attio's event has no timestamp): now, as ISO 8601 with offset. */
export function receivedAt(now: Date = new Date()): string {
  return isoTimestamp(now.toISOString()) ?? now.toISOString();
}

/**
 * A deleted record. Attio deletes records permanently and its event names only the ids, so the record's
 * values (name, email, domain) cannot be read any more: the output is the ids, who deleted it and when.
 */
export function deletedRecordOutput(args: { object: string; objectId: string; recordId: string; deletedBy: ActorText | null; deletedAt: string | null }): FlatRecord {
  return {
    id: args.recordId,
    record_id: args.recordId,
    object: args.object,
    object_id: args.objectId,
    ...actorFields('deleted_by', args.deletedBy),
    deleted_at: args.deletedAt,
  };
}

/**
 * A list entry removed from its list: the entry's ids, its parent record (hydrated, or null when the
 * record is gone too), who removed it and when.
 */
export function removedEntryOutput(args: {
  list: string;
  listId: string;
  entryId: string;
  /** The parent record's object by slug (New List Entry's `parent_object`); null falls back to its UUID. */
  parentObject: string | null;
  parentObjectId: string | null;
  parentRecordId: string | null;
  parent: AttioRecord | null;
  removedBy: ActorText | null;
  removedAt: string | null;
}): FlatRecord {
  return {
    id: args.entryId,
    entry_id: args.entryId,
    list: args.list,
    list_id: args.listId,
    parent_record_id: args.parentRecordId,
    parent_object: args.parentObject ?? args.parentObjectId,
    parent_object_id: args.parentObjectId,
    parent_exists: args.parent !== null,
    parent: args.parent ? flattenRecord(args.parent, args.parentObject ?? undefined) : null,
    ...actorFields('removed_by', args.removedBy),
    removed_at: args.removedAt,
  };
}

/**
 * A note with its parent record (hydrated: name, email or domain, web URL), its author and its tags as
 * readable text: tagged members by name, tagged records by name when it is the parent (the only one
 * fetched), else by id.
 */
export function noteOutput(note: AttioNote, parent: AttioRecord | null, author: ActorText | null, taggedMembers: ReadonlyMap<string, ActorText | null>): FlatRecord {
  const tags = (note.tags ?? []) as Array<{ type?: string; workspace_member_id?: string; record_id?: string }>;
  const memberIds = tags.filter((t) => t.type === 'workspace-member' && t.workspace_member_id).map((t) => t.workspace_member_id as string);
  const recordIds = tags.filter((t) => t.type === 'record' && t.record_id).map((t) => t.record_id as string);
  const readable = [
    ...memberIds.map((id) => taggedMembers.get(id)?.name ?? id),
    ...recordIds.map((id) => (parent && parent.id.record_id === id ? recordText(parent) : id)),
  ];
  return {
    ...flattenNote(note),
    meeting_id: note.meeting_id ?? null,
    tags: readable,
    tagged_member_ids: memberIds,
    tagged_member_emails: memberIds.map((id) => taggedMembers.get(id)?.email ?? null).filter((e): e is string => !!e),
    tagged_record_ids: recordIds,
    parent: parent ? flattenRecord(parent, note.parent_object) : null,
    ...actorFields('created_by', author),
  };
}

/** The member ids a note tags (to describe them before noteOutput). */
export function noteTaggedMembers(note: AttioNote): string[] {
  const tags = (note.tags ?? []) as Array<{ type?: string; workspace_member_id?: string }>;
  return tags.filter((t) => t.type === 'workspace-member' && t.workspace_member_id).map((t) => t.workspace_member_id as string);
}

/**
 * A task with its assignees (names and emails), linked records (names, beside their ids) and author.
 * `completedAt` overrides the task's own `completed_at`, which Attio's task does not carry.
 */
export function taskOutput(
  task: AttioTask,
  assignees: readonly ActorText[],
  linked: ReadonlyArray<AttioRecord | null>,
  author: ActorText | null,
  completedAt?: string | null,
): FlatRecord {
  const emails = assignees.map((a) => a.email).filter((e): e is string => !!e);
  const base = flattenTask(task, emails);
  const links = task.linked_records ?? [];
  return {
    ...base,
    completed_at: completedAt === undefined ? (base.completed_at ?? null) : isoTimestamp(completedAt),
    assignees: assignees.map((a) => a.name ?? a.id ?? ''),
    assignee_emails: emails,
    linked_records: links.map((l, i) => {
      const record = linked[i];
      return record ? recordText(record) : l.target_record_id;
    }),
    ...actorFields('created_by', author),
  };
}

/**
 * A comment with the record it is on (and the list entry, for a comment on an entry), hydrated; its author;
 * whether its thread is resolved and by whom.
 * @param object the slug of the record's object (`object`, `record.object`), as every trigger names objects;
 * its UUID stays in `object_id` (null falls back to the UUID)
 */
export function commentOutput(
  comment: AttioComment,
  record: AttioRecord | null,
  entry: AttioEntry | null,
  author: ActorText | null,
  resolvedBy: ActorText | null,
  object: string | null,
): FlatRecord {
  const flat = flattenComment(comment);
  return {
    ...flat,
    object: object ?? flat.object_id ?? null,
    is_resolved: comment.resolved_at !== null && comment.resolved_at !== undefined,
    ...actorFields('resolved_by', resolvedBy),
    record: record ? flattenRecord(record, object ?? undefined) : null,
    entry: entry ? flattenEntry(entry) : null,
    ...actorFields('author', author),
  };
}

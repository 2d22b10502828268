// Attio notes and tasks → flat objects a Zap builder can map. Like read.ts for records: one mapper
// per kind, so every operation returning a note or a task (creates now, triggers later) has the same keys.
import { isoTimestamp, type FlatRecord } from './read';
import type { AttioNote, AttioTask, NoteMemberTag, NoteRecordTag } from '../attio/types';
import type { AttioComment, CommentTarget } from '../attio/types';
import { identifierInput, inputError, invalidInput, isUuid, listInput, recordIdInput, slugInput } from './parse';
import { normalizeDomain, normalizeEmail, type DomainOptions } from './normalize';

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


/** The labels of a task's assignee and linked-record fields (create_task, update_task). */
export const TASK_LINK_LABELS = {
  assignee_emails: 'Assignees',
  linked_object: 'Linked Object',
  linked_record_ids: 'Linked Records',
  linked_person_emails: 'Linked Person Emails',
  linked_company_domains: 'Linked Company Domains',
} as const;

/** A task's assignees and linked records as Attio writes them, and which of the two the user mapped. */
export interface TaskLinks {
  /** Assignee email addresses, normalised and without repeats. */
  assigneeEmails: string[];
  assignees: Array<Record<string, unknown>>;
  linkedRecords: Array<Record<string, unknown>>;
  assigneesMapped: boolean;
  linksMapped: boolean;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * The assignee and linked-record inputs of a task step (the fields of taskLinkFields): members by email,
 * records by ID (with their object), people by email and companies by domain, which Attio resolves itself.
 * @throws z.errors.Error naming the field for an invalid email, ID or domain, or record IDs without their object
 */
export function taskLinksInput(input: Record<string, unknown>, domainOptions: DomainOptions = {}): TaskLinks {
  const L = TASK_LINK_LABELS;
  const assigneeEmails = unique(listInput(input.assignee_emails, L.assignee_emails).map((e) => normalizeEmail(e, L.assignee_emails)));
  const recordIds = unique(listInput(input.linked_record_ids, L.linked_record_ids).map((id) => recordIdInput(id, L.linked_record_ids)));
  const linkedObject = identifierInput(input.linked_object, L.linked_object) ? slugInput(input.linked_object, L.linked_object, 'object') : '';
  if (recordIds.length > 0 && !linkedObject) {
    throw inputError(`${L.linked_object} is empty, but ${L.linked_record_ids} are given. Choose the object those records belong to.`);
  }
  const people = unique(listInput(input.linked_person_emails, L.linked_person_emails).map((e) => normalizeEmail(e, L.linked_person_emails)));
  const companies = unique(
    listInput(input.linked_company_domains, L.linked_company_domains).map((d) => normalizeDomain(d, L.linked_company_domains, domainOptions)),
  );
  return {
    assigneeEmails,
    assignees: assigneeEmails.map((email) => ({ workspace_member_email_address: email })),
    linkedRecords: [
      ...recordIds.map((id) => ({ target_object: linkedObject, target_record_id: id })),
      ...people.map((email) => ({ target_object: 'people', email_addresses: [{ email_address: email }] })),
      ...companies.map((domain) => ({ target_object: 'companies', domains: [{ domain }] })),
    ],
    assigneesMapped: assigneeEmails.length > 0,
    linksMapped: recordIds.length + people.length + companies.length > 0,
  };
}

/** The labels of a comment step's fields, named in its refusals. */
export interface CommentLabels {
  author: string;
  object: string;
  record_id: string;
  list: string;
  entry_id: string;
}

/**
 * Who posts a comment: a workspace member id (the dropdown) or an email address to look up.
 * @throws z.errors.Error naming the field when empty or neither an id nor an address
 */
export function commentAuthorInput(raw: unknown, label: string): { id: string } | { email: string } {
  const text = identifierInput(raw, label);
  if (!text) throw inputError(`${label} is empty. Pick the workspace member the comment is posted as.`);
  if (isUuid(text)) return { id: text.toLowerCase() };
  if (text.includes('@')) return { email: normalizeEmail(text, label) };
  throw invalidInput(label, raw, 'is not a workspace member. Pick the member from the dropdown, or map their email address.');
}

/**
 * What a comment goes on, decided by the ids: a record (with its object) or a list entry (with its list).
 * An Object or List chosen without its Record or List Entry (say, to browse its dropdown) is ignored when
 * the other target is complete.
 * @throws z.errors.Error naming the fields when both, neither, or a half of one is given
 */
export function commentTargetInput(input: Record<string, unknown>, L: CommentLabels): CommentTarget {
  const object = identifierInput(input.object, L.object) && slugInput(input.object, L.object, 'object');
  const recordId = identifierInput(input.record_id, L.record_id);
  const list = identifierInput(input.list, L.list) && slugInput(input.list, L.list, 'list');
  const entryId = identifierInput(input.entry_id, L.entry_id);
  if (recordId && entryId) {
    throw inputError(`Both ${L.record_id} and ${L.entry_id} are filled in, but a comment goes on one of them. Clear one: keep ${L.object} and ${L.record_id} for a record, or ${L.list} and ${L.entry_id} for a list entry.`);
  }
  if (recordId) {
    if (!object) throw inputError(`${L.object} is empty, but ${L.record_id} is given. Choose the object that record belongs to.`);
    return { record: { object, record_id: recordIdInput(recordId, L.record_id) } };
  }
  if (entryId) {
    if (!list) throw inputError(`${L.list} is empty, but ${L.entry_id} is given. Choose the list that entry is on.`);
    if (!isUuid(entryId)) {
      throw invalidInput(
        L.entry_id,
        input.entry_id,
        'is not an Attio list entry ID. Pick the entry from the dropdown, or map the ID output by an earlier Attio step (such as Find List Entry).',
      );
    }
    return { entry: { list, entry_id: entryId.toLowerCase() } };
  }
  throw inputError(`Choose what to comment on: fill in ${L.object} and ${L.record_id} for a record, or ${L.list} and ${L.entry_id} for a list entry.`);
}

/** The labels of a note step's parent fields, named in its refusals. */
export interface NoteParentLabels {
  parent_object: string;
  parent_record_id: string;
  parent_email: string;
  parent_domain: string;
}

/**
 * Which record a note goes on, before any request: the record picked by id, or a person to find by email
 * (Parent Object People), or a company to find by domain (Parent Object Companies, or People with no email:
 * Parent Object defaults to People, so a domain alone means a company).
 * @throws z.errors.Error naming the fields when none is given or they contradict the object
 */
export function noteParentInput(
  input: Record<string, unknown>,
  L: NoteParentLabels,
): { recordId: string; object: string } | { email: string; object: 'people' } | { domain: string; object: 'companies' } {
  const object = slugInput(input.parent_object, L.parent_object, 'object');
  const recordId = identifierInput(input.parent_record_id, L.parent_record_id);
  const email = identifierInput(input.parent_email, L.parent_email);
  const domain = identifierInput(input.parent_domain, L.parent_domain);
  if (recordId) return { recordId: recordIdInput(recordId, L.parent_record_id), object };
  if (email && object === 'people') return { email, object: 'people' };
  if (domain && (object === 'companies' || (object === 'people' && !email))) return { domain, object: 'companies' };
  if (email || domain) {
    throw inputError(`${email ? L.parent_email : L.parent_domain} is filled in, but ${L.parent_object} is "${object}". ${L.parent_email} finds People and ${L.parent_domain} finds Companies: choose the matching object, or pick the record in ${L.parent_record_id}.`);
  }
  throw inputError(`Choose the record to attach the note to: fill in ${L.parent_record_id}, or ${L.parent_email} (People) or ${L.parent_domain} (Companies).`);
}

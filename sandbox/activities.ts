// Notes and tasks: POST/GET /v2/notes, POST/GET/PATCH /v2/tasks. A note hangs off one
// record; a task links records (by id or by a unique attribute such as email_addresses or domains) and
// is assigned to workspace members. Deleting a record deletes its notes and unlinks it from tasks.
import { newId } from './clock';
import { badRequest, invalid, notFound } from './errors';
import type { NoteRow, SandboxEvent, TaskRow } from './rows';
import { pageOf, type Store } from './store';
import type { Actor } from './types';
import { resolveRecord } from './values';

export interface NoteInput {
  parent_object: string;
  parent_record_id: string;
  title: string;
  format: 'plaintext' | 'markdown';
  content: string;
  created_at?: string;
  meeting_id?: string | null;
}

export interface TaskInput {
  content?: string;
  format?: 'plaintext';
  deadline_at?: string | null;
  is_completed?: boolean;
  linked_records?: Array<Record<string, unknown>>;
  assignees?: Array<Record<string, unknown>>;
}

function stripMarkdown(md: string): string {
  return md
    .replace(/^#{1,3}\s+/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|==)(.*?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_]/g, '$1$2');
}

export class Activities {
  readonly notes = new Map<string, NoteRow>();
  readonly tasks = new Map<string, TaskRow>();

  constructor(
    private readonly store: Store,
    /** Whether a meeting exists (a note may hang off one). */
    private readonly meetingExists: (meetingId: string) => boolean = () => false,
  ) {
    store.onEvent((e) => this.onEvent(e));
  }

  reset(): void {
    this.notes.clear();
    this.tasks.clear();
  }

  private onEvent(e: SandboxEvent): void {
    if (e.event_type !== 'record.deleted') return;
    const recordId = e.id.record_id;
    const deleted: SandboxEvent[] = [];
    for (const n of [...this.notes.values()]) {
      if (n.parentRecordId !== recordId) continue;
      this.notes.delete(n.id);
      deleted.push({
        event_type: 'note.deleted',
        id: { workspace_id: this.store.schema.workspace.id, note_id: n.id },
        parent_object_id: n.parentObject.id,
        parent_record_id: n.parentRecordId,
        actor: { ...e.actor },
      });
    }
    for (const t of this.tasks.values()) t.linked = t.linked.filter((l) => l.recordId !== recordId);
    this.store.publish(deleted);
  }

  // ---- notes ---------------------------------------------------------------------------------

  createNote(input: NoteInput, actor: Actor): NoteRow {
    const parentObject = this.store.object(input.parent_object);
    if (!this.store.rowsOf(parentObject).has(input.parent_record_id)) {
      throw badRequest('value_not_found', `Parent record with ID "${input.parent_record_id}" not found in object "${parentObject.api_slug}".`);
    }
    if (input.meeting_id && !this.meetingExists(input.meeting_id)) throw badRequest('value_not_found', `Meeting with ID "${input.meeting_id}" not found.`);
    const createdAt = input.created_at === undefined ? this.store.clock.timestamp() : this.store.clock.backdate(input.created_at, 'Notes');
    const markdown = input.format === 'markdown';
    const note: NoteRow = {
      id: newId(),
      parentObject,
      parentRecordId: input.parent_record_id,
      title: input.title,
      contentPlaintext: markdown ? stripMarkdown(input.content) : input.content,
      contentMarkdown: input.content,
      meetingId: input.meeting_id ?? null,
      createdAt,
      actor: { ...actor },
    };
    this.notes.set(note.id, note);
    this.store.publish([
      {
        event_type: 'note.created',
        id: { workspace_id: this.store.schema.workspace.id, note_id: note.id },
        parent_object_id: parentObject.id,
        parent_record_id: note.parentRecordId,
        actor: { ...actor },
      },
    ]);
    return note;
  }

  note(noteId: string): NoteRow {
    const n = this.notes.get(noteId);
    if (!n) throw notFound(`Note with ID "${noteId}" was not found.`);
    return n;
  }

  listNotes(query: { parent_object?: string; parent_record_id?: string; limit?: unknown; offset?: unknown }): NoteRow[] {
    const object = query.parent_object === undefined ? undefined : this.store.object(query.parent_object);
    const notes = [...this.notes.values()].filter(
      (n) => (!object || n.parentObject === object) && (query.parent_record_id === undefined || n.parentRecordId === query.parent_record_id),
    );
    return pageOf(notes, query, 10, 50);
  }

  // ---- tasks ---------------------------------------------------------------------------------

  private parseDeadline(value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    const ms = Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value);
    if (Number.isNaN(ms)) throw invalid(`deadline_at "${value}" is not an ISO 8601 timestamp.`);
    return `${new Date(ms).toISOString().slice(0, -1)}000000Z`;
  }

  private linkedRecords(refs: Array<Record<string, unknown>>, actor: Actor): TaskRow['linked'] {
    const ctx = this.store.valueContext(actor);
    const out: TaskRow['linked'] = [];
    for (const ref of refs) {
      const object = this.store.object(String(ref.target_object));
      const recordId = resolveRecord(object, ref, ctx);
      if (!out.some((l) => l.recordId === recordId)) out.push({ object, recordId });
    }
    return out;
  }

  private assigneeIds(refs: Array<Record<string, unknown>>): string[] {
    const ids = refs.map((ref) =>
      this.store.member(typeof ref.workspace_member_email_address === 'string' ? ref.workspace_member_email_address : String(ref.referenced_actor_id)).id,
    );
    return [...new Set(ids)];
  }

  createTask(input: Required<TaskInput>, actor: Actor): TaskRow {
    const deadlineAt = this.parseDeadline(input.deadline_at);
    const linked = this.linkedRecords(input.linked_records, actor);
    const assignees = this.assigneeIds(input.assignees);
    const now = this.store.clock.timestamp();
    const task: TaskRow = {
      id: newId(),
      content: input.content,
      deadlineAt,
      isCompleted: input.is_completed,
      linked,
      assignees,
      createdAt: now,
      actor: { ...actor },
    };
    this.tasks.set(task.id, task);
    this.store.publish([{ event_type: 'task.created', id: { workspace_id: this.store.schema.workspace.id, task_id: task.id }, actor: { ...actor } }]);
    return task;
  }

  task(taskId: string): TaskRow {
    const t = this.tasks.get(taskId);
    if (!t) throw notFound(`Could not find Task with ID "${taskId}".`);
    return t;
  }

  /** PATCH /v2/tasks/{id}: deadline, completion, links and assignees (content is immutable). */
  updateTask(taskId: string, input: TaskInput, actor: Actor): TaskRow {
    const t = this.task(taskId);
    const deadlineAt = 'deadline_at' in input ? this.parseDeadline(input.deadline_at) : t.deadlineAt;
    const linked = input.linked_records ? this.linkedRecords(input.linked_records, actor) : t.linked;
    const assignees = input.assignees ? this.assigneeIds(input.assignees) : t.assignees;
    const isCompleted = input.is_completed ?? t.isCompleted;
    Object.assign(t, { deadlineAt, linked, assignees, isCompleted });
    this.store.publish([{ event_type: 'task.updated', id: { workspace_id: this.store.schema.workspace.id, task_id: t.id }, actor: { ...actor } }]);
    return t;
  }

  listTasks(query: {
    linked_object?: string;
    linked_record_id?: string;
    assignee?: string;
    is_completed?: string;
    sort?: string;
    limit?: unknown;
    offset?: unknown;
  }): TaskRow[] {
    // Spec: "If provided, `linked_record_id` must also be provided" (and the other way round).
    if ((query.linked_object === undefined) !== (query.linked_record_id === undefined)) {
      throw invalid('The linked_object and linked_record_id query parameters must be passed together.');
    }
    const object = query.linked_object === undefined ? undefined : this.store.object(query.linked_object);
    // Spec: "Pass an empty value or the string `null` to find tasks with no assignee."
    const unassigned = query.assignee === '' || query.assignee === 'null';
    const assignee = query.assignee === undefined || unassigned ? undefined : (this.store.schema.member(query.assignee)?.id ?? '-');
    const tasks = [...this.tasks.values()].filter(
      (t) =>
        (!object && query.linked_record_id === undefined) ||
        t.linked.some((l) => (!object || l.object === object) && (query.linked_record_id === undefined || l.recordId === query.linked_record_id)),
    )
      .filter((t) => (unassigned ? t.assignees.length === 0 : assignee === undefined || t.assignees.includes(assignee)))
      .filter((t) => query.is_completed === undefined || t.isCompleted === (query.is_completed === 'true'));
    if (query.sort === 'created_at:desc') tasks.reverse();
    return pageOf(tasks, query, 500);
  }
}

// JSON read shapes, as Attio's API returns them (spec/attio-openapi.json response schemas).
import type { CommentRow, EntryRow, NoteRow, RecordRow, TaskRow, ThreadRow } from './rows';
import type { Schema } from './schema';
import type { AttributeDef, JsonObject, ListDef, ObjectDef, SelectOptionDef, StatusDef, StoredValue, WorkspaceMemberDef } from './types';

export type RecordJson = {
  id: { workspace_id: string; object_id: string; record_id: string };
  created_at: string;
  web_url: string;
  values: Record<string, StoredValue[]>;
};

export type EntryJson = {
  id: { workspace_id: string; list_id: string; entry_id: string };
  parent_record_id: string;
  parent_object: string;
  created_at: string;
  entry_values: Record<string, StoredValue[]>;
};

const clone = (values: StoredValue[] | undefined): StoredValue[] => structuredClone(values ?? []);

function valuesJson(attributes: AttributeDef[], values: Map<string, StoredValue[]>): Record<string, StoredValue[]> {
  return Object.fromEntries(attributes.filter((a) => !a.is_archived).map((a) => [a.api_slug, clone(values.get(a.api_slug))]));
}

export function recordJson(schema: Schema, row: RecordRow): RecordJson {
  return {
    id: { workspace_id: schema.workspace.id, object_id: row.object.id, record_id: row.id },
    created_at: row.createdAt,
    web_url: `https://app.attio.com/${schema.workspace.slug}/${row.object.singular_noun.toLowerCase()}/${row.id}`,
    values: valuesJson(row.object.attributes, row.values),
  };
}

export function entryJson(schema: Schema, row: EntryRow): EntryJson {
  return {
    id: { workspace_id: schema.workspace.id, list_id: row.list.id, entry_id: row.id },
    parent_record_id: row.parentRecordId,
    parent_object: row.parentObject.api_slug,
    created_at: row.createdAt,
    entry_values: valuesJson(row.list.attributes, row.values),
  };
}

export function objectJson(schema: Schema, o: ObjectDef): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, object_id: o.id },
    api_slug: o.api_slug,
    singular_noun: o.singular_noun,
    plural_noun: o.plural_noun,
    created_at: o.created_at,
  };
}

export function attributeJson(schema: Schema, a: AttributeDef): JsonObject {
  const inverse = a.relationship ? schema.object(a.relationship.object) : undefined;
  const inverseAttr = inverse && a.relationship ? schema.attribute(inverse, a.relationship.attribute) : undefined;
  return {
    id: { workspace_id: schema.workspace.id, object_id: a.parent.id, attribute_id: a.id },
    title: a.title,
    description: a.description,
    api_slug: a.api_slug,
    type: a.type,
    is_system_attribute: a.is_system_attribute,
    is_writable: a.is_writable,
    is_required: a.is_required,
    is_unique: a.is_unique,
    is_multiselect: a.is_multiselect,
    is_default_value_enabled: false,
    is_archived: a.is_archived,
    default_value: null,
    relationship:
      inverse && inverseAttr ? { id: { workspace_id: schema.workspace.id, object_id: inverse.id, attribute_id: inverseAttr.id } } : null,
    created_at: a.created_at,
    config: {
      currency: { default_currency_code: a.default_currency_code, display_type: a.default_currency_code ? 'symbol' : null },
      record_reference: {
        allowed_object_ids: a.allowed_objects
          ? a.allowed_objects.map((slug) => schema.object(slug)?.id).filter((id): id is string => !!id)
          : null,
      },
    },
  };
}

export function optionJson(schema: Schema, a: AttributeDef, o: SelectOptionDef): JsonObject {
  return { id: { workspace_id: schema.workspace.id, object_id: a.parent.id, attribute_id: a.id, option_id: o.id }, title: o.title, is_archived: o.is_archived };
}

export function statusJson(schema: Schema, a: AttributeDef, s: StatusDef): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, object_id: a.parent.id, attribute_id: a.id, status_id: s.id },
    title: s.title,
    is_archived: s.is_archived,
    celebration_enabled: s.celebration_enabled,
    target_time_in_status: null,
  };
}

export function listJson(schema: Schema, l: ListDef): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, list_id: l.id },
    api_slug: l.api_slug,
    name: l.name,
    parent_object: [l.parent_object],
    workspace_access: 'full-access',
    workspace_member_access: [],
    created_by_actor: { type: 'workspace-member', id: l.created_by },
    created_at: l.created_at,
  };
}

export function memberJson(schema: Schema, m: WorkspaceMemberDef): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, workspace_member_id: m.id },
    first_name: m.first_name,
    last_name: m.last_name,
    avatar_url: null,
    email_address: m.email_address,
    created_at: m.created_at,
    access_level: m.access_level,
  };
}

export function noteJson(schema: Schema, n: NoteRow): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, note_id: n.id },
    parent_object: n.parentObject.api_slug,
    parent_record_id: n.parentRecordId,
    title: n.title,
    meeting_id: n.meetingId,
    content_plaintext: n.contentPlaintext,
    content_markdown: n.contentMarkdown,
    tags: [],
    created_by_actor: { ...n.actor },
    created_at: n.createdAt,
  };
}

export function taskJson(schema: Schema, t: TaskRow): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, task_id: t.id },
    content_plaintext: t.content,
    deadline_at: t.deadlineAt,
    is_completed: t.isCompleted,
    // No completed_at: Attio's task has none (spec components.schemas.task).
    linked_records: t.linked.map((l) => ({ target_object_id: l.object.id, target_record_id: l.recordId })),
    assignees: t.assignees.map((id) => ({ referenced_actor_type: 'workspace-member', referenced_actor_id: id })),
    created_by_actor: { ...t.actor },
    created_at: t.createdAt,
  };
}

export function commentJson(schema: Schema, c: CommentRow): JsonObject {
  const { thread } = c;
  return {
    id: { workspace_id: schema.workspace.id, comment_id: c.id },
    thread_id: thread.id,
    content_plaintext: c.content,
    entry: thread.entry ? { list_id: thread.entry.list.id, entry_id: thread.entry.entryId } : null,
    record: { object_id: thread.object.id, record_id: thread.recordId },
    resolved_at: c.resolvedAt,
    // Not resolved: an empty actor object.
    resolved_by: c.resolvedBy ? { ...c.resolvedBy } : {},
    created_at: c.createdAt,
    author: { type: 'workspace-member', id: c.authorId },
  };
}

/** A thread with its comments, oldest first. */
export function threadJson(schema: Schema, t: ThreadRow, comments: CommentRow[]): JsonObject {
  return {
    id: { workspace_id: schema.workspace.id, thread_id: t.id },
    comments: comments.map((c) => commentJson(schema, c)),
    created_at: t.createdAt,
  };
}

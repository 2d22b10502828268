// Every output-field list, one home: what Zapier shows a Zap builder to map from each operation's result.
// The keys are the ones the flatteners in src/values/ set; labels and types are Zapier's concern, so they live here.
import type { PlainOutputField } from 'zapier-platform-core';
import type { AttioAttribute } from '../attio/types';
import { LOCATION_PARTS, singularKey } from '../values/read';
import listEntrySample from '../samples/list_entry.json';


/** list_entry.json (shared with the New List Entry trigger) without `parent`, which these operations do not return. */
const { parent: _parent, ...entryWithoutParent } = listEntrySample;
export const entrySample = entryWithoutParent;

/**
 * Output fields for the keys flattenRecord always sets, optionally nested (`parent__id`, labelled
 * "Parent Record: …"). Operations add the attributes they know every workspace has.
 */
export function recordOutputFields(nested?: { key: string; label: string }): PlainOutputField[] {
  const fields: PlainOutputField[] = [
    { key: 'id', label: 'Record ID', type: 'string' },
    { key: 'record_id', label: 'Attio Record ID', type: 'string' },
    { key: 'object', label: 'Object', type: 'string' },
    { key: 'object_id', label: 'Object ID', type: 'string' },
    { key: 'web_url', label: 'Attio URL', type: 'string' },
    { key: 'created_at', label: 'Created At', type: 'datetime' },
  ];
  return nested ? nestOutputFields(fields, nested) : fields;
}

/** Output fields of a record returned inside another (`person__email`, labelled "Person: Email"). */
export function nestOutputFields(fields: readonly PlainOutputField[], nested: { key: string; label: string }): PlainOutputField[] {
  return fields.map((f) => ({ ...f, key: `${nested.key}__${f.key}`, label: `${nested.label}: ${f.label}` }));
}

/** Output fields for the keys flattenEntry always sets (without `parent`). */
export const entryOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Entry ID', type: 'string' },
  { key: 'entry_id', label: 'Attio Entry ID', type: 'string' },
  { key: 'list', label: 'List', type: 'string' },
  { key: 'list_id', label: 'List ID', type: 'string' },
  { key: 'parent_record_id', label: 'Record ID', type: 'string' },
  { key: 'parent_object', label: 'Record Object', type: 'string' },
  { key: 'created_at', label: 'Added At', type: 'datetime' },
];

/** An actor as outputs give it: `<key>_id` and `<key>_type` from Attio, `<key>_name` and `<key>_email` named (src/zapier/readable.ts). */
function valueActorOutputFields(key: string, label: string): PlainOutputField[] {
  return [
    { key: `${key}_id`, label: `${label} ID`, type: 'string' },
    { key: `${key}_type`, label: `${label} Type`, type: 'string' },
    { key: `${key}_name`, label, type: 'string' },
    { key: `${key}_email`, label: `${label} Email`, type: 'string' },
  ];
}

/** Keys flattenRecord sets itself: an attribute of the same slug (Attio's `created_at`, `record_id`) never shows. */
const FIXED_RECORD_KEYS = new Set(['id', 'record_id', 'object', 'object_id', 'web_url', 'created_at']);

/**
 * Labels and types for the keys flattenValues gives these attributes (and their companions: name parts,
 * currency code, location parts, a link's object and record id), so a Zap builder maps "Hours estimate",
 * not `hours_estimate`. Multi-value attributes are left without `list` (their shape follows the values).
 */
export function attributeOutputFields(attributes: readonly AttioAttribute[]): PlainOutputField[] {
  const out: PlainOutputField[] = [];
  for (const a of attributes) {
    if (a.is_archived || FIXED_RECORD_KEYS.has(a.api_slug)) continue;
    const slug = a.api_slug;
    const singular = singularKey(slug);
    if (singular) {
      out.push({ key: slug, label: a.title, type: 'string', list: true }, { key: singular, label: `${a.title} (First)`, type: 'string' });
      if (a.type === 'phone-number') out.push({ key: `${singular}_country_code`, label: `${a.title} (First): Country`, type: 'string' });
      continue;
    }
    switch (a.type) {
      case 'number':
      case 'rating':
        out.push({ key: slug, label: a.title, type: 'number' });
        break;
      case 'currency':
        out.push({ key: slug, label: a.title, type: 'number' }, { key: `${slug}_currency_code`, label: `${a.title} Currency`, type: 'string' });
        break;
      case 'checkbox':
        out.push({ key: slug, label: a.title, type: 'boolean' });
        break;
      case 'timestamp':
        out.push({ key: slug, label: a.title, type: 'datetime' });
        break;
      case 'interaction':
        out.push(
          { key: slug, label: a.title, type: 'datetime' },
          { key: `${slug}_type`, label: `${a.title}: Type`, type: 'string' },
          ...valueActorOutputFields(`${slug}_owner`, `${a.title}: Owner`),
        );
        break;
      case 'select':
        out.push({ key: slug, label: a.title, type: 'string' }, { key: `${slug}_option_id`, label: `${a.title}: Option ID`, type: 'string' });
        break;
      case 'status':
        out.push({ key: slug, label: a.title, type: 'string' }, { key: `${slug}_status_id`, label: `${a.title}: Status ID`, type: 'string' });
        break;
      case 'phone-number':
        out.push({ key: slug, label: a.title, type: 'string' }, { key: `${slug}_country_code`, label: `${a.title}: Country`, type: 'string' });
        break;
      case 'actor-reference':
        out.push(
          { key: slug, label: `${a.title}: ID`, type: 'string' },
          { key: `${slug}_type`, label: `${a.title}: Type`, type: 'string' },
          { key: `${slug}_name`, label: a.title, type: 'string' },
          { key: `${slug}_email`, label: `${a.title}: Email`, type: 'string' },
        );
        break;
      case 'personal-name': {
        const prefix = slug === 'name' ? '' : `${slug}_`;
        out.push(
          { key: slug, label: a.title, type: 'string' },
          { key: `${prefix}first_name`, label: `${a.title}: First Name`, type: 'string' },
          { key: `${prefix}last_name`, label: `${a.title}: Last Name`, type: 'string' },
        );
        break;
      }
      case 'record-reference':
        out.push(
          { key: `${slug}__target_object`, label: `${a.title}: Object`, type: 'string' },
          { key: `${slug}__target_record_id`, label: `${a.title}: Record ID`, type: 'string' },
        );
        break;
      case 'location':
        out.push(
          { key: slug, label: a.title, type: 'string' },
          ...LOCATION_PARTS.map((part) => ({ key: `${slug}_parts__${part}`, label: `${a.title}: ${part.replace(/_/g, ' ')}`, type: 'string' as const })),
          { key: `${slug}_parts__latitude`, label: `${a.title}: latitude`, type: 'string' },
          { key: `${slug}_parts__longitude`, label: `${a.title}: longitude`, type: 'string' },
        );
        break;
      default:
        out.push({ key: slug, label: a.title, type: 'string' });
    }
  }
  return out;
}

/** Output fields for every key flattenComment sets. */
export const commentOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Comment ID', type: 'string' },
  { key: 'comment_id', label: 'Attio Comment ID', type: 'string' },
  { key: 'thread_id', label: 'Thread ID', type: 'string' },
  { key: 'content_plaintext', label: 'Content (Plain Text)', type: 'string' },
  { key: 'record_id', label: 'Record ID', type: 'string' },
  { key: 'object_id', label: 'Object ID', type: 'string' },
  { key: 'entry_id', label: 'List Entry ID', type: 'string' },
  { key: 'list_id', label: 'List ID', type: 'string' },
  { key: 'author_type', label: 'Author Type', type: 'string' },
  { key: 'author_id', label: 'Author Member ID', type: 'string' },
  { key: 'resolved_at', label: 'Resolved At', type: 'datetime' },
  { key: 'resolved_by_type', label: 'Resolved By Type', type: 'string' },
  { key: 'resolved_by_id', label: 'Resolved By ID', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

// ------------------------------------------------------------------ the event triggers' outputs

/** Labels for an actor's keys under a prefix (values/events.ts actorFields): `changed_by`, `deleted_by_email`, … */
export function actorOutputFields(prefix: string, label: string): PlainOutputField[] {
  return [
    { key: prefix, label, type: 'string' },
    { key: `${prefix}_email`, label: `${label}: Email`, type: 'string' },
    { key: `${prefix}_type`, label: `${label}: Type`, type: 'string' },
    { key: `${prefix}_id`, label: `${label}: ID`, type: 'string' },
  ];
}

/** A record nested under `key` (`parent__name`, …): the fixed keys plus the names, emails and domains people and companies have. */
function nestedRecordOutputFields(key: string, label: string): PlainOutputField[] {
  const common: PlainOutputField[] = [
    { key: 'name', label: 'Name', type: 'string' },
    { key: 'first_name', label: 'First Name', type: 'string' },
    { key: 'last_name', label: 'Last Name', type: 'string' },
    { key: 'email', label: 'Email', type: 'string' },
    { key: 'email_addresses', label: 'Email Addresses', type: 'string', list: true },
    { key: 'domain', label: 'Domain', type: 'string' },
    { key: 'domains', label: 'Domains', type: 'string', list: true },
  ];
  return [...recordOutputFields({ key, label }), ...nestOutputFields(common, { key, label })];
}

export const deletedRecordOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Record ID', type: 'string' },
  { key: 'record_id', label: 'Attio Record ID', type: 'string' },
  { key: 'object', label: 'Object', type: 'string' },
  { key: 'object_id', label: 'Object ID', type: 'string' },
  ...actorOutputFields('deleted_by', 'Deleted By'),
  { key: 'deleted_at', label: 'Deleted At (Received by Zapier)', type: 'datetime' },
];

export const removedEntryOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Entry ID', type: 'string' },
  { key: 'entry_id', label: 'Attio Entry ID', type: 'string' },
  { key: 'list', label: 'List', type: 'string' },
  { key: 'list_id', label: 'List ID', type: 'string' },
  { key: 'parent_record_id', label: 'Record ID', type: 'string' },
  { key: 'parent_object', label: 'Record Object', type: 'string' },
  { key: 'parent_object_id', label: 'Record Object ID', type: 'string' },
  { key: 'parent_exists', label: 'Record Still Exists', type: 'boolean' },
  ...nestedRecordOutputFields('parent', 'Record'),
  ...actorOutputFields('removed_by', 'Removed By'),
  { key: 'removed_at', label: 'Removed At (Received by Zapier)', type: 'datetime' },
];

export const noteEventOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Note ID', type: 'string' },
  { key: 'note_id', label: 'Attio Note ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'content_plaintext', label: 'Content (Plain Text)', type: 'string' },
  { key: 'content_markdown', label: 'Content (Markdown)', type: 'string' },
  { key: 'meeting_id', label: 'Meeting ID', type: 'string' },
  { key: 'tags', label: 'Tags', type: 'string', list: true },
  { key: 'tagged_member_ids', label: 'Tagged Member IDs', type: 'string', list: true },
  { key: 'tagged_member_emails', label: 'Tagged Member Emails', type: 'string', list: true },
  { key: 'tagged_record_ids', label: 'Tagged Record IDs', type: 'string', list: true },
  { key: 'tagged_record_objects', label: 'Tagged Record Objects', type: 'string', list: true },
  { key: 'parent_object', label: 'Record Object', type: 'string' },
  { key: 'parent_record_id', label: 'Record ID', type: 'string' },
  ...nestedRecordOutputFields('parent', 'Record'),
  ...actorOutputFields('created_by', 'Author'),
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

export const taskEventOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Task ID', type: 'string' },
  { key: 'task_id', label: 'Attio Task ID', type: 'string' },
  { key: 'content', label: 'Content', type: 'string' },
  { key: 'deadline_at', label: 'Deadline', type: 'datetime' },
  { key: 'is_completed', label: 'Completed', type: 'boolean' },
  { key: 'completed_at', label: 'Completed At', type: 'datetime' },
  { key: 'assignees', label: 'Assignees', type: 'string', list: true },
  { key: 'assignee_emails', label: 'Assignee Emails', type: 'string', list: true },
  { key: 'assignee_ids', label: 'Assignee Member IDs', type: 'string', list: true },
  { key: 'linked_records', label: 'Linked Records', type: 'string', list: true },
  { key: 'linked_record_ids', label: 'Linked Record IDs', type: 'string', list: true },
  { key: 'linked_object_ids', label: 'Linked Record Object IDs', type: 'string', list: true },
  ...actorOutputFields('created_by', 'Created By'),
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

/** Completed Task: a task as New Task gives it, plus who completed it (the `task.updated` event's actor). */
export const completedTaskOutputFields: PlainOutputField[] = [...taskEventOutputFields, ...actorOutputFields('completed_by', 'Completed By')];

export const commentEventOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Comment ID', type: 'string' },
  { key: 'comment_id', label: 'Attio Comment ID', type: 'string' },
  { key: 'thread_id', label: 'Thread ID', type: 'string' },
  { key: 'content_plaintext', label: 'Text', type: 'string' },
  ...actorOutputFields('author', 'Author'),
  { key: 'is_resolved', label: 'Thread Resolved', type: 'boolean' },
  { key: 'resolved_at', label: 'Resolved At', type: 'datetime' },
  ...actorOutputFields('resolved_by', 'Resolved By'),
  { key: 'record_id', label: 'Record ID', type: 'string' },
  { key: 'object', label: 'Record Object', type: 'string' },
  { key: 'object_id', label: 'Record Object ID', type: 'string' },
  ...nestedRecordOutputFields('record', 'Record'),
  { key: 'entry_id', label: 'List Entry ID', type: 'string' },
  { key: 'list_id', label: 'List ID', type: 'string' },
  { key: 'entry__id', label: 'List Entry: Entry ID', type: 'string' },
  { key: 'entry__entry_id', label: 'List Entry: Attio Entry ID', type: 'string' },
  { key: 'entry__list', label: 'List Entry: List', type: 'string' },
  { key: 'entry__list_id', label: 'List Entry: List ID', type: 'string' },
  { key: 'entry__parent_record_id', label: 'List Entry: Record ID', type: 'string' },
  { key: 'entry__parent_object', label: 'List Entry: Record Object', type: 'string' },
  { key: 'entry__created_at', label: 'List Entry: Added At', type: 'datetime' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

export const callRecordingOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Call Recording ID', type: 'string' },
  { key: 'call_recording_id', label: 'Attio Call Recording ID', type: 'string' },
  { key: 'meeting_id', label: 'Meeting ID', type: 'string' },
  { key: 'recording_status', label: 'Recording Status', type: 'string' },
  { key: 'web_url', label: 'Recording URL', type: 'string' },
  { key: 'meeting_title', label: 'Meeting Title', type: 'string' },
  { key: 'meeting_description', label: 'Meeting Description', type: 'string' },
  { key: 'is_all_day', label: 'All-Day Meeting', type: 'boolean' },
  { key: 'start', label: 'Meeting Start', type: 'string' },
  { key: 'end', label: 'Meeting End', type: 'string' },
  { key: 'timezone', label: 'Meeting Timezone', type: 'string' },
  { key: 'participants', label: 'Participant Emails', type: 'string', list: true },
  { key: 'organizer_email', label: 'Organizer Email', type: 'string' },
  { key: 'linked_record_ids', label: 'Linked Record IDs', type: 'string', list: true },
  { key: 'linked_objects', label: 'Linked Record Objects', type: 'string', list: true },
  { key: 'transcript_ready', label: 'Transcript Ready', type: 'boolean' },
  { key: 'transcript_status', label: 'Transcript Status', type: 'string' },
  { key: 'transcript', label: 'Transcript (with Speakers)', type: 'string' },
  { key: 'speakers', label: 'Speakers', type: 'string', list: true },
  { key: 'transcript_url', label: 'Transcript URL', type: 'string' },
  ...actorOutputFields('created_by', 'Recorded By'),
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

/** Labels and types of what create_person and find_person return (src/samples/person.json). */
export const personOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'name', label: 'Full Name', type: 'string' },
  { key: 'first_name', label: 'First Name', type: 'string' },
  { key: 'last_name', label: 'Last Name', type: 'string' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'email_addresses', label: 'Email Addresses', type: 'string', list: true },
  { key: 'job_title', label: 'Job Title', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'phone', label: 'Phone', type: 'string' },
  { key: 'phone_country_code', label: 'Phone Country', type: 'string' },
  { key: 'phone_numbers', label: 'Phone Numbers', type: 'string', list: true },
  { key: 'company__target_object', label: 'Company Object', type: 'string' },
  { key: 'company__target_record_id', label: 'Company Record ID', type: 'string' },
];

/** Labels and types of what create_company and find_company return (src/samples/company.json). */
export const companyOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'domain', label: 'Domain', type: 'string' },
  { key: 'domains', label: 'Domains', type: 'string', list: true },
  { key: 'description', label: 'Description', type: 'string' },
];

/** What group_workspace returns: the workspace, with the company it is linked to under `company`. */
export const workspaceOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'workspace_id', label: 'Workspace ID', type: 'string' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'users__target_object', label: 'User Object', type: 'string' },
  { key: 'users__target_record_id', label: 'User Record ID', type: 'string' },
  { key: 'avatar_url', label: 'Avatar URL', type: 'string' },
  ...nestOutputFields(companyOutputFields, { key: 'company', label: 'Company' }),
];

/** What identify_user returns: the user, with the person it is linked to under `person`. */
export const userOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'user_id', label: 'User ID', type: 'string' },
  { key: 'primary_email_address', label: 'Email', type: 'string' },
  { key: 'workspace__target_object', label: 'Workspace Object', type: 'string' },
  { key: 'workspace__target_record_id', label: 'Workspace Record ID', type: 'string' },
  ...nestOutputFields(personOutputFields, { key: 'person', label: 'Person' }),
];

/** Output fields for every key flattenNote sets. */
export const noteOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Note ID', type: 'string' },
  { key: 'note_id', label: 'Note ID (Attio)', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'content_plaintext', label: 'Content (Plain Text)', type: 'string' },
  { key: 'content_markdown', label: 'Content (Markdown)', type: 'string' },
  { key: 'parent_object', label: 'Parent Object', type: 'string' },
  { key: 'parent_record_id', label: 'Parent Record ID', type: 'string' },
  { key: 'created_by_type', label: 'Created By Type', type: 'string' },
  { key: 'created_by_id', label: 'Created By ID', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'meeting_id', label: 'Meeting ID', type: 'string' },
  { key: 'tagged_member_ids', label: 'Tagged Member IDs', type: 'string', list: true },
  { key: 'tagged_record_ids', label: 'Tagged Record IDs', type: 'string', list: true },
  { key: 'tagged_record_objects', label: 'Tagged Record Objects', type: 'string', list: true },
];

/** Output fields for every key flattenTask sets. */
export const taskOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Task ID', type: 'string' },
  { key: 'task_id', label: 'Task ID (Attio)', type: 'string' },
  { key: 'content', label: 'Content', type: 'string' },
  { key: 'deadline_at', label: 'Deadline', type: 'datetime' },
  { key: 'is_completed', label: 'Completed', type: 'boolean' },
  { key: 'assignee_emails', label: 'Assignee Emails', type: 'string', list: true },
  { key: 'assignee_ids', label: 'Assignee Member IDs', type: 'string', list: true },
  { key: 'linked_record_ids', label: 'Linked Record IDs', type: 'string', list: true },
  { key: 'linked_object_ids', label: 'Linked Object IDs', type: 'string', list: true },
  { key: 'created_by_type', label: 'Created By Type', type: 'string' },
  { key: 'created_by_id', label: 'Created By ID', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

/** What the change triggers add to a record or entry: what changed, from what to what, who and when. */
export const changeOutputFields: PlainOutputField[] = [
  { key: 'changed_attributes', label: 'Changed Attributes', type: 'string', list: true },
  {
    key: 'changes',
    label: 'Changes',
    children: [
      { key: 'attribute', label: 'Changes: Attribute Slug', type: 'string' },
      { key: 'title', label: 'Changes: Attribute', type: 'string' },
      { key: 'previous', label: 'Changes: Previous Value', type: 'string' },
      { key: 'current', label: 'Changes: New Value', type: 'string' },
    ],
  },
  ...actorOutputFields('changed_by', 'Changed By'),
  { key: 'changed_at', label: 'Changed At', type: 'datetime' },
];

/**
 * A change trigger's output fields: the record's or entry's (`base`), then the change keys. One delivery
 * may give two runs for one record (Changed To: a deal that went Won → Lost → Won before the run looked
 * fires for each Won), so a run is identified by its record or entry and the time of its change: `id` and
 * `changed_at` are the primary key (core's triggerHasUniquePrimary), and `id` stays the record's or entry's id.
 */
export function changeTriggerOutputFields(base: readonly PlainOutputField[]): PlainOutputField[] {
  const primary = (f: PlainOutputField): PlainOutputField => (f.key === 'id' || f.key === 'changed_at' ? { ...f, primary: true } : f);
  return [...base.map(primary), ...changeOutputFields.map(primary)];
}

/** A list entry with its parent record under `parent`, as the list-entry triggers return it. */
export const entryWithParentOutputFields: PlainOutputField[] = [
  ...entryOutputFields,
  ...recordOutputFields({ key: 'parent', label: 'Parent Record' }),
  // The parent's attributes come flattened too; these are the ones people, company and deal lists have.
  { key: 'parent__name', label: 'Parent Record: Name', type: 'string' },
  { key: 'parent__email', label: 'Parent Record: Email', type: 'string' },
  { key: 'parent__domain', label: 'Parent Record: Domain', type: 'string' },
];

/** What find_records returns: one item holding every match as line items (`records[]…`), with their count and ids. */
export const recordListOutputFields: PlainOutputField[] = [
  { key: 'count', label: 'Number of Records Found', type: 'integer' },
  { key: 'ids', label: 'Record IDs', type: 'string', list: true },
  ...recordOutputFields().map((f) => ({ ...f, key: `records[]${f.key}`, label: `Records: ${f.label}` })),
];

/** What delete_record returns: whether it deleted, and why not when it did not. */
export const deleteResultOutputFields: PlainOutputField[] = [
  { key: 'deleted', label: 'Deleted', type: 'boolean' },
  { key: 'record_id', label: 'Record ID', type: 'string' },
  { key: 'object', label: 'Object', type: 'string' },
  { key: 'reason', label: 'Why Nothing Was Deleted', type: 'string' },
];

/** What remove_from_list returns: how many entries of the record it removed from the list. */
export const removedEntriesOutputFields: PlainOutputField[] = [
  { key: 'removed', label: 'Entries Removed', type: 'integer' },
  { key: 'entry_ids', label: 'Removed Entry IDs', type: 'string', list: true },
  { key: 'list', label: 'List', type: 'string' },
  { key: 'parent_record_id', label: 'Record ID', type: 'string' },
];

/** What api_request returns: the HTTP status, a few response headers and the parsed JSON body. */
export const apiResponseOutputFields: PlainOutputField[] = [
  { key: 'status', label: 'HTTP Status', type: 'integer' },
  { key: 'body', label: 'Response Body' },
  { key: 'headers__content-type', label: 'Response Content Type', type: 'string' },
  { key: 'headers__date', label: 'Response Date', type: 'string' },
];

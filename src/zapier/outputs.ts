// Every output-field list, one home: what Zapier shows a Zap builder to map from each operation's result.
// The keys are the ones the flatteners in src/values/ set; labels and types are Zapier's concern, so they live here.
import type { PlainOutputField } from 'zapier-platform-core';
import type { AttioAttribute } from '../attio/types';
import { ALWAYS_LIST, LOCATION_PARTS } from '../values/read';
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
function actorOutputFields(key: string, label: string): PlainOutputField[] {
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
    const singular = ALWAYS_LIST[slug];
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
          ...actorOutputFields(`${slug}_owner`, `${a.title}: Owner`),
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

// POST /v2/tasks: creates a task, assigned to workspace members and linked to records, in one request
// (people and companies are linked by email or domain directly in the body: Attio resolves them).
// Once only (src/attio/once.ts): a lost answer is resolved by reading the newest tasks, and a replay with the
// same input within 15 minutes returns the first task.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { flattenTask } from '../values/activities';
import { createTaskOnce } from '../attio/once';
import { booleanInput, datetimeInput, listInput, recordIdInput, inputError } from '../values/parse';
import { normalizeDomain, normalizeEmail } from '../values/normalize';
import { taskOutputFields } from '../zapier/outputs';
import sample from '../samples/task.json';
import { recordField } from '../zapier/fields';

/** Attio's limit on task content (spec: maxLength 2000). */
export const MAX_CONTENT_LENGTH = 2000;

const LABELS = {
  content: 'Content',
  deadline_at: 'Deadline',
  is_completed: 'Completed',
  assignee_emails: 'Assignees',
  linked_object: 'Linked Object',
  linked_record_ids: 'Linked Records',
  linked_person_emails: 'Linked Person Emails',
  linked_company_domains: 'Linked Company Domains',
} as const;

const inputFields = defineInputFields([
  {
    key: 'content',
    label: LABELS.content,
    type: 'text',
    required: true,
    helpText: 'What needs doing, in plain text (up to 2,000 characters).',
  },
  {
    key: 'deadline_at',
    label: LABELS.deadline_at,
    type: 'datetime',
    required: false,
    helpText: 'When the task is due. A time without a timezone is taken as UTC.',
  },
  {
    key: 'is_completed',
    label: LABELS.is_completed,
    type: 'boolean',
    required: false,
    default: 'false',
    helpText: 'Create the task already marked as done.',
  },
  {
    key: 'assignee_emails',
    label: LABELS.assignee_emails,
    list: true,
    required: false,
    dynamic: 'list_workspace_members.id.name',
    helpText: 'Workspace members to assign, by email address.',
  },
  {
    key: 'linked_object',
    label: LABELS.linked_object,
    required: false,
    dynamic: 'list_objects.id.name',
    helpText: `The object of the records in ${LABELS.linked_record_ids} (People, Companies, Deals, …).`,
  },
  recordField('linked_record_ids', LABELS.linked_record_ids, {
    list: true,
    required: false,
    helpText: 'Records of the Linked Object to link the task to, by record ID.',
  }),
  {
    key: 'linked_person_emails',
    label: LABELS.linked_person_emails,
    list: true,
    required: false,
    helpText: 'People to link the task to, by email address. Each person must already exist in Attio.',
  },
  {
    key: 'linked_company_domains',
    label: LABELS.linked_company_domains,
    list: true,
    required: false,
    helpText: 'Companies to link the task to, by domain (like acme.com). Each company must already exist in Attio.',
  },
]);

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;

  // Everything is checked before the one request: nothing is written when any input is wrong.
  const content = input.content ?? '';
  const length = [...content].length; // characters, as Attio counts them, not UTF-16 units
  if (content.trim() === '') {
    throw inputError(`${LABELS.content} is empty. Map the text of the task.`);
  }
  if (length > MAX_CONTENT_LENGTH) {
    throw inputError(`${LABELS.content} is ${length} characters long; Attio allows at most ${MAX_CONTENT_LENGTH}. Shorten it (a Formatter step can truncate text), or put the details in a note.`);
  }
  const deadline = input.deadline_at?.trim() ? datetimeInput(input.deadline_at, LABELS.deadline_at) : null;
  const isCompleted = booleanInput(input.is_completed, LABELS.is_completed, false);
  const assignees = unique(listInput(input.assignee_emails).map((e) => normalizeEmail(e, LABELS.assignee_emails)));
  const recordIds = unique(listInput(input.linked_record_ids).map((id) => recordIdInput(id, LABELS.linked_record_ids)));
  const linkedObject = input.linked_object?.trim();
  if (recordIds.length > 0 && !linkedObject) {
    throw inputError(`${LABELS.linked_object} is empty, but ${LABELS.linked_record_ids} are given. Choose the object those records belong to.`);
  }
  const people = unique(listInput(input.linked_person_emails).map((e) => normalizeEmail(e, LABELS.linked_person_emails)));
  const companies = unique(listInput(input.linked_company_domains).map((d) => normalizeDomain(d, LABELS.linked_company_domains)));

  const task = await createTaskOnce(
    z,
    {
      content,
      format: 'plaintext',
      deadline_at: deadline,
      is_completed: isCompleted,
      linked_records: [
        ...recordIds.map((id) => ({ target_object: linkedObject, target_record_id: id })),
        ...people.map((email) => ({ target_object: 'people', email_addresses: [{ email_address: email }] })),
        ...companies.map((domain) => ({ target_object: 'companies', domains: [{ domain }] })),
      ],
      assignees: assignees.map((email) => ({ workspace_member_email_address: email })),
    },
    { content: LABELS.content, deadline_at: LABELS.deadline_at, linked_records: 'Linked records', assignees: LABELS.assignee_emails },
  );
  return flattenTask(task, assignees);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_task',
  noun: 'Task',
  display: {
    label: 'Create Task',
    description: 'Creates a task in Attio, optionally assigned to workspace members and linked to records.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: taskOutputFields,
  },
});

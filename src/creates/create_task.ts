// POST /v2/tasks: creates a task, assigned to workspace members and linked to records, in one request
// (people and companies are linked by email or domain directly in the body: Attio resolves them).
// Once only (src/attio/once.ts): a lost answer is resolved by reading the newest tasks, and a replay with the
// same input within 15 minutes returns the first task.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { flattenTask, TASK_LINK_LABELS, taskLinksInput } from '../values/activities';
import { createTaskOnce } from '../attio/once';
import { booleanInput, datetimeInput, identifierInput, inputError, textInput } from '../values/parse';
import sample from '../samples/task.json';
import { formatOptionsOf, taskLinkFields } from '../zapier/fields';
import { taskOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

/** Attio's limit on task content (spec: maxLength 2000). */
export const MAX_CONTENT_LENGTH = 2000;

const LABELS = {
  content: 'Content',
  deadline_at: 'Deadline',
  is_completed: 'Completed',
  ...TASK_LINK_LABELS,
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
  ...taskLinkFields('to assign', 'to link the task to'),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;

  // Everything is checked before the one request: nothing is written when any input is wrong.
  const content = textInput(input.content, LABELS.content) ?? '';
  const length = [...content].length; // characters, as Attio counts them, not UTF-16 units
  if (content.trim() === '') {
    throw inputError(`${LABELS.content} is empty. Map the text of the task.`);
  }
  if (length > MAX_CONTENT_LENGTH) {
    throw inputError(`${LABELS.content} is ${length} characters long; Attio allows at most ${MAX_CONTENT_LENGTH}. Shorten it (a Formatter step can truncate text), or put the details in a note.`);
  }
  const deadline = identifierInput(input.deadline_at, LABELS.deadline_at) ? datetimeInput(input.deadline_at, LABELS.deadline_at) : null;
  const isCompleted = booleanInput(input.is_completed, LABELS.is_completed, false);
  const links = taskLinksInput(input, formatOptionsOf(input));

  const task = await createTaskOnce(
    z,
    {
      content,
      format: 'plaintext',
      deadline_at: deadline,
      is_completed: isCompleted,
      linked_records: links.linkedRecords,
      assignees: links.assignees,
    },
    { content: LABELS.content, deadline_at: LABELS.deadline_at, linked_records: `${LABELS.linked_person_emails}, ${LABELS.linked_company_domains} or ${LABELS.linked_record_ids}`, assignees: LABELS.assignee_emails },
  );
  return flattenTask(task, links.assigneeEmails);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_task',
  noun: 'Task',
  display: {
    label: 'Create Task',
    description: 'Creates a task, optionally assigned to workspace members and linked to records.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: taskOutputFields,
  },
});

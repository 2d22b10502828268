// PATCH /v2/tasks/{task_id}: marks a task done (or open), moves its deadline, or changes who it is assigned
// to and what it is linked to, in one request. Only what is mapped is sent; Attio never lets a task's
// text change after it is created.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { updateTask, type TaskChanges } from '../attio/endpoints';
import { flattenTask, TASK_LINK_LABELS, taskLinksInput } from '../values/activities';
import { booleanInput, datetimeInput, inputError, invalidInput, isMapped, isUuid } from '../values/parse';
import { formatOptionsOf, taskLinkFields } from '../zapier/fields';
import { taskOutputFields } from '../zapier/outputs';
import sample from '../samples/task.json';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = { task_id: 'Task', is_completed: 'Completed', deadline_at: 'Deadline', ...TASK_LINK_LABELS } as const;

const inputFields = defineInputFields([
  {
    key: 'task_id',
    label: LABELS.task_id,
    required: true,
    dynamic: 'list_tasks.id.name',
    helpText: 'The task to update: pick it from the open tasks (newest first), or map its ID from an earlier step (such as Create Task).',
  },
  {
    key: 'is_completed',
    label: LABELS.is_completed,
    type: 'boolean',
    required: false,
    helpText: 'True marks the task as done, false reopens it. Leave empty to keep it as it is.',
  },
  {
    key: 'deadline_at',
    label: LABELS.deadline_at,
    type: 'datetime',
    required: false,
    helpText: 'The new due date. A time without a timezone is taken as UTC. Leave empty to keep the current one.',
  },
  ...taskLinkFields(
    'to assign the task to (they replace the current assignees; leave empty to keep them)',
    'to link the task to (together they replace its current links; leave all three empty to keep them)',
  ),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  // Every input is checked before the one request.
  const taskId = String(input.task_id ?? '').trim().toLowerCase();
  if (!isUuid(taskId)) {
    throw invalidInput(LABELS.task_id, input.task_id ?? '', 'is not an Attio task ID. Pick the task from the dropdown, or map the task ID output by an earlier step (such as Create Task).');
  }
  const links = taskLinksInput(input, formatOptionsOf(input));
  const changes: TaskChanges = {};
  if (isMapped(input.is_completed)) changes.is_completed = booleanInput(input.is_completed, LABELS.is_completed);
  if (isMapped(input.deadline_at)) changes.deadline_at = datetimeInput(input.deadline_at, LABELS.deadline_at);
  if (links.assigneesMapped) changes.assignees = links.assignees;
  if (links.linksMapped) changes.linked_records = links.linkedRecords;
  if (Object.keys(changes).length === 0) {
    throw inputError(`Nothing to change is mapped, so the task was not updated. Fill in ${LABELS.is_completed}, ${LABELS.deadline_at}, ${LABELS.assignee_emails} or a linked record.`);
  }

  const task = await updateTask(z, taskId, changes, {
    fieldLabels: { deadline_at: LABELS.deadline_at, is_completed: LABELS.is_completed, assignees: LABELS.assignee_emails, linked_records: 'Linked records' },
    explain: (status) =>
      status === 404
        ? new z.errors.Error(`No task has the ID "${taskId}" (it may have been deleted), so nothing was updated. Pick the task again.`, 'not_found', 404)
        : undefined,
  });
  return flattenTask(task, links.assigneesMapped ? links.assigneeEmails : []);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_task',
  noun: 'Task',
  display: {
    label: 'Update Task',
    description: 'Updates a task: marks it done or open, changes its deadline, assignees or linked records.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: taskOutputFields,
  },
});

// Instant trigger on Attio's `task.created` webhook (POST /v2/webhooks). Task events carry only the task
// id, so Attio cannot filter them by assignee: the subscription takes every new task and perform keeps the
// chosen assignee's. Each event is hydrated with GET /v2/tasks/{task_id}, then its linked records (names)
// at once, with assignee and author names from the cached member lookup.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe } from 'zapier-platform-core';
import { describeActor } from '../attio/actors';
import { getTask, listTasks } from '../attio/endpoints';
import { findAssignee, isAssignedTo, taskItem } from '../attio/tasks';
import { chosenValue } from '../values/parse';
import { assigneeField } from '../zapier/fields';
import { EVERY_EVENT, makeEventHookOperations } from '../zapier/hooks/events';
import { taskEventOutputFields } from '../zapier/outputs';
import sample from '../samples/new_task.json';

const ASSIGNEE = 'Assignee';

const inputFields = defineInputFields([
  assigneeField({ label: ASSIGNEE, helpText: 'Only tasks assigned to this workspace member. Leave empty for every new task.' }),
]);

const hook = makeEventHookOperations({
  eventType: 'task.created',
  /** No request without an assignee; with one, 1 (the member, so a wrong email fails now, not at each task). */
  subscription: async (z, inputData) => {
    const raw = chosenValue(inputData.assignee);
    if (!raw) return EVERY_EVENT;
    const member = await findAssignee(z, raw, ASSIGNEE);
    return { filter: null, scope: { assignee: member.email, assignee_id: member.id } };
  },
  /** 1 request for the task (with the member list beside it when not cached), then 1 per linked record, all at once. */
  hydrate: async (z, event, scope) => {
    const taskId = event.id.task_id;
    if (!taskId) return null;
    // The author's name (the member list, when not cached) is read beside the task, not after it.
    const [task] = await Promise.all([getTask(z, taskId), describeActor(z, event.actor)]);
    if (!task || (scope.assignee_id && !isAssignedTo(task, scope.assignee_id))) return null;
    return taskItem(z, task, { author: event.actor });
  },
  recent: async (z, inputData) => {
    const tasks = await listTasks(z, { limit: 3, assignee: chosenValue(inputData.assignee) });
    return Promise.all(tasks.map((task) => taskItem(z, task)));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_task',
  noun: 'Task',
  display: {
    label: 'New Task',
    description: 'Triggers when a task is created, with its assignees (names and emails), linked records and author.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: taskEventOutputFields,
  },
});

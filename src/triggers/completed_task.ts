// Instant trigger on Attio's `task.updated` webhook (POST /v2/webhooks) where the task is now completed.
// Attio has no completion event and its task has no completion time: every edit sends `task.updated`, so
// perform reads the task (GET /v2/tasks/{task_id}) and fires once per completion. It remembers, per Zap
// and task, that it passed the completion on (an edit to a completed task does not fire again) and forgets
// it when the task is seen open (completing it again fires again). "Completed at" is when Zapier received
// Attio's event, unless Attio sends a completion time.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe, type ZObject } from 'zapier-platform-core';
import { actorOutput, describeActor } from '../attio/actors';
import { getTask, listTasks } from '../attio/endpoints';
import { findAssignee, isAssignedTo, taskItem } from '../attio/tasks';
import { receivedAt } from '../values/events';
import { chosenValue } from '../values/parse';
import { assigneeField } from '../zapier/fields';
import { EVERY_EVENT, makeEventHookOperations } from '../zapier/hooks/events';
import { alreadyEntered, entered, stateKey } from '../zapier/hooks/transitions';
import { completedTaskOutputFields } from '../zapier/outputs';
import sample from '../samples/completed_task.json';
import type { ActorReference, AttioTask } from '../attio/types';

const ASSIGNEE = 'Assignee';

const inputFields = defineInputFields([
  assigneeField({ label: ASSIGNEE, helpText: 'Only tasks assigned to this workspace member when they are completed. Leave empty for every completed task.' }),
]);

/**
 * The one mapping for perform and performList: the task with its author as Created By (the task's own
 * `created_by_actor`, not the event's actor, who is whoever edited it), and who completed it (the event's
 * actor; null in the editor's test items, which have no event). No request beyond taskItem's: the member
 * list is shared.
 */
async function completedItem(z: ZObject, task: AttioTask, completedBy: ActorReference | null | undefined, completedAt: string | null) {
  const [item, by] = await Promise.all([taskItem(z, task, { completedAt }), completedBy?.type ? describeActor(z, completedBy) : Promise.resolve(null)]);
  return { ...item, ...actorOutput('completed_by', by) };
}

const hook = makeEventHookOperations({
  eventType: 'task.updated',
  // task.updated recurs for the same task id: only a retry of one message is a redelivery. Completions
  // already passed on are recognised by the state below.
  dedupeBy: 'message',
  /** No request without an assignee; with one, 1 (the member). Task events carry no field to filter on. */
  subscription: async (z, inputData) => {
    const raw = chosenValue(inputData.assignee);
    if (!raw) return EVERY_EVENT;
    const member = await findAssignee(z, raw, ASSIGNEE);
    return { filter: null, scope: { assignee: member.email, assignee_id: member.id } };
  },
  /**
   * 1 request to decide (the task); for a completion this Zap passes on, then 1 per linked record at once.
   * The completion is claimed after its output is built, so a failed read retried by Zapier still fires.
   */
  hydrate: async (z, event, scope, webhookId) => {
    const taskId = event.id.task_id;
    if (!taskId) return null;
    const task = await getTask(z, taskId);
    if (!task) return null;
    const key = stateKey(webhookId, 'task-completed', taskId);
    if (!task.is_completed) {
      await entered(z, key, false);
      return null;
    }
    // Another member's completion is remembered too, so reassigning a completed task does not fire.
    if (scope.assignee_id && !isAssignedTo(task, scope.assignee_id)) {
      await entered(z, key, true);
      return null;
    }
    // An edit to a task already passed on as completed: nothing more to read.
    if (await alreadyEntered(z, key)) return null;
    const item = await completedItem(z, task, event.actor, receivedAt());
    return (await entered(z, key, true)) ? item : null;
  },
  /** The newest completed tasks (Attio's task carries no completion time: empty here). */
  recent: async (z, inputData) => {
    const tasks = await listTasks(z, { limit: 3, assignee: chosenValue(inputData.assignee), isCompleted: true });
    return Promise.all(tasks.map((task) => completedItem(z, task, null, null)));
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'completed_task',
  noun: 'Task',
  display: {
    label: 'Completed Task',
    description: 'Triggers when a task is marked complete, once per completion (again if reopened and completed).',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: completedTaskOutputFields,
  },
});

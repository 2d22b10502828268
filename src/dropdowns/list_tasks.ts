// GET /v2/tasks?is_completed=false&sort=created_at:desc: hidden trigger powering the task dropdown of
// Update Task (open tasks, newest first). Paged: "Load more" asks for the next offset.
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listTasks } from '../attio/endpoints';
import { isoTimestamp } from '../values/read';

/** Tasks per dropdown page. */
export const PAGE_SIZE = 100;
/** Task text shown in the dropdown, at most this many characters. */
const LABEL_LENGTH = 80;

function label(content: string, deadline: string | null): string {
  const text = content.replace(/\s+/g, ' ').trim();
  const short = text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
  const due = isoTimestamp(deadline)?.slice(0, 10);
  return due ? `${short || '(no text)'} (due ${due})` : short || '(no text)';
}

export const perform = (async (z, bundle) => {
  const page = bundle.meta?.page ?? 0;
  const tasks = await listTasks(z, { isCompleted: false, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  return tasks.map((t) => ({ id: t.id.task_id, name: label(t.content_plaintext, t.deadline_at) }));
}) satisfies PollingTriggerPerform<Record<string, never>, { id: string; name: string }>;

export default defineTrigger({
  key: 'list_tasks',
  noun: 'Task',
  display: { label: 'List Tasks', description: 'Lists open Attio tasks, newest first, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform, canPaginate: true },
});

// A task in words: its assignees' and author's names and emails, and its linked records, read concurrently
// (one round trip after the task itself). Shared by the New Task and Completed Task triggers.
import type { ZObject } from 'zapier-platform-core';
import { describeActor, describeActors, workspaceMembersById } from './actors';
import { getRecord } from './endpoints';
import type { ActorReference, AttioRecord, AttioTask } from './types';
import { taskOutput, type ActorText } from '../values/events';
import type { FlatRecord } from '../values/read';
import { normalizeEmail } from '../values/normalize';
import { invalidInput } from '../values/parse';

export interface TaskDetails {
  assignees: ActorText[];
  /** One per linked record, in order; null where the record is gone. */
  linked: Array<AttioRecord | null>;
  author: ActorText | null;
}

/** One request per linked record, all at once, with the member list (cached per connection) for the names. */
export async function taskDetails(z: ZObject, task: AttioTask, author?: ActorReference): Promise<TaskDetails> {
  const assigned = (task.assignees ?? []).map((a) => ({ type: a.referenced_actor_type as ActorReference['type'], id: a.referenced_actor_id }));
  const [assignees, linked, writer] = await Promise.all([
    describeActors(z, assigned),
    Promise.all((task.linked_records ?? []).map((l) => getRecord(z, l.target_object_id, l.target_record_id))),
    describeActor(z, author ?? task.created_by_actor),
  ]);
  return { assignees, linked, author: writer };
}

/**
 * A task as the task triggers output it (perform and performList alike): read in words (taskDetails) and
 * shaped by values/events.ts taskOutput.
 * @param completedAt when it was completed, for Completed Task (Attio's task carries no such time)
 */
export async function taskItem(z: ZObject, task: AttioTask, options: { author?: ActorReference; completedAt?: string | null } = {}): Promise<FlatRecord> {
  const details = await taskDetails(z, task, options.author);
  return taskOutput(task, details.assignees, details.linked, details.author, options.completedAt);
}

/** True when the task is assigned to this workspace member (by id). */
export function isAssignedTo(task: AttioTask, memberId: string): boolean {
  return (task.assignees ?? []).some((a) => a.referenced_actor_id === memberId);
}

/**
 * The workspace member a Zap watches tasks for, from an email (the dropdown's value) or a member id,
 * through the member list (cached per connection; 1 request when cold).
 * @throws z.errors.Error naming the field when no member matches
 */
export async function findAssignee(z: ZObject, raw: string, label: string): Promise<{ id: string; email: string }> {
  // An email is read as every email field reads it (Bob@Example.com, a full-width address, "Bob" <bob@…>);
  // anything else is a member id.
  const wanted = raw.includes('@') || raw.includes('\uFF20') ? normalizeEmail(raw, label) : raw.trim().toLowerCase();
  const find = (members: Awaited<ReturnType<typeof workspaceMembersById>>) =>
    Object.entries(members).find(([id, m]) => id.toLowerCase() === wanted || m.email.toLowerCase() === wanted);
  const found = find(await workspaceMembersById(z, (members) => find(members) !== undefined));
  if (!found) throw invalidInput(label, raw, 'is not a member of your Attio workspace. Choose one from the list, or map the email address of a workspace member.');
  return { id: found[0], email: found[1].email };
}

// A task in words: its assignees' and author's names and emails, and its linked records, read concurrently
// (one round trip after the task itself). Shared by the New Task and Completed Task triggers.
import type { ZObject } from 'zapier-platform-core';
import { describeActor, describeMembers } from './actors';
import { getRecord, listWorkspaceMembers } from './endpoints';
import type { ActorReference, AttioRecord, AttioTask } from './types';
import type { ActorText } from '../values/events';
import { invalidInput } from '../values/parse';

export interface TaskDetails {
  assignees: ActorText[];
  /** One per linked record, in order; null where the record is gone. */
  linked: Array<AttioRecord | null>;
  author: ActorText | null;
}

/** One request per linked record, all at once; member names from the cached member lookup. */
export async function taskDetails(z: ZObject, task: AttioTask, author?: ActorReference): Promise<TaskDetails> {
  const memberIds = (task.assignees ?? []).filter((a) => a.referenced_actor_type === 'workspace-member').map((a) => a.referenced_actor_id);
  const [members, linked, writer] = await Promise.all([
    describeMembers(z, memberIds),
    Promise.all((task.linked_records ?? []).map((l) => getRecord(z, l.target_object_id, l.target_record_id))),
    describeActor(z, author ?? task.created_by_actor),
  ]);
  const assignees = (task.assignees ?? []).map(
    (a) => members.get(a.referenced_actor_id) ?? { name: null, email: null, type: a.referenced_actor_type, id: a.referenced_actor_id },
  );
  return { assignees, linked, author: writer };
}

/** True when the task is assigned to this workspace member (by id). */
export function isAssignedTo(task: AttioTask, memberId: string): boolean {
  return (task.assignees ?? []).some((a) => a.referenced_actor_id === memberId);
}

/**
 * The workspace member a Zap watches tasks for, from an email (the dropdown's value) or a member id.
 * 1 request (GET /v2/workspace_members).
 * @throws z.errors.Error naming the field when no member matches
 */
export async function findAssignee(z: ZObject, raw: string, label: string): Promise<{ id: string; email: string }> {
  const wanted = raw.trim().toLowerCase();
  const members = await listWorkspaceMembers(z);
  const found = members.find((m) => m.id.workspace_member_id.toLowerCase() === wanted || m.email_address.toLowerCase() === wanted);
  if (!found) throw invalidInput(label, raw, 'is not a member of your Attio workspace. Choose one from the list, or map the email address of a workspace member.');
  return { id: found.id.workspace_member_id, email: found.email_address };
}

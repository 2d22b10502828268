// GET /v2/workspace_members: hidden trigger powering the "Assignees" dropdown (not paginated by Attio).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listWorkspaceMembers } from '../attio/endpoints';

/**
 * Dropdown rows: `id` is the member's email address, because Attio accepts an email wherever a workspace
 * member is expected and an address is what a Zap builder can map from other apps. Suspended members
 * cannot be assigned, so they are left out.
 */
export const perform = (async (z) => {
  const members = await listWorkspaceMembers(z);
  return members
    .filter((m) => m.access_level !== 'suspended')
    .map((m) => {
      const fullName = [m.first_name, m.last_name].filter((s) => s && s.trim()).join(' ');
      return {
        id: m.email_address,
        name: fullName ? `${fullName} (${m.email_address})` : m.email_address,
        workspace_member_id: m.id.workspace_member_id,
      };
    });
}) satisfies PollingTriggerPerform<{}, { id: string; name: string; workspace_member_id: string }>;

export default defineTrigger({
  key: 'list_workspace_members',
  noun: 'Workspace Member',
  display: {
    label: 'List Workspace Members',
    description: 'Lists the members of your Attio workspace, for dropdowns.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});

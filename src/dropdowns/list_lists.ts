// GET /v2/lists: hidden trigger powering every "List" dropdown.
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listLists } from '../attio/endpoints';

/** Dropdown rows: `id` is the list's slug, `name` its name. */
export const perform = (async (z) => {
  const lists = await listLists(z);
  return lists.map((l) => ({
    id: l.api_slug || l.id.list_id,
    name: l.name,
    list_id: l.id.list_id,
    parent_object: l.parent_object[0] ?? null,
  }));
}) satisfies PollingTriggerPerform<{}, { id: string; name: string; list_id: string; parent_object: string | null }>;

export default defineTrigger({
  key: 'list_lists',
  noun: 'List',
  display: { label: 'List Lists', description: 'Lists the lists in your Attio workspace, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});

// GET /v2/objects: hidden trigger powering every "Object" dropdown (custom objects included). What it reads is
// cached for the triggers that name an event's object by slug.
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listObjects } from '../attio/endpoints';
import { rememberObjects } from '../attio/objects';

/** Dropdown rows: `id` is the object's slug (its id when it has none), `name` Attio's singular noun ("Person"). */
export const perform = (async (z) => {
  const objects = await listObjects(z);
  // The same list names objects by slug in trigger outputs (src/attio/objects.ts): kept for them.
  await rememberObjects(z, objects);
  return objects.map((o) => ({
    id: o.api_slug ?? o.id.object_id,
    name: o.singular_noun ?? o.plural_noun ?? o.api_slug ?? o.id.object_id,
    plural_noun: o.plural_noun ?? o.singular_noun ?? o.api_slug ?? o.id.object_id,
    object_id: o.id.object_id,
  }));
}) satisfies PollingTriggerPerform<{}, { id: string; name: string; plural_noun: string; object_id: string }>;

export default defineTrigger({
  key: 'list_objects',
  noun: 'Object',
  display: { label: 'List Objects', description: 'Lists the objects in your Attio workspace, for dropdowns.', hidden: true },
  operation: { type: 'polling', perform },
});

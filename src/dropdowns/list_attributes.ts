// GET /v2/{objects|lists}/{id}/attributes: hidden trigger powering the "Attributes" dropdown of the change
// triggers (the attributes to watch), for the chosen object or list. Read-only attributes (formulas,
// enrichment) are offered too: they change as well. Archived ones are left out.
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listAttributes } from '../attio/endpoints';
import { chosenValue, inputError } from '../values/parse';

// Zapier passes the step's other inputs to the dropdown trigger: it reads whichever names the parent.
const inputFields = defineInputFields([
  { key: 'object', label: 'Object', required: false },
  { key: 'list', label: 'List', required: false },
]);

/** Dropdown rows: `id` is the attribute's slug (resolved to its id when the Zap subscribes), `name` its title. */
export const perform = (async (z, bundle) => {
  const object = chosenValue(bundle.inputData.object);
  const list = chosenValue(bundle.inputData.list);
  const identifier = object ?? list;
  if (!identifier) throw inputError('Choose the object (or the list) first, then open this dropdown again.');
  const attributes = await listAttributes(z, object ? 'objects' : 'lists', identifier);
  return attributes
    .filter((a) => !a.is_archived)
    .map((a) => ({ id: a.api_slug, name: a.title, type: a.type, attribute_id: a.id.attribute_id }));
}) satisfies PollingTriggerPerform<typeof inputFields, { id: string; name: string; type: string; attribute_id: string }>;

export default defineTrigger({
  key: 'list_attributes',
  noun: 'Attribute',
  display: { label: 'List Attributes', description: 'Lists the attributes of an Attio object or list, for dropdowns.', hidden: true },
  operation: { type: 'polling', inputFields, perform },
});

// Input fields shared by several operations. Each factory returns one field with a stable key;
// per-use differences (label, required, helpText) go in `extras`.
import type { PlainInputField } from 'zapier-platform-core';

/** The Attio object to work with: a dropdown of every object in the workspace, custom objects included. */
export function objectField<const E extends Partial<PlainInputField>>(extras?: E) {
  return {
    key: 'object',
    label: 'Object',
    required: true,
    dynamic: 'list_objects.id.name',
    altersDynamicFields: true,
    helpText: 'The kind of record: People, Companies, Deals, or one of your custom objects.',
    ...extras,
  } as const satisfies PlainInputField;
}

/** An Attio list: a dropdown of the workspace's lists. */
export function listField<const E extends Partial<PlainInputField>>(extras?: E) {
  return {
    key: 'list',
    label: 'List',
    required: true,
    dynamic: 'list_lists.id.name',
    altersDynamicFields: true,
    helpText: 'The Attio list (pipeline) to use.',
    ...extras,
  } as const satisfies PlainInputField;
}

// PATCH or PUT /v2/lists/{list}/entries/{entry_id}: updates the list values (stage, owner, …) of one entry,
// picked by its ID, or found by its parent record first (POST …/entries/query). Never creates an entry:
// a record that is not on the list is an error naming both (Add or Update List Entry adds it).
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { formatOptionsOf, LIST_PARENT_LABELS, listField, listParentFields, multiselectModeField } from '../zapier/fields';
import { queryEntries, updateEntry } from '../attio/endpoints';
import { listMeta } from '../attio/lists';
import { chosenAttributeFields, collectValues } from '../zapier/fields/dynamic';
import { describeListParent, listParentFilter, listParentInput } from '../values/filters';
import { inputError, isMapped, multiselectModeInput, recordIdInput, slugInput } from '../values/parse';
import { readableEntries } from '../zapier/readable';
import { entryOutputFields, entrySample } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = { entry_id: 'Entry', multiselect_mode: 'Multiselect Mode', ...LIST_PARENT_LABELS } as const;

const inputFields = defineInputFields([
  listField({ helpText: 'The list (pipeline) the entry is on. Its own fields (stage, owner, …) appear below once chosen.' }),
  {
    key: 'entry_id',
    label: LABELS.entry_id,
    required: false,
    dynamic: 'list_entries.id.name',
    search: 'find_list_entry.id',
    helpText: `The entry to update: pick it, or map its ID from an earlier step (such as Find List Entry). Or leave it empty and name the entry's record below.`,
  },
  ...listParentFields('whose entry to update, when Entry is empty'),
  multiselectModeField('the entry'),
  // Keep Subdomains comes with the record fields above (listParentFields), so only Phone Country is added here.
  chosenAttributeFields('lists', { optional: true, phoneCountry: true }),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const list = slugInput(input.list, 'List', 'list');
  // Every input is checked before anything is written.
  const byEntry = isMapped(input.entry_id);
  const parentGiven = ['parent_record_id', 'parent_email', 'parent_domain'].some((k) => isMapped(input[k]));
  if (byEntry && parentGiven) {
    throw inputError(`Both ${LABELS.entry_id} and a record (${LABELS.parent_record_id}, ${LABELS.parent_email} or ${LABELS.parent_domain}) are filled. Fill in one: the entry, or its record.`);
  }
  const entryId = byEntry ? recordIdInput(input.entry_id, LABELS.entry_id) : undefined;
  const parent = byEntry ? undefined : listParentInput(input, LABELS, formatOptionsOf(input));
  const mode = multiselectModeInput(input.multiselect_mode, LABELS.multiselect_mode);
  const { values, fieldLabels, attributes = [] } = await collectValues(z, input, 'lists', list, { attributeValues: true });
  const slugs = Object.keys(values);
  if (slugs.length === 0) throw inputError(`No field of the list is mapped, so the entry was not changed. Map at least one field of "${list}" to update (with List mapped from an earlier step, fill in Attribute Values).`);
  const multiselect = attributes.some((m) => m.multiselect && slugs.includes(m.slug));

  let target = entryId;
  let listName = list;
  if (parent) {
    const meta = await listMeta(z, list);
    listName = meta.name;
    // Two are enough to tell "one entry" from "several".
    const entries = await queryEntries(z, list, { filter: listParentFilter(meta, parent, LABELS), limit: 2 }, `find the entry of ${describeListParent(parent)} on the list "${meta.name}"`);
    const [only, other] = entries;
    const who = describeListParent(parent);
    const Who = `${who.charAt(0).toUpperCase()}${who.slice(1)}`;
    if (!only) {
      throw new z.errors.Error(
        `${Who} is not on the list "${meta.name}" (or does not exist in Attio), so no entry was updated. Use Add or Update List Entry to put it on the list.`,
        'not_found',
        404,
      );
    }
    if (other) {
      throw new z.errors.Error(
        `${Who} is on the list "${meta.name}" more than once (entries ${only.id.entry_id}, ${other.id.entry_id}, …), so nothing was updated. Pick the entry to update in ${LABELS.entry_id}.`,
        'multiple_matches',
        409,
      );
    }
    target = only.id.entry_id;
  }

  const entry = await updateEntry(z, {
    list,
    entryId: target as string,
    entryValues: values,
    mode,
    // Replacing is safe to repeat; adding is too unless a multiselect value could be added twice.
    idempotent: mode === 'replace' || !multiselect,
    action: `update the entry ${target} of the list "${listName}"`,
    fieldLabels,
    explain: (status, body) =>
      status === 404 && !/^list with/i.test(body?.message ?? '')
        ? new z.errors.Error(`The list "${listName}" has no entry with the ID "${target}" (it may have been removed), so nothing was updated. Pick the entry again, or name its record instead.`, 'not_found', 404)
        : undefined,
  });
  return (await readableEntries(z, [{ entry }], list))[0];
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_list_entry',
  noun: 'List Entry',
  display: {
    label: 'Update List Entry',
    description: "Updates the list fields (like the stage) of a record's entry on a list, without adding the record when it is not there.",
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample: entrySample,
    outputFields: entryOutputFields,
  },
});

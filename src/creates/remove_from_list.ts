// POST /v2/lists/{list}/entries/query, then DELETE /v2/lists/{list}/entries/{entry_id} for each entry of
// the record (concurrently): takes a record off a list. The record itself stays in Attio. Idempotent: a
// record that is not on the list is success with removed: 0, so a replayed run never fails.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { formatOptionsOf, LIST_PARENT_LABELS, listField, listParentFields } from '../zapier/fields';
import { deleteEntry, queryEntries } from '../attio/endpoints';
import { listMeta } from '../attio/lists';
import { withWritten } from '../attio/partial';
import { describeListParent, listParentFilter, listParentInput } from '../values/filters';
import { slugInput } from '../values/parse';
import { removedEntriesOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

/** More entries than one record ever has on a list; Attio's own page size. */
const MAX_ENTRIES = 500;

const inputFields = defineInputFields([
  listField({ altersDynamicFields: false, helpText: 'The list (pipeline) to take the record off. The record itself stays in Attio.' }),
  ...listParentFields('to take off the list (every entry it has there is removed)'),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const list = slugInput(input.list, 'List', 'list');
  const parent = listParentInput(input, LIST_PARENT_LABELS, formatOptionsOf(input));
  // The filter names the list's parent object: cached list metadata, so usually no extra request.
  const meta = await listMeta(z, list);
  const entries = await queryEntries(
    z,
    list,
    { filter: listParentFilter(meta, parent, LIST_PARENT_LABELS), limit: MAX_ENTRIES },
    `find the entries of ${describeListParent(parent)} on the list "${meta.name}"`,
  );
  // Independent deletes, all at once; allSettled, so none is still in flight when one fails.
  const results = await Promise.allSettled(entries.map((e) => deleteEntry(z, list, e.id.entry_id)));
  // An entry already gone (a racing run removed it) is not counted: it was not removed by this run.
  const removed = entries.filter((_e, i) => results[i]?.status === 'fulfilled' && results[i].value);
  const failedAt = results.findIndex((r) => r.status === 'rejected');
  const failed = results[failedAt];
  if (failed?.status === 'rejected') {
    // Say which entries are already off the list: a replay removes only the rest.
    if (removed.length === 0) throw failed.reason;
    const ids = removed.map((e) => e.id.entry_id).join(', ');
    throw withWritten(
      z,
      failed.reason,
      `${removed.length} of the ${entries.length} entries of ${describeListParent(parent)} on the list "${meta.name}" ${removed.length === 1 ? 'was' : 'were'} removed (${ids}), but the entry ${entries[failedAt]?.id.entry_id} was not`,
    );
  }
  return {
    removed: removed.length,
    entry_ids: removed.map((e) => e.id.entry_id),
    list,
    parent_record_id: entries[0]?.parent_record_id ?? ('recordId' in parent ? parent.recordId : null),
  };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_from_list',
  noun: 'List Entry',
  display: {
    label: 'Remove Record from List',
    description: 'Removes a record from a list (every entry it has there); the record itself is kept.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample: { removed: 1, entry_ids: ['2e6e29ea-c4e0-4f44-842d-78a891f8c156'], list: 'sales', parent_record_id: '891dcbfc-9141-415d-9b2a-2238a6cc012d' },
    outputFields: removedEntriesOutputFields,
  },
});

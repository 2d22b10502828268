// What add_to_list and find_list_entry share about list entries: the filter that finds a record's entry,
// and their sample (the entry flattened by flattenEntry, without the parent record, which they do not fetch).
import type { ListMeta } from '../attio/lists';
import listEntrySample from '../samples/list_entry.json';

/**
 * The entries query filter for one parent record. Attio filters entries on their parent through a path
 * through the list's `parent_record` to the parent object's `record_id` (the spec's path syntax); the
 * path must name the parent object, hence the list metadata. Legacy lists with several parent objects
 * get one path per object.
 */
export function parentRecordFilter(meta: ListMeta, recordId: string): Record<string, unknown> {
  const paths = meta.parent_objects.map((object) => ({
    path: [
      [meta.list_id, 'parent_record'],
      [object, 'record_id'],
    ],
    constraints: { $eq: recordId },
  }));
  return paths.length === 1 && paths[0] ? paths[0] : { $or: paths };
}

/** list_entry.json (shared with the New List Entry trigger) without `parent`, which these operations do not return. */
const { parent: _parent, ...entryWithoutParent } = listEntrySample;
export const entrySample = entryWithoutParent;


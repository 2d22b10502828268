// Records and entries as Zapier outputs with their actors readable: the pure mappers (src/values/read.ts)
// keep each actor's id and type; this adds `<key>_name` and `<key>_email` beside them (an actor-reference
// attribute like a deal's owner, an interaction's owner) through the cached member list of
// src/attio/actors.ts. No request when no workspace member is among the actors, or when the list is cached.
import type { ZObject } from 'zapier-platform-core';
import { describeActors, type ReadableActor } from '../attio/actors';
import type { AttioEntry, AttioRecord, AttioValues } from '../attio/types';
import { actorReferences, flattenEntry, flattenRecord, type Flat, type FlatRecord } from '../values/read';

/** One value as is, several as a list (the attribute's own shape), none as null. */
function shaped(items: Flat[]): Flat {
  return items.length > 1 ? items : (items[0] ?? null);
}

/**
 * Names every actor in these outputs (each with the values it was flattened from), with one lookup at most.
 * Best effort: the names decorate an operation that already succeeded (a create Attio applied, a record
 * found), so a failed member lookup leaves them null (logged) rather than failing the step, which a
 * replay could turn into a second write.
 */
export async function nameActors(z: ZObject, outputs: Array<[flat: FlatRecord, values: AttioValues | undefined]>): Promise<void> {
  const slots = outputs.flatMap(([flat, values]) => actorReferences(values ?? {}).map((ref) => ({ flat, ...ref })));
  if (slots.length === 0) return;
  let readable: ReadableActor[] | undefined;
  try {
    readable = await describeActors(z, slots.flatMap((s) => s.actors));
  } catch (err) {
    z.console.error(`Could not read the workspace members to name who is in this output (${(err as Error).message}); their names are left empty.`);
  }
  let next = 0;
  for (const slot of slots) {
    const mine = readable?.slice(next, (next += slot.actors.length));
    slot.flat[`${slot.key}_name`] = mine ? shaped(mine.map((a) => a.name)) : null;
    slot.flat[`${slot.key}_email`] = mine ? shaped(mine.map((a) => a.email)) : null;
  }
}

/**
 * Names the actors of the records and entries nested in an output (a note's `parent`, a comment's `record`
 * and `entry`), in place, as a record of its own is named: one lookup at most, none when none is an actor.
 * @param nested each nested key with the values it was flattened from (a key holding null is skipped)
 */
export async function nameNestedActors(z: ZObject, item: FlatRecord, nested: Array<[key: string, values: AttioValues | undefined]>): Promise<FlatRecord> {
  const outputs = nested.flatMap(([key, values]): Array<[FlatRecord, AttioValues | undefined]> => {
    const flat = item[key];
    return flat && typeof flat === 'object' && !Array.isArray(flat) ? [[flat as FlatRecord, values]] : [];
  });
  await nameActors(z, outputs);
  return item;
}

/** flattenRecord, with actors named. */
export async function readableRecord(z: ZObject, record: AttioRecord, object?: string): Promise<FlatRecord> {
  return (await readableRecords(z, [record], object))[0] as FlatRecord;
}

/** flattenRecord for each record, with actors named (one lookup for all of them at most). */
export async function readableRecords(z: ZObject, records: readonly AttioRecord[], object?: string): Promise<FlatRecord[]> {
  const flats = records.map((r) => flattenRecord(r, object));
  await nameActors(z, flats.map((flat, i) => [flat, records[i]?.values]));
  return flats;
}

/** flattenEntry for each entry (with its parent record when given), with actors named in both. */
export async function readableEntries(
  z: ZObject,
  entries: ReadonlyArray<{ entry: AttioEntry; parent?: AttioRecord | null }>,
  list?: string,
): Promise<FlatRecord[]> {
  const outputs: Array<[FlatRecord, AttioValues | undefined]> = [];
  const flats = entries.map(({ entry, parent }) => {
    const flat = flattenEntry(entry, { list, ...(parent !== undefined ? { parent } : {}) });
    outputs.push([flat, entry.entry_values]);
    if (parent && flat.parent && typeof flat.parent === 'object' && !Array.isArray(flat.parent)) outputs.push([flat.parent, parent.values]);
    return flat;
  });
  await nameActors(z, outputs);
  return flats;
}

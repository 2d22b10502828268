// What changed in an attribute, as a person reads it: the value before and after one change, from Attio's
// value history (every value with `active_from` / `active_until`), as readable text ("Demo booked", "Ada
// Lovelace", "1,250.00 USD"), and a fingerprint of a state so the same state is recognised again. Pure.
import type { ActorReference, AttioValue } from '../attio/types';
import { flattenValue, isoTimestamp } from './read';

const AMOUNT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** The key of the actor a value refers to (actor-reference values), as `actorNames` maps them. */
export function referencedActorKey(v: AttioValue): string | undefined {
  if (v.attribute_type !== 'actor-reference' || typeof v.referenced_actor_id !== 'string') return undefined;
  return `${String(v.referenced_actor_type)}:${v.referenced_actor_id}`;
}

/** The key of the record a value refers to (record-reference values), as `names` maps them. */
export function referencedRecordKey(v: AttioValue): string | undefined {
  if (v.attribute_type !== 'record-reference' || typeof v.target_record_id !== 'string') return undefined;
  return `record:${v.target_record_id}`;
}

/**
 * One value as text a Slack message can say: titles for select/status, names, domains, amounts with currency.
 * @param names readable names of the actors and records that actor-reference and record-reference values
 *   point at (by referencedActorKey / referencedRecordKey); without one, such a value reads as its id
 */
export function valueText(v: AttioValue, names?: ReadonlyMap<string, string>): string | null {
  const named = referencedActorKey(v) ?? referencedRecordKey(v);
  if (named && names?.has(named)) return names.get(named) ?? null;
  switch (v.attribute_type) {
    case 'currency': {
      if (typeof v.currency_value !== 'number') return null;
      const code = typeof v.currency_code === 'string' && v.currency_code ? ` ${v.currency_code}` : '';
      return `${AMOUNT.format(v.currency_value)}${code}`;
    }
    case 'record-reference': {
      const object = typeof v.target_object === 'string' ? v.target_object : undefined;
      const id = typeof v.target_record_id === 'string' ? v.target_record_id : undefined;
      return id ? (object ? `${object} ${id}` : id) : null;
    }
    case 'checkbox':
      return typeof v.value === 'boolean' ? (v.value ? 'Yes' : 'No') : null;
    default: {
      const flat = flattenValue(v);
      if (flat === null || flat === '') return null;
      return typeof flat === 'object' ? JSON.stringify(flat) : String(flat);
    }
  }
}

/** Several values (a multiselect) as one text, comma-separated; null when there are none. */
export function valuesText(values: readonly AttioValue[], names?: ReadonlyMap<string, string>): string | null {
  const parts = values.map((v) => valueText(v, names)).filter((t): t is string => t !== null);
  return parts.length ? parts.join(', ') : null;
}

/**
 * A comparable form of an Attio timestamp: Attio writes nanoseconds (`…49.061281000Z`), other sources
 * milliseconds or none, so the fraction is padded to nine digits before comparing as text.
 */
function instant(ts: string | null | undefined): string | undefined {
  if (!ts) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z?$/.exec(ts);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0').slice(0, 9)}` : ts;
}

const isCurrent = (v: AttioValue) => v.active_until === undefined || v.active_until === null;

/** One attribute's last change, read from its value history. */
export interface LastChange {
  /** The values active just before the change (empty when it was empty). */
  previous: AttioValue[];
  /** The values active now. */
  current: AttioValue[];
  /** When the change happened (ISO 8601, milliseconds), or null for an attribute that never changed. */
  changedAt: string | null;
  /** Who wrote the newest value (null when the change removed values, or when Attio did not say). */
  writtenBy: ActorReference | null;
}

/**
 * The last change in a value history (`show_historic=true`: every value, oldest first, with
 * `active_from` and `active_until`). The change happened at the latest `active_from` or `active_until`
 * in it; the previous values are those active just before that instant. A value replaced in the same
 * instant it was written (Attio's own correction) counts as never active.
 */
export function lastChange(history: readonly AttioValue[]): LastChange {
  let at: string | undefined;
  let raw: string | null = null;
  for (const v of history) {
    for (const ts of [v.active_from, v.active_until]) {
      const t = instant(ts ?? undefined);
      if (t && (!at || t > at)) {
        at = t;
        raw = ts ?? null;
      }
    }
  }
  const current = history.filter(isCurrent);
  if (!at) return { previous: [], current, changedAt: null, writtenBy: null };
  const previous = history.filter((v) => {
    const from = instant(v.active_from);
    const until = instant(v.active_until ?? undefined);
    return from !== undefined && from < (at as string) && (until === undefined || until >= (at as string));
  });
  const written = current.find((v) => instant(v.active_from) === at);
  return { previous, current, changedAt: isoTimestamp(raw), writtenBy: written?.created_by_actor ?? null };
}

/** The props of a value that are its content (not when or by whom it was written). */
const ENVELOPE = new Set(['active_from', 'active_until', 'created_by_actor', 'attribute_type']);

function identity(v: AttioValue): unknown {
  // Select and status values are the option or status itself: renaming it is not a change of the record.
  const option = (v.option as { id?: { option_id?: string } } | undefined)?.id?.option_id;
  if (option) return ['option', option];
  const status = (v.status as { id?: { status_id?: string } } | undefined)?.id?.status_id;
  if (status) return ['status', status];
  return Object.keys(v)
    .filter((k) => !ENVELOPE.has(k))
    .sort()
    .map((k) => [k, v[k]]);
}

/**
 * A text that is equal for two sets of values exactly when they hold the same content, whatever their
 * order, write time or writer: the "state" of an attribute, compared across deliveries.
 */
export function stateOf(values: readonly AttioValue[]): string {
  return JSON.stringify(values.map((v) => JSON.stringify(identity(v))).sort());
}

/** The option or status id of a select/status value (undefined for other types). */
export function choiceId(v: AttioValue): string | undefined {
  return (
    (v.option as { id?: { option_id?: string } } | undefined)?.id?.option_id ??
    (v.status as { id?: { status_id?: string } } | undefined)?.id?.status_id
  );
}

/**
 * The option or status ids a change entered: held now and not just before. A multiselect that gains
 * "Enterprise" beside "Hot" entered only "Enterprise": it did not change to "Hot".
 */
export function enteredChoices(previous: readonly AttioValue[], now: readonly AttioValue[]): string[] {
  const before = new Set(previous.map(choiceId));
  return now.map(choiceId).filter((id): id is string => !!id && !before.has(id));
}

/** Orders two Attio timestamps (nanoseconds or not): negative when `a` is earlier, 0 when equal. */
export function compareInstants(a: string, b: string): number {
  const x = instant(a) ?? a;
  const y = instant(b) ?? b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The newest `active_from` or `active_until` in a value history, as Attio wrote it (undefined: none). */
export function newestInstant(history: readonly AttioValue[]): string | undefined {
  let newest: string | undefined;
  for (const v of history) {
    for (const ts of [v.active_from, v.active_until]) if (ts && (!newest || compareInstants(ts, newest) > 0)) newest = ts;
  }
  return newest;
}

/** `ts` moved back by `ms` milliseconds, as an ISO text (compareInstants orders it with Attio's). */
export function instantBefore(ts: string, ms: number): string {
  const t = instant(ts) ?? ts;
  return new Date(Date.parse(`${t.slice(0, 23)}Z`) - ms).toISOString();
}

/** One stay of a select/status option in an attribute, read from its value history. */
export interface ChoiceEntry {
  /** The option or status id. */
  choice: string;
  /** When the option was entered (`active_from` of the value that entered it, as Attio wrote it). */
  at: string;
  /** When it was left, or null while it is held. */
  until: string | null;
  /** Who entered it (that value's `created_by_actor`). */
  by: ActorReference | null;
  /** The values held just before it was entered (the transition's "from"). */
  before: AttioValue[];
  /** The values held right after it was entered (the transition's "to": the option, beside the others of a multiselect). */
  after: AttioValue[];
}

/**
 * Every stay of the given options in a value history (`show_historic=true`), oldest first. A stay runs
 * from the value that entered the option to the instant no value holds it any more: a value replaced by
 * one of the same option at the instant it ends (a re-save) continues the stay, and a value replaced in
 * the instant it was written (Attio's own correction) was never held. So Won → Lost → Won is two stays,
 * and a Won written and left for Handover before anyone looked is one stay with its `until` set.
 */
export function choiceEntries(history: readonly AttioValue[], choices: readonly string[]): ChoiceEntry[] {
  const wanted = new Set(choices);
  const held = history.filter((v) => {
    const id = choiceId(v);
    const from = instant(v.active_from);
    const until = instant(v.active_until ?? undefined);
    return !!id && wanted.has(id) && from !== undefined && (until === undefined || until > from);
  });
  const sorted = [...held].sort((a, b) => compareInstants(a.active_from as string, b.active_from as string));
  const stays: Array<{ choice: string; first: AttioValue; until: string | null }> = [];
  for (const v of sorted) {
    const choice = choiceId(v) as string;
    const open = [...stays].reverse().find((s) => s.choice === choice);
    // The same option held until at least this value's start: the stay goes on.
    if (open && (open.until === null || compareInstants(v.active_from as string, open.until) <= 0)) {
      const until = v.active_until ?? null;
      open.until = open.until === null || until === null ? null : compareInstants(until, open.until) > 0 ? until : open.until;
      continue;
    }
    stays.push({ choice, first: v, until: v.active_until ?? null });
  }
  const activeAt = (t: string, strictlyBefore: boolean) =>
    history.filter((v) => {
      const from = instant(v.active_from);
      const until = instant(v.active_until ?? undefined);
      const at = instant(t) as string;
      if (from === undefined || (until !== undefined && until <= from)) return false;
      return strictlyBefore ? from < at && (until === undefined || until >= at) : from <= at && (until === undefined || until > at);
    });
  return stays.map(({ choice, first, until }) => {
    const at = first.active_from as string;
    return { choice, at, until, by: first.created_by_actor ?? null, before: activeAt(at, true), after: activeAt(at, false) };
  });
}

// States already seen, across deliveries. A change trigger fires for a new state of what it watches, not
// for every message about it: Attio may send another message about a change it already told us of (a
// redelivery under a new Idempotency-Key), and its system may re-save a value without changing it (a
// formula recompute). So each watched facet (an attribute of one record, a task's completion) keeps the
// fingerprint of the last state this Zap observed, in z.cache, and a message finding the same state again
// gives no run. "Observed" includes states a filter (changed_to) kept from running: a deal going Won →
// Lost → Won fires twice, since Lost was observed in between.
import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../../attio/cache';
import { DEDUPE_TTL_SECONDS } from './dedupe';

/** As long as Attio may still redeliver a message about the state (its retry window). */
export const STATE_TTL_SECONDS = DEDUPE_TTL_SECONDS;

/**
 * Two invocations handling the same new state at once (two messages racing) both see the old state; the
 * first to claim the transition (old → new) with `nx` wins. Short, so a later return to the same
 * transition (Won → Lost → Won → Lost) is not mistaken for the race.
 */
export const TRANSITION_TTL_SECONDS = 120;

/** The value stored when a state changed in a way this Zap did not look at (an ignored writer). */
const UNKNOWN = '';

function hash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The cache key of one facet's state, per webhook (two Zaps watching the same record are independent). */
export function stateKey(webhookId: string, subject: string, facet: string): string {
  return `attio:webhook-state:${hash([webhookId, subject, facet])}`;
}

/** A short fingerprint of a state description (e.g. values/changes.ts stateOf). */
export function fingerprint(state: string): string {
  return hash(['state', state]);
}

/**
 * Whether `next` differs from the facet's last observed state (read only: nothing is recorded, so a run
 * that fails after this check and is retried by Zapier still finds the state new).
 * A cache outage counts as new (at worst one duplicate run, never a lost one).
 */
export async function isNewState(z: ZObject, key: string, next: string): Promise<{ isNew: boolean; last: string | null }> {
  const last = await cacheGet(z, key);
  return { isNew: last !== next, last: typeof last === 'string' ? last : null };
}

/**
 * Records `next` as the facet's state, once everything a run needed has succeeded. False when a racing
 * invocation claimed the same transition (last → next) first: then that one passes the state on.
 */
export async function commitState(z: ZObject, key: string, last: string | null, next: string): Promise<boolean> {
  const transition = `${key}:${hash([last, next])}`;
  const won = await cacheSet(z, transition, true, TRANSITION_TTL_SECONDS, undefined, true);
  if (won === false) return false;
  await cacheSet(z, key, next, STATE_TTL_SECONDS);
  return true;
}

/** isNewState then commitState at once, for a caller with nothing left to do in between. */
export async function observeState(z: ZObject, key: string, next: string): Promise<boolean> {
  const { isNew, last } = await isNewState(z, key, next);
  return isNew && commitState(z, key, last, next);
}

/**
 * Forgets a facet's state after a change this Zap ignored (its own write-back, a system recompute): the
 * value is unknown now, so the next change a person makes runs even if it restores the last state seen.
 */
export async function forgetState(z: ZObject, key: string): Promise<void> {
  await cacheSet(z, key, UNKNOWN, STATE_TTL_SECONDS);
}

// Stays of a watched option (Changed To) that began and ended between two looks. A run reads the record as
// it is when the run happens: a deal moved to Won and on to Handover before then (an Attio workflow acting at
// once, two quick edits) shows Handover, so the value history that run reads anyway is searched for the Won
// stay it missed. Two things keep that honest: each stay is passed on once (claimed per stay), and only
// stays this Zap has not looked at before count (the history's newest instant is remembered per facet).

/**
 * How long a stay's claim and a facet's last look are kept: well past Attio's retry window (about 3 days),
 * so a redelivery always finds them; after that, a look falls back to the first-look rule (changes.ts).
 */
export const LOOK_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The cache key of the newest history instant this Zap looked at for one facet. */
export function lookKey(stateKeyOfFacet: string): string {
  return `${stateKeyOfFacet}:looked-until`;
}

/** The newest history instant this Zap looked at for the facet, or null (none yet, or the cache is out). */
export async function lastLook(z: ZObject, stateKeyOfFacet: string): Promise<string | null> {
  const at = await cacheGet(z, lookKey(stateKeyOfFacet));
  return typeof at === 'string' && at ? at : null;
}

/** Remembers the newest history instant looked at (call once the run's work succeeded). */
export async function rememberLook(z: ZObject, stateKeyOfFacet: string, at: string): Promise<void> {
  await cacheSet(z, lookKey(stateKeyOfFacet), at, LOOK_TTL_SECONDS);
}

/** The cache key of one stay of an option (entered at `enteredAt`) in one facet of one subscription. */
export function stayKey(stateKeyOfFacet: string, choice: string, enteredAt: string): string {
  return `attio:webhook-stay:${hash([stateKeyOfFacet, choice, enteredAt])}`;
}

/**
 * Claims a stay: true for the one invocation that passes it on. Zapier's cache answers `nx` atomically,
 * so two invocations racing over one stay (two events of a burst, a redelivery under a new key) fire it
 * once; the app tester's in-memory cache ignores nx, hence the read first (as the redelivery dedupe does).
 * A failed write counts as claimed: at worst one duplicate run, never a lost one.
 */
export async function claimStay(z: ZObject, key: string): Promise<boolean> {
  if ((await cacheGet(z, key)) !== null) return false;
  return (await cacheSet(z, key, true, LOOK_TTL_SECONDS, undefined, true)) !== false;
}

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

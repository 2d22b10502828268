// "Fire once each time a thing enters a state": Attio has no `task.completed` event, only `task.updated`
// for any edit, so the Completed Task trigger remembers, per Zap and per task, that it passed the
// completion on, and forgets it when it sees the task open again.
import type { ZObject } from 'zapier-platform-core';
import { cacheDelete, cacheSet } from '../../attio/cache';
import { alreadySeen } from './dedupe';

/**
 * How long a passed-on state is remembered. An edit to a task completed longer ago than this, with no
 * event in between, would fire once more; a year bounds what the cache keeps without that being likely.
 */
export const STATE_TTL_SECONDS = 365 * 24 * 60 * 60;

/** The cache key of one thing's state for one webhook (two Zaps watching the same task are independent). */
export function stateKey(webhookId: string, kind: string, id: string): string {
  return `attio:entered:${kind}:${webhookId}:${id}`;
}

/** True when the state was already entered and passed on (checked before building an output it would drop). */
export async function alreadyEntered(z: ZObject, key: string): Promise<boolean> {
  return alreadySeen(z, key);
}

/**
 * Whether this observation is the thing entering the state: true once per entry. Call it once the output
 * is built, so a failed hydration retried by Zapier still fires. In the state: claimed
 * atomically (`nx`), so two deliveries racing over the same completion pass it on once; already claimed:
 * false. Out of the state: the claim is released, so the next entry fires again. A cache outage never
 * drops an entry (at worst one duplicate run).
 */
export async function entered(z: ZObject, key: string, inState: boolean): Promise<boolean> {
  if (!inState) {
    if (await alreadySeen(z, key)) await cacheDelete(z, key);
    return false;
  }
  // The app tester's in-memory cache ignores nx, hence the read first (as the redelivery dedupe does).
  if (await alreadySeen(z, key)) return false;
  // A failed write counts as claimed: never a lost entry.
  return (await cacheSet(z, key, true, STATE_TTL_SECONDS, undefined, true)) !== false;
}

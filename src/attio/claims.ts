// A claim on some values across invocations, for writes Attio cannot make atomic (a record matched on
// several attributes: query, then create). Held in z.cache with nx for the duration of the write, so
// two runs racing on the same values take turns: the second one then finds what the first wrote.
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheClaim, cacheDelete, type Claim } from './cache';
import { clock } from './request';

/**
 * Longer than one write can take (the request layer gives up after about 28 s), so a claim never lapses
 * while its write is under way; a run that died holding one blocks others for this long at most.
 */
export const CLAIM_TTL_SECONDS = 30;

/** How long a run waits between asks while another holds the claim: about 4 s in all, then Zapier retries. */
export const CLAIM_WAITS_MS: readonly number[] = [250, 500, 1000, 2000];
const CLAIM_JITTER_MS = 100;
/**
 * When Zapier should run the step again after a claim stayed held: after 30 to 59 s, at random, so the runs
 * that queued on one claim come back one after another instead of racing for it again in the same second.
 */
export const CLAIM_RETRY_SECONDS = 30;

/**
 * Runs `work` while holding the claim `key` (per connection). When another invocation holds it, waits
 * and asks again (CLAIM_WAITS_MS); still held, ends in ThrottledError so Zapier runs the step again
 * later, when the other write is done. A cache that cannot be reached (a local run without Zapier's
 * cache) is logged and the work runs unclaimed: the claim guards against a race, and refusing every
 * write because the cache is down would lose them all.
 * The claim is released when the work ends, whether it succeeded or failed.
 * @param what the values claimed, in the user's words, for the throttled message
 */
export async function withClaim<T>(z: ZObject, key: string, what: string, work: (claim: Exclude<Claim, 'held'>) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const claim = await cacheClaim(z, key, CLAIM_TTL_SECONDS, AUTH_SCOPE);
    if (claim !== 'held') {
      try {
        return await work(claim);
      } finally {
        if (claim === 'claimed') await cacheDelete(z, key, AUTH_SCOPE);
      }
    }
    const wait = CLAIM_WAITS_MS[attempt];
    if (wait === undefined) {
      const delay = CLAIM_RETRY_SECONDS + Math.floor(clock.random() * CLAIM_RETRY_SECONDS);
      throw new z.errors.ThrottledError(
        `Another run of this Zap is writing the record with ${what} right now; Zapier will retry this step in about ${delay} s and then update that record instead of adding a second one.`,
        delay,
      );
    }
    await clock.sleep(wait + Math.round(clock.random() * CLAIM_JITTER_MS));
  }
}

// Creates that must happen once. Attio has no idempotency keys, so a note, task, comment or record whose
// response was lost (a 5xx, a timeout, a reset after the request left) may or may not exist. Two guards:
// - a lost response is resolved by looking for the write (`find`): found, it is returned; surely absent, the
//   create is sent once more; when the lookup cannot tell, the user gets the request layer's "may or may
//   not have happened" error, never a blind retry;
// - a replay with identical input within REPLAY_WINDOW_S returns what the first run created (a z.cache key
//   per connection on a hash of the normalised input), instead of writing it twice.
import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheDelete, cacheGet, cacheSet } from './cache';
import { clock, isUnknownOutcome } from './request';

/** How long Attio gets to finish a write whose response was lost before we look for it. */
export const SETTLE_MS = 1_000;
/** A write found by a lookup must be this recent (minus clock skew) to count as the lost one. */
export const LOOKBACK_MS = 5 * 60_000;
/** Identical input within this many seconds returns the earlier run's note or task instead of a second one. */
export const REPLAY_WINDOW_S = 15 * 60;

/** A lookup that could not see everything it needed (too many pages): the write may still exist. */
export class LookupInconclusive extends Error {}

export interface OnceSpec<T> {
  /** "the note", for logs. */
  what: string;
  /** The one non-idempotent POST. */
  create: () => Promise<T>;
  /**
   * The write, if Attio has it: the newest matching item created at or after `since` (ms since epoch),
   * null when surely absent. Throws LookupInconclusive when it cannot tell.
   */
  find: (since: number) => Promise<T | null>;
}

/**
 * Runs `create`; after a lost response, looks for the write (after SETTLE_MS) and returns it when found,
 * creates once more when it is surely absent (and resolves that attempt the same way), and otherwise
 * throws the original "may or may not have happened" error. Requests: 1 normally; after a loss, +1 lookup
 * (more pages only when a record has over 50 notes or threads), +1 create when absent.
 */
export async function createResolvingLoss<T>(z: ZObject, spec: OnceSpec<T>): Promise<T> {
  const since = clock.now() - LOOKBACK_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await spec.create();
    } catch (err) {
      if (!isUnknownOutcome(err)) throw err;
      await clock.sleep(SETTLE_MS);
      let found: T | null;
      try {
        found = await spec.find(since);
      } catch (lookupError) {
        z.console.error(`Could not tell whether ${spec.what} was written (${(lookupError as Error).message}).`);
        throw err;
      }
      if (found) {
        z.console.log(`Attio's answer to creating ${spec.what} was lost, but ${spec.what} was written: returning it.`);
        return found;
      }
      if (attempt >= 2) throw err;
      z.console.log(`Attio's answer to creating ${spec.what} was lost and ${spec.what} was not written: sending it again.`);
    }
  }
}

/** The cache key of one write's normalised input (per kind; hashed, so no content lands in a key). */
export function replayKey(kind: string, identity: unknown): string {
  return `attio:once:${kind}:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

interface Held {
  id?: string;
  pending?: boolean;
  /** When the claiming run started (ms), while it runs: absent once it ended with its outcome unknown. */
  at?: number;
}

/**
 * How long a run with the same input may still be writing: Zapier stops a step at 30 s (the request
 * layer's budget, 20 s of 429 waits, plus its last request). A claim younger than this without an id is
 * a run in flight, not a lost outcome.
 */
export const IN_FLIGHT_MS = 30_000;

/**
 * createResolvingLoss, plus the replay window: a run whose normalised input (`identity`) matches one
 * created within REPLAY_WINDOW_S gets that item back (one GET through `fetch`; null when it was deleted
 * since, and then it is created anew). A run racing an identical one (the key held but no id yet) waits
 * SETTLE_MS and looks with `find` before creating. A cache outage only loses the guard, never the write.
 */
export async function createOnce<T>(
  z: ZObject,
  spec: OnceSpec<T> & { kind: string; identity: unknown; fetch: (id: string) => Promise<T | null>; idOf: (item: T) => string },
): Promise<T> {
  const key = replayKey(spec.kind, spec.identity);
  const started = clock.now();
  let held = (await cacheGet(z, key, AUTH_SCOPE)) as Held | null;
  // Production's nx set is atomic: only one of two racing runs claims the key. (The app tester ignores nx.)
  if (!held && (await cacheSet(z, key, { pending: true, at: started }, REPLAY_WINDOW_S, AUTH_SCOPE, true)) === false) {
    held = ((await cacheGet(z, key, AUTH_SCOPE)) as Held | null) ?? { pending: true, at: started };
  }
  if (held?.pending && !held.id) {
    // Another run with this input is creating it right now: give it a moment to finish and say what it made.
    await clock.sleep(SETTLE_MS);
    held = ((await cacheGet(z, key, AUTH_SCOPE)) as Held | null) ?? held;
    if (held.pending && !held.id && typeof held.at === 'number' && clock.now() - held.at < IN_FLIGHT_MS) {
      // Still writing (waiting out Attio's rate limit, say): creating now could write it twice. Come back
      // when that run has ended: its id is then in the cache, or its claim is old enough to look.
      throw new z.errors.ThrottledError(
        `Another run with the same input is still creating ${spec.what}; Zapier will run this step again shortly and return it instead of a second one.`,
        Math.ceil(IN_FLIGHT_MS / 1000),
      );
    }
  }
  // A claim left by a run whose outcome was unknown: look for its write first. A lookup that fails is not
  // "absent": its error stands, rather than risking a second write.
  const earlier = held?.id ? await spec.fetch(held.id) : held?.pending ? await spec.find(started - REPLAY_WINDOW_S * 1000) : null;
  if (earlier) {
    z.console.log(`${spec.what} was already created by a run with the same input in the last ${REPLAY_WINDOW_S / 60} minutes: returning it instead of a duplicate.`);
    return earlier;
  }
  let created: T;
  try {
    created = await createResolvingLoss(z, spec);
  } catch (err) {
    // Refused: nothing was written, so the claim goes. Outcome unknown: the claim stays pending, so a replay
    // within the window looks for the write before creating it.
    if (!isUnknownOutcome(err)) await cacheDelete(z, key, AUTH_SCOPE);
    // This run is over: its claim now marks a lost outcome (no start time), which a replay looks for.
    else await cacheSet(z, key, { pending: true }, REPLAY_WINDOW_S, AUTH_SCOPE);
    throw err;
  }
  await cacheSet(z, key, { id: spec.idOf(created) }, REPLAY_WINDOW_S, AUTH_SCOPE);
  return created;
}

/** Text compared as Attio may store it: line endings unified, trailing spaces and outer blank lines dropped. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined) =>
    (s ?? '')
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim()
      .normalize('NFC');
  return norm(a) === norm(b);
}

/** Text compared by its words only (letters and digits), for markdown Attio may re-render. */
export function sameWords(a: string | null | undefined, b: string | null | undefined): boolean {
  const words = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
  return words(a) === words(b);
}

/** True when Attio's `created_at` is at or after `since` (ms); an unreadable time counts as recent. */
export function createdSince(createdAt: string | null | undefined, since: number): boolean {
  const t = Date.parse(createdAt ?? '');
  return Number.isNaN(t) || t >= since;
}

/**
 * Pages through a list (newest items need not come first) until `match` finds one, a short page ends it,
 * or `maxPages` were read (then LookupInconclusive: the write may be on a page not read).
 */
export async function findInPages<P, T>(
  page: (limit: number, offset: number) => Promise<P[]>,
  match: (items: P[]) => T | null,
  options: { limit: number; maxPages: number; stop?: (items: P[]) => boolean },
): Promise<T | null> {
  for (let i = 0; i < options.maxPages; i++) {
    const items = await page(options.limit, i * options.limit);
    const found = match(items);
    if (found) return found;
    if (items.length < options.limit || options.stop?.(items)) return null;
  }
  throw new LookupInconclusive(`more than ${options.limit * options.maxPages} items to look through`);
}

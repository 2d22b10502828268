// When a request may go to Attio during a burst. Attio allows 25 writes/s and 100 reads/s per workspace and
// answers the excess with 429 and Retry-After (the second the limit resets). Zapier runs each Zap run in its
// own invocation, so a run knows only what its own requests were told: one 429 looks the same whether 10 or
// 200 runs are competing, and a run that has just started knows nothing at all. Left alone, every throttled
// run retries at the same reset second, and every new run spends its first request on a window that is
// already full: a 429 per write and more.
//
// So the runs of one connection share a small ledger in z.cache (per connection, like Zapier's own store):
// for each coming second, how many requests of each kind have been given a slot in it. A throttled request
// books the next free slot from its Retry-After on; a new run books one too while others are queued, instead
// of trying blind. Slots are spaced evenly inside their second (32 ms apart for writes), so booked requests
// neither stampede at the reset nor depend on where Attio's window starts. A run that meets 429s at its
// own slot (other apps share the workspace's limit) starts its search further out, over a spread that
// doubles with each 429 it has met. The ledger is advice, never a lock: a slot that turns out full is one
// more 429, answered the same way. Without the cache (a local run), each run spreads its retries over coming
// seconds by its own 429 count alone.
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheGet, cacheSet } from './cache';

export type RequestKind = 'read' | 'write';

/** Attio's published limits per workspace (rest-api/how-to/rate-limiting): requests per second. */
export const RATE_LIMITS: Readonly<Record<RequestKind, number>> = { read: 100, write: 25 };
/** Attio's limits are per second and its Retry-After names the second the limit resets. */
export const WINDOW_MS = 1000;
/**
 * A second's slots fill its first 80% (32 ms apart for writes): a request sent in the last slot still reaches
 * Attio inside the second it booked when it leaves, or arrives, up to 200 ms late (a busy machine, a slow hop).
 */
const SLOTS_SPAN_MS = 800;
/** On its n-th 429 a run looks for a slot from Retry-After plus up to 2^(n-1) - 1 seconds, at most this many. */
export const MAX_SPREAD_WINDOWS = 8;
/** Without a ledger, a run's n-th 429 spreads it over 2^n seconds, at most this many. */
export const MAX_FALLBACK_WINDOWS = 16;
/** How far ahead the ledger looks for a queue when a run starts. */
const BACKLOG_HORIZON_WINDOWS = 3;
/** The ledger outlives any burst it describes by this long (seconds). */
const LEDGER_TTL_S = 120;

/** Attio counts GETs and query POSTs as reads, every other request as a write. */
export function requestKind(method: string, path: string): RequestKind {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST' && (path.endsWith('/query') || path === '/objects/records/search')) return 'read';
  return 'write';
}

/** Booked requests per second (epoch seconds as keys). */
export type Ledger = Record<string, number>;

export interface Slot {
  /** The epoch second booked. */
  window: number;
  /** When to send: the slot's place in its second, never before `from`. */
  at: number;
}

function isLedger(value: unknown): value is Ledger {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

const booked = (ledger: Ledger, window: number) => (Object.hasOwn(ledger, String(window)) ? (ledger[String(window)] ?? 0) : 0);

/**
 * The first slot at or after `from` in a second with room: slot i of a second is sent i / limit of the way
 * through its first 800 ms (plus `jitter` of one slot's width), so booked requests arrive evenly, not together.
 */
export function firstFreeSlot(ledger: Ledger, from: number, limit: number, jitter: number): Slot {
  let window = Math.floor(from / WINDOW_MS);
  while (booked(ledger, window) >= limit) window++;
  const spacing = SLOTS_SPAN_MS / limit;
  const at = window * WINDOW_MS + booked(ledger, window) * spacing + jitter * spacing;
  return { window, at: Math.max(from, Math.round(at)) };
}

/** True when requests are booked for this second or the next few: other runs are queued. */
export function hasBacklog(ledger: Ledger, now: number): boolean {
  const current = Math.floor(now / WINDOW_MS);
  for (let w = current; w < current + BACKLOG_HORIZON_WINDOWS; w++) if (booked(ledger, w) > 0) return true;
  return false;
}

/**
 * Where a run that has met `throttled` 429s starts looking for a slot: the reset second for the first,
 * then a random second among the next 2^(n-1) (capped), so runs that keep meeting 429s thin out.
 */
export function searchFrom(retryAt: number, throttled: number, random: number): number {
  const spread = Math.min(MAX_SPREAD_WINDOWS, 2 ** Math.max(0, throttled - 1));
  return retryAt + Math.floor(random * spread) * WINDOW_MS;
}

/**
 * The wait for a run's n-th 429 when there is no ledger: a random slot in one of the 2^n seconds from the
 * reset on (capped), so concurrent runs spread over more seconds the longer they have been turned away.
 */
export function fallbackWaitMs(retryAt: number, throttled: number, now: number, random: number): number {
  const windows = Math.min(MAX_FALLBACK_WINDOWS, 2 ** Math.max(1, throttled));
  return Math.max(0, retryAt - now) + Math.floor(random * windows * WINDOW_MS);
}

/** The ledger's keeping: the coming seconds only. */
function prune(ledger: Ledger, now: number): Ledger {
  const current = Math.floor(now / WINDOW_MS);
  return Object.fromEntries(Object.entries(ledger).filter(([w]) => Number(w) >= current));
}

const ledgerKey = (kind: RequestKind) => `attio:pacing:${kind}`;

export async function readLedger(z: ZObject, kind: RequestKind): Promise<Ledger> {
  const value = await cacheGet(z, ledgerKey(kind), AUTH_SCOPE);
  return isLedger(value) ? value : {};
}

/** How many slots one booking tries before it gives up on the ledger (each try is one cache call). */
const MAX_CLAIM_TRIES = 25;

/**
 * Books a free slot at or after `from`. Each slot is claimed atomically (a z.cache set with `nx` on a key
 * of its own: Zapier's cache sets an absent key only), so runs throttled at the same instant, which read the
 * same ledger, still get different slots. A claimer tries the first free slot; once refused (others are
 * claiming too), it picks among the second's free slots at random, so many claimers rarely collide again. The ledger is only the hint where the
 * free slots start, rewritten after the claim. Null when the cache could not be written (then nobody else
 * would see the booking either) or no slot was won in MAX_CLAIM_TRIES (the run then spreads on its own).
 */
export async function claimSlot(
  z: ZObject,
  kind: RequestKind,
  ledger: Ledger,
  from: number,
  jitter: number,
  now: number,
  random: () => number = Math.random,
): Promise<Slot | null> {
  const hint = prune(ledger, now);
  const limit = RATE_LIMITS[kind];
  const spacing = SLOTS_SPAN_MS / limit;
  const taken = new Set<string>();
  let window = Math.floor(from / WINDOW_MS);
  for (let tries = 0; tries < MAX_CLAIM_TRIES; tries++) {
    let free: number[] = [];
    for (;;) {
      const first = booked(hint, window);
      free = [];
      for (let i = first; i < limit; i++) if (!taken.has(`${window}:${i}`)) free.push(i);
      if (free.length) break;
      window++;
    }
    // The first free slot first (as the ledger says); after a refusal, others are claiming too: pick at random.
    const index = (tries === 0 ? free[0] : free[Math.min(free.length - 1, Math.floor(random() * free.length))]) as number;
    taken.add(`${window}:${index}`);
    const won = await cacheSet(z, `${ledgerKey(kind)}:${window}:${index}`, true, LEDGER_TTL_S, AUTH_SCOPE, true);
    if (won === undefined) return null;
    if (!won) continue;
    // The hint for the runs after this one: at least this many booked in that second.
    const latest = prune(await readLedger(z, kind), now);
    latest[String(window)] = Math.max(booked(latest, window), booked(hint, window) + 1);
    if ((await cacheSet(z, ledgerKey(kind), latest, LEDGER_TTL_S, AUTH_SCOPE)) !== true) return null;
    return { window, at: Math.max(from, Math.round(window * WINDOW_MS + index * spacing + jitter * spacing)) };
  }
  return null;
}

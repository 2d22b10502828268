// Redelivery dedupe for webhook triggers. Attio delivers at least once and retries for about 3 days;
// Zapier does not dedupe hook results, so each event we passed on is remembered in z.cache.
import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../../attio/cache';

/** How long an event is remembered: Attio's retry window (10 attempts over about 3 days). */
export const DEDUPE_TTL_SECONDS = 3 * 24 * 60 * 60;

/**
 * The cache key of one event, or undefined when nothing identifies it (then it is never dropped).
 *
 * For a creation event (record.created, list-entry.created) the event's ids name the change itself: one
 * record or entry is created once. So the key is (webhook, event type, ids), and a second message about
 * the same creation is dropped whatever its `Idempotency-Key`. Only an event without ids falls back to the
 * `Idempotency-Key`, which Attio keeps across the retries of one message. The webhook id keeps two Zaps
 * watching the same change independent. Hashed, so an arbitrary header value never makes an oversized or
 * odd key.
 *
 * For a change event (`by: 'delivery'`: record.updated, task.updated) the ids name only what changed,
 * which changes again and again; there the key is (webhook, event type, Idempotency-Key, ids), so only a
 * retry of the same message is dropped, and an event without the header is never dropped here (the
 * change triggers recognise a state already passed on instead, see state.ts).
 */
export function dedupeKey(args: {
  webhookId: string;
  idempotencyKey?: string;
  eventType: string;
  eventIds: Record<string, unknown>;
  by?: 'ids' | 'delivery';
}): string | undefined {
  const ids = Object.keys(args.eventIds)
    .sort()
    .filter((k) => args.eventIds[k] !== undefined && args.eventIds[k] !== null && args.eventIds[k] !== '')
    .map((k) => [k, args.eventIds[k]]);
  let identity: unknown[];
  if (args.by === 'delivery') {
    if (!args.idempotencyKey) return undefined;
    identity = ['message', args.webhookId, args.eventType, args.idempotencyKey, ids];
  } else if (ids.length > 0) identity = ['event', args.webhookId, args.eventType, ids];
  else if (args.idempotencyKey) identity = ['delivery', args.webhookId, args.eventType, args.idempotencyKey];
  else return undefined;
  return `attio:webhook-event:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

/**
 * True when the event was already passed on. A cache outage must not drop events, so a failed read
 * counts as "not seen" (at worst one duplicate run, never a lost one).
 */
export async function alreadySeen(z: ZObject, key: string): Promise<boolean> {
  return (await cacheGet(z, key)) !== null;
}

/**
 * Claims the event: true when this invocation is the first to pass it on. In production
 * `set(…, nx = true)` is atomic and returns false when another invocation holds the key (two
 * deliveries racing). The app tester's in-memory cache ignores `nx` and always says true, which is why
 * callers check `alreadySeen` first and this function only trusts an explicit false. A failed write
 * counts as claimed (never a lost event).
 */
export async function claim(z: ZObject, key: string): Promise<boolean> {
  return (await cacheSet(z, key, true, DEDUPE_TTL_SECONDS, undefined, true)) !== false;
}

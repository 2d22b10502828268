// Redelivery dedupe for webhook triggers. Attio delivers at least once and retries for about 3 days;
// Zapier does not dedupe hook results, so each event we passed on is remembered in z.cache.
import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';

/** How long an event is remembered: Attio's retry window (10 attempts over about 3 days). */
export const DEDUPE_TTL_SECONDS = 3 * 24 * 60 * 60;

/**
 * The cache key of one event of one delivery. Attio's `Idempotency-Key` is the same across retries of a
 * message; the event identity (type and ids) tells the events of one message apart and is the fallback
 * when the header is absent. The webhook id keeps two Zaps watching the same change independent.
 * Hashed, so an arbitrary header value never makes an oversized or odd key.
 */
export function dedupeKey(args: { webhookId: string; idempotencyKey?: string; eventType: string; eventIds: Record<string, unknown> }): string {
  const ids = Object.keys(args.eventIds)
    .sort()
    .map((k) => [k, args.eventIds[k]]);
  const digest = createHash('sha256')
    .update(JSON.stringify([args.webhookId, args.idempotencyKey ?? null, args.eventType, ids]))
    .digest('hex');
  return `attio:webhook-event:${digest}`;
}

/**
 * True when the event was already passed on. A cache outage must not drop events, so a failed read
 * counts as "not seen" (at worst one duplicate run, never a lost one).
 */
export async function alreadySeen(z: ZObject, key: string): Promise<boolean> {
  try {
    return (await z.cache.get(key)) !== null;
  } catch (err) {
    z.console.error(`Could not read the redelivery cache (${(err as Error).message}); continuing without it.`);
    return false;
  }
}

/**
 * Claims the event: true when this invocation is the first to pass it on. In production
 * `set(…, nx = true)` is atomic and returns false when another invocation holds the key (two
 * deliveries racing). The app tester's in-memory cache ignores `nx` and always says true, which is why
 * callers check `alreadySeen` first and this function only trusts an explicit false.
 */
export async function claim(z: ZObject, key: string): Promise<boolean> {
  try {
    return (await z.cache.set(key, true, DEDUPE_TTL_SECONDS, undefined, true)) !== false;
  } catch (err) {
    z.console.error(`Could not write the redelivery cache (${(err as Error).message}); continuing without it.`);
    return true;
  }
}

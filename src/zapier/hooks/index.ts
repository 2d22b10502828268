// REST-hook plumbing shared by the instant triggers: subscribe one Attio event type filtered on the
// chosen object or list, then for each delivery verify its signature, drop redeliveries, and hydrate
// every event (Attio sends IDs only) through the same mapper performList uses.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteWebhook } from '../../attio/endpoints';
import { createWebhookHealing } from './heal';
import { alreadySeen, claim, dedupeKey } from './dedupe';
import { chosenValue } from '../../values/parse';
import type { FlatRecord } from '../../values/read';
import { headerValue, verifyAttioSignature } from './signature';
import type { AttioWebhookEvent } from '../../attio/types';

/** What differs between the record and the list-entry triggers. */
export interface HookSource {
  /** The input field holding the chosen object or list (a slug); also its key in subscribeData. */
  input: 'object' | 'list';
  /** Label of that input, for messages. */
  inputLabel: string;
  /** The key in each event's `id` naming the object or list; also the subscribeData key of its UUID. */
  scopeKey: 'object_id' | 'list_id';
  eventType: 'record.created' | 'list-entry.created';
  /** Slug → UUID: Attio webhook filters compare IDs, not slugs. One request. */
  resolve(z: ZObject, slug: string): Promise<string>;
  /** One event → the output item, or null when it was deleted before we looked. */
  hydrate(z: ZObject, event: AttioWebhookEvent, slug: string): Promise<FlatRecord | null>;
  /** The newest few items, mapped exactly like `hydrate`, for the editor's "test trigger". */
  recent(z: ZObject, slug: string): Promise<FlatRecord[]>;
}

/** What performSubscribe stores (bundle.subscribeData): flat, `id` being the webhook id. */
export interface HookSubscription {
  id: string;
  secret: string;
  object?: string;
  object_id?: string;
  list?: string;
  list_id?: string;
}

/** bundle.subscribeData is typed `{id: string}`; this reads the rest of what we stored, checked. */
export function subscriptionOf(data: unknown): HookSubscription | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const id = chosenValue(d.id);
  const secret = chosenValue(d.secret);
  if (!id || !secret) return undefined;
  const sub: HookSubscription = { id, secret };
  for (const key of ['object', 'object_id', 'list', 'list_id'] as const) {
    const v = chosenValue(d[key]);
    if (v) sub[key] = v;
  }
  return sub;
}

function isEvent(v: unknown): v is AttioWebhookEvent {
  if (!v || typeof v !== 'object') return false;
  const e = v as { event_type?: unknown; id?: unknown };
  return typeof e.event_type === 'string' && !!e.id && typeof e.id === 'object';
}

/** The events of a delivery body (already signature-checked). Attio batches: read them all. */
function eventsOf(content: string | undefined): unknown[] | undefined {
  try {
    const body = JSON.parse(content ?? '') as { events?: unknown };
    return Array.isArray(body.events) ? body.events : undefined;
  } catch {
    return undefined;
  }
}

const RESUBSCRIBE = 'If this Zap should be receiving it, turn the Zap off and on again so it subscribes to Attio afresh.';

/** Builds performSubscribe, performUnsubscribe, perform and performList for one event source. */
export function makeHookOperations(source: HookSource) {
  const chosen = (z: ZObject, bundle: Bundle): string => {
    const slug = chosenValue(bundle.inputData[source.input]);
    if (!slug) throw new z.errors.Error(`Choose the ${source.inputLabel} to watch: the ${source.inputLabel} field is empty.`, 'missing_input');
    return slug;
  };

  /**
   * POST /v2/webhooks with one subscription filtered on the chosen object's or list's UUID. 2 requests (more
   * only to heal an orphan a lost answer left: see heal.ts).
   */
  const performSubscribe = async (z: ZObject, bundle: Bundle): Promise<HookSubscription> => {
    const slug = chosen(z, bundle);
    if (!bundle.targetUrl) throw new z.errors.Error('Zapier did not provide a webhook URL to subscribe; turn the Zap on again.', 'missing_target_url');
    const uuid = await source.resolve(z, slug);
    const hook = await createWebhookHealing(z, bundle.targetUrl, [
      { event_type: source.eventType, filter: { $and: [{ field: `id.${source.scopeKey}`, operator: 'equals', value: uuid }] } },
    ]);
    if (!hook.secret) {
      // Without the secret no delivery could be verified: undo, rather than leave a webhook we would ignore.
      await deleteWebhook(z, hook.id.webhook_id);
      throw new z.errors.Error('Attio created the webhook without a signing secret, so its events could not be verified. Try turning the Zap on again.', 'missing_webhook_secret');
    }
    // The secret is shown by Attio only now: keep it for perform, which verifies every delivery with it.
    return { id: hook.id.webhook_id, secret: hook.secret, [source.input]: slug, [source.scopeKey]: uuid };
  };

  /** DELETE /v2/webhooks/{id}; already gone (404) is fine. */
  const performUnsubscribe = async (z: ZObject, bundle: Bundle): Promise<Record<string, never>> => {
    const id = chosenValue((bundle.subscribeData as { id?: unknown } | undefined)?.id);
    if (id) await deleteWebhook(z, id);
    return {};
  };

  /**
   * One delivery. A missing or wrong signature halts (the run shows as "halted" with the reason in the Zap
   * history; no step runs, nothing is charged, the Zap is not paused). Then: events of another type,
   * object or list are skipped; events already passed on are dropped; the rest are hydrated concurrently
   * and claimed in z.cache only once every hydration succeeded, so a retried failure loses nothing.
   */
  const perform = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const sub = subscriptionOf(bundle.subscribeData);
    if (!sub) {
      throw new z.errors.HaltedError(`Ignored an Attio webhook delivery: this Zap has no signing secret to verify it with. ${RESUBSCRIBE}`);
    }
    const check = verifyAttioSignature(bundle.rawRequest, sub.secret);
    if (check !== 'valid') {
      const why = check === 'missing' ? 'it carries no Attio-Signature header' : "its Attio-Signature does not match the signing secret of this Zap's subscription";
      throw new z.errors.HaltedError(`Ignored a webhook delivery that Attio did not sign for this Zap: ${why}. ${RESUBSCRIBE}`);
    }

    const raw = eventsOf(bundle.rawRequest?.content);
    if (!raw) {
      z.console.log('Attio webhook delivery without an events array: nothing to do.');
      return [];
    }
    const scopeId = sub[source.scopeKey];
    const wanted = raw.filter(
      (e): e is AttioWebhookEvent => isEvent(e) && e.event_type === source.eventType && (!scopeId || e.id[source.scopeKey] === scopeId),
    );
    if (wanted.length < raw.length) z.console.log(`Skipped ${raw.length - wanted.length} event(s) of another type, object or list.`);

    // One entry per change: the same event twice in one delivery counts once. An event nothing identifies
    // (no ids, no Idempotency-Key) has no key and is always passed on.
    const idempotencyKey = headerValue(bundle.rawRequest?.headers, 'Idempotency-Key');
    const byKey = new Map<string, [key: string | undefined, event: AttioWebhookEvent]>();
    wanted.forEach((event, i) => {
      const key = dedupeKey({ webhookId: sub.id, idempotencyKey, eventType: event.event_type, eventIds: event.id });
      byKey.set(key ?? `unkeyed:${i}`, [key, event]);
    });
    const unique = [...byKey.values()];
    const seen = await Promise.all(unique.map(([key]) => (key ? alreadySeen(z, key) : Promise.resolve(false))));
    const fresh = unique.filter((_, i) => !seen[i]);
    if (fresh.length < unique.length) z.console.log(`Dropped ${unique.length - fresh.length} event(s) already passed on (Attio redelivery).`);

    const slug = sub[source.input] ?? chosenValue(bundle.inputData[source.input]) ?? scopeId ?? '';
    const items = await Promise.all(fresh.map(([, event]) => source.hydrate(z, event, slug)));
    const claimed = await Promise.all(fresh.map(([key], i) => (!items[i] ? Promise.resolve(false) : key ? claim(z, key) : Promise.resolve(true))));
    return items.filter((item, i): item is FlatRecord => item !== null && claimed[i] === true);
  };

  /** The editor's "test trigger": the newest items, through the same mapper as perform. */
  const performList = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => source.recent(z, chosen(z, bundle));

  return { performSubscribe, performUnsubscribe, perform, performList };
}

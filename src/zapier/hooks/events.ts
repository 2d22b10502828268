// REST hooks for the Attio events beyond record and entry creation (deletions, notes, tasks, comments, call
// recordings). Same guarantees as makeHookOperations in index.ts (signature checked, every event of a
// delivery, redeliveries dropped, an event claimed only once its hydration succeeded), for what these
// triggers differ in: optional or no inputs, a subscription filter on whichever field the event carries
// (`parent_object_id`, a comment's `object_id`, or none for tasks), a per-event check in perform, and
// redelivery dedupe by message for events that recur for the same ids (`task.updated`).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteWebhook } from '../../attio/endpoints';
import { createWebhookHealing } from './heal';
import type { AttioWebhookEvent } from '../../attio/types';
import { chosenValue } from '../../values/parse';
import type { FlatRecord } from '../../values/read';
import { alreadySeen, claim, dedupeKey } from './dedupe';
import { subscriptionOf } from './index';
import { headerValue, verifyAttioSignature } from './signature';

/** One condition of an Attio webhook filter: a path into the event payload equals (or not) a string. */
export interface WebhookCondition {
  field: string;
  operator: 'equals' | 'not_equals';
  value: string;
}

/** Attio's subscription filter: one level of `$and` or `$or`, or null for every event of the type. */
export type WebhookFilter = { $and: WebhookCondition[] } | { $or: WebhookCondition[] } | null;

/** What a trigger keeps about the Zap's choices (flat text, stored in subscribeData beside the webhook id). */
export type HookScope = Record<string, string>;

/** What a trigger subscribes with: Attio's filter, and the scope perform reads back. */
export interface EventSubscription {
  filter: WebhookFilter;
  scope: HookScope;
}

/** Every event of the type, nothing kept: for triggers without a filter to choose. */
export const EVERY_EVENT: EventSubscription = { filter: null, scope: {} };

/** What differs between the event triggers. */
export interface EventHookSource {
  eventType: string;
  /**
   * How a redelivery is recognised. `ids` (default): the event's ids name the change itself (a note is
   * created once, a record deleted once), so any second message about it is dropped. `message`: the ids
   * name only the thing changed (a task is updated many times), so only a retry of the same message
   * (same Idempotency-Key) is dropped; the trigger recognises what it already passed on itself.
   */
  dedupeBy?: 'ids' | 'message';
  /**
   * The Zap's inputs → Attio's subscription filter (the narrowest the event's fields allow) and the scope
   * perform reads back. Checks the inputs (an error naming the field) before any request.
   */
  subscription(z: ZObject, inputData: Record<string, unknown>): Promise<EventSubscription>;
  /**
   * From the event alone, before any request: does this Zap want it? Attio filters server side already;
   * this also drops what a filter cannot express and test events sent from Attio's settings (which ignore
   * filters). Default: every event of the type.
   */
  accepts?(event: AttioWebhookEvent, scope: HookScope): boolean;
  /**
   * One event → the output item, or null when it is gone or not for this Zap (then it is not claimed).
   * @param webhookId this Zap's subscription, for state a trigger keeps per Zap
   */
  hydrate(z: ZObject, event: AttioWebhookEvent, scope: HookScope, webhookId: string): Promise<FlatRecord | null>;
  /** The newest few items, mapped exactly like `hydrate`, for the editor's "test trigger". */
  recent(z: ZObject, inputData: Record<string, unknown>): Promise<FlatRecord[]>;
}

/** A required choice (object, list), or an error naming the empty field, before any request. */
export function chosenInput(z: ZObject, inputData: Record<string, unknown>, key: string, label: string): string {
  const value = chosenValue(inputData[key]);
  if (!value) throw new z.errors.Error(`Choose the ${label} to watch: the ${label} field is empty.`, 'missing_input');
  return value;
}

const RESUBSCRIBE = 'If this Zap should be receiving it, turn the Zap off and on again so it subscribes to Attio afresh.';

/** What perform stored besides the webhook id and secret: the trigger's scope. */
function scopeOf(data: unknown): HookScope {
  const scope: HookScope = {};
  if (!data || typeof data !== 'object') return scope;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const v = chosenValue(value);
    if (v && key !== 'id' && key !== 'secret') scope[key] = v;
  }
  return scope;
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

/** The redelivery key of one event (undefined: nothing identifies it, so it is never dropped here). */
function keyOf(webhookId: string, event: AttioWebhookEvent, idempotencyKey: string | undefined, by: 'ids' | 'message'): string | undefined {
  if (by === 'ids') return dedupeKey({ webhookId, idempotencyKey, eventType: event.event_type, eventIds: event.id });
  if (!idempotencyKey) return undefined;
  // One message may batch several events: the ids tell them apart within it.
  const ids = Object.keys(event.id)
    .sort()
    .map((k) => `${k}=${event.id[k]}`)
    .join('&');
  return dedupeKey({ webhookId, idempotencyKey: `${idempotencyKey} ${ids}`, eventType: event.event_type, eventIds: {} });
}

/** Builds performSubscribe, performUnsubscribe, perform and performList for one event trigger. */
export function makeEventHookOperations(source: EventHookSource) {
  /** POST /v2/webhooks with one subscription (after whatever the trigger resolves: an object, a list, a member). */
  const performSubscribe = async (z: ZObject, bundle: Bundle): Promise<HookScope & { id: string; secret: string }> => {
    const { filter, scope } = await source.subscription(z, bundle.inputData);
    if (!bundle.targetUrl) throw new z.errors.Error('Zapier did not provide a webhook URL to subscribe; turn the Zap on again.', 'missing_target_url');
    const hook = await createWebhookHealing(z, bundle.targetUrl, [{ event_type: source.eventType, filter }]);
    if (!hook.secret) {
      // Without the secret no delivery could be verified: undo, rather than leave a webhook we would ignore.
      await deleteWebhook(z, hook.id.webhook_id);
      throw new z.errors.Error('Attio created the webhook without a signing secret, so its events could not be verified. Try turning the Zap on again.', 'missing_webhook_secret');
    }
    // The secret is shown by Attio only now: keep it for perform, which verifies every delivery with it.
    return { ...scope, id: hook.id.webhook_id, secret: hook.secret };
  };

  /** DELETE /v2/webhooks/{id}; already gone (404) is fine. */
  const performUnsubscribe = async (z: ZObject, bundle: Bundle): Promise<Record<string, never>> => {
    const id = chosenValue((bundle.subscribeData as { id?: unknown } | undefined)?.id);
    if (id) await deleteWebhook(z, id);
    return {};
  };

  /**
   * One delivery. A missing or wrong signature halts (shown as "halted" with the reason; nothing runs, the
   * Zap is not paused). Events of another type or not for this Zap are skipped before any request; events
   * already passed on are dropped; the rest are hydrated concurrently and claimed in z.cache only once
   * every hydration succeeded, so a retried failure loses nothing.
   */
  const perform = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const sub = subscriptionOf(bundle.subscribeData);
    if (!sub) throw new z.errors.HaltedError(`Ignored an Attio webhook delivery: this Zap has no signing secret to verify it with. ${RESUBSCRIBE}`);
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
    const scope = scopeOf(bundle.subscribeData);
    const wanted = raw.filter(
      (e): e is AttioWebhookEvent => isEvent(e) && e.event_type === source.eventType && (source.accepts?.(e, scope) ?? true),
    );
    if (wanted.length < raw.length) z.console.log(`Skipped ${raw.length - wanted.length} event(s) of another type or not for this Zap.`);

    const idempotencyKey = headerValue(bundle.rawRequest?.headers, 'Idempotency-Key');
    const byKey = new Map<string, [key: string | undefined, event: AttioWebhookEvent]>();
    wanted.forEach((event, i) => {
      const key = keyOf(sub.id, event, idempotencyKey, source.dedupeBy ?? 'ids');
      byKey.set(key ?? `unkeyed:${i}`, [key, event]);
    });
    const unique = [...byKey.values()];
    const seen = await Promise.all(unique.map(([key]) => (key ? alreadySeen(z, key) : Promise.resolve(false))));
    const fresh = unique.filter((_, i) => !seen[i]);
    if (fresh.length < unique.length) z.console.log(`Dropped ${unique.length - fresh.length} event(s) already passed on (Attio redelivery).`);

    const items = await Promise.all(fresh.map(([, event]) => source.hydrate(z, event, scope, sub.id)));
    const claimed = await Promise.all(fresh.map(([key], i) => (!items[i] ? Promise.resolve(false) : key ? claim(z, key) : Promise.resolve(true))));
    return items.filter((item, i): item is FlatRecord => item !== null && claimed[i] === true);
  };

  /** The editor's "test trigger": the newest items, through the same mapper as perform. */
  const performList = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => source.recent(z, bundle.inputData);

  return { performSubscribe, performUnsubscribe, perform, performList };
}

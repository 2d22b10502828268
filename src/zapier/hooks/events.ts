// REST hooks for the Attio events beyond record and entry creation (deletions, notes, tasks, comments, call
// recordings). Same guarantees as makeHookOperations in index.ts (signature checked, every event of a
// delivery, redeliveries dropped, an event claimed only once its hydration succeeded), for what these
// triggers differ in: optional or no inputs, a subscription filter on whichever field the event carries
// (`parent_object_id`, a comment's `object_id`, or none for tasks), a per-event check in perform, and
// redelivery dedupe by message for events that recur for the same ids (`task.updated`).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteWebhook, getObject } from '../../attio/endpoints';
import { listMeta } from '../../attio/lists';
import { createWebhookHealing } from './heal';
import type { AttioWebhookEvent } from '../../attio/types';
import { chosenValue } from '../../values/parse';
import type { FlatRecord } from '../../values/read';
import { claimEvents, freshEvents, performUnsubscribe, receive } from './index';
import { guardSecrets } from '../secrets';

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

/**
 * The subscription and event check of a trigger scoped to one object or list (`id.object_id` /
 * `id.list_id` in the event): 1 request, the slug's UUID, which Attio's filter compares; the scope keeps both,
 * and for a list the slug of its parent object (`parent_object`, when it has one), which names the object
 * of its entries' records in outputs. The list's metadata is cached (src/attio/lists.ts) for perform too.
 */
export function scopedToOne(kind: 'object' | 'list'): Pick<EventHookSource, 'subscription' | 'accepts'> {
  const key = `${kind}_id`;
  return {
    subscription: async (z, inputData) => {
      const slug = chosenInput(z, inputData, kind, kind === 'object' ? 'Object' : 'List');
      let scope: HookScope;
      if (kind === 'object') {
        scope = { object: slug, object_id: (await getObject(z, slug)).id.object_id };
      } else {
        const meta = await listMeta(z, slug);
        const parent = meta.parent_objects.length === 1 ? meta.parent_objects[0] : undefined;
        scope = { list: slug, list_id: meta.list_id, ...(parent ? { parent_object: parent } : {}) };
      }
      return { filter: { $and: [{ field: `id.${key}`, operator: 'equals', value: scope[key] as string }] }, scope };
    },
    accepts: (event, scope) => !scope[key] || event.id[key] === scope[key],
  };
}

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

  /**
   * One delivery. A missing or wrong signature halts (shown as "halted" with the reason; nothing runs, the
   * Zap is not paused). Events of another type or not for this Zap are skipped before any request; events
   * already passed on are dropped; the rest are hydrated concurrently and claimed in z.cache only once
   * every hydration succeeded, so a retried failure loses nothing.
   */
  const perform = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const received = receive(z, bundle, source, (event, sub) => source.accepts?.(event, scopeOf(sub)) ?? true);
    if (!received.events.length) return [];
    const scope = scopeOf(received.sub);
    const fresh = await freshEvents(z, received, source.dedupeBy === 'message' ? 'delivery' : 'ids');
    const items = await Promise.all(fresh.map(([, event]) => source.hydrate(z, event, scope, received.sub.id)));
    const claimed = await claimEvents(z, fresh.map(([key], i) => (items[i] ? key : undefined)));
    return items.filter((item, i): item is FlatRecord => item !== null && claimed[i] === true);
  };

  /** The editor's "test trigger": the newest items, through the same mapper as perform. */
  const performList = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => source.recent(z, bundle.inputData);

  // The bundle of every hook step may hold the signing secret (subscribeData): see src/zapier/secrets.ts.
  return {
    performSubscribe: guardSecrets(performSubscribe),
    performUnsubscribe: guardSecrets(performUnsubscribe),
    perform: guardSecrets(perform),
    performList: guardSecrets(performList),
  };
}

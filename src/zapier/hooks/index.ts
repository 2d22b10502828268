// REST-hook plumbing shared by the instant triggers: subscribe one Attio event type filtered on the
// chosen object or list, then for each delivery verify its signature, drop redeliveries, and hydrate
// every event (Attio sends IDs only) through the same mapper performList uses. The pieces (subscribe,
// receive, fresh) are exported for triggers that treat events differently (the change triggers in
// changes.ts coalesce them per record).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteWebhook } from '../../attio/endpoints';
import { createWebhookHealing } from './heal';
import { alreadySeen, claim, dedupeKey } from './dedupe';
import { chosenValue } from '../../values/parse';
import type { FlatRecord } from '../../values/read';
import { guardSecrets } from '../secrets';
import { headerValue, verifyAttioSignature } from './signature';
import type { AttioWebhookEvent, AttioWebhookSubscription } from '../../attio/types';

/** One condition of an Attio webhook filter: a path into the event payload equals (or not) a string. */
export interface WebhookCondition {
  field: string;
  operator: 'equals' | 'not_equals';
  value: string;
}

/** What subscribing needs to know about the chosen object or list. */
export interface ResolvedScope {
  /** The object's or list's UUID: Attio webhook filters compare IDs, not slugs. */
  id: string;
  /**
   * Narrower alternatives, each ANDed with the scope in a subscription of its own (Attio's filters are one
   * level deep: `$and` or `$or`, not both), e.g. one per watched attribute. None: the scope alone.
   */
  narrow?: WebhookCondition[][];
  /** More to keep in subscribeData for perform (flat text). */
  data?: Record<string, string>;
  /** Keep the webhook's `created_at` (Attio's clock, as its values' `active_from`) under this subscribeData key. */
  createdAtKey?: string;
}

/** What differs between the record and the list-entry triggers. */
export interface HookSource {
  /** The input field holding the chosen object or list (a slug); also its key in subscribeData. */
  input: 'object' | 'list';
  /** Label of that input, for messages. */
  inputLabel: string;
  /** The key in each event's `id` naming the object or list; also the subscribeData key of its UUID. */
  scopeKey: 'object_id' | 'list_id';
  eventType: string;
  /**
   * How a redelivery is recognised. `ids` (default): the event's ids name the change itself (a record is
   * created once), so any second message about it is dropped. `delivery`: the ids name only the thing
   * changed (a record is updated many times), so only a retry of the same message (Idempotency-Key) is.
   */
  dedupeBy?: 'ids' | 'delivery';
  /** Slug → UUID (and any narrower filters). One request. */
  resolve(z: ZObject, slug: string, bundle: Bundle): Promise<string | ResolvedScope>;
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
  /** Whatever else the trigger kept (ResolvedScope.data). */
  [key: string]: string | undefined;
}

/** bundle.subscribeData is typed `{id: string}`; this reads the rest of what we stored, checked. */
export function subscriptionOf(data: unknown): HookSubscription | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const id = chosenValue(d.id);
  const secret = chosenValue(d.secret);
  if (!id || !secret) return undefined;
  const sub: HookSubscription = { id, secret };
  for (const [key, value] of Object.entries(d)) {
    const v = chosenValue(value);
    if (v && key !== 'id' && key !== 'secret') sub[key] = v;
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

/** What subscribing and receiving need to know about a trigger. */
export type HookScope = Pick<HookSource, 'input' | 'inputLabel' | 'scopeKey' | 'eventType' | 'dedupeBy'>;

/** The chosen object or list (a slug), or an error naming the empty field. */
export function chosenScope(z: ZObject, bundle: Bundle, scope: Pick<HookSource, 'input' | 'inputLabel'>): string {
  const slug = chosenValue(bundle.inputData[scope.input]);
  if (!slug) throw new z.errors.Error(`Choose the ${scope.inputLabel} to watch: the ${scope.inputLabel} field is empty.`, 'missing_input');
  return slug;
}

/**
 * performSubscribe: POST /v2/webhooks with one subscription filtered on the chosen object's or list's UUID
 * (or one per narrower alternative, in the same webhook). 2 requests with the resolve (more only to heal an
 * orphan a lost answer left: see heal.ts).
 */
export function makeSubscribe(scope: HookScope, resolve: HookSource['resolve']) {
  return async (z: ZObject, bundle: Bundle): Promise<HookSubscription> => {
    const slug = chosenScope(z, bundle, scope);
    if (!bundle.targetUrl) throw new z.errors.Error('Zapier did not provide a webhook URL to subscribe; turn the Zap on again.', 'missing_target_url');
    const resolved = await resolve(z, slug, bundle);
    const { id: uuid, narrow = [], data = {}, createdAtKey } = typeof resolved === 'string' ? { id: resolved } : resolved;
    const base: WebhookCondition = { field: `id.${scope.scopeKey}`, operator: 'equals', value: uuid };
    const filters = narrow.length ? narrow.map((conditions) => [base, ...conditions]) : [[base]];
    const subscriptions: AttioWebhookSubscription[] = filters.map((conditions) => ({ event_type: scope.eventType, filter: { $and: conditions } }));
    const hook = await createWebhookHealing(z, bundle.targetUrl, subscriptions);
    if (!hook.secret) {
      // Without the secret no delivery could be verified: undo, rather than leave a webhook we would ignore.
      await deleteWebhook(z, hook.id.webhook_id);
      throw new z.errors.Error('Attio created the webhook without a signing secret, so its events could not be verified. Try turning the Zap on again.', 'missing_webhook_secret');
    }
    // The secret is shown by Attio only now: keep it for perform, which verifies every delivery with it.
    const created = createdAtKey && hook.created_at ? { [createdAtKey]: hook.created_at } : {};
    return { ...data, ...created, id: hook.id.webhook_id, secret: hook.secret, [scope.input]: slug, [scope.scopeKey]: uuid };
  };
}

/** performUnsubscribe: DELETE /v2/webhooks/{id}; already gone (404) is fine. */
export async function performUnsubscribe(z: ZObject, bundle: Bundle): Promise<Record<string, never>> {
  const id = chosenValue((bundle.subscribeData as { id?: unknown } | undefined)?.id);
  if (id) await deleteWebhook(z, id);
  return {};
}

/** A delivery whose signature checked out: its subscription and the events this trigger wants. */
export interface Received {
  sub: HookSubscription;
  events: AttioWebhookEvent[];
  /** The delivery's Idempotency-Key (the same across Attio's retries of one message). */
  idempotencyKey: string | undefined;
}

/**
 * Verifies a delivery and picks its events. A missing or wrong signature halts (the run shows as "halted"
 * with the reason in the Zap history; no step runs, nothing is charged, the Zap is not paused). Events of
 * another type, object or list are skipped.
 */
export function receive(
  z: ZObject,
  bundle: Bundle,
  scope: Pick<HookScope, 'eventType'> & Partial<Pick<HookScope, 'scopeKey'>>,
  accepts?: (event: AttioWebhookEvent, sub: HookSubscription) => boolean,
): Received {
  const sub = subscriptionOf(bundle.subscribeData);
  if (!sub) {
    throw new z.errors.HaltedError(`Ignored an Attio webhook delivery: this Zap has no signing secret to verify it with. ${RESUBSCRIBE}`);
  }
  const check = verifyAttioSignature(bundle.rawRequest, sub.secret);
  if (check !== 'valid') {
    const why = check === 'missing' ? 'it carries no Attio-Signature header' : "its Attio-Signature does not match the signing secret of this Zap's subscription";
    throw new z.errors.HaltedError(`Ignored a webhook delivery that Attio did not sign for this Zap: ${why}. ${RESUBSCRIBE}`);
  }
  const idempotencyKey = headerValue(bundle.rawRequest?.headers, 'Idempotency-Key');
  const raw = eventsOf(bundle.rawRequest?.content);
  if (!raw) {
    z.console.log('Attio webhook delivery without an events array: nothing to do.');
    return { sub, events: [], idempotencyKey };
  }
  const scopeId = scope.scopeKey ? sub[scope.scopeKey] : undefined;
  const events = raw.filter(
    (e): e is AttioWebhookEvent =>
      isEvent(e) &&
      e.event_type === scope.eventType &&
      (!scope.scopeKey || !scopeId || e.id[scope.scopeKey] === scopeId) &&
      (accepts?.(e, sub) ?? true),
  );
  if (events.length < raw.length) {
    z.console.log(`Skipped ${raw.length - events.length} event(s) of another type, ${accepts ? 'or not for this Zap' : 'object or list'}.`);
  }
  return { sub, events, idempotencyKey };
}

/** An event with its dedupe key (undefined: nothing identifies it, so it is never dropped). */
export type KeyedEvent = [key: string | undefined, event: AttioWebhookEvent];

/**
 * The events not yet passed on: the same event twice in one delivery counts once, and events whose key is
 * in z.cache are dropped (Attio redelivery). Nothing is claimed here: call claimEvents once the work
 * succeeded, so a failure retried by Zapier loses nothing.
 */
export async function freshEvents(z: ZObject, received: Received, dedupeBy: HookSource['dedupeBy'] = 'ids'): Promise<KeyedEvent[]> {
  const { sub, idempotencyKey } = received;
  const byKey = new Map<string, KeyedEvent>();
  received.events.forEach((event, i) => {
    const key = dedupeKey({ webhookId: sub.id, idempotencyKey, eventType: event.event_type, eventIds: event.id, by: dedupeBy });
    byKey.set(key ?? `unkeyed:${i}`, [key, event]);
  });
  const unique = [...byKey.values()];
  const seen = await Promise.all(unique.map(([key]) => (key ? alreadySeen(z, key) : Promise.resolve(false))));
  const fresh = unique.filter((_, i) => !seen[i]);
  if (fresh.length < unique.length) z.console.log(`Dropped ${unique.length - fresh.length} event(s) already passed on (Attio redelivery).`);
  return fresh;
}

/** Claims each key; true for those this invocation may pass on (false: a racing delivery holds it). */
export async function claimEvents(z: ZObject, keys: ReadonlyArray<string | undefined>): Promise<boolean[]> {
  return Promise.all(keys.map((key) => (key ? claim(z, key) : Promise.resolve(true))));
}

/** Builds performSubscribe, performUnsubscribe, perform and performList for one event source. */
export function makeHookOperations(source: HookSource) {
  const performSubscribe = makeSubscribe(source, source.resolve);

  /**
   * One delivery: verified, filtered, deduped; the rest hydrated concurrently and claimed in z.cache only
   * once every hydration succeeded, so a retried failure loses nothing.
   */
  const perform = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const received = receive(z, bundle, source);
    if (!received.events.length) return [];
    const fresh = await freshEvents(z, received, source.dedupeBy);
    const { sub } = received;
    const slug = sub[source.input] ?? chosenValue(bundle.inputData[source.input]) ?? sub[source.scopeKey] ?? '';
    const items = await Promise.all(fresh.map(([, event]) => source.hydrate(z, event, slug)));
    const claimed = await claimEvents(z, fresh.map(([key], i) => (items[i] ? key : undefined)));
    return items.filter((item, i): item is FlatRecord => item !== null && claimed[i] === true);
  };

  /** The editor's "test trigger": the newest items, through the same mapper as perform. */
  const performList = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => source.recent(z, chosenScope(z, bundle, source));

  // The bundle of every hook step may hold the signing secret (subscribeData): see src/zapier/secrets.ts.
  return {
    performSubscribe: guardSecrets(performSubscribe),
    performUnsubscribe: guardSecrets(performUnsubscribe),
    perform: guardSecrets(perform),
    performList: guardSecrets(performList),
  };
}

// Webhooks: subscriptions (POST/GET/DELETE /v2/webhooks) and Attio-style deliveries. Each event
// matching an active webhook's subscription (event_type + $and/$or filter on the event payload) becomes
// one signed delivery: body {webhook_id, events:[event]}, Attio-Signature / X-Attio-Signature = hex
// HMAC-SHA256(secret, raw body), Idempotency-Key the same across redeliveries.
// Every delivery is recorded in `deliveries`. Only loopback targets are actually POSTed to: nothing
// leaves this machine (a hooks.zapier.com target is recorded, never sent).
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Clock, newId } from './clock';
import { invalid, notFound, SandboxError } from './errors';
import type { SandboxEvent } from './rows';
import type { Schema } from './schema';
import type { JsonObject } from './types';

// Type aliases (not interfaces) so they serialise as JsonObject.
export type WebhookCondition = {
  field: string;
  operator: 'equals' | 'not_equals';
  value: string;
};

export type WebhookFilter = { $and: WebhookCondition[] } | { $or: WebhookCondition[] } | null;

export type WebhookSubscription = {
  event_type: string;
  filter: WebhookFilter;
};

export interface WebhookRow {
  id: string;
  targetUrl: string;
  subscriptions: WebhookSubscription[];
  status: 'active' | 'degraded' | 'inactive';
  createdAt: string;
  secret: string;
}

export interface WebhookDelivery {
  /** This attempt's id (pass it to `redeliver`). */
  id: string;
  /** The message's Idempotency-Key: shared by the first attempt and every redelivery. */
  messageId: string;
  webhookId: string;
  targetUrl: string;
  eventType: string;
  /** The raw request body, exactly as signed. */
  body: string;
  payload: { webhook_id: string; events: SandboxEvent[] };
  headers: Record<string, string>;
  /** 1 for the first delivery, then 2, 3… for retries and redeliveries. */
  attempt: number;
  createdAt: string;
  /** recorded: not sent (non-loopback target); pending: being POSTed; delivered: 2xx; failed: anything else. */
  outcome: 'recorded' | 'pending' | 'delivered' | 'failed';
  responseStatus?: number;
  error?: string;
}

/** Sends one delivery somewhere and returns the HTTP status of the answer. */
export type WebhookTransport = (delivery: WebhookDelivery) => Promise<number>;

export interface WebhookOptions {
  /** Replaces the built-in loopback POST for every delivery (e.g. to feed the app in-process). */
  transport?: WebhookTransport;
  /** POST deliveries whose target is 127.0.0.1/localhost/::1 (default true). */
  deliverToLoopback?: boolean;
  /** Retries of a failed loopback delivery: attempts in all (default 3), first delay (default 200 ms, doubling). */
  retry?: { attempts?: number; delayMs?: number };
}

/** Attio's signature: hex HMAC-SHA256 of the raw body, keyed by the webhook's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function readPath(event: SandboxEvent, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), event);
}

export function filterMatches(filter: WebhookFilter, event: SandboxEvent): boolean {
  if (!filter) return true;
  const test = (c: WebhookCondition): boolean => {
    const actual = readPath(event, c.field);
    const equal = actual !== undefined && actual !== null && String(actual) === c.value;
    return c.operator === 'equals' ? equal : !equal;
  };
  return '$and' in filter ? filter.$and.every(test) : filter.$or.some(test);
}

function post(delivery: WebhookDelivery, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(delivery.targetUrl);
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      {
        method: 'POST',
        headers: { ...delivery.headers, 'Content-Length': String(Buffer.byteLength(delivery.body)) },
        // Loopback only: a local receiver may use a self-signed certificate.
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(delivery.body);
  });
}

export class WebhookHub {
  readonly webhooks = new Map<string, WebhookRow>();
  readonly deliveries: WebhookDelivery[] = [];
  private waiters: Array<{ match: (d: WebhookDelivery) => boolean; resolve: (d: WebhookDelivery) => void }> = [];
  private timers = new Set<NodeJS.Timeout>();
  private inflight = new Set<Promise<void>>();

  constructor(
    private readonly schema: Schema,
    private readonly clock: Clock,
    private readonly options: WebhookOptions = {},
  ) {}

  reset(): void {
    this.webhooks.clear();
    this.deliveries.length = 0;
    this.close();
  }

  /** Cancels pending retries. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Waits for in-flight POSTs to finish. */
  async settle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  json(row: WebhookRow, withSecret = false): JsonObject {
    const out: JsonObject = {
      target_url: row.targetUrl,
      subscriptions: structuredClone(row.subscriptions),
      id: { workspace_id: this.schema.workspace.id, webhook_id: row.id },
      status: row.status,
      created_at: row.createdAt,
    };
    if (withSecret) out.secret = row.secret;
    return out;
  }

  private checkSubscriptions(subscriptions: WebhookSubscription[]): void {
    for (const s of subscriptions) {
      const conditions = s.filter ? ('$and' in s.filter ? s.filter.$and : s.filter.$or) : [];
      for (const c of conditions) {
        // Filters compare IDs: a list or object named by its slug is not found (events carry UUIDs only,
        // so a slug there could never match anyway).
        if (c.field === 'id.list_id' && this.schema.list(c.value)?.id !== c.value) throw invalid('Related list not found');
        if ((c.field === 'id.object_id' || c.field === 'parent_object_id') && this.schema.object(c.value)?.id !== c.value) {
          throw invalid('Related object not found');
        }
      }
    }
  }

  private checkDuplicate(targetUrl: string, subscriptions: WebhookSubscription[]): void {
    const key = (s: WebhookSubscription) => `${s.event_type} ${JSON.stringify(s.filter)}`;
    for (const w of this.webhooks.values()) {
      if (w.targetUrl !== targetUrl) continue;
      const existing = new Set(w.subscriptions.map(key));
      if (subscriptions.some((s) => existing.has(key(s)))) {
        throw new SandboxError(409, 'invalid_request_error', 'uniqueness_conflict', 'A webhook with the same target URL, event type and filter already exists.');
      }
    }
  }

  create(targetUrl: string, subscriptions: WebhookSubscription[]): WebhookRow {
    this.checkSubscriptions(subscriptions);
    this.checkDuplicate(targetUrl, subscriptions);
    const row: WebhookRow = {
      id: newId(),
      targetUrl,
      subscriptions: structuredClone(subscriptions),
      status: 'active',
      createdAt: this.clock.timestamp(),
      secret: crypto.randomBytes(32).toString('hex'),
    };
    this.webhooks.set(row.id, row);
    return row;
  }

  get(id: string): WebhookRow {
    const row = this.webhooks.get(id);
    if (!row) throw notFound(`Webhook with ID "${id}" was not found.`);
    return row;
  }

  delete(id: string): void {
    if (!this.webhooks.delete(id)) throw notFound('Webhook not found');
  }

  /** Turns one event into deliveries for every webhook subscribed to it. */
  handle(event: SandboxEvent): void {
    for (const w of this.webhooks.values()) {
      if (w.status === 'inactive') continue;
      if (!w.subscriptions.some((s) => s.event_type === event.event_type && filterMatches(s.filter, event))) continue;
      const body = JSON.stringify({ webhook_id: w.id, events: [event] });
      const signature = signWebhookBody(w.secret, body);
      const messageId = newId();
      this.dispatch({
        id: newId(),
        messageId,
        webhookId: w.id,
        targetUrl: w.targetUrl,
        eventType: event.event_type,
        body,
        payload: JSON.parse(body) as WebhookDelivery['payload'],
        headers: {
          'Content-Type': 'application/json',
          'Attio-Signature': signature,
          'X-Attio-Signature': signature,
          'Idempotency-Key': messageId,
          'User-Agent': 'Attio 2.0 (https://attio.com/developers/using-webhooks)',
        },
        attempt: 1,
        createdAt: this.clock.timestamp(),
        outcome: 'recorded',
      });
    }
  }

  /** Sends a recorded delivery again: same body, signature and Idempotency-Key, next attempt number. */
  redeliver(deliveryId: string): WebhookDelivery {
    const original = this.deliveries.find((d) => d.id === deliveryId);
    if (!original) throw notFound(`Delivery "${deliveryId}" not found.`);
    const attempt = Math.max(...this.deliveries.filter((d) => d.messageId === original.messageId).map((d) => d.attempt)) + 1;
    return this.dispatch({
      ...original,
      id: newId(),
      payload: structuredClone(original.payload),
      headers: { ...original.headers },
      attempt,
      createdAt: this.clock.timestamp(),
      outcome: 'recorded',
      responseStatus: undefined,
      error: undefined,
    });
  }

  /** The first delivery (already recorded or still to come) that matches. */
  waitForDelivery(match: (d: WebhookDelivery) => boolean = () => true, timeoutMs = 5000): Promise<WebhookDelivery> {
    const found = this.deliveries.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (d: WebhookDelivery) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`No matching webhook delivery within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private dispatch(delivery: WebhookDelivery): WebhookDelivery {
    this.deliveries.push(delivery);
    const ready = this.waiters.filter((w) => w.match(delivery));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => w.resolve(delivery));

    const transport: WebhookTransport | undefined =
      this.options.transport ?? ((this.options.deliverToLoopback ?? true) && isLoopbackUrl(delivery.targetUrl) ? (d) => post(d, 5000) : undefined);
    if (!transport) return delivery;
    delivery.outcome = 'pending';
    const sending = transport(delivery)
      .then((status) => {
        delivery.responseStatus = status;
        delivery.outcome = status >= 200 && status < 300 ? 'delivered' : 'failed';
      })
      .catch((err: unknown) => {
        delivery.outcome = 'failed';
        delivery.error = err instanceof Error ? err.message : String(err);
      })
      .then(() => {
        this.inflight.delete(sending);
        if (delivery.outcome === 'failed') this.scheduleRetry(delivery);
      });
    this.inflight.add(sending);
    return delivery;
  }

  /** Attio retries failed deliveries with exponential back-off (over days; here, milliseconds). */
  private scheduleRetry(failed: WebhookDelivery): void {
    const attempts = this.options.retry?.attempts ?? 3;
    if (failed.attempt >= attempts || !this.webhooks.has(failed.webhookId)) return;
    const delay = (this.options.retry?.delayMs ?? 200) * 2 ** (failed.attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.webhooks.has(failed.webhookId)) this.redeliver(failed.id);
    }, delay);
    this.timers.add(timer);
  }
}

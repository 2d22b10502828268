// Webhook deliveries as Zapier hands them to a hook trigger's perform: the raw body (what Attio signed),
// headers renamed the way Zapier does (`Attio-Signature` → `Http-Attio-Signature`), the parsed body,
// and the subscribeData performSubscribe stored.
import crypto from 'node:crypto';
import type { Bundle } from 'zapier-platform-core';
import { makeBundle } from './app';

export const WEBHOOK_ID = '00000000-0000-4000-8000-0000000000f1';
export const SECRET = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
export const WORKSPACE_ID = '00000000-0000-4000-8000-0000000000aa';
export const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/123/abc/';

/** Attio's signature: hex HMAC-SHA256 of the raw body, computed here independently of src/. */
export function sign(content: string, secret = SECRET): string {
  return crypto.createHmac('sha256', secret).update(content).digest('hex');
}

export interface DeliveryOptions {
  inputData: Record<string, unknown>;
  subscribeData: Record<string, unknown> | undefined;
  /** The signature header value; default a correct one; null sends no signature header. */
  signature?: string | null;
  /** Default 'idem-1'; null sends no Idempotency-Key header. */
  idempotencyKey?: string | null;
  /** The exact raw body, when it must differ from JSON.stringify(body). */
  content?: string;
}

/** A signed delivery of `body` (`{webhook_id, events}`), as a hook perform bundle. */
export function delivery(body: { webhook_id?: string; events: unknown[] }, opts: DeliveryOptions): Partial<Bundle> {
  const content = opts.content ?? JSON.stringify(body);
  const signature = opts.signature === undefined ? sign(content) : opts.signature;
  const idempotencyKey = opts.idempotencyKey === undefined ? 'idem-1' : opts.idempotencyKey;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Http-User-Agent': 'Attio 2.0' };
  if (signature !== null) {
    headers['Http-Attio-Signature'] = signature;
    headers['Http-X-Attio-Signature'] = signature;
  }
  if (idempotencyKey !== null) headers['Http-Idempotency-Key'] = idempotencyKey;
  return makeBundle({
    inputData: opts.inputData,
    subscribeData: opts.subscribeData as Bundle['subscribeData'],
    rawRequest: { method: 'POST', querystring: '', headers, content },
    cleanedRequest: JSON.parse(content) as unknown,
  });
}

/** A webhook as POST /v2/webhooks answers (the secret is only in this response; null leaves it out). */
export function webhookResponse(subscriptions: unknown[], secret: string | null = SECRET) {
  return {
    data: {
      target_url: TARGET_URL,
      subscriptions,
      id: { workspace_id: WORKSPACE_ID, webhook_id: WEBHOOK_ID },
      status: 'active',
      created_at: '2025-01-15T10:30:00.061281000Z',
      ...(secret === null ? {} : { secret }),
    },
  };
}

/** The keys a Zap builder sees, nested objects flattened as Zapier does (`parent__name`), sorted. */
export function fieldKeys(item: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(item)
    .flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v) ? fieldKeys(v as Record<string, unknown>, `${prefix}${k}__`) : [`${prefix}${k}`],
    )
    .sort();
}

// Flow 3, Attio → Zap: turning a "New Record" Zap on subscribes a webhook; a company created in Attio
// becomes a signed delivery, which the trigger verifies and hydrates into the full record. A forged
// delivery is refused, a redelivery (Attio retries) is dropped, and turning the Zap off unsubscribes.
// One runner (so one z.cache) for the whole flow: the redelivery check depends on what perform remembered.
import { signWebhookBody, type Sandbox, type WebhookDelivery } from '../../sandbox/server';
import { asItem, asItems, errorMessage, errorName, failure, FlowReport, isItem, text, type BundleInput, type FlowContext, type FlowResult, type Item } from './harness';

export const WEBHOOK_TITLE = 'Attio → Zap: new_record webhook (subscribe, deliver, verify, dedupe, unsubscribe)';

/** A Zapier hook URL. Not loopback, so the sandbox records the delivery and never sends it anywhere. */
export const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1234567/abcdef/';
const OBJECT = 'companies';
const INPUT = { object: OBJECT };
const WAIT_MS = 5_000;

/**
 * A delivery as Zapier hands it to the trigger: inbound header names get an `Http-` prefix (Content-Type
 * excepted), the raw body is kept byte for byte (the signature covers it), and the parsed body.
 */
export function hookBundle(
  delivery: Pick<WebhookDelivery, 'headers' | 'body'>,
  subscribeData: Item,
  inputData: Record<string, unknown>,
  content = delivery.body,
): BundleInput {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase() === 'content-type' ? name : `Http-${name}`, value]),
  );
  return {
    inputData,
    subscribeData,
    rawRequest: { method: 'POST', querystring: '', headers, content },
    cleanedRequest: JSON.parse(content) as unknown,
  };
}

/** The same delivery with another record id in the body but the original signature: what a forger sends. */
function tampered(delivery: WebhookDelivery, otherRecordId: string): string {
  const recordId = delivery.payload.events[0]?.id.record_id;
  return recordId ? delivery.body.split(recordId).join(otherRecordId) : `${delivery.body} `;
}

function subscription(sandbox: Sandbox): string {
  const hooks = sandbox.webhooks();
  const hook = hooks[0];
  const sub = Array.isArray(hook?.subscriptions) ? hook.subscriptions[0] : undefined;
  const eventType = isItem(sub) ? String(sub.event_type) : 'none';
  return `${hooks.length} webhook(s), ${eventType} → ${String(hook?.target_url)}`;
}

async function subscribe(ctx: FlowContext, report: FlowReport): Promise<Item> {
  const data = asItem(
    await ctx.invoke('triggers', 'new_record', 'performSubscribe', { inputData: INPUT, targetUrl: TARGET_URL }),
    'new_record performSubscribe',
  );
  const hooks = ctx.sandbox.webhooks();
  report.expect(
    'subscribe creates one webhook for companies, secret kept for verification',
    hooks.length === 1 && hooks[0]?.target_url === TARGET_URL && typeof data.secret === 'string' && text(data, 'object_id') === ctx.sandbox.schema.object(OBJECT)?.id,
    subscription(ctx.sandbox),
  );
  return data;
}

/** The genuine delivery → one hydrated record, with the fields a Zap builder maps. */
async function deliver(ctx: FlowContext, report: FlowReport, delivery: WebhookDelivery, data: Item, recordId: string): Promise<void> {
  const items = asItems(await ctx.invoke('triggers', 'new_record', 'perform', hookBundle(delivery, data, INPUT)), 'new_record perform');
  const item = items[0];
  report.expect(
    'the signed delivery gives one hydrated record',
    items.length === 1 && text(item, 'id') === recordId && text(item, 'name') === 'Globex Corporation' && text(item, 'domain') === 'globex.example' && !!text(item, 'web_url'),
    item ? `${text(item, 'name')} (${text(item, 'domain')}), ${text(item, 'web_url')}` : `${items.length} items`,
  );
  const listed = asItems(await ctx.invoke('triggers', 'new_record', 'performList', { inputData: INPUT }), 'new_record performList');
  const keys = (i: Item | undefined) => Object.keys(i ?? {}).sort().join(',');
  report.expect('the editor\'s "test trigger" (performList) gives the same fields', keys(listed[0]) === keys(item), `${Object.keys(item ?? {}).length} fields each`);
}

/** Two forgeries: a tampered body under the genuine signature, and a genuine body signed with another key. */
async function forge(ctx: FlowContext, report: FlowReport, delivery: WebhookDelivery, data: Item, otherRecordId: string): Promise<void> {
  const tamperedErr = await failure(ctx.invoke('triggers', 'new_record', 'perform', hookBundle(delivery, data, INPUT, tampered(delivery, otherRecordId))));
  const wrongKey = { ...delivery, headers: { ...delivery.headers, 'Attio-Signature': signWebhookBody('a-forger-s-secret', delivery.body), 'X-Attio-Signature': signWebhookBody('a-forger-s-secret', delivery.body) } };
  const wrongKeyErr = await failure(ctx.invoke('triggers', 'new_record', 'perform', hookBundle(wrongKey, data, INPUT)));
  report.expect(
    'forged deliveries are refused (HaltedError)',
    errorName(tamperedErr) === 'HaltedError' && errorName(wrongKeyErr) === 'HaltedError',
    `tampered body: ${errorName(tamperedErr)}; wrong key: ${errorName(wrongKeyErr)}${tamperedErr ? ` ("${errorMessage(tamperedErr).split(':')[0]}")` : ''}`,
  );
}

async function redeliver(ctx: FlowContext, report: FlowReport, delivery: WebhookDelivery, data: Item): Promise<void> {
  const again = ctx.sandbox.redeliver(delivery.id);
  const items = asItems(await ctx.invoke('triggers', 'new_record', 'perform', hookBundle(again, data, INPUT)), 'new_record perform (redelivery)');
  report.expect(
    'a redelivery of the same event is dropped',
    items.length === 0,
    `attempt ${again.attempt} → ${items.length} item(s)`,
  );
}

async function unsubscribe(ctx: FlowContext, report: FlowReport, data: Item): Promise<void> {
  await ctx.invoke('triggers', 'new_record', 'performUnsubscribe', { inputData: INPUT, subscribeData: data });
  const left = ctx.sandbox.webhooks().length;
  report.expect('unsubscribe deletes the webhook', left === 0, `${left} webhook(s) left`);
}

export async function attioToZap(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(WEBHOOK_TITLE);
  ctx.sandbox.reset();
  try {
    const data = await subscribe(ctx, report);
    // As if someone added the company in Attio's UI.
    const other = ctx.sandbox.createRecord(OBJECT, { domains: ['initech.example'], name: ['Initech'] }).id.record_id;
    const created = ctx.sandbox.createRecord(OBJECT, { domains: ['globex.example'], name: ['Globex Corporation'] });
    const recordId = created.id.record_id;
    const delivery = await ctx.sandbox.waitForDelivery((d) => d.payload.events.some((e) => e.id.record_id === recordId), WAIT_MS);
    report.figure('delivery', `${delivery.eventType}, ${delivery.body.length} bytes, signed (HMAC-SHA256)`);
    await deliver(ctx, report, delivery, data, recordId);
    await forge(ctx, report, delivery, data, other);
    await redeliver(ctx, report, delivery, data);
    await unsubscribe(ctx, report, data);
  } catch (err) {
    report.expect('the flow ran without error', false, errorMessage(err));
  }
  report.figure('Attio requests', String(ctx.sandbox.counterSnapshot().total));
  return report.done();
}

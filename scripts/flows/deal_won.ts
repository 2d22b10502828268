// Flow 5, Attio change → Zap, without loops: an "Updated Record" Zap watches the stage and value of deals.
// A member moves a deal from Demo booked to Won in Attio: one run, whose Slack message says "Deal stage:
// Demo booked → Won 🎉" and who did it. The Zap then writes back to the very same deal through this
// connection (Update Record): Attio sends that change too, and it starts no run. Nor does Attio's own
// recompute of the value, nor an edit of an attribute the Zap does not watch (Attio does not even send it).
// One runner (one z.cache) for the whole flow, as one Zap.
import type { WebhookDelivery } from '../../sandbox/server';
import { hookBundle } from './attio_to_zap';
import { asItem, asItems, errorMessage, FlowReport, text, type FlowContext, type FlowResult, type Item } from './harness';

export const DEAL_WON_TITLE = 'Attio change → Zap: a deal moved to Won, written back to, recomputed and renamed (one run, no loop)';

const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1234567/dealwon/';
const INPUT = { object: 'deals', attributes: ['stage', 'value'] };
const WAIT_MS = 5_000;

/** What the Zap's Slack step would post for a run: one line per changed attribute. */
export function slackMessage(run: Item | undefined): string {
  const changes = Array.isArray(run?.changes) ? (run.changes as Item[]) : [];
  return changes.map((c) => `${text(c, 'title')}: ${text(c, 'previous') ?? '(empty)'} → ${text(c, 'current') ?? '(empty)'}`).join('\n');
}

export async function dealWon(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(DEAL_WON_TITLE);
  const { sandbox } = ctx;
  sandbox.reset();
  const perform = async (delivery: WebhookDelivery, data: Item) => {
    sandbox.resetCounters();
    const items = asItems(await ctx.invoke('triggers', 'updated_record', 'perform', hookBundle(delivery, data, INPUT)), 'updated_record perform');
    return { items, requests: sandbox.counterSnapshot().total };
  };
  try {
    sandbox.resetCounters();
    const data = asItem(await ctx.invoke('triggers', 'updated_record', 'performSubscribe', { inputData: INPUT, targetUrl: TARGET_URL }), 'updated_record performSubscribe');
    const hook = sandbox.webhooks()[0];
    const subs = Array.isArray(hook?.subscriptions) ? (hook.subscriptions as Item[]) : [];
    report.expect(
      'turning the Zap on subscribes record.updated on deals, one subscription per watched attribute (2 requests)',
      subs.length === 2 && JSON.stringify(subs).includes('id.attribute_id') && sandbox.counterSnapshot().total === 2,
      `${subs.length} subscriptions (object AND attribute), ${sandbox.counterSnapshot().total} requests`,
    );
    const ofThisZap = (recordId: string) => sandbox.deliveries.filter((d) => d.webhookId === data.id && d.payload.events.some((e) => e.id.record_id === recordId));
    const next = async (recordId: string, seen: number) => {
      await sandbox.waitForDelivery(() => ofThisZap(recordId).length > seen, WAIT_MS);
      return ofThisZap(recordId)[seen] as WebhookDelivery;
    };

    const deal = sandbox.createRecord('deals', { name: ['Acme renewal'], stage: ['Demo booked'], owner: ['alice@example.com'], value: [12000] }).id.record_id;

    // 1. Alice moves the deal to Won in Attio.
    sandbox.updateRecord('deals', deal, { stage: ['Won 🎉'] });
    const won = await next(deal, 0);
    const first = await perform(won, data);
    const run = first.items[0];
    report.expect(
      'a member moving the deal to Won starts one run saying what changed, from what, and who did it',
      first.items.length === 1 && slackMessage(run) === 'Deal stage: Demo booked → Won 🎉' && /alice@example\.com/.test(text(run, 'changed_by') ?? ''),
      `Slack: "${slackMessage(run)}" — by ${text(run, 'changed_by')}, ${first.requests} requests (the record and the stage history at once, plus the member list on a first run)`,
    );

    // 2. The Zap's next step writes back to the same deal, through this connection.
    await ctx.invoke('creates', 'update_record', 'perform', { inputData: { object: 'deals', record_id: deal, values__value: 12500 } });
    const writeBack = await perform(await next(deal, 1), data);
    report.expect(
      "the Zap's own write-back to the same deal starts no run (no loop)",
      writeBack.items.length === 0,
      `${writeBack.items.length} runs; ${writeBack.requests} request(s): GET /v2/self, once per connection, to know its own actor`,
    );

    // 3. Attio recomputes the deal's value (same value, written again by the system).
    await sandbox.recompute({ object: 'deals', record_id: deal }, 'value');
    const recompute = await perform(await next(deal, 2), data);
    report.expect('a formula recompute by Attio starts no run', recompute.items.length === 0, `${recompute.items.length} runs, ${recompute.requests} requests`);

    // 4. Someone renames the deal: not a watched attribute.
    const before = ofThisZap(deal).length;
    sandbox.updateRecord('deals', deal, { name: ['Acme renewal 2027'] });
    await sandbox.settleDeliveries();
    const after = ofThisZap(deal).length;
    report.expect('an edit of an unwatched attribute starts no run (Attio does not send it)', after === before, `${after - before} deliveries to this Zap`);

    // 5. Attio redelivers the Won message: dropped.
    const again = await perform(sandbox.redeliver(won.id), data);
    report.expect('a redelivery of the Won message is dropped', again.items.length === 0, `${again.items.length} runs, ${again.requests} requests`);

    const listed = asItems(await ctx.invoke('triggers', 'updated_record', 'performList', { inputData: INPUT }), 'updated_record performList');
    const keys = (i: Item | undefined) => Object.keys(i ?? {}).sort().join(',');
    report.expect('the editor\'s "test trigger" gives the same fields as the run', keys(listed[0]) === keys(run), `${Object.keys(run ?? {}).length} fields each`);
    report.figure('requests per event', `member change ${first.requests} (first run), write-back ${writeBack.requests}, recompute ${recompute.requests}, redelivery ${again.requests}`);
    await ctx.invoke('triggers', 'updated_record', 'performUnsubscribe', { inputData: INPUT, subscribeData: data });
  } catch (err) {
    report.expect('the flow ran without error', false, errorMessage(err));
  }
  return report.done();
}

// Updated Record with Changed To, when the chosen status was entered and left before the run read the record:
// a deal moved to Won and on to Handover at once (an Attio workflow), or two quick edits. The run reads the
// deal as it is (Handover), so the Won stay is found in the value history it reads anyway, and passed on
// once: not again for a redelivery, another event of the same burst or a racing invocation, never for a
// stay older than what this Zap last looked at or than the subscription, never for an ignored writer.
jest.mock('zapier-platform-core/src/tools/create-cache', () => require('../helpers/nx_cache').atomicNxCache());

import * as cache from '../../src/attio/cache';
import { perform, performSubscribe } from '../../src/triggers/updated_record';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { resetNxLog } from '../helpers/nx_cache';
import { delivery, fieldKeys, SECRET, TARGET_URL, WEBHOOK_ID, webhookResponse } from '../helpers/webhook';
import { APP, DEAL_1, DEAL_2, DEAL_ATTRIBUTES, DEALS_ID, deal, DEMO_BOOKED, LOST, MEMBER, SELF, STAGE, stageValue, SYSTEM, T0, T1, T2, updated, WON, WON_RUN } from '../fixtures/deals';
import { mockMember } from '../fixtures/members';

const HANDOVER = '00000000-0000-4000-8000-00000005e005';
/** Five seconds after T2: the workflow moves the Won deal on to Handover. */
const T3 = '2025-02-03T16:20:05.000000000Z';
/** Between T1 and T2: when the Zap was turned on (the webhook's created_at). */
const SUBSCRIBED = '2025-02-02T08:00:00.000000000Z';

const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, object: 'deals', object_id: DEALS_ID, attribute_ids: STAGE, subscribed_at: SUBSCRIBED };
const WON_ONLY = { object: 'deals', attributes: ['stage'], changed_to: [WON] };

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: WON_ONLY, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const recordPath = `/v2/objects/${DEALS_ID}/records/${DEAL_1}`;
const historyPath = `/v2/objects/${DEALS_ID}/records/${DEAL_1}/attributes/${STAGE}/values`;
const catalog = () => attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: DEAL_ATTRIBUTES });
const handedOver = () => attio().get(recordPath).reply(200, { data: deal(DEAL_1, { stage: [HANDOVER, 'Handover'], stageFrom: T3 }) });
const history = (values: unknown[]) => attio().get(historyPath).query({ show_historic: 'true' }).reply(200, { data: values });

/** Demo booked, then Won by Ada at T2, then Handover at T3 by Attio's workflow (the system actor). */
const wonThenHandover = (wonBy = MEMBER) => [
  stageValue(DEMO_BOOKED, 'Demo booked', T0, T2),
  stageValue(WON, 'Won', T2, T3, wonBy),
  stageValue(HANDOVER, 'Handover', T3, null, SYSTEM),
];

/** A missed Won reads as the Won run of updated_record.test.ts: same transition, writer and time. */
const MISSED_WON = WON_RUN;

beforeEach(() => resetNxLog());

describe('triggers.updated_record: a chosen status entered and left before the run looked', () => {
  it('keeps when the Zap was turned on (the webhook\'s created_at, on Attio\'s clock) when Changed To is set', async () => {
    const sub = {
      event_type: 'record.updated',
      filter: { $and: [{ field: 'id.object_id', operator: 'equals', value: DEALS_ID }, { field: 'id.attribute_id', operator: 'equals', value: STAGE }] },
    };
    attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
    attio().post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [sub] } }).reply(200, webhookResponse([sub]));
    const result = await appTester(performSubscribe, makeBundle({ inputData: WON_ONLY, targetUrl: TARGET_URL }));
    expect(result).toEqual({ ...SUBSCRIPTION, subscribed_at: '2025-01-15T10:30:00.061281000Z' });
  });

  it('fires once for the Won the deal went through, saying "Demo booked → Won" while the record shows Handover (2 requests)', async () => {
    catalog();
    mockMember();
    handedOver();
    history(wonThenHandover());
    const out = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ...MISSED_WON, stage: 'Handover' });
    const paths = attioRequests().map((r) => new URL(r.url).pathname);
    expect(paths.filter((p) => p === recordPath || p === historyPath)).toHaveLength(2);

    // Same keys as a run for a Won that is still held (the sample's parity holds).
    catalog();
    mockMember();
    attio().get(recordPath).reply(200, { data: deal(DEAL_1) });
    history([stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2)]);
    const held = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { subscribeData: { ...SUBSCRIPTION, id: '00000000-0000-4000-8000-0000000000f2' } }), true);
    expect(held).toHaveLength(1);
    expect(fieldKeys(out[0] as Record<string, unknown>)).toEqual(fieldKeys(held[0] as Record<string, unknown>));
  });

  it('does not fire again for the burst\'s other event (Handover) nor for a redelivery under a new Idempotency-Key', async () => {
    catalog();
    mockMember();
    handedOver();
    history(wonThenHandover());
    expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true)).toHaveLength(1);

    // The burst's Handover event, here by a person so it is not ignored: the same history, nothing new.
    handedOver();
    history(wonThenHandover());
    expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-2' }))).toEqual([]);

    // Attio sends the Won event again under another key.
    handedOver();
    history(wonThenHandover());
    expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-3' }))).toEqual([]);
  });

  it('fires once when the Won and Handover events are handled at the same time by two invocations (the stay is claimed atomically)', async () => {
    // A Zap that has run before (another deal won): the attributes and the member list are cached.
    catalog();
    mockMember();
    attio().get(`/v2/objects/${DEALS_ID}/records/${DEAL_2}`).reply(200, { data: deal(DEAL_2) });
    attio()
      .get(`/v2/objects/${DEALS_ID}/records/${DEAL_2}/attributes/${STAGE}/values`)
      .query({ show_historic: 'true' })
      .reply(200, { data: [stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2)] });
    expect(await appTester(perform, deliver([updated(DEAL_2, STAGE)], { idempotencyKey: 'idem-0' }), true)).toHaveLength(1);

    attio().get(recordPath).times(2).reply(200, { data: deal(DEAL_1, { stage: [HANDOVER, 'Handover'], stageFrom: T3 }) });
    attio().get(historyPath).query({ show_historic: 'true' }).times(2).reply(200, { data: wonThenHandover() });
    // Each invocation's claim of the stay is held until the other has asked too (or 1 s passed): both found
    // the stay unclaimed, and only the atomic claim (nx) keeps the second from passing it on as well.
    const real = cache.cacheSet;
    let asked = 0;
    let release!: () => void;
    const both = new Promise<void>((resolve) => (release = resolve));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    const spy = jest.spyOn(cache, 'cacheSet').mockImplementation(async (...args) => {
      if (args[1].startsWith('attio:webhook-stay:') && args[5] === true) {
        if (++asked === 2) release();
        await Promise.race([both, timeout]);
      }
      return real(...args);
    });
    try {
      // Attio's first delivery (the Won event) and its second (Handover, by a person), racing.
      const [a, b] = await Promise.all([
        appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-1' })),
        appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-2' })),
      ]);
      expect(asked).toBe(2);
      expect([...a, ...b].map((r) => r.changes)).toEqual([MISSED_WON.changes]);
    } finally {
      spy.mockRestore();
    }
  });

  it('a racing invocation that already claimed the stay (set with nx answered false) keeps this one from passing it on', async () => {
    catalog();
    mockMember();
    handedOver();
    history(wonThenHandover());
    // The other invocation claimed the stay between this one's read and its claim: Zapier's cache answers
    // false to the set with nx.
    const real = cache.cacheSet;
    const spy = jest.spyOn(cache, 'cacheSet').mockImplementation(async (...args) => (args[1].startsWith('attio:webhook-stay:') && args[5] === true ? false : real(...args)));
    try {
      expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true)).toEqual([]);
      expect(spy.mock.calls.some((c) => c[1].startsWith('attio:webhook-stay:') && c[5] === true)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('never fires for a Won entered before the Zap was turned on, even when it is left afterwards; a Won entered after it does', async () => {
    const t = (m: number) => `2025-02-03T16:${String(m).padStart(2, '0')}:00.000000000Z`;
    catalog();
    mockMember();
    handedOver();
    // Won at 16:00, before the Zap was turned on (16:05); Lost at 16:10, Won again at 16:20, Handover at 16:21.
    history([
      stageValue(DEMO_BOOKED, 'Demo booked', T0, t(0)),
      stageValue(WON, 'Won', t(0), t(10)),
      stageValue(LOST, 'Lost', t(10), t(20)),
      stageValue(WON, 'Won', t(20), t(21)),
      stageValue(HANDOVER, 'Handover', t(21), null, SYSTEM),
    ]);
    const later = { ...SUBSCRIPTION, subscribed_at: t(5) };
    const out = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { subscribeData: later }), true);
    expect(out.map((r) => [r.changes, r.changed_at])).toEqual([[[{ attribute: 'stage', title: 'Deal stage', previous: 'Lost', current: 'Won' }], '2025-02-03T16:20:00.000+00:00']]);
  });

  it('for a subscription that kept no creation time, counts only a stay begun shortly before the newest change', async () => {
    const { subscribed_at: _, ...legacy } = SUBSCRIPTION;
    // Won weeks ago (T1 → T2): old history, not this Zap's to pass on.
    catalog();
    handedOver();
    history([stageValue(DEMO_BOOKED, 'Demo booked', T0, T1), stageValue(WON, 'Won', T1, T2), stageValue(HANDOVER, 'Handover', T2, null, SYSTEM)]);
    expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { subscribeData: legacy }), true)).toEqual([]);

    // Won five seconds before Handover: the burst this event belongs to.
    catalog();
    mockMember();
    handedOver();
    history(wonThenHandover());
    const out = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { subscribeData: legacy }), true);
    expect(out.map((r) => r.changes)).toEqual([MISSED_WON.changes]);
  });

  it('does not look before what this Zap last looked at: a Won it saw held and then left is not passed on again, a later one is', async () => {
    // The first run finds Won held and passes it on (as today).
    catalog();
    mockMember();
    attio().get(recordPath).reply(200, { data: deal(DEAL_1) });
    history([stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2)]);
    expect((await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true)).map((r) => r.changes)).toEqual([MISSED_WON.changes]);
    // Then the deal moves on to Handover (by a person): no run for Handover, and none for the Won left behind.
    handedOver();
    history(wonThenHandover());
    expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-2' }))).toEqual([]);
    // Back to Won and on to Handover within a second: that Won alone is passed on.
    const T4 = '2025-02-03T16:30:00.000000000Z';
    const T5 = '2025-02-03T16:30:01.000000000Z';
    attio().get(recordPath).reply(200, { data: deal(DEAL_1, { stage: [HANDOVER, 'Handover'], stageFrom: T5 }) });
    history([...wonThenHandover().slice(0, 2), stageValue(HANDOVER, 'Handover', T3, T4, SYSTEM), stageValue(WON, 'Won', T4, T5), stageValue(HANDOVER, 'Handover', T5, null, SYSTEM)]);
    const again = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-3' }));
    expect(again.map((r) => [r.changes, r.changed_at])).toEqual([[[{ attribute: 'stage', title: 'Deal stage', previous: 'Handover', current: 'Won' }], '2025-02-03T16:30:00.000+00:00']]);
  });

  it('fires for each entry into Won: Won → Lost → Won, read in one run after the fact, gives two runs', async () => {
    const t = (s: number) => `2025-02-03T16:2${s}:00.000000000Z`;
    catalog();
    mockMember();
    attio().get(recordPath).reply(200, { data: deal(DEAL_1, { stageFrom: t(2) }) });
    history([
      stageValue(DEMO_BOOKED, 'Demo booked', T0, t(0)),
      stageValue(WON, 'Won', t(0), t(1)),
      stageValue(LOST, 'Lost', t(1), t(2)),
      stageValue(WON, 'Won', t(2)),
    ]);
    const out = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true);
    expect(out.map((r) => [r.changes, r.changed_at, r.stage])).toEqual([
      [[{ attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Won' }], '2025-02-03T16:20:00.000+00:00', 'Won'],
      [[{ attribute: 'stage', title: 'Deal stage', previous: 'Lost', current: 'Won' }], '2025-02-03T16:22:00.000+00:00', 'Won'],
    ]);
  });

  it('ignores a Won this connection wrote and left, while a person\'s Won in the same history still fires', async () => {
    const t = (s: number) => `2025-02-03T16:2${s}:00.000000000Z`;
    const both = [
      stageValue(DEMO_BOOKED, 'Demo booked', T0, t(0)),
      stageValue(WON, 'Won', t(0), t(1), APP),
      stageValue(LOST, 'Lost', t(1), t(2)),
      stageValue(WON, 'Won', t(2), t(3)),
      stageValue(HANDOVER, 'Handover', t(3), null, SYSTEM),
    ];
    catalog();
    mockMember();
    attio().get('/v2/self').reply(200, SELF);
    handedOver();
    history(both);
    const out = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true);
    expect(out.map((r) => [r.changes, r.changed_by])).toEqual([[[{ attribute: 'stage', title: 'Deal stage', previous: 'Lost', current: 'Won' }], 'Ada Lovelace (ada@example.com)']]);

    // With Ignore Own Changes off, the app's Won is passed on too, named as the app.
    catalog();
    mockMember();
    handedOver();
    history(both);
    const own = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: { ...WON_ONLY, ignore_own_changes: false } }), true);
    expect(own.map((r) => [(r.changes as Array<{ previous: string }>)[0]?.previous, r.changed_by_type])).toEqual([
      ['Demo booked', 'app'],
      ['Lost', 'workspace-member'],
    ]);
  });
});

import updatedRecord, { perform, performList, performSubscribe, performUnsubscribe } from '../../src/triggers/updated_record';
import sample from '../../src/samples/updated_record.json';
import { appTester, attio, attioErrorBody, loadInputFields, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, SECRET } from '../helpers/webhook';
import {
  amountHistory,
  APP,
  AMOUNT,
  DEAL_1,
  DEAL_2,
  DEAL_3,
  DEAL_ATTRIBUTES,
  DEALS_ID,
  deal,
  DEMO_BOOKED,
  LOST,
  MEMBER,
  MEMBER_ID,
  WON_RUN,
  NAME,
  NEXT_STEP,
  OTHER_APP,
  SELF,
  STAGE,
  stageHistory,
  stageValue,
  SYSTEM,
  T0,
  T1,
  T2,
  updated,
  WEIGHTED,
  WON,
} from '../fixtures/deals';
import { mockMember } from '../fixtures/members';

const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, object: 'deals', object_id: DEALS_ID, attribute_ids: STAGE };
const ANY_ATTRIBUTE = { id: WEBHOOK_ID, secret: SECRET, object: 'deals', object_id: DEALS_ID };
const STAGE_INPUT = { object: 'deals', attributes: ['stage'] };

const base = { field: 'id.object_id', operator: 'equals', value: DEALS_ID };
const byAttribute = (id: string) => ({ event_type: 'record.updated', filter: { $and: [base, { field: 'id.attribute_id', operator: 'equals', value: id }] } });

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: STAGE_INPUT, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${decodeURIComponent(new URL(r.url).pathname + new URL(r.url).search)}`);

const recordPath = (id: string) => `/v2/objects/${DEALS_ID}/records/${id}`;
const historyPath = (id: string, attribute: string) => `/v2/objects/${DEALS_ID}/records/${id}/attributes/${attribute}/values`;

/** Attio's catalog of the deal attributes, by UUID (perform asks by the object id it was given). */
const catalog = (identifier = DEALS_ID) => attio().get(`/v2/objects/${identifier}/attributes`).reply(200, { data: DEAL_ATTRIBUTES });
const record = (id: string, body = deal(id)) => attio().get(recordPath(id)).reply(200, { data: body });
const history = (id: string, attribute: string, values: unknown[]) =>
  attio().get(historyPath(id, attribute)).query({ show_historic: 'true' }).reply(200, { data: values });
const self = () => attio().get('/v2/self').reply(200, SELF);

/** A deal moved from Demo booked to Won by Ada, as a Zap receives it (with a warm z.cache unless `fresh`). */
async function stageMovedToWon(fresh = true, opts: Partial<Parameters<typeof delivery>[1]> = {}) {
  if (fresh) catalog();
  record(DEAL_1);
  history(DEAL_1, STAGE, stageHistory());
  if (fresh) mockMember();
  return appTester(perform, deliver([updated(DEAL_1, STAGE)], opts), fresh);
}

describe('triggers.updated_record', () => {
  describe('performSubscribe', () => {
    it('resolves the object and the watched attributes in one GET, and subscribes each attribute of that object (2 requests)', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [byAttribute(STAGE), byAttribute(AMOUNT)] } })
        .reply(200, webhookResponse([byAttribute(STAGE), byAttribute(AMOUNT)]));

      const result = await appTester(performSubscribe, makeBundle({ inputData: { object: 'deals', attributes: ['stage', 'value'] }, targetUrl: TARGET_URL }));

      expect(result).toEqual({ id: WEBHOOK_ID, secret: SECRET, object: 'deals', object_id: DEALS_ID, attribute_ids: `${STAGE},${AMOUNT}` });
      expect(attioRequests()).toHaveLength(2);
    });

    it('subscribes the whole object when no attribute is chosen (2 requests)', async () => {
      const sub = { event_type: 'record.updated', filter: { $and: [base] } };
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      attio().post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [sub] } }).reply(200, webhookResponse([sub]));

      const result = await appTester(performSubscribe, makeBundle({ inputData: { object: 'deals' }, targetUrl: TARGET_URL }));

      expect(result).toEqual(ANY_ATTRIBUTE);
      expect(attioRequests()).toHaveLength(2);
    });

    it('names an attribute that no longer exists, before subscribing anything', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      await expect(
        appTester(performSubscribe, makeBundle({ inputData: { object: 'deals', attributes: ['stage', 'gone'] }, targetUrl: TARGET_URL })),
      ).rejects.toThrow(/Attributes \\"gone\\" is not an attribute of \\"deals\\" in Attio/);
      expect(attioRequests()).toHaveLength(1);
    });

    it('refuses a Changed To value that is not an option id (typed text), before subscribing', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      await expect(
        appTester(performSubscribe, makeBundle({ inputData: { ...STAGE_INPUT, changed_to: ['Won'] }, targetUrl: TARGET_URL })),
      ).rejects.toThrow(/Changed To \\"Won\\" is not one of the options of \\"Deal stage\\"/);
      expect(attioRequests()).toHaveLength(1);
    });

    it('refuses a Changed To left over from a single watched stage when two attributes are watched, before subscribing', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      await expect(
        appTester(performSubscribe, makeBundle({ inputData: { object: 'deals', attributes: ['stage', 'value'], changed_to: [LOST] }, targetUrl: TARGET_URL })),
      ).rejects.toThrow(/Changed To .* applies only when exactly one stage or select attribute is watched/);
      expect(attioRequests()).toHaveLength(1);
    });

    it('unsubscribes by deleting the webhook', async () => {
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(200, {});
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
    });
  });

  describe('perform (each delivery)', () => {
    it('says what changed from what to what, and who changed it: the record and the history read at once', async () => {
      const results = await stageMovedToWon();

      expect(results).toEqual([
        {
          id: DEAL_1,
          record_id: DEAL_1,
          object: 'deals',
          object_id: DEALS_ID,
          web_url: `https://app.attio.com/example/deals/record/${DEAL_1}/overview`,
          created_at: '2025-01-10T09:00:00.000+00:00',
          name: 'Acme renewal',
          stage: 'Won',
          stage_status_id: WON,
          value: 12000,
          value_currency_code: 'EUR',
          weighted_value: 9600,
          ...WON_RUN,
        },
      ]);
      // Cold cache: the attribute catalog and the member are looked up once; the rest is the record and one history read.
      expect(paths()).toEqual(
        expect.arrayContaining([`GET ${recordPath(DEAL_1)}`, `GET ${historyPath(DEAL_1, STAGE)}?show_historic=true`]),
      );
    });

    it('costs the record plus one history read per changed attribute once the cache is warm (2 requests, in one round trip)', async () => {
      await stageMovedToWon();
      const before = attioRequests().length;
      let inFlight = 0;
      let maxInFlight = 0;
      const slow = (body: unknown) => async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
        return [200, body] as [number, unknown];
      };
      // Then Lost: a new state.
      attio().get(recordPath(DEAL_1)).reply(slow({ data: deal(DEAL_1, { stage: [LOST, 'Lost'] }) }));
      attio()
        .get(historyPath(DEAL_1, STAGE))
        .query({ show_historic: 'true' })
        .reply(slow({ data: [stageValue(WON, 'Won', T1, T2), stageValue(LOST, 'Lost', T2)] }));

      const results = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-2' }));

      expect(results.map((r) => r.changes)).toEqual([[{ attribute: 'stage', title: 'Deal stage', previous: 'Won', current: 'Lost' }]]);
      expect(attioRequests().length - before).toBe(2);
      expect(maxInFlight).toBe(2);
    });

    it('coalesces a batched delivery: one run per record listing every changed attribute', async () => {
      catalog();
      mockMember();
      record(DEAL_1);
      history(DEAL_1, STAGE, stageHistory());
      history(DEAL_1, AMOUNT, amountHistory());
      record(DEAL_2, deal(DEAL_2, { name: 'Globex pilot' }));
      history(DEAL_2, STAGE, stageHistory());
      const events = [updated(DEAL_1, STAGE), updated(DEAL_2, STAGE), updated(DEAL_1, AMOUNT), updated(DEAL_1, STAGE)];

      const results = await appTester(perform, deliver(events, { subscribeData: ANY_ATTRIBUTE, inputData: { object: 'deals' } }), true);

      expect(results.map((r) => [r.id, r.changed_attributes])).toEqual([
        [DEAL_1, ['Deal stage', 'Deal value']],
        [DEAL_2, ['Deal stage']],
      ]);
      expect(results[0]?.changes).toEqual([
        { attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Won' },
        { attribute: 'value', title: 'Deal value', previous: '10,000.00 EUR', current: '12,000.00 EUR' },
      ]);
      // One read per record and one history read per changed attribute, however many events named them.
      expect(paths().filter((p) => p.includes('/records/')).sort()).toEqual(
        [
          `GET ${recordPath(DEAL_1)}`,
          `GET ${historyPath(DEAL_1, STAGE)}?show_historic=true`,
          `GET ${historyPath(DEAL_1, AMOUNT)}?show_historic=true`,
          `GET ${recordPath(DEAL_2)}`,
          `GET ${historyPath(DEAL_2, STAGE)}?show_historic=true`,
        ].sort(),
      );
    });

    describe('the loop guard: a Zap that updates the very record it was triggered by', () => {
      it('runs once for the person who moved the deal, and not for its own write-back (GET /v2/self once per connection)', async () => {
        const first = await stageMovedToWon();
        expect(first).toHaveLength(1);
        const before = attioRequests().length;

        // The Zap's action writes back to DEAL_1 through this connection; Attio stamps it with the app's actor.
        self();
        const writeBack = await appTester(perform, deliver([updated(DEAL_1, STAGE, APP)], { idempotencyKey: 'idem-2', subscribeData: ANY_ATTRIBUTE }));
        expect(writeBack).toEqual([]);
        expect(paths().slice(before)).toEqual(['GET /v2/self']);

        // The next write-back costs nothing: who this connection is stays cached.
        const again = await appTester(perform, deliver([updated(DEAL_1, NEXT_STEP, APP)], { idempotencyKey: 'idem-3', subscribeData: ANY_ATTRIBUTE }));
        expect(again).toEqual([]);
        expect(attioRequests().length - before).toBe(1);
      });

      it('recognises its own write from the value stamp when the event names no actor', async () => {
        catalog();
        self();
        record(DEAL_1);
        history(DEAL_1, STAGE, stageHistory([WON, 'Won'], APP));
        expect(await appTester(perform, deliver([updated(DEAL_1, STAGE, null)]), true)).toEqual([]);
      });

      it('still runs for another app or token writing to the record', async () => {
        catalog();
        self();
        record(DEAL_1);
        history(DEAL_1, STAGE, stageHistory([WON, 'Won'], OTHER_APP));
        const results = await appTester(perform, deliver([updated(DEAL_1, STAGE, OTHER_APP)]), true);
        expect(results.map((r) => [r.changed_by, r.changed_by_type, r.changed_by_id])).toEqual([['an app', 'app', OTHER_APP.id]]);
      });

      it('runs for its own writes when Ignore Own Changes is off', async () => {
        catalog();
        record(DEAL_1);
        history(DEAL_1, STAGE, stageHistory([WON, 'Won'], APP));
        const results = await appTester(perform, deliver([updated(DEAL_1, STAGE, APP)], { inputData: { ...STAGE_INPUT, ignore_own_changes: false } }), true);
        expect(results).toHaveLength(1);
        expect(sentRequests().map((r) => r.url)).not.toContain('https://api.attio.com/v2/self');
      });

      it('after its own write-back, a person restoring the last value seen runs again', async () => {
        await stageMovedToWon();
        self();
        expect(await appTester(perform, deliver([updated(DEAL_1, STAGE, APP)], { idempotencyKey: 'idem-2' }))).toEqual([]);
        record(DEAL_1);
        history(DEAL_1, STAGE, stageHistory());
        expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-3' }))).toHaveLength(1);
      });
    });

    it('ignores a formula recompute by Attio (the system actor) without a request', async () => {
      const results = await appTester(perform, deliver([updated(DEAL_1, WEIGHTED, SYSTEM)], { subscribeData: ANY_ATTRIBUTE, inputData: { object: 'deals' } }), true);
      expect(results).toEqual([]);
      expect(sentRequests()).toHaveLength(0);
    });

    it("passes on Attio's own changes when Ignore Changes Made by Attio is off, named as Attio", async () => {
      catalog();
      record(DEAL_1);
      history(DEAL_1, WEIGHTED, [{ ...stageValue(WON, 'x', T0, T2), attribute_type: 'number', value: 8000 }, { attribute_type: 'number', value: 9600, active_from: T2, active_until: null, created_by_actor: SYSTEM }]);
      const results = await appTester(
        perform,
        deliver([updated(DEAL_1, WEIGHTED, SYSTEM)], { subscribeData: ANY_ATTRIBUTE, inputData: { object: 'deals', ignore_system_changes: 'false' } }),
        true,
      );
      expect(results.map((r) => [r.changes, r.changed_by, r.changed_by_type, r.changed_by_id])).toEqual([
        [[{ attribute: 'weighted_value', title: 'Weighted value', previous: '8000', current: '9600' }], 'Attio (system)', 'system', null],
      ]);
    });

    it("reads a change of a member attribute (the deal's owner) as the members' names", async () => {
      const OWNER = '00000000-0000-4000-8000-0000000a0006';
      const owner = (id: string, from: string, until: string | null = null) => ({
        active_from: from,
        active_until: until,
        created_by_actor: MEMBER,
        attribute_type: 'actor-reference',
        referenced_actor_type: 'workspace-member',
        referenced_actor_id: id,
      });
      const GONE = '00000000-0000-4000-8000-0000000000d9';
      attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: [...DEAL_ATTRIBUTES, { ...DEAL_ATTRIBUTES[0]!, id: { ...DEAL_ATTRIBUTES[0]!.id, attribute_id: OWNER }, api_slug: 'owner', title: 'Deal owner', type: 'actor-reference' }] });
      mockMember();
      record(DEAL_1, { ...deal(DEAL_1), values: { ...deal(DEAL_1).values, owner: [owner(MEMBER_ID, T2)] } });
      history(DEAL_1, OWNER, [owner(GONE, T0, T2), owner(MEMBER_ID, T2)]);
      const results = await appTester(perform, deliver([updated(DEAL_1, OWNER)], { subscribeData: ANY_ATTRIBUTE, inputData: { object: 'deals' } }), true);
      expect(results.map((r) => r.changes)).toEqual([
        [{ attribute: 'owner', title: 'Deal owner', previous: `Workspace member ${GONE}`, current: 'Ada Lovelace (ada@example.com)' }],
      ]);
      // One member list for the writer and the owners.
      expect(sentRequests().filter((r) => r.url.endsWith('/v2/workspace_members'))).toHaveLength(1);
    });

    it('skips an event about an attribute the Zap does not watch, without a request', async () => {
      const results = await appTester(perform, deliver([updated(DEAL_1, NAME)]), true);
      expect(results).toEqual([]);
      expect(sentRequests()).toHaveLength(0);
    });

    it('drops a redelivery (same Idempotency-Key) without asking Attio again', async () => {
      expect(await stageMovedToWon()).toHaveLength(1);
      const before = attioRequests().length;
      expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)]))).toEqual([]);
      expect(attioRequests().length).toBe(before);
    });

    it('gives no second run for a message finding the same state (a redelivery under a new Idempotency-Key, a recompute)', async () => {
      expect(await stageMovedToWon()).toHaveLength(1);
      record(DEAL_1);
      history(DEAL_1, STAGE, stageHistory());
      expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { idempotencyKey: 'idem-2' }))).toEqual([]);
      // …and with Attio's recompute passed on, the same values give no run either.
      record(DEAL_1);
      history(DEAL_1, STAGE, stageHistory([WON, 'Won'], SYSTEM));
      const recompute = deliver([updated(DEAL_1, STAGE, SYSTEM)], { idempotencyKey: 'idem-3', inputData: { ...STAGE_INPUT, ignore_system_changes: false } });
      expect(await appTester(perform, recompute)).toEqual([]);
    });

    it('keeps two Zaps watching the same deal independent', async () => {
      expect(await stageMovedToWon()).toHaveLength(1);
      record(DEAL_1);
      history(DEAL_1, STAGE, stageHistory());
      const otherZap = { ...SUBSCRIPTION, id: '00000000-0000-4000-8000-0000000000f2' };
      const body = { webhook_id: otherZap.id, events: [updated(DEAL_1, STAGE)] };
      const bundle = delivery(body, { inputData: STAGE_INPUT, subscribeData: otherZap, idempotencyKey: 'idem-9' });
      expect(await appTester(perform, bundle)).toHaveLength(1);
    });

    describe('Changed To', () => {
      const wonOnly = { ...STAGE_INPUT, changed_to: [WON] };

      it('fires when the stage changes to a chosen status, compared by id (a renamed status still matches)', async () => {
        catalog();
        mockMember();
        record(DEAL_1, deal(DEAL_1, { stage: [WON, 'Closed won'] }));
        history(DEAL_1, STAGE, stageHistory([WON, 'Closed won']));
        const results = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: wonOnly }), true);
        expect(results.map((r) => r.changes)).toEqual([[{ attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Closed won' }]]);
      });

      it('does not fire for another status, and fires again on the next move to the chosen one', async () => {
        catalog();
        record(DEAL_1, deal(DEAL_1, { stage: [LOST, 'Lost'] }));
        history(DEAL_1, STAGE, stageHistory([LOST, 'Lost']));
        expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: wonOnly }), true)).toEqual([]);

        mockMember();
        record(DEAL_1);
        history(DEAL_1, STAGE, [stageValue(LOST, 'Lost', T1, T2), stageValue(WON, 'Won', T2)]);
        const results = await appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: wonOnly, idempotencyKey: 'idem-2' }));
        expect(results.map((r) => r.changes)).toEqual([[{ attribute: 'stage', title: 'Deal stage', previous: 'Lost', current: 'Won' }]]);
      });

      it('does not fire for a title that merely equals the chosen text', async () => {
        catalog();
        record(DEAL_1, deal(DEAL_1, { stage: [DEMO_BOOKED, 'Won'] }));
        history(DEAL_1, STAGE, stageHistory([DEMO_BOOKED, 'Won']));
        expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: { ...STAGE_INPUT, changed_to: [WON] } }), true)).toEqual([]);
      });
    });

    it('skips a record deleted before it could be read (404), keeping the others', async () => {
      catalog();
      mockMember();
      attio().get(recordPath(DEAL_1)).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      attio().get(historyPath(DEAL_1, STAGE)).query({ show_historic: 'true' }).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      record(DEAL_2);
      history(DEAL_2, STAGE, stageHistory());

      const results = await appTester(perform, deliver([updated(DEAL_1, STAGE), updated(DEAL_2, STAGE)]), true);

      expect(results.map((r) => r.id)).toEqual([DEAL_2]);
    });

    it('reads on when Attio cut a long history short (oldest first: a page without the current value is not the end)', async () => {
      catalog();
      mockMember();
      record(DEAL_1);
      history(DEAL_1, STAGE, [stageValue(LOST, 'Lost', '2024-01-01T00:00:00.000000000Z', T0), stageValue(DEMO_BOOKED, 'Demo booked', T0, T1)]);
      attio()
        .get(historyPath(DEAL_1, STAGE))
        .query({ show_historic: 'true', offset: '2' })
        .reply(200, { data: [stageValue(DEMO_BOOKED, 'Demo booked', T1, T2), stageValue(WON, 'Won', T2)] });
      const results = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true);
      expect(results.map((r) => r.changes)).toEqual([[{ attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Won' }]]);
    });

    it('still runs, without a previous value, for an attribute Attio keeps no history of (400)', async () => {
      catalog();
      mockMember();
      record(DEAL_1);
      attio()
        .get(historyPath(DEAL_1, STAGE))
        .query({ show_historic: 'true' })
        .reply(400, attioErrorBody(400, 'validation_type', 'Cannot query historic values for this attribute.'));
      const results = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), true);
      expect(results.map((r) => [r.changes, r.changed_at])).toEqual([
        [[{ attribute: 'stage', title: 'Deal stage', previous: null, current: 'Won' }], '2025-02-03T16:20:00.123+00:00'],
      ]);
    });

    it('remembers nothing when a read fails, so Zapier replaying the delivery still gets the run', async () => {
      // Another deal's run first, so the attribute catalog and the member are cached.
      catalog();
      mockMember();
      record(DEAL_2);
      history(DEAL_2, STAGE, stageHistory());
      expect(await appTester(perform, deliver([updated(DEAL_2, STAGE)], { idempotencyKey: 'idem-0' }), true)).toHaveLength(1);

      attio().get(recordPath(DEAL_1)).reply(401, attioErrorBody(401, 'unauthorized', 'Token revoked.', 'auth_error'));
      history(DEAL_1, STAGE, stageHistory());
      await expect(appTester(perform, deliver([updated(DEAL_1, STAGE)]))).rejects.toMatchObject({ name: 'ExpiredAuthError' });

      record(DEAL_1);
      history(DEAL_1, STAGE, stageHistory());
      expect(await appTester(perform, deliver([updated(DEAL_1, STAGE)]))).toHaveLength(1);
    });

    it('halts a forged delivery, sending nothing to Attio', async () => {
      const bundle = deliver([updated(DEAL_1, STAGE)], { signature: sign('{"events":[]}') });
      await expect(appTester(perform, bundle, true)).rejects.toMatchObject({ name: 'HaltedError' });
      expect(sentRequests()).toHaveLength(0);
    });

    it('refuses an ignore option that is not a yes or a no, naming it', async () => {
      await expect(
        appTester(perform, deliver([updated(DEAL_1, STAGE)], { inputData: { ...STAGE_INPUT, ignore_own_changes: 'maybe' } }), true),
      ).rejects.toThrow(/Ignore Changes Made by This Connection \\"maybe\\" is not true or false/);
      expect(sentRequests()).toHaveLength(0);
    });
  });

  describe('performList (test trigger)', () => {
    it('returns the three records whose watched attributes changed last, with exactly the keys a live run has', async () => {
      attio()
        .post('/v2/objects/deals/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 50 })
        .reply(200, {
          data: [
            deal(DEAL_3, { stageFrom: T0 }),
            deal(DEAL_2, { stageFrom: T1 }),
            deal(DEAL_1),
            deal('00000000-0000-4000-8000-00000000d004', { stageFrom: '2024-12-01T00:00:00.000000000Z' }),
          ],
        });
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      mockMember();
      history(DEAL_1, STAGE, stageHistory());
      history(DEAL_2, STAGE, [stageValue(WON, 'Won', T1)]);
      history(DEAL_3, STAGE, [stageValue(WON, 'Won', T0)]);

      const listed = await appTester(performList, makeBundle({ inputData: STAGE_INPUT, meta: { isLoadingSample: true } }), true);

      expect(listed.map((r) => r.id)).toEqual([DEAL_1, DEAL_2, DEAL_3]);
      expect(listed[0]).toMatchObject(WON_RUN);

      const hooked = await stageMovedToWon();
      expect(fieldKeys(listed[0]!)).toEqual(fieldKeys(hooked[0]!));
      expect(listed[0]).toEqual(hooked[0]);
      // The static sample promises only keys every live result has (Zapier check T004).
      expect(fieldKeys(hooked[0]!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
    });
  });

  describe('definition', () => {
    it('is a REST hook with object, attributes, changed_to (dynamic) and both ignore options on by default', () => {
      expect(updatedRecord.operation.type).toBe('hook');
      const fields = updatedRecord.operation.inputFields as Array<Record<string, unknown> | ((...a: unknown[]) => unknown)>;
      const statics = fields.filter((f): f is Record<string, unknown> => typeof f !== 'function');
      expect(statics.map((f) => f.key)).toEqual(['object', 'attributes', 'ignore_own_changes', 'ignore_system_changes']);
      expect(statics[1]).toMatchObject({ list: true, required: false, dynamic: 'list_attributes.id.name', altersDynamicFields: true });
      expect(statics[2]).toMatchObject({ type: 'boolean', default: 'true' });
      expect(statics[3]).toMatchObject({ type: 'boolean', default: 'true' });
      const outputKeys = (updatedRecord.operation.outputFields ?? []).filter((f) => typeof f !== 'function').map((f) => (f as { key: string }).key);
      // Every key of the sample is labelled (the attributes' own labels come from a function, per object).
      expect(outputKeys).toEqual(expect.arrayContaining(fieldKeys(sample)));
      expect(outputKeys).toEqual(expect.arrayContaining(['changed_attributes', 'changes', 'changed_by', 'changed_by_email', 'changed_by_type', 'changed_by_id', 'changed_at']));
    });

    it('offers Changed To only when exactly one select or status attribute is watched, options by title with their ids', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      attio()
        .get('/v2/objects/deals/attributes/stage/statuses')
        .reply(200, {
          data: [
            { id: { status_id: DEMO_BOOKED }, title: 'Demo booked', is_archived: false },
            { id: { status_id: WON }, title: 'Won', is_archived: false },
            { id: { status_id: LOST }, title: 'Lost', is_archived: true },
          ],
        });
      const fields = await loadInputFields(updatedRecord, STAGE_INPUT);
      const changedTo = fields.find((f) => f.key === 'changed_to');
      expect(changedTo).toMatchObject({ list: true, required: false, choices: [{ value: DEMO_BOOKED, label: 'Demo booked', sample: DEMO_BOOKED }, { value: WON, label: 'Won', sample: WON }] });

      expect((await loadInputFields(updatedRecord, { object: 'deals', attributes: ['stage', 'value'] })).some((f) => f.key === 'changed_to')).toBe(false);
      attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
      expect((await loadInputFields(updatedRecord, { object: 'deals', attributes: ['name'] })).some((f) => f.key === 'changed_to')).toBe(false);
      expect((await loadInputFields(updatedRecord, { object: 'deals' })).some((f) => f.key === 'changed_to')).toBe(false);
    });
  });
});

void MEMBER;

describe('triggers.updated_record: a failed run loses no change', () => {
  it('a request failing after the state check (the member list) leaves the state unrecorded, so Zapier\'s retry runs', async () => {
    catalog();
    record(DEAL_1);
    history(DEAL_1, STAGE, stageHistory());
    attio().get('/v2/workspace_members').reply(401, attioErrorBody(401, 'unauthorized', 'Token revoked.', 'auth_error'));
    await expect(appTester(perform, deliver([updated(DEAL_1, STAGE)]), true)).rejects.toBeTruthy();

    record(DEAL_1);
    history(DEAL_1, STAGE, stageHistory());
    mockMember();
    const replay = await appTester(perform, deliver([updated(DEAL_1, STAGE)]), false);
    expect(replay).toMatchObject([{ id: DEAL_1, ...WON_RUN }]);
  });

  it('a subscription holding a Changed To that no longer applies (two attributes watched) starts no run rather than every run', async () => {
    const sub = { ...SUBSCRIPTION, attribute_ids: `${STAGE},${AMOUNT}` };
    catalog();
    record(DEAL_1);
    history(DEAL_1, STAGE, stageHistory());
    const out = await appTester(
      perform,
      deliver([updated(DEAL_1, STAGE)], { inputData: { object: 'deals', attributes: ['stage', 'value'], changed_to: [LOST] }, subscribeData: sub }),
      true,
    );
    expect(out).toEqual([]);
  });
});

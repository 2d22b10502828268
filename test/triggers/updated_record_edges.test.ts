// Updated Record at its edges: a multiselect watched with Changed To, two invocations racing over the changes
// of one record, a long multiselect history, and the sample with attributes given by id.
import * as cache from '../../src/attio/cache';
import { perform, performList } from '../../src/triggers/updated_record';
import { stateKey } from '../../src/zapier/hooks/state';
import { appTester, attio, makeBundle } from '../helpers/app';
import { delivery, SECRET, WEBHOOK_ID, WORKSPACE_ID } from '../helpers/webhook';
import { AMOUNT, amountHistory, APP, attribute, DEAL_1, DEAL_ATTRIBUTES, DEALS_ID, deal, MEMBER, SELF, STAGE, stageHistory, T0, T1, T2, updated, WON } from '../fixtures/deals';
import { mockMember } from '../fixtures/members';

const TAGS = '00000000-0000-4000-8000-0000000a0009';
const HOT = '00000000-0000-4000-8000-00000005f001';
const ENTERPRISE = '00000000-0000-4000-8000-00000005f002';
const PARTNER = '00000000-0000-4000-8000-00000005f003';
const ATTRIBUTES = [...DEAL_ATTRIBUTES, attribute(TAGS, 'tags', 'Tags', 'select', { object_id: DEALS_ID }, { is_multiselect: true })];

const ANY = { id: WEBHOOK_ID, secret: SECRET, object: 'deals', object_id: DEALS_ID };
const TAGS_WATCHED = { ...ANY, attribute_ids: TAGS };
const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { object: 'deals' }, subscribeData: ANY, ...opts });

const recordPath = (id: string) => `/v2/objects/${DEALS_ID}/records/${id}`;
const historyPath = (id: string, attr: string) => `/v2/objects/${DEALS_ID}/records/${id}/attributes/${attr}/values`;
const option = (id: string, title: string, from: string, until: string | null = null) => ({
  active_from: from,
  active_until: until,
  created_by_actor: MEMBER,
  attribute_type: 'select',
  option: { id: { workspace_id: WORKSPACE_ID, object_id: DEALS_ID, attribute_id: TAGS, option_id: id }, title, is_archived: false },
});
const withTags = (...tags: unknown[]) => ({ ...deal(DEAL_1), values: { ...deal(DEAL_1).values, tags } });

describe('triggers.updated_record: Changed To on a multiselect', () => {
  const tagged = (changedTo: string) => {
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    // Hot since T0; Enterprise added at T2.
    attio().get(recordPath(DEAL_1)).reply(200, { data: withTags(option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2)) });
    attio().get(historyPath(DEAL_1, TAGS)).query({ show_historic: 'true' }).reply(200, { data: [option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2)] });
    return appTester(perform, deliver([updated(DEAL_1, TAGS)], { inputData: { object: 'deals', attributes: ['tags'], changed_to: [changedTo] }, subscribeData: TAGS_WATCHED }), true);
  };

  it('does not fire "changed to Hot" when Enterprise is added to a deal that was already Hot', async () => {
    expect(await tagged(HOT)).toEqual([]);
  });

  it('fires "changed to Enterprise" when Enterprise was added and removed again before the run looked, once', async () => {
    const removed = '2025-02-03T16:20:05.000000000Z';
    const stays = () => {
      attio().get(recordPath(DEAL_1)).reply(200, { data: withTags(option(HOT, 'Hot', T0)) });
      attio().get(historyPath(DEAL_1, TAGS)).query({ show_historic: 'true' }).reply(200, { data: [option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2, removed)] });
    };
    const bundle = (idempotencyKey: string) =>
      deliver([updated(DEAL_1, TAGS)], { inputData: { object: 'deals', attributes: ['tags'], changed_to: [ENTERPRISE] }, subscribeData: { ...TAGS_WATCHED, subscribed_at: T1 }, idempotencyKey });
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    mockMember();
    stays();
    const out = await appTester(perform, bundle('idem-1'), true);
    expect(out.map((r) => [r.changes, r.changed_at, r.tags])).toEqual([[[{ attribute: 'tags', title: 'Tags', previous: 'Hot', current: 'Hot, Enterprise' }], '2025-02-03T16:20:00.123+00:00', 'Hot']]);
    stays();
    expect(await appTester(perform, bundle('idem-2'))).toEqual([]);
  });

  it('fires "changed to Enterprise" when Enterprise is added', async () => {
    mockMember();
    const out = await tagged(ENTERPRISE);
    expect(out.map((r) => r.changes)).toEqual([[{ attribute: 'tags', title: 'Tags', previous: 'Hot', current: 'Hot, Enterprise' }]]);
  });

  const watchTags = (changedTo: string[], idempotencyKey?: string) =>
    deliver([updated(DEAL_1, TAGS)], { inputData: { object: 'deals', attributes: ['tags'], changed_to: changedTo }, subscribeData: { ...TAGS_WATCHED, subscribed_at: T1 }, idempotencyKey });

  it('fires once when two chosen tags were added by one edit and both removed before the run looked (not two runs with one primary key)', async () => {
    const removed = '2025-02-03T16:20:05.000000000Z';
    const stays = () => {
      attio().get(recordPath(DEAL_1)).reply(200, { data: withTags(option(HOT, 'Hot', T0)) });
      attio()
        .get(historyPath(DEAL_1, TAGS))
        .query({ show_historic: 'true' })
        .reply(200, { data: [option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2, removed), option(PARTNER, 'Partner', T2, removed)] });
    };
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    mockMember();
    stays();
    const out = await appTester(perform, watchTags([ENTERPRISE, PARTNER], 'idem-1'), true);
    expect(out.map((r) => [r.changes, r.changed_at])).toEqual([[[{ attribute: 'tags', title: 'Tags', previous: 'Hot', current: 'Hot, Enterprise, Partner' }], '2025-02-03T16:20:00.123+00:00']]);
    stays();
    expect(await appTester(perform, watchTags([ENTERPRISE, PARTNER], 'idem-2'))).toEqual([]);
  });

  it('fires "changed to Enterprise" when a second quick edit added Partner before the run looked, once', async () => {
    const T3 = '2025-02-03T16:20:05.000000000Z';
    const both = () => {
      attio().get(recordPath(DEAL_1)).reply(200, { data: withTags(option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2), option(PARTNER, 'Partner', T3)) });
      attio()
        .get(historyPath(DEAL_1, TAGS))
        .query({ show_historic: 'true' })
        .reply(200, { data: [option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T2), option(PARTNER, 'Partner', T3)] });
    };
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    mockMember();
    both();
    // The Enterprise event, read after the Partner edit: the history's last change added Partner.
    const out = await appTester(perform, watchTags([ENTERPRISE], 'idem-1'), true);
    expect(out.map((r) => [r.changes, r.changed_at])).toEqual([[[{ attribute: 'tags', title: 'Tags', previous: 'Hot', current: 'Hot, Enterprise' }], '2025-02-03T16:20:00.123+00:00']]);
    // The Partner event: nothing new.
    both();
    expect(await appTester(perform, watchTags([ENTERPRISE], 'idem-2'))).toEqual([]);
  });
});

describe('triggers.updated_record: a multiselect cleared', () => {
  it('runs with every option it held as the previous value, nothing current, and the writer from the event', async () => {
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    mockMember();
    attio().get(recordPath(DEAL_1)).reply(200, { data: withTags() });
    attio()
      .get(historyPath(DEAL_1, TAGS))
      .query({ show_historic: 'true' })
      .reply(200, { data: [option(HOT, 'Hot', T0, T2), option(ENTERPRISE, 'Enterprise', T1, T2)] });
    const out = await appTester(perform, deliver([updated(DEAL_1, TAGS)]), true);
    expect(out.map((r) => [r.changes, r.changed_by, r.changed_at])).toEqual([
      [[{ attribute: 'tags', title: 'Tags', previous: 'Hot, Enterprise', current: null }], 'Ada Lovelace (ada@example.com)', '2025-02-03T16:20:00.123+00:00'],
    ]);
  });
});

describe('triggers.updated_record: two invocations racing over one record', () => {
  it('lists only the changes this invocation claimed: a change the other one claimed first is passed on by it, not twice', async () => {
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: DEAL_ATTRIBUTES });
    mockMember();
    attio().get(recordPath(DEAL_1)).reply(200, { data: deal(DEAL_1) });
    attio().get(historyPath(DEAL_1, STAGE)).query({ show_historic: 'true' }).reply(200, { data: stageHistory() });
    attio().get(historyPath(DEAL_1, AMOUNT)).query({ show_historic: 'true' }).reply(200, { data: amountHistory() });
    // Another invocation (the same change redelivered under another Idempotency-Key) claimed the amount's
    // transition first: Zapier's cache answers false to its set with nx.
    const held = `${stateKey(WEBHOOK_ID, DEAL_1, AMOUNT)}:`;
    const real = cache.cacheSet;
    const spy = jest.spyOn(cache, 'cacheSet').mockImplementation(async (...args) => (args[1].startsWith(held) && args[5] === true ? false : real(...args)));
    try {
      const out = await appTester(perform, deliver([updated(DEAL_1, STAGE), updated(DEAL_1, AMOUNT)]), true);
      expect(out.map((r) => [r.changed_attributes, r.changes])).toEqual([
        [['Deal stage'], [{ attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Won' }]],
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('triggers.updated_record: a long multiselect history', () => {
  it('reads on while the page holds fewer current values than the record: the option kept since the start is not the end', async () => {
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: ATTRIBUTES });
    mockMember();
    attio().get(recordPath(DEAL_1)).reply(200, { data: withTags(option(HOT, 'Hot', T0), option(PARTNER, 'Partner', T2)) });
    // Attio cut the history after two values (oldest first): Partner, added last, is on the next page.
    attio().get(historyPath(DEAL_1, TAGS)).query({ show_historic: 'true' }).reply(200, { data: [option(HOT, 'Hot', T0), option(ENTERPRISE, 'Enterprise', T0, T1)] });
    attio()
      .get(historyPath(DEAL_1, TAGS))
      .query({ show_historic: 'true', offset: '2' })
      .reply(200, { data: [option(PARTNER, 'Partner', T2)] });
    const out = await appTester(perform, deliver([updated(DEAL_1, TAGS)]), true);
    expect(out.map((r) => [r.changes, r.changed_at])).toEqual([
      [[{ attribute: 'tags', title: 'Tags', previous: 'Hot', current: 'Hot, Partner' }], '2025-02-03T16:20:00.123+00:00'],
    ]);
  });
});

describe('triggers.updated_record: the sample with attributes given by id', () => {
  it('ranks and describes the watched attribute as for its slug (subscribe accepts both)', async () => {
    attio()
      .post('/v2/objects/deals/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 50 })
      .reply(200, { data: [deal(DEAL_1)] });
    attio().get('/v2/objects/deals/attributes').reply(200, { data: DEAL_ATTRIBUTES });
    mockMember();
    attio().get(historyPath(DEAL_1, STAGE)).query({ show_historic: 'true' }).reply(200, { data: stageHistory() });
    const listed = await appTester(performList, makeBundle({ inputData: { object: 'deals', attributes: [STAGE] } }), true);
    expect(listed.map((r) => r.changes)).toEqual([[{ attribute: 'stage', title: 'Deal stage', previous: 'Demo booked', current: 'Won' }]]);
  });
});

describe('triggers.updated_record: a delivery with nothing to run', () => {
  it("says nothing about a misconfigured Changed To when the delivery held only the Zap's own write-back", async () => {
    const logged: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    try {
      attio().get('/v2/self').reply(200, SELF);
      const out = await appTester(
        perform,
        deliver([updated(DEAL_1, STAGE, APP)], { inputData: { object: 'deals', attributes: ['stage'], changed_to: [WON] }, subscribeData: { ...ANY, attribute_ids: STAGE } }),
        true,
      );
      expect(out).toEqual([]);
      expect(logged.join('\n')).toMatch(/Ignored 1 change\(s\) made through this Attio connection/);
      expect(logged.join('\n')).not.toMatch(/Changed To is set/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('triggers.updated_record: a record-reference attribute', () => {
  const COMPANY_ATTR = '00000000-0000-4000-8000-0000000a000c';
  const ACME = '00000000-0000-4000-8000-00000000c001';
  const GLOBEX = '00000000-0000-4000-8000-00000000c002';
  const link = (id: string, from: string, until: string | null = null) => ({
    active_from: from,
    active_until: until,
    created_by_actor: MEMBER,
    attribute_type: 'record-reference',
    target_object: 'companies',
    target_record_id: id,
  });
  const company = (id: string, name: string) => ({
    id: { workspace_id: WORKSPACE_ID, object_id: '00000000-0000-4000-8000-0000000000b2', record_id: id },
    created_at: T0,
    web_url: `https://app.attio.com/example/company/${id}/overview`,
    values: { name: [{ active_from: T0, active_until: null, created_by_actor: MEMBER, attribute_type: 'text', value: name }] },
  });
  const changedCompany = () => {
    attio().get(`/v2/objects/${DEALS_ID}/attributes`).reply(200, { data: [...DEAL_ATTRIBUTES, attribute(COMPANY_ATTR, 'associated_company', 'Company', 'record-reference')] });
    mockMember();
    attio().get(recordPath(DEAL_1)).reply(200, { data: { ...deal(DEAL_1), values: { ...deal(DEAL_1).values, associated_company: [link(GLOBEX, T2)] } } });
    attio().get(historyPath(DEAL_1, COMPANY_ATTR)).query({ show_historic: 'true' }).reply(200, { data: [link(ACME, T0, T2), link(GLOBEX, T2)] });
    return appTester(perform, deliver([updated(DEAL_1, COMPANY_ATTR)]), true);
  };

  it('names the linked records before and after (one query per target object, beside the member list)', async () => {
    attio()
      .post('/v2/objects/companies/records/query', { filter: { record_id: { $in: [ACME, GLOBEX] } }, limit: 2 })
      .reply(200, { data: [company(GLOBEX, 'Globex'), company(ACME, 'Acme Inc')] });
    const out = await changedCompany();
    expect(out.map((r) => r.changes)).toEqual([[{ attribute: 'associated_company', title: 'Company', previous: 'Acme Inc', current: 'Globex' }]]);
  });

  it('still runs, with the ids, when the linked records cannot be read', async () => {
    attio().post('/v2/objects/companies/records/query', { filter: { record_id: { $in: [ACME, GLOBEX] } }, limit: 2 }).reply(403, { status_code: 403, type: 'auth_error', code: 'forbidden', message: 'Missing scope.' });
    const out = await changedCompany();
    expect(out.map((r) => r.changes)).toEqual([[{ attribute: 'associated_company', title: 'Company', previous: `companies ${ACME}`, current: `companies ${GLOBEX}` }]]);
  });
});

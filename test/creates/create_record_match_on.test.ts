// create_record with Match On: deals without duplicates. z.cache's nx is simulated atomically (see
// test/helpers/nx_cache.ts): the app tester's own cache would let two racing runs both take the claim.
jest.mock('zapier-platform-core/src/tools/create-cache', () => require('../helpers/nx_cache').atomicNxCache());

import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import createRecord, { perform } from '../../src/creates/create_record';
import { clock } from '../../src/attio/request';
import { CLAIM_WAITS_MS } from '../../src/attio/claims';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { useVirtualClock } from '../helpers/clock';
import { nxLog, resetNxLog } from '../helpers/nx_cache';
import { COMPANY_ID, failure } from '../fixtures/people_companies';
import { DEAL_ID, dealAttributes, PROJECT_ID, projectAttributes, record, statuses, text } from '../fixtures/records';

const DEALS = '/v2/objects/deals/records';
const QUERY = `${DEALS}/query`;
const OTHER_DEAL_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const calls = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

type Perform = (z: ZObject, bundle: Bundle) => Promise<Record<string, unknown>>;
const run = (inputData: Record<string, unknown>) => appTester(perform as unknown as Perform, makeBundle({ inputData: { ...DEAL, ...inputData } }));

type FieldsFn = (z: ZObject, bundle: Bundle) => Promise<PlainInputField[]>;
const recordFields = (createRecord.operation.inputFields as unknown as [PlainInputField, FieldsFn])[1];

/** A deal from Stripe's invoice.paid: its name and company identify it. */
const DEAL = {
  object: 'deals',
  match_on: ['name', 'associated_company'],
  values__name: 'Acme renewal',
  values__stage: 'won',
  values__owner: 'alice@example.com',
  values__associated_company: `companies:${COMPANY_ID}`,
};
const VALUES = {
  name: [{ value: 'Acme renewal' }],
  stage: [{ status: 'Won' }],
  owner: [{ workspace_member_email_address: 'alice@example.com' }],
  associated_company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
};
/** Sorted by slug: the order the attributes were chosen in does not change the query (or the claim). */
const MATCH = {
  filter: { $and: [{ associated_company: { target_record_id: { $eq: COMPANY_ID } } }, { name: 'Acme renewal' }] },
  sorts: [{ attribute: 'created_at', direction: 'asc' }],
  limit: 6,
};
/** The app tester's z.cache store (core keeps it on the tester; its type does not say so). */
const cacheStore = () => (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj;
const deal = (id = DEAL_ID) => record('deals', id, { name: [text('Acme renewal')] });

/** The field load of deals (caches the attribute metadata, as after a Zap builder sets up the step). */
async function cacheDealFields(): Promise<PlainInputField[]> {
  attio().get('/v2/objects/deals/attributes').reply(200, { data: dealAttributes() });
  attio().get('/v2/objects/deals/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
  const fields = (await appTester(recordFields, makeBundle({ inputData: { object: 'deals' } }), true)) as PlainInputField[];
  return fields;
}

const time = useVirtualClock();
beforeEach(resetNxLog);

describe('creates.create_record with Match On', () => {
  it('offers Match On for deals: the searchable attributes, and help saying it protects against duplicates', async () => {
    const fields = await cacheDealFields();
    const matchOn = fields.find((f) => f.key === 'match_on');
    expect(matchOn).toMatchObject({ list: true, required: false });
    expect((matchOn?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(['name', 'stage', 'value', 'associated_people', 'associated_company']);
    expect(matchOn?.helpText).toMatch(/protects against duplicates/);
  });

  it('no match: queries, then creates (2 requests), holding the claim only while it writes', async () => {
    await cacheDealFields();
    const loaded = attioRequests().length;
    attio().post(QUERY, MATCH).reply(200, { data: [] });
    attio().post(DEALS, { data: { values: VALUES } }).reply(200, { data: deal() });

    const result = await run({});

    expect(result).toMatchObject({ id: DEAL_ID, object: 'deals' });
    expect(calls().slice(loaded)).toEqual([`POST ${QUERY}`, `POST ${DEALS}`]);
    expect(nxLog.asked).toHaveLength(1);
    expect(nxLog.asked[0]).toMatch(/^attio:match:deals:[0-9a-f]{64}$/);
    // Released: the next run can take it at once.
    expect(Object.keys(cacheStore())).not.toContain(nxLog.asked[0]);
  });

  it('one match: PUTs only the mapped attributes to it (2 requests), creating nothing', async () => {
    await cacheDealFields();
    const loaded = attioRequests().length;
    attio().post(QUERY, MATCH).reply(200, { data: [deal()] });
    attio().put(`${DEALS}/${DEAL_ID}`, { data: { values: VALUES } }).reply(200, { data: deal() });
    expect(await run({ match_on: ['associated_company', 'name'] })).toMatchObject({ id: DEAL_ID });
    expect(calls().slice(loaded)).toEqual([`POST ${QUERY}`, `PUT ${DEALS}/${DEAL_ID}`]);
  });

  it('a replay (Stripe sends invoice.paid again) updates the deal the first run created: still one deal', async () => {
    await cacheDealFields();
    attio().post(QUERY, MATCH).reply(200, { data: [] });
    attio().post(DEALS, { data: { values: VALUES } }).reply(200, { data: deal() });
    attio().post(QUERY, MATCH).reply(200, { data: [deal()] });
    attio().put(`${DEALS}/${DEAL_ID}`, { data: { values: VALUES } }).reply(200, { data: deal() });

    const first = await run({});
    const second = await run({});

    expect(second).toEqual(first);
    expect(attioRequests().filter((r) => r.method === 'POST' && r.url.endsWith(DEALS))).toHaveLength(1);
  });

  it('two runs at the same moment create one deal: the second waits for the claim, then finds and updates it', async () => {
    await cacheDealFields();
    // The first run's query is held until the second run has been refused the claim.
    const refused = new Promise<void>((resolve) => nxLog.listeners.push(() => resolve()));
    attio()
      .post(QUERY, MATCH)
      .reply((_uri, _body, cb) => void refused.then(() => cb(null, [200, { data: [] }])));
    attio().post(DEALS, { data: { values: VALUES } }).reply(200, { data: deal() });
    attio().post(QUERY, MATCH).reply(200, { data: [deal()] });
    attio().put(`${DEALS}/${DEAL_ID}`, { data: { values: VALUES } }).reply(200, { data: deal() });

    const first = run({});
    const firstDone = first.then(
      () => undefined,
      () => undefined,
    );
    // The waiting run's pause ends when the first run is done (on the virtual clock, no real sleep).
    jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
      time.waits.push(ms);
      await firstDone;
    });
    const second = run({});

    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ id: DEAL_ID });
    expect(b).toMatchObject({ id: DEAL_ID });
    expect(attioRequests().filter((r) => r.method === 'POST' && r.url.endsWith(DEALS))).toHaveLength(1);
    expect(attioRequests().filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(nxLog.refused).toHaveLength(1);
    expect(time.waits).toHaveLength(1);
  });

  it('a claim held throughout (the other run stalls) ends in ThrottledError after the waits, having written nothing', async () => {
    await cacheDealFields();
    const loaded = attioRequests().length;
    // Another invocation holds the claim: take it with the very key a run asks for.
    attio().post(QUERY, MATCH).reply(200, { data: [] });
    attio().post(DEALS, { data: { values: VALUES } }).reply(200, { data: deal() });
    await run({});
    const key = nxLog.asked[0] as string;
    cacheStore()[key] = JSON.stringify({ at: 0 });
    const before = attioRequests().length;

    const err = await failure(() => run({}));

    expect(err.name).toBe('ThrottledError');
    expect(err.message).toMatch(/Another run of this Zap is writing the record with Associated company ".*" and Deal name "Acme renewal" right now/);
    expect(time.waits.map((w) => w)).toEqual([...CLAIM_WAITS_MS]);
    expect(attioRequests().length).toBe(before);
    expect(before - loaded).toBe(2);
  });

  describe('a lost answer to the create (a 502 after the POST left) is resolved by the same match query', () => {
    // It used to end in "may or may not have happened: check Attio before replaying", though the match finds it.
    const recent = () => ({ ...deal(), created_at: new Date(clock.now()).toISOString() });

    it('found: the deal the lost create wrote is returned, nothing written twice (query, POST, query)', async () => {
      await cacheDealFields();
      const loaded = attioRequests().length;
      attio().post(QUERY, MATCH).reply(200, { data: [] });
      attio().post(DEALS, { data: { values: VALUES } }).reply(502, 'Bad Gateway');
      attio().post(QUERY, MATCH).reply(200, { data: [recent()] });
      expect(await run({})).toMatchObject({ id: DEAL_ID });
      expect(calls().slice(loaded)).toEqual([`POST ${QUERY}`, `POST ${DEALS}`, `POST ${QUERY}`]);
    });

    it('surely absent: created once more', async () => {
      await cacheDealFields();
      attio().post(QUERY, MATCH).reply(200, { data: [] });
      attio().post(DEALS, { data: { values: VALUES } }).reply(502, 'Bad Gateway');
      attio().post(QUERY, MATCH).reply(200, { data: [] });
      attio().post(DEALS, { data: { values: VALUES } }).reply(200, { data: deal() });
      expect(await run({})).toMatchObject({ id: DEAL_ID });
    });

    it('several or an older one: cannot tell, so the "may or may not" error stands and nothing more is written', async () => {
      await cacheDealFields();
      attio().post(QUERY, MATCH).reply(200, { data: [] });
      attio().post(DEALS, { data: { values: VALUES } }).reply(502, 'Bad Gateway');
      attio().post(QUERY, MATCH).reply(200, { data: [recent(), { ...deal(OTHER_DEAL_ID), created_at: new Date(clock.now()).toISOString() }] });
      expect((await failure(() => run({}))).message).toMatch(/may or may not have happened/);
      expect(attioRequests().filter((r) => r.method === 'POST' && r.url.endsWith(DEALS))).toHaveLength(1);
    });
  });

  it('matches a domain as it writes it: with Keep Subdomains, eu.acme.com is looked up, so the replay finds the record', async () => {
    // The query used to reduce eu.acme.com to acme.com while the create wrote eu.acme.com: every run added a record.
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    attio()
      .post('/v2/objects/projects/records/query', { filter: { site: 'eu.acme.com' }, sorts: [{ attribute: 'created_at', direction: 'asc' }], limit: 6 })
      .reply(200, { data: [] });
    attio()
      .post('/v2/objects/projects/records', { data: { values: { name: [{ value: 'Apollo' }], site: [{ domain: 'eu.acme.com' }] } } })
      .reply(200, { data: record('projects', PROJECT_ID, { name: [text('Apollo')] }) });
    const result = await appTester(perform as unknown as Perform, makeBundle({ inputData: { object: 'projects', match_on: 'site', values__name: 'Apollo', values__site: 'https://eu.acme.com/', keep_subdomains: true } }));
    expect(result).toMatchObject({ id: PROJECT_ID });
  });

  it('several matches write nothing and list the candidates with names, IDs and links', async () => {
    await cacheDealFields();
    const other = deal(OTHER_DEAL_ID);
    attio().post(QUERY, MATCH).reply(200, { data: [deal(), other] });
    const err = await failure(() => run({}));
    expect(err.message).toMatch(/^2 records in "deals" have Associated company ".*" and Deal name "Acme renewal", so none was updated or created: "Acme renewal" \(ID d4c3b2a1/);
    expect(err.message).toContain(other.web_url);
    expect(err.message).toMatch(/Add an attribute to Match On that tells them apart/);
    expect(attioRequests().filter((r) => r.method === 'PUT' || r.url.endsWith(DEALS))).toHaveLength(0);
  });

  it('names a matched value with a comma in it whole in its messages (it was cut at the comma)', async () => {
    await cacheDealFields();
    const matchComma = { ...MATCH, filter: { $and: [MATCH.filter.$and[0], { name: 'Acme, Inc renewal' }] } };
    attio().post(QUERY, matchComma).reply(200, { data: [deal(), deal(OTHER_DEAL_ID)] });
    const err = await failure(() => run({ values__name: 'Acme, Inc renewal' }));
    expect(err.message).toMatch(/have Associated company ".*" and Deal name "Acme, Inc renewal", so none was updated or created/);
  });

  describe('refuses before any request', () => {
    it.each([
      [{ match_on: ['name', 'stage', 'value', 'associated_company'], values__value: '10' }, /^Match On has 4 attributes; choose at most 3/],
      [{ matching_attribute: 'name' }, /^Both Matching Attribute and Match On are filled/],
      [{ match_on: ['name', 'value'] }, /^Match On includes "Deal value", but the Deal value field is empty/],
      [{ match_on: ['constructor'] }, /^Match On "constructor" is not an attribute of "deals" that records can be matched on/],
      [{ match_on: ['owner'] }, /^Match On "owner" is not an attribute of "deals" that records can be matched on/],
      [{ match_on: { name: true } }, /^Match On "\{"name":true\}" is a group of fields/],
      [{ values__associated_company: 'acme.com' }, /^Match On includes "Associated company", whose value "acme.com" is not a record ID\. Match On compares linked records by ID/],
    ])('%j', async (inputData, message) => {
      await cacheDealFields();
      const loaded = attioRequests().length;
      expect((await failure(() => run(inputData))).message).toMatch(message);
      expect(attioRequests().length).toBe(loaded);
      expect(nxLog.asked).toHaveLength(0);
    });
  });
});

import findRecords, { perform } from '../../src/searches/find_records';
import { queryRecordsUpTo } from '../../src/attio/endpoints';
import { appTester, attio, attioErrorBody, makeBundle, loadInputFields } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, COMPANY_ID, failure, value } from '../fixtures/people_companies';
import { dealAttributes, DEAL_ID, DEALS_OBJECT_ID, record, statuses, text } from '../fixtures/records';
import type { ZObject } from 'zapier-platform-core';

const QUERY = '/v2/objects/deals/records/query';
const SORTS = [{ attribute: 'created_at', direction: 'asc' }];
const OTHER_DEAL_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const paths = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The deals field load: the attributes, then the statuses of the stage. */
async function cacheDealFields(): Promise<number> {
  attio().get('/v2/objects/deals/attributes').reply(200, { data: dealAttributes() });
  attio().get('/v2/objects/deals/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
  await loadInputFields(findRecords, { object: 'deals' });
  return sentRequests().length;
}

const find = (inputData: Record<string, unknown>) =>
  appTester(perform, makeBundle({ inputData: { object: 'deals', ...inputData } }) as never) as Promise<Array<Record<string, unknown>>>;

const deal = (id: string, name: string) => record('deals', id, { name: [text(name)] }, DEALS_OBJECT_ID);

const WON_AT_ACME = {
  $and: [{ stage: 'Won' }, { associated_company: { target_record_id: { $eq: COMPANY_ID } } }],
};

describe('searches.find_records', () => {
  it('ANDs both conditions in one query (1 request once the fields are cached) and returns every match in one item', async () => {
    const loaded = await cacheDealFields();
    attio()
      .post(QUERY, { filter: WON_AT_ACME, sorts: SORTS, limit: 25, offset: 0 })
      .reply(200, { data: [deal(DEAL_ID, 'Renewal'), deal(OTHER_DEAL_ID, 'Upsell')] });

    const result = await find({ attribute: 'stage', value: 'won', attribute_2: 'associated_company', value_2: `companies:${COMPANY_ID}` });

    expect(paths().slice(loaded)).toEqual([`POST ${QUERY}`]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      count: 2,
      ids: [DEAL_ID, OTHER_DEAL_ID],
      records: [expect.objectContaining({ id: DEAL_ID, name: 'Renewal', object: 'deals' }), expect.objectContaining({ id: OTHER_DEAL_ID, name: 'Upsell' })],
    });
  });

  it('one condition is sent as it is; a replay asks the same and gets the same', async () => {
    await cacheDealFields();
    attio().post(QUERY, { filter: { stage: 'Won' }, sorts: SORTS, limit: 3, offset: 0 }).times(2).reply(200, { data: [deal(DEAL_ID, 'Renewal')] });
    const first = await find({ attribute: 'stage', value: 'Won', limit: '3' });
    expect(await find({ attribute: 'stage', value: 'Won', limit: 3 })).toEqual(first);
    expect(first[0]).toMatchObject({ count: 1, ids: [DEAL_ID] });
  });

  it('finds nothing as an empty result, never an error', async () => {
    await cacheDealFields();
    attio().post(QUERY, { filter: { stage: 'Lead' }, sorts: SORTS, limit: 25, offset: 0 }).reply(200, { data: [] });
    expect(await find({ attribute: 'stage', value: 'Lead' })).toEqual([]);
  });

  it("surfaces Attio's errors", async () => {
    await cacheDealFields();
    attio().post(QUERY, { filter: { stage: 'Won' }, sorts: SORTS, limit: 25, offset: 0 }).reply(400, attioErrorBody(400, 'filter_error', 'Bad filter'));
    expect((await failure(() => find({ attribute: 'stage', value: 'Won' }))).message).toMatch(/Attio could not find records in "deals" by Deal stage\. Attio said: Bad filter\./);
  });

  it('a domain with Keep Subdomains finds the subdomain companies, not the parent; the field is offered', async () => {
    attio().get('/v2/objects/companies/attributes').reply(200, {
      data: [attribute('domains', 'domain', { is_system_attribute: true, is_multiselect: true, is_unique: true, title: 'Domains' })],
    });
    const fields = await loadInputFields(findRecords, { object: 'companies' });
    expect(fields.map((f) => f.key)).toContain('keep_subdomains');
    attio().post('/v2/objects/companies/records/query', { filter: { domains: 'eu.acme.com' }, sorts: SORTS, limit: 25, offset: 0 }).reply(200, { data: [] });
    expect(await find({ object: 'companies', attribute: 'domains', value: 'eu.acme.com', keep_subdomains: true })).toEqual([]);
  });

  it('an object with nothing to match but its Record ID gets no Second Attribute dropdown (never an empty choice list)', async () => {
    attio()
      .get('/v2/objects/meetups/attributes')
      .reply(200, { data: [attribute('host', 'actor-reference', { title: 'Host' }), attribute('starts_at', 'timestamp', { title: 'Starts at' })] });
    const fields = await loadInputFields(findRecords, { object: 'meetups' });
    expect(fields.map((f) => f.key)).toEqual(['object', 'attribute', 'value', 'value_2', 'limit']);
    expect(fields[1]?.choices).toEqual([{ value: 'record_id', label: 'Record ID', sample: 'record_id' }]);
  });

  it('attributes handed over as lists of one (mapped line items) are those attributes', async () => {
    const loaded = await cacheDealFields();
    attio().post(QUERY, { filter: WON_AT_ACME, sorts: SORTS, limit: 25, offset: 0 }).reply(200, { data: [] });
    expect(await find({ attribute: ['stage'], value: 'won', attribute_2: ['associated_company'], value_2: `companies:${COMPANY_ID}` })).toEqual([]);
    expect(sentRequests().length - loaded).toBe(1);
  });

  it('names the members in the records it returns (owner name and email), as Find Record does, with one member lookup for all', async () => {
    const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
    const loaded = await cacheDealFields();
    const owned = (id: string) =>
      record('deals', id, { name: [text('Renewal')], owner: [value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: MEMBER_ID })] }, DEALS_OBJECT_ID);
    attio().post(QUERY, { filter: { stage: 'Won' }, sorts: SORTS, limit: 25, offset: 0 }).reply(200, { data: [owned(DEAL_ID), owned(OTHER_DEAL_ID)] });
    attio()
      .get('/v2/workspace_members')
      .reply(200, {
        data: [{ id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', workspace_member_id: MEMBER_ID }, first_name: 'Alice', last_name: 'Ng', avatar_url: null, email_address: 'alice@example.com', access_level: 'member', created_at: '2025-01-01T00:00:00.000000000Z' }],
      });
    const [result] = await find({ attribute: 'stage', value: 'won' });
    expect((result?.records as Array<Record<string, unknown>>).map((r) => [r.owner_name, r.owner_email])).toEqual([
      ['Alice Ng', 'alice@example.com'],
      ['Alice Ng', 'alice@example.com'],
    ]);
    expect(paths().slice(loaded)).toEqual([`POST ${QUERY}`, 'GET /v2/workspace_members']);
  });

  describe('refuses before any request', () => {
    it.each([
      [{ attribute: 'stage', value: 'Won', limit: '0' }, /^Limit "0" is not a whole number from 1 to 500/],
      [{ attribute: 'stage', value: 'Won', limit: 501 }, /^Limit "501" is not a whole number/],
      [{ attribute: 'stage', value: 'Won', limit: '2.5' }, /^Limit "2.5" is not a whole number/],
      [{ attribute: 'stage', value: 'Won', attribute_2: 'name' }, /^Second Value is empty, but Second Attribute is chosen/],
      [{ attribute: 'stage', value: 'Won', value_2: 'Acme' }, /^Second Value is filled, but no Second Attribute is chosen/],
      [{ attribute: '', value: 'Won' }, /^Attribute is empty/],
      [{ attribute: 'stage', value: '' }, /^Value "" is empty/],
      [{ attribute: 'stage', value: 'Lost' }, /^Value "Lost" is not an option of this field in Attio\. Valid options: "Lead", "Won"/],
      [{ attribute: 'record_id', value: 'not-an-id' }, /^Value "not-an-id" is not an Attio record ID/],
    ])('%j', async (inputData, message) => {
      const loaded = await cacheDealFields();
      if (String(inputData.value) === 'Lost') {
        // An unknown option is re-fetched once (it may have been added since the fields loaded).
        attio().get('/v2/objects/deals/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
      }
      expect((await failure(() => find(inputData))).message).toMatch(message);
      expect(sentRequests().filter((r) => r.method === 'POST')).toHaveLength(0);
      if (String(inputData.value) !== 'Lost') expect(sentRequests()).toHaveLength(loaded);
    });
  });

  it('queryRecordsUpTo pages by offset until the limit or a short page: one request per page', async () => {
    const body = (limit: number, offset: number) => ({ filter: { stage: 'Won' }, sorts: SORTS, limit, offset });
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
    attio().post(QUERY, body(2, 0)).reply(200, { data: [deal(ids[0] as string, 'A'), deal(ids[1] as string, 'B')] });
    attio().post(QUERY, body(2, 2)).reply(200, { data: [deal(ids[2] as string, 'C')] });
    const found = (await appTester(
      (z: ZObject) => queryRecordsUpTo(z, 'deals', { filter: { stage: 'Won' }, sorts: [{ attribute: 'created_at', direction: 'asc' }] }, 5, 'find deals', 2),
      makeBundle(),
    )) as Array<{ id: { record_id: string } }>;
    expect(found.map((r) => r.id.record_id)).toEqual(ids);
    expect(sentRequests()).toHaveLength(2);
  });
});

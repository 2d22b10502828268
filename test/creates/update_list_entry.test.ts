import updateListEntry, { perform } from '../../src/creates/update_list_entry';
import { appTester, attio, attioErrorBody, makeBundle, loadInputFields } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { ENTRY_ID, entry, LIST_ID, listAttribute, listResponse, status, statuses } from '../fixtures/lists';
import { failure, options, PERSON_ID, value } from '../fixtures/people_companies';

const ENTRY = `/v2/lists/sales/entries/${ENTRY_ID}`;
const QUERY = '/v2/lists/sales/entries/query';
const OTHER_ENTRY_ID = '3f7f3afb-d5f1-4f55-953e-89b9a0b9d267';
const paths = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData: { list: 'sales', ...inputData } }) as never) as Promise<Record<string, unknown>>;

/** The field load of the list (caching its attribute metadata), then the list metadata (cached too). */
async function warm(): Promise<number> {
  attio()
    .get('/v2/lists/sales/attributes')
    .reply(200, { data: [listAttribute('stage', 'status', { title: 'Stage', is_required: true }), listAttribute('tags', 'select', { title: 'Tags', is_multiselect: true })] })
    .get('/v2/lists/sales/attributes/stage/statuses')
    .reply(200, { data: statuses(['Lead', 'Qualified', 'Won']) })
    .get('/v2/lists/sales/attributes/tags/options')
    .reply(200, { data: options(['Hot', 'Cold']) })
    .get('/v2/lists/sales')
    .reply(200, listResponse());
  await loadInputFields(updateListEntry, { list: 'sales' });
  await appTester(async (z: Parameters<typeof perform>[0]) => (await import('../../src/attio/lists')).listMeta(z, 'sales'), makeBundle());
  return sentRequests().length;
}

const STAGE = { data: { entry_values: { stage: [{ status: 'Won' }] } } };
const byParent = { filter: { path: [[LIST_ID, 'parent_record'], ['people', 'record_id']], constraints: { $eq: PERSON_ID } }, limit: 2 };

describe('creates.update_list_entry', () => {
  it('with the entry ID: one PATCH of the mapped values, none created', async () => {
    const loaded = await warm();
    attio().patch(ENTRY, STAGE).reply(200, { data: entry({ stage: [status('Won')] }) });
    const result = await run({ entry_id: ENTRY_ID, values__stage: 'won' });
    expect(paths().slice(loaded)).toEqual([`PATCH ${ENTRY}`]);
    expect(result).toMatchObject({ id: ENTRY_ID, list: 'sales', stage: 'Won', parent_record_id: PERSON_ID });
  });

  it('with the parent record: finds its entry, then updates it (2 requests); replace mode PUTs', async () => {
    const loaded = await warm();
    attio().post(QUERY, byParent).reply(200, { data: [entry()] });
    attio().put(ENTRY, { data: { entry_values: { tags: [{ option: 'Hot' }] } } }).reply(200, { data: entry() });
    await run({ parent_record_id: PERSON_ID, multiselect_mode: 'Replace', values__tags: ['hot'] });
    expect(paths().slice(loaded)).toEqual([`POST ${QUERY}`, `PUT ${ENTRY}`]);
  });

  it("by a person's email: the query drills through the parent record, no lookup first", async () => {
    const loaded = await warm();
    attio()
      .post(QUERY, { filter: { path: [[LIST_ID, 'parent_record'], ['people', 'email_addresses']], constraints: { email_address: { $eq: 'ada@example.com' } } }, limit: 2 })
      .reply(200, { data: [entry()] });
    attio().patch(ENTRY, STAGE).reply(200, { data: entry() });
    await run({ parent_email: ' Ada@Example.com ', values__stage: 'Won' });
    expect(sentRequests().length - loaded).toBe(2);
  });

  it("by a company's domain with Keep Subdomains: the subdomain company's entry, not its parent's", async () => {
    attio().get('/v2/lists/accounts').reply(200, listResponse({ api_slug: 'accounts', name: 'Accounts', parent_object: ['companies'] }));
    attio()
      .get('/v2/lists/accounts/attributes')
      .reply(200, { data: [listAttribute('stage', 'status', { title: 'Stage' })] })
      .get('/v2/lists/accounts/attributes/stage/statuses')
      .reply(200, { data: statuses(['Lead', 'Won']) });
    attio()
      .post('/v2/lists/accounts/entries/query', { filter: { path: [[LIST_ID, 'parent_record'], ['companies', 'domains']], constraints: { domain: { $eq: 'eu.acme.com' } } }, limit: 2 })
      .reply(200, { data: [] });
    const err = await failure(() => run({ list: 'accounts', parent_domain: 'eu.acme.com', keep_subdomains: true, values__stage: 'Won' }));
    expect(err.message).toMatch(/^The company eu\.acme\.com is not on the list "Accounts"/);
  });

  it('offers Phone Country when the list has a phone attribute, and reads a national number with it', async () => {
    // The phone refusal asks for Phone Country, which this step did not offer.
    attio().get('/v2/lists/sales/attributes').reply(200, { data: [listAttribute('hotline', 'phone-number', { title: 'Hotline' })] });
    const fields = await loadInputFields(updateListEntry, { list: 'sales' });
    expect(fields.filter((f) => f.key === 'phone_country')).toHaveLength(1);
    attio().get('/v2/lists/sales/attributes').reply(200, { data: [listAttribute('hotline', 'phone-number', { title: 'Hotline' })] });
    attio().patch(ENTRY, { data: { entry_values: { hotline: [{ original_phone_number: '020 7946 0958', country_code: 'GB' }] } } }).reply(200, { data: entry() });
    await appTester(perform, makeBundle({ inputData: { list: 'sales', entry_id: ENTRY_ID, values__hotline: '020 7946 0958', phone_country: 'gb' } }) as never, true);
  });

  it('names the members in the entry it returns (owner name and email), as Add or Update List Entry does', async () => {
    const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
    const loaded = await warm();
    attio()
      .patch(ENTRY, STAGE)
      .reply(200, { data: entry({ stage: [status('Won')], owner: [value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: MEMBER_ID })] }) });
    attio()
      .get('/v2/workspace_members')
      .reply(200, {
        data: [{ id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', workspace_member_id: MEMBER_ID }, first_name: 'Alice', last_name: 'Ng', avatar_url: null, email_address: 'alice@example.com', access_level: 'member', created_at: '2025-01-01T00:00:00.000000000Z' }],
      });
    const result = await run({ entry_id: ENTRY_ID, values__stage: 'won' });
    expect(result).toMatchObject({ id: ENTRY_ID, stage: 'Won', owner: MEMBER_ID, owner_name: 'Alice Ng', owner_email: 'alice@example.com' });
    expect(paths().slice(loaded)).toEqual([`PATCH ${ENTRY}`, 'GET /v2/workspace_members']);
  });

  it('a replay sends the same update and gets the same entry', async () => {
    await warm();
    attio().patch(ENTRY, STAGE).times(2).reply(200, { data: entry({ stage: [status('Won')] }) });
    const first = await run({ entry_id: ENTRY_ID, values__stage: 'Won' });
    expect(await run({ entry_id: ENTRY_ID, values__stage: 'Won' })).toEqual(first);
  });

  it('a record not on the list is an error naming the list and the record, and nothing is created', async () => {
    await warm();
    attio().post(QUERY, byParent).reply(200, { data: [] });
    const err = await failure(() => run({ parent_record_id: PERSON_ID, values__stage: 'Won' }));
    expect(err.message).toBe(`The record ${PERSON_ID} is not on the list "Sales" (or does not exist in Attio), so no entry was updated. Use Add or Update List Entry to put it on the list.`);
    expect(sentRequests().some((r) => r.method === 'PUT' || r.method === 'PATCH')).toBe(false);
  });

  it('a record on the list twice is an error asking for the entry', async () => {
    await warm();
    attio().post(QUERY, byParent).reply(200, { data: [entry(), entry({}, { id: { workspace_id: 'w', list_id: LIST_ID, entry_id: OTHER_ENTRY_ID } })] });
    expect((await failure(() => run({ parent_record_id: PERSON_ID, values__stage: 'Won' }))).message).toMatch(/more than once .* Pick the entry to update in Entry/);
  });

  it('an entry ID that does not exist is a clear error naming the list', async () => {
    await warm();
    attio().patch(ENTRY, STAGE).reply(404, attioErrorBody(404, 'not_found', `List entry with ID "${ENTRY_ID}" not found.`));
    expect((await failure(() => run({ entry_id: ENTRY_ID, values__stage: 'Won' }))).message).toMatch(/^The list "sales" has no entry with the ID "2e6e29ea/);
  });

  describe('refuses before any request', () => {
    it.each([
      [{ values__stage: 'Won' }, /^Record is empty\. Pick the record, or fill in Person Email/],
      [{ entry_id: ENTRY_ID, parent_record_id: PERSON_ID, values__stage: 'Won' }, /^Both Entry and a record/],
      [{ parent_record_id: PERSON_ID, parent_email: 'ada@example.com', values__stage: 'Won' }, /^Record and Person Email are both filled/],
      [{ entry_id: 'entry one', values__stage: 'Won' }, /^Entry "entry one" is not an Attio record ID/],
      [{ parent_email: 'not-an-email', values__stage: 'Won' }, /^Person Email "not-an-email"/],
      [{ entry_id: ENTRY_ID, multiselect_mode: 'constructor', values__stage: 'Won' }, /^Multiselect Mode "constructor" is not one of the choices/],
      [{ entry_id: ENTRY_ID } as Record<string, unknown>, /^No field of the list is mapped/],
      [{ entry_id: ENTRY_ID, values__stage: 'Lost' }, /^Stage "Lost" is not an option/],
      [{ parent_domain: 'acme.com', values__stage: 'Won' }, /^Company Domain finds companies, but the list "Sales" holds people records/],
    ])('%j', async (inputData, message) => {
      const loaded = await warm();
      // An unknown option is re-fetched once, in case it was added since the fields loaded.
      if ((inputData as Record<string, unknown>).values__stage === 'Lost') attio().get('/v2/lists/sales/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
      expect((await failure(() => run(inputData))).message).toMatch(message);
      expect(sentRequests().slice(loaded).filter((r) => r.method !== 'GET')).toEqual([]);
    });
  });
});

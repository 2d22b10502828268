import removeFromList, { perform } from '../../src/creates/remove_from_list';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { ENTRY_ID, entry, LIST_ID, listResponse } from '../fixtures/lists';
import { COMPANY_ID, failure, PERSON_ID } from '../fixtures/people_companies';

const QUERY = '/v2/lists/sales/entries/query';
const OTHER_ENTRY_ID = '3f7f3afb-d5f1-4f55-953e-89b9a0b9d267';
const byParent = { filter: { path: [[LIST_ID, 'parent_record'], ['people', 'record_id']], constraints: { $eq: PERSON_ID } }, limit: 500 };
const paths = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

const run = (inputData: Record<string, unknown>, fresh = false) =>
  appTester(perform, makeBundle({ inputData: { list: 'sales', ...inputData } }) as never, fresh) as Promise<Record<string, unknown>>;

/** Caches the list metadata (as after the first use of the list): returns the requests that took. */
async function warm(): Promise<number> {
  attio().get('/v2/lists/sales').reply(200, listResponse());
  attio().post(QUERY, byParent).reply(200, { data: [] });
  await run({ parent_record_id: PERSON_ID }, true);
  return sentRequests().length;
}

describe('creates.remove_from_list', () => {
  it('queries the entries of the record, then deletes every one concurrently (1 + one per entry)', async () => {
    const loaded = await warm();
    attio().post(QUERY, byParent).reply(200, { data: [entry(), entry({}, { id: { workspace_id: 'w', list_id: LIST_ID, entry_id: OTHER_ENTRY_ID } })] });
    // Both deletes must be in flight before either answers.
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((resolve) => (release = resolve));
    for (const id of [ENTRY_ID, OTHER_ENTRY_ID]) {
      attio()
        .delete(`/v2/lists/sales/entries/${id}`)
        .reply((_uri, _body, cb) => {
          arrived += 1;
          if (arrived === 2) release();
          void both.then(() => cb(null, [200, {}]));
        });
    }

    const result = await run({ parent_record_id: PERSON_ID });

    expect(result).toEqual({ removed: 2, entry_ids: [ENTRY_ID, OTHER_ENTRY_ID], list: 'sales', parent_record_id: PERSON_ID });
    const [query, ...deletes] = paths().slice(loaded);
    expect(query).toEqual(`POST ${QUERY}`);
    // Concurrent: they may arrive in either order.
    expect(deletes.sort()).toEqual([`DELETE /v2/lists/sales/entries/${ENTRY_ID}`, `DELETE /v2/lists/sales/entries/${OTHER_ENTRY_ID}`].sort());
  });

  it('a record not on the list (a replay) is success with removed: 0', async () => {
    await warm();
    attio().post(QUERY, byParent).reply(200, { data: [] });
    expect(await run({ parent_record_id: PERSON_ID })).toEqual({ removed: 0, entry_ids: [], list: 'sales', parent_record_id: PERSON_ID });
    expect(sentRequests().some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('one entry refused while another was removed: the error says which was removed, keeping Attio\'s reason and code', async () => {
    await warm();
    attio().post(QUERY, byParent).reply(200, { data: [entry(), entry({}, { id: { workspace_id: 'w', list_id: LIST_ID, entry_id: OTHER_ENTRY_ID } })] });
    attio().delete(`/v2/lists/sales/entries/${ENTRY_ID}`).reply(200, {});
    attio().delete(`/v2/lists/sales/entries/${OTHER_ENTRY_ID}`).reply(403, attioErrorBody(403, 'forbidden', 'Missing scope'));
    const err = await failure(() => run({ parent_record_id: PERSON_ID }));
    expect(err.message).toMatch(
      new RegExp(`^1 of the 2 entries of the record ${PERSON_ID} on the list "Sales" was removed \\(${ENTRY_ID}\\), but the entry ${OTHER_ENTRY_ID} was not: Attio did not allow this connection to remove the entry ${OTHER_ENTRY_ID}.*list_entry:read-write`),
    );
    expect(err.code).toBe('forbidden');
  });

  it('an entry a racing run removed first (404) is not counted', async () => {
    await warm();
    attio().post(QUERY, byParent).reply(200, { data: [entry()] });
    attio().delete(`/v2/lists/sales/entries/${ENTRY_ID}`).reply(404, attioErrorBody(404, 'not_found', 'List entry not found.'));
    expect(await run({ parent_record_id: PERSON_ID })).toMatchObject({ removed: 0, entry_ids: [] });
  });

  it("by a company's domain on a company list", async () => {
    attio().get('/v2/lists/accounts').reply(200, listResponse({ api_slug: 'accounts', name: 'Accounts', parent_object: ['companies'] }));
    attio()
      .post('/v2/lists/accounts/entries/query', {
        filter: { path: [[LIST_ID, 'parent_record'], ['companies', 'domains']], constraints: { domain: { $eq: 'acme.com' } } },
        limit: 500,
      })
      .reply(200, { data: [entry({}, { parent_object: 'companies', parent_record_id: COMPANY_ID })] });
    attio().delete(`/v2/lists/accounts/entries/${ENTRY_ID}`).reply(200, {});
    expect(await run({ list: 'accounts', parent_domain: 'https://www.acme.com/about' }, true)).toEqual({
      removed: 1,
      entry_ids: [ENTRY_ID],
      list: 'accounts',
      parent_record_id: COMPANY_ID,
    });
  });

  it("by a company's domain with Keep Subdomains: the subdomain company's entry, never its parent's (the field is offered)", async () => {
    // eu.acme.com used to be read as acme.com: the parent company was taken off the list instead.
    expect((removeFromList.operation.inputFields ?? []).map((f) => (f as { key: string }).key)).toContain('keep_subdomains');
    attio().get('/v2/lists/accounts').reply(200, listResponse({ api_slug: 'accounts', name: 'Accounts', parent_object: ['companies'] }));
    attio()
      .post('/v2/lists/accounts/entries/query', {
        filter: { path: [[LIST_ID, 'parent_record'], ['companies', 'domains']], constraints: { domain: { $eq: 'eu.acme.com' } } },
        limit: 500,
      })
      .reply(200, { data: [] });
    expect(await run({ list: 'accounts', parent_domain: 'https://eu.acme.com/', keep_subdomains: 'true' }, true)).toMatchObject({ removed: 0 });
  });

  it('a list that does not exist is an error', async () => {
    attio().get('/v2/lists/nope').reply(404, attioErrorBody(404, 'not_found', 'List with slug/ID "nope" not found.'));
    expect((await failure(() => run({ list: 'nope', parent_record_id: PERSON_ID }, true))).message).toMatch(/find the list "nope"/);
  });

  describe('refuses before any request', () => {
    it.each([
      [{}, /^Record is empty/],
      [{ parent_record_id: 'Ada' }, /^Record "Ada" is not an Attio record ID/],
      [{ parent_email: 'ada@example.com', parent_domain: 'acme.com' }, /^Person Email and Company Domain are both filled/],
      [{ parent_domain: 'not a domain' }, /^Company Domain "not a domain"/],
    ])('%j', async (inputData, message) => {
      expect((await failure(() => run(inputData, true))).message).toMatch(message);
      expect(sentRequests()).toHaveLength(0);
    });
  });
});

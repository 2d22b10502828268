import { perform } from '../../src/searches/find_list_entry';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { ENTRY_ID, entry, LIST_ID, listResponse, status } from '../fixtures/lists';
import { PERSON_ID } from '../fixtures/people_companies';

/**
 * A bundle typed for this perform: its input type has an index signature (the shared listField's key is
 * typed string), which makeBundle's Record<string, unknown> does not satisfy.
 */
type Input = Parameters<typeof perform>[1]['inputData'];
const bundleOf = (inputData: Input) => ({ ...makeBundle(), inputData });

/** The filter Attio documents for "entries whose parent is this record": a path through parent_record. */
const byParent = (object = 'people') => ({
  path: [
    [LIST_ID, 'parent_record'],
    [object, 'record_id'],
  ],
  constraints: { $eq: PERSON_ID },
});

const FRESH_CACHE = true;

describe('searches.find_list_entry', () => {
  it("finds the record's entry with its list values; the list's parent object is fetched on first use only", async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio()
      .post('/v2/lists/sales/entries/query', { filter: byParent(), limit: 1 })
      .times(2)
      .reply(200, { data: [entry({ stage: [status('Qualified')] })] });

    const bundle = bundleOf({ list: 'sales', parent_record_id: PERSON_ID });
    const first = await appTester(perform, bundle, FRESH_CACHE);
    expect(sentRequests()).toHaveLength(2);
    const second = await appTester(perform, bundle);
    expect(sentRequests()).toHaveLength(3); // one request per search once the list is cached

    expect(first).toEqual([
      {
        stage: 'Qualified',
        stage_status_id: '00000000-0000-4000-8000-0000000000f2',
        id: ENTRY_ID,
        entry_id: ENTRY_ID,
        list: 'sales',
        list_id: LIST_ID,
        parent_record_id: PERSON_ID,
        parent_object: 'people',
        created_at: '2025-01-15T10:30:00.061+00:00',
      },
    ]);
    expect(second).toEqual(first);
  });

  it('returns [] when the record is not on the list', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio().post('/v2/lists/sales/entries/query', { filter: byParent(), limit: 1 }).reply(200, { data: [] });

    await expect(appTester(perform, bundleOf({ list: 'sales', parent_record_id: PERSON_ID }), FRESH_CACHE)).resolves.toEqual([]);
  });

  it('looks through every parent object of a legacy list that holds several', async () => {
    attio().get('/v2/lists/legacy').reply(200, listResponse({ api_slug: 'legacy', parent_object: ['people', 'companies'] }));
    attio()
      .post('/v2/lists/legacy/entries/query', { filter: { $or: [byParent('people'), byParent('companies')] }, limit: 1 })
      .reply(200, { data: [entry()] });

    const result = await appTester(perform, bundleOf({ list: 'legacy', parent_record_id: PERSON_ID }), FRESH_CACHE);
    expect(result).toMatchObject([{ id: ENTRY_ID, list: 'legacy' }]);
  });

  it('turns an Attio error into an actionable message', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio()
      .post('/v2/lists/sales/entries/query', { filter: byParent(), limit: 1 })
      .reply(403, attioErrorBody(403, 'unauthorized', 'You do not have permission to read entries of this list.', 'auth_error'));

    await expect(appTester(perform, bundleOf({ list: 'sales', parent_record_id: PERSON_ID }), FRESH_CACHE)).rejects.toThrow(
      /Attio did not allow this connection to look for the record on the list \\"sales\\"\. It needs the \\"list_entry:read\\" permission\./,
    );
  });

  it('checks the record id before sending anything', async () => {
    await expect(
      appTester(perform, bundleOf({ list: 'sales', parent_record_id: 'Ada Lovelace' }), FRESH_CACHE),
    ).rejects.toThrow(/Record \\"Ada Lovelace\\" is not an Attio record ID/);
    expect(sentRequests()).toHaveLength(0);
  });
});

import { listValueFields, perform } from '../../src/creates/add_to_list';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { ENTRY_ID, entry, LIST_ID, listAttribute, listResponse, status, statuses } from '../fixtures/lists';
import { failure, PERSON_ID } from '../fixtures/people_companies';

/**
 * A bundle typed for this perform: its input type has an index signature (the shared listField's key is
 * typed string), which makeBundle's Record<string, unknown> does not satisfy.
 */
type Input = Parameters<typeof perform>[1]['inputData'];
const bundleOf = (inputData: Input) => ({ ...makeBundle(), inputData });

const assertBody = (entryValues: Record<string, Array<Record<string, string | number>>> = {}) => ({
  data: { parent_record_id: PERSON_ID, parent_object: 'people', entry_values: entryValues },
});

const expectedOutput = {
  id: ENTRY_ID,
  entry_id: ENTRY_ID,
  list: 'sales',
  list_id: LIST_ID,
  parent_record_id: PERSON_ID,
  parent_object: 'people',
  created_at: '2025-01-15T10:30:00.061+00:00',
};

/** The first call of a test starts from an empty z.cache (the app tester keeps it between calls). */
const FRESH_CACHE = true;

describe('creates.add_to_list', () => {
  it('asks Attio for the list once, then asserts the entry by parent (2 requests on first use)', async () => {
    const scope = attio()
      .get('/v2/lists/sales')
      .reply(200, listResponse())
      .put('/v2/lists/sales/entries', assertBody())
      .reply(200, { data: entry() });

    const result = await appTester(perform, bundleOf({ list: 'sales', parent_record_id: PERSON_ID }), FRESH_CACHE);

    scope.done();
    expect(sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /v2/lists/sales', 'PUT /v2/lists/sales/entries']);
    expect(result).toEqual(expectedOutput);
  });

  it('adding the same record twice sends the same assert both times and returns the one entry (1 request once the list is cached)', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio().put('/v2/lists/sales/entries', assertBody()).times(2).reply(200, { data: entry() });

    const bundle = bundleOf({ list: 'sales', parent_record_id: PERSON_ID });
    const first = await appTester(perform, bundle, FRESH_CACHE);
    const sentFirst = sentRequests().length;
    const second = await appTester(perform, bundle);

    const puts = sentRequests().filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[0]?.body).toEqual(puts[1]?.body);
    expect(sentFirst).toBe(2);
    expect(sentRequests().length - sentFirst).toBe(1);
    expect(second).toEqual(first);
    expect((second as { id: string }).id).toBe(ENTRY_ID);
  });

  it("writes the list's own values from the dynamic fields (stage as a status title)", async () => {
    // The field load: the list's attributes, then the statuses of its status attribute.
    attio()
      .get('/v2/lists/sales/attributes')
      .reply(200, {
        data: [
          listAttribute('stage', 'status', { title: 'Stage', is_required: true }),
          listAttribute('deal_value', 'currency', { title: 'Deal value' }),
          listAttribute('created_at', 'timestamp', { is_writable: false, is_system_attribute: true }),
        ],
      })
      .get('/v2/lists/sales/attributes/stage/statuses')
      .reply(200, { data: statuses(['Lead', 'Qualified', 'Won']) });

    const fields = await appTester(listValueFields, makeBundle({ inputData: { list: 'sales' } }), FRESH_CACHE);
    expect(fields).toEqual([
      expect.objectContaining({ key: 'values__stage', label: 'Stage', required: true, choices: expect.arrayContaining([expect.objectContaining({ value: 'Qualified' })]) }),
      expect.objectContaining({ key: 'values__deal_value', label: 'Deal value', type: 'number' }),
    ]);

    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio()
      .put('/v2/lists/sales/entries', assertBody({ stage: [{ status: 'Qualified' }], deal_value: [{ currency_value: 1250.5 }] }))
      .reply(200, { data: entry({ stage: [status('Qualified')] }) });

    const result = await appTester(
      perform,
      bundleOf({ list: 'sales', parent_record_id: PERSON_ID, values__stage: 'qualified', values__deal_value: '1250.50' }),
    );
    expect(result).toEqual({ ...expectedOutput, stage: 'Qualified', stage_status_id: '00000000-0000-4000-8000-0000000000f2' });
  });

  it('a list attribute archived since the fields loaded: says to refresh and remap, and the next run re-reads the list attributes', async () => {
    attio()
      .get('/v2/lists/sales/attributes')
      .reply(200, { data: [listAttribute('deal_value', 'currency', { title: 'Deal value' })] });
    await appTester(listValueFields, makeBundle({ inputData: { list: 'sales' } }), FRESH_CACHE);

    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio()
      .put('/v2/lists/sales/entries', assertBody({ deal_value: [{ currency_value: 10 }] }))
      .reply(400, attioErrorBody(400, 'value_not_found', 'Cannot find attribute with slug/ID "deal_value".'));
    const input = bundleOf({ list: 'sales', parent_record_id: PERSON_ID, values__deal_value: '10' });
    expect(await failure(() => appTester(perform, input))).toEqual({
      name: 'AppError',
      code: 'value_not_found',
      message: 'The field "Deal value" (deal_value) is no longer a writable attribute in Attio (it may have been archived or deleted). Refresh the fields of this step and remap it, or remove it.',
    });

    attio()
      .get('/v2/lists/sales/attributes')
      .reply(200, { data: [listAttribute('deal_value', 'currency', { title: 'Deal value', is_archived: true })] });
    expect((await failure(() => appTester(perform, input))).message).toMatch(/^The field "deal_value" is no longer a writable attribute in Attio .* Value: "10"\.$/);
    expect(sentRequests().filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('offers no list fields until a list is chosen', async () => {
    await expect(appTester(listValueFields, makeBundle({ inputData: {} }))).resolves.toEqual([]);
    // Mapped from an earlier step: the list's fields cannot be listed, and the step says so.
    await expect(appTester(listValueFields, makeBundle({ inputData: { list: '{{123__list}}' } }))).resolves.toEqual([
      expect.objectContaining({ key: 'list_fields_note', type: 'copy', helpText: expect.stringMatching(/^List is mapped from an earlier step/) }),
      expect.objectContaining({ key: 'attribute_values', dict: true }),
      expect.objectContaining({ key: 'phone_country' }),
      expect.objectContaining({ key: 'keep_subdomains' }),
    ]);
    expect(sentRequests()).toHaveLength(0);
  });

  it('explains a record that is on the list twice', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    attio()
      .put('/v2/lists/sales/entries', assertBody())
      .reply(400, attioErrorBody(400, 'multiple_match_results', 'Multiple entries were found for the parent record.'));

    await expect(appTester(perform, bundleOf({ list: 'sales', parent_record_id: PERSON_ID }), FRESH_CACHE)).rejects.toThrow(
      /Attio could not add the record to the list \\"Sales\\"\. Attio said: Multiple entries were found for the parent record\. The record is on this list more than once: remove the duplicate entry in Attio\./,
    );
  });

  it('explains a list that no longer exists', async () => {
    attio().get('/v2/lists/gone').reply(404, attioErrorBody(404, 'not_found', 'List with slug/ID "gone" not found.'));

    await expect(appTester(perform, bundleOf({ list: 'gone', parent_record_id: PERSON_ID }), FRESH_CACHE)).rejects.toThrow(
      /Attio could not find what was needed to find the list \\"gone\\"/,
    );
  });

  describe('checks input before sending anything', () => {
    it('a record id that is not a UUID', async () => {
      await expect(
        appTester(perform, bundleOf({ list: 'sales', parent_record_id: 'ada@example.com' }), FRESH_CACHE),
      ).rejects.toThrow(/Record \\"ada@example\.com\\" is not an Attio record ID/);
      expect(sentRequests()).toHaveLength(0);
    });

    it('a stage that is not one of the list', async () => {
      attio()
        .get('/v2/lists/sales/attributes')
        .reply(200, { data: [listAttribute('stage', 'status', { title: 'Stage' })] })
        .get('/v2/lists/sales/attributes/stage/statuses')
        .reply(200, { data: statuses(['Lead', 'Won']) });
      await appTester(listValueFields, makeBundle({ inputData: { list: 'sales' } }), FRESH_CACHE);
      const loaded = sentRequests().length;

      // The cached statuses lack "Maybe": they are fetched once more (it may be new), then the step stops.
      // The list's metadata is read alongside (a read, in parallel), and nothing is written.
      attio().get('/v2/lists/sales/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
      attio().get('/v2/lists/sales').reply(200, listResponse());
      await expect(
        appTester(perform, bundleOf({ list: 'sales', parent_record_id: PERSON_ID, values__stage: 'Maybe' })),
      ).rejects.toThrow(/Stage \\"Maybe\\" is not an option of this field in Attio\. Valid options: \\"Lead\\", \\"Won\\"\./);
      const writes = sentRequests()
        .slice(loaded)
        .filter((r) => r.method !== 'GET');
      expect(writes).toHaveLength(0);
    });
  });
});

import updatedListEntry, { perform, performList, performSubscribe } from '../../src/triggers/updated_list_entry';
import sample from '../../src/samples/updated_list_entry.json';
import { appTester, attio, attioErrorBody, loadInputFields, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, TARGET_URL, WEBHOOK_ID, webhookResponse } from '../helpers/webhook';
import {
  APP,
  COMPANIES_ID,
  COMPANY_1,
  company,
  DEMO_BOOKED,
  ENTRY_1,
  ENTRY_2,
  ENTRY_STAGE,
  entryUpdated,
  LOST,
  PIPELINE_ATTRIBUTES,
  PIPELINE_ID,
  pipelineEntry,
  PRIORITY,
  SELF,
  stageValue,
  T0,
  T1,
  T2,
  WON,
} from '../fixtures/deals';
import { mockMember } from '../fixtures/members';

const COMPANY_2 = '00000000-0000-4000-8000-00000000c002';
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, list: 'sales-pipeline', list_id: PIPELINE_ID, attribute_ids: ENTRY_STAGE };
const INPUT = { list: 'sales-pipeline', attributes: ['stage'] };

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: INPUT, subscribeData: SUBSCRIPTION, ...opts });
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));

const entryPath = (id: string) => `/v2/lists/${PIPELINE_ID}/entries/${id}`;
const historyPath = (id: string, attribute: string) => `/v2/lists/${PIPELINE_ID}/entries/${id}/attributes/${attribute}/values`;
const catalog = () => attio().get(`/v2/lists/${PIPELINE_ID}/attributes`).reply(200, { data: PIPELINE_ATTRIBUTES });
const entry = (id: string, parent: string, stage?: [string, string]) => attio().get(entryPath(id)).reply(200, { data: pipelineEntry(id, parent, stage) });
/** The parent record, by the object id the event names (perform) or by the entry's parent_object slug (performList). */
const parent = (id: string, name: string, object = COMPANIES_ID) => attio().get(`/v2/objects/${object}/records/${id}`).reply(200, { data: company(id, name) });
const stageHistory = (id: string) =>
  attio()
    .get(historyPath(id, ENTRY_STAGE))
    .query({ show_historic: 'true' })
    .reply(200, { data: [stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2)] });

describe('triggers.updated_list_entry', () => {
  it('subscribes list-entry.updated on the list and each watched attribute, resolved in one GET (2 requests)', async () => {
    const sub = {
      event_type: 'list-entry.updated',
      filter: { $and: [{ field: 'id.list_id', operator: 'equals', value: PIPELINE_ID }, { field: 'id.attribute_id', operator: 'equals', value: ENTRY_STAGE }] },
    };
    attio().get('/v2/lists/sales-pipeline/attributes').reply(200, { data: PIPELINE_ATTRIBUTES });
    attio().post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [sub] } }).reply(200, webhookResponse([sub]));

    const result = await appTester(performSubscribe, makeBundle({ inputData: INPUT, targetUrl: TARGET_URL }));

    expect(result).toEqual(SUBSCRIPTION);
    expect(attioRequests()).toHaveLength(2);
  });

  it('falls back to GET /v2/lists/{list} for a list without attributes (any change watched)', async () => {
    const sub = { event_type: 'list-entry.updated', filter: { $and: [{ field: 'id.list_id', operator: 'equals', value: PIPELINE_ID }] } };
    attio().get('/v2/lists/empty-list/attributes').reply(200, { data: [] });
    attio()
      .get('/v2/lists/empty-list')
      .reply(200, { data: { id: { workspace_id: SELF.workspace_id, list_id: PIPELINE_ID }, api_slug: 'empty-list', name: 'Empty', parent_object: ['companies'], workspace_access: null, created_at: T0 } });
    attio().post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [sub] } }).reply(200, webhookResponse([sub]));
    const result = await appTester(performSubscribe, makeBundle({ inputData: { list: 'empty-list' }, targetUrl: TARGET_URL }));
    expect(result).toMatchObject({ list: 'empty-list', list_id: PIPELINE_ID });
  });

  it('says the stage moved from what to what on the entry, with its parent record: entry, parent and history read at once', async () => {
    catalog();
    mockMember();
    entry(ENTRY_1, COMPANY_1);
    parent(COMPANY_1, 'Acme Inc');
    stageHistory(ENTRY_1);

    const results = await appTester(perform, deliver([entryUpdated(ENTRY_1, ENTRY_STAGE, COMPANY_1)]), true);

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      id: ENTRY_1,
      list: 'sales-pipeline',
      stage: 'Won',
      parent: { id: COMPANY_1, name: 'Acme Inc' },
      changed_attributes: ['Stage'],
      changes: [{ attribute: 'stage', title: 'Stage', previous: 'Demo booked', current: 'Won' }],
      changed_by: 'Ada Lovelace (ada@example.com)',
      changed_at: '2025-02-03T16:20:00.123+00:00',
    });
  });

  it('coalesces the events of one entry, keeps entries apart, and ignores its own write-back', async () => {
    catalog();
    mockMember();
    attio().get('/v2/self').reply(200, SELF);
    entry(ENTRY_1, COMPANY_1);
    parent(COMPANY_1, 'Acme Inc');
    stageHistory(ENTRY_1);
    attio()
      .get(historyPath(ENTRY_1, PRIORITY))
      .query({ show_historic: 'true' })
      .reply(200, { data: [{ active_from: T1, active_until: null, attribute_type: 'select', option: { id: { option_id: 'o-high' }, title: 'High' } }] });
    const anyAttribute = { ...SUBSCRIPTION, attribute_ids: undefined };
    const events = [
      entryUpdated(ENTRY_1, ENTRY_STAGE, COMPANY_1),
      entryUpdated(ENTRY_2, ENTRY_STAGE, COMPANY_2, APP),
      entryUpdated(ENTRY_1, PRIORITY, COMPANY_1),
    ];

    const results = await appTester(perform, deliver(events, { subscribeData: anyAttribute, inputData: { list: 'sales-pipeline' } }), true);

    expect(results.map((r) => [r.id, r.changed_attributes])).toEqual([[ENTRY_1, ['Stage', 'Priority']]]);
    expect(results[0]?.changes).toEqual([
      { attribute: 'stage', title: 'Stage', previous: 'Demo booked', current: 'Won' },
      { attribute: 'priority', title: 'Priority', previous: null, current: 'High' },
    ]);
  });

  it('skips an entry removed before it could be read (404)', async () => {
    catalog();
    attio().get(entryPath(ENTRY_1)).reply(404, attioErrorBody(404, 'not_found', 'Entry not found.'));
    parent(COMPANY_1, 'Acme Inc');
    attio().get(historyPath(ENTRY_1, ENTRY_STAGE)).query({ show_historic: 'true' }).reply(404, attioErrorBody(404, 'not_found', 'Entry not found.'));
    expect(await appTester(perform, deliver([entryUpdated(ENTRY_1, ENTRY_STAGE, COMPANY_1)]), true)).toEqual([]);
  });

  it('performList returns the entries changed last, with their parents, keyed exactly like a live run', async () => {
    attio()
      .post('/v2/lists/sales-pipeline/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 50 })
      .reply(200, { data: [{ ...pipelineEntry(ENTRY_2, COMPANY_2, [LOST, 'Lost']), entry_values: { stage: [stageValue(LOST, 'Lost', T1)] } }, pipelineEntry(ENTRY_1, COMPANY_1)] });
    attio().get('/v2/lists/sales-pipeline/attributes').reply(200, { data: PIPELINE_ATTRIBUTES });
    mockMember();
    parent(COMPANY_1, 'Acme Inc', 'companies');
    parent(COMPANY_2, 'Globex', 'companies');
    stageHistory(ENTRY_1);
    attio().get(historyPath(ENTRY_2, ENTRY_STAGE)).query({ show_historic: 'true' }).reply(200, { data: [stageValue(LOST, 'Lost', T1)] });

    const listed = await appTester(performList, makeBundle({ inputData: INPUT, meta: { isLoadingSample: true } }), true);
    expect(listed.map((r) => r.id)).toEqual([ENTRY_1, ENTRY_2]);

    // The attribute catalog and the member list are cached by now (under the list's slug and id).
    entry(ENTRY_1, COMPANY_1);
    parent(COMPANY_1, 'Acme Inc');
    stageHistory(ENTRY_1);
    const hooked = await appTester(perform, deliver([entryUpdated(ENTRY_1, ENTRY_STAGE, COMPANY_1)]));
    expect(fieldKeys(listed[0]!)).toEqual(fieldKeys(hooked[0]!));
    expect(listed[0]).toEqual(hooked[0]);
    expect(fieldKeys(hooked[0]!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it("offers Changed To for a watched select attribute of the list, by the options' titles with their ids", async () => {
    attio().get('/v2/lists/sales-pipeline/attributes').reply(200, { data: PIPELINE_ATTRIBUTES });
    attio()
      .get('/v2/lists/sales-pipeline/attributes/priority/options')
      .reply(200, { data: [{ id: { option_id: 'o-high' }, title: 'High', is_archived: false }, { id: { option_id: 'o-low' }, title: 'Low', is_archived: false }] });
    const fields = await loadInputFields(updatedListEntry, { list: 'sales-pipeline', attributes: ['priority'] });
    expect(fields.find((f) => f.key === 'changed_to')).toMatchObject({
      label: 'Changed To',
      choices: [{ value: 'o-high', label: 'High', sample: 'o-high' }, { value: 'o-low', label: 'Low', sample: 'o-low' }],
    });
  });

  it('is a REST hook on a list with the change inputs', () => {
    expect(updatedListEntry.operation.type).toBe('hook');
    const keys = (updatedListEntry.operation.inputFields as unknown[]).filter((f) => typeof f !== 'function').map((f) => (f as { key: string }).key);
    expect(keys).toEqual(['list', 'attributes', 'ignore_own_changes', 'ignore_system_changes']);
  });
});

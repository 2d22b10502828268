// Updated List Entry at its edges: the parent record the event names was merged into another before the run read it;
// a chosen stage entered and left before the run looked.
import { perform } from '../../src/triggers/updated_list_entry';
import { appTester, attio, attioErrorBody } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, SECRET, WEBHOOK_ID } from '../helpers/webhook';
import { COMPANIES_ID, COMPANY_1, company, DEMO_BOOKED, ENTRY_1, ENTRY_STAGE, entryUpdated, PIPELINE_ATTRIBUTES, PIPELINE_ID, pipelineEntry, stageValue, SYSTEM, T0, T2, WON } from '../fixtures/deals';
import { mockMember } from '../fixtures/members';

const MERGED_AWAY = '00000000-0000-4000-8000-00000000c0ff';
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, list: 'sales-pipeline', list_id: PIPELINE_ID, attribute_ids: ENTRY_STAGE };
const entryPath = `/v2/lists/${PIPELINE_ID}/entries/${ENTRY_1}`;

describe('triggers.updated_list_entry: a parent merged into another record', () => {
  it("runs with the entry's surviving parent instead of skipping the change as deleted (1 more request, then only)", async () => {
    attio().get(`/v2/lists/${PIPELINE_ID}/attributes`).reply(200, { data: PIPELINE_ATTRIBUTES });
    mockMember();
    // The event names the record that was merged away; the entry now belongs to the surviving one.
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${MERGED_AWAY}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
    attio().get(entryPath).reply(200, { data: pipelineEntry(ENTRY_1, COMPANY_1) });
    attio().get(`/v2/objects/companies/records/${COMPANY_1}`).reply(200, { data: company(COMPANY_1, 'Acme Inc') });
    attio()
      .get(`${entryPath}/attributes/${ENTRY_STAGE}/values`)
      .query({ show_historic: 'true' })
      .reply(200, { data: [stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2)] });

    const bundle = delivery({ webhook_id: WEBHOOK_ID, events: [entryUpdated(ENTRY_1, ENTRY_STAGE, MERGED_AWAY)] }, { inputData: { list: 'sales-pipeline', attributes: ['stage'] }, subscribeData: SUBSCRIPTION });
    const results = await appTester(perform, bundle, true);

    expect(results).toMatchObject([{ id: ENTRY_1, parent: { id: COMPANY_1, name: 'Acme Inc' }, changes: [{ attribute: 'stage', previous: 'Demo booked', current: 'Won' }] }]);
    expect(sentRequests().filter((r) => r.url.includes('/records/'))).toHaveLength(2);
  });
});

describe('triggers.updated_list_entry: Changed To and a stage entered and left before the run looked', () => {
  const HANDOVER = '00000000-0000-4000-8000-00000005e005';
  const T3 = '2025-02-03T16:20:05.000000000Z';
  const subscribed = { ...SUBSCRIPTION, subscribed_at: '2025-02-02T08:00:00.000000000Z' };
  const handedOver = () => {
    const entry = pipelineEntry(ENTRY_1, COMPANY_1);
    attio()
      .get(entryPath)
      .reply(200, { data: { ...entry, entry_values: { ...entry.entry_values, stage: [stageValue(HANDOVER, 'Handover', T3, null, SYSTEM)] } } });
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${COMPANY_1}`).reply(200, { data: company(COMPANY_1, 'Acme Inc') });
    attio()
      .get(`${entryPath}/attributes/${ENTRY_STAGE}/values`)
      .query({ show_historic: 'true' })
      .reply(200, { data: [stageValue(DEMO_BOOKED, 'Demo booked', T0, T2), stageValue(WON, 'Won', T2, T3), stageValue(HANDOVER, 'Handover', T3, null, SYSTEM)] });
  };
  const deliver = (idempotencyKey: string) =>
    delivery(
      { webhook_id: WEBHOOK_ID, events: [entryUpdated(ENTRY_1, ENTRY_STAGE, COMPANY_1)] },
      { inputData: { list: 'sales-pipeline', attributes: ['stage'], changed_to: [WON] }, subscribeData: subscribed, idempotencyKey },
    );

  it('fires once for the Won the entry went through, with the entry as it is now; the burst\'s next event does not fire again', async () => {
    attio().get(`/v2/lists/${PIPELINE_ID}/attributes`).reply(200, { data: PIPELINE_ATTRIBUTES });
    mockMember();
    handedOver();
    const results = await appTester(perform, deliver('idem-1'), true);
    expect(results).toMatchObject([
      {
        id: ENTRY_1,
        stage: 'Handover',
        parent: { id: COMPANY_1, name: 'Acme Inc' },
        changes: [{ attribute: 'stage', title: 'Stage', previous: 'Demo booked', current: 'Won' }],
        changed_by: 'Ada Lovelace (ada@example.com)',
        changed_at: '2025-02-03T16:20:00.123+00:00',
      },
    ]);
    expect(results).toHaveLength(1);

    handedOver();
    expect(await appTester(perform, deliver('idem-2'))).toEqual([]);
  });
});

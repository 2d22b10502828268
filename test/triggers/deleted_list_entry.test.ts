import deletedListEntry, { perform, performList, performSubscribe } from '../../src/triggers/deleted_list_entry';
import sample from '../../src/samples/deleted_list_entry.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, COMPANIES_ID, companyRecord, list, LIST_ID, object, uuid } from '../fixtures/events';

const E1 = uuid(1, 'e');
const E2 = uuid(2, 'e');
const C1 = uuid(1, 'c');
const C2 = uuid(2, 'c');
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID, parent_object: 'companies' };
const FILTER = { $and: [{ field: 'id.list_id', operator: 'equals', value: LIST_ID }] };

const removed = (entryId: string, companyId: string, listId = LIST_ID) => ({
  event_type: 'list-entry.deleted',
  id: { workspace_id: WORKSPACE_ID, list_id: listId, entry_id: entryId },
  parent_object_id: COMPANIES_ID,
  parent_record_id: companyId,
  actor: alice,
});

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { list: 'sales' }, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });

describe('triggers.deleted_list_entry', () => {
  it('subscribes list-entry.deleted filtered on the list UUID (2 requests)', async () => {
    attio().get('/v2/lists/sales').reply(200, list('sales', LIST_ID, 'Sales'));
    attio()
      .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'list-entry.deleted', filter: FILTER }] } })
      .reply(200, webhookResponse([{ event_type: 'list-entry.deleted', filter: FILTER }]));
    expect(await appTester(performSubscribe, makeBundle({ inputData: { list: 'sales' }, targetUrl: TARGET_URL }))).toEqual(SUBSCRIPTION);
    expect(attioRequests()).toHaveLength(2);
  });

  it('passes on both removals with their records and who removed them, the records and members read together', async () => {
    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C2}`).reply(200, { data: companyRecord(C2, 'Globex', 'globex.example') });
    const results = await appTester(perform, deliver([removed(E1, C1), removed(E2, C2)]), true);
    expect(results).toEqual([
      expect.objectContaining({
        id: E1,
        entry_id: E1,
        list: 'sales',
        list_id: LIST_ID,
        parent_record_id: C1,
        parent_object: 'companies',
        parent_object_id: COMPANIES_ID,
        parent_exists: true,
        parent: expect.objectContaining({ name: 'Acme', domain: 'acme.example', web_url: expect.stringContaining(C1), object: 'companies', object_id: COMPANIES_ID }),
        removed_by: 'Alice Adams (alice@example.com)',
        removed_by_email: 'alice@example.com',
      }),
      expect.objectContaining({ id: E2, parent: expect.objectContaining({ name: 'Globex' }) }),
    ]);
    expect(attioRequests()).toHaveLength(3);
  });

  it('a Zap subscribed before the parent object was kept reads the list once (cached) to name it by slug', async () => {
    const older = { id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID };
    attio().get('/v2/lists/sales').reply(200, list('sales', LIST_ID, 'Sales'));
    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    const [first] = await appTester(perform, deliver([removed(E1, C1)], { subscribeData: older }), true);
    expect(first).toMatchObject({ parent_object: 'companies', parent_object_id: COMPANIES_ID, parent: { object: 'companies', object_id: COMPANIES_ID } });
    expect(attioRequests()).toHaveLength(3);

    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C2}`).reply(200, { data: companyRecord(C2, 'Globex', 'globex.example') });
    const [second] = await appTester(perform, deliver([removed(E2, C2)], { subscribeData: older, idempotencyKey: 'idem-2' }));
    expect(second).toMatchObject({ parent_object: 'companies', parent: { object: 'companies' } });
    expect(attioRequests()).toHaveLength(4);
  });

  it("a list of several objects names the removed record's object by slug from the workspace's objects (cached), as New List Entry does", async () => {
    const several = { id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID };
    const legacy = list('sales', LIST_ID, 'Sales');
    legacy.data.parent_object = ['people', 'companies'];
    attio().get('/v2/lists/sales').reply(200, legacy);
    attio()
      .get('/v2/objects')
      .reply(200, { data: [object('people', uuid(9, 'f'), 'Person', 'People').data, object('companies', COMPANIES_ID, 'Company', 'Companies').data] });
    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    const [item] = await appTester(perform, deliver([removed(E1, C1)], { subscribeData: several }), true);
    expect(item).toMatchObject({ parent_object: 'companies', parent_object_id: COMPANIES_ID, parent: { object: 'companies' } });
    expect(attioRequests()).toHaveLength(4);
  });

  it('a Zap subscribed before, whose list is gone: still passes on the removal, the object UUID standing in', async () => {
    const older = { id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID };
    attio().get('/v2/lists/sales').reply(404, attioErrorBody(404, 'not_found', 'List with slug/ID "sales" not found.'));
    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    const [item] = await appTester(perform, deliver([removed(E1, C1)], { subscribeData: older }), true);
    expect(item).toMatchObject({ id: E1, parent_object: COMPANIES_ID, parent_object_id: COMPANIES_ID, parent: { name: 'Acme', object: COMPANIES_ID } });
  });

  it('still passes on a removal whose record is gone too (404), saying so', async () => {
    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
    const [item] = await appTester(perform, deliver([removed(E1, C1)]), true);
    expect(item).toMatchObject({ id: E1, parent_exists: false, parent: null, parent_record_id: C1, removed_by: 'Alice Adams (alice@example.com)' });
  });

  it('skips another list without a request; halts a forged delivery; drops a redelivery', async () => {
    expect(await appTester(perform, deliver([removed(E1, C1, uuid(9, 'c'))]), true)).toEqual([]);
    expect(sentRequests()).toHaveLength(0);
    await expect(appTester(perform, deliver([removed(E1, C1)], { signature: sign('forged') }), true)).rejects.toMatchObject({ name: 'HaltedError' });

    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    expect(await appTester(perform, deliver([removed(E1, C1)]), true)).toHaveLength(1);
    expect(await appTester(perform, deliver([removed(E1, C1)], { idempotencyKey: 'idem-2' }))).toEqual([]);
  });

  it('performList: the newest entries with their records, with the keys a live removal has', async () => {
    attio()
      .post('/v2/lists/sales/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
      .reply(200, {
        data: [
          { id: { workspace_id: WORKSPACE_ID, list_id: LIST_ID, entry_id: E1 }, parent_record_id: C1, parent_object: 'companies', created_at: '2025-01-15T10:30:00.000000000Z', entry_values: {} },
        ],
      });
    attio().get(`/v2/objects/companies/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    const listed = await appTester(performList, makeBundle({ inputData: { list: 'sales' } }));
    expect(listed).toEqual([
      expect.objectContaining({ id: E1, parent_exists: true, parent_object: 'companies', parent: expect.objectContaining({ object: 'companies', object_id: COMPANIES_ID }), removed_by: null, removed_at: null }),
    ]);

    members();
    attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
    const [hooked] = await appTester(perform, deliver([removed(E1, C1)]), true);
    expect(fieldKeys(listed[0]!)).toEqual(fieldKeys(hooked!));
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('is a REST hook with a list dropdown and outputFields labelling every sample key', () => {
    expect(deletedListEntry.operation.inputFields).toEqual([expect.objectContaining({ key: 'list', required: true })]);
    const outputKeys = (deletedListEntry.operation.outputFields ?? []).map((f) => (f as { key: string }).key);
    expect(outputKeys).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });
});

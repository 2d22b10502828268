import deletedRecord, { perform, performList, performSubscribe, performUnsubscribe } from '../../src/triggers/deleted_record';
import sample from '../../src/samples/deleted_record.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, COMPANIES_ID, object, PEOPLE_ID, personRecord, system, uuid } from '../fixtures/events';

const R1 = uuid(1);
const R2 = uuid(2);
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, object: 'people', object_id: PEOPLE_ID };
const FILTER = { $and: [{ field: 'id.object_id', operator: 'equals', value: PEOPLE_ID }] };

const deleted = (recordId: string, actor: object = alice, objectId = PEOPLE_ID) => ({
  event_type: 'record.deleted',
  id: { workspace_id: WORKSPACE_ID, object_id: objectId, record_id: recordId },
  actor,
});

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { object: 'people' }, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

describe('triggers.deleted_record', () => {
  it('subscribes record.deleted filtered on the object UUID, keeping the secret (2 requests)', async () => {
    attio().get('/v2/objects/people').reply(200, object('people', PEOPLE_ID, 'Person', 'People'));
    attio()
      .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'record.deleted', filter: FILTER }] } })
      .reply(200, webhookResponse([{ event_type: 'record.deleted', filter: FILTER }]));
    const result = await appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }));
    expect(result).toEqual(SUBSCRIPTION);
    expect(attioRequests()).toHaveLength(2);
  });

  it('asks for the object before sending anything', async () => {
    await expect(appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).rejects.toThrow(/Choose the Object to watch/);
    expect(sentRequests()).toHaveLength(0);
  });

  it('deletes the webhook on unsubscribe', async () => {
    attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(200, {});
    await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
  });

  it('passes on both events of a delivery with who deleted them, without reading the deleted records (1 member lookup)', async () => {
    members();
    const results = await appTester(perform, deliver([deleted(R1), deleted(R2, system)]), true);
    expect(results).toEqual([
      {
        id: R1,
        record_id: R1,
        object: 'people',
        object_id: PEOPLE_ID,
        deleted_by: 'Alice Adams (alice@example.com)',
        deleted_by_email: 'alice@example.com',
        deleted_by_type: 'workspace-member',
        deleted_by_id: ALICE.id.workspace_member_id,
        deleted_at: expect.stringMatching(ISO),
      },
      expect.objectContaining({ id: R2, deleted_by: 'Attio (system)', deleted_by_email: null, deleted_by_type: 'system', deleted_by_id: null }),
    ]);
    expect(attioRequests().map((r) => r.url)).toEqual(['https://api.attio.com/v2/workspace_members']);
  });

  it('costs no request when the deleter is not a member, or the member list is cached', async () => {
    expect(await appTester(perform, deliver([deleted(R1, { type: 'api-token', id: uuid(9, 'f') })]), true)).toEqual([
      expect.objectContaining({ deleted_by: 'API token', deleted_by_type: 'api-token' }),
    ]);
    members();
    await appTester(perform, deliver([deleted(R2)], { idempotencyKey: 'idem-2' }));
    expect(await appTester(perform, deliver([deleted(uuid(3))], { idempotencyKey: 'idem-3' }))).toEqual([expect.objectContaining({ deleted_by: 'Alice Adams (alice@example.com)' })]);
    expect(attioRequests()).toHaveLength(1);
  });

  it('skips an event of another object or type without any request', async () => {
    const results = await appTester(perform, deliver([deleted(R1, system, COMPANIES_ID), { ...deleted(R2, system), event_type: 'record.created' }]), true);
    expect(results).toEqual([]);
    expect(sentRequests()).toHaveLength(0);
  });

  it('halts a forged delivery, sending nothing', async () => {
    await expect(appTester(perform, deliver([deleted(R1)], { signature: sign('{"events":[]}') }), true)).rejects.toMatchObject({ name: 'HaltedError' });
    await expect(appTester(perform, deliver([deleted(R1)], { signature: null }), true)).rejects.toMatchObject({ name: 'HaltedError' });
    expect(sentRequests()).toHaveLength(0);
  });

  it('drops a redelivery, even under another Idempotency-Key', async () => {
    expect(await appTester(perform, deliver([deleted(R1, system)]), true)).toHaveLength(1);
    expect(await appTester(perform, deliver([deleted(R1, system)], { idempotencyKey: 'idem-9' }))).toEqual([]);
  });

  it('performList: the newest records as examples, with the keys a live deletion has', async () => {
    attio()
      .post('/v2/objects/people/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
      .reply(200, { data: [personRecord(R2, 'Grace Hopper', 'grace@example.com'), personRecord(R1, 'Ada Lovelace', 'ada@example.com')] });
    const listed = await appTester(performList, makeBundle({ inputData: { object: 'people' } }));
    expect(listed.map((r) => r.id)).toEqual([R2, R1]);
    expect(listed[0]).toMatchObject({ deleted_by: null, deleted_at: null });

    members();
    const [hooked] = await appTester(perform, deliver([deleted(R1)]), true);
    expect(fieldKeys(listed[1]!)).toEqual(fieldKeys(hooked!));
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('explains a failed performList query', async () => {
    attio()
      .post('/v2/objects/people/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
      .reply(403, attioErrorBody(403, 'forbidden', 'Missing scope.', 'auth_error'));
    await expect(appTester(performList, makeBundle({ inputData: { object: 'people' } }))).rejects.toThrow(/record_permission:read/);
  });

  it('is a REST hook whose help says what Attio no longer has, with outputFields labelling every sample key', () => {
    expect(deletedRecord.operation.type).toBe('hook');
    const [field] = deletedRecord.operation.inputFields as Array<{ key: string; helpText: string }>;
    expect(field).toMatchObject({ key: 'object', required: true });
    expect(field?.helpText).toMatch(/permanently.*name, email and domain can no longer be read/);
    const outputKeys = (deletedRecord.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
    expect(outputKeys).toEqual(fieldKeys(sample));
  });
});

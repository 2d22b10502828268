import newComment, { perform, performList, performSubscribe } from '../../src/triggers/new_comment';
import sample from '../../src/samples/new_comment.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, BOB_ID, COMPANIES_ID, comment, companyRecord, list, LIST_ID, object, PEOPLE_ID, personRecord, uuid } from '../fixtures/events';

const K1 = uuid(1, 'f');
const K2 = uuid(2, 'f');
const P1 = uuid(1);
const C1 = uuid(1, 'c');
const E1 = uuid(1, 'e');
const THREAD = uuid(1, 'e');
const EVERYTHING = { id: WEBHOOK_ID, secret: SECRET };

const created = (commentId: string, on: { object_id: string; record_id: string; list_id?: string; entry_id?: string }) => ({
  event_type: 'comment.created',
  id: { workspace_id: WORKSPACE_ID, comment_id: commentId },
  thread_id: THREAD,
  object_id: on.object_id,
  record_id: on.record_id,
  list_id: on.list_id ?? null,
  entry_id: on.entry_id ?? null,
  actor: alice,
});

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: {}, subscribeData: EVERYTHING, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const objects = () =>
  attio()
    .get('/v2/objects')
    .reply(200, { data: [object('people', PEOPLE_ID, 'Person', 'People').data, object('companies', COMPANIES_ID, 'Company', 'Companies').data] });
const entry = { id: { workspace_id: WORKSPACE_ID, list_id: LIST_ID, entry_id: E1 }, parent_record_id: C1, parent_object: 'companies', created_at: '2025-01-10T09:00:00.000000000Z', entry_values: {} };
const subscribeWith = (filter: Record<string, Array<Record<string, string>>> | null) =>
  attio()
    .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'comment.created', filter }] } })
    .reply(200, webhookResponse([{ event_type: 'comment.created', filter }]));

describe('triggers.new_comment', () => {
  describe('performSubscribe', () => {
    it('filters on the object of the commented record (object_id)', async () => {
      attio().get('/v2/objects/people').reply(200, object('people', PEOPLE_ID, 'Person', 'People'));
      subscribeWith({ $and: [{ field: 'object_id', operator: 'equals', value: PEOPLE_ID }] });
      expect(await appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }))).toEqual({ ...EVERYTHING, object: 'people', object_id: PEOPLE_ID });
    });

    it('filters on a list (list_id)', async () => {
      attio().get('/v2/lists/sales').reply(200, list('sales', LIST_ID, 'Sales'));
      subscribeWith({ $and: [{ field: 'list_id', operator: 'equals', value: LIST_ID }] });
      expect(await appTester(performSubscribe, makeBundle({ inputData: { list: 'sales' }, targetUrl: TARGET_URL }))).toEqual({ ...EVERYTHING, list: 'sales', list_id: LIST_ID });
    });

    it('takes every comment with neither (1 request), and refuses both before any request', async () => {
      subscribeWith(null);
      expect(await appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).toEqual(EVERYTHING);
      await expect(appTester(performSubscribe, makeBundle({ inputData: { object: 'people', list: 'sales' }, targetUrl: TARGET_URL }))).rejects.toThrow(/not both/);
      expect(attioRequests()).toHaveLength(1);
    });
  });

  describe('perform', () => {
    it('passes on a comment on a record and one on a list entry, each with what it is on, read at once', async () => {
      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1, { thread_id: THREAD }) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      attio()
        .get(`/v2/comments/${K2}`)
        .reply(200, {
          data: comment(K2, C1, {
            thread_id: THREAD,
            record: { object_id: COMPANIES_ID, record_id: C1 },
            entry: { list_id: LIST_ID, entry_id: E1 },
            resolved_at: '2025-01-16T08:00:00.000000000Z',
            resolved_by: { type: 'workspace-member', id: BOB_ID },
          }),
        });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry });
      members();
      objects();

      const events = [created(K1, { object_id: PEOPLE_ID, record_id: P1 }), created(K2, { object_id: COMPANIES_ID, record_id: C1, list_id: LIST_ID, entry_id: E1 })];
      const results = await appTester(perform, deliver(events), true);

      expect(results[0]).toMatchObject({
        id: K1,
        thread_id: THREAD,
        content_plaintext: 'Can you call them back, bob@example.com?',
        author: 'Alice Adams (alice@example.com)',
        author_email: 'alice@example.com',
        is_resolved: false,
        resolved_by: null,
        record_id: P1,
        object: 'people',
        object_id: PEOPLE_ID,
        record: { name: 'Ada Lovelace', email: 'ada@example.com', object: 'people', object_id: PEOPLE_ID },
        entry: null,
      });
      expect(results[1]).toMatchObject({
        id: K2,
        is_resolved: true,
        resolved_at: '2025-01-16T08:00:00.000+00:00',
        resolved_by: 'Bob Brown (bob@example.com)',
        object: 'companies',
        object_id: COMPANIES_ID,
        record: { name: 'Acme', domain: 'acme.example', object: 'companies', object_id: COMPANIES_ID },
        entry: { id: E1, list_id: LIST_ID, parent_object: 'companies' },
        entry_id: E1,
        list_id: LIST_ID,
      });
      // The objects (GET /v2/objects) name the record's object by slug: read once per connection, beside the rest.
      expect(attioRequests()).toHaveLength(7);

      // The next delivery finds the objects (and members) cached.
      const K3 = uuid(3, 'f');
      attio().get(`/v2/comments/${K3}`).reply(200, { data: comment(K3, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      const [again] = await appTester(perform, deliver([created(K3, { object_id: PEOPLE_ID, record_id: P1 })], { idempotencyKey: 'idem-9' }));
      expect(again).toMatchObject({ object: 'people', record: { object: 'people' } });
      expect(attioRequests()).toHaveLength(9);
    });

    it('an object without an API slug is named by its ID, and the objects are not read again for it on the next delivery', async () => {
      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      attio()
        .get('/v2/objects')
        .reply(200, { data: [{ ...object('people', PEOPLE_ID, 'Person', 'People').data, api_slug: null }] });
      const [first] = await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })]), true);
      expect(first).toMatchObject({ object: PEOPLE_ID, object_id: PEOPLE_ID });
      expect(attioRequests()).toHaveLength(4);

      const K4 = uuid(4, 'f');
      attio().get(`/v2/comments/${K4}`).reply(200, { data: comment(K4, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      const [again] = await appTester(perform, deliver([created(K4, { object_id: PEOPLE_ID, record_id: P1 })], { idempotencyKey: 'idem-4' }));
      expect(again).toMatchObject({ object: PEOPLE_ID });
      expect(attioRequests()).toHaveLength(6);
    });

    it('a refused read of the objects leaves the object UUID in place rather than failing the run', async () => {
      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      attio().get('/v2/objects').reply(403, attioErrorBody(403, 'forbidden', 'Missing scope object_configuration:read.'));
      const [item] = await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })]), true);
      expect(item).toMatchObject({ id: K1, object: PEOPLE_ID, object_id: PEOPLE_ID, record: { name: 'Ada Lovelace', object: PEOPLE_ID } });
      // Asked once: the refusal is not met with a second read of the objects for the same comment.
      expect(attioRequests().filter((r) => new URL(r.url).pathname === '/v2/objects')).toHaveLength(1);
    });

    it('names the object of a Zap watching one by its slug without reading the objects', async () => {
      const scoped = { ...EVERYTHING, object: 'people', object_id: PEOPLE_ID };
      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      const [item] = await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })], { subscribeData: scoped }), true);
      expect(item).toMatchObject({ object: 'people', object_id: PEOPLE_ID, record: { object: 'people', object_id: PEOPLE_ID } });
      expect(attioRequests()).toHaveLength(3);
    });

    it('skips a comment deleted before it was read (404); keeps one whose record is gone', async () => {
      attio().get(`/v2/comments/${K1}`).reply(404, attioErrorBody(404, 'not_found', 'Comment not found.'));
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      attio().get(`/v2/comments/${K2}`).reply(200, { data: comment(K2, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      members();
      objects();
      const results = await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 }), created(K2, { object_id: PEOPLE_ID, record_id: P1 })]), true);
      expect(results).toEqual([expect.objectContaining({ id: K2, record: null, record_id: P1 })]);
    });

    it('skips a comment on another object before any request; halts a forged delivery; drops a redelivery', async () => {
      const scoped = { ...EVERYTHING, object: 'people', object_id: PEOPLE_ID };
      expect(await appTester(perform, deliver([created(K1, { object_id: COMPANIES_ID, record_id: C1 })], { subscribeData: scoped }), true)).toEqual([]);
      expect(sentRequests()).toHaveLength(0);
      await expect(appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })], { signature: sign('x') }), true)).rejects.toMatchObject({ name: 'HaltedError' });

      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      expect(await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })], { subscribeData: scoped }), true)).toHaveLength(1);
      expect(await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })], { subscribeData: scoped, idempotencyKey: 'idem-3' }))).toEqual([]);
    });
  });

  it('performList: the newest comments of the object, with the keys a live comment has', async () => {
    attio().get('/v2/objects/people').reply(200, object('people', PEOPLE_ID, 'Person', 'People'));
    attio()
      .get('/v2/threads')
      .query({ limit: 50 })
      .reply(200, {
        data: [
          { id: { workspace_id: WORKSPACE_ID, thread_id: THREAD }, created_at: '2025-01-15T10:30:00.000000000Z', comments: [comment(K1, P1), comment(K2, C1, { record: { object_id: COMPANIES_ID, record_id: C1 } })] },
        ],
      });
    attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
    members();
    const listed = await appTester(performList, makeBundle({ inputData: { object: 'people' } }), true);
    expect(listed.map((c) => c.id)).toEqual([K1]);

    attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
    attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
    members();
    objects();
    const [hooked] = await appTester(perform, deliver([created(K1, { object_id: PEOPLE_ID, record_id: P1 })]), true);
    expect(listed[0]).toEqual(hooked);
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('is a REST hook with optional object and list, and outputFields labelling every sample key', () => {
    expect(newComment.operation.inputFields).toEqual([
      expect.objectContaining({ key: 'object', required: false }),
      expect.objectContaining({ key: 'list', required: false }),
    ]);
    const outputKeys = (newComment.operation.outputFields ?? []).map((f) => (f as { key: string }).key);
    expect(outputKeys).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });
});

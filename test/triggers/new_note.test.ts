import newNote, { perform, performList, performSubscribe } from '../../src/triggers/new_note';
import sample from '../../src/samples/new_note.json';
import { appTester, attio, attioErrorBody, heldReplies, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, BOB_ID, COMPANIES_ID, note, object, PEOPLE_ID, personRecord, uuid } from '../fixtures/events';

const N1 = uuid(1, 'b');
const N2 = uuid(2, 'b');
const P1 = uuid(1);
const P2 = uuid(2);
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, object: 'people', object_id: PEOPLE_ID };
const FILTER = { $and: [{ field: 'parent_object_id', operator: 'equals', value: PEOPLE_ID }] };

const created = (noteId: string, recordId: string, objectId = PEOPLE_ID) => ({
  event_type: 'note.created',
  id: { workspace_id: WORKSPACE_ID, note_id: noteId },
  parent_object_id: objectId,
  parent_record_id: recordId,
  actor: alice,
});

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { object: 'people' }, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });

describe('triggers.new_note', () => {
  describe('performSubscribe', () => {
    it('filters note.created on the parent object when one is chosen (2 requests)', async () => {
      attio().get('/v2/objects/people').reply(200, object('people', PEOPLE_ID, 'Person', 'People'));
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'note.created', filter: FILTER }] } })
        .reply(200, webhookResponse([{ event_type: 'note.created', filter: FILTER }]));
      expect(await appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }))).toEqual(SUBSCRIPTION);
    });

    it('subscribes to every note without an object (1 request)', async () => {
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'note.created', filter: null }] } })
        .reply(200, webhookResponse([{ event_type: 'note.created', filter: null }]));
      expect(await appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).toEqual({ id: WEBHOOK_ID, secret: SECRET });
      expect(attioRequests()).toHaveLength(1);
    });
  });

  describe('perform', () => {
    it('passes on both notes with their records and readable author and tags: note, record and members read at once', async () => {
      attio().get(`/v2/notes/${N1}`).reply(200, { data: note(N1, P1) });
      attio().get(`/v2/notes/${N2}`).reply(200, { data: note(N2, P2, { title: 'Second', tags: [] }) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P2}`).reply(200, { data: personRecord(P2, 'Grace Hopper', 'grace@example.com') });
      members();

      const results = await appTester(perform, deliver([created(N1, P1), created(N2, P2)]), true);

      expect(results[0]).toEqual({
        id: N1,
        note_id: N1,
        title: 'Discovery call',
        content_plaintext: 'Budget approved\nNext: demo',
        content_markdown: '**Budget approved**\n- Next: demo',
        meeting_id: null,
        tags: ['Bob Brown'],
        tagged_member_ids: [BOB_ID],
        tagged_member_emails: ['bob@example.com'],
        tagged_record_ids: [],
        tagged_record_objects: [],
        parent_object: 'people',
        parent_record_id: P1,
        parent: expect.objectContaining({ name: 'Ada Lovelace', email: 'ada@example.com', web_url: `https://app.attio.com/acme/person/${P1}/overview` }),
        created_by: 'Alice Adams (alice@example.com)',
        created_by_email: 'alice@example.com',
        created_by_type: 'workspace-member',
        created_by_id: ALICE.id.workspace_member_id,
        created_at: '2025-01-15T10:30:00.000+00:00',
      });
      expect(results[1]).toMatchObject({ id: N2, title: 'Second', parent: { name: 'Grace Hopper' } });
      // 2 notes + 2 records + 1 member list for both (shared by the author and the tags).
      expect(attioRequests()).toHaveLength(5);
    });

    it('reads the note, its record and the member list at the same time (one round trip)', async () => {
      const held = heldReplies({
        [`/v2/notes/${N1}`]: [200, { data: note(N1, P1, { tags: [] }) }],
        [`/v2/objects/${PEOPLE_ID}/records/${P1}`]: [200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') }],
        '/v2/workspace_members': [200, { data: [ALICE, BOB] }],
      });
      expect(await appTester(perform, deliver([created(N1, P1)]), true)).toHaveLength(1);
      expect(held.sequential).toBe(false);
    });

    it('skips a note deleted before it could be read (404); keeps a note whose record is gone, with the record empty', async () => {
      members();
      attio().get(`/v2/notes/${N1}`).reply(404, attioErrorBody(404, 'not_found', 'Note not found.'));
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      attio().get(`/v2/notes/${N2}`).reply(200, { data: note(N2, P2) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P2}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      const results = await appTester(perform, deliver([created(N1, P1), created(N2, P2)]), true);
      expect(results).toEqual([expect.objectContaining({ id: N2, parent: null, parent_record_id: P2 })]);
    });

    it('skips a note on another object before any request (Attio test events ignore filters)', async () => {
      expect(await appTester(perform, deliver([created(N1, uuid(5), COMPANIES_ID)]), true)).toEqual([]);
      expect(sentRequests()).toHaveLength(0);
    });

    it('halts a forged delivery and drops a redelivery', async () => {
      await expect(appTester(perform, deliver([created(N1, P1)], { signature: sign('x') }), true)).rejects.toMatchObject({ name: 'HaltedError' });
      attio().get(`/v2/notes/${N1}`).reply(200, { data: note(N1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      expect(await appTester(perform, deliver([created(N1, P1)]), true)).toHaveLength(1);
      expect(await appTester(perform, deliver([created(N1, P1)], { idempotencyKey: 'idem-7' }))).toEqual([]);
    });
  });

  describe('performList', () => {
    it('gives the 3 newest notes of the object with the keys a live note has', async () => {
      const notes = [note(uuid(3, 'b'), P1, { created_at: '2025-01-13T00:00:00.000000000Z' }), note(N1, P1), note(N2, P1, { created_at: '2025-01-16T00:00:00.000000000Z' }), note(uuid(4, 'b'), P1, { created_at: '2025-01-01T00:00:00.000000000Z' })];
      attio().get('/v2/notes').query({ parent_object: 'people', limit: 50 }).reply(200, { data: notes });
      attio().get(`/v2/objects/people/records/${P1}`).times(3).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      const listed = await appTester(performList, makeBundle({ inputData: { object: 'people' } }), true);
      expect(listed.map((n) => n.id)).toEqual([N2, N1, uuid(3, 'b')]);

      attio().get(`/v2/notes/${N1}`).reply(200, { data: note(N1, P1) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      members();
      const [hooked] = await appTester(perform, deliver([created(N1, P1)]), true);
      expect(listed[1]).toEqual(hooked);
      expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
    });
  });

  it('is a REST hook with an optional object and outputFields labelling every sample key', () => {
    expect(newNote.operation.inputFields).toEqual([expect.objectContaining({ key: 'object', required: false })]);
    const outputKeys = (newNote.operation.outputFields ?? []).map((f) => (f as { key: string }).key);
    expect(outputKeys).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });
});

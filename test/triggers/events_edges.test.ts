// Hostile edges of the event triggers: who a live run names, what a Zap builder can map, and what reaches
// a Zap when Attio's payloads are not the tidy ones.
import { perform as commentPerform } from '../../src/triggers/new_comment';
import { perform as recordingPerform } from '../../src/triggers/new_call_recording';
import { perform as removedPerform } from '../../src/triggers/deleted_list_entry';
import newNote, { perform as notePerform } from '../../src/triggers/new_note';
import { appTester, attio, attioErrorBody } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, WEBHOOK_ID, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, BOB_ID, comment, COMPANIES_ID, companyRecord, LIST_ID, meeting, note, object, recording, PEOPLE_ID, personRecord, TOKEN_ACTOR_ID, uuid } from '../fixtures/events';

const EVERYTHING = { id: WEBHOOK_ID, secret: SECRET };
const P1 = uuid(1);
const K1 = uuid(1, 'f');
const N1 = uuid(1, 'b');
const token = { type: 'api-token' as const, id: TOKEN_ACTOR_ID };
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const objects = () =>
  attio()
    .get('/v2/objects')
    .reply(200, { data: [object('people', PEOPLE_ID, 'Person', 'People').data, object('companies', COMPANIES_ID, 'Company', 'Companies').data] });
const deliver = (events: unknown[]) => delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: {}, subscribeData: EVERYTHING });
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));

describe('event triggers: edges', () => {
  it('new_comment names the comment author, not the API token that posted it for them (as performList does)', async () => {
    attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, P1) });
    attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
    members();
    objects();
    const event = {
      event_type: 'comment.created',
      id: { workspace_id: WORKSPACE_ID, comment_id: K1 },
      thread_id: uuid(1, 'e'),
      object_id: PEOPLE_ID,
      record_id: P1,
      list_id: null,
      entry_id: null,
      actor: token,
    };
    const [item] = await appTester(commentPerform, deliver([event]), true);
    expect(item).toMatchObject({ author: 'Alice Adams (alice@example.com)', author_email: 'alice@example.com', author_type: 'workspace-member' });
    expect(attioRequests()).toHaveLength(4);
  });

  it('new_note labels every key a live note has (a note tagging a record names its object too)', async () => {
    attio().get(`/v2/notes/${N1}`).reply(200, { data: note(N1, P1, { tags: [{ type: 'record', object: 'people', record_id: P1 }] }) });
    attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
    members();
    const event = { event_type: 'note.created', id: { workspace_id: WORKSPACE_ID, note_id: N1 }, parent_object_id: PEOPLE_ID, parent_record_id: P1, actor: alice };
    const [item] = await appTester(notePerform, deliver([event]), true);
    const labelled = (newNote.operation.outputFields ?? []).map((f) => (f as { key: string }).key);
    expect(fieldKeys(item!).filter((k) => !k.startsWith('parent__') && !labelled.includes(k))).toEqual([]);
  });

  // Attio creates a call recording "processing" (its spec), so call-recording.created nearly always finds no
  // transcript: whatever the transcript read answers then must not cost the Zap its run.
  it('new_call_recording passes on a recording still processing even when its transcript read is refused', async () => {
    const M1 = uuid(1, 'b');
    const R1 = uuid(1, 'c');
    const base = `/v2/meetings/${M1}/call_recordings/${R1}`;
    attio().get(base).reply(200, { data: recording(M1, R1, 'processing') });
    attio().get(`/v2/meetings/${M1}`).reply(200, { data: meeting(M1) });
    attio().get(`${base}/transcript`).reply(400, attioErrorBody(400, 'validation_type', 'Transcript is not available while the call recording is processing.'));
    members();
    const event = { event_type: 'call-recording.created', id: { workspace_id: WORKSPACE_ID, meeting_id: M1, call_recording_id: R1 }, actor: alice };
    const [item] = await appTester(recordingPerform, deliver([event]), true);
    expect(item).toMatchObject({ id: R1, recording_status: 'processing', transcript_ready: false, transcript: null, meeting_title: 'Acme renewal' });
    expect(item!.transcript_status).toMatch(/^not ready yet/);
  });

  it('new_call_recording still fails a run whose completed recording cannot have its transcript read (Zapier shows the error)', async () => {
    const M1 = uuid(2, 'b');
    const R1 = uuid(2, 'c');
    const base = `/v2/meetings/${M1}/call_recordings/${R1}`;
    attio().get(base).reply(200, { data: recording(M1, R1, 'completed') });
    attio().get(`/v2/meetings/${M1}`).reply(200, { data: meeting(M1) });
    attio().get(`${base}/transcript`).reply(403, attioErrorBody(403, 'forbidden', 'Missing scope call_recording:read.'));
    members();
    const event = { event_type: 'call-recording.created', id: { workspace_id: WORKSPACE_ID, meeting_id: M1, call_recording_id: R1 }, actor: alice };
    await expect(appTester(recordingPerform, deliver([event]), true)).rejects.toThrow(/call_recording:read/);
  });

  // The record a note or comment is on, or a removed entry's record, names its actors (a company's owner) as
  // New Record does: a Zap telling the owner about a note on their company needs no lookup step.
  describe('the record an event is about names its owner', () => {
    const C1 = uuid(1, 'c');
    const owned = () => {
      const company = companyRecord(C1, 'Acme', 'acme.example');
      const v = { active_from: '2025-01-15T10:30:00.000000000Z', active_until: null, created_by_actor: alice };
      return { ...company, values: { ...company.values, owner: [{ ...v, attribute_type: 'actor-reference', referenced_actor_type: 'workspace-member', referenced_actor_id: BOB_ID }] } };
    };
    const bobNamed = { owner: BOB_ID, owner_name: 'Bob Brown', owner_email: 'bob@example.com' };

    it('new_note', async () => {
      attio().get(`/v2/notes/${N1}`).reply(200, { data: note(N1, C1, { parent_object: 'companies', tags: [] }) });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: owned() });
      members();
      const event = { event_type: 'note.created', id: { workspace_id: WORKSPACE_ID, note_id: N1 }, parent_object_id: COMPANIES_ID, parent_record_id: C1, actor: alice };
      const [item] = await appTester(notePerform, deliver([event]), true);
      expect(item!.parent).toMatchObject(bobNamed);
      expect(attioRequests()).toHaveLength(3);
    });

    it('new_comment', async () => {
      attio().get(`/v2/comments/${K1}`).reply(200, { data: comment(K1, C1, { record: { object_id: COMPANIES_ID, record_id: C1 } }) });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: owned() });
      members();
      objects();
      const event = { event_type: 'comment.created', id: { workspace_id: WORKSPACE_ID, comment_id: K1 }, thread_id: uuid(1, 'e'), object_id: COMPANIES_ID, record_id: C1, list_id: null, entry_id: null, actor: alice };
      const [item] = await appTester(commentPerform, deliver([event]), true);
      expect(item!.record).toMatchObject(bobNamed);
      expect(attioRequests()).toHaveLength(4);
    });

    it('deleted_list_entry', async () => {
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: owned() });
      members();
      const event = { event_type: 'list-entry.deleted', id: { workspace_id: WORKSPACE_ID, list_id: LIST_ID, entry_id: uuid(1, 'e') }, parent_object_id: COMPANIES_ID, parent_record_id: C1, actor: token };
      const scoped = { ...EVERYTHING, list: 'sales', list_id: LIST_ID, parent_object: 'companies' };
      const [item] = await appTester(removedPerform, delivery({ webhook_id: WEBHOOK_ID, events: [event] }, { inputData: {}, subscribeData: scoped }), true);
      expect(item!.parent).toMatchObject(bobNamed);
      expect(attioRequests()).toHaveLength(2);
    });
  });
});

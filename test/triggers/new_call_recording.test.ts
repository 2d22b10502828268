import newCallRecording, { perform, performList, performSubscribe } from '../../src/triggers/new_call_recording';
import sample from '../../src/samples/new_call_recording.json';
import { MAX_TRANSCRIPT_PAGES } from '../../src/attio/meetings';
import { appTester, attio, attioErrorBody, heldReplies, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, alice, BOB, meeting, recording, system, transcriptPage, uuid } from '../fixtures/events';

const M1 = uuid(1, 'b');
const M2 = uuid(2, 'b');
const R1 = uuid(1, 'c');
const R2 = uuid(2, 'c');
const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET };

const created = (meetingId: string, recordingId: string, actor: object = alice) => ({
  event_type: 'call-recording.created',
  id: { workspace_id: WORKSPACE_ID, meeting_id: meetingId, call_recording_id: recordingId },
  actor,
});

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: {}, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const base = (m: string, r: string) => `/v2/meetings/${m}/call_recordings/${r}`;

/** The three reads of one recording; `pages` are the transcript's pages (none: Attio has no transcript). */
function recordingReads(m: string, r: string, status: 'processing' | 'completed' | 'failed', pages: Array<ReturnType<typeof transcriptPage>> = []) {
  attio().get(base(m, r)).reply(200, { data: recording(m, r, status) });
  attio().get(`/v2/meetings/${m}`).reply(200, { data: meeting(m) });
  if (pages.length === 0) attio().get(`${base(m, r)}/transcript`).reply(404, attioErrorBody(404, 'not_found', 'Transcript not found.'));
  pages.forEach((page, i) => {
    const scope = attio().get(`${base(m, r)}/transcript`);
    (i === 0 ? scope : scope.query({ cursor: `page-${i + 1}` })).reply(200, page);
  });
}

describe('triggers.new_call_recording', () => {
  it('subscribes to every call recording: the event has nothing to filter on (1 request)', async () => {
    attio()
      .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'call-recording.created', filter: null }] } })
      .reply(200, webhookResponse([{ event_type: 'call-recording.created', filter: null }]));
    expect(await appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).toEqual(SUBSCRIPTION);
    expect(attioRequests()).toHaveLength(1);
  });

  it('passes on both recordings with meeting, participants and the transcript as one text with speakers (3 reads each, at once)', async () => {
    recordingReads(M1, R1, 'completed', [
      transcriptPage(M1, R1, [['Alice Adams', 'Thanks for joining.', 0.5], ['Alice Adams', 'Pricing?', 2], ['Ada Lovelace', 'Annual, please.', 65.2]]),
    ]);
    recordingReads(M2, R2, 'processing', [transcriptPage(M2, R2, [])]);
    members();

    const results = await appTester(perform, deliver([created(M1, R1), created(M2, R2, system)]), true);

    expect(results[0]).toEqual({
      id: R1,
      call_recording_id: R1,
      meeting_id: M1,
      recording_status: 'completed',
      web_url: `https://app.attio.com/acme/calls/${M1}/${R1}`,
      meeting_title: 'Acme renewal',
      meeting_description: 'Pricing for next year',
      is_all_day: false,
      start: '2025-01-15T14:00:00.000-05:00',
      end: '2025-01-15T14:30:00.000-05:00',
      timezone: 'America/New_York',
      participants: ['alice@example.com', 'ada@acme.example'],
      organizer_email: 'alice@example.com',
      linked_record_ids: [uuid(1)],
      linked_objects: ['people'],
      transcript_ready: true,
      transcript_status: 'ready',
      transcript: '[00:00] Alice Adams: Thanks for joining. Pricing?\n[01:05] Ada Lovelace: Annual, please.',
      speakers: ['Alice Adams', 'Ada Lovelace'],
      transcript_url: `https://app.attio.com/acme/calls/${M1}/${R1}/transcript`,
      created_by: 'Alice Adams (alice@example.com)',
      created_by_email: 'alice@example.com',
      created_by_type: 'workspace-member',
      created_by_id: ALICE.id.workspace_member_id,
      created_at: '2025-01-15T14:31:00.000+00:00',
    });
    expect(results[1]).toMatchObject({
      id: R2,
      recording_status: 'processing',
      transcript_ready: false,
      transcript: null,
      transcript_status: expect.stringMatching(/^not ready yet: Attio is still processing this recording/),
      created_by: 'Attio (system)',
    });
    expect(attioRequests()).toHaveLength(7);
  });

  it('reads the recording, its meeting, the transcript and the member list at the same time (one round trip)', async () => {
    const held = heldReplies({
      [base(M1, R1)]: [200, { data: recording(M1, R1) }],
      [`/v2/meetings/${M1}`]: [200, { data: meeting(M1) }],
      [`${base(M1, R1)}/transcript`]: [200, transcriptPage(M1, R1, [['Alice Adams', 'Hi.', 0]])],
      '/v2/workspace_members': [200, { data: [ALICE, BOB] }],
    });
    expect(await appTester(perform, deliver([created(M1, R1)]), true)).toEqual([expect.objectContaining({ transcript: '[00:00] Alice Adams: Hi.' })]);
    expect(held.sequential).toBe(false);
  });

  it('says when a completed recording has no transcript yet (404) or failed, rather than failing', async () => {
    recordingReads(M1, R1, 'completed');
    recordingReads(M2, R2, 'failed');
    const results = await appTester(perform, deliver([created(M1, R1, system), created(M2, R2, system)]), true);
    expect(results).toEqual([
      expect.objectContaining({ transcript_ready: false, transcript_status: expect.stringMatching(/^not ready yet: Attio has no transcript/) }),
      expect.objectContaining({ transcript_ready: false, transcript_status: expect.stringMatching(/^not available: Attio could not process/) }),
    ]);
  });

  it('follows the transcript cursor, and says so when the transcript is longer than one run reads', async () => {
    const pages = Array.from({ length: MAX_TRANSCRIPT_PAGES }, (_, i) =>
      transcriptPage(M1, R1, [[i % 2 ? 'Ada Lovelace' : 'Alice Adams', `Part ${i + 1}.`, i * 10]], `page-${i + 2}`),
    );
    recordingReads(M1, R1, 'completed', pages);
    const [item] = await appTester(perform, deliver([created(M1, R1, system)]), true);
    expect(String(item!.transcript).split('\n')).toHaveLength(MAX_TRANSCRIPT_PAGES);
    expect(item!.transcript_status).toMatch(/^ready \(truncated/);
  });

  it('skips a recording deleted before it was read (404); halts a forged delivery; drops a redelivery', async () => {
    attio().get(base(M1, R1)).reply(404, attioErrorBody(404, 'not_found', 'Call recording not found.'));
    attio().get(`/v2/meetings/${M1}`).reply(404, attioErrorBody(404, 'not_found', 'Meeting not found.'));
    attio().get(`${base(M1, R1)}/transcript`).reply(404, attioErrorBody(404, 'not_found', 'Transcript not found.'));
    expect(await appTester(perform, deliver([created(M1, R1, system)]), true)).toEqual([]);

    await expect(appTester(perform, deliver([created(M1, R1)], { signature: sign('x') }), true)).rejects.toMatchObject({ name: 'HaltedError' });

    recordingReads(M2, R2, 'completed', [transcriptPage(M2, R2, [['Alice Adams', 'Hi.', 0]])]);
    expect(await appTester(perform, deliver([created(M2, R2, system)]), true)).toHaveLength(1);
    expect(await appTester(perform, deliver([created(M2, R2, system)], { idempotencyKey: 'idem-4' }))).toEqual([]);
  });

  it('performList: the newest recordings of meetings that have started, with the keys a live recording has', async () => {
    attio()
      .get('/v2/meetings')
      .query((q) => q.sort === 'start_desc' && q.limit === '10' && typeof q.starts_before === 'string')
      .reply(200, { data: [meeting(M1), meeting(M2)], pagination: { next_cursor: null } });
    attio().get(`/v2/meetings/${M1}/call_recordings`).query({ limit: 3 }).reply(200, { data: [recording(M1, R1)], pagination: { next_cursor: null } });
    attio().get(`/v2/meetings/${M2}/call_recordings`).query({ limit: 3 }).reply(200, { data: [], pagination: { next_cursor: null } });
    recordingReads(M1, R1, 'completed', [transcriptPage(M1, R1, [['Alice Adams', 'Hi.', 0]])]);
    members();
    const listed = await appTester(performList, makeBundle({ inputData: {} }), true);
    expect(listed.map((r) => r.id)).toEqual([R1]);

    recordingReads(M1, R1, 'completed', [transcriptPage(M1, R1, [['Alice Adams', 'Hi.', 0]])]);
    members();
    const [hooked] = await appTester(perform, deliver([created(M1, R1)]), true);
    expect(listed[0]).toEqual(hooked);
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('is a REST hook without inputs, whose outputFields label every sample key', () => {
    expect(newCallRecording.operation.inputFields).toEqual([]);
    const outputKeys = (newCallRecording.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
    expect(outputKeys).toEqual(fieldKeys(sample));
  });
});

// Every event the round's triggers subscribe to, with Attio's payload shapes (webhook reference), and the
// control routes that make them happen "in Attio": a completed task, a note, a resolved comment, a call
// recording with its meeting and a transcript that may not be ready yet.
import { APP_CLIENT_ID } from '../../sandbox/server';
import { specResponseErrors, useSandbox, type Data } from './helpers';

const { api, sandbox } = useSandbox();

async function control<T = unknown>(method: string, route: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox().controlUrl}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

const ws = () => sandbox().schema.workspace.id;
const objectId = (slug: string) => sandbox().schema.object(slug)?.id as string;
const listId = (slug: string) => sandbox().schema.list(slug)?.id as string;
const member = (email: string) => ({ type: 'workspace-member', id: sandbox().schema.member(email)?.id });
const APP = { type: 'app', id: APP_CLIENT_ID };
const ALL = [
  'record.deleted',
  'list-entry.deleted',
  'note.created',
  'task.created',
  'task.updated',
  'comment.created',
  'comment.resolved',
  'comment.unresolved',
  'call-recording.created',
];
const subscribeAll = () =>
  sandbox().createWebhook(
    'https://hooks.zapier.com/hooks/standard/1/all',
    ALL.map((event_type) => ({ event_type, filter: null })),
  );
const events = () => sandbox().deliveries.map((d) => d.payload.events[0]);

interface TaskJson {
  id: { task_id: string };
  is_completed: boolean;
}

describe('record, entry, note and task events', () => {
  it('record.deleted, list-entry.deleted (with the parent), note.created, task.created and a completion as task.updated', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.example'] }).id.record_id;
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme).id.entry_id;
    subscribeAll();

    const note = await control<Data<{ id: { note_id: string }; created_by_actor: unknown }>>('POST', '/notes', {
      actor: { type: 'workspace-member', email: 'bob@example.com' },
      parent_object: 'companies',
      parent_record_id: acme,
      title: 'Call notes',
      format: 'markdown',
      content: '**Renewal** in May',
    });
    expect(note.status).toBe(200);
    expect(note.body.data.created_by_actor).toEqual(member('bob@example.com'));
    const task = await api().post<Data<TaskJson>>('/tasks', {
      data: { content: 'Send quote', format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [{ target_object: 'companies', target_record_id: acme }], assignees: [] },
    });
    const taskId = task.body.data.id.task_id;
    const done = await control<Data<TaskJson>>('POST', `/tasks/${taskId}/complete`, {});
    expect(done.body.data.is_completed).toBe(true);
    expect(done.body.data).not.toHaveProperty('completed_at');
    expect(specResponseErrors('GET', '/v2/tasks/{task_id}', (await api().get(`/tasks/${taskId}`)).body)).toEqual([]);
    // Reopened by a member, then completed again (an edit that does not complete is a task.updated too).
    await control('POST', `/tasks/${taskId}/complete`, { is_completed: false, actor: { type: 'workspace-member', email: 'bob@example.com' } });
    await sandbox().act('PATCH', `/v2/tasks/${taskId}`, { data: { is_completed: true } });
    await api().del(`/lists/sales_pipeline/entries/${entry}`);
    await api().del(`/objects/companies/records/${acme}`);

    expect(events()).toEqual([
      { event_type: 'note.created', id: { workspace_id: ws(), note_id: note.body.data.id.note_id }, parent_object_id: objectId('companies'), parent_record_id: acme, actor: member('bob@example.com') },
      { event_type: 'task.created', id: { workspace_id: ws(), task_id: taskId }, actor: APP },
      { event_type: 'task.updated', id: { workspace_id: ws(), task_id: taskId }, actor: member('alice@example.com') },
      { event_type: 'task.updated', id: { workspace_id: ws(), task_id: taskId }, actor: member('bob@example.com') },
      { event_type: 'task.updated', id: { workspace_id: ws(), task_id: taskId }, actor: member('alice@example.com') },
      { event_type: 'list-entry.deleted', id: { workspace_id: ws(), list_id: listId('sales_pipeline'), entry_id: entry }, parent_object_id: objectId('companies'), parent_record_id: acme, actor: APP },
      { event_type: 'record.deleted', id: { workspace_id: ws(), object_id: objectId('companies'), record_id: acme }, actor: APP },
    ]);
    expect(sandbox().tasks()[0]).toMatchObject({ is_completed: true, linked_records: [] });
  });
});

describe('comment events', () => {
  it('comment.created, then comment.resolved / comment.unresolved with resolved_at and resolved_by', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.example'] }).id.record_id;
    subscribeAll();
    const alice = member('alice@example.com');
    const created = await api().post<Data<{ id: { comment_id: string }; thread_id: string }>>('/comments', {
      data: { format: 'plaintext', content: 'Ready to sign?', author: alice, record: { object: 'companies', record_id: acme } },
    });
    const commentId = created.body.data.id.comment_id;
    const resolved = await control<Data<{ resolved_at: string | null; resolved_by: unknown }>>('POST', `/comments/${commentId}/resolve`, {
      actor: { type: 'workspace-member', email: 'bob@example.com' },
    });
    expect(resolved.body.data).toMatchObject({ resolved_at: expect.any(String), resolved_by: member('bob@example.com') });
    expect(specResponseErrors('GET', '/v2/comments/{comment_id}', (await api().get(`/comments/${commentId}`)).body)).toEqual([]);
    // Resolving twice changes nothing; reopening is comment.unresolved.
    await control('POST', `/comments/${commentId}/resolve`, {});
    const reopened = sandbox().resolveComment(commentId, false);
    expect(reopened).toMatchObject({ resolved_at: null, resolved_by: {} });
    const where = { thread_id: created.body.data.thread_id, object_id: objectId('companies'), record_id: acme, list_id: null, entry_id: null };
    expect(events()).toEqual([
      { event_type: 'comment.created', id: { workspace_id: ws(), comment_id: commentId }, ...where, actor: APP },
      { event_type: 'comment.resolved', id: { workspace_id: ws(), comment_id: commentId }, ...where, actor: member('bob@example.com') },
      { event_type: 'comment.unresolved', id: { workspace_id: ws(), comment_id: commentId }, ...where, actor: alice },
    ]);
    expect((await control('POST', '/comments/00000000-0000-4000-8000-000000000000/resolve', {})).body).toMatchObject({ status_code: 404 });
  });
});

describe('call recordings', () => {
  interface Created {
    meeting: { id: { meeting_id: string } };
    call_recording: { id: { meeting_id: string; call_recording_id: string }; status: string };
  }
  interface Transcript {
    transcript: Array<{ speech: string; speaker: { name: string }; start_time: number; end_time: number }>;
    raw_transcript: string;
  }

  it('call-recording.created with the meeting, the recording, and a transcript that is empty until ready', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.example'] }).id.record_id;
    subscribeAll();
    const created = await control<Data<Created>>('POST', '/call-recordings', {
      title: 'Acme renewal call',
      start: '2026-12-01T15:00:00Z',
      end: '2026-12-01T15:30:00Z',
      participants: [{ email_address: 'alice@example.com', is_organizer: true }, { email_address: 'ceo@acme.example' }],
      linked_records: [{ object: 'companies', record_id: acme }],
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.data.meeting.id.meeting_id;
    const recordingId = created.body.data.call_recording.id.call_recording_id;
    expect(events()).toEqual([
      { event_type: 'call-recording.created', id: { workspace_id: ws(), meeting_id: meetingId, call_recording_id: recordingId }, actor: member('alice@example.com') },
    ]);

    const meeting = await api().get(`/meetings/${meetingId}`);
    expect(specResponseErrors('GET', '/v2/meetings/{meeting_id}', meeting.body)).toEqual([]);
    expect(meeting.body).toMatchObject({
      data: {
        title: 'Acme renewal call',
        start: { datetime: '2026-12-01T15:00:00.000Z' },
        participants: [{ email_address: 'alice@example.com', is_organizer: true, status: 'accepted' }, { email_address: 'ceo@acme.example', is_organizer: false }],
        linked_records: [{ object_slug: 'companies', object_id: objectId('companies'), record_id: acme }],
      },
    });
    const base = `/meetings/${meetingId}/call_recordings`;
    const recording = await api().get<Data<{ status: string; web_url: string }>>(`${base}/${recordingId}`);
    expect(specResponseErrors('GET', '/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}', recording.body)).toEqual([]);
    expect(recording.body.data.status).toBe('processing');
    const pending = await api().get<Data<Transcript>>(`${base}/${recordingId}/transcript`);
    expect(specResponseErrors('GET', '/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}/transcript', pending.body)).toEqual([]);
    expect(pending.body.data).toMatchObject({ transcript: [], raw_transcript: '' });

    const ready = await control<Data<{ status: string }>>('PUT', `/call-recordings/${recordingId}/transcript`, {
      transcript: [
        { speaker: 'Alice Adams', speech: 'Thanks for joining.' },
        { speaker: 'Dana CEO', speech: 'Happy to renew.', start_time: 4, end_time: 6 },
      ],
    });
    expect(ready.body.data.status).toBe('completed');
    const transcript = (await api().get<Data<Transcript>>(`${base}/${recordingId}/transcript`)).body.data;
    expect(transcript.transcript.map((l) => [l.speaker.name, l.speech, l.start_time, l.end_time])).toEqual([
      ['Alice Adams', 'Thanks for joining.', 0, 1],
      ['Dana CEO', 'Happy to renew.', 4, 6],
    ]);
    expect(transcript.raw_transcript).toBe('Alice Adams: Thanks for joining.\nDana CEO: Happy to renew.');

    const list = await api().get(`/meetings`, { query: { linked_object: 'companies', linked_record_id: acme, limit: '1' } });
    expect(specResponseErrors('GET', '/v2/meetings', list.body)).toEqual([]);
    expect(list.body).toMatchObject({ data: [{ id: { meeting_id: meetingId } }], pagination: { next_cursor: null } });
    expect(specResponseErrors('GET', '/v2/meetings/{meeting_id}/call_recordings', (await api().get(base)).body)).toEqual([]);
    // A note can now hang off the meeting.
    const note = await api().post('/notes', { data: { parent_object: 'companies', parent_record_id: acme, title: 'Summary', format: 'plaintext', content: 'Renewing.', meeting_id: meetingId } });
    expect(note.body).toMatchObject({ data: { meeting_id: meetingId } });
    expect((await api().get(`/meetings/00000000-0000-4000-8000-000000000000`)).body).toMatchObject({ status_code: 404, code: 'not_found' });
    expect((await api().get(`${base}/00000000-0000-4000-8000-000000000000/transcript`)).body).toMatchObject({ status_code: 404 });
    // A deleted record leaves the meeting.
    sandbox().deleteRecord('companies', acme);
    expect((await api().get(`/meetings/${meetingId}`)).body).toMatchObject({ data: { linked_records: [] } });
  });

  it('pages meetings with a cursor, and can be created with the transcript ready', async () => {
    const ids = [1, 2, 3].map((n) => (sandbox().createCallRecording({ title: `Call ${n}`, start: `2026-12-0${n}T10:00:00Z`, end: `2026-12-0${n}T11:00:00Z`, transcript: [{ speaker: 'A', speech: 'Hi' }] }).meeting as { id: { meeting_id: string } }).id.meeting_id);
    const first = await api().get<Data<Array<{ id: { meeting_id: string } }>> & { pagination: { next_cursor: string | null } }>('/meetings', { query: { limit: '2', sort: 'start_desc' } });
    expect(first.body.data.map((m) => m.id.meeting_id)).toEqual([ids[2], ids[1]]);
    const second = await api().get<Data<Array<{ id: { meeting_id: string } }>> & { pagination: { next_cursor: string | null } }>('/meetings', {
      query: { limit: '2', sort: 'start_desc', cursor: first.body.pagination.next_cursor as string },
    });
    expect(second.body).toMatchObject({ data: [{ id: { meeting_id: ids[0] } }], pagination: { next_cursor: null } });
    expect(sandbox().deliveries).toEqual([]);
  });
});

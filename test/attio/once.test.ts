// Creates that happen once (src/attio/recover.ts, src/attio/once.ts): a lost response (5xx, reset) is
// resolved by looking for the write, and a replay with identical input returns the first run's note or task.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { perform as createNote } from '../../src/creates/create_note';
import { perform as createTask } from '../../src/creates/create_task';
import { perform as createComment } from '../../src/creates/create_comment';
import { perform as createRecord } from '../../src/creates/create_record';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { useVirtualClock } from '../helpers/clock';
import { replayKey } from '../../src/attio/recover';
import { sentRequests } from '../helpers/contract';
import { PROJECT_ID, projectAttributes, record, text } from '../fixtures/records';

const time = useVirtualClock();

const WORKSPACE_ID = '14beef7a-99f7-4534-a87e-70b564330a4c';
const PERSON_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const NOTE_ID = 'ff3f3bd4-40f4-4f80-8187-cd02385af424';
const OTHER_NOTE_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TASK_ID = '649e34f4-c39a-4f4d-99ef-48a36bef8f04';
const ALICE_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
const BOB_ID = '6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const TOKEN_ACTOR = { type: 'api-token', id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d' };

type Perform = (z: ZObject, bundle: Bundle) => Promise<Record<string, unknown>>;
const run = (perform: unknown, inputData: Record<string, unknown>) => appTester(perform as Perform, makeBundle({ inputData }));
const calls = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);
/** Seconds after the virtual clock's start, as Attio writes timestamps. */
const at = (seconds: number) => new Date(Date.parse('2026-11-21T10:00:00.000Z') + seconds * 1000).toISOString().replace('Z', '000000Z');

function note(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id: { workspace_id: WORKSPACE_ID, note_id: id },
    parent_object: 'people',
    parent_record_id: PERSON_ID,
    title: 'Typeform answers',
    meeting_id: null,
    content_plaintext: 'Budget: $10k',
    content_markdown: 'Budget: $10k',
    tags: [],
    created_by_actor: TOKEN_ACTOR,
    created_at: at(0.5),
    ...overrides,
  };
}

const noteInput = { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', content: 'Budget: $10k' };
const notePost = { data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' } };
const notesQuery = { parent_object: 'people', parent_record_id: PERSON_ID, limit: '50', offset: '0' };

describe('lost responses: notes', () => {
  it('after a 502, finds the note Attio wrote (same record, title and content, created since) and returns it: 2 requests', async () => {
    attio().post('/v2/notes', notePost).reply(502, 'Bad Gateway');
    attio()
      .get('/v2/notes')
      .query(notesQuery)
      .reply(200, {
        data: [
          note(OTHER_NOTE_ID, { created_at: '2026-11-20T09:00:00.000000000Z' }), // the same words a day ago: not this run's
          note(NOTE_ID),
          note('1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', { content_plaintext: 'Budget: $20k', content_markdown: 'Budget: $20k', created_at: at(0.6) }),
        ],
      });
    const result = await run(createNote, noteInput);
    expect(result).toMatchObject({ id: NOTE_ID, title: 'Typeform answers' });
    expect(calls()).toEqual(['POST /v2/notes', `GET /v2/notes?parent_object=people&parent_record_id=${PERSON_ID}&limit=50&offset=0`]);
    expect(time.waits).toEqual([1000]);
  });

  it('after a reset with no such note, creates it again (surely absent): 3 requests', async () => {
    attio().post('/v2/notes', notePost).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    attio().get('/v2/notes').query(notesQuery).reply(200, { data: [note(OTHER_NOTE_ID, { title: 'Another note' })] });
    attio().post('/v2/notes', notePost).reply(200, { data: note(NOTE_ID) });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: NOTE_ID });
    expect(calls()).toEqual(['POST /v2/notes', expect.stringMatching(/^GET \/v2\/notes\?/), 'POST /v2/notes']);
  });

  it('reads every page of notes (Attio does not sort them), and finds a markdown note Attio re-rendered', async () => {
    const markdown = { ...notePost.data, format: 'markdown', content: '* **Budget**: $10k\n* Timeline: Q3' };
    attio().post('/v2/notes', { data: markdown }).reply(500, attioErrorBody(500, 'internal_server_error', 'Oops', 'api_error'));
    const page = Array.from({ length: 50 }, (_, i) => note(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, { title: `Old ${i}` }));
    attio().get('/v2/notes').query(notesQuery).reply(200, { data: page });
    attio()
      .get('/v2/notes')
      .query({ ...notesQuery, offset: '50' })
      .reply(200, { data: [note(NOTE_ID, { content_markdown: '- **Budget**: $10k\n- Timeline: Q3', content_plaintext: 'Budget: $10k\nTimeline: Q3' })] });
    await expect(run(createNote, { ...noteInput, format: 'markdown', content: markdown.content })).resolves.toMatchObject({ id: NOTE_ID });
    expect(calls()).toHaveLength(3);
  });

  it('when the lookup cannot tell (it fails too), says the write may or may not have happened, and sends nothing more', async () => {
    attio().post('/v2/notes', notePost).reply(503, 'Service Unavailable');
    attio().get('/v2/notes').query(notesQuery).times(4).reply(500, 'Internal Server Error');
    await expect(run(createNote, noteInput)).rejects.toThrow(
      /server error \(503\) while trying to create the note\. The write may or may not have happened/,
    );
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('a second lost response after a retry ends in the "may or may not" error (4 requests, never a third create)', async () => {
    attio().post('/v2/notes', notePost).times(2).reply(502, 'Bad Gateway');
    attio().get('/v2/notes').query(notesQuery).times(2).reply(200, { data: [] });
    await expect(run(createNote, noteInput)).rejects.toThrow(/may or may not have happened/);
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('a refusal (400) is no lost response: no lookup, the usual message', async () => {
    attio().post('/v2/notes', notePost).reply(400, attioErrorBody(400, 'validation_type', 'Bad title'));
    await expect(run(createNote, noteInput)).rejects.toThrow(/Bad title/);
    expect(calls()).toEqual(['POST /v2/notes']);
  });
});

describe('replays: identical input within 15 minutes', () => {
  it('a replayed note returns the first run\'s note (1 GET, no second create)', async () => {
    attio().post('/v2/notes', notePost).reply(200, { data: note(NOTE_ID) });
    const first = await run(createNote, noteInput);
    attio().get(`/v2/notes/${NOTE_ID}`).reply(200, { data: note(NOTE_ID) });
    const second = await run(createNote, { ...noteInput });
    expect(second).toEqual(first);
    expect(calls()).toEqual(['POST /v2/notes', `GET /v2/notes/${NOTE_ID}`]);
  });

  it('a note deleted since is created anew; a different content is a different note', async () => {
    attio().post('/v2/notes', notePost).reply(200, { data: note(NOTE_ID) });
    await run(createNote, noteInput);
    attio().get(`/v2/notes/${NOTE_ID}`).reply(404, attioErrorBody(404, 'not_found', 'Note not found'));
    attio().post('/v2/notes', notePost).reply(200, { data: note(OTHER_NOTE_ID) });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: OTHER_NOTE_ID });
    const other = { data: { ...notePost.data, content: 'Budget: $20k' } };
    attio().post('/v2/notes', other).reply(200, { data: note(NOTE_ID, { content_plaintext: 'Budget: $20k' }) });
    await run(createNote, { ...noteInput, content: 'Budget: $20k' });
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(3);
  });

  it('a run racing an identical one (the key claimed, no id yet) waits a moment and returns the note the other run wrote', async () => {
    const key = replayKey('note', ['people', PERSON_ID, 'Typeform answers', 'plaintext', 'Budget: $10k', null]);
    (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj[key] = JSON.stringify({ pending: true });
    attio().get('/v2/notes').query(notesQuery).reply(200, { data: [note(NOTE_ID)] });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: NOTE_ID });
    expect(calls()).toEqual([`GET /v2/notes?parent_object=people&parent_record_id=${PERSON_ID}&limit=50&offset=0`]);
    expect(time.waits).toEqual([1000]);
  });

  it('a run racing one that is still writing (claimed moments ago, waiting out a 429 say) does not create: Zapier runs it again later', async () => {
    const key = replayKey('note', ['people', PERSON_ID, 'Typeform answers', 'plaintext', 'Budget: $10k', null]);
    (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj[key] = JSON.stringify({ pending: true, at: time.now - 2_000 });
    const err = await run(createNote, noteInput).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe('ThrottledError');
    expect(err?.message).toMatch(/still creating the note/);
    expect(calls()).toEqual([]);
  });

  it('a claim older than a run can last, with no id, is a lost outcome: the note is looked for, then created when absent', async () => {
    const key = replayKey('note', ['people', PERSON_ID, 'Typeform answers', 'plaintext', 'Budget: $10k', null]);
    (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj[key] = JSON.stringify({ pending: true, at: time.now - 31_000 });
    attio().get('/v2/notes').query(notesQuery).reply(200, { data: [] });
    attio().post('/v2/notes', notePost).reply(200, { data: note(NOTE_ID) });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: NOTE_ID });
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('a replay after an unresolved lost answer looks for the note before creating it (and finds it)', async () => {
    attio().post('/v2/notes', notePost).reply(503, 'Service Unavailable');
    attio().get('/v2/notes').query(notesQuery).times(4).reply(500, 'Internal Server Error');
    await expect(run(createNote, noteInput)).rejects.toThrow(/may or may not have happened/);
    attio().get('/v2/notes').query(notesQuery).reply(200, { data: [note(NOTE_ID)] });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: NOTE_ID });
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('a failed create leaves no replay mark: the next identical run creates', async () => {
    attio().post('/v2/notes', notePost).reply(400, attioErrorBody(400, 'validation_type', 'Bad title'));
    await expect(run(createNote, noteInput)).rejects.toThrow(/Bad title/);
    attio().post('/v2/notes', notePost).reply(200, { data: note(NOTE_ID) });
    await expect(run(createNote, noteInput)).resolves.toMatchObject({ id: NOTE_ID });
  });
});

const taskInput = { content: 'Follow up on pricing', deadline_at: '2026-11-28T17:00:00Z', linked_object: 'people', linked_record_ids: [PERSON_ID] };
function aliceMember() {
  attio()
    .get('/v2/workspace_members')
    .reply(200, {
      data: [
        {
          id: { workspace_id: WORKSPACE_ID, workspace_member_id: ALICE_ID },
          first_name: 'Alice',
          last_name: 'Adams',
          avatar_url: null,
          email_address: 'alice@acme.com',
          access_level: 'admin',
          created_at: '2024-01-01T00:00:00.000000000Z',
        },
      ],
    });
}

const taskPost = {
  data: {
    content: 'Follow up on pricing',
    format: 'plaintext',
    deadline_at: '2026-11-28T17:00:00.000Z',
    is_completed: false,
    linked_records: [{ target_object: 'people', target_record_id: PERSON_ID }],
    assignees: [],
  },
};
function task(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id: { workspace_id: WORKSPACE_ID, task_id: id },
    content_plaintext: 'Follow up on pricing',
    deadline_at: '2026-11-28T17:00:00.000000000Z',
    is_completed: false,
    linked_records: [{ target_object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795', target_record_id: PERSON_ID }],
    assignees: [],
    created_by_actor: TOKEN_ACTOR,
    created_at: at(0.4),
    ...overrides,
  };
}
const tasksQuery = { linked_object: 'people', linked_record_id: PERSON_ID, sort: 'created_at:desc', limit: '50', offset: '0' };

describe('lost responses: tasks', () => {
  it('after a 504, finds the task among the linked record\'s newest tasks (content, deadline, links): 2 requests', async () => {
    attio().post('/v2/tasks', taskPost).reply(504, 'Gateway Timeout');
    attio()
      .get('/v2/tasks')
      .query(tasksQuery)
      .reply(200, { data: [task(TASK_ID), task(OTHER_NOTE_ID, { deadline_at: null, created_at: at(-10) })] });
    await expect(run(createTask, taskInput)).resolves.toMatchObject({ id: TASK_ID });
    expect(calls()).toEqual(['POST /v2/tasks', `GET /v2/tasks?sort=created_at%3Adesc&limit=50&offset=0&linked_object=people&linked_record_id=${PERSON_ID}`]);
  });

  it('stops reading at tasks older than the window, and creates again when the task is not there', async () => {
    attio().post('/v2/tasks', taskPost).replyWithError({ code: 'ETIMEDOUT', message: 'timeout' });
    attio()
      .get('/v2/tasks')
      .query(tasksQuery)
      .reply(200, { data: Array.from({ length: 50 }, () => task(OTHER_NOTE_ID, { created_at: '2026-11-01T09:00:00.000000000Z' })) });
    attio().post('/v2/tasks', taskPost).reply(200, { data: task(TASK_ID) });
    await expect(run(createTask, taskInput)).resolves.toMatchObject({ id: TASK_ID });
    expect(calls()).toHaveLength(3);
  });

  it('narrows by assignee when no record is linked by id, and a replay returns the first task', async () => {
    const post = { data: { ...taskPost.data, linked_records: [], assignees: [{ workspace_member_email_address: 'alice@acme.com' }] } };
    attio().post('/v2/tasks', post).reply(502, 'Bad Gateway');
    const created = task(TASK_ID, { linked_records: [], assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: ALICE_ID }] });
    attio()
      .get('/v2/tasks')
      .query({ assignee: 'alice@acme.com', sort: 'created_at:desc', limit: '50', offset: '0' })
      .reply(200, { data: [created] });
    // The assignee is compared by member id: the connection's member list names Alice (cached afterwards).
    aliceMember();
    const input = { content: 'Follow up on pricing', deadline_at: '2026-11-28T17:00:00Z', assignee_emails: ['Alice@Acme.com'] };
    await expect(run(createTask, input)).resolves.toMatchObject({ id: TASK_ID });
    attio().get(`/v2/tasks/${TASK_ID}`).reply(200, { data: created });
    await expect(run(createTask, input)).resolves.toMatchObject({ id: TASK_ID, assignee_emails: ['alice@acme.com'] });
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });
});

describe('lost responses: tasks that only look alike are not taken for the lost one', () => {
  it("never returns another lead's task with the same words and assignee: a link given by email cannot be checked, so the loss stays unresolved", async () => {
    attio()
      .post('/v2/tasks', (b: { data: { content: string } }) => b.data.content === 'Call the new lead')
      .reply(502, 'Bad Gateway');
    const err = await run(createTask, { content: 'Call the new lead', assignee_emails: ['alice@acme.com'], linked_person_emails: ['bob@newlead.com'] }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/may or may not have happened/);
    expect(calls()).toEqual(['POST /v2/tasks']);
  });

  it('compares the linked record ids as sets: a task linked to another record is not the lost one, so the task is created again', async () => {
    attio().post('/v2/tasks', taskPost).reply(502, 'Bad Gateway');
    attio()
      .get('/v2/tasks')
      .query({ linked_object: 'people', linked_record_id: PERSON_ID, sort: 'created_at:desc', limit: '50', offset: '0' })
      .reply(200, { data: [task(OTHER_NOTE_ID, { linked_records: [{ target_object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795', target_record_id: OTHER_NOTE_ID }] })] });
    attio().post('/v2/tasks', taskPost).reply(200, { data: task(TASK_ID) });
    await expect(run(createTask, taskInput)).resolves.toMatchObject({ id: TASK_ID });
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });
});

describe('lost responses: comments and records', () => {
  const commentPost = {
    data: { format: 'plaintext', content: 'Call booked', author: { type: 'workspace-member', id: ALICE_ID }, record: { object: 'people', record_id: PERSON_ID } },
  };
  function comment(id: string, author: string, createdAt = at(0.3)) {
    return {
      id: { workspace_id: WORKSPACE_ID, comment_id: id },
      thread_id: id,
      content_plaintext: 'Call booked',
      entry: null,
      record: { record_id: PERSON_ID, object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795' },
      resolved_at: null,
      resolved_by: {},
      created_at: createdAt,
      author: { type: 'workspace-member', id: author },
    };
  }

  it('after a 502, finds the comment on the record by its author and content: 2 requests', async () => {
    attio().post('/v2/comments', commentPost).reply(502, 'Bad Gateway');
    attio()
      .get('/v2/threads')
      .query({ object: 'people', record_id: PERSON_ID, limit: '50', offset: '0' })
      .reply(200, {
        data: [
          { id: { workspace_id: WORKSPACE_ID, thread_id: TASK_ID }, created_at: at(0.2), comments: [comment(TASK_ID, BOB_ID)] },
          { id: { workspace_id: WORKSPACE_ID, thread_id: NOTE_ID }, created_at: at(0.3), comments: [comment(NOTE_ID, ALICE_ID)] },
        ],
      });
    const result = await run(createComment, { content: 'Call booked', author: ALICE_ID, object: 'people', record_id: PERSON_ID });
    expect(result).toMatchObject({ id: NOTE_ID, author_id: ALICE_ID });
    expect(calls()).toHaveLength(2);
  });

  it('a plain record create whose response was lost is found by its unique value written (created since)', async () => {
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    const post = { data: { values: { name: [{ value: 'Acme onboarding' }], project_code: [{ value: 'ACME-1' }] } } };
    attio().post('/v2/objects/projects/records', post).reply(500, 'Internal Server Error');
    const found = { ...record('projects', PROJECT_ID, { name: [text('Acme onboarding')], project_code: [text('ACME-1')] }), created_at: at(0.5) };
    attio()
      .post('/v2/objects/projects/records/query', { filter: { project_code: 'ACME-1' }, limit: 1 })
      .reply(200, { data: [found] });
    const result = await run(createRecord, { object: 'projects', values__name: 'Acme onboarding', values__project_code: 'ACME-1' });
    expect(result).toMatchObject({ id: PROJECT_ID, project_code: 'ACME-1' });
    expect(calls().filter((c) => c.includes('/records'))).toEqual(['POST /v2/objects/projects/records', 'POST /v2/objects/projects/records/query']);
  });

  it('an older record with that unique value is not the lost one: the create is sent again (and Attio names the clash)', async () => {
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    const post = { data: { values: { project_code: [{ value: 'ACME-1' }] } } };
    attio().post('/v2/objects/projects/records', post).reply(502, 'Bad Gateway');
    attio()
      .post('/v2/objects/projects/records/query', { filter: { project_code: 'ACME-1' }, limit: 1 })
      .reply(200, { data: [record('projects', PROJECT_ID, { project_code: [text('ACME-1')] })] });
    attio().post('/v2/objects/projects/records', post).reply(400, attioErrorBody(400, 'uniqueness_conflict', 'conflicts with one already in the system'));
    await expect(run(createRecord, { object: 'projects', values__project_code: 'ACME-1' })).rejects.toThrow(/already has one of the unique values/);
  });
});

// Notes, tasks, workspace members, /v2/self and authentication.
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiFor, useSandbox, type Data } from './helpers';

const { api, sandbox } = useSandbox();

interface NoteBody {
  id: { note_id: string };
  parent_object: string;
  parent_record_id: string;
  title: string;
  content_plaintext: string;
  content_markdown: string;
  created_at: string;
}
interface TaskBody {
  id: { task_id: string };
  content_plaintext: string;
  deadline_at: string | null;
  is_completed: boolean;
  linked_records: Array<{ target_object_id: string; target_record_id: string }>;
  assignees: Array<{ referenced_actor_type: string; referenced_actor_id: string }>;
  created_by_actor: { type: string; id: string | null };
}

let ada: string;
let acme: string;
beforeEach(() => {
  acme = sandbox().createRecord('companies', { domains: ['acme.com'] }).id.record_id;
  ada = sandbox().createRecord('people', { email_addresses: ['ada@acme.com'] }).id.record_id;
});

describe('notes', () => {
  const note = (extra: Record<string, unknown> = {}) => ({
    data: { parent_object: 'people', parent_record_id: ada, title: 'Typeform answers', format: 'plaintext', content: 'Budget: 10k\nTeam: 5', ...extra },
  });

  it('creates a note on a record and lists it', async () => {
    const res = await api().post<Data<NoteBody>>('/notes', note());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ parent_object: 'people', parent_record_id: ada, title: 'Typeform answers', content_plaintext: 'Budget: 10k\nTeam: 5' });
    const md = await api().post<Data<NoteBody>>('/notes', note({ format: 'markdown', content: '# Call\n**Budget**: [10k](https://x.example)', created_at: '2024-05-01T10:00:00Z' }));
    expect(md.body.data.content_plaintext).toBe('Call\nBudget: 10k');
    expect(md.body.data.created_at).toBe('2024-05-01T10:00:00.000000000Z');
    const listed = await api().get<Data<NoteBody[]>>('/notes', { query: { parent_object: 'people', parent_record_id: ada } });
    expect(listed.body.data).toHaveLength(2);
    expect((await api().get<Data<NoteBody>>(`/notes/${res.body.data.id.note_id}`)).body.data.title).toBe('Typeform answers');
  });

  it('rejects a missing parent record, an unknown object and a bad body', async () => {
    const missing = await api().post('/notes', note({ parent_record_id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const object = await api().post('/notes', note({ parent_object: 'planets' }));
    expect(object.body).toMatchObject({ status_code: 404, code: 'not_found' });
    const noTitle = await api().post('/notes', { data: { parent_object: 'people', parent_record_id: ada, format: 'plaintext', content: 'x' } });
    expect(noTitle.body).toMatchObject({ status_code: 400, code: 'validation_type', message: 'Body payload validation error.' });
    expect(noTitle.body.validation_errors?.[0]?.path).toEqual(['data', 'title']);
    expect(sandbox().notes()).toHaveLength(0);
  });
});

describe('tasks', () => {
  const task = (extra: Record<string, unknown> = {}) => ({
    data: { content: 'Follow up', format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [], assignees: [], ...extra },
  });

  it('links records by id, email or domain and resolves assignees by email', async () => {
    const res = await api().post<Data<TaskBody>>(
      '/tasks',
      task({
        deadline_at: '2025-02-01T09:00:00Z',
        linked_records: [
          { target_object: 'people', email_addresses: [{ email_address: 'ADA@acme.com' }] },
          { target_object: 'companies', domains: [{ domain: 'acme.com' }] },
          { target_object: 'people', target_record_id: ada },
        ],
        assignees: [{ workspace_member_email_address: 'bob@example.com' }],
      }),
    );
    expect(res.status).toBe(200);
    const schema = sandbox().schema;
    expect(res.body.data).toMatchObject({
      content_plaintext: 'Follow up',
      deadline_at: '2025-02-01T09:00:00.000000000Z',
      is_completed: false,
      linked_records: [
        { target_object_id: schema.object('people')?.id, target_record_id: ada },
        { target_object_id: schema.object('companies')?.id, target_record_id: acme },
      ],
      assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: schema.member('bob@example.com')?.id }],
      created_by_actor: { type: 'app' },
    });
    const done = await api().patch<Data<TaskBody>>(`/tasks/${res.body.data.id.task_id}`, { data: { is_completed: true } });
    expect(done.body.data.is_completed).toBe(true);
    expect(done.body.data).not.toHaveProperty('completed_at');
    const mine = await api().get<Data<TaskBody[]>>('/tasks', { query: { assignee: 'bob@example.com', is_completed: 'true' } });
    expect(mine.body.data).toHaveLength(1);
  });

  it('answers 400 when a linked record or assignee is not found, and when a required field is missing', async () => {
    const noPerson = await api().post('/tasks', task({ linked_records: [{ target_object: 'people', email_addresses: [{ email_address: 'nobody@acme.com' }] }] }));
    expect(noPerson.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const noRecord = await api().post('/tasks', task({ linked_records: [{ target_object: 'companies', target_record_id: '00000000-0000-4000-8000-000000000000' }] }));
    expect(noRecord.body.code).toBe('value_not_found');
    const notUnique = await api().post('/tasks', task({ linked_records: [{ target_object: 'people', job_title: [{ value: 'x' }] }] }));
    expect(notUnique.body.code).toBe('validation_type');
    const noMember = await api().post('/tasks', task({ assignees: [{ workspace_member_email_address: 'eve@example.com' }] }));
    expect(noMember.body.code).toBe('value_not_found');
    const { deadline_at: _omit, ...withoutDeadline } = task().data;
    const missing = await api().post('/tasks', { data: withoutDeadline });
    expect(missing.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(missing.body.validation_errors?.map((e) => e.path)).toEqual([['data', 'deadline_at']]);
    const tooLong = await api().post('/tasks', task({ content: 'x'.repeat(2001) }));
    expect(tooLong.body.validation_errors?.[0]).toMatchObject({ code: 'too_big', path: ['data', 'content'] });
    expect(sandbox().tasks()).toHaveLength(0);
  });
});

describe('deleting a record', () => {
  it('deletes its notes and unlinks it from tasks', async () => {
    await api().post('/notes', { data: { parent_object: 'people', parent_record_id: ada, title: 't', format: 'plaintext', content: 'c' } });
    await api().post('/tasks', {
      data: {
        content: 'x',
        format: 'plaintext',
        deadline_at: null,
        is_completed: false,
        linked_records: [
          { target_object: 'people', target_record_id: ada },
          { target_object: 'companies', target_record_id: acme },
        ],
        assignees: [],
      },
    });
    await api().del(`/objects/people/records/${ada}`);
    expect(sandbox().notes()).toEqual([]);
    expect(sandbox().tasks()[0]?.linked_records).toEqual([{ target_object_id: sandbox().schema.object('companies')?.id, target_record_id: acme }]);
  });
});

describe('workspace members, /v2/self and tokens', () => {
  it('lists three members', async () => {
    const res = await api().get<Data<Array<{ email_address: string; access_level: string }>>>('/workspace_members');
    expect(res.body.data.map((m) => [m.email_address, m.access_level])).toEqual([
      ['alice@example.com', 'admin'],
      ['bob@example.com', 'member'],
      ['chloe@example.com', 'member'],
    ]);
  });

  it('/v2/self is active for any bearer token, inactive once revoked (and then every other call is 401)', async () => {
    const self = await api().get<{ active: boolean; workspace_name?: string; workspace_id?: string }>('/self');
    expect(self.body).toMatchObject({ active: true, workspace_name: 'Sandbox Workspace', workspace_id: sandbox().schema.workspace.id });
    sandbox().revokeToken('revoked-token');
    const revoked = await api().get('/self', { token: 'revoked-token' });
    expect(revoked).toMatchObject({ status: 200, body: { active: false } });
    const other = await api().get('/objects', { token: 'revoked-token' });
    expect(other.status).toBe(401);
    expect(other.body).toMatchObject({ status_code: 401, type: 'auth_error', code: 'unauthorized' });
  });

  it('answers a malformed token like Attio: 400 missing_value on /v2/self, 401 elsewhere', async () => {
    const malformed = 'not-a-real-token';
    // Not malformed until marked: any token is accepted by default.
    expect((await api().get('/self', { token: malformed })).body).toMatchObject({ active: true });
    sandbox().markTokenMalformed(malformed);
    const self = await api().get('/self', { token: malformed });
    expect(self.status).toBe(400);
    expect(self.body).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'missing_value',
      message: 'Token was not recognised, check that it is a valid Attio access token.',
    });
    const other = await api().post('/objects/people/records/query', {}, { token: malformed });
    expect(other.status).toBe(401);
    expect(other.body).toMatchObject({ status_code: 401, type: 'auth_error', code: 'unauthorized' });
    // Other tokens are unaffected.
    expect((await api().get('/self')).body).toMatchObject({ active: true });
  });

  it('takes malformed tokens as an option, and they win over the accepted list', async () => {
    let strict: Sandbox | undefined;
    try {
      strict = await startSandbox({ tokens: ['good-token', 'garbled'], malformedTokens: ['garbled', 'attio_pat_trunc'], rateLimits: false });
      expect((await apiFor(strict, 'good-token').get('/self')).body).toMatchObject({ active: true });
      for (const token of ['garbled', 'attio_pat_trunc']) {
        expect(await apiFor(strict, token).get('/self')).toMatchObject({ status: 400, body: { code: 'missing_value' } });
        expect(await apiFor(strict, token).get('/objects')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
      }
      // An unknown (not malformed) token still looks revoked.
      expect((await apiFor(strict, 'other').get('/self')).body).toEqual({ active: false });
    } finally {
      await strict?.stop();
    }
  });

  it('requires a bearer token', async () => {
    const res = await api().get('/objects', { token: null });
    expect(res.body).toMatchObject({ status_code: 401, code: 'unauthorized' });
  });

  it('accepts only the configured tokens when given a list', async () => {
    let strict: Sandbox | undefined;
    try {
      strict = await startSandbox({ tokens: ['good-token'], rateLimits: false });
      expect((await apiFor(strict, 'good-token').get('/objects')).status).toBe(200);
      expect((await apiFor(strict, 'other').get('/objects')).status).toBe(401);
      expect((await apiFor(strict, 'other').get('/self')).body).toEqual({ active: false });
      expect(strict.token).toBe('good-token');
    } finally {
      await strict?.stop();
    }
  });
});

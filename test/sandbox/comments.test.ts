// Comments and threads: POST /v2/comments on a record, an entry or a thread; GET/DELETE one comment;
// GET /v2/threads; comment.created webhooks; cascades when the record goes.
import { specResponseErrors, useSandbox, type Data } from './helpers';

const { api, sandbox } = useSandbox();

interface CommentBody {
  id: { workspace_id: string; comment_id: string };
  thread_id: string;
  content_plaintext: string;
  entry: { list_id: string; entry_id: string } | null;
  record: { object_id: string; record_id: string };
  resolved_at: string | null;
  resolved_by: Record<string, unknown>;
  created_at: string;
  author: { type: string; id: string };
}

interface ThreadBody {
  id: { workspace_id: string; thread_id: string };
  comments: CommentBody[];
  created_at: string;
}

const MISSING = '00000000-0000-4000-8000-000000000000';
const memberId = (email: string) => sandbox().schema.member(email)?.id as string;
const objectId = (slug: string) => sandbox().schema.object(slug)?.id as string;

let acme: string;
let entry: string;
beforeEach(() => {
  acme = sandbox().createRecord('companies', { domains: ['acme.com'] }).id.record_id;
  entry = sandbox().addEntry('sales_pipeline', 'companies', acme, { stage: ['Lead'] }).id.entry_id;
});

const comment = (target: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  data: { format: 'plaintext', content: 'Call booked, alice@example.com', author: { type: 'workspace-member', id: memberId('bob@example.com') }, ...target, ...extra },
});
const onAcme = (extra: Record<string, unknown> = {}) => comment({ record: { object: 'companies', record_id: acme } }, extra);

describe('creating comments', () => {
  it('starts a thread on a record, in the shape of the spec', async () => {
    const res = await api().post<Data<CommentBody>>('/comments', onAcme());
    expect(res.status).toBe(200);
    expect(specResponseErrors('POST', '/v2/comments', res.body)).toEqual([]);
    expect(res.body.data).toEqual({
      id: { workspace_id: sandbox().schema.workspace.id, comment_id: expect.any(String) },
      thread_id: expect.any(String),
      content_plaintext: 'Call booked, alice@example.com',
      entry: null,
      record: { object_id: objectId('companies'), record_id: acme },
      resolved_at: null,
      resolved_by: {},
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/),
      author: { type: 'workspace-member', id: memberId('bob@example.com') },
    });
    const again = await api().get<Data<CommentBody>>(`/comments/${res.body.data.id.comment_id}`);
    expect(again.body).toEqual(res.body);
    expect(specResponseErrors('GET', '/v2/comments/{comment_id}', again.body)).toEqual([]);
    // Each comment without a thread_id starts its own thread.
    const second = await api().post<Data<CommentBody>>('/comments', onAcme({ created_at: '2024-05-01T10:00:00Z' }));
    expect(second.body.data.thread_id).not.toBe(res.body.data.thread_id);
    expect(second.body.data.created_at).toBe('2024-05-01T10:00:00.000000000Z');
    expect(sandbox().comments()).toHaveLength(2);
  });

  it('comments on a list entry (naming its parent record too) and replies in a thread', async () => {
    const res = await api().post<Data<CommentBody>>('/comments', comment({ entry: { list: 'sales_pipeline', entry_id: entry } }));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      entry: { list_id: sandbox().schema.list('sales_pipeline')?.id, entry_id: entry },
      record: { object_id: objectId('companies'), record_id: acme },
    });
    const reply = await api().post<Data<CommentBody>>('/comments', comment({ thread_id: res.body.data.thread_id }, { content: 'Done.' }));
    expect(reply.body.data).toMatchObject({ thread_id: res.body.data.thread_id, entry: res.body.data.entry, record: res.body.data.record });

    const thread = await api().get<Data<ThreadBody>>(`/threads/${res.body.data.thread_id}`);
    expect(specResponseErrors('GET', '/v2/threads/{thread_id}', thread.body)).toEqual([]);
    expect(thread.body.data.comments.map((c) => c.content_plaintext)).toEqual(['Call booked, alice@example.com', 'Done.']);
    expect(thread.body.data.created_at).toBe(res.body.data.created_at);
    await api().post('/comments', onAcme());
    const onEntry = await api().get<Data<ThreadBody[]>>('/threads', { query: { list: 'sales_pipeline', entry_id: entry } });
    expect(onEntry.body.data.map((t) => t.id.thread_id)).toEqual([res.body.data.thread_id]);
    expect(specResponseErrors('GET', '/v2/threads', onEntry.body)).toEqual([]);
    const onRecord = await api().get<Data<ThreadBody[]>>('/threads', { query: { object: 'companies', record_id: acme } });
    expect(onRecord.body.data).toHaveLength(1);
    expect(onRecord.body.data[0]?.id.thread_id).not.toBe(res.body.data.thread_id);
    const half = await api().get('/threads', { query: { object: 'companies' } });
    expect(half.body).toMatchObject({ status_code: 400, code: 'validation_type' });
  });

  it('refuses an unknown author, object, list, record, entry or thread', async () => {
    const author = await api().post('/comments', onAcme({ author: { type: 'workspace-member', id: MISSING } }));
    expect(author.body).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'value_not_found',
      message: `Workspace member with ID "${MISSING}" not found.`,
    });
    const object = await api().post('/comments', comment({ record: { object: 'planets', record_id: acme } }));
    expect(object.body).toEqual({ status_code: 404, type: 'invalid_request_error', code: 'not_found', message: 'Object with slug/ID "planets" not found.' });
    const list = await api().post('/comments', comment({ entry: { list: 'nope', entry_id: entry } }));
    expect(list.body).toMatchObject({ status_code: 404, code: 'not_found' });
    const record = await api().post('/comments', comment({ record: { object: 'companies', record_id: MISSING } }));
    expect(record.body).toMatchObject({ status_code: 400, code: 'value_not_found', message: `Record with ID "${MISSING}" not found in object "companies".` });
    const missingEntry = await api().post('/comments', comment({ entry: { list: 'sales_pipeline', entry_id: MISSING } }));
    expect(missingEntry.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const thread = await api().post('/comments', comment({ thread_id: MISSING }));
    expect(thread.body).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'value_not_found',
      message: 'The referenced Thread could not be found, it might have been deleted.',
    });
    const future = await api().post('/comments', onAcme({ created_at: '2999-01-01T00:00:00Z' }));
    expect(future.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    // The spec: one of thread_id, record or entry, and a workspace-member author.
    const both = await api().post('/comments', onAcme({ thread_id: MISSING }));
    expect(both.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    const token = await api().post('/comments', onAcme({ author: { type: 'api-token', id: MISSING } }));
    expect(token.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(sandbox().comments()).toEqual([]);
  });

  it('counts and rate-limits comment writes like other writes', async () => {
    await api().post('/comments', onAcme());
    expect(sandbox().counters.count('POST /v2/comments')).toBe(1);
    sandbox().setRateLimits({ writesPerSecond: 1 });
    try {
      const writes = await Promise.all([0, 1, 2].map(() => api().post('/comments', onAcme())));
      expect(writes.some((r) => r.status === 429)).toBe(true);
    } finally {
      sandbox().setRateLimits(false);
    }
  });
});

describe('deleting comments', () => {
  it('only with the record or the entry it is on (DELETE /v2/comments/{id} is not served: the app never calls it)', async () => {
    const head = (await api().post<Data<CommentBody>>('/comments', onAcme())).body.data;
    expect((await api().del(`/comments/${head.id.comment_id}`)).body).toMatchObject({ status_code: 501, code: 'not_implemented' });
  });

  it('goes with the record or the entry it is on', async () => {
    await api().post('/comments', comment({ entry: { list: 'sales_pipeline', entry_id: entry } }));
    const person = sandbox().createRecord('people', { email_addresses: ['ada@acme.com'] }).id.record_id;
    await api().post('/comments', comment({ record: { object: 'people', record_id: person } }));
    await api().del(`/lists/sales_pipeline/entries/${entry}`);
    expect(sandbox().comments().map((c) => c.record)).toEqual([{ object_id: objectId('people'), record_id: person }]);
    await api().del(`/objects/people/records/${person}`);
    expect(sandbox().comments()).toEqual([]);
  });
});

describe('comment webhooks', () => {
  it('delivers comment.created, and comment.deleted when its record goes, with the thread, record and entry ids', async () => {
    await api().post('/webhooks', {
      data: {
        target_url: 'https://hooks.zapier.com/hooks/standard/1/c',
        subscriptions: [
          { event_type: 'comment.created', filter: null },
          { event_type: 'comment.deleted', filter: null },
        ],
      },
    });
    const onRecord = (await api().post<Data<CommentBody>>('/comments', onAcme())).body.data;
    const onEntry = (await api().post<Data<CommentBody>>('/comments', comment({ entry: { list: 'sales_pipeline', entry_id: entry } }))).body.data;
    await api().del(`/objects/companies/records/${acme}`);
    const workspace_id = sandbox().schema.workspace.id;
    const recordIds = { object_id: objectId('companies'), record_id: acme };
    expect(sandbox().deliveries.map((d) => d.payload.events[0])).toEqual([
      {
        event_type: 'comment.created',
        id: { workspace_id, comment_id: onRecord.id.comment_id },
        thread_id: onRecord.thread_id,
        ...recordIds,
        list_id: null,
        entry_id: null,
        actor: { type: 'app', id: expect.any(String) },
      },
      {
        event_type: 'comment.created',
        id: { workspace_id, comment_id: onEntry.id.comment_id },
        thread_id: onEntry.thread_id,
        ...recordIds,
        list_id: sandbox().schema.list('sales_pipeline')?.id,
        entry_id: entry,
        actor: { type: 'app', id: expect.any(String) },
      },
      expect.objectContaining({ event_type: 'comment.deleted', id: { workspace_id, comment_id: onRecord.id.comment_id } }),
      expect.objectContaining({ event_type: 'comment.deleted', id: { workspace_id, comment_id: onEntry.id.comment_id } }),
    ]);
  });
});

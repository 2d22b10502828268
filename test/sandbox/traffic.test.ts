// Rate limits, fault injection, request counters, spec validation (400 validation_type), unknown routes,
// and response bodies checked against the spec's own response schemas.
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiFor, person, specResponseErrors, useSandbox, type Data, type RecordBody } from './helpers';

describe('rate limits (fixed one-second windows)', () => {
  let now = Date.UTC(2025, 0, 1, 12, 0, 0, 400);
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => now });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    now += 1000;
    sandbox.reset();
    sandbox.setRateLimits({});
  });

  it('allows 25 writes a second, then answers 429 with Retry-After as the next second', async () => {
    const api = apiFor(sandbox);
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => api.post('/objects/people/records', person(`p${i}@example.com`))));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(25);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]?.body).toEqual({
      status_code: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded, please try again later',
    });
    const windowEnd = (Math.floor(now / 1000) + 1) * 1000;
    expect(limited[0]?.headers.get('retry-after')).toBe(new Date(windowEnd).toUTCString());
    // Rejected writes were not processed.
    expect(sandbox.listRecords('people')).toHaveLength(25);
    // Reads have their own budget.
    expect((await api.get('/objects')).status).toBe(200);
    now = windowEnd;
    expect((await api.post('/objects/people/records', person('late@example.com'))).status).toBe(200);
    expect(sandbox.rateLimitStats()).toMatchObject({ limits: { read: 100, write: 25 }, rejected: { write: 5, read: 0 } });
  });

  it('counts POST …/query as a read: 100 reads a second', async () => {
    const api = apiFor(sandbox);
    const reads = await Promise.all(
      Array.from({ length: 101 }, (_, i) => (i % 2 ? api.get('/self') : api.post('/objects/people/records/query', { limit: 1 }))),
    );
    expect(reads.filter((r) => r.status === 429)).toHaveLength(1);
    expect((await api.post('/objects/people/records', person('w@example.com'))).status).toBe(200);
  });

  it('can be configured or switched off', async () => {
    const api = apiFor(sandbox);
    sandbox.setRateLimits({ writesPerSecond: 2 });
    const limited = await Promise.all(Array.from({ length: 3 }, (_, i) => api.post('/objects/people/records', person(`c${i}@example.com`))));
    expect(limited.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    sandbox.setRateLimits(false);
    const free = await Promise.all(Array.from({ length: 40 }, (_, i) => api.post('/objects/people/records', person(`f${i}@example.com`))));
    expect(free.every((r) => r.status === 200)).toBe(true);
  });
});

describe('faults, counters, validation', () => {
  // The real clock, unless a test freezes it (the Retry-After of an injected 429 is computed from it).
  let frozenAt: number | undefined;
  const { api, sandbox } = useSandbox({ now: () => frozenAt ?? Date.now() });
  afterEach(() => {
    frozenAt = undefined;
  });

  it('injects 5xx for the next N matching requests, then answers normally', async () => {
    const handle = sandbox().inject({ status: 503, times: 2, method: 'POST', path: '/v2/objects/{object}/records/query' });
    expect((await api().get('/objects')).status).toBe(200);
    const a = await api().post('/objects/people/records/query', {});
    const b = await api().post('/objects/companies/records/query', {});
    expect([a.status, b.status]).toEqual([503, 503]);
    expect(a.body).toMatchObject({ status_code: 503, type: 'api_error', code: 'service_unavailable' });
    expect(handle.remaining()).toBe(0);
    expect((await api().post('/objects/people/records/query', {})).status).toBe(200);
  });

  it('injects 429 with Retry-After, and slow responses', async () => {
    frozenAt = Date.UTC(2025, 0, 1, 12, 0, 0, 400);
    sandbox().inject({ status: 429, path: '/v2/objects/people/*' });
    const limited = await api().post('/objects/people/records/query', {});
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status_code: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    // The start of the next second on the sandbox's clock, as an HTTP date.
    expect(limited.headers.get('retry-after')).toBe('Wed, 01 Jan 2025 12:00:01 GMT');
    // A whole second is not rounded up to the one after.
    frozenAt = Date.UTC(2025, 0, 1, 12, 0, 1, 0);
    sandbox().inject({ status: 429, path: '/v2/objects/people/*' });
    expect((await api().post('/objects/people/records/query', {})).headers.get('retry-after')).toBe('Wed, 01 Jan 2025 12:00:02 GMT');
    // Or the fault's own value.
    sandbox().inject({ status: 429, path: '/v2/objects/people/*', retryAfter: '7' });
    expect((await api().post('/objects/people/records/query', {})).headers.get('retry-after')).toBe('7');
    frozenAt = undefined;
    sandbox().inject({ delayMs: 150, path: /\/self$/ });
    const started = Date.now();
    expect((await api().get('/self')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('can fail after handling: the write happened but the client sees a 500', async () => {
    sandbox().inject({ status: 500, method: 'POST', path: '/v2/objects/{object}/records', afterHandling: true });
    const res = await api().post('/objects/people/records', person('lost@example.com'));
    expect(res.body).toMatchObject({ status_code: 500, code: 'internal_server_error' });
    expect(sandbox().listRecords('people', { filter: { email_addresses: 'lost@example.com' } })).toHaveLength(1);
  });

  it('counts requests per operation (route template) and per status, and resets', async () => {
    await api().post('/objects/people/records/query', {});
    await api().post('/objects/companies/records/query', {});
    await api().put('/objects/people/records', person('a@example.com'), { query: { matching_attribute: 'email_addresses' } });
    await api().get('/nope');
    expect(sandbox().counterSnapshot()).toEqual({
      total: 4,
      byOperation: {
        'POST /v2/objects/{object}/records/query': 2,
        'PUT /v2/objects/{object}/records': 1,
        'GET (unmatched)': 1,
      },
      byStatus: { '200': 3, '404': 1 },
    });
    expect(sandbox().counters.count('POST /v2/objects/{object}/records/query')).toBe(2);
    expect(sandbox().requestLog()[2]).toMatchObject({ method: 'PUT', path: '/v2/objects/people/records', status: 200 });
    sandbox().resetCounters();
    expect(sandbox().counters.count()).toBe(0);
  });

  it('validates bodies and query parameters against the spec: 400 validation_type', async () => {
    const bad = await api().post('/objects/people/records', { data: { values: { email_addresses: 'ada@example.com' } } });
    expect(bad.body).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'validation_type',
      message: 'Body payload validation error.',
      validation_errors: [{ code: 'invalid_type', path: ['data', 'values', 'email_addresses'], message: 'Expected array, received string' }],
    });
    const missingData = await api().put('/lists/sales_pipeline/entries', { data: { parent_object: 'companies', entry_values: {} } });
    expect(missingData.body.validation_errors?.map((e) => e.path)).toEqual([['data', 'parent_record_id']]);
    const noMatching = await api().put('/objects/people/records', person('a@example.com'));
    expect(noMatching.body).toMatchObject({ code: 'validation_type', message: 'Query parameter validation error.' });
    expect(noMatching.body.validation_errors?.[0]?.path).toEqual(['query', 'matching_attribute']);
    const extraQuery = await api().get('/objects', { query: { limit: '5' } });
    expect(extraQuery.body.code).toBe('validation_type');
    const notJson = await api().post('/objects/people/records', undefined, { rawBody: '{"data":' });
    expect(notJson.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(sandbox().listRecords('people')).toHaveLength(0);
  });

  it('answers unknown routes with a 404 envelope and unimplemented Attio routes with 501', async () => {
    expect((await api().get('/nope')).body).toEqual({ status_code: 404, type: 'invalid_request_error', code: 'not_found', message: 'Route not found: GET /v2/nope' });
    expect((await api().del('/objects')).body).toMatchObject({ status_code: 404, code: 'not_found' });
    expect((await api().post('/objects/records/search', { query: 'ada', objects: ['people'], request_as: { type: 'workspace' }, limit: 5 })).body).toMatchObject({
      status_code: 501,
      code: 'not_implemented',
    });
  });

  it('answers in the shapes of the spec\'s response schemas', async () => {
    const ada = await api().put<Data<RecordBody>>(
      '/objects/people/records',
      person('ada@acme.com', { name: ['Lovelace, Ada'], phone_numbers: ['+14155550100'], primary_location: ['1 Market St, San Francisco, CA, 94105, US'] }),
      { query: { matching_attribute: 'email_addresses' } },
    );
    const acme = sandbox().createRecord('companies', {
      domains: ['acme.com'],
      categories: ['SaaS'],
      funding_raised_usd: [1000000],
      foundation_date: ['2001-05-04'],
      team: [{ target_object: 'people', target_record_id: ada.body.data.id.record_id }],
    });
    sandbox().createRecord('projects', { name: ['P'], status: ['Active'], kickoff_at: ['2025-01-01T00:00:00Z'], is_billable: [true], health: [3], hours_estimate: [4] });
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme.id.record_id, { stage: ['Won'], owner: ['alice@example.com'] });
    const note = await api().post<Data<{ id: { note_id: string } }>>('/notes', {
      data: { parent_object: 'people', parent_record_id: ada.body.data.id.record_id, title: 't', format: 'plaintext', content: 'c' },
    });
    const task = await api().post<Data<{ id: { task_id: string } }>>('/tasks', {
      data: { content: 'x', format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [{ target_object: 'companies', domains: [{ domain: 'acme.com' }] }], assignees: [] },
    });
    const hook = await api().post<Data<{ id: { webhook_id: string } }>>('/webhooks', {
      data: { target_url: 'https://hooks.zapier.com/x', subscriptions: [{ event_type: 'record.created', filter: null }] },
    });
    const rid = ada.body.data.id.record_id;
    const checks: Array<[string, string, string, unknown?]> = [
      ['GET', '/v2/objects', '/objects'],
      ['GET', '/v2/objects/{object}', '/objects/people'],
      ['GET', '/v2/{target}/{identifier}/attributes', '/objects/companies/attributes'],
      ['GET', '/v2/{target}/{identifier}/attributes', '/lists/sales_pipeline/attributes'],
      ['GET', '/v2/{target}/{identifier}/attributes/{attribute}/options', '/objects/companies/attributes/categories/options'],
      ['GET', '/v2/{target}/{identifier}/attributes/{attribute}/statuses', '/lists/sales_pipeline/attributes/stage/statuses'],
      ['POST', '/v2/objects/{object}/records/query', '/objects/people/records/query', {}],
      ['POST', '/v2/objects/{object}/records/query', '/objects/companies/records/query', {}],
      ['POST', '/v2/objects/{object}/records/query', '/objects/projects/records/query', {}],
      ['GET', '/v2/objects/{object}/records/{record_id}', `/objects/people/records/${rid}`],
      ['GET', '/v2/objects/{object}/records/{record_id}/entries', `/objects/companies/records/${acme.id.record_id}/entries`],
      ['GET', '/v2/lists', '/lists'],
      ['GET', '/v2/lists/{list}', '/lists/sales_pipeline'],
      ['POST', '/v2/lists/{list}/entries/query', '/lists/sales_pipeline/entries/query', {}],
      ['GET', '/v2/lists/{list}/entries/{entry_id}', `/lists/sales_pipeline/entries/${entry.id.entry_id}`],
      ['GET', '/v2/workspace_members', '/workspace_members'],
      ['GET', '/v2/notes/{note_id}', `/notes/${note.body.data.id.note_id}`],
      ['GET', '/v2/tasks/{task_id}', `/tasks/${task.body.data.id.task_id}`],
      ['GET', '/v2/webhooks/{webhook_id}', `/webhooks/${hook.body.data.id.webhook_id}`],
      ['GET', '/v2/self', '/self'],
    ];
    for (const [method, template, path, body] of checks) {
      const res = await api().call<unknown>(method, path, body);
      expect({ path, status: res.status, errors: specResponseErrors(method, template, res.body) }).toEqual({ path, status: 200, errors: [] });
    }
    expect(specResponseErrors('PUT', '/v2/objects/{object}/records', ada.body)).toEqual([]);
    expect(specResponseErrors('POST', '/v2/webhooks', hook.body)).toEqual([]);
    // The check itself can fail.
    expect(specResponseErrors('GET', '/v2/objects/{object}', { data: { api_slug: 'people' } })).not.toEqual([]);
  });
});

// Every answer the sandbox gives, checked against Attio's spec (spec/validator.ts createResponseValidator):
// the demo's flows end to end (the app from src/ through zapier-platform-core's runner), then a broad set of
// direct calls, errors included. A 2xx must match its operation's response schema; an error must be
// Attio's envelope with status_code = the HTTP status and the type Attio uses for that status.
import App from '../../src/index';
import { holdingAppLogs, runFlows } from '../../scripts/flows';
import { RATE_LIMIT_TITLE } from '../../scripts/flows/rate_limits';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createResponseValidator } from '../../spec/validator';
import { apiFor, company, person, type Api, type Data, type EntryBody, type RecordBody } from './helpers';

let sandbox: Sandbox;
let api: Api;
const apiUrl = process.env.ATTIO_API_URL;

beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true });
  api = apiFor(sandbox);
});

afterAll(async () => {
  await sandbox.stop();
  if (apiUrl === undefined) delete process.env.ATTIO_API_URL;
  else process.env.ATTIO_API_URL = apiUrl;
});

beforeEach(() => sandbox.reset());

describe('response validation against the spec', () => {
  it('the check itself fails on a wrong shape, a wrong envelope and an undeclared status', () => {
    const check = createResponseValidator();
    expect(check({ method: 'GET', path: '/v2/objects/people', status: 200, body: { data: { api_slug: 'people' } } })).not.toEqual([]);
    expect(check({ method: 'GET', path: '/v2/objects/people', status: 404, body: { status_code: 400, type: 'invalid_request_error', code: 'not_found', message: 'x' } })).not.toEqual([]);
    expect(check({ method: 'GET', path: '/v2/objects/people', status: 429, body: { status_code: 429, type: 'invalid_request_error', code: 'rate_limit_exceeded', message: 'x' } })).not.toEqual([]);
    expect(check({ method: 'DELETE', path: '/v2/webhooks/x', status: 204, body: {} })).not.toEqual([]);
    expect(check({ method: 'GET', path: '/v2/self', status: 200, body: { active: false } })).toEqual([]);
  });

  it("the demo's flows get only answers Attio's spec allows", async () => {
    sandbox.setRateLimits({ writesPerSecond: 25, readsPerSecond: 100 });
    const { result: results } = await holdingAppLogs(() => runFlows(App, sandbox, { rateLimit: { writes: 30, workers: 6 } }));
    expect(results).toHaveLength(7);
    // The rate-limit flow runs for its traffic (429s included); whether a burst this small meets the limit
    // depends on the machine's speed, and test/e2e checks that flow's own expectations.
    const functional = results.filter((r) => r.title !== RATE_LIMIT_TITLE);
    expect(functional).toHaveLength(6);
    expect(functional.flatMap((r) => r.expectations.filter((e) => !e.ok).map((e) => `${r.title}: ${e.name}: ${e.detail}`))).toEqual([]);
    expect(sandbox.responseViolations()).toEqual([]);
    sandbox.setRateLimits(false);
  }, 60000);

  it('a broad set of direct calls, errors included, gets only answers Attio\'s spec allows', async () => {
    sandbox.setRateLimits(false);
    const ada = await api.put<Data<RecordBody>>('/objects/people/records', person('ada@acme.com', { name: ['Lovelace, Ada'] }), {
      query: { matching_attribute: 'email_addresses' },
    });
    const rid = ada.body.data.id.record_id;
    const acme = await api.post<Data<RecordBody>>('/objects/companies/records', company('acme.com'));
    const cid = acme.body.data.id.record_id;
    const entry = await api.put<Data<EntryBody>>('/lists/sales_pipeline/entries', { data: { parent_record_id: cid, parent_object: 'companies', entry_values: { stage: 'Won' } } });
    const eid = entry.body.data.id.entry_id;
    const note = await api.post<Data<{ id: { note_id: string } }>>('/notes', {
      data: { parent_object: 'people', parent_record_id: rid, title: 't', format: 'markdown', content: '# c' },
    });
    const task = await api.post<Data<{ id: { task_id: string } }>>('/tasks', {
      data: { content: 'x', format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [{ target_object: 'people', target_record_id: rid }], assignees: [] },
    });
    const comment = await api.post<Data<{ id: { comment_id: string }; thread_id: string }>>('/comments', {
      data: { format: 'plaintext', content: 'hi', author: { type: 'workspace-member', id: sandbox.schema.members[0]?.id }, record: { object: 'people', record_id: rid } },
    });
    const hook = await api.post<Data<{ id: { webhook_id: string } }>>('/webhooks', {
      data: { target_url: 'https://hooks.zapier.com/x', subscriptions: [{ event_type: 'record.created', filter: null }] },
    });
    const member = sandbox.schema.members[0]?.id as string;
    const missing = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[string, string, unknown?]> = [
      ['PATCH', `/objects/people/records/${rid}`, { data: { values: { job_title: 'Engineer' } } }],
      ['PUT', `/objects/people/records/${rid}`, { data: { values: { job_title: 'CTO' } } }],
      ['GET', `/objects/people/records/${rid}/attributes/job_title/values?show_historic=true`],
      ['GET', `/objects/companies/records/${cid}/entries`],
      ['GET', '/objects/companies/attributes/domains'],
      ['GET', '/lists/sales_pipeline/attributes'],
      ['PATCH', `/lists/sales_pipeline/entries/${eid}`, { data: { entry_values: { stage: 'Lost' } } }],
      ['PUT', `/lists/sales_pipeline/entries/${eid}`, { data: { entry_values: { stage: 'Won' } } }],
      ['GET', `/lists/sales_pipeline/entries/${eid}/attributes/stage/values?show_historic=true`],
      ['GET', `/workspace_members/${member}`],
      ['GET', '/notes'],
      ['GET', `/notes/${note.body.data.id.note_id}`],
      ['GET', '/tasks'],
      ['PATCH', `/tasks/${task.body.data.id.task_id}`, { data: { is_completed: true } }],
      ['GET', `/comments/${comment.body.data.id.comment_id}`],
      ['GET', `/threads/${comment.body.data.thread_id}`],
      ['GET', '/threads?object=people&record_id=' + rid],
      ['GET', '/webhooks'],
      ['GET', '/meetings'],
      ['DELETE', `/webhooks/${hook.body.data.id.webhook_id}`],
      ['DELETE', `/lists/sales_pipeline/entries/${eid}`],
      // errors
      ['POST', '/objects/people/records', person('ada@acme.com')],
      ['PUT', '/objects/people/records?matching_attribute=job_title', person('x@acme.com')],
      ['PUT', '/objects/people/records?matching_attribute=nope', person('x@acme.com')],
      ['POST', '/objects/nope/records/query', {}],
      ['POST', '/objects/people/records/query', { filter: { nope: 'x' } }],
      ['GET', `/objects/people/records/${missing}`],
      ['POST', '/objects/people/records', { data: { values: { email_addresses: 'a@b.com' } } }],
      ['POST', '/objects/people/records', { data: {} }],
      ['POST', '/notes', { data: { parent_object: 'people', parent_record_id: missing, title: 't', format: 'plaintext', content: 'c' } }],
      ['GET', `/tasks/${missing}`],
      ['DELETE', `/webhooks/${missing}`],
      ['GET', '/notes?limit=51'],
      ['DELETE', `/objects/people/records/${rid}`],
    ];
    const statuses: number[] = [];
    for (const [method, path, body] of calls) statuses.push((await api.call<unknown>(method, path, body)).status);
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThanOrEqual(12);
    expect((await api.get('/self', { token: null })).status).toBe(401);
    sandbox.revokeToken('gone');
    expect((await api.get('/self', { token: 'gone' })).body).toEqual({ active: false });
    expect((await api.get('/objects', { token: 'gone' })).status).toBe(401);
    sandbox.setRateLimits({ readsPerSecond: 1 });
    await api.get('/objects');
    expect((await api.get('/objects')).status).toBe(429);
    sandbox.setRateLimits(false);
    expect(sandbox.responseViolations()).toEqual([]);
  });
});

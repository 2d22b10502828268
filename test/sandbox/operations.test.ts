// The endpoints the round's new operations call (deletes, entry updates by id, task updates and listing,
// queries with several conditions and paging), and the hardening issue's sandbox items: a duplicate
// subscription, a write that happened although its answer was lost, single values where Attio takes a list.
import { useSandbox, type Data, type EntryBody, type ErrorBody, type RecordBody, type Value } from './helpers';

const { api, sandbox } = useSandbox();
const MISSING = '00000000-0000-4000-8000-000000000000';

async function control<T = unknown>(method: string, route: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox().controlUrl}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

interface TaskJson {
  id: { task_id: string };
  content_plaintext: string;
  is_completed: boolean;
  deadline_at: string | null;
  assignees: Array<{ referenced_actor_id: string }>;
}

const task = (content: string, is_completed = false, assignees: unknown[] = []) => ({
  data: { content, format: 'plaintext', deadline_at: null, is_completed, linked_records: [], assignees },
});

describe('deletes', () => {
  it('DELETE a record: 200 {}, then 404 with Attio\'s error body; an unknown object is 404 too', async () => {
    const id = sandbox().createRecord('companies', { domains: ['gone.example'] }).id.record_id;
    expect(await api().del(`/objects/companies/records/${id}`)).toMatchObject({ status: 200, body: {} });
    const again = await api().del<ErrorBody>(`/objects/companies/records/${id}`);
    expect(again).toMatchObject({ status: 404, body: { status_code: 404, type: 'invalid_request_error', code: 'not_found', message: `Record with ID "${id}" not found.` } });
    expect((await api().get(`/objects/companies/records/${id}`)).status).toBe(404);
    expect((await api().del(`/objects/nope/records/${id}`)).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });

  it('DELETE a list entry: 200 {}, then 404; the record stays', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.example'] }).id.record_id;
    const entries = [sandbox().addEntry('sales_pipeline', 'companies', acme), sandbox().addEntry('sales_pipeline', 'companies', acme)].map((e) => e.id.entry_id);
    // The record's entries (what "remove every entry of this record from the list" reads).
    const onRecord = await api().get<Data<Array<{ entry_id: string; list_api_slug: string }>>>(`/objects/companies/records/${acme}/entries`);
    expect(onRecord.body.data.map((e) => e.entry_id).sort()).toEqual([...entries].sort());
    expect(await api().del(`/lists/sales_pipeline/entries/${entries[0]}`)).toMatchObject({ status: 200, body: {} });
    expect((await api().del(`/lists/sales_pipeline/entries/${entries[0]}`)).body).toMatchObject({ status_code: 404, code: 'not_found' });
    expect(sandbox().listEntries('sales_pipeline').map((e) => e.id.entry_id)).toEqual([entries[1]]);
    expect(sandbox().getRecord('companies', acme)).toBeDefined();
  });
});

describe('list entries by id', () => {
  it('PATCH and PUT by entry id replace single values and leave the rest; 404 on a missing entry', async () => {
    const ada = sandbox().createRecord('people', { email_addresses: ['ada@example.com'] }).id.record_id;
    const entry = sandbox().addEntry('prospects', 'people', ada, { stage: 'New' }).id.entry_id;
    const patched = await api().patch<Data<EntryBody>>(`/lists/prospects/entries/${entry}`, { data: { entry_values: { stage: 'Contacted', score: 3 } } });
    expect(patched.body.data.entry_values.stage?.map((v) => (v.status as { title: string }).title)).toEqual(['Contacted']);
    const put = await api().put<Data<EntryBody>>(`/lists/prospects/entries/${entry}`, { data: { entry_values: { score: 4 } } });
    expect(put.body.data.entry_values.score?.map((v) => v.value)).toEqual([4]);
    // PUT leaves the attributes it does not name.
    expect(put.body.data.entry_values.stage?.map((v) => (v.status as { title: string }).title)).toEqual(['Contacted']);
    expect((await api().patch(`/lists/prospects/entries/${MISSING}`, { data: { entry_values: { score: 1 } } })).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });

  it('multiselects: PATCH prepends new values, PUT sets exactly the values sent, on entries as on records', async () => {
    const people = ['ada@example.com', 'bob@example.com', 'cy@example.com'].map((e) => sandbox().createRecord('people', { email_addresses: [e] }).id.record_id);
    const ref = (i: number) => ({ target_object: 'people', target_record_id: people[i] });
    const ids = (vals: Value[] | undefined) => (vals ?? []).map((v) => people.indexOf(v.target_record_id as string));
    const acme = sandbox().createRecord('companies', { domains: ['acme.example'], categories: ['SaaS'] }).id.record_id;
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme, { contacts: [ref(0)] }).id.entry_id;
    const patched = await api().patch<Data<EntryBody>>(`/lists/sales_pipeline/entries/${entry}`, { data: { entry_values: { contacts: [ref(1), ref(0)] } } });
    expect(ids(patched.body.data.entry_values.contacts)).toEqual([1, 0]);
    const put = await api().put<Data<EntryBody>>(`/lists/sales_pipeline/entries/${entry}`, { data: { entry_values: { contacts: [ref(2)] } } });
    expect(ids(put.body.data.entry_values.contacts)).toEqual([2]);
    const titles = (vals: Value[] | undefined) => (vals ?? []).map((v) => (v.option as { title: string }).title);
    const record = await api().patch<Data<RecordBody>>(`/objects/companies/records/${acme}`, { data: { values: { categories: ['B2B', 'SaaS'] } } });
    expect(titles(record.body.data.values.categories)).toEqual(['B2B', 'SaaS']);
    expect(titles((await api().put<Data<RecordBody>>(`/objects/companies/records/${acme}`, { data: { values: { categories: ['B2C'] } } })).body.data.values.categories)).toEqual(['B2C']);
  });
});

describe('tasks', () => {
  it('PATCH changes completion, deadline and assignees only; content is immutable; 404 on a missing task', async () => {
    const created = await api().post<Data<TaskJson>>('/tasks', task('Call back'));
    const id = created.body.data.id.task_id;
    const bob = sandbox().schema.member('bob@example.com')?.id as string;
    const res = await api().patch<Data<TaskJson>>(`/tasks/${id}`, {
      data: { is_completed: true, deadline_at: '2026-12-24T12:00:00Z', assignees: [{ workspace_member_email_address: 'bob@example.com' }] },
    });
    expect(res.body.data).toMatchObject({ content_plaintext: 'Call back', is_completed: true, deadline_at: '2026-12-24T12:00:00.000000000Z', assignees: [{ referenced_actor_id: bob }] });
    expect(res.body.data).not.toHaveProperty('completed_at');
    expect((await api().patch(`/tasks/${id}`, { data: { content: 'Changed' } })).status).toBe(400);
    expect((await api().patch(`/tasks/${MISSING}`, { data: { is_completed: true } })).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });

  it('GET /v2/tasks filters on is_completed and assignee, sorts by created_at, pages with limit/offset', async () => {
    for (const [content, done] of [['one', false], ['two', true], ['three', false], ['four', false]] as const) {
      await api().post('/tasks', task(content, done, content === 'four' ? [{ workspace_member_email_address: 'bob@example.com' }] : []));
    }
    const list = async (query: Record<string, string>) => (await api().get<Data<TaskJson[]>>('/tasks', { query })).body.data.map((t) => t.content_plaintext);
    expect(await list({ is_completed: 'false', sort: 'created_at:desc' })).toEqual(['four', 'three', 'one']);
    expect(await list({ is_completed: 'false', sort: 'created_at:desc', limit: '2', offset: '1' })).toEqual(['three', 'one']);
    expect(await list({ is_completed: 'true' })).toEqual(['two']);
    expect(await list({ assignee: 'bob@example.com' })).toEqual(['four']);
    expect(await list({ sort: 'created_at:asc', limit: '1' })).toEqual(['one']);
    expect((await api().get('/tasks', { query: { is_completed: 'maybe' } })).status).toBe(400);
  });
});

describe('records query', () => {
  it('several conditions ($and, or shorthand keys) and limit/offset paging', async () => {
    for (const [name, stage] of [['Acme A', 'Lead'], ['Acme B', 'Lead'], ['Acme C', 'Lead'], ['Acme D', 'Lost'], ['Other', 'Lead']] as const) {
      sandbox().createRecord('deals', { name, stage, owner: 'alice@example.com' });
    }
    const names = async (body: unknown) => (await api().post<Data<RecordBody[]>>('/objects/deals/records/query', body)).body.data.map((r) => r.values.name?.[0]?.value);
    const filter = { $and: [{ name: { value: { $starts_with: 'Acme' } } }, { stage: 'Lead' }] };
    const sorts = [{ attribute: 'name', direction: 'asc' }];
    expect(await names({ filter, sorts })).toEqual(['Acme A', 'Acme B', 'Acme C']);
    expect(await names({ filter, sorts, limit: 2 })).toEqual(['Acme A', 'Acme B']);
    expect(await names({ filter, sorts, limit: 2, offset: 2 })).toEqual(['Acme C']);
    expect(await names({ filter, sorts, limit: 2, offset: 4 })).toEqual([]);
    expect(await names({ filter: { stage: 'Lost', name: 'Acme D' } })).toEqual(['Acme D']);
  });
});

describe('hardening', () => {
  it('answers a duplicate webhook subscription with 409 uniqueness_conflict, and lists webhooks by target so an orphan can be found', async () => {
    const body = { data: { target_url: 'https://hooks.zapier.com/hooks/standard/1/dup', subscriptions: [{ event_type: 'task.created', filter: null }] } };
    expect((await api().post('/webhooks', body)).status).toBe(200);
    expect((await api().post('/webhooks', body)).body).toEqual({
      status_code: 409,
      type: 'invalid_request_error',
      code: 'uniqueness_conflict',
      message: 'A webhook with the same target URL, event type and filter already exists.',
    });
    const hooks = await api().get<Data<Array<{ target_url: string; id: { webhook_id: string } }>>>('/webhooks', { query: { limit: '100' } });
    expect(hooks.body.data.map((h) => h.target_url)).toEqual([body.data.target_url]);
    expect(hooks.body.data[0]).not.toHaveProperty('secret');
  });

  it.each([
    ['note', '/notes', () => ({ data: { parent_object: 'companies', parent_record_id: sandbox().listRecords('companies')[0]?.id.record_id, title: 'T', format: 'plaintext', content: 'C' } }), () => sandbox().notes().length],
    ['task', '/tasks', () => task('Lost answer'), () => sandbox().tasks().length],
    [
      'comment',
      '/comments',
      () => ({ data: { format: 'plaintext', content: 'Hi', author: { type: 'workspace-member', id: sandbox().schema.members[0]?.id }, record: { object: 'companies', record_id: sandbox().listRecords('companies')[0]?.id.record_id } } }),
      () => sandbox().comments().length,
    ],
    ['record', '/objects/people/records', () => ({ data: { values: { email_addresses: ['lost@example.com'] } } }), () => sandbox().listRecords('people').length],
    ['webhook', '/webhooks', () => ({ data: { target_url: 'https://hooks.zapier.com/hooks/standard/1/lost', subscriptions: [{ event_type: 'record.created', filter: null }] } }), () => sandbox().webhooks().length],
  ])('a %s create applied although its answer was lost: a 500 after the write, or a dropped connection', async (_what, path, body, count) => {
    sandbox().createRecord('companies', { domains: ['parent.example'] });
    const fault = await control<Data<{ id: string }>>('POST', '/faults', { status: 500, afterHandling: true, method: 'POST', path: `/v2${path}` });
    expect(fault.status).toBe(201);
    const before = count();
    const failed = await api().post<ErrorBody>(path, body());
    expect(failed.body).toMatchObject({ status_code: 500, code: 'internal_server_error' });
    expect(count()).toBe(before + 1);

    // A reset instead of an answer: the client sees a socket error, the write is there.
    sandbox().inject({ dropConnection: true, afterHandling: true, method: 'POST', path: `/v2${path}` });
    if (path === '/objects/people/records') await expect(api().post(path, { data: { values: { email_addresses: ['lost2@example.com'] } } })).rejects.toThrow();
    else if (path === '/webhooks') await expect(api().post(path, { data: { ...body().data, target_url: 'https://hooks.zapier.com/hooks/standard/1/lost2' } })).rejects.toThrow();
    else await expect(api().post(path, body())).rejects.toThrow();
    expect(count()).toBe(before + 2);
    expect(sandbox().requestLog().at(-1)).toMatchObject({ synthetic: 'fault', status: 0 });
  });

  it('a dropped connection without afterHandling writes nothing; the control route checks the option', async () => {
    sandbox().inject({ dropConnection: true, method: 'POST', path: '/v2/tasks' });
    await expect(api().post('/tasks', task('never'))).rejects.toThrow();
    expect(sandbox().tasks()).toEqual([]);
    expect((await control('POST', '/faults', { dropConnection: 'yes' })).status).toBe(400);
    expect((await control('POST', '/faults', { dropConnection: true, status: 500 })).status).toBe(400);
  });

  it('accepts a single value where Attio takes a list ("name": "Attio"), but a multiselect needs its array', async () => {
    const res = await api().post<Data<RecordBody>>('/objects/companies/records', { data: { values: { name: 'Attio', domains: ['attio.com'], foundation_date: '2019-01-01' } } });
    expect(res.status).toBe(200);
    expect(res.body.data.values.name?.map((v) => v.value)).toEqual(['Attio']);
    const entry = await api().put<Data<EntryBody>>('/lists/sales_pipeline/entries', {
      data: { parent_record_id: res.body.data.id.record_id, parent_object: 'companies', entry_values: { stage: 'Lead', deal_value: 1000 } },
    });
    expect(entry.body.data.entry_values.deal_value?.[0]).toMatchObject({ currency_value: 1000, currency_code: 'USD' });
    const multi = await api().post<ErrorBody>('/objects/companies/records', { data: { values: { domains: 'one.example' } } });
    expect(multi.body).toMatchObject({ status_code: 400, code: 'validation_type', validation_errors: [{ path: ['data', 'values', 'domains'] }] });
  });

  it('sends no field Attio does not send: a task has no completed_at', async () => {
    const res = await api().post<Data<Record<string, unknown>>>('/tasks', task('Done already', true));
    expect(Object.keys(res.body.data).sort()).toEqual(['assignees', 'content_plaintext', 'created_at', 'created_by_actor', 'deadline_at', 'id', 'is_completed', 'linked_records']);
  });
});

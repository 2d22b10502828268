// Hostile-review findings: requests Attio refuses that the sandbox accepted (or answered wrongly), each
// against what Attio's spec or reference says.
import { useSandbox, type Data, type EntryBody, type ErrorBody, type Value } from './helpers';

const { api, sandbox } = useSandbox();

const expectInvalid = (res: { status: number; body: unknown }): void => {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ status_code: 400, type: 'invalid_request_error', code: 'validation_type' });
};

describe('paging limits the spec documents', () => {
  it('GET /v2/webhooks takes a limit between 10 and 100 (spec: "between 10 and 100, defaults to 10")', async () => {
    for (let i = 0; i < 12; i++) sandbox().createWebhook(`https://example.com/${i}`, [{ event_type: 'record.created', filter: null }]);
    expect((await api().get<Data<unknown[]>>('/webhooks')).body.data).toHaveLength(10);
    expect((await api().get<Data<unknown[]>>('/webhooks', { query: { limit: '100' } })).body.data).toHaveLength(12);
    expect((await api().get<Data<unknown[]>>('/webhooks', { query: { limit: '10', offset: '10' } })).body.data).toHaveLength(2);
    expectInvalid(await api().get<ErrorBody>('/webhooks', { query: { limit: '5' } }));
    expectInvalid(await api().get<ErrorBody>('/webhooks', { query: { limit: '101' } }));
    expectInvalid(await api().get<ErrorBody>('/webhooks', { query: { offset: '-1' } }));
  });

  it('GET …/records/{id}/entries: default 100, at most 1000, no negative offset', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.com'] });
    sandbox().addEntry('sales_pipeline', 'companies', acme.id.record_id, { stage: ['Won'] });
    const path = `/objects/companies/records/${acme.id.record_id}/entries`;
    expect((await api().get<Data<unknown[]>>(path, { query: { limit: '1000' } })).body.data).toHaveLength(1);
    expectInvalid(await api().get<ErrorBody>(path, { query: { limit: '1001' } }));
    expectInvalid(await api().get<ErrorBody>(path, { query: { offset: '-1' } }));
  });

  it('GET …/attributes: a negative offset is refused, not read from the end of the list', async () => {
    const all = (await api().get<Data<Array<{ api_slug: string }>>>('/objects/people/attributes')).body.data;
    expect((await api().get<Data<Array<{ api_slug: string }>>>('/objects/people/attributes', { query: { limit: '2', offset: '1' } })).body.data.map((a) => a.api_slug)).toEqual(
      all.slice(1, 3).map((a) => a.api_slug),
    );
    expectInvalid(await api().get<ErrorBody>('/objects/people/attributes', { query: { offset: '-3', limit: '2' } }));
  });
});

describe('query parameters', () => {
  it('GET /v2/tasks: linked_object and linked_record_id go together (spec: "If provided, … must also be provided")', async () => {
    const ada = sandbox().createRecord('people', { email_addresses: ['ada@acme.com'] });
    expectInvalid(await api().get<ErrorBody>('/tasks', { query: { linked_object: 'people' } }));
    expectInvalid(await api().get<ErrorBody>('/tasks', { query: { linked_record_id: ada.id.record_id } }));
    expect((await api().get('/tasks', { query: { linked_object: 'people', linked_record_id: ada.id.record_id } })).status).toBe(200);
  });

  it('a repeated query parameter is checked in every occurrence, not only the first', async () => {
    const res = await api().call<ErrorBody>('GET', '/webhooks?limit=10&limit=abc');
    expectInvalid(res);
    expect(res.body.validation_errors?.[0]?.path).toEqual(['query', 'limit']);
  });
});





describe('OAuth scopes', () => {
  const narrow = useSandbox({ scopes: ['record_permission:read', 'object_configuration:read', 'note:read-write'] });

  it('an operation whose scopes (the spec\'s security) the token lacks is refused with 403; read-write covers read', async () => {
    const self = await narrow.api().get<{ scope: string }>('/self');
    expect(self.body.scope).toBe('record_permission:read object_configuration:read note:read-write');
    expect((await narrow.api().post('/objects/people/records/query', {})).status).toBe(200);
    const write = await narrow.api().post<ErrorBody>('/objects/people/records', { data: { values: { email_addresses: ['a@b.com'] } } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ status_code: 403, type: 'auth_error', code: 'unauthorized' });
    expect(write.body.message).toContain('record_permission:read-write');
    expect(narrow.sandbox().listRecords('people')).toEqual([]);
    expect((await narrow.api().get('/notes')).status).toBe(200);
    expect((await narrow.api().post<ErrorBody>('/comments', {})).status).toBe(403);
    expect((await narrow.api().get<ErrorBody>('/meetings')).status).toBe(403);
  });

  it('by default every scope the app uses is granted, comments, meetings and call recordings included', async () => {
    const self = await api().get<{ scope: string }>('/self');
    expect(self.body.scope.split(' ')).toEqual(expect.arrayContaining(['comment:read-write', 'meeting:read', 'call_recording:read', 'webhook:read-write']));
    expect((await api().get('/meetings')).status).toBe(200);
    expect((await api().get('/threads')).status).toBe(200);
  });
});

describe('GET /v2/tasks filters', () => {
  it('assignee= (an empty value) finds the unassigned tasks, as assignee=null does (spec: "Pass an empty value or the string `null`")', async () => {
    const alice = sandbox().schema.members[0]?.email_address as string;
    const task = (assignees: unknown[]) =>
      api().post('/tasks', { data: { content: 'x', format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [], assignees } });
    await task([]);
    await task([{ workspace_member_email_address: alice }]);
    const unassigned = (await api().get<Data<Array<{ assignees: unknown[] }>>>('/tasks', { query: { assignee: '' } })).body.data;
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0]?.assignees).toEqual([]);
    expect((await api().get<Data<unknown[]>>('/tasks', { query: { assignee: 'null' } })).body.data).toHaveLength(1);
    expect((await api().get<Data<unknown[]>>('/tasks', { query: { assignee: alice } })).body.data).toHaveLength(1);
    expect((await api().get<Data<unknown[]>>('/tasks')).body.data).toHaveLength(2);
  });
});

describe('webhook filters compare IDs', () => {
  it('a list or object named by its slug in a filter is not found (it could never match an event, which carries UUIDs)', async () => {
    const hook = (field: string, value: string) =>
      api().post<ErrorBody>('/webhooks', {
        data: { target_url: `https://example.com/${field}/${value}`, subscriptions: [{ event_type: 'list-entry.created', filter: { $and: [{ field, operator: 'equals', value }] } }] },
      });
    const list = sandbox().schema.list('sales_pipeline');
    const object = sandbox().schema.object('companies');
    expect((await hook('id.list_id', 'sales_pipeline')).body).toMatchObject({ status_code: 400, code: 'validation_type', message: 'Related list not found' });
    expect((await hook('parent_object_id', 'companies')).body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect((await hook('id.list_id', list?.id as string)).status).toBe(200);
    expect((await hook('parent_object_id', object?.id as string)).status).toBe(200);
  });
});

describe('validation_errors in the words of Attio\'s validator', () => {
  it('a missing key is "Required" with expected and received, a wrong type says both, an unknown key is unrecognized_keys (reference §7.3)', async () => {
    const ada = sandbox().createRecord('people', { email_addresses: ['ada@acme.com'] });
    const missing = await api().post<ErrorBody>('/notes', { data: { parent_object: 'people', title: 't', format: 'plaintext', content: 'c' } });
    expect(missing.body).toMatchObject({ status_code: 400, type: 'invalid_request_error', code: 'validation_type', message: 'Body payload validation error.' });
    expect(missing.body.validation_errors).toEqual([
      { code: 'invalid_type', path: ['data', 'parent_record_id'], message: 'Required', expected: 'string', received: 'undefined' },
    ]);
    const wrongType = await api().post<ErrorBody>('/notes', {
      data: { parent_object: 'people', parent_record_id: ada.id.record_id, title: 5, format: 'plaintext', content: 'c' },
    });
    expect(wrongType.body.validation_errors).toEqual([
      { code: 'invalid_type', path: ['data', 'title'], message: 'Expected string, received number', expected: 'string', received: 'number' },
    ]);
    const unknownKey = await api().put<ErrorBody>(`/objects/people/records/${ada.id.record_id}`, { data: { values: {}, extra: true } });
    expect(unknownKey.body.validation_errors).toEqual([{ code: 'unrecognized_keys', path: ['data'], message: "Unrecognized key(s) in object: 'extra'" }]);
  });
});

describe('a deleted record leaves no references behind', () => {
  it('list entries referencing it lose the value (ended in the history, list-entry.updated sent), as records referencing it do', async () => {
    const ada = sandbox().createRecord('people', { email_addresses: ['ada@acme.com'] });
    const bob = sandbox().createRecord('people', { email_addresses: ['bob@acme.com'] });
    const acme = sandbox().createRecord('companies', { domains: ['acme.com'] });
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme.id.record_id, {
      stage: ['Won'],
      contacts: [
        { target_object: 'people', target_record_id: ada.id.record_id },
        { target_object: 'people', target_record_id: bob.id.record_id },
      ],
    });
    const list = sandbox().schema.list('sales_pipeline');
    sandbox().createWebhook('https://example.com/hook', [{ event_type: 'list-entry.updated', filter: null }]);
    expect((await api().del(`/objects/people/records/${ada.id.record_id}`)).status).toBe(200);
    const after = await api().get<Data<EntryBody>>(`/lists/sales_pipeline/entries/${entry.id.entry_id}`);
    expect(after.body.data.entry_values.contacts?.map((v) => v.target_record_id)).toEqual([bob.id.record_id]);
    const history = await api().get<Data<Value[]>>(`/lists/sales_pipeline/entries/${entry.id.entry_id}/attributes/contacts/values`, { query: { show_historic: 'true' } });
    const ended = history.body.data.find((v) => v.target_record_id === ada.id.record_id);
    expect(ended?.active_until).not.toBeNull();
    const contacts = list?.attributes.find((a) => a.api_slug === 'contacts');
    expect(sandbox().deliveries.map((d) => d.payload.events[0]?.id)).toEqual([
      { workspace_id: sandbox().schema.workspace.id, list_id: list?.id, entry_id: entry.id.entry_id, attribute_id: contacts?.id },
    ]);
  });
});

describe('npm run sandbox -- --scopes', () => {
  it('grants only the scopes given (space- or comma-separated) and refuses anything that is not a scope', async () => {
    const { parseArgs, CliUsageError } = await import('../../sandbox/cli');
    expect(parseArgs(['--scopes', 'note:read-write, record_permission:read'], {}).scopes).toEqual(['note:read-write', 'record_permission:read']);
    expect(parseArgs([], {}).scopes).toBeUndefined();
    expect(() => parseArgs(['--scopes', 'notes'], {})).toThrow(CliUsageError);
    expect(() => parseArgs(['--scopes='], {})).toThrow(CliUsageError);
  });
});

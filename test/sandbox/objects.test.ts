// Objects that are not activated (users, workspaces, deals until a workspace admin turns them on): every
// route naming them answers 404 as Attio does, GET /v2/objects leaves them out, references to them fail.
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiFor, useSandbox, type Data, type ErrorBody, type RecordBody } from './helpers';

const { api, sandbox } = useSandbox({ inactiveObjects: ['users', 'workspaces'] });

const notFound = (key: string): ErrorBody => ({
  status_code: 404,
  type: 'invalid_request_error',
  code: 'not_found',
  message: `Object with slug/ID "${key}" not found.`,
});
const slugs = async () => (await api().get<Data<Array<{ api_slug: string }>>>('/objects')).body.data.map((o) => o.api_slug);
const user = { data: { values: { user_id: ['u-1'], primary_email_address: ['ada@acme.com'] } } };

describe('an object that is not activated', () => {
  it('is missing from GET /v2/objects and answers 404 by slug or id on every route', async () => {
    expect(await slugs()).toEqual(['people', 'companies', 'deals', 'projects']);
    const usersId = sandbox().schema.anyObject('users')?.id as string;
    expect(sandbox().schema.object('users')).toBeUndefined();
    const member = { type: 'workspace-member', id: sandbox().schema.members[0]?.id };
    const calls: Array<[string, string, string, unknown?]> = [
      ['GET', '/objects/users', 'users'],
      ['GET', '/objects/users/attributes', 'users'],
      ['GET', '/objects/users/attributes/user_id', 'users'],
      ['GET', '/objects/workspaces/attributes/name/options', 'workspaces'],
      ['POST', '/objects/users/records', 'users', user],
      ['PUT', '/objects/users/records?matching_attribute=user_id', 'users', user],
      ['POST', '/objects/users/records/query', 'users', {}],
      ['GET', `/objects/users/records/${usersId}`, 'users'],
      ['GET', '/notes?parent_object=users', 'users'],
      ['GET', '/tasks?linked_object=workspaces&linked_record_id=00000000-0000-4000-8000-000000000000', 'workspaces'],
      ['POST', '/comments', 'users', { data: { format: 'plaintext', content: 'x', author: member, record: { object: 'users', record_id: usersId } } }],
    ];
    for (const [method, path, slug, body] of calls) {
      const res = await api().call(method, path, body);
      expect({ method, path, status: res.status, body: res.body }).toEqual({ method, path, status: 404, body: notFound(slug) });
    }
    const byId = await api().get(`/objects/${usersId}`);
    expect(byId.body).toEqual(notFound(usersId));
  });

  it('cannot be referenced from another object (400, as a missing target) nor subscribed to', async () => {
    sandbox().setObjectActive('companies', false);
    const ref = await api().post('/objects/people/records', {
      data: { values: { email_addresses: ['ada@acme.com'], company: [{ target_object: 'companies', domains: [{ domain: 'acme.com' }] }] } },
    });
    expect(ref.body).toEqual({ status_code: 400, type: 'invalid_request_error', code: 'value_not_found', message: 'Object with slug/ID "companies" not found.' });
    const hook = await api().post('/webhooks', {
      data: {
        target_url: 'https://hooks.zapier.com/hooks/standard/1/u',
        subscriptions: [{ event_type: 'record.created', filter: { $and: [{ field: 'id.object_id', operator: 'equals', value: sandbox().schema.anyObject('users')?.id } ] } }],
      },
    });
    expect(hook.body).toMatchObject({ status_code: 400, message: 'Related object not found' });
  });

  it('works once activated, keeps its records when deactivated, and reset() restores the start option', async () => {
    sandbox().setObjectActive('users', true);
    expect(await slugs()).toContain('users');
    const created = await api().post<Data<RecordBody>>('/objects/users/records', user);
    expect(created.status).toBe(200);
    const id = created.body.data.id.record_id;
    sandbox().setObjectActive('users', false);
    expect((await api().get(`/objects/users/records/${id}`)).status).toBe(404);
    sandbox().setObjectActive('users', true);
    expect((await api().get<Data<RecordBody>>(`/objects/users/records/${id}`)).body.data.values.user_id?.[0]?.value).toBe('u-1');
    expect(() => sandbox().setObjectActive('planets', false)).toThrow('Object with slug/ID "planets" not found.');
    sandbox().reset();
    expect(await slugs()).toEqual(['people', 'companies', 'deals', 'projects']);
  });

  it('is toggled from outside the process by PUT /__sandbox/objects/{object}', async () => {
    const put = (object: string, body: unknown) =>
      fetch(`${sandbox().controlUrl}/objects/${object}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const on = await put('users', { active: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ data: { api_slug: 'users', object_id: sandbox().schema.anyObject('users')?.id, active: true } });
    expect((await api().post('/objects/users/records/query', {})).status).toBe(200);
    expect((await put('deals', { active: false })).status).toBe(200);
    expect(await slugs()).toEqual(['people', 'companies', 'users', 'projects']);
    const listed = (await (await fetch(`${sandbox().controlUrl}/objects`)).json()) as { data: Array<{ api_slug: string; active: boolean }> };
    expect(listed.data.filter((o) => !o.active).map((o) => o.api_slug)).toEqual(['deals', 'workspaces']);
    expect((await put('planets', { active: true })).status).toBe(404);
    expect((await put('users', { active: 'yes' })).status).toBe(400);
  });
});

describe('the default', () => {
  it('has every object active; sample data is written before objects are deactivated', async () => {
    let other: Sandbox | undefined;
    try {
      other = await startSandbox({ rateLimits: false, sampleData: true, inactiveObjects: ['companies'] });
      const people = await apiFor(other).post<Data<RecordBody[]>>('/objects/people/records/query', { filter: { email_addresses: 'ada@acme.com' } });
      expect(people.body.data[0]?.values.company?.[0]).toMatchObject({ target_object: 'companies' });
      expect((await apiFor(other).post('/objects/companies/records/query', {})).status).toBe(404);
    } finally {
      await other?.stop();
    }
    const plain = await startSandbox({ rateLimits: false });
    try {
      const res = await apiFor(plain).get<Data<Array<{ api_slug: string }>>>('/objects');
      expect(res.body.data.map((o) => o.api_slug)).toEqual(['people', 'companies', 'deals', 'users', 'workspaces', 'projects']);
    } finally {
      await plain.stop();
    }
  });
});

// POST …/records/query: the filters and sorts the app sends, plus Attio's verbose syntax and errors.
import { company, person, useSandbox, type Data, type RecordBody } from './helpers';

const { api, sandbox } = useSandbox();

const emails = (r: { body: Data<RecordBody[]> }) => r.body.data.map((rec) => rec.values.email_addresses?.[0]?.email_address);

let ids: Record<string, string>;

beforeEach(() => {
  const acme = sandbox().createRecord('companies', { domains: ['acme.com', 'app.acme.com'], name: ['Acme'], categories: ['SaaS', 'B2B'] });
  sandbox().createRecord('companies', { domains: ['globex.com'], name: ['Globex'], categories: ['B2C'] });
  const ada = sandbox().createRecord('people', {
    email_addresses: ['ada@acme.com'],
    name: ['Lovelace, Ada'],
    company: [{ target_object: 'companies', target_record_id: acme.id.record_id }],
  });
  const grace = sandbox().createRecord('people', { email_addresses: ['grace@globex.com'], name: ['Hopper, Grace'], job_title: ['Admiral'] });
  const alan = sandbox().createRecord('people', { email_addresses: ['alan@acme.com'], name: ['Turing, Alan'] });
  ids = { acme: acme.id.record_id, ada: ada.id.record_id, grace: grace.id.record_id, alan: alan.id.record_id };
});

describe('filters', () => {
  it('shorthand: person by email (case-insensitive) and company by domain', async () => {
    const p = await api().post<Data<RecordBody[]>>('/objects/people/records/query', { filter: { email_addresses: 'ADA@acme.com' }, limit: 1 });
    expect(p.status).toBe(200);
    expect(emails(p)).toEqual(['ada@acme.com']);
    const c = await api().post<Data<RecordBody[]>>('/objects/companies/records/query', { filter: { domains: 'app.acme.com' } });
    expect(c.body.data.map((r) => r.id.record_id)).toEqual([ids.acme]);
    const none = await api().post<Data<RecordBody[]>>('/objects/people/records/query', { filter: { email_addresses: 'nobody@acme.com' } });
    expect(none.body).toEqual({ data: [] });
  });

  it('verbose: properties with operators, $and / $or / $not, record_id $in', async () => {
    const run = async (filter: unknown) => emails(await api().post<Data<RecordBody[]>>('/objects/people/records/query', { filter }));
    expect(await run({ email_addresses: { email_domain: { $eq: 'acme.com' } } })).toEqual(['ada@acme.com', 'alan@acme.com']);
    expect(await run({ email_addresses: { email_address: 'grace@globex.com' } })).toEqual(['grace@globex.com']);
    expect(await run({ name: { full_name: { $contains: 'ADA' } } })).toEqual(['ada@acme.com']);
    expect(await run({ name: { last_name: { $starts_with: 'tur' } } })).toEqual(['alan@acme.com']);
    expect(await run({ name: 'Grace Hopper' })).toEqual(['grace@globex.com']);
    expect(
      await run({ $and: [{ email_addresses: { email_root_domain: 'acme.com' } }, { $not: { name: { first_name: 'Ada' } } }] }),
    ).toEqual(['alan@acme.com']);
    expect(await run({ $or: [{ email_addresses: 'ada@acme.com' }, { job_title: 'Admiral' }] })).toEqual(['ada@acme.com', 'grace@globex.com']);
    expect(await run({ record_id: { $in: [ids.grace, ids.alan] } })).toEqual(['grace@globex.com', 'alan@acme.com']);
    expect(await run({ record_id: ids.ada })).toEqual(['ada@acme.com']);
    expect(await run({ job_title: { $not_empty: true } })).toEqual(['grace@globex.com']);
    expect(await run({ company: { target_record_id: ids.acme } })).toEqual(['ada@acme.com']);
    // Timestamps compare as instants, whatever the precision written.
    const graceCreated = sandbox().getRecord('people', ids.grace as string)?.created_at ?? '';
    expect(await run({ created_at: { $gte: graceCreated } })).toEqual(['grace@globex.com', 'alan@acme.com']);
    expect(await run({ created_at: { $lt: '2000-01-01T00:00:00Z' } })).toEqual([]);
    // Two keys at one level are an implicit $and.
    expect(await run({ email_addresses: { email_domain: 'acme.com' }, name: { first_name: 'Alan' } })).toEqual(['alan@acme.com']);
  });

  it('select titles, root domains and path filters through references', async () => {
    const saas = await api().post<Data<RecordBody[]>>('/objects/companies/records/query', { filter: { categories: 'SaaS' } });
    expect(saas.body.data.map((r) => r.id.record_id)).toEqual([ids.acme]);
    const root = await api().post<Data<RecordBody[]>>('/objects/companies/records/query', { filter: { domains: { root_domain: { $in: ['globex.com'] } } } });
    expect(root.body.data).toHaveLength(1);
    const byCompanyDomain = await api().post<Data<RecordBody[]>>('/objects/people/records/query', {
      filter: { path: [['people', 'company'], ['companies', 'domains']], constraints: { domain: 'acme.com' } },
    });
    expect(emails(byCompanyDomain)).toEqual(['ada@acme.com']);
  });

  it('answers 400 for unknown attributes, operators and malformed filters', async () => {
    const unknown = await api().post('/objects/people/records/query', { filter: { shoe_size: 42 } });
    expect(unknown.body).toMatchObject({ status_code: 400, type: 'invalid_request_error', code: 'unknown_filter_attribute_slug' });
    const badOp = await api().post('/objects/people/records/query', { filter: { email_addresses: { $like: 'a%' } } });
    expect(badOp.body).toMatchObject({ status_code: 400, code: 'filter_error' });
    const badProp = await api().post('/objects/people/records/query', { filter: { email_addresses: { domain: 'acme.com' } } });
    expect(badProp.body.code).toBe('filter_error');
    const badIn = await api().post('/objects/people/records/query', { filter: { record_id: { $in: 'x' } } });
    expect(badIn.body.code).toBe('filter_error');
    const noObject = await api().post('/objects/planets/records/query', {});
    expect(noObject.body).toMatchObject({ status_code: 404, code: 'not_found' });
  });
});

describe('the filters of Find Record (one attribute, created_at ascending, 10 at most)', () => {
  let found: Record<string, string>;
  const find = async (object: string, filter: unknown): Promise<string[]> => {
    const res = await api().post<Data<RecordBody[]>>(`/objects/${object}/records/query`, { filter, limit: 10, sorts: [{ attribute: 'created_at', direction: 'asc' }] });
    expect({ filter, status: res.status }).toEqual({ filter, status: 200 });
    return res.body.data.map((r) => r.id.record_id);
  };
  const project = (values: Record<string, unknown>) => sandbox().createRecord('projects', values).id.record_id;

  beforeEach(() => {
    const acme = { target_object: 'companies', target_record_id: ids.acme };
    found = {
      onboarding: project({
        name: 'Acme onboarding',
        project_code: 'ACME-1',
        status: 'Active',
        priority: 'High',
        company: acme,
        budget: 5000,
        due_date: '2025-03-01',
        is_billable: true,
        health: 4,
        hours_estimate: 12,
      }),
      audit: project({ name: 'Globex audit', project_code: 'GLOBEX-1', status: 'Planned', priority: 'Low', budget: 1200, due_date: '2025-04-15', is_billable: false, health: 2, hours_estimate: 40 }),
      phase2: project({ name: 'Acme phase 2', project_code: 'ACME-2', status: 'Active', priority: 'High', company: acme, budget: { currency_value: 5000 }, due_date: '2025-03-01T18:30:00Z', is_billable: 'true', health: 4, hours_estimate: '12' }),
      initech: sandbox().createRecord('companies', { domains: ['initech.com'], categories: ['Fintech', 'SaaS'] }).id.record_id,
      ux: sandbox().createRecord('users', { user_id: ['u-1'], primary_email_address: ['X@y.com'] }).id.record_id,
      uz: sandbox().createRecord('users', { user_id: ['u-2'], primary_email_address: ['z@y.com'] }).id.record_id,
    };
    sandbox().updateRecord('people', ids.ada as string, { phone_numbers: ['+1 (415) 555-0100'] });
    sandbox().updateRecord('people', ids.alan as string, { phone_numbers: [{ original_phone_number: '020 7946 0000', country_code: 'GB' }] });
  });

  it('record_id, emails and domains (unique attributes, single- or multi-valued)', async () => {
    expect(await find('people', { record_id: { $in: [ids.grace] } })).toEqual([ids.grace]);
    expect(await find('people', { record_id: { $in: [ids.alan, ids.ada] } })).toEqual([ids.ada, ids.alan]);
    expect(await find('people', { email_addresses: 'ada@acme.com' })).toEqual([ids.ada]);
    expect(await find('companies', { domains: 'acme.com' })).toEqual([ids.acme]);
    expect(await find('users', { primary_email_address: 'x@y.com' })).toEqual([found.ux]);
    expect(await find('users', { primary_email_address: 'y.com' })).toEqual([]);
  });

  it('text and personal name: exact values only', async () => {
    expect(await find('projects', { project_code: 'ACME-1' })).toEqual([found.onboarding]);
    expect(await find('projects', { project_code: 'ACME' })).toEqual([]);
    expect(await find('people', { name: { full_name: { $eq: 'Ada Lovelace' } } })).toEqual([ids.ada]);
    expect(await find('people', { name: { full_name: { $eq: 'Ada' } } })).toEqual([]);
  });

  it('number, rating, currency, checkbox and date, in created_at order', async () => {
    expect(await find('projects', { hours_estimate: 12 })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { hours_estimate: 40 })).toEqual([found.audit]);
    expect(await find('projects', { health: 4 })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { budget: { currency_value: { $eq: 5000 } } })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { budget: { currency_value: { $eq: 500 } } })).toEqual([]);
    expect(await find('projects', { is_billable: true })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { is_billable: false })).toEqual([found.audit]);
    expect(await find('projects', { due_date: '2025-03-01' })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { due_date: '2025-04-15' })).toEqual([found.audit]);
  });

  it('select (by title), multiselect select (any value matches) and status', async () => {
    expect(await find('projects', { priority: 'High' })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { priority: 'Medium' })).toEqual([]);
    expect(await find('companies', { categories: 'SaaS' })).toEqual([ids.acme, found.initech]);
    expect(await find('companies', { categories: 'Fintech' })).toEqual([found.initech]);
    expect(await find('projects', { status: 'Active' })).toEqual([found.onboarding, found.phase2]);
    expect(await find('projects', { status: 'Done' })).toEqual([]);
  });

  it('phone numbers (E.164) and record references', async () => {
    expect(await find('people', { phone_numbers: { phone_number: { $eq: '+14155550100' } } })).toEqual([ids.ada]);
    expect(await find('people', { phone_numbers: { phone_number: { $eq: '+442079460000' } } })).toEqual([ids.alan]);
    expect(await find('projects', { company: { target_record_id: { $eq: ids.acme } } })).toEqual([found.onboarding, found.phase2]);
    expect(await find('people', { company: { target_record_id: { $eq: ids.acme } } })).toEqual([ids.ada]);
  });

  it('sorts by created_at ascending, and keeps at most 10', async () => {
    const more = Array.from({ length: 11 }, (_, i) => project({ name: `Batch ${i}`, priority: 'High' }));
    const all = [found.onboarding, found.phase2, ...more];
    expect(await find('projects', { priority: 'High' })).toEqual(all.slice(0, 10));
    const desc = await api().post<Data<RecordBody[]>>('/objects/projects/records/query', {
      filter: { priority: 'High' },
      limit: 10,
      sorts: [{ attribute: 'created_at', direction: 'desc' }],
    });
    expect(desc.body.data.map((r) => r.id.record_id)).toEqual([...all].reverse().slice(0, 10));
  });
});

describe('sorts and pagination', () => {
  it('sorts by created_at both ways and pages with limit/offset', async () => {
    const desc = await api().post<Data<RecordBody[]>>('/objects/people/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 2 });
    expect(emails(desc)).toEqual(['alan@acme.com', 'grace@globex.com']);
    const asc = await api().post<Data<RecordBody[]>>('/objects/people/records/query', {
      sorts: [{ attribute: 'created_at', direction: 'asc' }],
      limit: 2,
      offset: 1,
    });
    expect(emails(asc)).toEqual(['grace@globex.com', 'alan@acme.com']);
    const byName = await api().post<Data<RecordBody[]>>('/objects/people/records/query', { sorts: [{ attribute: 'name', field: 'last_name', direction: 'asc' }] });
    expect(emails(byName)).toEqual(['grace@globex.com', 'ada@acme.com', 'alan@acme.com']);
    const all = await api().post<Data<RecordBody[]>>('/objects/people/records/query', {});
    expect(emails(all)).toEqual(['ada@acme.com', 'grace@globex.com', 'alan@acme.com']);
  });
});

describe('company and person helpers', () => {
  it('the in-process helpers see what the API wrote', async () => {
    await api().post('/objects/companies/records', company('initech.com'));
    await api().post('/objects/people/records', person('peter@initech.com'));
    expect(sandbox().listRecords('companies', { filter: { domains: 'initech.com' } })).toHaveLength(1);
    expect(sandbox().listRecords('people')).toHaveLength(4);
  });
});

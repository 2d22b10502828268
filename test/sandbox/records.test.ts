// Records: Attio's read shape, uniqueness, assert, PATCH vs PUT, value conversion, relationships.
import { company, person, useSandbox, type Data, type ErrorBody, type RecordBody } from './helpers';

const { api, sandbox } = useSandbox();
const NS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

describe('create (POST /v2/objects/{object}/records)', () => {
  it('stores values in the read shape: arrays of typed values with the envelope', async () => {
    const res = await api().post<Data<RecordBody>>(
      '/objects/people/records',
      person('Ada.Lovelace@Example.com', { name: ['Lovelace, Ada'], job_title: ['Engineer'] }),
    );
    expect(res.status).toBe(200);
    const rec = res.body.data;
    expect(rec.id.object_id).toBe(sandbox().schema.object('people')?.id);
    expect(rec.created_at).toMatch(NS_TIMESTAMP);
    expect(rec.web_url).toBe(`https://app.attio.com/sandbox/person/${rec.id.record_id}`);
    expect(rec.values.email_addresses).toEqual([
      {
        active_from: rec.created_at,
        active_until: null,
        created_by_actor: { type: 'app', id: expect.any(String) },
        original_email_address: 'Ada.Lovelace@Example.com',
        email_address: 'ada.lovelace@example.com',
        email_domain: 'example.com',
        email_root_domain: 'example.com',
        email_local_specifier: 'ada.lovelace',
        attribute_type: 'email-address',
      },
    ]);
    expect(rec.values.name?.[0]).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace', attribute_type: 'personal-name' });
    expect(rec.values.job_title?.[0]).toMatchObject({ value: 'Engineer', attribute_type: 'text' });
    // Every attribute is present; empty ones as [].
    expect(rec.values.description).toEqual([]);
    expect(rec.values.created_by?.[0]).toMatchObject({ referenced_actor_type: 'app', attribute_type: 'actor-reference' });
  });

  it('rejects a duplicate unique value with 400 uniqueness_conflict, whatever its case or form', async () => {
    await api().post('/objects/people/records', person('ada@example.com'));
    const dup = await api().post('/objects/people/records', person('ADA@example.com'));
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ status_code: 400, type: 'invalid_request_error', code: 'uniqueness_conflict' });
    expect(dup.body.message).toContain('{"email_address":"ada@example.com"}');

    await api().post('/objects/companies/records', company('acme.com'));
    const dupDomain = await api().post('/objects/companies/records', company('https://ACME.com/pricing?x=1'));
    expect(dupDomain.body.code).toBe('uniqueness_conflict');
    expect(sandbox().listRecords('companies')).toHaveLength(1);
  });

  it('enforces required attributes and resolves select, status and actor values (deals)', async () => {
    const missing = await api().post('/objects/deals/records', { data: { values: { name: ['Big deal'] } } });
    expect(missing.body).toMatchObject({ status_code: 400, code: 'missing_value' });

    const ok = await api().post<Data<RecordBody>>('/objects/deals/records', {
      data: { values: { name: ['Big deal'], stage: ['In Progress'], owner: ['bob@example.com'], value: [12500.5] } },
    });
    expect(ok.status).toBe(200);
    const bob = sandbox().schema.member('bob@example.com');
    expect(ok.body.data.values.stage?.[0]).toMatchObject({
      attribute_type: 'status',
      status: { title: 'In Progress', is_archived: false, celebration_enabled: false, target_time_in_status: null, id: { status_id: expect.any(String) } },
    });
    expect(ok.body.data.values.owner?.[0]).toMatchObject({ referenced_actor_type: 'workspace-member', referenced_actor_id: bob?.id });
    expect(ok.body.data.values.value?.[0]).toMatchObject({ currency_value: 12500.5, currency_code: 'USD' });

    const badStage = await api().post('/objects/deals/records', {
      data: { values: { name: ['x'], stage: ['Negotiation'], owner: ['bob@example.com'] } },
    });
    expect(badStage.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const badOwner = await api().post('/objects/deals/records', { data: { values: { name: ['x'], stage: ['Lead'], owner: ['eve@example.com'] } } });
    expect(badOwner.body.code).toBe('value_not_found');
  });

  it('converts every write form of the custom object to its read shape', async () => {
    const res = await api().post<Data<RecordBody>>('/objects/projects/records', {
      data: {
        values: {
          name: ['Launch'],
          project_code: ['P-1'],
          status: ['Active'],
          priority: [{ option: 'High' }],
          budget: ['1999.99999'],
          due_date: ['2025-03'],
          kickoff_at: ['2025-01-15T10:30:00'],
          is_billable: ['true'],
          health: [4],
          hours_estimate: [{ value: 12.5 }],
          owner: [{ workspace_member_email_address: 'alice@example.com' }],
        },
      },
    });
    expect(res.status).toBe(200);
    const v = res.body.data.values;
    expect(v.priority?.[0]?.option).toMatchObject({ title: 'High', is_archived: false });
    expect(v.budget?.[0]).toMatchObject({ currency_value: 2000, currency_code: 'EUR' });
    expect(v.due_date?.[0]).toMatchObject({ value: '2025-03-01', attribute_type: 'date' });
    expect(v.kickoff_at?.[0]).toMatchObject({ value: '2025-01-15T10:30:00.000000000Z', attribute_type: 'timestamp' });
    expect(v.is_billable?.[0]).toMatchObject({ value: true });
    expect(v.health?.[0]).toMatchObject({ value: 4, attribute_type: 'rating' });
    expect(v.hours_estimate?.[0]).toMatchObject({ value: 12.5, attribute_type: 'number' });

    const badRating = await api().post('/objects/projects/records', { data: { values: { name: ['x'], health: [7] } } });
    expect(badRating.body).toMatchObject({ status_code: 400, code: 'validation_type' });
  });

  it('normalises domains, phones and locations like Attio', async () => {
    const res = await api().post<Data<RecordBody>>(
      '/objects/companies/records',
      company('https://WWW.Example.co.uk/about', { primary_location: ['1 Infinite Loop, Cupertino, CA, 95014, US'] }),
    );
    expect(res.body.data.values.domains?.[0]).toMatchObject({ domain: 'www.example.co.uk', root_domain: 'example.co.uk' });
    expect(res.body.data.values.primary_location?.[0]).toMatchObject({
      line_1: '1 Infinite Loop',
      locality: 'Cupertino',
      region: 'CA',
      postcode: '95014',
      country_code: 'US',
      latitude: null,
    });
    const p = await api().post<Data<RecordBody>>(
      '/objects/people/records',
      person('p@example.com', { phone_numbers: ['+44 20 7946 0958', { original_phone_number: '06 12 34 56 78', country_code: 'FR' }] }),
    );
    expect(p.body.data.values.phone_numbers?.map((v) => [v.phone_number, v.country_code])).toEqual([
      ['+442079460958', 'GB'],
      ['+33612345678', 'FR'],
    ]);
    const partial = await api().post('/objects/companies/records', company('b.com', { primary_location: [{ line_1: 'x', locality: 'y' }] }));
    expect(partial.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(partial.body.message).toContain('all ten keys');
    const badEmail = await api().post('/objects/people/records', person('not-an-email'));
    expect(badEmail.body.code).toBe('validation_type');
  });

  it('takes a personal name as a string, or as an object with all three keys (else 400 validation_type)', async () => {
    const full = { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' };
    const asObject = await api().post<Data<RecordBody>>('/objects/people/records', person('ada@example.com', { name: [full] }));
    expect(asObject.status).toBe(200);
    expect(asObject.body.data.values.name?.[0]).toMatchObject({ ...full, attribute_type: 'personal-name' });
    // The string forms: "Last, First", or a whole string that becomes the first name.
    const lastFirst = await api().post<Data<RecordBody>>('/objects/people/records', person('grace@example.com', { name: ['Hopper, Grace'] }));
    expect(lastFirst.body.data.values.name?.[0]).toMatchObject({ first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' });
    const plain = await api().post<Data<RecordBody>>('/objects/people/records', person('alan@example.com', { name: ['Alan Turing'] }));
    expect(plain.body.data.values.name?.[0]).toMatchObject({ first_name: 'Alan Turing', last_name: '', full_name: 'Alan Turing' });

    const firstOnly = await api().post('/objects/people/records', person('x@example.com', { name: [{ first_name: 'Ada' }] }));
    expect(firstOnly.status).toBe(400);
    expect(firstOnly.body).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'validation_type',
      message:
        'Personal name values for "name" must include first_name, last_name and full_name (missing: last_name, full_name); or send a string such as "Lovelace, Ada".',
      validation_errors: [
        { code: 'invalid_type', path: ['data', 'values', 'name'], message: 'Required key "last_name" is missing' },
        { code: 'invalid_type', path: ['data', 'values', 'name'], message: 'Required key "full_name" is missing' },
      ],
    });
    const noFullName = await api().put('/objects/people/records', person('y@example.com', { name: [{ first_name: 'Ada', last_name: 'Lovelace' }] }), {
      query: { matching_attribute: 'email_addresses' },
    });
    expect(noFullName.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(noFullName.body.message).toContain('(missing: full_name)');
    expect(sandbox().listRecords('people').map((r) => r.values.email_addresses?.[0]?.email_address)).toEqual([
      'ada@example.com',
      'grace@example.com',
      'alan@example.com',
    ]);
    // The in-process helpers apply the same rule.
    expect(() => sandbox().createRecord('people', { name: [{ last_name: 'Lovelace', full_name: 'Ada Lovelace' }] })).toThrow('(missing: first_name)');
  });

  it('refuses unknown, archived and read-only attributes', async () => {
    expect((await api().post('/objects/people/records', person('a@b.co', { shoe_size: ['42'] }))).body.code).toBe('value_not_found');
    expect((await api().post('/objects/companies/records', company('c.com', { categories: ['Legacy'] }))).body.code).toBe('value_not_found');
    expect((await api().post('/objects/people/records', person('a@b.co', { created_at: ['2020-01-01'] }))).body.code).toBe('system_edit_unauthorized');
    expect((await api().post('/objects/people/records', person('a@b.co', { job_title: ['a', 'b'] }))).body.code).toBe('validation_type');
    expect((await api().post('/objects/planets/records', person('a@b.co'))).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });
});

describe('assert (PUT /v2/objects/{object}/records?matching_attribute=)', () => {
  const assertPerson = (body: unknown) => api().put<Data<RecordBody>>('/objects/people/records', body, { query: { matching_attribute: 'email_addresses' } });

  it('creates, then updates the same record: matching values added, other multiselects replaced', async () => {
    const first = await assertPerson(person('ada@example.com', { phone_numbers: ['+14155550100'], job_title: ['Engineer'] }));
    const second = await assertPerson(person(['ADA@example.com', 'ada@work.example'], { phone_numbers: ['+14155550199'], job_title: ['CTO'] }));
    expect(second.status).toBe(200);
    expect(second.body.data.id.record_id).toBe(first.body.data.id.record_id);
    expect(second.body.data.values.email_addresses?.map((v) => v.email_address)).toEqual(['ada@example.com', 'ada@work.example']);
    // The unchanged email keeps its original active_from.
    expect(second.body.data.values.email_addresses?.[0]?.active_from).toBe(first.body.data.values.email_addresses?.[0]?.active_from);
    expect(second.body.data.values.phone_numbers?.map((v) => v.phone_number)).toEqual(['+14155550199']);
    expect(second.body.data.values.job_title?.[0]?.value).toBe('CTO');
    expect(sandbox().listRecords('people')).toHaveLength(1);

    // Asserting by an email the record gained later still finds it.
    const third = await assertPerson(person('ada@work.example'));
    expect(third.body.data.id.record_id).toBe(first.body.data.id.record_id);
  });

  it('is atomic under concurrency: 60 parallel asserts of 10 emails make 10 people', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `user${i}@example.com`);
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => assertPerson(person(emails[i % 10] as string))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(sandbox().listRecords('people')).toHaveLength(10);
  });

  it('accepts the matching attribute by id and works on custom unique attributes', async () => {
    const emailAttr = sandbox().schema.attribute(sandbox().schema.object('people')!, 'email_addresses')!;
    const byId = await api().put<Data<RecordBody>>('/objects/people/records', person('id@example.com'), { query: { matching_attribute: emailAttr.id } });
    expect(byId.status).toBe(200);
    const make = (name: string) =>
      api().put<Data<RecordBody>>('/objects/projects/records', { data: { values: { project_code: ['X-1'], name: [name] } } }, { query: { matching_attribute: 'project_code' } });
    const a = await make('One');
    const b = await make('Two');
    expect(b.body.data.id.record_id).toBe(a.body.data.id.record_id);
    expect(b.body.data.values.name?.[0]?.value).toBe('Two');
  });

  it('rejects unknown and non-unique matching attributes, and values matching two records', async () => {
    const unknown = await api().put('/objects/people/records', person('a@example.com'), { query: { matching_attribute: 'nope' } });
    expect(unknown.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    expect(unknown.body.message).toBe('No attribute was found for matching_attribute slug/ID "nope".');
    const notUnique = await api().put('/objects/people/records', person('a@example.com', { job_title: ['x'] }), { query: { matching_attribute: 'job_title' } });
    expect(notUnique.body).toMatchObject({ status_code: 400, code: 'matching_attribute_definition_not_unique' });
    const absent = await api().put('/objects/people/records', { data: { values: { job_title: ['x'] } } }, { query: { matching_attribute: 'email_addresses' } });
    expect(absent.body.code).toBe('missing_value');

    await assertPerson(person('one@example.com'));
    await assertPerson(person('two@example.com'));
    const both = await assertPerson(person(['one@example.com', 'two@example.com']));
    expect(both.body).toMatchObject({ status_code: 400, code: 'multiple_match_results' });
  });
});

describe('get, update, delete', () => {
  it('PATCH prepends multiselect values, PUT overwrites them', async () => {
    const created = await api().post<Data<RecordBody>>('/objects/people/records', person('a@example.com'));
    const id = created.body.data.id.record_id;
    const patched = await api().patch<Data<RecordBody>>(`/objects/people/records/${id}`, person('b@example.com'));
    expect(patched.body.data.values.email_addresses?.map((v) => v.email_address)).toEqual(['b@example.com', 'a@example.com']);
    const put = await api().put<Data<RecordBody>>(`/objects/people/records/${id}`, person('c@example.com'));
    expect(put.body.data.values.email_addresses?.map((v) => v.email_address)).toEqual(['c@example.com']);
    const got = await api().get<Data<RecordBody>>(`/objects/people/records/${id}`);
    expect(got.body.data.values.email_addresses?.map((v) => v.email_address)).toEqual(['c@example.com']);
    // An update may not take another record's unique value either.
    await api().post('/objects/people/records', person('taken@example.com'));
    expect((await api().patch(`/objects/people/records/${id}`, person('taken@example.com'))).body.code).toBe('uniqueness_conflict');
  });

  it('answers 404 not_found for a missing record, and after a delete', async () => {
    const missing = await api().get('/objects/people/records/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      status_code: 404,
      type: 'invalid_request_error',
      code: 'not_found',
      message: 'Record with ID "00000000-0000-4000-8000-000000000000" not found.',
    });
    const created = await api().post<Data<RecordBody>>('/objects/people/records', person('gone@example.com'));
    const id = created.body.data.id.record_id;
    const del = await api().del<Record<string, never>>(`/objects/people/records/${id}`);
    expect(del).toMatchObject({ status: 200, body: {} });
    expect((await api().get<ErrorBody>(`/objects/people/records/${id}`)).status).toBe(404);
    // The email is free again.
    expect((await api().post('/objects/people/records', person('gone@example.com'))).status).toBe(200);
  });
});

describe('record references and relationships', () => {
  it('links by unique attribute and keeps person.company and company.team in step', async () => {
    const acme = (await api().post<Data<RecordBody>>('/objects/companies/records', company('acme.com'))).body.data;
    const globex = (await api().post<Data<RecordBody>>('/objects/companies/records', company('globex.com'))).body.data;
    const ada = await api().post<Data<RecordBody>>(
      '/objects/people/records',
      person('ada@acme.com', { company: [{ target_object: 'companies', domains: [{ domain: 'acme.com' }] }] }),
    );
    expect(ada.body.data.values.company?.[0]).toMatchObject({ target_object: 'companies', target_record_id: acme.id.record_id, attribute_type: 'record-reference' });
    const adaId = ada.body.data.id.record_id;
    expect(sandbox().getRecord('companies', acme.id.record_id)?.values.team?.map((v) => v.target_record_id)).toEqual([adaId]);

    // Moving Ada to Globex (by record id) removes her from Acme's team.
    await api().patch(`/objects/people/records/${adaId}`, { data: { values: { company: [{ target_object: 'companies', target_record_id: globex.id.record_id }] } } });
    expect(sandbox().getRecord('companies', acme.id.record_id)?.values.team).toEqual([]);
    expect(sandbox().getRecord('companies', globex.id.record_id)?.values.team?.map((v) => v.target_record_id)).toEqual([adaId]);

    // Writing the other side works too.
    await api().put(`/objects/companies/records/${acme.id.record_id}`, { data: { values: { team: [{ target_object: 'people', target_record_id: adaId }] } } });
    expect(sandbox().getRecord('people', adaId)?.values.company?.[0]?.target_record_id).toBe(acme.id.record_id);
    expect(sandbox().getRecord('companies', globex.id.record_id)?.values.team).toEqual([]);

    // Deleting the company clears the reference.
    await api().del(`/objects/companies/records/${acme.id.record_id}`);
    expect(sandbox().getRecord('people', adaId)?.values.company).toEqual([]);
  });

  it('rejects references to records that do not exist', async () => {
    const res = await api().post(
      '/objects/people/records',
      person('x@example.com', { company: [{ target_object: 'companies', domains: [{ domain: 'nowhere.example' }] }] }),
    );
    expect(res.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const wrongObject = await api().post(
      '/objects/people/records',
      person('y@example.com', { company: [{ target_object: 'people', email_addresses: [{ email_address: 'x@example.com' }] }] }),
    );
    expect(wrongObject.body.code).toBe('validation_type');
  });
});

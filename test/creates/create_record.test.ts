import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import createRecord, { perform } from '../../src/creates/create_record';
import recordSample from '../../src/samples/record.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { COMPANY_ID, failure, options, value } from '../fixtures/people_companies';
import { DEAL_ID, dealAttributes, MEMBER_ID, PROJECT_ID, projectAttributes, record, statuses, text } from '../fixtures/records';

const PROJECTS = '/v2/objects/projects/records';
const DEALS = '/v2/objects/deals/records';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const calls = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);
type Perform = (z: ZObject, bundle: Bundle) => Promise<Record<string, unknown>>;
const run = (inputData: Record<string, unknown>, fresh = false) => appTester(perform as unknown as Perform, makeBundle({ inputData }), fresh);

type FieldsFn = (z: ZObject, bundle: Bundle) => Promise<PlainInputField[]>;
const recordFields = (createRecord.operation.inputFields as unknown as [PlainInputField, FieldsFn])[1];
/** The step's field load for an object (what Zapier runs when the object is chosen), on an empty cache. */
const loadFields = (object: string) => appTester(recordFields, makeBundle({ inputData: { object } }), true) as Promise<PlainInputField[]>;

function mockProjectFieldLoad() {
  attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
  attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active', 'Done']) });
  attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(['Low', 'Medium', 'High']) });
  attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3']) });
}

function mockDealFieldLoad() {
  attio().get('/v2/objects/deals/attributes').reply(200, { data: dealAttributes() });
  attio().get('/v2/objects/deals/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
}

const projectRecord = () =>
  record('projects', PROJECT_ID, {
    name: [text('Acme onboarding')],
    project_code: [text('ACME-1')],
    hours_estimate: [value('number', { value: 12 })],
  });

describe('creates.create_record', () => {
  it('field load for a custom object: the unique attributes to match on, then a typed field per writable attribute', async () => {
    mockProjectFieldLoad();
    const fields = await loadFields('projects');
    // Required attributes first (Zapier's publishing requirements 5.2.2), then the matching fields.
    expect(fields.slice(0, 3).map((f) => f.key)).toEqual(['values__name', 'matching_attribute', 'match_on']);
    expect(fields[1]).toMatchObject({
      key: 'matching_attribute',
      required: false,
      choices: [{ value: 'project_code', label: 'Project code', sample: 'project_code' }],
    });
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.values__name).toMatchObject({ label: 'Name', type: 'string', required: true });
    expect(byKey.values__hours_estimate).toMatchObject({ type: 'number' });
    expect(byKey.values__is_billable).toMatchObject({ type: 'boolean' });
    expect(byKey.values__tags).toMatchObject({ list: true, choices: [expect.objectContaining({ value: 'Urgent' }), expect.objectContaining({ value: 'Q3' })] });
    expect(byKey.values__status?.choices).toHaveLength(3);
    expect(byKey.phone_country).toMatchObject({ label: 'Phone Country', required: false });
    expect(byKey.values__record_id).toBeUndefined(); // read-only
    expect(byKey.values__created_at).toBeUndefined();
    expect(calls()).toHaveLength(4);
  });

  it('output fields label every attribute key of the chosen object (one request, when Zapier asks)', async () => {
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    const fields = (await appTester(createRecord.operation.outputFields as never, makeBundle({ inputData: { object: 'projects' } }), true)) as Array<{ key: string; label: string; type?: string }>;
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.id).toMatchObject({ label: 'Record ID' });
    expect(byKey.created_at).toMatchObject({ label: 'Created At', type: 'datetime' }); // the fixed key, not the attribute
    expect(fields.filter((f) => f.key === 'created_at')).toHaveLength(1);
    expect(byKey.hours_estimate).toEqual({ key: 'hours_estimate', label: 'Hours estimate', type: 'number' });
    expect(byKey.is_billable).toEqual({ key: 'is_billable', label: 'Billable', type: 'boolean' });
    expect(byKey.budget_currency_code).toMatchObject({ label: 'Budget Currency' });
    expect(byKey.company__target_record_id).toMatchObject({ label: 'Company: Record ID' });
    expect(byKey.kickoff_at).toMatchObject({ type: 'datetime' });
    expect(attioRequests()).toHaveLength(1);
  });

  it('no object chosen yet: no fields and no request', async () => {
    expect(await appTester(recordFields, makeBundle({ inputData: {} }), true)).toEqual([]);
    expect(attioRequests()).toHaveLength(0);
  });

  it('upserts a custom object on its unique attribute in one request: PUT with matching_attribute, then the flattened record', async () => {
    mockProjectFieldLoad();
    await loadFields('projects');
    const loaded = attioRequests().length;
    attio()
      .put(PROJECTS, {
        data: {
          values: {
            name: [{ value: 'Acme onboarding' }],
            project_code: [{ value: 'ACME-1' }],
            hours_estimate: [{ value: 12 }],
            status: [{ status: 'Active' }],
            priority: [{ option: 'High' }],
            tags: [{ option: 'Urgent' }, { option: 'Q3' }],
            is_billable: [{ value: true }],
            health: [{ value: 4 }],
            budget: [{ currency_value: 1250.5 }],
            due_date: [{ value: '2025-03-01' }],
            owner: [{ workspace_member_email_address: 'alice@example.com' }],
            company: [{ target_object: 'companies', domains: [{ domain: 'acme.com' }] }],
            hotline: [{ original_phone_number: '020 7946 0958', country_code: 'GB' }],
          },
        },
      })
      .query({ matching_attribute: 'project_code' })
      .reply(200, { data: projectRecord() });

    const result = await run({
      object: 'projects',
      matching_attribute: 'project_code',
      values__name: 'Acme onboarding',
      values__project_code: ' ACME-1 ',
      values__hours_estimate: '12',
      values__status: 'active',
      values__priority: 'high',
      values__tags: ['urgent', 'Q3'],
      values__is_billable: 'yes',
      values__health: '4',
      values__budget: '1,250.50',
      values__due_date: '2025-03-01T00:00:00-05:00',
      values__owner: 'Alice@Example.com',
      values__company: 'https://www.acme.com',
      values__hotline: '020 7946 0958',
      phone_country: 'gb',
      values__kickoff_at: '',
    });
    expect(attioRequests().length - loaded).toBe(1);
    expect(result).toEqual({
      ...recordSample,
      id: PROJECT_ID,
      record_id: PROJECT_ID,
      object: 'projects',
      object_id: expect.any(String),
      web_url: `https://app.attio.com/acme/projects/${PROJECT_ID}`,
      name: 'Acme onboarding',
      project_code: 'ACME-1',
      hours_estimate: 12,
    });
  });

  it('the same upsert run twice (a replayed Zap) sends the same idempotent assert both times', async () => {
    const body = { data: { values: { name: [{ value: 'Acme onboarding' }], project_code: [{ value: 'ACME-1' }] } } };
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    attio().put(PROJECTS, body).query({ matching_attribute: 'project_code' }).twice().reply(200, { data: projectRecord() });
    const input = { object: 'projects', matching_attribute: 'project_code', values__name: 'Acme onboarding', values__project_code: 'ACME-1' };
    const first = await run(input, true);
    const second = await run(input);
    expect(second).toEqual(first);
    expect(calls()).toEqual([
      'GET /v2/objects/projects/attributes',
      'PUT /v2/objects/projects/records?matching_attribute=project_code',
      'PUT /v2/objects/projects/records?matching_attribute=project_code',
    ]);
  });

  it('with Object mapped from an earlier step, the fields cannot be listed and the step says so (no request)', async () => {
    const fields = await loadFields('{{123__object}}');
    expect(fields).toEqual([
      expect.objectContaining({ key: 'object_fields_note', label: 'Object Fields', type: 'copy' }),
      expect.objectContaining({ key: 'attribute_values', dict: true }),
      expect.objectContaining({ key: 'matching_attribute', required: false }),
      expect.objectContaining({ key: 'phone_country' }),
      expect.objectContaining({ key: 'keep_subdomains' }),
    ]);
    expect(fields[0]?.helpText).toMatch(/^Object is mapped from an earlier step, so its fields cannot be listed here/);
    expect(attioRequests()).toHaveLength(0);
  });

  it('a deal (no unique attribute): the field load points to Match On, and without it perform POSTs a plain create', async () => {
    mockDealFieldLoad();
    const fields = await loadFields('deals');
    // The three required deal attributes come first (publishing requirements 5.2.2), then the note and Match On.
    expect(fields.slice(0, 3).map((f) => f.key)).toEqual(['values__name', 'values__stage', 'values__owner']);
    expect(fields[3]).toMatchObject({ key: 'matching_attribute_note', type: 'copy' });
    expect(fields[3]?.helpText).toContain('choose its identifying attributes in Match On');
    expect(fields[4]).toMatchObject({ key: 'match_on', list: true });
    expect(fields.map((f) => f.key)).not.toContain('matching_attribute');
    const loaded = attioRequests().length;

    attio()
      .post(DEALS, {
        data: {
          values: {
            name: [{ value: 'Acme renewal' }],
            stage: [{ status: 'Won' }],
            owner: [{ workspace_member_email_address: 'alice@example.com' }],
            value: [{ currency_value: 12000 }],
            associated_company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
          },
        },
      })
      .reply(200, {
        data: record('deals', DEAL_ID, {
          name: [text('Acme renewal')],
          stage: [value('status', { status: { id: {}, title: 'Won', is_archived: false } })],
          owner: [value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: MEMBER_ID })],
          value: [value('currency', { currency_value: 12000, currency_code: 'USD' })],
        }),
      });
    // The owner is a member: named through the member list (one request, then cached for 10 minutes).
    attio()
      .get('/v2/workspace_members')
      .reply(200, {
        data: [
          {
            id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', workspace_member_id: MEMBER_ID },
            first_name: 'Alice',
            last_name: 'Ng',
            avatar_url: null,
            email_address: 'alice@example.com',
            access_level: 'member',
            created_at: '2025-01-01T00:00:00.000000000Z',
          },
        ],
      });
    const result = await run({
      object: 'deals',
      values__name: 'Acme renewal',
      values__stage: 'won',
      values__owner: 'alice@example.com',
      values__value: '$12,000',
      values__associated_company: `companies:${COMPANY_ID}`,
    });
    expect(attioRequests().length - loaded).toBe(2);
    expect(result).toMatchObject({
      id: DEAL_ID,
      object: 'deals',
      name: 'Acme renewal',
      stage: 'Won',
      owner: MEMBER_ID,
      owner_type: 'workspace-member',
      owner_name: 'Alice Ng',
      owner_email: 'alice@example.com',
      value: 12000,
      value_currency_code: 'USD',
    });
  });

  it('an amount in scientific notation (as spreadsheets export large numbers) is read as a number field reads it', async () => {
    // "1.5e3" was written to Hours estimate as 1500 but refused for Budget as "not an amount".
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    attio()
      .put(PROJECTS, { data: { values: { project_code: [{ value: 'P-1' }], hours_estimate: [{ value: 1500 }], budget: [{ currency_value: 1500 }] } } })
      .query({ matching_attribute: 'project_code' })
      .reply(200, { data: projectRecord() });
    await run({ object: 'projects', matching_attribute: 'project_code', values__project_code: 'P-1', values__hours_estimate: '1.5e3', values__budget: ' 1.5E+3 ' }, true);
  });

  it('a plain create that clashes with a unique value names the attribute and suggests matching on it', async () => {
    const attributes = projectAttributes();
    attio().get('/v2/objects/projects/attributes').reply(200, { data: attributes });
    const codeId = attributes.find((a) => a.api_slug === 'project_code')?.id.attribute_id;
    attio()
      .post(PROJECTS, { data: { values: { name: [{ value: 'Acme onboarding' }], project_code: [{ value: 'ACME-1' }] } } })
      .reply(
        400,
        attioErrorBody(
          400,
          'uniqueness_conflict',
          `The value "{"value":"ACME-1"}" provided for attribute with ID "${codeId}" conflicts with one already in the system. This attribute has a uniqueness constraint. Please ensure that the value you are providing is unique.`,
        ),
      );
    const err = await failure(() => run({ object: 'projects', values__name: 'Acme onboarding', values__project_code: 'ACME-1' }, true));
    expect(err).toMatchObject({
      name: 'AppError',
      code: 'uniqueness_conflict',
      message:
        'Another record in "projects" already has Project code "ACME-1", which must be unique, so no record was created. To update that record instead, choose "Project code" as Matching Attribute.',
    });
  });

  it('a required attribute left empty: named by its title (Attio names it by id)', async () => {
    const attributes = dealAttributes();
    attio().get('/v2/objects/deals/attributes').reply(200, { data: attributes });
    const stageId = attributes.find((a) => a.api_slug === 'stage')?.id.attribute_id;
    attio()
      .post(DEALS, { data: { values: { name: [{ value: 'Acme renewal' }] } } })
      .reply(400, attioErrorBody(400, 'missing_value', `Required value for attribute with ID "${stageId}" was not provided.`));
    const err = await failure(() => run({ object: 'deals', values__name: 'Acme renewal' }, true));
    expect(err).toMatchObject({ code: 'missing_value', message: '"Deal stage" (stage) is required for records in "deals", so no record was created. Map a value to it (with Object mapped from an earlier step, as a row of Attribute Values).' });
  });

  it('a clash Attio reports by slug is named too', async () => {
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    attio()
      .post(PROJECTS, { data: { values: { project_code: [{ value: 'ACME-1' }] } } })
      .reply(400, attioErrorBody(400, 'uniqueness_conflict', 'A value provided for attribute with slug "project_code" conflicts with one already in the system.'));
    const err = await failure(() => run({ object: 'projects', values__project_code: 'ACME-1' }, true));
    expect(err.message).toContain('choose "Project code" as Matching Attribute');
  });

  describe('refuses before anything is written', () => {
    beforeEach(async () => {
      mockProjectFieldLoad();
      await loadFields('projects');
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'a matching attribute that is not unique',
        { matching_attribute: 'name', values__name: 'Acme onboarding' },
        'Matching Attribute "Name" is not a unique attribute in Attio, so it cannot identify one record. Choose one of: "Project code", or leave it empty to create a new record.',
      ],
      [
        'a matching attribute left empty',
        { matching_attribute: 'project_code', values__name: 'Acme onboarding', values__project_code: '' },
        'Matching Attribute is "Project code", but no value is given for Project code (project_code). Map the value to match records on (in its field, or as a row of Attribute Values when Object is mapped), or leave Matching Attribute empty to create a new record.',
      ],
      [
        'an unknown matching attribute',
        { matching_attribute: 'external_id', values__name: 'Acme onboarding' },
        'Matching Attribute "external_id" is not a writable attribute of "projects" in Attio. Choose one of: "Project code", or leave it empty to create a new record.',
      ],
      ['nothing mapped', { values__name: ' ' }, 'No field of the record is mapped. Map at least one attribute of "projects" to write (with Object mapped from an earlier step, fill in Attribute Values).'],
      ['a number that is not one', { values__hours_estimate: 'lots' }, 'Hours estimate "lots" is not a number. Map a number like 42 or 99.5.'],
      ['an unknown status', { values__status: 'Archived' }, 'Status "Archived" is not an option of this field in Attio. Valid options: "Planned", "Active", "Done".'],
      [
        'an amount in dollars for a euro attribute',
        { values__budget: '$5,000' },
        'Budget "$5,000" is in "$" (USD, CAD, AUD…), but Budget holds amounts in EUR. Map an amount in EUR (convert it first, with a Formatter step for example), or without a currency symbol.',
      ],
      ['several priorities for a single select', { values__priority: ['Low', 'High'] }, 'Priority "["Low","High"]" holds 2 values, but Priority takes one. Map a single value (a Formatter step can pick one item of a list).'],
      ['a name that is a group of fields', { values__name: { first: 'Acme' } }, 'Name "{"first":"Acme"}" is not a single value. Map one field, not a group of fields.'],
      ['a matching attribute of toString', { matching_attribute: 'toString', values__name: 'x' }, 'Matching Attribute "toString" is not a writable attribute of "projects" in Attio. Choose one of: "Project code", or leave it empty to create a new record.'],
    ])('%s', async (_what, input, message) => {
      const before = attioRequests().length;
      // An unknown option is re-checked once with Attio (it may have been added since the fields loaded).
      if (input.values__status) {
        attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active', 'Done']) });
      }
      const err = await failure(() => run({ object: 'projects', ...input }));
      expect(err).toMatchObject({ name: 'AppError', message });
      expect(attioRequests().filter((r) => r.method !== 'GET').length).toBe(0);
      expect(attioRequests().length - before).toBeLessThanOrEqual(input.values__status ? 1 : 0);
    });

    it('a deal with a matching attribute chosen (Attio has no unique one) says to leave it empty', async () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: dealAttributes() });
      const err = await failure(() => run({ object: 'deals', matching_attribute: 'name', values__name: 'Acme renewal' }));
      expect(err.message).toBe(
        'Matching Attribute "Deal name" is not a unique attribute in Attio, so it cannot identify one record. "deals" has no unique attribute, so leave Matching Attribute empty: each run then creates a new record.',
      );
    });
  });

  it('names the field when Attio cannot find the record it links to', async () => {
    attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
    attio()
      .post(PROJECTS, { data: { values: { name: [{ value: 'Onboarding' }], company: [{ target_object: 'companies', target_record_id: COMPANY_ID }] } } })
      .reply(400, attioErrorBody(400, 'value_not_found', `Record with ID "${COMPANY_ID}" not found in object "companies".`));
    const err = await failure(() => run({ object: 'projects', values__name: 'Onboarding', values__company: `companies:${COMPANY_ID}` }, true));
    expect(err.message).toMatch(new RegExp(`^Attio could not create the record in "projects": Company holds "${COMPANY_ID}", which Attio could not find, so nothing was written\\.`));
  });

  it('writes comma-joined line items to a multiselect when every part is an option', async () => {
    mockProjectFieldLoad();
    await loadFields('projects');
    attio()
      .post(PROJECTS, { data: { values: { name: [{ value: 'Onboarding' }], tags: [{ option: 'Urgent' }, { option: 'Q3' }] } } })
      .reply(200, { data: record('projects', PROJECT_ID, { name: [text('Onboarding')] }) });
    await run({ object: 'projects', values__name: 'Onboarding', values__tags: 'urgent, Q3' });
  });
});

import type { DataMatcherMap } from 'nock';
import findRecord, { perform } from '../../src/searches/find_record';
import personSample from '../../src/samples/person.json';
import recordSample from '../../src/samples/record.json';
import { appTester, attio, attioErrorBody, makeBundle, loadInputFields } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { COMPANY_ID, PERSON_ID, attribute, companyRecord, failure, options, peopleAttributes, personRecord, value } from '../fixtures/people_companies';
import { PROJECT_ID, projectAttributes, PROJECTS_OBJECT_ID, record, statuses, text } from '../fixtures/records';

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);
const query = (object: string) => `/v2/objects/${object}/records/query`;
const SORTS = [{ attribute: 'created_at', direction: 'asc' }];
const OTHER_PERSON_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** The step's fields as the editor shows them (empty z.cache). */
const loadFields = (inputData: Record<string, unknown>) => loadInputFields(findRecord, inputData);

/** Runs the search with the z.cache the last field load left (or an empty one with `fresh`). */
const find = (object: string, attributeSlug: string, value: unknown, fresh = false) =>
  appTester(perform, makeBundle({ inputData: { object, attribute: attributeSlug, value } }) as never, fresh) as Promise<Array<Record<string, unknown>>>;

/** The query the search must send for a filter, answered with `records`. */
function expectQuery(object: string, filter: DataMatcherMap, records: unknown[]) {
  return attio().post(query(object), { filter, sorts: SORTS, limit: 10 }).reply(200, { data: records });
}

const PRIORITY_OPTIONS = ['Low', 'Medium', 'High'];

function mockProjectFieldLoad() {
  attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
  attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'In Progress', 'Done'], ['Cancelled']) });
  attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(PRIORITY_OPTIONS) });
  attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3']) });
}

function mockPeopleFieldLoad() {
  attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
  attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) });
  attio().get('/v2/objects/people/attributes/interests/options').reply(200, { data: options(['Analytics', 'Engines']) });
}

function companyAttributes() {
  return [
    attribute('record_id', 'text', { is_writable: false, is_system_attribute: true, title: 'Record ID' }),
    attribute('name', 'text', { is_system_attribute: true, title: 'Name' }),
    attribute('domains', 'domain', { is_system_attribute: true, is_multiselect: true, is_unique: true, title: 'Domains' }),
    attribute('description', 'text', { is_system_attribute: true, title: 'Description' }),
  ];
}

/** Loads the object's fields (caching its attribute metadata); returns how many requests that took. */
async function cacheFields(object: 'projects' | 'people' | 'companies'): Promise<number> {
  if (object === 'projects') mockProjectFieldLoad();
  if (object === 'people') mockPeopleFieldLoad();
  if (object === 'companies') attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
  await loadFields({ object });
  return attioRequests().length;
}

const project = () => record('projects', PROJECT_ID, { name: [text('Apollo')], hours_estimate: [value('number', { value: 12 })] });
const flatProject = {
  name: 'Apollo',
  hours_estimate: 12,
  id: PROJECT_ID,
  record_id: PROJECT_ID,
  object: 'projects',
  object_id: PROJECTS_OBJECT_ID,
  web_url: `https://app.attio.com/acme/projects/${PROJECT_ID}`,
  created_at: '2025-01-15T10:30:00.000+00:00',
};

describe('searches.find_record', () => {
  describe('by attribute', () => {
    it('people by email: the normalised address, oldest first, in one request once the fields are cached; Attio\'s order kept', async () => {
      const loaded = await cacheFields('people');
      const other = personRecord({
        email_addresses: [value('email-address', { email_address: 'ada@example.com', original_email_address: 'ada@example.com', email_domain: 'example.com', email_root_domain: 'example.com', email_local_specifier: 'ada' })],
      });
      other.id = { ...other.id, record_id: OTHER_PERSON_ID };
      expectQuery('people', { email_addresses: 'ada@example.com' }, [personRecord(), other]);

      const result = await find('people', 'email_addresses', ' Ada@Example.com ');

      expect(result).toEqual([personSample, { ...personSample, id: OTHER_PERSON_ID, record_id: OTHER_PERSON_ID }]);
      expect(paths().slice(loaded)).toEqual(['POST /v2/objects/people/records/query']);
    });

    it('companies by domain, read from a URL', async () => {
      const loaded = await cacheFields('companies');
      expectQuery('companies', { domains: 'acme.com' }, [companyRecord()]);
      const result = await find('companies', 'domains', 'https://www.Acme.com/x');
      expect(result).toEqual([expect.objectContaining({ id: COMPANY_ID, object: 'companies', domains: ['acme.com'], domain: 'acme.com', name: 'Acme' })]);
      expect(attioRequests()).toHaveLength(loaded + 1);
    });

    it('companies by domain with Keep Subdomains: the subdomain the create steps wrote, not its parent company', async () => {
      // The field offers Keep Subdomains; it used to be ignored, so eu.acme.com found acme.com (another company).
      const loaded = await cacheFields('companies');
      expectQuery('companies', { domains: 'eu.acme.com' }, []);
      const result = await appTester(perform, makeBundle({ inputData: { object: 'companies', attribute: 'domains', value: 'https://EU.acme.com/x', keep_subdomains: 'true' } }) as never);
      expect(result).toEqual([]);
      expect(attioRequests()).toHaveLength(loaded + 1);
    });

    it.each<[string, unknown, DataMatcherMap]>([
      ['priority', 'high', { priority: 'High' }], // select, by title in any case
      ['priority', '00000000-0000-4000-8000-000000000002', { priority: 'Medium' }], // select, by option id: Attio filters by title
      ['status', 'in progress', { status: 'In Progress' }],
      ['tags', ['q3', ''], { tags: 'Q3' }], // a list of one value (several are refused: see filters.test.ts)
      ['hours_estimate', '12', { hours_estimate: 12 }],
      ['hours_estimate', '1,234.5', { hours_estimate: 1234.5 }],
      ['health', '4', { health: 4 }],
      ['is_billable', 'yes', { is_billable: true }],
      ['due_date', '2025-01-15T00:00:00-06:00', { due_date: '2025-01-15' }],
      ['project_code', ' APL-1 ', { project_code: 'APL-1' }],
      ['contact_email', 'Grace@Example.com', { contact_email: 'grace@example.com' }],
      ['site', 'https://www.apollo.dev/', { site: 'apollo.dev' }],
      ['site', 'https://docs.eu.apollo.dev/', { site: 'apollo.dev' }], // the registrable domain, as creates write it
      ['budget', '€1,250.50', { budget: { currency_value: { $eq: 1250.5 } } }],
      ['hotline', '+44 20 7946 0958', { hotline: { phone_number: { $eq: '+442079460958' } } }],
      ['company', `companies:${COMPANY_ID}`, { company: { target_record_id: { $eq: COMPANY_ID } } }],
    ])('projects by %s %j: filter %j, one request once cached', async (slug, input, filter) => {
      const loaded = await cacheFields('projects');
      expectQuery('projects', filter, [project()]);
      expect(await find('projects', slug, input)).toEqual([flatProject]);
      expect(attioRequests()).toHaveLength(loaded + 1);
    });

    it('people by name: the full name', async () => {
      await cacheFields('people');
      expectQuery('people', { name: { full_name: { $eq: 'Ada Lovelace' } } }, [personRecord()]);
      expect(await find('people', 'name', 'Ada Lovelace')).toEqual([personSample]);
    });

    it('no attribute (the Object mapped from an earlier step hides the dropdown): says what to do, sends nothing', async () => {
      const err = await failure(() => find('projects', '', 'ACME-1', true));
      expect(err.message).toBe(
        'Attribute is empty. Choose the attribute to match; when Object is mapped from an earlier step, type its API slug (or `record_id` to search by Record ID).',
      );
      expect(attioRequests()).toHaveLength(0);
    });

    it('returns [] when nothing matches (never an error)', async () => {
      await cacheFields('projects');
      expectQuery('projects', { hours_estimate: 99 }, []);
      expect(await find('projects', 'hours_estimate', 99)).toEqual([]);
    });
  });

  describe('by record ID', () => {
    it('queries record_id with $in, trimmed and lower-cased, in one request even with a cold cache', async () => {
      expectQuery('projects', { record_id: { $in: [PROJECT_ID] } }, [project()]);
      expect(await find('projects', 'record_id', ` ${PROJECT_ID.toUpperCase()} `, true)).toEqual([flatProject]);
      expect(paths()).toEqual(['POST /v2/objects/projects/records/query']);
    });

    it('returns [] for an ID no record has', async () => {
      expectQuery('people', { record_id: { $in: [PERSON_ID] } }, []);
      expect(await find('people', 'record_id', PERSON_ID, true)).toEqual([]);
    });

    it('refuses a value that is not a record ID, sending nothing', async () => {
      const err = await failure(() => find('projects', 'record_id', 'Apollo', true));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message:
          'Record ID "Apollo" is not an Attio record ID. Pick the record from the dropdown, or map the ID output by an earlier Attio step (like 891dcbfc-9141-415d-9b2a-2238a6cc012d).',
      });
      expect(attioRequests()).toHaveLength(0);
    });
  });

  describe('cold cache', () => {
    it('fetches the attributes once, then the query; nothing more next time', async () => {
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      expectQuery('projects', { hours_estimate: 12 }, [project()]);
      expect(await find('projects', 'hours_estimate', '12', true)).toEqual([flatProject]);
      expect(paths()).toEqual(['GET /v2/objects/projects/attributes', 'POST /v2/objects/projects/records/query']);

      expectQuery('projects', { project_code: 'APL-1' }, []);
      await find('projects', 'project_code', 'APL-1');
      expect(attioRequests()).toHaveLength(3);
    });

    it('searching by a select also fetches its options (only that one), then caches them', async () => {
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(PRIORITY_OPTIONS) });
      expectQuery('projects', { priority: 'High' }, [project()]);
      expect(await find('projects', 'priority', 'high', true)).toEqual([flatProject]);
      expect(paths()).toEqual([
        'GET /v2/objects/projects/attributes',
        'GET /v2/objects/projects/attributes/priority/options',
        'POST /v2/objects/projects/records/query',
      ]);

      expectQuery('projects', { priority: 'Low' }, []);
      await find('projects', 'priority', 'LOW');
      expect(attioRequests()).toHaveLength(4);
    });
  });

  describe('refusals', () => {
    const SEARCHABLE =
      '"Name", "Project code", "Status", "Priority", "Tags", "Company", "Budget", "Due date", "Billable", "Health", "Hours estimate", "Contact email", "Site", "Hotline"';

    it('an attribute of a kind that cannot be matched (a timestamp), listing the valid choices, without a request', async () => {
      const loaded = await cacheFields('projects');
      const err = await failure(() => find('projects', 'kickoff_at', '2025-01-15T10:00:00Z'));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message: `Attribute "kickoff_at" is not a searchable attribute of "projects" in Attio (it may have been archived, or is of a kind that cannot be matched). Choose Record ID or one of: ${SEARCHABLE}.`,
      });
      expect(attioRequests()).toHaveLength(loaded);
    });

    it('an attribute that is not (or no longer) there, after one fresh look at the attributes', async () => {
      const loaded = await cacheFields('projects');
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      const err = await failure(() => find('projects', 'retired_field', 'x'));
      expect(err.message).toBe(
        `Attribute "retired_field" is not a searchable attribute of "projects" in Attio (it may have been archived, or is of a kind that cannot be matched). Choose Record ID or one of: ${SEARCHABLE}.`,
      );
      expect(paths().slice(loaded)).toEqual(['GET /v2/objects/projects/attributes']);
    });

    it('a read-only attribute (created_at) is not searchable', async () => {
      const loaded = await cacheFields('projects');
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      const err = await failure(() => find('projects', 'created_at', '2025-01-15'));
      expect(err.message).toMatch(/^Attribute "created_at" is not a searchable attribute of "projects"/);
      expect(attioRequests()).toHaveLength(loaded + 1);
    });

    it('a bad email, naming the attribute', async () => {
      const loaded = await cacheFields('people');
      const err = await failure(() => find('people', 'email_addresses', 'ada(at)example.com'));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message: 'Email addresses "ada(at)example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.',
      });
      expect(attioRequests()).toHaveLength(loaded);
    });

    it('an empty value, naming the attribute', async () => {
      const loaded = await cacheFields('projects');
      const err = await failure(() => find('projects', 'hours_estimate', ' '));
      expect(err.message).toBe('Hours estimate "" is empty. Map the value to search for.');
      expect(attioRequests()).toHaveLength(loaded);
    });

    it('a national phone number (Attio compares E.164)', async () => {
      await cacheFields('projects');
      const err = await failure(() => find('projects', 'hotline', '020 7946 0958'));
      expect(err.message).toBe(
        'Hotline "020 7946 0958" is not a phone number in international format. Records are matched on whole numbers: include the country code, like +44 20 7946 0958.',
      );
    });

    it('an unknown option title, listing the valid options after one re-fetch of them', async () => {
      const loaded = await cacheFields('projects');
      attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options([...PRIORITY_OPTIONS, 'Critical']) });
      const err = await failure(() => find('projects', 'priority', 'Whenever'));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message: 'Priority "Whenever" is not an option of this field in Attio. Valid options: "Low", "Medium", "High", "Critical".',
      });
      expect(paths().slice(loaded)).toEqual(['GET /v2/objects/projects/attributes/priority/options']);
    });

    it('an option added in Attio since the fields loaded is found after that re-fetch', async () => {
      const loaded = await cacheFields('projects');
      attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options([...PRIORITY_OPTIONS, 'Critical']) });
      expectQuery('projects', { priority: 'Critical' }, []);
      await find('projects', 'priority', 'critical');
      expect(attioRequests()).toHaveLength(loaded + 2);
    });
  });

  it('surfaces an Attio error as an actionable message', async () => {
    await cacheFields('projects');
    attio()
      .post(query('projects'), { filter: { hours_estimate: 12 }, sorts: SORTS, limit: 10 })
      .reply(400, attioErrorBody(400, 'filter_error', 'Invalid filter.'));
    const err = await failure(() => find('projects', 'hours_estimate', 12));
    expect(err).toEqual({
      name: 'AppError',
      code: 'filter_error',
      message: 'Attio could not find records in "projects" by Hours estimate. Attio said: Invalid filter. Check the values used to search.',
    });
  });

  describe('input fields', () => {
    it('the Attribute dropdown lists Record ID first, then only searchable attributes', async () => {
      mockProjectFieldLoad();
      const fields = await loadFields({ object: 'projects' });
      // Keep Subdomains comes with the dropdown: projects have a domain attribute (Site).
      expect(fields.map((f) => f.key)).toEqual(['object', 'attribute', 'keep_subdomains', 'value']);
      const dropdown = fields[1];
      expect(dropdown).toMatchObject({ key: 'attribute', label: 'Attribute', required: true });
      // Left out: owner (actor reference), kickoff_at (timestamp), record_id and created_at (read-only).
      expect(dropdown?.choices).toEqual([
        { value: 'record_id', label: 'Record ID', sample: 'record_id' },
        ...[
          ['name', 'Name'],
          ['project_code', 'Project code'],
          ['status', 'Status'],
          ['priority', 'Priority'],
          ['tags', 'Tags'],
          ['company', 'Company'],
          ['budget', 'Budget'],
          ['due_date', 'Due date'],
          ['is_billable', 'Billable'],
          ['health', 'Health'],
          ['hours_estimate', 'Hours estimate'],
          ['contact_email', 'Contact email'],
          ['site', 'Site'],
          ['hotline', 'Hotline'],
        ].map(([v, label]) => ({ value: v, label, sample: v })),
      ]);
    });

    it('on people: no location, actor reference, interaction, read-only or archived attribute', async () => {
      mockPeopleFieldLoad();
      const fields = await loadFields({ object: 'people' });
      const choices = fields[1]?.choices as Array<{ value: string }>;
      expect(choices.map((c) => c.value)).toEqual([
        'record_id',
        'name',
        'email_addresses',
        'description',
        'company',
        'job_title',
        'phone_numbers',
        'linkedin',
        'lead_score',
        'lead_source',
        'interests',
        'newsletter',
        'renewal_date',
        'satisfaction',
        'contract_value',
        'referred_by',
      ]);
    });

    it('has no Attribute dropdown until an object is chosen: no request', async () => {
      const fields = await loadFields({});
      expect(fields.map((f) => f.key)).toEqual(['object', 'value']);
      expect(attioRequests()).toHaveLength(0);
    });

    it('with Object mapped from an earlier step, Attribute is a text field for the API slug (or record_id): no request', async () => {
      const fields = await loadFields({ object: '{{123__object}}' });
      expect(fields.map((f) => f.key)).toEqual(['object', 'attribute', 'keep_subdomains', 'value']);
      expect(fields[1]).toMatchObject({ key: 'attribute', label: 'Attribute', required: true, type: 'string' });
      expect(fields[1]?.choices).toBeUndefined();
      expect(fields[1]?.helpText).toMatch(/Object is mapped from an earlier step.*API slug.*`record_id`/);
      expect(attioRequests()).toHaveLength(0);
    });
  });

  it('is registered as "Find Record" with the record sample', () => {
    expect(findRecord.key).toBe('find_record');
    expect(findRecord.noun).toBe('Record');
    expect(findRecord.display.label).toBe('Find Record');
    expect(findRecord.operation.sample).toEqual(recordSample);
  });
});

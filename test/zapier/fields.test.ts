import type { ZObject } from 'zapier-platform-core';
import createPerson from '../../src/creates/create_person';
import type { Bundle } from 'zapier-platform-core';
import { attributeFields, changedToFields, collectValues } from '../../src/zapier/fields/dynamic';
import { appTester, attio, heldReplies, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, failure, options, peopleAttributes } from '../fixtures/people_companies';

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** Runs fn with a real z (the whole Zapier pipeline); `fresh` empties z.cache first. */
function run<T>(fn: (z: ZObject) => Promise<T>, fresh = false): Promise<T> {
  return appTester((z: ZObject) => fn(z), makeBundle(), fresh) as Promise<T>;
}

/** Option replies held until all have arrived: see heldReplies. */
function parallelReplies(replies: Record<string, unknown>) {
  return heldReplies(Object.fromEntries(Object.entries(replies).map(([path, body]) => [path, [200, { data: body }]])));
}

function mockPeopleFieldLoad() {
  attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
  return parallelReplies({
    '/v2/objects/people/attributes/lead_source/options': options(['Website', 'Referral'], ['Cold call']),
    '/v2/objects/people/attributes/interests/options': options(['Analytics', 'Engines']),
  });
}

describe('lib/fields: attributeFields', () => {
  it('builds one field per writable attribute: 1 request, then the choices in one parallel batch', async () => {
    const state = mockPeopleFieldLoad();
    const fields = await run((z) => attributeFields(z, 'objects', 'people', { skip: ['email_addresses', 'name', 'company'] }), true);

    expect(state.sequential).toBe(false);
    expect(paths()).toEqual([
      'GET /v2/objects/people/attributes',
      // both option requests left before either was answered (see parallelReplies)
      expect.stringMatching(/options$/),
      expect.stringMatching(/options$/),
    ]);
    expect(fields).toEqual([
      // Required attributes first (Zapier's publishing requirements 5.2.2), then Attio's order.
      { key: 'values__lead_score', label: 'Lead score', type: 'number', required: true },
      { key: 'values__description', label: 'Description', type: 'string', required: false },
      { key: 'values__job_title', label: 'Job title', type: 'string', required: false },
      {
        key: 'values__phone_numbers',
        label: 'Phone numbers',
        type: 'string',
        required: false,
        list: true,
        helpText: 'In international format with the country code, like +44 20 7946 0958.',
      },
      {
        key: 'values__primary_location',
        label: 'Primary location',
        type: 'string',
        required: false,
        helpText: 'An address on one line, like "1 Infinite Loop, Cupertino, CA, 95014, US".',
      },
      { key: 'values__linkedin', label: 'LinkedIn', type: 'string', required: false, helpText: 'Profile URL.' },
      {
        key: 'values__lead_source',
        label: 'Lead source',
        type: 'string',
        required: false,
        // archived options are not offered
        choices: [
          { value: 'Website', label: 'Website', sample: 'Website' },
          { value: 'Referral', label: 'Referral', sample: 'Referral' },
        ],
      },
      {
        key: 'values__interests',
        label: 'Interests',
        type: 'string',
        required: false,
        list: true,
        choices: [
          { value: 'Analytics', label: 'Analytics', sample: 'Analytics' },
          { value: 'Engines', label: 'Engines', sample: 'Engines' },
        ],
      },
      { key: 'values__newsletter', label: 'Newsletter', type: 'boolean', required: false },
      { key: 'values__renewal_date', label: 'Renewal date', type: 'datetime', required: false, helpText: 'A date, like 2025-01-15.' },
      { key: 'values__satisfaction', label: 'Satisfaction', type: 'integer', required: false, helpText: 'A whole number from 0 to 5.' },
      {
        key: 'values__contract_value',
        label: 'Contract value',
        type: 'number',
        required: false,
        helpText: 'An amount, like 1250.50 (in the currency set on this attribute in Attio).',
      },
      {
        key: 'values__account_owner',
        label: 'Account owner',
        type: 'string',
        required: false,
        helpText: 'A workspace member: their email address, like alice@acme.com.',
      },
      {
        key: 'values__referred_by',
        label: 'Referred by',
        type: 'string',
        required: false,
        helpText: expect.stringMatching(/^The record to link: its record ID/),
      },
    ]);
    // Not offered: record_id, created_at, last_interaction (not writable), old_segment (archived), skipped slugs.
  });

  it('fetches statuses for status attributes of a list, in the same parallel batch as options', async () => {
    const list = 'sales';
    attio()
      .get(`/v2/lists/${list}/attributes`)
      .reply(200, {
        data: [
          attribute('stage', 'status', { target: 'lists', is_required: true }),
          attribute('priority', 'select', { target: 'lists' }),
          attribute('deal_owner', 'actor-reference', { target: 'lists' }),
        ],
      });
    const state = parallelReplies({
      [`/v2/lists/${list}/attributes/stage/statuses`]: [
        { id: { workspace_id: 'w', list_id: 'l', attribute_id: 'a', status_id: '00000000-0000-4000-8000-000000000011' }, title: 'Lead', is_archived: false, celebration_enabled: false, target_time_in_status: null },
        { id: { workspace_id: 'w', list_id: 'l', attribute_id: 'a', status_id: '00000000-0000-4000-8000-000000000012' }, title: 'Won', is_archived: false, celebration_enabled: true, target_time_in_status: null },
      ],
      [`/v2/lists/${list}/attributes/priority/options`]: options(['High', 'Low']),
    });
    const fields = await run((z) => attributeFields(z, 'lists', list), true);
    expect(state.sequential).toBe(false);
    expect(fields.map((f) => [f.key, f.required, f.choices])).toEqual([
      ['values__stage', true, [{ value: 'Lead', label: 'Lead', sample: 'Lead' }, { value: 'Won', label: 'Won', sample: 'Won' }]],
      ['values__priority', false, [{ value: 'High', label: 'High', sample: 'High' }, { value: 'Low', label: 'Low', sample: 'Low' }]],
      ['values__deal_owner', false, undefined],
    ]);
  });

  it("is what create_person's input fields load, after the static fields it leaves out", async () => {
    mockPeopleFieldLoad();
    const fields = (await appTester(createPerson.operation.inputFields as never, makeBundle(), true)) as Array<{ key: string }>;
    const keys = fields.map((f) => f.key);
    expect(keys.slice(0, 10)).toEqual(['email', 'first_name', 'last_name', 'job_title', 'phone', 'phone_country', 'description', 'company_domain', 'allow_free_email_domains', 'keep_subdomains']);
    expect(keys.filter((k) => k.startsWith('values__'))).toEqual([
      'values__lead_score',
      'values__primary_location',
      'values__linkedin',
      'values__lead_source',
      'values__interests',
      'values__newsletter',
      'values__renewal_date',
      'values__satisfaction',
      'values__contract_value',
      'values__account_owner',
      'values__referred_by',
    ]);
  });
});

describe('lib/fields: collectValues', () => {
  const mapped = {
    email: 'ada@example.com', // static inputs are not collected
    values__lead_score: '87',
    values__lead_source: 'referral',
    values__interests: ['Analytics', 'engines'],
    values__newsletter: 'true',
    values__renewal_date: '2025-06-30T00:00:00-05:00',
    values__referred_by: 'grace@example.com',
    values__linkedin: '',
  };
  const expected = {
    values: {
      lead_score: [{ value: 87 }],
      lead_source: [{ option: 'Referral' }],
      interests: [{ option: 'Analytics' }, { option: 'Engines' }],
      newsletter: [{ value: true }],
      renewal_date: [{ value: '2025-06-30' }],
      referred_by: [{ target_object: 'people', email_addresses: [{ email_address: 'grace@example.com' }] }],
    },
    fieldLabels: {
      lead_score: 'Lead score',
      lead_source: 'Lead source',
      interests: 'Interests',
      newsletter: 'Newsletter',
      renewal_date: 'Renewal date',
      referred_by: 'Referred by',
    },
    attributes: expect.any(Array),
    // The values as given, for messages about them.
    inputs: { lead_score: '87', lead_source: 'referral', interests: ['Analytics', 'engines'], newsletter: 'true', renewal_date: '2025-06-30T00:00:00-05:00', referred_by: 'grace@example.com' },
  };

  it('sends nothing and reads no cache when no attribute field is mapped', async () => {
    const out = await run((z) => collectValues(z, { email: 'ada@example.com', values__linkedin: '', values__interests: [] }, 'objects', 'people'), true);
    expect(out).toEqual({ values: {}, fieldLabels: {} });
    expect(attioRequests()).toHaveLength(0);
  });

  it('formats from the metadata cached when the fields loaded: no request at run time', async () => {
    mockPeopleFieldLoad();
    await run((z) => attributeFields(z, 'objects', 'people'), true);
    const loaded = attioRequests().length;

    const out = await run((z) => collectValues(z, mapped, 'objects', 'people'));
    expect(out).toEqual(expected);
    expect(attioRequests()).toHaveLength(loaded); // nothing more was sent
  });

  it('on a cold cache fetches the attributes once, plus the options of the mapped selects in parallel, then caches them', async () => {
    attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
    const state = parallelReplies({
      '/v2/objects/people/attributes/lead_source/options': options(['Website', 'Referral']),
      '/v2/objects/people/attributes/interests/options': options(['Analytics', 'Engines']),
    });
    expect(await run((z) => collectValues(z, mapped, 'objects', 'people'), true)).toEqual(expected);
    expect(state.sequential).toBe(false);
    expect(attioRequests()).toHaveLength(3);

    expect(await run((z) => collectValues(z, mapped, 'objects', 'people'))).toEqual(expected);
    expect(attioRequests()).toHaveLength(3); // the second run used the cache
  });

  it('re-fetches the options once when a value is not among the cached ones (an option added since)', async () => {
    mockPeopleFieldLoad();
    await run((z) => attributeFields(z, 'objects', 'people'), true);
    attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral', 'Podcast']) });

    const out = await run((z) => collectValues(z, { values__lead_source: 'Podcast' }, 'objects', 'people'));
    expect(out.values).toEqual({ lead_source: [{ option: 'Podcast' }] });
    // and the refreshed list is cached: no request the next time
    const before = attioRequests().length;
    await run((z) => collectValues(z, { values__lead_source: 'podcast' }, 'objects', 'people'));
    expect(attioRequests()).toHaveLength(before);
  });

  it('stops on an unknown option, listing the valid ones, after one fresh look', async () => {
    mockPeopleFieldLoad();
    await run((z) => attributeFields(z, 'objects', 'people'), true);
    attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) });

    const err = await failure(() => run((z) => collectValues(z, { values__lead_source: 'Carrier pigeon' }, 'objects', 'people')));
    expect(err.message).toBe('Lead source "Carrier pigeon" is not an option of this field in Attio. Valid options: "Website", "Referral".');
  });

  it('re-fetches the attributes when a mapped one is not cached, and names a field that no longer exists', async () => {
    mockPeopleFieldLoad();
    await run((z) => attributeFields(z, 'objects', 'people'), true);
    attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });

    const err = await failure(() => run((z) => collectValues(z, { values__retired_field: 'x' }, 'objects', 'people')));
    expect(err.message).toBe(
      'The field "retired_field" is no longer a writable attribute in Attio (it may have been archived or deleted). Refresh the fields of this step and remap it. Value: "x".',
    );
  });

  it('rejects an invalid value by its Attio title before anything is written', async () => {
    mockPeopleFieldLoad();
    await run((z) => attributeFields(z, 'objects', 'people'), true);
    const err = await failure(() => run((z) => collectValues(z, { values__satisfaction: '9' }, 'objects', 'people')));
    expect(err).toMatchObject({ name: 'AppError', message: 'Satisfaction "9" is not a rating. Map a whole number from 0 to 5.' });
  });
});

describe('lib/fields: fields Zapier accepts', () => {
  // Zapier's schema (FieldChoicesSchema) wants at least one choice: an empty list makes the field invalid.
  const PlainInputFieldSchema = require('zapier-platform-schema/lib/schemas/PlainInputFieldSchema') as { validate: (f: unknown) => { errors: unknown[] } };

  it('offers a select or status without live options as a text field, never with an empty choice list', async () => {
    attio()
      .get('/v2/objects/projects/attributes')
      .reply(200, {
        data: [
          attribute('segment', 'select', { title: 'Segment' }),
          attribute('labels', 'select', { title: 'Labels', is_multiselect: true }),
          attribute('phase', 'status', { title: 'Phase' }),
        ],
      });
    parallelReplies({
      '/v2/objects/projects/attributes/segment/options': [],
      '/v2/objects/projects/attributes/labels/options': options([], ['Old']),
      '/v2/objects/projects/attributes/phase/statuses': [],
    });
    const fields = await run((z) => attributeFields(z, 'objects', 'projects'), true);
    expect(fields.map((f) => [f.key, f.choices, f.list])).toEqual([
      ['values__segment', undefined, undefined],
      ['values__labels', undefined, true],
      ['values__phase', undefined, undefined],
    ]);
    for (const f of fields) expect([f.key, PlainInputFieldSchema.validate(f).errors]).toEqual([f.key, []]);
    expect(fields[0]?.helpText).toMatch(/no options in Attio yet/);
  });
});

describe('lib/fields: help text', () => {
  it("ends the workspace's own description with a full stop before the type's hint", async () => {
    attio()
      .get('/v2/objects/projects/attributes')
      .reply(200, {
        data: [
          attribute('kickoff', 'date', { title: 'Kickoff', description: '  first meeting with the client ' }),
          attribute('site', 'domain', { title: 'Site', description: 'Where they sell?' }),
        ],
      });
    const fields = await run((z) => attributeFields(z, 'objects', 'projects'), true);
    expect(fields.map((f) => f.helpText)).toEqual(['first meeting with the client. A date, like 2025-01-15.', 'Where they sell? A domain, like acme.com.']);
  });
});

describe('lib/fields: changedToFields', () => {
  it('offers no Changed To field for a watched select without live options (an empty choice list is not a field)', async () => {
    attio().get('/v2/objects/deals/attributes').reply(200, { data: [attribute('segment', 'select', { title: 'Segment' })] });
    attio().get('/v2/objects/deals/attributes/segment/options').reply(200, { data: options([], ['Old']) });
    const bundle = makeBundle({ inputData: { object: 'deals', attributes: ['segment'] } });
    const fields = await appTester((z: ZObject, b: Bundle) => changedToFields('objects')(z, b), bundle, true);
    expect(fields).toEqual([]);
  });
});

describe('lib/fields: labels beside static fields', () => {
  it("labels an attribute titled like one of the step's own fields apart, in the form and in its errors", async () => {
    const attributes = [
      attribute('phone', 'number', { title: 'Phone' }), // a custom attribute beside Create or Update Person's own Phone
      attribute('company_domain', 'text', { title: 'company domain ' }),
      attribute('mobile', 'phone-number', { title: 'Mobile' }),
    ];
    attio().get('/v2/objects/people/attributes').reply(200, { data: attributes });
    const fields = (await appTester(createPerson.operation.inputFields as never, makeBundle(), true)) as Array<{ key: string; label: string }>;
    expect(fields.filter((f) => f.key.startsWith('values__')).map((f) => f.label)).toEqual([
      'Phone (Attio Attribute)',
      'company domain (Attio Attribute)',
      'Mobile',
    ]);
    const labels = fields.map((f) => f.label);
    expect(new Set(labels).size).toBe(labels.length);

    const err = await failure(() => appTester(createPerson.operation.perform as never, makeBundle({ inputData: { email: 'ada@example.com', values__phone: 'many' } })));
    expect(err.message).toMatch(/^Phone \(Attio Attribute\) "many" is not a number/);
  });
});

import { flattenRecord, flattenValues, isoTimestamp } from '../../src/values/read';
import companySample from '../../src/samples/company.json';
import personSample from '../../src/samples/person.json';
import { attribute, COMPANY_ID, companyRecord, personRecord, value } from '../fixtures/people_companies';
import { MEMBER_ID, PROJECT_ID, projectAttributes, record, text } from '../fixtures/records';
import { attributeOutputFields, recordOutputFields, personOutputFields, companyOutputFields } from '../../src/zapier/outputs';

describe('lib/records: flattenValues, per attribute type', () => {
  it('personal-name → name, first_name, last_name (prefixed for other name attributes)', () => {
    expect(
      flattenValues({
        name: [value('personal-name', { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' })],
        assistant: [value('personal-name', { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' })],
      }),
    ).toEqual({
      name: 'Ada Lovelace',
      first_name: 'Ada',
      last_name: 'Lovelace',
      assistant: 'Grace Hopper',
      assistant_first_name: 'Grace',
      assistant_last_name: 'Hopper',
    });
  });

  it('email addresses, domains and phone numbers → a list plus the first as a single key', () => {
    expect(
      flattenValues({
        email_addresses: [value('email-address', { email_address: 'ada@example.com' }), value('email-address', { email_address: 'ada@work.com' })],
        domains: [value('domain', { domain: 'acme.com', root_domain: 'acme.com' })],
        phone_numbers: [],
      }),
    ).toEqual({
      email_addresses: ['ada@example.com', 'ada@work.com'],
      email: 'ada@example.com',
      domains: ['acme.com'],
      domain: 'acme.com',
      phone_numbers: [],
      phone: null,
    });
  });

  it('select and status → titles, their ids side by side; multiselect → lists of both', () => {
    expect(
      flattenValues({
        size: [value('select', { option: { id: { option_id: 'o1' }, title: 'Medium', is_archived: false } })],
        tags: [value('select', { option: { id: { option_id: 'o2' }, title: 'VIP' } }), value('select', { option: { title: 'Partner' } })],
        stage: [value('status', { status: { id: { status_id: 's1' }, title: 'Won', is_archived: false } })],
      }),
    ).toEqual({
      size: 'Medium',
      size_option_id: 'o1',
      tags: ['VIP', 'Partner'],
      tags_option_id: ['o2', null],
      stage: 'Won',
      stage_status_id: 's1',
    });
  });

  it('phone numbers keep their country; interactions their type and owner; actor references their type', () => {
    expect(
      flattenValues({
        phone_numbers: [value('phone-number', { original_phone_number: '020 7946 0958', country_code: 'GB', phone_number: '+442079460958' })],
        hotline: [value('phone-number', { original_phone_number: '+1 415 555 0100', country_code: 'US', phone_number: '+14155550100' })],
        last_email_interaction: [
          value('interaction', {
            interaction_type: 'email',
            interacted_at: '2025-03-01T09:00:00.000000000Z',
            owner_actor: { type: 'workspace-member', id: 'm1' },
          }),
        ],
        owners: [
          value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: 'm1' }),
          value('actor-reference', { referenced_actor_type: 'api-token', referenced_actor_id: 't1' }),
        ],
      }),
    ).toEqual({
      phone_numbers: ['+442079460958'],
      phone: '+442079460958',
      phone_country_code: 'GB',
      hotline: '+14155550100',
      hotline_country_code: 'US',
      last_email_interaction: '2025-03-01T09:00:00.000+00:00',
      last_email_interaction_type: 'email',
      last_email_interaction_owner_id: 'm1',
      last_email_interaction_owner_type: 'workspace-member',
      owners: ['m1', 't1'],
      owners_type: ['workspace-member', 'api-token'],
    });
  });

  it('record reference → target object and record id', () => {
    expect(flattenValues({ company: [value('record-reference', { target_object: 'companies', target_record_id: 'c1' })] })).toEqual({
      company: { target_object: 'companies', target_record_id: 'c1' },
    });
  });

  it('currency → amount and code', () => {
    expect(flattenValues({ arr: [value('currency', { currency_value: 1250.5, currency_code: 'EUR' })] })).toEqual({
      arr: 1250.5,
      arr_currency_code: 'EUR',
    });
  });

  it('location → one line plus parts', () => {
    const loc = {
      line_1: '1 Infinite Loop', line_2: null, line_3: null, line_4: null,
      locality: 'Cupertino', region: 'CA', postcode: '95014', country_code: 'US', latitude: '37.331', longitude: '-122.030',
    };
    expect(flattenValues({ primary_location: [value('location', loc)] })).toEqual({
      primary_location: '1 Infinite Loop, Cupertino, CA, 95014, US',
      primary_location_parts: loc,
    });
  });

  it('actor reference → member id; timestamps → ISO 8601 with offset; scalars as they are', () => {
    expect(
      flattenValues({
        created_by: [value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: 'm1' })],
        created_at: [value('timestamp', { value: '2025-01-15T10:30:00.123456789Z' })],
        renewal: [value('date', { value: '2025-06-30' })],
        score: [value('number', { value: 87 })],
        newsletter: [value('checkbox', { value: false })],
        empty: [],
      }),
    ).toEqual({
      created_by: 'm1',
      created_by_type: 'workspace-member',
      created_at: '2025-01-15T10:30:00.123+00:00',
      renewal: '2025-06-30',
      score: 87,
      newsletter: false,
      empty: null,
    });
  });

  it('leaves out historic values (active_until set)', () => {
    expect(
      flattenValues({ job_title: [value('text', { value: 'Engineer', active_until: '2024-01-01T00:00:00.000000000Z' }), value('text', { value: 'CTO' })] }),
    ).toEqual({ job_title: 'CTO' });
  });
});

describe('lib/records: flattenRecord', () => {
  it('a person gives exactly src/samples/person.json (the static sample is real output)', () => {
    expect(flattenRecord(personRecord(), 'people')).toEqual(personSample);
  });

  it('a company gives exactly src/samples/company.json', () => {
    expect(flattenRecord(companyRecord(), 'companies')).toEqual(companySample);
  });

  it('an attribute can never shadow the fixed keys', () => {
    const record = personRecord({ id: [value('text', { value: 'shadow' })], web_url: [value('text', { value: 'x' })] });
    expect(flattenRecord(record, 'people')).toMatchObject({ id: record.id.record_id, web_url: record.web_url });
  });

  it('isoTimestamp trims nanoseconds and writes the offset', () => {
    expect(isoTimestamp('2022-11-21T13:22:49.061281000Z')).toBe('2022-11-21T13:22:49.061+00:00');
  });

  it.each([
    ['person', personSample, personOutputFields],
    ['company', companySample, companyOutputFields],
  ])('%s outputFields describe every sample key (nested keys with __)', (_name, sample, outputFields) => {
    const flatKeys = Object.entries(sample).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((sub) => `${k}__${sub}`) : [k],
    );
    expect(outputFields.map((f) => f.key).sort()).toEqual(flatKeys.sort());
  });
});

describe('lib/records: attributeOutputFields labels every key flattenRecord gives', () => {
  /** Zapier's view of an output: nested objects become `parent__child` keys. */
  function zapierKeys(item: Record<string, unknown>, prefix = ''): string[] {
    return Object.entries(item).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? zapierKeys(v as Record<string, unknown>, `${prefix}${k}__`) : [`${prefix}${k}`],
    );
  }

  it('for a record holding one value of every attribute type of a custom object', () => {
    const attributes = [
      ...projectAttributes(),
      attribute('contact_name', 'personal-name', { title: 'Contact name' }),
      attribute('site_address', 'location', { title: 'Site address' }),
      attribute('emails', 'email-address', { is_multiselect: true, title: 'Emails' }),
    ];
    const flat = flattenRecord(
      record('projects', PROJECT_ID, {
        name: [text('Acme onboarding')],
        project_code: [text('ACME-1')],
        status: [value('status', { status: { title: 'Active' } })],
        priority: [value('select', { option: { title: 'High' } })],
        tags: [value('select', { option: { title: 'Urgent' } })],
        company: [value('record-reference', { target_object: 'companies', target_record_id: COMPANY_ID })],
        owner: [value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: MEMBER_ID })],
        budget: [value('currency', { currency_value: 5000, currency_code: 'EUR' })],
        due_date: [value('date', { value: '2025-03-01' })],
        kickoff_at: [value('timestamp', { value: '2025-02-01T09:00:00.000000000Z' })],
        is_billable: [value('checkbox', { value: true })],
        health: [value('rating', { value: 4 })],
        hours_estimate: [value('number', { value: 12 })],
        contact_email: [value('email-address', { email_address: 'ops@acme.com' })],
        site: [value('domain', { domain: 'acme.com' })],
        hotline: [value('phone-number', { phone_number: '+442079460958', original_phone_number: '+44 20 7946 0958' })],
        contact_name: [value('personal-name', { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' })],
        site_address: [value('location', { line_1: '1 Market St', locality: 'San Francisco', country_code: 'US' })],
        emails: [value('email-address', { email_address: 'a@acme.com' })],
      }),
      'projects',
    );
    const labelled = new Set([...recordOutputFields(), ...attributeOutputFields(attributes)].map((f) => f.key));
    expect(zapierKeys(flat).filter((k) => !labelled.has(k))).toEqual([]);
    expect(attributeOutputFields(attributes).map((f) => f.key)).not.toContain('created_at');
  });
});

describe('values/read: attribute slugs that are inherited object keys', () => {
  it('flattens attributes called constructor or toString like any other', () => {
    const flat = flattenValues({ constructor: [text('Ada')], toString: [text('x'), text('y')] } as never);
    expect(flat).toEqual({ constructor: 'Ada', toString: ['x', 'y'] });
  });
});

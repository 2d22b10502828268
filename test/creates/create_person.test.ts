import type { DataMatcherMap } from 'nock';
import createPerson, { perform } from '../../src/creates/create_person';
import { attributeFields } from '../../src/zapier/fields/dynamic';
import personSample from '../../src/samples/person.json';
import type { ZObject } from 'zapier-platform-core';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { COMPANY_ID, companyRecord, failure, options, peopleAttributes, personRecord } from '../fixtures/people_companies';

const PEOPLE = '/v2/objects/people/records';
const COMPANIES = '/v2/objects/companies/records';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));

function assertPerson(values: DataMatcherMap, reply = personRecord()) {
  return attio().put(PEOPLE, { data: { values } }).query({ matching_attribute: 'email_addresses' }).reply(200, { data: reply });
}

const run = (inputData: Record<string, unknown>, freshCache = true) => appTester(perform, makeBundle({ inputData }), freshCache);

describe('creates.create_person', () => {
  it('asserts the person by normalised email in one request and returns the flattened record', async () => {
    assertPerson({ email_addresses: [{ email_address: 'ada@example.com' }] });
    const result = await run({ email: 'Ada@Example.com ' });
    expect(result).toEqual(personSample);
    expect(attioRequests()).toHaveLength(1);
  });

  it('is idempotent: "Ada@Example.com " and "ada@example.com" send the same assert', async () => {
    const values = { email_addresses: [{ email_address: 'ada@example.com' }], job_title: [{ value: 'Engineer' }] };
    assertPerson(values);
    assertPerson(values);
    const first = await run({ email: 'Ada@Example.com ', job_title: 'Engineer' });
    const second = await run({ email: 'ada@example.com', job_title: 'Engineer' });
    const [a, b] = attioRequests();
    expect(a && b && [a.method, a.url, a.body]).toEqual(b && [b.method, b.url, b.body]);
    expect(first).toEqual(second);
  });

  it('sends every mapped static field in the format Attio expects, names with all three parts', async () => {
    assertPerson({
      email_addresses: [{ email_address: 'ada@example.com' }],
      name: [{ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }],
      job_title: [{ value: 'Head of Engineering' }],
      phone_numbers: [{ original_phone_number: '+44 20 7946 0958' }],
      description: [{ value: 'Met at the London analytics meetup.' }],
    });
    await run({
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: ' Lovelace',
      job_title: 'Head of Engineering ',
      phone: '+44 20 7946 0958',
      description: 'Met at the London analytics meetup.',
    });
  });

  it('writes a name from the first name alone as first, empty last, and full name', async () => {
    assertPerson({
      email_addresses: [{ email_address: 'ada@example.com' }],
      name: [{ first_name: 'Ada', last_name: '', full_name: 'Ada' }],
    });
    await run({ email: 'ada@example.com', first_name: 'Ada' });
  });

  it('never sends an unmapped field, not even as empty (assert would clear it)', async () => {
    assertPerson({ email_addresses: [{ email_address: 'ada@example.com' }] });
    await run({ email: 'ada@example.com', first_name: '', last_name: '', phone: '', company_domain: '', values__interests: [], allow_free_email_domains: 'false' });
    expect(attioRequests()).toHaveLength(1);
  });

  it('company_domain: asserts the company by domain first, then links the person to it (2 requests)', async () => {
    const company = attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(200, { data: companyRecord() });
    assertPerson({
      email_addresses: [{ email_address: 'ada@example.com' }],
      company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
    });
    const result = await run({ email: 'ada@example.com', company_domain: 'https://www.Acme.com/pricing?x=1' });
    expect(company.isDone()).toBe(true);
    expect(attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT ${COMPANIES}`, `PUT ${PEOPLE}`]);
    expect(result).toMatchObject({ company: { target_object: 'companies', target_record_id: COMPANY_ID } });
  });

  it('company_domain at a free email provider: saves the person without creating a "Gmail" company', async () => {
    assertPerson({ email_addresses: [{ email_address: 'ada@gmail.com' }] });
    await run({ email: 'ada@gmail.com', company_domain: 'ada@gmail.com' });
    expect(attioRequests()).toHaveLength(1);
  });

  it('company_domain at a free email provider links it when Allow Free Email Domains is on', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'gmail.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(200, { data: companyRecord() });
    assertPerson({
      email_addresses: [{ email_address: 'ada@gmail.com' }],
      company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
    });
    await run({ email: 'ada@gmail.com', company_domain: 'gmail.com', allow_free_email_domains: true });
  });

  it('custom attribute fields: formatted from the metadata cached at field load, still one request', async () => {
    attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
    attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) });
    attio().get('/v2/objects/people/attributes/interests/options').reply(200, { data: options(['Analytics', 'Engines']) });
    await appTester((z: ZObject) => attributeFields(z, 'objects', 'people'), makeBundle(), true);
    const loaded = attioRequests().length;

    assertPerson({
      lead_score: [{ value: 87 }],
      lead_source: [{ option: 'Referral' }],
      interests: [{ option: 'Analytics' }, { option: 'Engines' }],
      primary_location: ['1 Infinite Loop, Cupertino, CA, 95014, US'],
      email_addresses: [{ email_address: 'ada@example.com' }],
    });
    await run(
      {
        email: 'ada@example.com',
        values__lead_score: '87',
        values__lead_source: 'referral',
        values__interests: ['Analytics', 'Engines'],
        values__primary_location: '1 Infinite Loop, Cupertino, CA, 95014, US',
      },
      false,
    );
    expect(attioRequests().length - loaded).toBe(1);
  });

  it('custom attribute fields on a cold cache: one attributes lookup, then the assert', async () => {
    attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
    assertPerson({ newsletter: [{ value: true }], email_addresses: [{ email_address: 'ada@example.com' }] });
    await run({ email: 'ada@example.com', values__newsletter: 'yes' });
    expect(attioRequests().map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('surfaces an Attio validation error with the field the user mapped', async () => {
    attio()
      .put(PEOPLE, { data: { values: { email_addresses: [{ email_address: 'ada@example.com' }], phone_numbers: [{ original_phone_number: '+1 5550000' }] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'invalid_type', path: ['data', 'values', 'phone_numbers', 0, 'original_phone_number'], message: 'Invalid phone number' }],
      });
    const err = await failure(() => run({ email: 'ada@example.com', phone: '+1 5550000' }));
    expect(err.message).toBe(
      'Attio rejected the data sent to create or update the person ada@example.com. Phone (phone_numbers) → original_phone_number: Invalid phone number. Fix the mapped value and try again.',
    );
  });

  it('surfaces a failed company assert and does not write the person', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    const err = await failure(() => run({ email: 'ada@example.com', company_domain: 'acme.com' }));
    expect(err.message).toMatch(/^Attio did not allow this connection to create or update the company acme\.com\. It needs the "record_permission:read-write" permission\./);
    expect(attioRequests()).toHaveLength(1);
  });

  it('a person Attio refuses after the company was written: the message says the company was written, the person not', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(200, { data: companyRecord() });
    attio()
      .put(PEOPLE, {
        data: {
          values: {
            email_addresses: [{ email_address: 'ada@example.com' }],
            phone_numbers: [{ original_phone_number: '+1 5550000' }],
            company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
          },
        },
      })
      .query({ matching_attribute: 'email_addresses' })
      .reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'invalid_type', path: ['data', 'values', 'phone_numbers', 0, 'original_phone_number'], message: 'Invalid phone number' }],
      });
    const err = await failure(() => run({ email: 'ada@example.com', phone: '+1 5550000', company_domain: 'acme.com' }));
    expect(err).toEqual({
      name: 'AppError',
      code: 'validation_type',
      message:
        'The company acme.com was created or updated, but the person ada@example.com was not: Attio rejected the data sent to create or update the person ada@example.com. Phone (phone_numbers) → original_phone_number: Invalid phone number. Fix the mapped value and try again.',
    });
  });

  it('a rate limit on the person after the company passes unchanged (Zapier reruns the step; the company assert is the same)', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(200, { data: companyRecord() });
    attio()
      .put(PEOPLE, { data: { values: { email_addresses: [{ email_address: 'ada@example.com' }], company: [{ target_object: 'companies', target_record_id: COMPANY_ID }] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), { 'Retry-After': '60' });
    await expect(run({ email: 'ada@example.com', company_domain: 'acme.com' })).rejects.toMatchObject({ name: 'ThrottledError' });
  });

  it.each([
    [{ email: 'ada at example.com' }, 'Email "ada at example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
    [{ email: 'ada@example.com', company_domain: 'acme' }, expect.stringMatching(/^Company Domain "acme" is not a domain\./)],
    [{ email: 'ada@example.com', phone: '020 7946 0958' }, 'Phone "020 7946 0958" has no country code. Write it in international format (like +44 20 7946 0958), or fill in Phone Country (like GB) for numbers mapped without one.'],
    [{ email: 'ada@example.com', phone: '020 7946 0958', phone_country: 'UK' }, expect.stringMatching(/^Phone "020 7946 0958" has no country code, and Phone Country "UK" is not a country\./)],
    [{ email: 'ada@example.com', phone: '12' }, expect.stringMatching(/^Phone "12" cannot be a phone number/)],
    [{ email: 'ada@example.com', first_name: true }, 'First Name "true" is a yes/no value, not text. Map the field that holds it.'],
    [{ email: 'ada@example.com', job_title: { a: 1 } }, 'Job Title "{"a":1}" is a group of fields, not one value. Map one field of it.'],
    [{ email: ['ada@example.com', 'grace@example.com'] }, 'Email "["ada@example.com","grace@example.com"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).'],
    [{ email: 'ada@example.com', company_domain: 'acme.com', values__newsletter: 'perhaps' }, expect.stringMatching(/^Newsletter "perhaps" is not true or false\./)],
  ])('invalid input %j: a message naming the field and value, and no write', async (inputData, message) => {
    if ('values__newsletter' in inputData) attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
    const err = await failure(() => run(inputData));
    expect(err).toEqual({ name: 'AppError', message, code: 'invalid_input' });
    expect(attioRequests().filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('is registered as "Create or Update Person" with the person sample', () => {
    expect(createPerson.key).toBe('create_person');
    expect(createPerson.display.label).toBe('Create or Update Person');
    expect(createPerson.operation.sample).toEqual(personSample);
  });
});

import type { DataMatcherMap } from 'nock';
import createCompany, { perform } from '../../src/creates/create_company';
import companySample from '../../src/samples/company.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, companyRecord, failure, options } from '../fixtures/people_companies';

const COMPANIES = '/v2/objects/companies/records';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData }), true);

function assertCompany(values: DataMatcherMap) {
  return attio().put(COMPANIES, { data: { values } }).query({ matching_attribute: 'domains' }).reply(200, { data: companyRecord() });
}

describe('creates.create_company', () => {
  it('asserts the company by normalised domain in one request and returns the flattened record', async () => {
    assertCompany({
      domains: [{ domain: 'acme.com' }],
      name: [{ value: 'Acme' }],
      description: [{ value: 'Makes anvils and rocket skates.' }],
    });
    const result = await run({ domain: 'https://www.Acme.com/pricing?x=1', name: ' Acme ', description: 'Makes anvils and rocket skates.' });
    expect(result).toEqual(companySample);
    expect(attioRequests()).toHaveLength(1);
  });

  it.each(['https://www.Acme.com/pricing?x=1', 'Acme.com', 'billing@acme.com'])('%j sends the same assert as acme.com', async (domain) => {
    assertCompany({ domains: [{ domain: 'acme.com' }] });
    await run({ domain });
  });

  it('reduces a subdomain to the registrable domain (Public Suffix List), so mail.acme.co.uk is acme.co.uk', async () => {
    assertCompany({ domains: [{ domain: 'acme.co.uk' }] });
    await run({ domain: 'https://mail.acme.co.uk/login' });
  });

  it('keeps subdomains other than www when Keep Subdomains is on', async () => {
    assertCompany({ domains: [{ domain: 'app.acme.com' }] });
    await run({ domain: 'https://www.app.acme.com/login', keep_subdomains: 'true' });
  });

  it('stops with a HaltedError for a free email domain, sending nothing', async () => {
    const err = await failure(() => run({ domain: 'jane.doe@Gmail.com' }));
    expect(err).toEqual({
      name: 'HaltedError',
      message:
        'Domain "jane.doe@Gmail.com" is a free email provider (gmail.com), not a company, so no company was created or updated. Map the company\'s own website or domain, or set "Allow Free Email Domains" to true.',
    });
    expect(attioRequests()).toHaveLength(0);
  });

  it('creates it anyway when Allow Free Email Domains is on', async () => {
    assertCompany({ domains: [{ domain: 'outlook.com' }] });
    await run({ domain: 'outlook.com', allow_free_email_domains: 'true' });
  });

  it('formats mapped custom attributes (cold cache: one attributes lookup and the options of mapped selects)', async () => {
    attio()
      .get('/v2/objects/companies/attributes')
      .reply(200, {
        data: [
          attribute('domains', 'domain', { is_multiselect: true, is_unique: true }),
          attribute('categories', 'select', { is_multiselect: true }),
          attribute('estimated_arr', 'currency'),
          attribute('founded', 'date'),
        ],
      });
    attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B', 'Hardware']) });
    assertCompany({
      categories: [{ option: 'SaaS' }, { option: 'B2B' }],
      estimated_arr: [{ currency_value: 1250000 }],
      founded: [{ value: '2015-03-01' }],
      domains: [{ domain: 'acme.com' }],
    });
    await run({ domain: 'acme.com', values__categories: ['saas', 'B2B'], values__estimated_arr: 1250000, values__founded: '2015-03-01' });
  });

  it('surfaces an Attio error as an actionable message', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(400, attioErrorBody(400, 'value_not_found', 'No attribute was found for matching_attribute slug/ID "domains".'));
    const err = await failure(() => run({ domain: 'acme.com' }));
    expect(err.message).toBe(
      'Attio could not create or update the company acme.com. Attio said: No attribute was found for matching_attribute slug/ID "domains". Check that the value you mapped exists in Attio (an option title, attribute or record).',
    );
  });

  it.each(['acme', 'https://', ''])('invalid domain %j: names the field and value, sends nothing', async (domain) => {
    const err = await failure(() => run({ domain }));
    expect(err).toEqual({ name: 'AppError', message: expect.stringContaining(`Domain "${domain}" is not a domain.`), code: 'invalid_input' });
    expect(attioRequests()).toHaveLength(0);
  });

  it('is registered as "Create or Update Company" with the company sample', () => {
    expect(createCompany.key).toBe('create_company');
    expect(createCompany.display.label).toBe('Create or Update Company');
    expect(createCompany.operation.sample).toEqual(companySample);
  });
});

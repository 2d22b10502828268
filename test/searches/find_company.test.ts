import App from '../../src/index';
import { perform as createCompany } from '../../src/creates/create_company';
import findCompany, { perform } from '../../src/searches/find_company';
import companySample from '../../src/samples/company.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { companyRecord, failure } from '../fixtures/people_companies';

const QUERY = '/v2/objects/companies/records/query';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const find = (domain: unknown) => appTester(perform, makeBundle({ inputData: { domain } }));

function query(domain: string, records: unknown[]) {
  return attio().post(QUERY, { filter: { domains: domain }, limit: 1 }).reply(200, { data: records });
}

describe('searches.find_company', () => {
  it.each(['https://www.Acme.com/pricing?x=1', 'Acme.com', 'ada@acme.com'])('%j queries for acme.com and returns the company', async (domain) => {
    query('acme.com', [companyRecord()]);
    expect(await find(domain)).toEqual([companySample]);
    expect(attioRequests()).toHaveLength(1);
  });

  it('returns [] when no company has the domain (never an error)', async () => {
    query('unknown.example', []);
    expect(await find('unknown.example')).toEqual([]);
  });

  it('find-or-create: a miss then the create (2 requests), then a hit (1 request)', async () => {
    query('acme.com', []);
    attio()
      .put('/v2/objects/companies/records', { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(200, { data: companyRecord() });
    expect(await find('https://www.acme.com')).toEqual([]);
    expect(await appTester(createCompany, makeBundle({ inputData: { domain: 'https://www.acme.com' } }))).toEqual(companySample);
    expect(attioRequests()).toHaveLength(2);

    query('acme.com', [companyRecord()]);
    expect(await find('acme.com')).toEqual([companySample]);
    expect(attioRequests()).toHaveLength(3);
  });

  it('is paired with create_company as "Find or Create Company"', () => {
    expect(App.searchOrCreates?.find_company).toMatchObject({
      key: 'find_company',
      display: { label: 'Find or Create Company' },
      search: 'find_company',
      create: 'create_company',
    });
    expect(findCompany.operation.sample).toEqual(companySample);
  });

  it('surfaces an Attio error as an actionable message', async () => {
    attio().post(QUERY, { filter: { domains: 'acme.com' }, limit: 1 }).reply(400, attioErrorBody(400, 'filter_error', 'Invalid filter.'));
    const err = await failure(() => find('acme.com'));
    expect(err.message).toBe('Attio could not find the company with domain acme.com. Attio said: Invalid filter. Check the values used to search.');
  });

  it('rejects an invalid domain by name and value without a request', async () => {
    const err = await failure(() => find('not a domain'));
    expect(err).toEqual({
      name: 'AppError',
      message: expect.stringMatching(/^Domain "not a domain" is not a domain\./),
      code: 'invalid_input',
    });
    expect(attioRequests()).toHaveLength(0);
  });
});

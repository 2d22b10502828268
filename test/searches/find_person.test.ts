import App from '../../src/index';
import { perform as createPerson } from '../../src/creates/create_person';
import findPerson, { perform } from '../../src/searches/find_person';
import personSample from '../../src/samples/person.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { failure, personRecord } from '../fixtures/people_companies';

const QUERY = '/v2/objects/people/records/query';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const find = (email: unknown) => appTester(perform, makeBundle({ inputData: { email } }));

function query(email: string, records: unknown[]) {
  return attio().post(QUERY, { filter: { email_addresses: email }, limit: 1 }).reply(200, { data: records });
}

describe('searches.find_person', () => {
  it('queries by the normalised email with a limit and returns the flattened person', async () => {
    query('ada@example.com', [personRecord()]);
    expect(await find(' Ada@Example.com')).toEqual([personSample]);
    expect(attioRequests()).toHaveLength(1);
  });

  it('returns [] when nobody has the address (never an error)', async () => {
    query('nobody@example.com', []);
    expect(await find('nobody@example.com')).toEqual([]);
  });

  it('find-or-create: a miss then the create (2 requests), then a hit (1 request)', async () => {
    query('ada@example.com', []);
    attio()
      .put('/v2/objects/people/records', { data: { values: { email_addresses: [{ email_address: 'ada@example.com' }] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(200, { data: personRecord() });
    expect(await find('Ada@Example.com')).toEqual([]);
    // Zapier runs the create with the same input when the search finds nothing.
    expect(await appTester(createPerson, makeBundle({ inputData: { email: 'Ada@Example.com' } }))).toEqual(personSample);
    expect(attioRequests()).toHaveLength(2);

    query('ada@example.com', [personRecord()]);
    expect(await find('ada@example.com')).toEqual([personSample]);
    expect(attioRequests()).toHaveLength(3);
  });

  it.each([
    ['a quoted display name with a comma in it', '"Lovelace, Ada" <Ada@Example.com>'],
    ['a full-width local part (typed with a Japanese IME)', 'ａｄａ@example.com'],
  ])('find-or-create with %s: the search and the create send the same address', async (_what, email) => {
    query('ada@example.com', []);
    attio()
      .put('/v2/objects/people/records', { data: { values: { email_addresses: [{ email_address: 'ada@example.com' }] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(200, { data: personRecord() });
    expect(await find(email)).toEqual([]);
    expect(await appTester(createPerson, makeBundle({ inputData: { email } }))).toEqual(personSample);
    expect(attioRequests()).toHaveLength(2);
  });

  it('is paired with create_person as "Find or Create Person"', () => {
    expect(App.searchOrCreates?.find_person).toMatchObject({
      key: 'find_person',
      display: { label: 'Find or Create Person' },
      search: 'find_person',
      create: 'create_person',
    });
    expect(findPerson.operation.sample).toEqual(personSample);
  });

  it('surfaces an Attio error as an actionable message', async () => {
    attio().post(QUERY, { filter: { email_addresses: 'ada@example.com' }, limit: 1 }).reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    const err = await failure(() => find('ada@example.com'));
    expect(err.message).toMatch(
      /^Attio did not allow this connection to find the person with email ada@example\.com\. It needs the "record_permission:read" permission\./,
    );
  });

  it('rejects an invalid email by name and value without a request', async () => {
    const err = await failure(() => find('ada(at)example.com'));
    expect(err).toEqual({
      name: 'AppError',
      message: 'Email "ada(at)example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.',
      code: 'invalid_input',
    });
    expect(attioRequests()).toHaveLength(0);
  });
});

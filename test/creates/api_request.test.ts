import { perform } from '../../src/creates/api_request';
import { apiPathInput } from '../../src/values/api';
import { useVirtualClock } from '../helpers/clock';
import { appTester, attio, attioErrorBody, makeBundle, TOKEN } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { failure, PERSON_ID, personRecord } from '../fixtures/people_companies';

const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData }) as never);

const time = useVirtualClock();

describe('creates.api_request', () => {
  it('sends the method, path, query and JSON body to Attio with the token, and returns status, headers and parsed JSON', async () => {
    const body = { filter: { email_addresses: 'ada@example.com' }, limit: 1 };
    attio()
      .post('/v2/objects/people/records/query', body)
      .reply(200, { data: [personRecord()] }, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'req-1', 'Set-Cookie': 'session=secret' });

    const result = (await run({ method: 'post', path: '/v2/objects/people/records/query', body: JSON.stringify(body) })) as {
      status: number;
      headers: Record<string, string>;
      body: { data: Array<{ id: { record_id: string } }> };
    };

    expect(result.status).toBe(200);
    expect(result.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1' });
    expect(result.body.data[0]?.id.record_id).toBe(PERSON_ID);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(sentRequests()).toHaveLength(1);
  });

  it('sends the query parameters as given', async () => {
    attio().get('/v2/tasks').query({ limit: '1', is_completed: 'false' }).reply(200, { data: [] });
    expect(await run({ method: 'GET', path: '/v2/tasks', query: { limit: 1, is_completed: 'false' } })).toMatchObject({ status: 200, body: { data: [] } });
  });

  it('a replay sends the same request and returns the same output', async () => {
    attio().get(`/v2/objects/people/records/${PERSON_ID}`).times(2).reply(200, { data: personRecord() });
    const first = await run({ method: 'GET', path: `/v2/objects/people/records/${PERSON_ID}` });
    const second = await run({ method: 'get', path: ` /v2/objects/people/records/${PERSON_ID} ` });
    expect(second).toEqual(first);
    expect(sentRequests().map((r) => r.url)).toEqual([0, 1].map(() => `https://api.attio.com/v2/objects/people/records/${PERSON_ID}`));
  });

  it('a DELETE answered with an empty object returns it', async () => {
    attio().delete(`/v2/objects/people/records/${PERSON_ID}`).reply(200, {});
    expect(await run({ method: 'DELETE', path: `/v2/objects/people/records/${PERSON_ID}` })).toMatchObject({ status: 200, body: {} });
  });

  it("maps Attio's errors as every step does: a 404 names what to check", async () => {
    attio().get('/v2/objects/nope').reply(404, attioErrorBody(404, 'not_found', 'Object with slug/ID "nope" not found.'));
    const err = await failure(() => run({ method: 'GET', path: '/v2/objects/nope' }));
    expect(err.message).toMatch(/Attio could not find what was needed to send GET \/v2\/objects\/nope.*Object with slug\/ID "nope" not found/);
  });

  it('backs off on 429 through the shared request layer, then returns the answer', async () => {
    attio().get('/v2/self').reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Slow down'), { 'Retry-After': '1' });
    attio().get('/v2/self').reply(200, { active: true });
    expect(await run({ method: 'GET', path: '/v2/self' })).toMatchObject({ status: 200, body: { active: true } });
    expect(time.waits).toEqual([1000]);
  });

  it('never retries a plain POST after a server error (it may have been written)', async () => {
    const note = { data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Call', format: 'plaintext', content: 'Notes' } };
    attio().post('/v2/notes', note).reply(502, 'Bad gateway');
    const err = await failure(() => run({ method: 'POST', path: '/v2/notes', body: note }));
    expect(err.message).toMatch(/may or may not have happened/);
    expect(sentRequests()).toHaveLength(1);
  });

  it('does not resend a PATCH after a 502 (it may append to a multiselect twice): the write may or may not have happened', async () => {
    const id = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
    const body = { data: { values: { tags: ['VIP'] } } };
    attio().patch(`/v2/objects/deals/records/${id}`, body).reply(502, 'Bad Gateway');
    await expect(run({ method: 'PATCH', path: `/v2/objects/deals/records/${id}`, body: JSON.stringify(body) })).rejects.toThrow(/may or may not have happened/);
    expect(sentRequests().filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  describe('refuses before any request', () => {
    it.each([
      ['an absolute URL', 'https://evil.example/v2/objects', /Path .* is a full URL/],
      ['an absolute URL to Attio', 'https://api.attio.com/v2/objects', /is a full URL/],
      ['a protocol-relative URL', '//evil.example/v2/objects', /is a full URL/],
      ['a scheme without slashes', 'javascript:alert(1)', /is a full URL/],
      ['..', '/v2/../v1/objects', /"\." or "\.\." segments/],
      ['encoded ..', '/v2/%2e%2e/oauth/token', /"\." or "\.\." segments/],
      ['double-encoded ..', '/v2/%252E%252E/oauth', /"\." or "\.\." segments/],
      // Decoding stopped after three rounds: a fourth encoding of .. went through as it was.
      ['.. encoded four times', '/v2/objects/%2525252e%2525252e/oauth', /is encoded more than/],
      ['a backslash', '/v2/objects\\..\\x', /backslash/],
      ['an encoded backslash', '/v2/objects%5c..', /encoded backslash/],
      ['a path outside /v2/', '/v1/objects', /not a path under \/v2\//],
      ['/v2 alone', '/v2/', /not a path under \/v2\//],
      ['a path without a slash', 'objects/people', /not a path under \/v2\//],
      ['an empty segment', '/v2//objects', /not a path under \/v2\//],
      ['a query string', '/v2/objects?limit=1', /Query Parameters field/],
      ['a space', '/v2/objects/my object', /percent-encode/],
      ['a bad escape', '/v2/objects/%zz', /malformed percent escape/],
      ['an empty path', '  ', /Path "" is empty|is empty/],
    ])('%s', async (_what, path, message) => {
      const err = await failure(() => run({ method: 'GET', path }));
      expect(err.message).toMatch(message);
      expect(err.message).toMatch(/^Path /);
      expect(sentRequests()).toHaveLength(0);
    });

    it.each([
      [{ method: 'TRACE', path: '/v2/self' }, /^Method "TRACE" is not a method/],
      [{ method: 'constructor', path: '/v2/self' }, /^Method "constructor" is not a method/],
      [{ method: 'GET', path: '/v2/self', body: '{"a":1}' }, /^Body is filled, but a GET request has no body/],
      [{ method: 'POST', path: '/v2/notes', body: '{not json' }, /^Body "\{not json" is not valid JSON/],
      [{ method: 'POST', path: '/v2/notes', body: '42' }, /^Body "42" is not a JSON object or array/],
      [{ method: 'GET', path: '/v2/self', query: { limit: { nested: 1 } } }, /^Query Parameters .* has a parameter "limit" that is not a single value/],
      [{ method: 'GET', path: '/v2/self', query: '?limit=1' }, /^Query Parameters "\?limit=1" is not a set of parameters/],
    ])('%j', async (inputData, message) => {
      const err = await failure(() => run(inputData));
      expect(err.message).toMatch(message);
      expect(sentRequests()).toHaveLength(0);
    });
  });

  it('apiPathInput returns the path below /v2 as written (escapes kept)', () => {
    expect(apiPathInput(' /v2/objects/people/records/query ', 'Path')).toBe('/objects/people/records/query');
    expect(apiPathInput('/v2/lists/sales%20pipeline/entries', 'Path')).toBe('/lists/sales%20pipeline/entries');
  });
});

// The guard of test/helpers/interceptors.ts (installed by test/setup.ts) refuses interceptors that would
// match whatever body or query the app sends.
import nock from 'nock';
import { attio } from './helpers/app';

describe('nock interceptors must check the body and the query', () => {
  afterEach(() => nock.cleanAll());

  it.each(['post', 'put', 'patch'] as const)('refuses a %s without a body', (method) => {
    expect(() => attio()[method]('/v2/notes').reply(200, {})).toThrow(
      /The nock interceptor .*\/v2\/notes does not check the request body: pass the exact body/,
    );
  });

  it('refuses .query(true), also with replyWithError', () => {
    expect(() => attio().get('/v2/lists').query(true).replyWithError('boom')).toThrow(/accepts any query \(\.query\(true\)\)/);
  });

  it('refuses a body matcher that reads no body', () => {
    expect(() => attio().post('/v2/notes', () => true).reply(200, {})).toThrow(/checks its body with a function that reads no body/);
  });

  it('accepts an exact body, a function matcher, and a GET or DELETE (no body)', () => {
    expect(() => {
      attio().post('/v2/notes', { data: {} }).reply(200, {});
      attio()
        .put('/v2/objects/people/records', (body: { data?: unknown }) => body.data !== undefined)
        .query({ matching_attribute: 'email_addresses' })
        .reply(200, {});
      attio().get('/v2/self').reply(200, {});
      attio().delete('/v2/webhooks/w').reply(204);
    }).not.toThrow();
  });
});

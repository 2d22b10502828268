import nock from 'nock';
import authentication, { getAccessToken, testAuth } from '../src/authentication';
import { appTester, attio, attioErrorBody, makeBundle } from './helpers/app';
import { sentRequests } from './helpers/contract';

const ACTIVE_SELF = {
  active: true,
  scope: 'record_permission:read-write object_configuration:read',
  client_id: 'b7a8c6c3-2f43-4a2e-9c2c-0b5f6a0e1d11',
  token_type: 'Bearer',
  exp: null,
  iat: 1763700000,
  sub: '14beef7a-99f7-4534-a87e-70b564330a4c',
  aud: 'b7a8c6c3-2f43-4a2e-9c2c-0b5f6a0e1d11',
  iss: 'attio.com',
  authorized_by_workspace_member_id: '50cf242c-7fa3-4cad-87d0-75b1af71c57b',
  workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c',
  workspace_name: 'Acme Inc',
  workspace_slug: 'acme',
  workspace_logo_url: null,
};

describe('authentication', () => {
  it('renders the authorize URL with client id, state, redirect URI and response type', async () => {
    const url = await appTester(authentication.oauth2Config.authorizeUrl as never, {
      inputData: { state: 'st4te', redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/' },
    } as never);
    const parsed = new URL(url as unknown as string);
    expect(parsed.origin + parsed.pathname).toBe('https://app.attio.com/authorize');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: 'test-client-id', // process.env.CLIENT_ID, set in test/setup.ts
      state: 'st4te',
      redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/',
      response_type: 'code',
    });
  });

  it('exchanges the code with a form-encoded body and keeps only the access token', async () => {
    const scope = nock('https://app.attio.com', { badheaders: ['authorization'] })
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .post('/oauth/token', {
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        grant_type: 'authorization_code',
        code: 'the-code',
        redirect_uri: 'https://zapier.com/return',
      })
      .reply(200, { access_token: 'new-token', token_type: 'Bearer' });
    const result = await appTester(getAccessToken, { inputData: { code: 'the-code', redirect_uri: 'https://zapier.com/return' } } as never);
    expect(result).toEqual({ access_token: 'new-token' });
    scope.done();
  });

  it('explains a refused code exchange', async () => {
    nock('https://app.attio.com')
      .post('/oauth/token', {
        client_id: 'test-client-id',
        client_secret: 'test-client-secret',
        grant_type: 'authorization_code',
        code: 'old',
        redirect_uri: 'https://zapier.com/return',
      })
      .reply(400, { error: 'invalid_grant', error_description: 'Code expired' });
    await expect(appTester(getAccessToken, { inputData: { code: 'old', redirect_uri: 'https://zapier.com/return' } } as never)).rejects.toThrow(
      /Attio did not accept the sign-in \(HTTP 400: Code expired\)\. Start connecting your Attio account again\./,
    );
  });

  it('never quotes the client secret a refused exchange echoes, even form-encoded (a secret with +, / and = in it)', async () => {
    const before = process.env.CLIENT_SECRET;
    const secret = 'cs+0123/4567=89ab';
    process.env.CLIENT_SECRET = secret;
    try {
      nock('https://app.attio.com')
        .post('/oauth/token', {
          client_id: 'test-client-id',
          client_secret: secret,
          grant_type: 'authorization_code',
          code: 'old',
          redirect_uri: 'https://zapier.com/return',
        })
        .reply(401, `error=invalid_client&error_description=${encodeURIComponent(`client_secret ${secret} is not this client's`)}`, {
          'Content-Type': 'application/x-www-form-urlencoded',
        });
      const err = (await appTester(getAccessToken, { inputData: { code: 'old', redirect_uri: 'https://zapier.com/return' } } as never).catch((e: unknown) => e)) as Error;
      // The description still reads (core parses a form answer into fields), with the secret taken out.
      expect(err.message).toContain("Attio did not accept the sign-in (HTTP 401: client_secret [redacted] is not this client's)");
      expect(err.message).not.toContain('0123');
    } finally {
      if (before === undefined) delete process.env.CLIENT_SECRET;
      else process.env.CLIENT_SECRET = before;
    }
  });

  it('test: an active token passes and labels the connection with the workspace name', async () => {
    attio().get('/v2/self').reply(200, ACTIVE_SELF);
    const self = await appTester(testAuth, makeBundle());
    expect(self).toMatchObject({ active: true, workspace_name: 'Acme Inc' });
    expect(authentication.connectionLabel).toBe('{{workspace_name}}');
    expect(sentRequests()).toHaveLength(1);
  });

  it('test: a revoked token (200 {"active": false}) fails and asks the user to reconnect', async () => {
    attio().get('/v2/self').reply(200, { active: false });
    await expect(appTester(testAuth, makeBundle())).rejects.toMatchObject({
      name: 'ExpiredAuthError',
      message: expect.stringMatching(/revoked.*Reconnect your Attio account/),
    });
  });

  it('test: a 401 becomes ExpiredAuthError asking to reconnect', async () => {
    attio().get('/v2/self').reply(401, attioErrorBody(401, 'unauthorized', 'The API Key provided could not be found.', 'auth_error'));
    await expect(appTester(testAuth, makeBundle())).rejects.toMatchObject({
      name: 'ExpiredAuthError',
      message: expect.stringMatching(/Reconnect your Attio account in Zapier\. Attio said: The API Key provided could not be found\./),
    });
  });

  it('test: a malformed token (400 "Token was not recognised") asks the user to reconnect', async () => {
    attio().get('/v2/self').reply(400, attioErrorBody(400, 'missing_value', 'Token was not recognised, please check it is valid.'));
    await expect(appTester(testAuth, makeBundle())).rejects.toMatchObject({
      name: 'ExpiredAuthError',
      message: expect.stringMatching(/did not recognise this connection's token\. Reconnect your Attio account/),
    });
  });

  it('has no refresh: Attio tokens do not expire', () => {
    expect(authentication.oauth2Config).not.toHaveProperty('refreshAccessToken');
    expect(authentication.oauth2Config.autoRefresh).toBe(false);
  });
});

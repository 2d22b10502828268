// OAuth2 against Attio. Attio issues long-lived tokens with no refresh token and no expiry,
// so there is no refreshAccessToken and no autoRefresh: a 401 means "reconnect".
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { AUTHORIZE_URL, TOKEN_URL } from './attio/config';
import { attio } from './attio/request';
import type { AttioSelf } from './attio/types';

/** Exchanges the authorization code for an access token (form-encoded, as Attio's token endpoint wants). */
export const getAccessToken = async (z: ZObject, bundle: Bundle): Promise<{ access_token: string }> => {
  const response = await z.request<{ access_token?: string; error?: string; error_description?: string; message?: string }>({
    url: TOKEN_URL,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      grant_type: 'authorization_code',
      code: bundle.inputData.code,
      redirect_uri: bundle.inputData.redirect_uri,
    },
    skipThrowForStatus: true,
  });
  const token = response.data?.access_token;
  if (response.status >= 400 || !token) {
    const detail = response.data?.error_description ?? response.data?.message ?? response.data?.error;
    throw new z.errors.Error(
      `Attio did not accept the sign-in (HTTP ${response.status}${detail ? `: ${detail}` : ''}). Start connecting your Attio account again.`,
      'oauth_token_exchange_failed',
      response.status,
    );
  }
  return { access_token: token };
};

/** Checks the token with GET /v2/self. A revoked token still answers 200, with `active: false`. */
export const testAuth = async (z: ZObject, _bundle: Bundle): Promise<Extract<AttioSelf, { active: true }>> => {
  const self = await attio<AttioSelf>(z, {
    path: '/self',
    action: 'check your connection',
    // Attio answers a malformed or unknown token on /v2/self with 400 missing_value ("Token was not recognised").
    explain: (status) =>
      status === 400
        ? new z.errors.ExpiredAuthError("Attio did not recognise this connection's token. Reconnect your Attio account in Zapier.")
        : undefined,
  });
  if (!self.active) {
    throw new z.errors.ExpiredAuthError(
      'This Attio connection has been revoked or the app was removed from the workspace. Reconnect your Attio account in Zapier.',
    );
  }
  return self;
};

export default {
  type: 'oauth2',
  oauth2Config: {
    authorizeUrl: {
      url: AUTHORIZE_URL,
      params: {
        client_id: '{{process.env.CLIENT_ID}}',
        state: '{{bundle.inputData.state}}',
        redirect_uri: '{{bundle.inputData.redirect_uri}}',
        response_type: 'code',
      },
    },
    getAccessToken,
    autoRefresh: false,
  },
  fields: [],
  test: testAuth,
  // The test result is hoisted for string labels: the workspace name identifies the connection, and is no secret.
  connectionLabel: '{{workspace_name}}',
} satisfies Authentication;

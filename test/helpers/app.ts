// Shared test plumbing: the app tester (the whole Zapier pipeline: middleware, output checks), a nock
// scope for Attio that insists on the bearer token, and a bundle factory.
import nock from 'nock';
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../../src/index';

export const ATTIO = 'https://api.attio.com';
export const TOKEN = 'test-token';

export const appTester = createAppTester(App);

/** A nock scope for the Attio API that only matches requests carrying our bearer token. */
export function attio(): nock.Scope {
  return nock(ATTIO, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

type BundleInput = Partial<Omit<Bundle, 'inputData' | 'meta'>> & {
  inputData?: Record<string, unknown>;
  meta?: Partial<Bundle['meta']>;
};

/** A bundle with our test token; pass what the test cares about. */
export function makeBundle(input: BundleInput = {}): Partial<Bundle> {
  return {
    ...input,
    authData: { access_token: TOKEN, ...input.authData },
    inputData: input.inputData ?? {},
  } as Partial<Bundle>;
}

/** Attio's error envelope. */
export function attioErrorBody(status: number, code: string, message: string, type = 'invalid_request_error') {
  return { status_code: status, type, code, message };
}

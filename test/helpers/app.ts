// Shared test plumbing: the app tester (the whole Zapier pipeline: middleware, output checks), a nock
// scope for Attio that insists on the bearer token, and a bundle factory.
import nock from 'nock';
import { createAppTester, type Bundle, type PlainInputField } from 'zapier-platform-core';
import App from '../../src/index';

export const ATTIO = 'https://api.attio.com';
export const TOKEN = 'test-token';

export const appTester = createAppTester(App);

// Each test starts with an empty z.cache, as a run of a new Zap does: a note created by one test must not
// be a replay for the next (src/attio/recover.ts). A test that wants a warm cache calls the tester twice.
beforeEach(() => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
});

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

/**
 * A step's input fields as the editor gets them: core resolves the operation's `inputFields` (static fields,
 * then what each field function returns) through the app, with its middleware and z.cache.
 * @param fresh empty z.cache first (a step opened for the first time)
 */
export async function loadInputFields(
  operation: { operation: { inputFields?: unknown } },
  inputData: Record<string, unknown> = {},
  fresh = true,
): Promise<PlainInputField[]> {
  return (await appTester(operation.operation.inputFields as never, makeBundle({ inputData }), fresh)) as PlainInputField[];
}

/**
 * Mocks GETs whose replies are held until every one of them has arrived (or 1 s passed): a loader that
 * waited for one answer before asking the next sets `sequential`.
 * @param replies path → [status, body]
 */
export function heldReplies(replies: Record<string, [number, unknown]>): { sequential: boolean } {
  const state = { sequential: false };
  const total = Object.keys(replies).length;
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const timeout = new Promise<void>((resolve) => setTimeout(() => { state.sequential = true; resolve(); }, 1000).unref());
  for (const [path, reply] of Object.entries(replies)) {
    attio()
      .get(path)
      .reply((_uri, _body, cb) => {
        arrived += 1;
        if (arrived === total) release();
        void Promise.race([all, timeout]).then(() => cb(null, reply as [number, Record<string, unknown>]));
      });
  }
  return state;
}

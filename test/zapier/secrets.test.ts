// The redaction every hook step's errors and every Attio response go through (src/zapier/secrets.ts).
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { redact, redactError, REDACTED, secretsOf } from '../../src/zapier/secrets';
import { appTester, ATTIO, makeBundle } from '../helpers/app';

const SECRET = 'whsec-0123456789abcdef';
const TOKEN = 'tok/with"quotes+and spaces';

describe('zapier/secrets', () => {
  it('finds the signing secret, the tokens and the client secret in a bundle, ignoring short or missing ones', () => {
    const before = process.env.CLIENT_SECRET;
    process.env.CLIENT_SECRET = 'client-secret-value';
    try {
      expect(secretsOf({ subscribeData: { id: 'w', secret: SECRET } as never, authData: { access_token: TOKEN, refresh_token: 'short' } })).toEqual([
        SECRET,
        TOKEN,
        'client-secret-value',
      ]);
    } finally {
      if (before === undefined) delete process.env.CLIENT_SECRET;
      else process.env.CLIENT_SECRET = before;
    }
  });

  it('replaces each secret raw, JSON-escaped and URL-encoded', () => {
    const text = `raw ${TOKEN}; json ${JSON.stringify({ t: TOKEN })}; url ${encodeURIComponent(TOKEN)}; ${SECRET}`;
    const out = redact(text, [TOKEN, SECRET]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('quotes');
    expect(out.split(REDACTED)).toHaveLength(5);
  });

  it('marks an error so core appends no bundle, and turns a thrown string into an Error', () => {
    const err = redactError(new Error(`bad ${SECRET}`), [SECRET]) as Error & { doNotContextify?: boolean };
    expect(err.message).toBe(`bad ${REDACTED}`);
    expect(err.stack).not.toContain(SECRET);
    expect(err.doNotContextify).toBe(true);
    expect((redactError(`oops ${SECRET}`, [SECRET]) as Error).message).toBe(`oops ${REDACTED}`);
  });

  it("rewrites core's note of a response that echoed the token, so an error core adds its 'What happened' to does not carry it", async () => {
    // A proxy echoing the request: the token starts inside the first 100 characters and runs past them, so
    // core's note holds a cut-off token that replacing the whole token would miss.
    const token = `tok-${'0123456789abcdef'.repeat(6)}`;
    const echo = `${'x'.repeat(60)} Authorization: Bearer ${token} was refused`;
    nock(ATTIO, { reqheaders: { authorization: `Bearer ${token}` } }).get('/v2/self').reply(401, echo);
    const err = (await appTester(
      async (z: ZObject) => {
        // merge: false keeps core's note on the run itself (a merged request notes on a copy): as the request layer sends.
        await z.request({ url: `${ATTIO}/v2/self`, skipThrowForStatus: true, merge: false } as never);
        throw new z.errors.ExpiredAuthError('Reconnect.');
      },
      makeBundle({ authData: { access_token: token } }),
      true,
    ).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('What happened:');
    expect(err.message).toContain(`Received content "${`${'x'.repeat(60)} Authorization: Bearer ${REDACTED} was refused`.slice(0, 100)}"`);
    expect(err.message).not.toContain(token.slice(0, 20));
  });
});


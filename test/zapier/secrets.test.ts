// The redaction every hook step's errors and every Attio response go through (src/zapier/secrets.ts).
import { redact, redactError, REDACTED, secretsOf } from '../../src/zapier/secrets';

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
});

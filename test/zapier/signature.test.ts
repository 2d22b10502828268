// Pure tests of Attio webhook signature checks (no network, no app).
import crypto from 'node:crypto';
import { attioSignature, headerValue, verifyAttioSignature } from '../../src/zapier/hooks/signature';

const SECRET = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
const BODY = '{"webhook_id":"w-1","events":[{"event_type":"record.created","id":{"record_id":"r-1"}}]}';
const GOOD = crypto.createHmac('sha256', SECRET).update(BODY).digest('hex');

describe('attioSignature', () => {
  it('is the hex HMAC-SHA256 of the body (the well-known "quick brown fox" vector)', () => {
    expect(attioSignature('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('reads the body as UTF-8', () => {
    const body = '{"name":"Zoë – 日本"}';
    expect(attioSignature(SECRET, body)).toBe(crypto.createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('hex'));
  });
});

describe('headerValue', () => {
  it('finds a header with the Http- prefix Zapier adds, in any casing', () => {
    expect(headerValue({ 'Http-Attio-Signature': 'abc' }, 'Attio-Signature')).toBe('abc');
    expect(headerValue({ 'http-attio-signature': 'abc' }, 'Attio-Signature')).toBe('abc');
    expect(headerValue({ 'Attio-Signature': 'abc' }, 'Attio-Signature')).toBe('abc');
    expect(headerValue({ 'Http-Idempotency-Key': ' k-1 ' }, 'Idempotency-Key')).toBe('k-1');
  });

  it('ignores other headers, empty values and a missing map', () => {
    expect(headerValue({ 'Http-X-Attio-Signature': 'abc' }, 'Attio-Signature')).toBeUndefined();
    expect(headerValue({ 'Http-Attio-Signature': '  ' }, 'Attio-Signature')).toBeUndefined();
    expect(headerValue(undefined, 'Attio-Signature')).toBeUndefined();
  });
});

describe('verifyAttioSignature', () => {
  it('accepts the right signature in Attio-Signature', () => {
    expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': GOOD }, content: BODY }, SECRET)).toBe('valid');
  });

  it('accepts it in the legacy X-Attio-Signature alone, and in upper-case hex', () => {
    expect(verifyAttioSignature({ headers: { 'Http-X-Attio-Signature': GOOD }, content: BODY }, SECRET)).toBe('valid');
    expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': GOOD.toUpperCase() }, content: BODY }, SECRET)).toBe('valid');
  });

  it('accepts when one of the two headers matches (a proxy may have mangled the other)', () => {
    const headers = { 'Http-Attio-Signature': 'garbage', 'Http-X-Attio-Signature': GOOD };
    expect(verifyAttioSignature({ headers, content: BODY }, SECRET)).toBe('valid');
  });

  it('rejects a signature made with another secret', () => {
    const forged = crypto.createHmac('sha256', 'not-the-secret').update(BODY).digest('hex');
    expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': forged }, content: BODY }, SECRET)).toBe('invalid');
  });

  it('rejects a body changed after signing, even only re-serialized', () => {
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': GOOD }, content: reserialized }, SECRET)).toBe('invalid');
    expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': GOOD }, content: BODY.replace('r-1', 'r-2') }, SECRET)).toBe('invalid');
  });

  it('rejects malformed signatures (wrong length, not hex, a sha256= prefix) without throwing', () => {
    for (const sig of [GOOD.slice(0, 63), `${GOOD}00`, 'z'.repeat(64), `sha256=${GOOD}`]) {
      expect(verifyAttioSignature({ headers: { 'Http-Attio-Signature': sig }, content: BODY }, SECRET)).toBe('invalid');
    }
  });

  it('reports a delivery with no signature header as missing', () => {
    expect(verifyAttioSignature({ headers: { 'Content-Type': 'application/json' }, content: BODY }, SECRET)).toBe('missing');
    expect(verifyAttioSignature(undefined, SECRET)).toBe('missing');
  });

  it('compares in constant time (crypto.timingSafeEqual on the decoded digests)', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      verifyAttioSignature({ headers: { 'Http-Attio-Signature': GOOD }, content: BODY }, SECRET);
      expect(spy).toHaveBeenCalledTimes(1);
      const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
      expect([a.length, b.length]).toEqual([32, 32]);
    } finally {
      spy.mockRestore();
    }
  });
});

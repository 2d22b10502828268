// The one Attio request layer: retries, backoff budget, error mapping, and where the token may go.
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { attio, attioOrNull, clock, isUnknownOutcome, path, retryAfterMs, RETRY_BUDGET_MS, type AttioCall } from '../../src/attio/request';
import { apiBase } from '../../src/attio/config';
import { appTester, ATTIO, attio as attioScope, attioErrorBody, makeBundle, TOKEN } from '../helpers/app';
import { useVirtualClock } from '../helpers/clock';
import { sentRequests, takeViolations } from '../helpers/contract';

const RECORD_ID = 'bf071e1f-6035-429d-b874-d83ea64ea13b';
const NOTE = {
  parent_object: 'people',
  parent_record_id: RECORD_ID,
  title: 'Call',
  format: 'plaintext',
  content: 'Hello',
};

/**
 * Runs one layer call through the app tester (so middleware runs) and returns its result. Each test gets an
 * empty z.cache: the pacing ledger a 429 leaves there would otherwise queue the next test's requests.
 */
function run<T>(call: AttioCall, orNull = false): Promise<T> {
  return appTester(async (z: ZObject) => (orNull ? attioOrNull<T>(z, call) : attio<T>(z, call)), makeBundle(), true) as Promise<T>;
}

const getRecord: AttioCall = { path: `/objects/people/records/${RECORD_ID}`, action: 'fetch the person' };
const postNote: AttioCall = { method: 'POST', path: '/notes', body: { data: NOTE }, action: 'create the note' };

/** Retry waits advance a virtual clock: see test/helpers/clock.ts. */
const time = useVirtualClock();

describe('lib/request: rate limits (429)', () => {
  it('time.waits until the Retry-After date, retries, and succeeds', async () => {
    const retryAt = new Date(time.now + 2000).toUTCString();
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded, please try again later', 'rate_limit_error'), {
        'Retry-After': retryAt,
      })
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, { data: { ok: true } });
    await expect(run(getRecord)).resolves.toEqual({ data: { ok: true } });
    expect(time.waits).toEqual([2000]);
    expect(sentRequests()).toHaveLength(2);
  });

  it('accepts Retry-After in seconds too, and retries a non-idempotent POST (Attio has not processed it)', async () => {
    attioScope()
      .post('/v2/notes', { data: NOTE })
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), { 'Retry-After': '3' })
      .post('/v2/notes', { data: NOTE })
      .reply(200, { data: { id: { note_id: 'n1' } } });
    await expect(run(postNote)).resolves.toEqual({ data: { id: { note_id: 'n1' } } });
    expect(time.waits).toEqual([3000]);
  });

  it('backs off exponentially when Retry-After is missing', async () => {
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .times(2)
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'))
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, { data: {} });
    await run(getRecord);
    // Jitter is mocked to 0: half of 500 ms, then half of 1000 ms.
    expect(time.waits).toEqual([250, 500]);
  });

  it('gives up inside the budget with a ThrottledError carrying the delay, so Zapier reschedules (no lost write)', async () => {
    attioScope()
      .post('/v2/notes', { data: NOTE })
      .times(5)
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), { 'Retry-After': '5' });
    const error = await run(postNote).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'ThrottledError' });
    expect(JSON.parse((error as Error).message)).toEqual({
      message: 'Attio is rate limiting requests to create the note; Zapier will retry this step in about 5 s.',
      delay: 5,
    });
    // 0, 5, 10, 15, 20 s: the sixth attempt would end past the 20 s budget.
    expect(sentRequests()).toHaveLength(5);
    expect(time.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(RETRY_BUDGET_MS);
  });

  it('never hammers: a Retry-After already in the past still time.waits, and attempts are capped', async () => {
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .times(12)
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), {
        'Retry-After': new Date(time.now - 1000).toUTCString(),
      });
    await expect(run(getRecord)).rejects.toMatchObject({ name: 'ThrottledError' });
    expect(sentRequests()).toHaveLength(12);
    expect(time.waits).toEqual(Array(11).fill(100));
  });

  it('retries a 409 concurrent_write_conflict like a 429', async () => {
    attioScope()
      .put('/v2/objects/people/records', { data: { values: { email_addresses: ['ada@example.com'] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(409, attioErrorBody(409, 'concurrent_write_conflict', 'A concurrent write conflicted'))
      .put('/v2/objects/people/records', { data: { values: { email_addresses: ['ada@example.com'] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(200, { data: { saved: true } });
    const result = await run({
      method: 'PUT',
      path: '/objects/people/records',
      params: { matching_attribute: 'email_addresses' },
      body: { data: { values: { email_addresses: ['ada@example.com'] } } },
      action: 'create or update the person',
    });
    expect(result).toEqual({ data: { saved: true } });
    expect(time.waits).toHaveLength(1);
  });

  it('backs off as if it were absent when Retry-After is garbage', async () => {
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), { 'Retry-After': 'soon-ish' })
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, { data: {} });
    await run(getRecord);
    expect(time.waits).toEqual([250]);
  });

  it('hands a Retry-After of an hour straight back to Zapier at its 300 s cap: no wait, no second request', async () => {
    attioScope()
      .post('/v2/notes', { data: NOTE })
      .reply(429, attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error'), { 'Retry-After': '3600' });
    const error = (await run(postNote).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ name: 'ThrottledError' });
    expect(JSON.parse(error.message)).toMatchObject({ delay: 300 });
    expect(time.waits).toEqual([]);
    expect(sentRequests()).toHaveLength(1);
  });

  it('parses Retry-After as an HTTP date or seconds', () => {
    const t = Date.parse('2026-11-21T10:00:00.000Z');
    expect(retryAfterMs('Sat, 21 Nov 2026 10:00:01 GMT', t)).toBe(1000);
    expect(retryAfterMs('2', t)).toBe(2000);
    expect(retryAfterMs('Sat, 21 Nov 2026 09:59:59 GMT', t)).toBe(0);
    expect(retryAfterMs('soon', t)).toBeUndefined();
    expect(retryAfterMs(undefined, t)).toBeUndefined();
    expect(retryAfterMs(' 1.5 ', t)).toBe(1500);
  });

  it('reads a Retry-After a proxy repeated by its first value, and never a number as a date long past', () => {
    const t = Date.parse('2026-11-21T10:00:00.000Z');
    // V8's Date.parse reads "1, 1" as 1 January 2001 and "-1" as a date in 2001: both were "retry at once".
    expect(retryAfterMs('1, 1', t)).toBe(1000);
    expect(retryAfterMs('Sat, 21 Nov 2026 10:00:02 GMT, Sat, 21 Nov 2026 10:00:02 GMT', t)).toBe(2000);
    expect(retryAfterMs('-1', t)).toBeUndefined();
    expect(retryAfterMs('0x10', t)).toBeUndefined();
  });
});

describe('lib/request: bursts spread out instead of stampeding (the pacing ledger in z.cache)', () => {
  const throttle = () => attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error');
  const LEDGER = 'attio:pacing:write';
  const second = () => Math.floor(time.now / 1000);
  /** core's test stand-in for z.cache: an object on the tester, shared by its calls until cleared (untyped). */
  const cache = () => appTester as unknown as { zcacheTestObj: Record<string, string> };
  /** A layer call in a run that shares this test's z.cache with the runs before it (one connection). */
  const runShared = <T>(call: AttioCall) => appTester(async (z: ZObject) => attio<T>(z, call), makeBundle()) as Promise<T>;
  /** The ledger as z.cache holds it (core's test cache keeps the JSON text). */
  const ledger = (key = LEDGER): unknown => {
    const raw = cache().zcacheTestObj[key];
    return raw === undefined ? undefined : JSON.parse(raw);
  };

  beforeEach(() => {
    cache().zcacheTestObj = {};
  });

  it('books the retry of a 429 in the ledger, and a run starting meanwhile queues behind it instead of trying blind', async () => {
    const start = second();
    attioScope().post('/v2/notes', { data: NOTE }).reply(429, throttle(), { 'Retry-After': '1' }).post('/v2/notes', { data: NOTE }).times(2).reply(200, { data: {} });
    await runShared(postNote);
    // The reset second, slot 0; then the next run's first request takes slot 1 of that second, 32 ms on.
    expect(time.waits).toEqual([1000]);
    expect(ledger()).toEqual({ [String(start + 1)]: 1 });
    await runShared(postNote);
    expect(time.waits).toEqual([1000, 32]);
    expect(ledger()).toEqual({ [String(start + 1)]: 2 });
    expect(sentRequests()).toHaveLength(3);
  });

  it('gives reads their own ledger, spaced for 100/s', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(429, throttle(), { 'Retry-After': '1' });
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).times(2).reply(200, { data: {} });
    await runShared(getRecord);
    await runShared(getRecord);
    expect(time.waits).toEqual([1000, 8]);
    expect(ledger('attio:pacing:read')).toEqual({ [String(second())]: 2 });
    expect(ledger()).toBeUndefined();
  });

  it('a run whose 429s keep coming looks further out each time: over 1, 2, then 4 seconds', async () => {
    jest.spyOn(clock, 'random').mockReturnValue(0.99);
    attioScope().post('/v2/notes', { data: NOTE }).times(3).reply(429, throttle(), { 'Retry-After': '1' }).post('/v2/notes', { data: NOTE }).reply(200, { data: {} });
    await runShared(postNote);
    // Slot jitter 0.99 × 32 ms; then the reset + 1 s, then the reset + 3 s (random 0.99 of 2, of 4 seconds).
    expect(time.waits).toEqual([1032, 2000, 4000]);
  });

  it('a run facing a queue longer than its budget hands back to Zapier at once, with a delay that covers the queue', async () => {
    const start = second();
    cache().zcacheTestObj[LEDGER] = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(start + i), 25])));
    const error = await runShared(postNote).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'ThrottledError' });
    // The first free slot is 30 s away, past the 20 s budget: no request spent, Zapier runs it again later.
    expect(JSON.parse((error as Error).message)).toMatchObject({ delay: 30 });
    expect(sentRequests()).toHaveLength(0);
    expect(time.waits).toEqual([]);
  });

  it('spreads the delays of rescheduled runs: up to twice the wait they faced', async () => {
    jest.spyOn(clock, 'random').mockReturnValue(0.5);
    attioScope().post('/v2/notes', { data: NOTE }).times(4).reply(429, throttle(), { 'Retry-After': '5' });
    const error = await runShared(postNote).catch((e: Error) => e);
    // Waits of 5.016, 6 and 7 s (the reset, plus 1 of 2 and 2 of 4 seconds); the fourth 429 leaves 9 s (5 + 4 of
    // 8), past the budget: Zapier is asked for 9 s × 1.5.
    expect(time.waits).toEqual([5016, 6000, 7000]);
    expect(JSON.parse((error as Error).message)).toMatchObject({ delay: 14 });
  });

  it("spreads runs facing a wait near Zapier's 300 s cap below the cap, instead of sending half of them back at 300 s together", async () => {
    jest.spyOn(clock, 'random').mockReturnValue(0.75);
    attioScope().post('/v2/notes', { data: NOTE }).reply(429, throttle(), { 'Retry-After': '200' });
    const error = await runShared(postNote).catch((e: Error) => e);
    // A wait of 200.024 s (the reset, slot jitter 0.75 × 32 ms): three quarters of the way to the cap, not 200 × 1.75 cut to 300.
    expect(JSON.parse((error as Error).message)).toMatchObject({ delay: 276 });
    expect(time.waits).toEqual([]);
  });

  it("falls back to the run's own spread when the cache cannot be written", async () => {
    jest.spyOn(clock, 'random').mockReturnValue(0.5);
    attioScope().post('/v2/notes', { data: NOTE }).reply(429, throttle(), { 'Retry-After': '1' }).post('/v2/notes', { data: NOTE }).reply(200, { data: {} });
    await appTester(async (z: ZObject) => {
      z.cache.set = () => Promise.reject(new Error('no cache here'));
      return attio(z, postNote);
    }, makeBundle());
    // The reset (1 s) plus half of the 2 s a first 429 spreads over; the ledger would have said 1016 ms.
    expect(time.waits).toEqual([2000]);
  });
});

describe('lib/request: server and network errors', () => {
  it('retries a 5xx on GET and succeeds', async () => {
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(503, attioErrorBody(503, 'unavailable', 'Service unavailable', 'api_error'))
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, { data: { ok: 1 } });
    await expect(run(getRecord)).resolves.toEqual({ data: { ok: 1 } });
    expect(sentRequests()).toHaveLength(2);
  });

  it('retries a network error on an idempotent query POST', async () => {
    attioScope()
      .post('/v2/objects/people/records/query', { limit: 1 })
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .post('/v2/objects/people/records/query', { limit: 1 })
      .reply(200, { data: [] });
    // A query POST only reads: retried without being flagged.
    const result = await run({ method: 'POST', path: '/objects/people/records/query', body: { limit: 1 }, action: 'search people' });
    expect(result).toEqual({ data: [] });
  });

  it('gives every attempt a timeout that ends before Zapier stops the step at 30 s', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(200, { data: {} });
    const timeouts: Array<number | undefined> = [];
    await appTester(async (z: ZObject) => {
      const request = z.request.bind(z);
      jest.spyOn(z, 'request').mockImplementation(((options: { timeout?: number }) => {
        timeouts.push(options.timeout);
        return request(options as never);
      }) as never);
      return attio(z, getRecord);
    }, makeBundle(), true);
    expect(timeouts).toEqual([RETRY_BUDGET_MS + 8000]);
  });

  it('does not retry a network error on a note POST once the request may have reached Attio', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    await expect(run(postNote)).rejects.toThrow(/network error .* The write may or may not have happened/);
    expect(sentRequests()).toHaveLength(1);
  });

  it('retries a note POST whose connection was refused (it never reached Attio)', async () => {
    attioScope()
      .post('/v2/notes', { data: NOTE })
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })
      .post('/v2/notes', { data: NOTE })
      .reply(200, { data: { id: { note_id: 'n2' } } });
    await expect(run(postNote)).resolves.toEqual({ data: { id: { note_id: 'n2' } } });
  });

  it('does not retry a 5xx on a note POST, and says the write may or may not have happened', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).reply(502, 'Bad Gateway');
    await expect(run(postNote)).rejects.toThrow(
      /Attio returned a server error \(502\) while trying to create the note\. The write may or may not have happened: check Attio before replaying this run/,
    );
    expect(sentRequests()).toHaveLength(1);
    expect(time.waits).toEqual([]);
  });

  it('hands a persistent 5xx on an idempotent request back to Zapier to retry later, spread over 60 to 120 s', async () => {
    jest.spyOn(clock, 'random').mockReturnValue(0.5);
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).times(4).reply(500, attioErrorBody(500, 'internal', 'Oops', 'api_error'));
    const error = (await run(getRecord).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ name: 'ThrottledError' });
    // Every run an outage turned away used to come back after exactly 60 s, together.
    expect(JSON.parse(error.message)).toEqual({
      message: 'Attio returned a server error (500) while trying to fetch the person; Zapier will retry this step in about 90 s.',
      delay: 90,
    });
    expect(sentRequests()).toHaveLength(4);
  });

  it('retries a read answered 200 with a page that is not JSON (a proxy, an outage page) instead of handing on nothing', async () => {
    attioScope()
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, '<html><body>Service temporarily unavailable</body></html>', { 'Content-Type': 'text/html' })
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(200, { data: { ok: 1 } });
    await expect(run(getRecord)).resolves.toEqual({ data: { ok: 1 } });
    expect(sentRequests()).toHaveLength(2);
  });

  it('takes an empty success to a DELETE (204) as done', async () => {
    attioScope().delete(`/v2/objects/people/records/${RECORD_ID}`).reply(204);
    await expect(run({ method: 'DELETE', path: `/objects/people/records/${RECORD_ID}`, action: 'delete the person' }, true)).resolves.toBeUndefined();
    expect(sentRequests()).toHaveLength(1);
  });

  it('does not resend a note POST answered 200 with a page that is not JSON, and says the write may or may not have happened', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).reply(200, '<html>Gateway</html>', { 'Content-Type': 'text/html; charset=utf-8' });
    const error = (await run(postNote).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      "Attio returned an answer that is not JSON (HTTP 200, text/html: a proxy or an outage page, not Attio's API) while trying to create the note. The write may or may not have happened",
    );
    // Marked, so the once-only creates (recover.ts) look for the note before anything is resent.
    expect(isUnknownOutcome(error)).toBe(true);
    expect(sentRequests()).toHaveLength(1);
  });

  it('sends values holding "{{bundle.…}}" or "{{process.…}}" text as written (core refuses them in a merged request)', async () => {
    const content = 'Map {{bundle.inputData.email}} here; never {{process.env.CLIENT_SECRET}}';
    attioScope().post('/v2/notes', { data: { ...NOTE, content } }).reply(200, { data: { id: { note_id: 'n1' } } });
    await expect(run({ ...postNote, body: { data: { ...NOTE, content } } })).resolves.toEqual({ data: { id: { note_id: 'n1' } } });
  });

  it('sends a query value holding "{{…}}" whole (core strips template syntax from the params it is given)', async () => {
    attioScope().get('/v2/notes').query({ parent_object: '{{deals}}', limit: '10' }).reply(200, { data: [] });
    await expect(run({ path: '/notes', params: { parent_object: '{{deals}}', limit: 10, offset: undefined }, action: 'list the notes' })).resolves.toEqual({ data: [] });
  });
});

describe('lib/request: Attio errors become messages a Zap builder can act on', () => {
  it('400 validation_type lists each field with what Attio expected', async () => {
    attioScope()
      .post('/v2/notes', { data: NOTE })
      .reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'invalid_type', path: ['data', 'parent_record_id'], message: 'Required', expected: 'string', received: 'undefined' }],
      });
    const error = (await run({ ...postNote, fieldLabels: { parent_record_id: 'Record' } }).catch((e: Error) => e)) as Error;
    expect(JSON.parse(error.message)).toEqual({
      message:
        'Attio rejected the data sent to create the note. Record (parent_record_id): Required (expected string, got undefined). Fix the mapped value and try again.',
      code: 'validation_type',
      status: 400,
    });
  });

  it('400 with a known code adds a hint', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).reply(400, attioErrorBody(400, 'value_not_found', 'Parent record with ID "x" not found'));
    await expect(run(postNote)).rejects.toThrow(/Attio could not create the note\. Attio said: Parent record with ID \\"x\\" not found\. Check that the value you mapped exists/);
  });

  it('401 is ExpiredAuthError: reconnect', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(401, attioErrorBody(401, 'unauthorized', 'The API Key provided could not be found.', 'auth_error'));
    await expect(run(getRecord)).rejects.toMatchObject({ name: 'ExpiredAuthError', message: expect.stringContaining('Reconnect your Attio account') });
  });

  it('403 names the missing permission', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).reply(403, attioErrorBody(403, 'unauthorized', 'Insufficient scopes', 'auth_error'));
    await expect(run(postNote)).rejects.toThrow(/Attio did not allow this connection to create the note\. It needs the \\"note:read-write\\" permission\./);
  });

  it('a 403 that is not Attio\'s (a firewall page) names no permission', async () => {
    attioScope().post('/v2/notes', { data: NOTE }).reply(403, '<html><body>Access denied</body></html>', { 'Content-Type': 'text/html' });
    const err = await run(postNote).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/The request to create the note was refused \(HTTP 403\) before Attio could answer/);
    expect(err?.message).not.toMatch(/permission/);
  });

  it('404 says what was not found; attioOrNull turns it into null', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found'));
    await expect(run(getRecord)).rejects.toThrow(/Attio could not find what was needed to fetch the person: check that the selected object, list or record still exists/);
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found'));
    await expect(run(getRecord, true)).resolves.toBeNull();
  });
});

describe('lib/request: the token goes only to Attio', () => {
  afterEach(() => {
    delete process.env.ATTIO_API_URL;
  });

  it('never sends the bearer token to another host, even one that looks like Attio', async () => {
    const other = nock('https://files.example.com', { badheaders: ['authorization'] }).get('/report.csv').reply(200, 'a,b');
    const lookalike = nock('https://api.attio.com.evil.test', { badheaders: ['authorization'] }).get('/v2/self').reply(200, {});
    const oauth = nock('https://app.attio.com', { badheaders: ['authorization'] }).get('/authorize').reply(200, 'ok');
    await appTester(async (z: ZObject) => {
      await z.request({ url: 'https://files.example.com/report.csv' });
      await z.request({ url: 'https://api.attio.com.evil.test/v2/self' });
      await z.request({ url: 'https://app.attio.com/authorize', headers: { Authorization: `Bearer ${TOKEN}` } });
      return {};
    }, makeBundle(), true);
    other.done();
    lookalike.done();
    oauth.done();
    expect(sentRequests().every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('reads ATTIO_API_URL at call time (the local sandbox) and sends the token there', async () => {
    process.env.ATTIO_API_URL = 'http://127.0.0.1:4010/v2';
    const scope = nock('http://127.0.0.1:4010', { reqheaders: { authorization: `Bearer ${TOKEN}` } }).get('/v2/self').reply(200, { active: false });
    await expect(run({ path: '/self', action: 'check your connection' })).resolves.toEqual({ active: false });
    scope.done();
  });

  it.each([
    ['a plain-http host that is not loopback', 'http://attio.example.com/v2', 'points at http://attio.example.com'],
    ['a look-alike of Attio\'s host', 'https://api.attio.com.evil.example/v2', 'points at https://api.attio.com.evil.example'],
    ['another https host', 'https://proxy.example.net/v2', 'points at https://proxy.example.net'],
    ['Attio\'s host over plain http', 'http://api.attio.com/v2', 'points at http://api.attio.com'],
    ['Attio\'s host on another port', 'https://api.attio.com:8443/v2', 'points at https://api.attio.com:8443'],
    ['credentials in the URL', 'https://user:s3cr3t-pa55word@api.attio.com/v2', 'must not carry a user name or password'],
    ['text that is no URL', 'api.attio.com/v2 s3cr3t-pa55word', 'is not a URL'],
  ])('refuses ATTIO_API_URL set to %s, sending nothing and echoing no secret', async (_what, value, said) => {
    process.env.ATTIO_API_URL = value;
    const err = (await run({ path: '/self', action: 'check your connection' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`ATTIO_API_URL ${said}`);
    expect(err.message).not.toContain('s3cr3t-pa55word');
    expect(err.message).not.toContain(TOKEN);
    expect(sentRequests()).toHaveLength(0);
  });

  it.each([
    ['https://api.attio.com', 'https://api.attio.com/v2'],
    ['https://api.attio.com/v2/', 'https://api.attio.com/v2'],
    ['https://localhost:4010', 'https://localhost:4010/v2'],
    ['http://[::1]:4010/v2', 'http://[::1]:4010/v2'],
  ])('accepts ATTIO_API_URL %s (Attio, or this machine)', (value, base) => {
    process.env.ATTIO_API_URL = value;
    expect(apiBase()).toBe(base);
  });

  it('redacts a token Attio echoes in an error before any message quotes it', async () => {
    const malformed = 'not-a-real-token-but-long';
    nock(ATTIO, { reqheaders: { authorization: `Bearer ${malformed}` } })
      .get('/v2/self')
      .reply(400, attioErrorBody(400, 'missing_value', `Token "${malformed}" was not recognised`));
    const err = (await appTester(
      (z: ZObject) => attio(z, { path: '/self', action: 'check your connection' }),
      makeBundle({ authData: { access_token: malformed } }),
    ).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('Token \\"[redacted]\\" was not recognised');
    expect(err.message).not.toContain(malformed);
  });

  it('quotes no token a 401 answer echoes, in the message or the "What happened" core appends to ExpiredAuthError', async () => {
    const token = `tok-${'0123456789abcdef'.repeat(4)}`;
    nock(ATTIO, { reqheaders: { authorization: `Bearer ${token}` } })
      .get(`/v2/objects/people/records/${RECORD_ID}`)
      .reply(401, { status_code: 401, type: 'auth_error', code: 'invalid_token', message: `Bearer ${token} is not valid` });
    const err = (await appTester((z: ZObject) => attio(z, getRecord), makeBundle({ authData: { access_token: token } }), true).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ name: 'ExpiredAuthError' });
    expect(err.message).toContain('Reconnect your Attio account in Zapier.');
    expect(err.message).toContain('Received 401 code');
    expect(err.message).not.toContain(token.slice(0, 12));
  });

  it('does not forward the token when Attio (or something in between) redirects to another host', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(302, '', { Location: 'https://attio.com/elsewhere' });
    const elsewhere = nock('https://attio.com', { badheaders: ['authorization'] }).get('/elsewhere').reply(200, { data: {} });
    await run(getRecord);
    elsewhere.done();
  });

  it('reads Attio error codes as own keys only (a code of "constructor" adds no hint)', async () => {
    attioScope().get(`/v2/objects/people/records/${RECORD_ID}`).reply(400, attioErrorBody(400, 'constructor', 'Odd'));
    const err = (await run(getRecord).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('Attio could not fetch the person. Attio said: Odd.');
    expect(err.message).not.toContain('function');
  });

  it('encodes path segments', () => {
    expect(path`/objects/${'a/b c'}/records`).toBe('/objects/a%2Fb%20c/records');
  });
});

describe('contract guard', () => {
  it('fails a request whose body does not match Attio\'s spec', async () => {
    attioScope()
      .put('/v2/objects/people/records', { data: { values: { email_addresses: 'ada@example.com' } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(200, { data: {} });
    await run({
      method: 'PUT',
      path: '/objects/people/records',
      params: { matching_attribute: 'email_addresses' },
      body: { data: { values: { email_addresses: 'ada@example.com' } } },
      action: 'create or update the person',
    });
    // Taken here so this deliberate violation does not fail the test in afterEach.
    expect(takeViolations()).toEqual(['PUT /v2/objects/people/records: body/data/values/email_addresses must be array']);
  });

  it('fails an attribute value that is no input-value shape (the item schema the spec leaves out)', async () => {
    // The spec's value schemas are loose (several have no required keys): this catches null and nested arrays.
    const body = { data: { values: { name: [null] } } };
    attioScope().put('/v2/objects/people/records', body).query({ matching_attribute: 'email_addresses' }).reply(200, { data: {} });
    await run({
      method: 'PUT',
      path: '/objects/people/records',
      params: { matching_attribute: 'email_addresses' },
      body,
      action: 'create or update the person',
    });
    expect(takeViolations()).toContain('PUT /v2/objects/people/records: body/data/values/name/0 must match a schema in anyOf');
  });

  it('fails a request to an endpoint the spec does not have, and a missing required query parameter', async () => {
    attioScope().get('/v2/people').reply(200, {});
    attioScope().put('/v2/objects/people/records', { data: { values: {} } }).reply(200, {});
    await run({ path: '/people', action: 'list people' });
    await run({ method: 'PUT', path: '/objects/people/records', body: { data: { values: {} } }, action: 'assert' });
    expect(takeViolations()).toEqual([
      "GET /v2/people: no such endpoint in Attio's spec",
      'PUT /v2/objects/people/records: query parameter matching_attribute is required',
    ]);
  });

  it('accepts a record referenced by a unique attribute (the spec\'s placeholder property erratum)', async () => {
    const task = {
      content: 'Follow up',
      format: 'plaintext',
      deadline_at: null,
      is_completed: false,
      linked_records: [{ target_object: 'people', email_addresses: [{ email_address: 'ada@example.com' }] }],
      assignees: [],
    };
    attioScope().post('/v2/tasks', { data: task }).reply(200, { data: {} });
    await run({ method: 'POST', path: '/tasks', body: { data: task }, action: 'create the task' });
    expect(takeViolations()).toEqual([]);
  });
});

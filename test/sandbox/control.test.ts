// The sandbox's control routes (/__sandbox: faults, rate limits, objects, stats; loopback only) and the
// `npm run sandbox` command line that sets faults, limits, token behaviour and inactive objects at start.
import http from 'node:http';
import { CliUsageError, parseArgs } from '../../sandbox/cli';
import { handleControl, isLoopbackAddress, isLoopbackHost, parseFault, type ControlActions } from '../../sandbox/control';
import { RequestCounters } from '../../sandbox/counters';
import { FaultInjector } from '../../sandbox/faults';
import { RateLimiter } from '../../sandbox/ratelimit';
import { Schema } from '../../sandbox/schema';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { perform as createPerson } from '../../src/creates/create_person';
import { appTester, makeBundle } from '../helpers/app';
import { person, useSandbox, type ErrorBody } from './helpers';

interface ControlReply<T = unknown> {
  status: number;
  body: T;
}

interface FaultJson {
  id: string;
  remaining: number;
  fault: Record<string, unknown>;
}

interface StatsJson {
  requests: { total: number; byOperation: Record<string, number>; byStatus: Record<string, number>; synthetic: { fault: number; rate_limit: number } };
  rate_limits: { enabled: boolean; limits: { read: number; write: number }; allowed: { read: number; write: number }; rejected: { read: number; write: number } };
  faults: FaultJson[];
}

const { api, sandbox } = useSandbox();

/** Calls a control route with fetch, JSON in and out, no token. */
async function control<T = unknown>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<ControlReply<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json', ...headers };
  }
  const res = await fetch(`${sandbox().controlUrl}${route}`, init);
  return { status: res.status, body: (await res.json()) as T };
}

describe('control routes', () => {
  // reset() keeps the limits: put back the file's default (off) after tests that change them.
  afterEach(() => sandbox().setRateLimits(false));

  it('injects a fault from outside the process: the next matching API request answers it', async () => {
    expect(sandbox().controlUrl).toBe(`http://127.0.0.1:${sandbox().port}/__sandbox`);
    const added = await control<{ data: FaultJson }>('POST', '/faults', { status: 503, times: 2, method: 'post', path: '/v2/objects/{object}/records/query' });
    expect(added).toEqual({
      status: 201,
      body: { data: { id: expect.any(String), remaining: 2, fault: { status: 503, times: 2, method: 'POST', path: '/v2/objects/{object}/records/query' } } },
    });
    expect((await api().get('/objects')).status).toBe(200);
    expect((await api().post('/objects/people/records/query', {})).body).toMatchObject({ status_code: 503, code: 'service_unavailable' });
    expect((await control<{ data: FaultJson[] }>('GET', '/faults')).body.data).toEqual([{ ...added.body.data, remaining: 1 }]);
    expect((await api().post('/objects/companies/records/query', {})).status).toBe(503);
    expect((await api().post('/objects/companies/records/query', {})).status).toBe(200);
    expect((await control<{ data: FaultJson[] }>('GET', '/faults')).body.data).toEqual([]);

    // The stats count API requests only (not the control calls), with the synthetic answers apart.
    const stats = await control<{ data: StatsJson }>('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.data.requests).toEqual({
      total: 4,
      byOperation: { 'GET /v2/objects': 1, 'POST /v2/objects/{object}/records/query': 3 },
      byStatus: { '200': 2, '503': 2 },
      synthetic: { fault: 2, rate_limit: 0 },
    });
    expect(stats.body.data.rate_limits).toMatchObject({ enabled: false });
    expect((await control<{ data: StatsJson }>('DELETE', '/stats')).body.data.requests.total).toBe(0);
    expect(sandbox().counterSnapshot().total).toBe(0);
  });

  it('lets an app run see its retries: two injected 429s, then the write goes through once', async () => {
    const apiUrl = process.env.ATTIO_API_URL;
    process.env.ATTIO_API_URL = sandbox().url;
    try {
      const fault = { status: 429, times: 2, method: 'PUT', path: '/v2/objects/{object}/records', retryAfter: '0' };
      expect((await control('POST', '/faults', fault)).status).toBe(201);
      const result = await appTester(createPerson, makeBundle({ inputData: { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' } }));
      expect(result).toMatchObject({ email_addresses: ['ada@example.com'] });
      const stats = (await control<{ data: StatsJson }>('GET', '/stats')).body.data;
      expect(stats.requests.byOperation['PUT /v2/objects/{object}/records']).toBe(3);
      expect(stats.requests.synthetic).toEqual({ fault: 2, rate_limit: 0 });
      expect(sandbox().requestLog().filter((e) => e.method === 'PUT').map((e) => [e.status, e.synthetic ?? null])).toEqual([
        [429, 'fault'],
        [429, 'fault'],
        [200, null],
      ]);
      // The app sends all three name keys, which the sandbox requires of the object form.
      expect(sandbox().listRecords('people').map((r) => r.values.name?.[0])).toEqual([
        expect.objectContaining({ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }),
      ]);
    } finally {
      if (apiUrl === undefined) delete process.env.ATTIO_API_URL;
      else process.env.ATTIO_API_URL = apiUrl;
    }
  });

  it('clears one fault or all of them', async () => {
    const a = (await control<{ data: FaultJson }>('POST', '/faults', { status: 500, times: 3 })).body.data;
    const b = (await control<{ data: FaultJson }>('POST', '/faults', { delayMs: 50, path: '/v2/self' })).body.data;
    await control('POST', '/faults', { status: 429, retryAfter: '3' });
    expect(await control('DELETE', `/faults/${a.id}`)).toEqual({ status: 200, body: { data: { cleared: 1 } } });
    expect(await control('DELETE', `/faults/${a.id}`)).toMatchObject({ status: 404, body: { status_code: 404, code: 'not_found' } });
    expect((await control<{ data: FaultJson[] }>('GET', '/faults')).body.data.map((f) => f.id)).toEqual([b.id, expect.any(String)]);
    expect(await control('DELETE', '/faults')).toEqual({ status: 200, body: { data: { cleared: 2 } } });
    expect((await api().get('/self')).status).toBe(200);
  });

  it('is not subject to injected faults, tokens, rate limits or the spec', async () => {
    // A fault on every request: the control routes still answer, and do not use it up.
    sandbox().inject({ status: 503, times: 5 });
    sandbox().setRateLimits({ readsPerSecond: 1, writesPerSecond: 1 });
    for (let i = 0; i < 3; i++) expect((await control('GET', '/stats')).status).toBe(200);
    const faults = (await control<{ data: FaultJson[] }>('GET', '/faults')).body.data;
    expect(faults).toEqual([{ id: expect.any(String), remaining: 5, fault: { status: 503, times: 5 } }]);
    // An in-process RegExp path is listed as its source.
    sandbox().inject({ status: 500, path: /\/self$/ });
    expect((await control<{ data: FaultJson[] }>('GET', '/faults')).body.data[1]?.fault).toEqual({ status: 500, path: '/\\/self$/' });
    expect(sandbox().counterSnapshot().total).toBe(0);
    // Only under /__sandbox: the same path under /v2 is an (unknown) Attio route.
    const underV2 = await api().post('/__sandbox/faults', { status: 500 });
    expect(underV2.body).toMatchObject({ status_code: 503 });
    sandbox().clearFaults();
    expect((await api().post('/__sandbox/faults', { status: 500 })).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });

  it('sets the rate limits, or turns them off', async () => {
    const set = await control<{ data: StatsJson['rate_limits'] }>('PUT', '/rate-limits', { writesPerSecond: 1 });
    expect(set).toMatchObject({ status: 200, body: { data: { enabled: true, limits: { read: 100, write: 1 } } } });
    const writes = await Promise.all([0, 1, 2].map((i) => api().post('/objects/people/records', person(`w${i}@example.com`))));
    expect(writes.filter((r) => r.status === 429)).not.toHaveLength(0);
    const rejected = (await control<{ data: StatsJson }>('GET', '/stats')).body.data.requests.synthetic.rate_limit;
    expect(rejected).toBeGreaterThan(0);
    expect((await control<{ data: StatsJson['rate_limits'] }>('PUT', '/rate-limits', false)).body.data.enabled).toBe(false);
    const free = await Promise.all([3, 4, 5].map((i) => api().post('/objects/people/records', person(`w${i}@example.com`))));
    expect(free.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await control('PUT', '/rate-limits', { writesPerSecond: 0 })).status).toBe(400);
    expect((await control('PUT', '/rate-limits', { perMinute: 5 })).status).toBe(400);
  });

  it('rejects bad faults with 400, bodies that are not JSON with 415, and unknown routes with 404', async () => {
    const cases: Array<[unknown, string]> = [
      [{ status: 200 }, '"status" must be an HTTP error status from 400 to 599.'],
      [{ times: 2 }, 'A fault needs a "status", a "dropConnection", a "delayMs"'],
      [{ status: 500, when: 'now' }, 'Unknown fault option(s): when.'],
      [{ status: 500, times: 0 }, '"times" must be a whole number of at least 1.'],
      [{ status: 500, method: 'TRACE' }, '"method" must be one of GET, POST, PUT, PATCH, DELETE.'],
      [{ status: 500, path: 'objects' }, '"path" must be a string starting with "/"'],
      [{ status: 500, retryAfter: '1' }, '"retryAfter" only applies to "status": 429.'],
      [{ delayMs: 10, afterHandling: true }, '"afterHandling" needs a "status"'],
      [{ delayMs: 10_000_000 }, '"delayMs" must be a number of milliseconds'],
      [[429], 'A fault is a JSON object'],
    ];
    for (const [body, message] of cases) {
      const res = await control<ErrorBody>('POST', '/faults', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'invalid_control_request' });
      expect(res.body.message).toContain(message);
    }
    expect((await control<ErrorBody>('POST', '/faults', '{"status":')).body.message).toBe('The body is not valid JSON.');
    const plain = await control<ErrorBody>('POST', '/faults', '{"status":500}', { 'Content-Type': 'text/plain' });
    expect(plain).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect((await control<ErrorBody>('GET', '/nope')).body).toMatchObject({ status_code: 404, code: 'not_found' });
    expect((await control<ErrorBody>('GET', '/nope')).body.message).toContain('GET|POST|DELETE /__sandbox/faults');
    expect(await control<FaultJson[]>('GET', '/faults')).toEqual({ status: 200, body: { data: [] } });
  });

  it('answers only loopback clients that name the sandbox by a loopback host', async () => {
    const viaHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: sandbox().port, path: '/__sandbox/stats', headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await viaHost(`localhost:${sandbox().port}`)).toBe(200);
    expect(await viaHost(`[::1]:${sandbox().port}`)).toBe(200);
    expect(await viaHost(`attacker.example:${sandbox().port}`)).toBe(403);
    // The sandbox listens on 127.0.0.1 only, so a remote peer is shown through the handler itself.
    const refuse = () => Promise.reject(new Error('not reached'));
    const actions = { act: refuse, recompute: refuse, createCallRecording: refuse, finishTranscript: refuse, resolveComment: refuse } as unknown as ControlActions;
    const deps = { faults: new FaultInjector(), limiter: new RateLimiter(Date.now), counters: new RequestCounters(), schema: new Schema(), actions };
    const remote = await handleControl(
      { method: 'POST', path: '/__sandbox/faults', headers: { host: '127.0.0.1:4010', 'content-type': 'application/json' }, remoteAddress: '192.168.1.20', raw: '{"status":500}' },
      deps,
    );
    expect(remote).toMatchObject({ status: 403, body: { status_code: 403, code: 'forbidden' } });
    expect(deps.faults.list()).toEqual([]);
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '192.168.1.20', '', undefined, '127.0.0.1.example'].map(isLoopbackAddress)).toEqual([false, false, false, false, false, false]);
    expect(['localhost', '127.0.0.1:80', '[::1]:4010'].map(isLoopbackHost)).toEqual([true, true, true]);
    expect(['localhost.evil.example', '127.0.0.1.nip.io', undefined].map(isLoopbackHost)).toEqual([false, false, false]);
  });

  it('can be turned off', async () => {
    let plain: Sandbox | undefined;
    try {
      plain = await startSandbox({ control: false, rateLimits: false });
      const res = await fetch(`${plain.controlUrl}/stats`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found', message: 'Route not found: GET /__sandbox/stats' });
    } finally {
      await plain?.stop();
    }
  });
});

describe('npm run sandbox: command line', () => {
  it('has Attio\'s limits, sample data and no faults by default', () => {
    expect(parseArgs([], {})).toEqual({
      port: 0,
      sampleData: true,
      rateLimits: {},
      malformedTokens: [],
      revokedTokens: [],
      apiTokens: [],
      inactiveObjects: [],
      faults: [],
      quiet: false,
      help: false,
    });
    expect(parseArgs([], { PORT: '4010' }).port).toBe(4010);
  });

  it('sets limits, faults and token behaviour', () => {
    const opts = parseArgs(
      [
        '--port=4011',
        '--empty',
        '--writes-per-second',
        '5',
        '--reads-per-second=20',
        '--fault',
        '{"status":429,"times":3,"method":"PUT","path":"/v2/objects/{object}/records"}',
        '--fault={"delayMs":250}',
        '--malformed-token',
        'garbled',
        '--revoked-token',
        'old',
        '--api-token=workspace-key',
        '--inactive-object',
        'users',
        '--inactive-object=workspaces',
        '--quiet',
      ],
      {},
    );
    expect(opts).toEqual({
      port: 4011,
      sampleData: false,
      rateLimits: { writesPerSecond: 5, readsPerSecond: 20 },
      malformedTokens: ['garbled'],
      revokedTokens: ['old'],
      apiTokens: ['workspace-key'],
      inactiveObjects: ['users', 'workspaces'],
      faults: [{ status: 429, times: 3, method: 'PUT', path: '/v2/objects/{object}/records' }, { delayMs: 250 }],
      quiet: true,
      help: false,
    });
    expect(parseArgs(['--no-rate-limits'], {}).rateLimits).toBe(false);
    expect(parseArgs(['--no-rate-limit'], {}).rateLimits).toBe(false);
  });

  it('refuses mistakes with a message saying what to fix', () => {
    const cases: Array<[string[], string]> = [
      [['--writes-per-second', '0'], '--writes-per-second needs a whole number of at least 1, not "0".'],
      [['--reads-per-second', '2.5'], '--reads-per-second needs a whole number of at least 1, not "2.5".'],
      [['--writes-per-second'], '--writes-per-second needs a value.'],
      [['--no-rate-limits', '--writes-per-second', '3'], '--no-rate-limits cannot be combined with --reads-per-second or --writes-per-second.'],
      [['--fault', '{status:429}'], '--fault needs JSON'],
      [['--fault', '{"status":429,"every":2}'], '--fault: Unknown fault option(s): every.'],
      [['--port', '70000'], 'Invalid port: 70000.'],
      [['--verbose'], 'Unknown option --verbose.'],
      [['--inactive-object', 'planets'], '--inactive-object: no object "planets" (known: people, companies, deals, users, workspaces, projects).'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseArgs(argv, {})).toThrow(CliUsageError);
      expect(() => parseArgs(argv, {})).toThrow(message);
    }
  });

  it('checks --fault like the control route does', () => {
    expect(parseFault({ status: 503, method: 'get' })).toEqual({ status: 503, method: 'GET' });
  });
});

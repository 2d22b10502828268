// The local Attio sandbox: an HTTP server on 127.0.0.1 speaking the part of Attio API v2 this app uses,
// with Attio's semantics (see sandbox/README.md). Start it in-process with `startSandbox()`, or alone
// with `npm run sandbox`. State lives in memory; nothing is sent off this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSpecValidator, type SpecRequest } from '../spec/validator';
import { Clock, newId, stableId } from './clock';
import { RequestCounters, type CounterSnapshot, type RequestLogEntry } from './counters';
import { notFound, SandboxError, type ValidationIssue } from './errors';
import { CONTROL_PREFIX, handleControl, isControlPath } from './control';
import { FaultInjector, type Fault, type FaultHandle } from './faults';
import { RateLimiter, requestKind, retryAfterHeader, type RateLimits, type RateLimitStats } from './ratelimit';
import { matchRoute, runRoute, type Deps, type RequestContext, type RouteMatch } from './router';
import { Schema } from './schema';
import { Activities } from './activities';
import { Comments } from './comments';
import { seedSampleData } from './seed';
import { Store, type QueryBody, type UpdateMode } from './store';
import type { Actor, Json, JsonObject } from './types';
import { commentJson, entryJson, noteJson, recordJson, taskJson, type EntryJson, type RecordJson } from './views';
import { WebhookHub, type WebhookDelivery, type WebhookOptions, type WebhookRow, type WebhookSubscription } from './webhooks';

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /**
   * Bearer tokens the sandbox accepts. Default: any non-empty token (so a Zapier test bundle's token
   * works) except revoked ones. Set a list to make every other token behave like a revoked one.
   */
  tokens?: string[];
  /** Tokens treated as revoked: /v2/self answers 200 {active:false}, every other endpoint 401. */
  revokedTokens?: string[];
  /**
   * Tokens treated as malformed (not a token Attio could ever have issued, e.g. a truncated paste):
   * /v2/self answers 400 missing_value "Token was not recognised, …", every other endpoint 401.
   */
  malformedTokens?: string[];
  /** Attio's limits (100 reads/s, 25 writes/s) by default; `false` turns limiting off. */
  rateLimits?: RateLimits | false;
  /** Validate every request against spec/attio-openapi.json (default true), as Attio does. */
  validate?: boolean;
  /** Seed a few companies, people, a pipeline entry and a project (default false). */
  sampleData?: boolean;
  /**
   * Objects (slugs or ids) that are not activated, as users, workspaces and deals are in a new Attio
   * workspace: every API call naming them answers 404 not_found and GET /v2/objects leaves them out.
   * Default: none (every object active). Sample data is written before they are deactivated.
   */
  inactiveObjects?: string[];
  workspace?: { name?: string; slug?: string };
  /** Webhook delivery: custom transport, loopback POSTs, retries. */
  webhooks?: WebhookOptions;
  /** Clock in epoch ms (rate-limit windows, timestamps). Tests freeze it. */
  now?: () => number;
  /** Called with one line per request (the CLI prints them). */
  log?: (line: string) => void;
  /** Serve the loopback-only control routes under /__sandbox (faults, rate limits, stats); default true. */
  control?: boolean;
}

export interface QueryOptions extends QueryBody {
  filter?: Record<string, unknown>;
}

export interface HelperOptions {
  /** Who made the change (default: the first workspace member, as if done in Attio's UI). */
  actor?: Actor;
}

export interface Sandbox {
  /** API base to use as ATTIO_API_URL, e.g. http://127.0.0.1:52731/v2 */
  readonly url: string;
  /** Base of the control routes (not Attio's API), e.g. http://127.0.0.1:52731/__sandbox */
  readonly controlUrl: string;
  readonly port: number;
  /** A token the sandbox accepts (the first configured one, or "sandbox-token"). */
  readonly token: string;
  readonly schema: Schema;
  /** The state: records and entries. Prefer the helpers below for writes. */
  readonly state: Store;
  /** Notes and tasks. */
  readonly activities: Activities;
  readonly hub: WebhookHub;
  readonly counters: RequestCounters;
  /** Every webhook delivery so far (attempts and redeliveries included), oldest first. */
  readonly deliveries: readonly WebhookDelivery[];
  stop(): Promise<void>;
  /**
   * Forgets all records, entries, notes, tasks, comments, webhooks, deliveries, faults and counters;
   * objects are active or not again as `inactiveObjects` says.
   */
  reset(options?: { sampleData?: boolean }): void;

  // Traffic control
  inject(fault: Fault): FaultHandle;
  clearFaults(): void;
  setRateLimits(limits: RateLimits | false): void;
  rateLimitStats(): RateLimitStats;
  revokeToken(token: string): void;
  /** From now on the token is malformed: /v2/self answers 400 missing_value, everything else 401. */
  markTokenMalformed(token: string): void;
  /** Activates or deactivates an object (slug or id) from now on; an unknown object throws 404 not_found. */
  setObjectActive(object: string, active: boolean): void;
  counterSnapshot(): CounterSnapshot;
  resetCounters(): void;
  requestLog(): readonly RequestLogEntry[];

  // In-process writes (same semantics and webhooks as the API; errors throw SandboxError)
  createRecord(object: string, values: Record<string, unknown>, options?: HelperOptions): RecordJson;
  assertRecord(object: string, matchingAttribute: string, values: Record<string, unknown>, options?: HelperOptions): RecordJson;
  updateRecord(object: string, recordId: string, values: Record<string, unknown>, mode?: UpdateMode, options?: HelperOptions): RecordJson;
  deleteRecord(object: string, recordId: string, options?: HelperOptions): void;
  addEntry(list: string, parentObject: string, parentRecordId: string, entryValues?: Record<string, unknown>, options?: HelperOptions): EntryJson;
  /** Subscribes any target URL (http loopback receivers included; the API itself requires https). */
  createWebhook(targetUrl: string, subscriptions: WebhookSubscription[]): WebhookRow;

  // In-process reads
  listRecords(object: string, query?: QueryOptions): RecordJson[];
  getRecord(object: string, recordId: string): RecordJson | undefined;
  listEntries(list: string, query?: QueryOptions): EntryJson[];
  notes(): JsonObject[];
  tasks(): JsonObject[];
  comments(): JsonObject[];
  webhooks(): JsonObject[];

  // Webhook deliveries
  redeliver(deliveryId: string): WebhookDelivery;
  waitForDelivery(match?: (d: WebhookDelivery) => boolean, timeoutMs?: number): Promise<WebhookDelivery>;
  /** Waits until every in-flight loopback POST has been answered. */
  settleDeliveries(): Promise<void>;
}

export const DEFAULT_TOKEN = 'sandbox-token';

const SCOPES = [
  'record_permission:read-write',
  'object_configuration:read',
  'list_entry:read-write',
  'list_configuration:read',
  'note:read-write',
  'task:read-write',
  'user_management:read',
  'webhook:read-write',
].join(' ');

interface Reply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
  synthetic?: 'fault' | 'rate_limit';
}

const errorReply = (err: SandboxError, headers?: Record<string, string>): Reply => ({ status: err.status, body: err.toJSON(), headers });

/** Ajv messages from spec/validator.ts → Attio-style validation_errors. */
function toIssues(lines: string[]): ValidationIssue[] {
  return lines.map((line) => {
    const detail = line.replace(/^[A-Z]+ \S+: /, '');
    const body = /^body(\/\S*)? (.*)$/.exec(detail);
    const param = /^(query|path) parameter (\S+) (.*)$/.exec(detail);
    let path: Array<string | number> = [];
    let message = detail;
    if (body) {
      path = (body[1] ?? '')
        .split('/')
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      message = body[2] as string;
      const required = /^must have required property '(.+)'$/.exec(message);
      if (required) path.push(required[1] as string);
    } else if (param) {
      path = [param[1] as string, param[2] as string];
      message = param[3] as string;
    }
    const code = /required property|^must be (string|number|integer|boolean|array|object|null)/.test(message)
      ? 'invalid_type'
      : /additional properties/.test(message)
        ? 'unrecognized_keys'
        : /allowed values|must be equal to constant/.test(message)
          ? 'invalid_enum_value'
          : /must match (format|pattern)/.test(message)
            ? 'invalid_string'
            : /must NOT have more|must be <=/.test(message)
              ? 'too_big'
              : /must NOT have fewer|must be >=/.test(message)
                ? 'too_small'
                : 'custom';
    return { code, path, message };
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  // Attio also accepts the token as the Basic-auth user name.
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

function faultReply(fault: Fault, now: number): Reply {
  const status = fault.status as number;
  const defaults: Record<number, [string, string, string]> = {
    429: ['rate_limit_error', 'rate_limit_exceeded', 'Rate limit exceeded, please try again later'],
    409: ['invalid_request_error', 'concurrent_write_conflict', 'A concurrent write conflicted with this request; please retry.'],
    500: ['api_error', 'internal_server_error', 'An unexpected error occurred.'],
    502: ['api_error', 'bad_gateway', 'Bad gateway.'],
    503: ['api_error', 'service_unavailable', 'The service is temporarily unavailable.'],
    504: ['api_error', 'gateway_timeout', 'Gateway timeout.'],
  };
  const [type, code, message] = defaults[status] ?? [status >= 500 ? 'api_error' : 'invalid_request_error', `http_${status}`, `Injected ${status}.`];
  const err = new SandboxError(status, type as SandboxError['type'], fault.code ?? code, fault.message ?? message);
  const headers: Record<string, string> | undefined =
    status === 429 ? { 'Retry-After': fault.retryAfter ?? retryAfterHeader((Math.floor(now / 1000) + 1) * 1000) } : undefined;
  return { ...errorReply(err, headers), synthetic: 'fault' };
}

/** Starts the sandbox on 127.0.0.1 and resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new Clock(options.now ?? Date.now);
  const schema = new Schema(options.workspace);
  const store = new Store(schema, clock);
  const hub = new WebhookHub(schema, clock, options.webhooks);
  store.onEvent((e) => hub.handle(e));
  const activities = new Activities(store);
  const comments = new Comments(store);
  const limiter = new RateLimiter(clock.now, options.rateLimits);
  const faults = new FaultInjector();
  const counters = new RequestCounters();
  const validate = options.validate === false ? undefined : createSpecValidator();
  const accepted = options.tokens ? new Set(options.tokens) : undefined;
  const revoked = new Set(options.revokedTokens ?? []);
  const malformed = new Set(options.malformedTokens ?? []);
  const issuedAt = Math.floor(clock.now() / 1000);
  const owner = schema.members[0];
  const memberActor = (): Actor => ({ type: 'workspace-member', id: owner?.id ?? null });
  const deps: Deps = {
    schema,
    store,
    activities,
    comments,
    hub,
    self: () => ({
      active: true,
      scope: SCOPES,
      client_id: 'attio-sandbox',
      token_type: 'Bearer',
      exp: null,
      iat: issuedAt,
      sub: schema.workspace.id,
      aud: 'attio-sandbox',
      iss: 'attio.com',
      authorized_by_workspace_member_id: owner?.id ?? schema.workspace.id,
      workspace_id: schema.workspace.id,
      workspace_name: schema.workspace.name,
      workspace_slug: schema.workspace.slug,
      workspace_logo_url: null,
    }),
  };
  const setObjectActive = (object: string, active: boolean): void => {
    if (!schema.setObjectActive(object, active)) throw notFound(`Object with slug/ID "${object}" not found.`);
  };
  /** Sample data (if asked), then the objects that are not activated. */
  const populate = (sampleData: boolean | undefined): void => {
    for (const o of schema.objects) schema.setObjectActive(o.id, true);
    if (sampleData) seedSampleData(store, memberActor());
    for (const o of options.inactiveObjects ?? []) setObjectActive(o, false);
  };
  populate(options.sampleData);

  const isActive = (token: string) => !revoked.has(token) && (!accepted || accepted.has(token));

  function answer(match: RouteMatch, method: string, path: string, url: URL, headers: http.IncomingHttpHeaders, raw: string): Reply {
    if (!match.route) {
      const message = match.template ? `${method} is not supported on ${match.template}.` : `Route not found: ${method} ${path}`;
      return errorReply(new SandboxError(404, 'invalid_request_error', 'not_found', message));
    }
    const token = tokenOf(headers.authorization);
    if (!token) {
      return errorReply(
        new SandboxError(401, 'auth_error', 'unauthorized', 'Authentication required: send the access token as "Authorization: Bearer <token>".'),
      );
    }
    if (malformed.has(token) && match.route.template === '/v2/self') {
      // Observed on Attio: /v2/self answers a malformed token with 400 missing_value, not 200 {active:false}.
      return errorReply(
        new SandboxError(400, 'invalid_request_error', 'missing_value', 'Token was not recognised, check that it is a valid Attio access token.'),
      );
    }
    const tokenActive = !malformed.has(token) && isActive(token);
    if (!tokenActive && match.route.template !== '/v2/self') {
      return errorReply(
        new SandboxError(401, 'auth_error', 'unauthorized', 'The API Key provided could not be found. This is most commonly caused by the token having been revoked.'),
      );
    }
    const limit = limiter.take(requestKind(method, path));
    if (!limit.ok) {
      const err = new SandboxError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate limit exceeded, please try again later');
      return { ...errorReply(err, { 'Retry-After': retryAfterHeader(limit.retryAt) }), synthetic: 'rate_limit' };
    }
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return errorReply(new SandboxError(400, 'invalid_request_error', 'validation_type', 'Body payload validation error: the body is not valid JSON.'));
      }
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
    }
    // Attio takes a single value where its spec types a list ("name": "Attio" in its own docs): read as a list of one.
    body = singleValuesAsLists(body);
    if (validate) {
      const problems = validate({ method, path, query, body } satisfies SpecRequest);
      if (problems.length) {
        const issues = toIssues(problems);
        const where = issues.every((i) => i.path[0] === 'query' || i.path[0] === 'path') ? 'Query parameter validation error.' : 'Body payload validation error.';
        return errorReply(new SandboxError(400, 'invalid_request_error', 'validation_type', where, issues));
      }
    }
    const ctx: RequestContext = {
      method,
      path,
      params: match.params,
      query,
      body,
      actor: { type: 'api-token', id: stableId(`token:${token}`) },
      tokenActive,
    };
    try {
      const result = runRoute(match.route, ctx, deps);
      return { status: result.status ?? 200, body: result.body };
    } catch (err) {
      if (err instanceof SandboxError) return errorReply(err);
      options.log?.(`sandbox error on ${method} ${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return errorReply(new SandboxError(500, 'api_error', 'internal_server_error', 'An unexpected error occurred in the sandbox.'));
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = clock.now();
    const startedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/(.)\/+$/, '$1');
    const raw = await readBody(req);
    if (options.control !== false && isControlPath(path)) {
      // Before faults, auth, rate limits, spec validation and counters: the control routes are not
      // Attio's API, and must keep answering while faults are injected.
      const reply = handleControl(
        { method, path, headers: req.headers, remoteAddress: req.socket.remoteAddress, raw },
        { faults, limiter, counters, schema },
      );
      const payload = JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
      options.log?.(`${method} ${path} → ${reply.status} (control)`);
      return;
    }
    const match = matchRoute(method, path);
    const known = match.route ? match.route.template : match.template;
    const template = known ?? '(unmatched)';
    const fault = faults.take(method, path, known);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    let reply: Reply;
    if (fault?.status !== undefined && !fault.afterHandling) {
      reply = faultReply(fault, clock.now());
    } else {
      reply = answer(match, method, path, url, req.headers, raw);
      if (fault?.status !== undefined) reply = faultReply(fault, clock.now());
    }
    const payload = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(payload)),
      'x-attio-execution-id': newId(),
      ...reply.headers,
    });
    res.end(payload);
    const entry: RequestLogEntry = {
      method,
      path,
      template,
      operation: `${method} ${template}`,
      status: reply.status,
      at,
      durationMs: Date.now() - startedAt,
      ...(reply.synthetic ? { synthetic: reply.synthetic } : {}),
    };
    counters.record(entry);
    options.log?.(`${method} ${path}${url.search} → ${reply.status}${reply.synthetic ? ` (${reply.synthetic})` : ''} ${entry.durationMs} ms`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log?.(`sandbox failure: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status_code: 500, type: 'api_error', code: 'internal_server_error', message: 'Sandbox failure.' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const actorOf = (o?: HelperOptions): Actor => o?.actor ?? memberActor();

  return {
    url: `http://127.0.0.1:${port}/v2`,
    controlUrl: `http://127.0.0.1:${port}${CONTROL_PREFIX}`,
    port,
    token: options.tokens?.[0] ?? DEFAULT_TOKEN,
    schema,
    state: store,
    activities,
    hub,
    counters,
    get deliveries() {
      return hub.deliveries;
    },
    async stop() {
      hub.close();
      await hub.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    reset(o) {
      store.reset();
      activities.reset();
      comments.reset();
      hub.reset();
      faults.clear();
      counters.reset();
      limiter.resetStats();
      populate(o?.sampleData ?? options.sampleData);
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => void faults.clear(),
    setRateLimits: (limits) => limiter.configure(limits),
    rateLimitStats: () => limiter.stats(),
    revokeToken: (token) => void revoked.add(token),
    markTokenMalformed: (token) => void malformed.add(token),
    setObjectActive,
    counterSnapshot: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    requestLog: () => counters.log,
    createRecord: (object, values, o) => recordJson(schema, store.createRecord(object, values, actorOf(o))),
    assertRecord: (object, matching, values, o) => recordJson(schema, store.assertRecord(object, matching, values, actorOf(o))),
    updateRecord: (object, id, values, mode = 'append', o) => recordJson(schema, store.updateRecord(object, id, values, mode, actorOf(o))),
    deleteRecord: (object, id, o) => store.deleteRecord(object, id, actorOf(o)),
    addEntry: (list, parentObject, parentRecordId, entryValues = {}, o) =>
      entryJson(schema, store.createEntry(list, { parent_object: parentObject, parent_record_id: parentRecordId, entry_values: entryValues }, actorOf(o))),
    createWebhook: (targetUrl, subscriptions) => hub.create(targetUrl, subscriptions),
    listRecords: (object, query = {}) => store.queryRecords(object, { limit: Number.MAX_SAFE_INTEGER, ...query }).map((r) => recordJson(schema, r)),
    getRecord: (object, id) => {
      const row = store.rowsOf(store.object(object)).get(id);
      return row ? recordJson(schema, row) : undefined;
    },
    listEntries: (list, query = {}) => store.queryEntries(list, { limit: Number.MAX_SAFE_INTEGER, ...query }).map((e) => entryJson(schema, e)),
    notes: () => [...activities.notes.values()].map((n) => noteJson(schema, n)),
    tasks: () => [...activities.tasks.values()].map((t) => taskJson(schema, t)),
    comments: () => [...comments.comments.values()].map((c) => commentJson(schema, c)),
    webhooks: () => [...hub.webhooks.values()].map((w) => hub.json(w)),
    redeliver: (id) => hub.redeliver(id),
    waitForDelivery: (match, timeoutMs) => hub.waitForDelivery(match, timeoutMs),
    settleDeliveries: () => hub.settle(),
  };
}

export { signWebhookBody } from './webhooks';
export { SandboxError } from './errors';
export type { Fault, FaultHandle } from './faults';
export type { RateLimits } from './ratelimit';
export type { WebhookDelivery, WebhookSubscription } from './webhooks';
export type { RecordJson, EntryJson } from './views';

/**
 * A record or entry write body with every single value in `values` / `entry_values` wrapped in a list:
 * Attio accepts `"name": "Attio"` as well as `"name": ["Attio"]` (its own docs send the former), while its
 * OpenAPI spec, which the sandbox validates against, types each as an array.
 */
export function singleValuesAsLists(body: unknown): unknown {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return body;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of ['values', 'entry_values']) {
    const values = out[key];
    if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
    out[key] = Object.fromEntries(
      Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) || v === null || v === undefined ? v : [v]]),
    );
  }
  return { ...(body as Record<string, unknown>), data: out };
}

// The local Attio sandbox: an HTTP server on 127.0.0.1 speaking the part of Attio API v2 this app uses,
// with Attio's semantics (see sandbox/README.md). Start it in-process with `startSandbox()`, or alone
// with `npm run sandbox`. State lives in memory; nothing is sent off this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock, newId } from './clock';
import { RequestCounters, type CounterSnapshot, type RequestLogEntry } from './counters';
import { notFound } from './errors';
import { CONTROL_PREFIX, handleControl, isControlPath } from './control';
import { inAttio } from './in_attio';
import { FaultInjector, type Fault, type FaultHandle } from './faults';
import { compose, faultStage, knownRoute, limitStage, routeStage, scopeStage, specCheck, tokenStage, validationStage } from './pipeline';
import { RateLimiter, type RateLimits, type RateLimitStats } from './ratelimit';
import { matchRoute, type Deps } from './router';
import { TokenBook } from './tokens';
import { createResponseValidator, createScopeLookup } from '../spec/validator';
import { Schema } from './schema';
import { Activities } from './activities';
import { Comments } from './comments';
import { Meetings, type CallRecordingInput } from './meetings';
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
  /**
   * Workspace API tokens: their writes are stamped `{type: "api-token", id}` (a UUID derived from the
   * token). Every other accepted token is the app's OAuth token: `{type: "app", id: clientId}`.
   */
  apiTokens?: string[];
  /** The OAuth app's client_id, answered by GET /v2/self and used as the `app` actor's id (default APP_CLIENT_ID). */
  clientId?: string;
  /**
   * The OAuth scopes granted to the tokens (default DEFAULT_SCOPES: every scope the app's operations need).
   * An operation needing a scope not granted (per the spec's `security`) answers 403; GET /v2/self lists them.
   */
  scopes?: string[];
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
  /**
   * Check every /v2 answer against the spec's response schemas (spec/validator.ts createResponseValidator:
   * a 2xx against its schema, an error against Attio's envelope); what fails is kept in
   * `responseViolations()`. Default off (it costs time on every answer); the sandbox tests turn it on.
   */
  checkResponses?: boolean;
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
  /** With `checkResponses`: every answer that does not match Attio's spec so far (reset() clears them). */
  responseViolations(): readonly string[];

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

  // Writes "in Attio": as a workspace member in Attio's UI (default: the first member) or as Attio itself
  /** The actor the sandbox's default token writes as (the app: {type: "app", id: client_id}). */
  readonly appActor: Actor;
  /** Any Attio route as `options.actor` (default: the first workspace member), e.g. ('PATCH', '/v2/tasks/{id}', {data: {is_completed: true}}). */
  act(method: string, path: string, body?: unknown, options?: HelperOptions): Promise<{ status: number; body: Json }>;
  /**
   * A system recompute (formula, enrichment) of one attribute of a record or entry: `value` sets it, else the
   * same value is written again; one record.updated / list-entry.updated by {type: "system", id: null}, after `delayMs`.
   */
  recompute(
    target: { object: string; record_id: string } | { list: string; entry_id: string },
    attribute: string,
    options?: { value?: unknown; delayMs?: number },
  ): Promise<JsonObject>;
  /** A meeting with a call recording (transcript null: still processing); publishes call-recording.created. */
  createCallRecording(input: CallRecordingInput, options?: HelperOptions): JsonObject;
  /** The recording's transcript is ready: status "completed". */
  finishTranscript(callRecordingId: string, transcript: NonNullable<CallRecordingInput['transcript']>): JsonObject;
  /** comment.resolved (or comment.unresolved with `resolved` false). */
  resolveComment(commentId: string, resolved?: boolean, options?: HelperOptions): JsonObject;

  // Webhook deliveries
  redeliver(deliveryId: string): WebhookDelivery;
  waitForDelivery(match?: (d: WebhookDelivery) => boolean, timeoutMs?: number): Promise<WebhookDelivery>;
  /** Waits until every in-flight loopback POST has been answered. */
  settleDeliveries(): Promise<void>;
}

export const DEFAULT_TOKEN = 'sandbox-token';


function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the sandbox on 127.0.0.1 and resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new Clock(options.now ?? Date.now);
  const schema = new Schema(options.workspace);
  const store = new Store(schema, clock);
  const hub = new WebhookHub(schema, clock, options.webhooks);
  store.onEvent((e) => hub.handle(e));
  const meetings = new Meetings(store);
  const activities = new Activities(store, (id) => meetings.meetings.has(id));
  const comments = new Comments(store);
  const limiter = new RateLimiter(clock.now, options.rateLimits);
  const faults = new FaultInjector();
  const counters = new RequestCounters();
  const tokens = new TokenBook(options);
  const issuedAt = Math.floor(clock.now() / 1000);
  const owner = schema.members[0];
  const memberActor = (): Actor => ({ type: 'workspace-member', id: owner?.id ?? null });
  const deps: Deps = {
    schema,
    store,
    activities,
    comments,
    hub,
    meetings,
    self: () => tokens.introspection(schema, issuedAt),
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

  // Faults stand for the network and gateway in front of Attio, so they come first: a fault hits whatever
  // the token, and a faulted request uses no rate-limit slot (with afterHandling, the rest runs first).
  const check = options.validate === false ? undefined : specCheck();
  const checkResponse = options.checkResponses ? createResponseValidator() : undefined;
  const violations: string[] = [];
  const pipeline = compose([
    faultStage(faults, clock),
    knownRoute,
    tokenStage(tokens),
    scopeStage(tokens, createScopeLookup()),
    limitStage(limiter),
    validationStage(check),
    routeStage(deps, options.log),
  ]);
  // Writes "in Attio" (control routes, in-process helpers): the route as a given actor, outside the
  // traffic stages (no token, rate limit, fault or counting), still validated against the spec.
  const asActor = compose([knownRoute, validationStage(check), routeStage(deps, options.log)]);
  const attio = inAttio({ schema, store, meetings, comments }, asActor);

  const send = (res: http.ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void => {
    const payload = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(payload)), ...headers });
    res.end(payload);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = clock.now();
    const startedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/(.)\/+$/, '$1');
    const raw = await readBody(req);
    if (options.control !== false && isControlPath(path)) {
      // Outside the pipeline: the control routes are not Attio's API (no token, limits, faults,
      // validation or counting), and must keep answering while faults are injected.
      const reply = await handleControl({ method, path, headers: req.headers, remoteAddress: req.socket.remoteAddress, raw }, { faults, limiter, counters, schema, actions: attio });
      send(res, reply.status, reply.body);
      options.log?.(`${method} ${path} → ${reply.status} (control)`);
      return;
    }
    const match = matchRoute(method, path);
    const reply = await pipeline({ method, path, url, headers: req.headers, raw, match });
    // 501: routes the sandbox does not serve (not an answer Attio would give); synthetic: injected by a test.
    if (checkResponse && !reply.drop && match.route && reply.status !== 501 && reply.synthetic !== 'fault') {
      violations.push(...checkResponse({ method, path, status: reply.status, body: reply.body }));
    }
    if (reply.drop) req.socket.destroy();
    else send(res, reply.status, reply.body, { 'x-attio-execution-id': newId(), ...reply.headers });
    const template = (match.route ? match.route.template : match.template) ?? '(unmatched)';
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
    const outcome = reply.drop ? 'connection dropped' : String(reply.status);
    options.log?.(`${method} ${path}${url.search} → ${outcome}${reply.synthetic ? ` (${reply.synthetic})` : ''} ${entry.durationMs} ms`);
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
      attio.cancelPending();
      hub.close();
      await hub.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    reset(o) {
      attio.cancelPending();
      store.reset();
      meetings.reset();
      activities.reset();
      comments.reset();
      hub.reset();
      faults.clear();
      counters.reset();
      violations.length = 0;
      limiter.resetStats();
      populate(o?.sampleData ?? options.sampleData);
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => void faults.clear(),
    setRateLimits: (limits) => limiter.configure(limits),
    rateLimitStats: () => limiter.stats(),
    revokeToken: (token) => tokens.revoke(token),
    markTokenMalformed: (token) => tokens.markMalformed(token),
    setObjectActive,
    counterSnapshot: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    requestLog: () => counters.log,
    responseViolations: () => violations,
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
    appActor: tokens.actorOf(options.tokens?.[0] ?? DEFAULT_TOKEN),
    act: (method, path, body, o) => attio.act(actorOf(o), method.toUpperCase(), path, body),
    recompute: (target, attribute, o = {}) => attio.recompute({ target, attribute, ...o }),
    createCallRecording: (input, o) => attio.createCallRecording(input, actorOf(o)),
    finishTranscript: attio.finishTranscript,
    resolveComment: (commentId, resolved = true, o) => attio.resolveComment(commentId, resolved, actorOf(o)),
  };
}

export { signWebhookBody } from './webhooks';
export { SandboxError } from './errors';
export { APP_CLIENT_ID } from './tokens';
export type { CallRecordingInput } from './meetings';
export type { Fault, FaultHandle } from './faults';
export type { RateLimits } from './ratelimit';
export type { WebhookDelivery, WebhookSubscription } from './webhooks';
export type { RecordJson, EntryJson } from './views';

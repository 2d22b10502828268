// The sandbox's own control routes under /__sandbox: inject and clear faults, change the rate limits,
// activate or deactivate objects and read the counters of a running sandbox (e.g. `npm run sandbox` while
// `npx zapier-platform invoke` runs against it), so retries can be provoked and seen from outside the
// process. Not part of Attio's API: outside /v2, never validated against the spec, never rate limited,
// faulted or counted, and answered only for loopback clients addressing the sandbox by a loopback host name.
import type { RequestCounters } from './counters';
import type { CallRecordingInput } from './meetings';
import { SandboxError } from './errors';
import type { Fault, FaultInjector, FaultSummary } from './faults';
import type { RateLimiter, RateLimits } from './ratelimit';
import type { Schema } from './schema';
import type { Actor, Json, JsonObject, ObjectDef } from './types';

export const CONTROL_PREFIX = '/__sandbox';

export const isControlPath = (path: string): boolean => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/**
 * The Host header names the sandbox by a loopback name (127.x.x.x, localhost, [::1]), with any port.
 * A page a browser loaded from elsewhere cannot then reach the control routes by DNS rebinding.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const controlError = (status: number, code: string, message: string): SandboxError =>
  new SandboxError(status, status >= 500 ? 'api_error' : 'invalid_request_error', code, message);

const badInput = (message: string): SandboxError => controlError(400, 'invalid_control_request', message);

const FAULT_KEYS = ['status', 'delayMs', 'times', 'method', 'path', 'afterHandling', 'dropConnection', 'code', 'message', 'retryAfter'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Longest delay a fault may ask for: longer than any client timeout worth testing, short of a hang. */
const MAX_DELAY_MS = 120_000;

/**
 * `sandbox.inject()` options given as JSON (the control route's body, the CLI's --fault): checked key by
 * key, since they come from outside. `path` is a string here (exact path, route template, or a prefix
 * ending in "*"); a RegExp is only available in-process.
 */
export function parseFault(input: unknown): Fault {
  if (!isObject(input)) throw badInput('A fault is a JSON object, e.g. {"status": 429, "times": 2}.');
  const unknown = Object.keys(input).filter((k) => !FAULT_KEYS.includes(k));
  if (unknown.length) throw badInput(`Unknown fault option(s): ${unknown.join(', ')}. Known: ${FAULT_KEYS.join(', ')}.`);
  const fault: Fault = {};
  const { status, delayMs, times, method, path, afterHandling, dropConnection, code, message, retryAfter } = input;
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw badInput('"status" must be an HTTP error status from 400 to 599.');
    }
    fault.status = status;
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw badInput(`"delayMs" must be a number of milliseconds from 0 to ${MAX_DELAY_MS}.`);
    }
    fault.delayMs = delayMs;
  }
  if (dropConnection !== undefined) {
    if (typeof dropConnection !== 'boolean') throw badInput('"dropConnection" must be true or false.');
    if (dropConnection && status !== undefined) throw badInput('"dropConnection" answers nothing: leave out "status".');
    fault.dropConnection = dropConnection;
  }
  if (fault.status === undefined && !fault.delayMs && !fault.dropConnection) throw badInput('A fault needs a "status", a "dropConnection", a "delayMs", or a delay with one of the others.');
  if (times !== undefined) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) throw badInput('"times" must be a whole number of at least 1.');
    fault.times = times;
  }
  if (method !== undefined) {
    if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) throw badInput(`"method" must be one of ${METHODS.join(', ')}.`);
    fault.method = method.toUpperCase();
  }
  if (path !== undefined) {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw badInput('"path" must be a string starting with "/": a path, a route template, or a prefix ending in "*".');
    }
    fault.path = path;
  }
  if (afterHandling !== undefined) {
    if (typeof afterHandling !== 'boolean') throw badInput('"afterHandling" must be true or false.');
    if (afterHandling && fault.status === undefined && !fault.dropConnection) {
      throw badInput('"afterHandling" needs a "status" to answer, or "dropConnection", after handling.');
    }
    fault.afterHandling = afterHandling;
  }
  for (const [key, value] of [
    ['code', code],
    ['message', message],
    ['retryAfter', retryAfter],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') throw badInput(`"${key}" must be a non-empty string.`);
    fault[key] = value;
  }
  if (fault.retryAfter !== undefined && fault.status !== 429) throw badInput('"retryAfter" only applies to "status": 429.');
  return fault;
}

/** `{readsPerSecond, writesPerSecond}` (either may be left out: Attio's figure), or `false` for no limits. */
export function parseRateLimits(input: unknown): RateLimits | false {
  if (input === false) return false;
  if (!isObject(input)) throw badInput('Send {"readsPerSecond": N, "writesPerSecond": N} (either optional), or false to turn limiting off.');
  const unknown = Object.keys(input).filter((k) => k !== 'readsPerSecond' && k !== 'writesPerSecond');
  if (unknown.length) throw badInput(`Unknown rate-limit option(s): ${unknown.join(', ')}. Known: readsPerSecond, writesPerSecond.`);
  const limits: RateLimits = {};
  for (const key of ['readsPerSecond', 'writesPerSecond'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw badInput(`"${key}" must be a whole number of at least 1.`);
    limits[key] = v;
  }
  return limits;
}

/** `{"active": true | false}`, the body of PUT /__sandbox/objects/{object}. */
function parseObjectActivation(input: unknown): boolean {
  if (!isObject(input) || typeof input.active !== 'boolean' || Object.keys(input).length !== 1) {
    throw badInput('Send {"active": true} or {"active": false}.');
  }
  return input.active;
}

/** Writes "in Attio" that only the sandbox can make: by a workspace member in Attio's UI, or by Attio itself. */
export interface ControlActions {
  /** Runs an Attio API route as `actor` (no token, rate limit, fault or counting; spec validation as usual). */
  act(actor: Actor, method: string, path: string, body: unknown): Promise<{ status: number; body: Json }>;
  /** A system recompute of one attribute, now or after `delayMs`; resolves to the record or entry JSON once done. */
  recompute(input: RecomputeInput): Promise<JsonObject>;
  createCallRecording(input: CallRecordingInput, actor: Actor): JsonObject;
  finishTranscript(callRecordingId: string, transcript: NonNullable<CallRecordingInput['transcript']>): JsonObject;
  resolveComment(commentId: string, resolved: boolean, actor: Actor): JsonObject;
}

export interface RecomputeInput {
  target: { object: string; record_id: string } | { list: string; entry_id: string };
  attribute: string;
  /** The new value (as the API takes it); left out: the same value written again. */
  value?: unknown;
  delayMs?: number;
}

export interface ControlDeps {
  faults: FaultInjector;
  limiter: RateLimiter;
  counters: RequestCounters;
  schema: Schema;
  actions: ControlActions;
}

export interface ControlRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | undefined;
  raw: string;
}

export interface ControlReply {
  status: number;
  body: Json;
}

function jsonBody(req: ControlRequest): unknown {
  // A JSON content type: a cross-site form or a "simple" fetch cannot send one without a CORS preflight,
  // which the sandbox never grants.
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw controlError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
  try {
    return JSON.parse(req.raw) as unknown;
  } catch {
    throw badInput('The body is not valid JSON.');
  }
}

/** A pending fault as JSON (an in-process RegExp path is shown as its source, e.g. "/\\/self$/"). */
function faultJson(summary: FaultSummary): JsonObject {
  const fault: JsonObject = {};
  for (const [key, value] of Object.entries(summary.fault) as Array<[string, unknown]>) {
    if (value === undefined) continue;
    fault[key] = value instanceof RegExp ? String(value) : (value as Json);
  }
  return { id: summary.id, remaining: summary.remaining, fault };
}

const faultList = (deps: ControlDeps): Json[] => deps.faults.list().map(faultJson);

function rateLimitJson(deps: ControlDeps): JsonObject {
  const s = deps.limiter.stats();
  return { enabled: s.enabled, limits: { ...s.limits }, allowed: { ...s.allowed }, rejected: { ...s.rejected } };
}

function stats(deps: ControlDeps): JsonObject {
  const synthetic = { fault: 0, rate_limit: 0 };
  for (const entry of deps.counters.log) if (entry.synthetic) synthetic[entry.synthetic]++;
  return {
    requests: { ...deps.counters.snapshot(), synthetic },
    rate_limits: rateLimitJson(deps),
    faults: faultList(deps),
  };
}

const objectJson = (deps: ControlDeps, o: ObjectDef): JsonObject => ({ api_slug: o.api_slug, object_id: o.id, active: deps.schema.isActive(o) });

const ROUTES =
  `GET|DELETE ${CONTROL_PREFIX}/stats, GET|POST|DELETE ${CONTROL_PREFIX}/faults, DELETE ${CONTROL_PREFIX}/faults/{id}, ` +
  `PUT ${CONTROL_PREFIX}/rate-limits, GET ${CONTROL_PREFIX}/objects, PUT ${CONTROL_PREFIX}/objects/{object}, POST ${CONTROL_PREFIX}/act, ` +
  `POST ${CONTROL_PREFIX}/notes, POST ${CONTROL_PREFIX}/tasks/{id}/complete, POST ${CONTROL_PREFIX}/comments/{id}/resolve, ` +
  `POST ${CONTROL_PREFIX}/recompute, POST ${CONTROL_PREFIX}/call-recordings, PUT ${CONTROL_PREFIX}/call-recordings/{id}/transcript`;

const TEMPLATES: Array<[RegExp, string]> = [
  [/^\/faults\/([^/]+)$/, '/faults/{id}'],
  [/^\/objects\/([^/]+)$/, '/objects/{object}'],
  [/^\/tasks\/([^/]+)\/complete$/, '/tasks/{id}/complete'],
  [/^\/comments\/([^/]+)\/resolve$/, '/comments/{id}/resolve'],
  [/^\/call-recordings\/([^/]+)\/transcript$/, '/call-recordings/{id}/transcript'],
];

/** `/faults/abc` → ['/faults/{id}', 'abc']; `/objects/users` → ['/objects/{object}', 'users']; else [sub]. */
function template(sub: string): [string, string?] {
  for (const [re, name] of TEMPLATES) {
    const m = re.exec(sub);
    if (m) return [name, decodeURIComponent(m[1] as string)];
  }
  return [sub];
}

/**
 * Who a control write acts as: `{"type": "workspace-member", "email" | "id"}` (default: the first member,
 * as if done in Attio's UI), `{"type": "system"}` (Attio itself, id null), or `{"type": "api-token" | "app", "id"}`.
 */
export function parseActor(input: unknown, schema: Schema): Actor {
  if (input === undefined) {
    const first = schema.members[0];
    return { type: 'workspace-member', id: first?.id ?? null };
  }
  if (!isObject(input)) throw badInput('"actor" is an object, e.g. {"type": "workspace-member", "email": "bob@example.com"} or {"type": "system"}.');
  switch (input.type) {
    case 'system':
      return { type: 'system', id: null };
    case 'workspace-member': {
      const ref = input.email ?? input.id;
      if (ref === undefined) return parseActor(undefined, schema);
      const member = typeof ref === 'string' ? schema.member(ref) : undefined;
      if (!member) throw badInput(`No workspace member ${JSON.stringify(ref)}.`);
      return { type: 'workspace-member', id: member.id };
    }
    case 'api-token':
    case 'app':
      if (typeof input.id !== 'string' || input.id === '') throw badInput(`An "${input.type}" actor needs an "id".`);
      return { type: input.type, id: input.id };
    default:
      throw badInput('"actor.type" must be workspace-member, system, api-token or app.');
  }
}

const objectBody = (req: ControlRequest): Record<string, unknown> => {
  const body = jsonBody(req);
  if (!isObject(body)) throw badInput('Send a JSON object.');
  return body;
};

function parseRecompute(body: Record<string, unknown>): RecomputeInput {
  const { object, record_id, list, entry_id, attribute, value, delay_ms } = body;
  const str = (v: unknown) => typeof v === 'string' && v !== '';
  let target: RecomputeInput['target'];
  if (str(object) && str(record_id)) target = { object: object as string, record_id: record_id as string };
  else if (str(list) && str(entry_id)) target = { list: list as string, entry_id: entry_id as string };
  else throw badInput('Name the record ("object" and "record_id") or the entry ("list" and "entry_id").');
  if (!str(attribute)) throw badInput('"attribute" (slug or id) is required.');
  if (delay_ms !== undefined && (typeof delay_ms !== 'number' || !Number.isFinite(delay_ms) || delay_ms < 0 || delay_ms > MAX_DELAY_MS)) {
    throw badInput(`"delay_ms" must be a number of milliseconds from 0 to ${MAX_DELAY_MS}.`);
  }
  return { target, attribute: attribute as string, ...(value === undefined ? {} : { value }), ...(delay_ms ? { delayMs: delay_ms as number } : {}) };
}

type Transcript = NonNullable<CallRecordingInput['transcript']>;

function parseTranscript(input: unknown): Transcript {
  const lines = Array.isArray(input) ? input : undefined;
  if (!lines || !lines.every((l) => isObject(l) && typeof l.speaker === 'string' && typeof l.speech === 'string')) {
    throw badInput('"transcript" is a list of {"speaker": "…", "speech": "…"} (optional "start_time", "end_time" in seconds).');
  }
  return lines as Transcript;
}

async function route(req: ControlRequest, deps: ControlDeps): Promise<ControlReply> {
  const [sub, param] = template(req.path.slice(CONTROL_PREFIX.length));
  const { actions } = deps;
  switch (`${req.method} ${sub}`) {
    case 'GET /stats':
      return { status: 200, body: { data: stats(deps) } };
    case 'DELETE /stats':
      deps.counters.reset();
      deps.limiter.resetStats();
      return { status: 200, body: { data: stats(deps) } };
    case 'GET /faults':
      return { status: 200, body: { data: faultList(deps) } };
    case 'POST /faults': {
      const handle = deps.faults.add(parseFault(jsonBody(req)));
      const created = deps.faults.list().find((f) => f.id === handle.id);
      return { status: 201, body: { data: created ? faultJson(created) : null } };
    }
    case 'DELETE /faults':
      return { status: 200, body: { data: { cleared: deps.faults.clear() } } };
    case 'DELETE /faults/{id}':
      if (!deps.faults.cancel(param as string)) throw controlError(404, 'not_found', `No pending fault with id "${String(param)}".`);
      return { status: 200, body: { data: { cleared: 1 } } };
    case 'PUT /rate-limits':
      deps.limiter.configure(parseRateLimits(jsonBody(req)));
      return { status: 200, body: { data: rateLimitJson(deps) } };
    case 'GET /objects':
      return { status: 200, body: { data: deps.schema.objects.map((o) => objectJson(deps, o)) } };
    case 'PUT /objects/{object}': {
      const object = deps.schema.setObjectActive(param as string, parseObjectActivation(jsonBody(req)));
      if (!object) throw controlError(404, 'not_found', `No object "${String(param)}".`);
      return { status: 200, body: { data: objectJson(deps, object) } };
    }
    case 'POST /act': {
      const { actor, method, path, body } = objectBody(req);
      if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) throw badInput(`"method" must be one of ${METHODS.join(', ')}.`);
      if (typeof path !== 'string' || !path.startsWith('/v2/')) throw badInput('"path" is an Attio API path starting with /v2/ (a query string is allowed).');
      return actions.act(parseActor(actor, deps.schema), method.toUpperCase(), path, body);
    }
    case 'POST /notes': {
      const { actor, ...note } = objectBody(req);
      return actions.act(parseActor(actor, deps.schema), 'POST', '/v2/notes', { data: note });
    }
    case 'POST /tasks/{id}/complete': {
      const { actor, is_completed = true } = objectBody(req);
      return actions.act(parseActor(actor, deps.schema), 'PATCH', `/v2/tasks/${encodeURIComponent(param as string)}`, { data: { is_completed } });
    }
    case 'POST /comments/{id}/resolve': {
      const { actor, resolved = true } = objectBody(req);
      if (typeof resolved !== 'boolean') throw badInput('"resolved" must be true or false.');
      return { status: 200, body: { data: actions.resolveComment(param as string, resolved, parseActor(actor, deps.schema)) } };
    }
    case 'POST /recompute': {
      const input = parseRecompute(objectBody(req));
      const done = actions.recompute(input);
      if (input.delayMs) {
        done.catch(() => undefined);
        return { status: 202, body: { data: { scheduled_in_ms: input.delayMs } } };
      }
      return { status: 200, body: { data: await done } };
    }
    case 'POST /call-recordings': {
      const { actor, transcript, ...rest } = objectBody(req);
      const input = { ...(rest as CallRecordingInput), transcript: transcript === undefined || transcript === null ? null : parseTranscript(transcript) };
      return { status: 201, body: { data: actions.createCallRecording(input, parseActor(actor, deps.schema)) } };
    }
    case 'PUT /call-recordings/{id}/transcript':
      return { status: 200, body: { data: actions.finishTranscript(param as string, parseTranscript(objectBody(req).transcript)) } };
    default:
      throw controlError(404, 'not_found', `No control route ${req.method} ${req.path}. Routes: ${ROUTES}.`);
  }
}

/** Answers one request under /__sandbox. */
export async function handleControl(req: ControlRequest, deps: ControlDeps): Promise<ControlReply> {
  try {
    if (!isLoopbackAddress(req.remoteAddress) || !isLoopbackHost(typeof req.headers.host === 'string' ? req.headers.host : undefined)) {
      throw controlError(403, 'forbidden', 'The sandbox control routes answer only loopback clients addressing 127.0.0.1, localhost or [::1].');
    }
    return await route(req, deps);
  } catch (err) {
    if (err instanceof SandboxError) return { status: err.status, body: err.toJSON() };
    throw err;
  }
}

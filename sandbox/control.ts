// The sandbox's own control routes under /__sandbox: inject and clear faults, change the rate limits,
// activate or deactivate objects and read the counters of a running sandbox (e.g. `npm run sandbox` while
// `npx zapier-platform invoke` runs against it), so retries can be provoked and seen from outside the
// process. Not part of Attio's API: outside /v2, never validated against the spec, never rate limited,
// faulted or counted, and answered only for loopback clients addressing the sandbox by a loopback host name.
import type { RequestCounters } from './counters';
import { SandboxError } from './errors';
import type { Fault, FaultInjector, FaultSummary } from './faults';
import type { RateLimiter, RateLimits } from './ratelimit';
import type { Schema } from './schema';
import type { Json, JsonObject, ObjectDef } from './types';

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

const FAULT_KEYS = ['status', 'delayMs', 'times', 'method', 'path', 'afterHandling', 'code', 'message', 'retryAfter'];
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
  const { status, delayMs, times, method, path, afterHandling, code, message, retryAfter } = input;
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
  if (fault.status === undefined && !fault.delayMs) throw badInput('A fault needs a "status", a "delayMs", or both.');
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
    if (afterHandling && fault.status === undefined) throw badInput('"afterHandling" needs a "status" to answer after handling.');
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

export interface ControlDeps {
  faults: FaultInjector;
  limiter: RateLimiter;
  counters: RequestCounters;
  schema: Schema;
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
  `PUT ${CONTROL_PREFIX}/rate-limits, GET ${CONTROL_PREFIX}/objects, PUT ${CONTROL_PREFIX}/objects/{object}`;

/** `/faults/abc` → ['/faults/{id}', 'abc']; `/objects/users` → ['/objects/{object}', 'users']; else [sub]. */
function template(sub: string): [string, string?] {
  const m = /^\/(faults|objects)\/([^/]+)$/.exec(sub);
  if (!m) return [sub];
  return [m[1] === 'faults' ? '/faults/{id}' : '/objects/{object}', decodeURIComponent(m[2] as string)];
}

function route(req: ControlRequest, deps: ControlDeps): ControlReply {
  const [sub, param] = template(req.path.slice(CONTROL_PREFIX.length));
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
    default:
      throw controlError(404, 'not_found', `No control route ${req.method} ${req.path}. Routes: ${ROUTES}.`);
  }
}

/** Answers one request under /__sandbox. */
export function handleControl(req: ControlRequest, deps: ControlDeps): ControlReply {
  try {
    if (!isLoopbackAddress(req.remoteAddress) || !isLoopbackHost(typeof req.headers.host === 'string' ? req.headers.host : undefined)) {
      throw controlError(403, 'forbidden', 'The sandbox control routes answer only loopback clients addressing 127.0.0.1, localhost or [::1].');
    }
    return route(req, deps);
  } catch (err) {
    if (err instanceof SandboxError) return { status: err.status, body: err.toJSON() };
    throw err;
  }
}

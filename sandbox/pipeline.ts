// The request pipeline: one small stage per concern, run in order for every /v2 request:
//   fault → known route → token → rate limit → validation → route handler
// (server.ts composes them; faults first because they stand for the network in front of Attio).
// A stage answers itself (an error, a 429, an injected fault) or calls `next()` for the rest of the
// pipeline. server.ts does the HTTP I/O around it; control routes (/__sandbox) never enter it.
import type http from 'node:http';
import type { ErrorObject } from 'ajv';
import { createDetailedSpecValidator, type SpecFindings, type SpecRequest } from '../spec/validator';
import type { Clock } from './clock';
import { SandboxError, type ValidationIssue } from './errors';
import type { Fault, FaultInjector } from './faults';
import { requestKind, retryAfterHeader, type RateLimiter } from './ratelimit';
import { runRoute, type Deps, type RequestContext, type RouteMatch } from './router';
import { tokenOf, type TokenBook } from './tokens';
import type { Actor, Json } from './types';

export interface Reply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
  synthetic?: 'fault' | 'rate_limit';
  /** Close the connection without answering (the write, if any, has happened). */
  drop?: boolean;
}

/** One request as it moves through the stages; stages fill in what they learn. */
export interface Exchange {
  method: string;
  path: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  raw: string;
  match: RouteMatch;
  token?: string;
  tokenActive?: boolean;
  actor?: Actor;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

export type Next = () => Promise<Reply>;
export type Stage = (x: Exchange, next: Next) => Reply | Promise<Reply>;

export const errorReply = (err: SandboxError, headers?: Record<string, string>): Reply => ({ status: err.status, body: err.toJSON(), headers });

/** Runs the stages in order; the last one must answer. */
export function compose(stages: Stage[]): (x: Exchange) => Promise<Reply> {
  const run = async (i: number, x: Exchange): Promise<Reply> => {
    const stage = stages[i];
    if (!stage) throw new Error('The sandbox pipeline ended without an answer.');
    return stage(x, () => run(i + 1, x));
  };
  return (x) => run(0, x);
}

/** Unknown paths and methods: 404 before anything else (no token needed to learn a route does not exist). */
export const knownRoute: Stage = (x, next) => {
  if (x.match.route) return next();
  const message = x.match.template ? `${x.method} is not supported on ${x.match.template}.` : `Route not found: ${x.method} ${x.path}`;
  return errorReply(new SandboxError(404, 'invalid_request_error', 'not_found', message));
};

/** No token: 401. Malformed: 400 on /v2/self, else 401. Revoked: /v2/self answers {active: false}, else 401. */
export function tokenStage(tokens: TokenBook): Stage {
  return (x, next) => {
    const token = tokenOf(x.headers.authorization);
    if (!token) {
      return errorReply(
        new SandboxError(401, 'auth_error', 'unauthorized', 'Authentication required: send the access token as "Authorization: Bearer <token>".'),
      );
    }
    const isSelf = x.match.route?.template === '/v2/self';
    const state = tokens.state(token);
    if (state === 'malformed' && isSelf) {
      // Observed on Attio: /v2/self answers a malformed token with 400 missing_value, not 200 {active:false}.
      return errorReply(
        new SandboxError(400, 'invalid_request_error', 'missing_value', 'Token was not recognised, check that it is a valid Attio access token.'),
      );
    }
    if (state !== 'active' && !isSelf) {
      return errorReply(
        new SandboxError(401, 'auth_error', 'unauthorized', 'The API Key provided could not be found. This is most commonly caused by the token having been revoked.'),
      );
    }
    x.token = token;
    x.tokenActive = state === 'active';
    x.actor = tokens.actorOf(token);
    return next();
  };
}

/**
 * The token's scopes against the operation's (its `security` in the spec): 403 auth_error when one is
 * missing, as Attio answers an app that was not granted it (the message is the sandbox's own).
 */
export function scopeStage(tokens: TokenBook, requiredScopes: (method: string, template: string) => string[] | undefined): Stage {
  return (x, next) => {
    const route = x.match.route;
    const required = route ? requiredScopes(route.method, route.template) : undefined;
    const missing = required && x.tokenActive ? tokens.missingScopes(required) : [];
    if (!missing.length) return next();
    return errorReply(
      new SandboxError(403, 'auth_error', 'unauthorized', `The access token is missing the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')} this endpoint needs.`),
    );
  };
}

/** Attio's 100 reads/s and 25 writes/s: 429 with Retry-After, the request not processed. */
export function limitStage(limiter: RateLimiter): Stage {
  return (x, next) => {
    const limit = limiter.take(requestKind(x.method, x.path));
    if (limit.ok) return next();
    const err = new SandboxError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate limit exceeded, please try again later');
    return { ...errorReply(err, { 'Retry-After': retryAfterHeader(limit.retryAt) }), synthetic: 'rate_limit' };
  };
}

const FAULT_DEFAULTS: Record<number, [SandboxError['type'], string, string]> = {
  429: ['rate_limit_error', 'rate_limit_exceeded', 'Rate limit exceeded, please try again later'],
  409: ['invalid_request_error', 'concurrent_write_conflict', 'A concurrent write conflicted with this request; please retry.'],
  500: ['api_error', 'internal_server_error', 'An unexpected error occurred.'],
  502: ['api_error', 'bad_gateway', 'Bad gateway.'],
  503: ['api_error', 'service_unavailable', 'The service is temporarily unavailable.'],
  504: ['api_error', 'gateway_timeout', 'Gateway timeout.'],
};

function faultReply(fault: Fault, now: number): Reply {
  if (fault.dropConnection) return { status: 0, body: null, synthetic: 'fault', drop: true };
  const status = fault.status as number;
  const [type, code, message] = FAULT_DEFAULTS[status] ?? [status >= 500 ? 'api_error' : 'invalid_request_error', `http_${status}`, `Injected ${status}.`];
  const err = new SandboxError(status, type, fault.code ?? code, fault.message ?? message);
  const headers = status === 429 ? { 'Retry-After': fault.retryAfter ?? retryAfterHeader((Math.floor(now / 1000) + 1) * 1000) } : undefined;
  return { ...errorReply(err, headers), synthetic: 'fault' };
}

/** Injected faults: a delay, an error instead of the answer, or (afterHandling) an error or a dropped connection after the write. */
export function faultStage(faults: FaultInjector, clock: Clock): Stage {
  return async (x, next) => {
    const fault = faults.take(x.method, x.path, x.match.route ? x.match.route.template : x.match.template);
    if (!fault) return next();
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const answers = fault.status !== undefined || fault.dropConnection;
    if (!answers) return next();
    if (fault.afterHandling) await next();
    return faultReply(fault, clock.now());
  };
}

/** The JSON type of a value in zod's words (Attio validates with zod): "undefined", "null", "array", "object"… */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A body schema error (Ajv, verbose) → one of Attio's validation_errors, worded as Attio's validator (zod)
 * words them (attio-api.md §7.3: `{"code": "invalid_type", "path": ["data", "parent_record_id"], "message":
 * "Required", "expected": "string", "received": "undefined"}`).
 */
function bodyIssue(e: ErrorObject): ValidationIssue {
  const path: Array<string | number> = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const wanted = ((e.parentSchema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties?.[missing]?.type);
      return { code: 'invalid_type', path: [...path, missing], message: 'Required', ...(typeof wanted === 'string' ? { expected: wanted } : {}), received: 'undefined' };
    }
    case 'type': {
      const expected = ([] as unknown[]).concat(params.type).join(' | ');
      const received = jsonType(e.data);
      return { code: 'invalid_type', path, message: `Expected ${expected}, received ${received}`, expected, received };
    }
    case 'additionalProperties':
      return { code: 'unrecognized_keys', path, message: `Unrecognized key(s) in object: '${String(params.additionalProperty)}'` };
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map((v) => `'${String(v)}'`).join(' | ');
      return { code: 'invalid_enum_value', path, message: `Invalid enum value. Expected ${allowed}, received '${String(e.data)}'` };
    }
    case 'format':
    case 'pattern':
      return { code: 'invalid_string', path, message: e.message ?? 'Invalid' };
    case 'maxLength':
    case 'maximum':
    case 'maxItems':
      return { code: 'too_big', path, message: e.message ?? 'Too big' };
    case 'minLength':
    case 'minimum':
    case 'minItems':
    case 'minProperties':
      return { code: 'too_small', path, message: e.message ?? 'Too small' };
    default:
      return { code: 'custom', path, message: e.message ?? 'Invalid input' };
  }
}

/** Query, path and whole-request problems from spec/validator.ts → Attio-style validation_errors. */
function toIssues(lines: string[]): ValidationIssue[] {
  return lines.map((line) => {
    const detail = line.replace(/^[A-Z]+ \S+: /, '');
    const param = /^(query|path) parameter (\S+) (.*)$/.exec(detail);
    let path: Array<string | number> = [];
    let message = detail;
    if (param) {
      path = [param[1] as string, param[2] as string];
      message = param[3] as string;
    }
    const code = /^must be (string|number|integer|boolean|array|object|null)/.test(message)
      ? 'invalid_type'
      : /allowed values|must be equal to constant/.test(message)
        ? 'invalid_enum_value'
        : /must match (format|pattern)/.test(message)
          ? 'invalid_string'
          : 'custom';
    return { code, path, message };
  });
}
/**
 * The body as the spec check sees it: a single value where a record or entry takes a list of values is
 * taken as a list of one, as Attio does (its own docs write `"name": "Attio"`). The handler gets the body
 * unchanged and refuses an unwrapped value for a multiselect attribute (values.ts).
 */
function withListedValues(body: unknown): unknown {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return body;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of ['values', 'entry_values']) {
    const map = out[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    out[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, Array.isArray(v) || v === null ? v : [v]]));
  }
  return { ...(body as Record<string, unknown>), data: out };
}

export type SpecCheck = (req: SpecRequest) => SpecFindings;

/** The spec check for validationStage (loads and compiles Attio's OpenAPI document once). */
export const specCheck = (): SpecCheck => createDetailedSpecValidator();

/** Parses the JSON body and the query, then (given a spec check) checks them against Attio's spec: 400 validation_type. */
export function validationStage(check: SpecCheck | undefined): Stage {
  return (x, next) => {
    if (x.raw.trim() !== '') {
      try {
        x.body = JSON.parse(x.raw);
      } catch {
        return errorReply(new SandboxError(400, 'invalid_request_error', 'validation_type', 'Body payload validation error: the body is not valid JSON.'));
      }
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of x.url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
    }
    x.query = query;
    const findings = check?.({ method: x.method, path: x.path, query, body: withListedValues(x.body) });
    if (!findings?.problems.length) return next();
    // Body problems from the schema errors themselves; the rest (query, path, a missing body) from their lines.
    const otherLines = findings.problems.filter((p) => !/^[A-Z]+ \S+: body[/ ]/.test(p));
    const issues = [...toIssues(otherLines), ...findings.bodyErrors.map(bodyIssue)];
    const where = issues.every((i) => i.path[0] === 'query' || i.path[0] === 'path') ? 'Query parameter validation error.' : 'Body payload validation error.';
    return errorReply(new SandboxError(400, 'invalid_request_error', 'validation_type', where, issues));
  };
}

/** The route's handler; a SandboxError becomes Attio's envelope, anything else a 500 (logged). */
export function routeStage(deps: Deps, log?: (line: string) => void): Stage {
  return (x) => {
    const route = x.match.route;
    if (!route) throw new Error('routeStage needs a matched route (knownRoute runs first).');
    const ctx: RequestContext = {
      method: x.method,
      path: x.path,
      params: x.match.route ? x.match.params : {},
      query: x.query ?? {},
      body: x.body,
      actor: x.actor as Actor,
      tokenActive: x.tokenActive ?? false,
    };
    try {
      const result = runRoute(route, ctx, deps);
      return { status: result.status ?? 200, body: result.body };
    } catch (err) {
      if (err instanceof SandboxError) return errorReply(err);
      log?.(`sandbox error on ${x.method} ${x.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return errorReply(new SandboxError(500, 'api_error', 'internal_server_error', 'An unexpected error occurred in the sandbox.'));
    }
  };
}

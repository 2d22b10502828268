// The one way this app talks to Attio: URL, headers, retries, backoff and error mapping live here.
import type { HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBase } from './config';
import { attioError, type ErrorContext, type HttpMethod } from './errors';
import type { AttioErrorBody } from './types';

export interface AttioCall extends Omit<ErrorContext, 'method'> {
  method?: HttpMethod;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /**
   * Safe to send twice. Defaults to true for GET, PUT, DELETE and POSTs that only read (`…/query`).
   * A plain POST (create note, create task, create webhook) is never retried on a 5xx or on a network
   * error after the request left, because Attio may already have written it.
   */
  idempotent?: boolean;
  /**
   * An operation's own reading of an Attio error it can explain better (a uniqueness conflict naming the
   * attribute, an object that is not activated). Return undefined to fall back to the shared mapping.
   */
  explain?: (status: number, body: AttioErrorBody | undefined) => Error | undefined;
}

/** Time, injectable so tests can observe waits without sleeping. */
export const clock = {
  now: (): number => Date.now(),
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
  random: (): number => Math.random(),
};

/** Retries stop before this much of Zapier's 30 s step limit is spent; then Zapier reschedules. */
export const RETRY_BUDGET_MS = 20_000;
/** Time left after the budget for the last request to answer: Zapier stops a step at 30 s. */
const LAST_REQUEST_MS = 8_000;
const MAX_SERVER_RETRIES = 3;
/** Even a persistent 429 is tried at most this often in one step; then Zapier reschedules it. */
const MAX_THROTTLED_ATTEMPTS = 12;
/** Attio's Retry-After has one-second resolution and may already be past: never retry sooner than this. */
const MIN_THROTTLE_WAIT_MS = 100;
/** Spreads the retries of concurrent runs over the start of the next rate-limit window. */
const THROTTLE_JITTER_MS = 200;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/** Errors of a write Attio may have applied although its response was lost (5xx, timeout, reset). */
const unknownOutcomes = new WeakSet<object>();

/** True for the error of a non-idempotent write whose outcome is unknown: it may or may not have happened. */
export function isUnknownOutcome(err: unknown): boolean {
  return typeof err === 'object' && err !== null && unknownOutcomes.has(err);
}

/** When each invocation (one `z`) started talking to Attio: the retry budget is per operation. */
const started = new WeakMap<ZObject, number>();

/** Encodes each interpolated value as one path segment: path`/objects/${slug}/records`. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

/** Milliseconds to wait from a Retry-After header: Attio sends an HTTP date, others send seconds. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (clock.random() * ceiling) / 2);
}

function isNetworkError(err: unknown): boolean {
  const e = err as { name?: string; type?: string; code?: string } | undefined;
  return e?.name === 'FetchError' || e?.type === 'system' || /^E[A-Z]+$/.test(e?.code ?? '');
}

/** The connection was never made, so Attio cannot have processed the request: safe for any method. */
function neverSent(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
}

function parseBody(res: HttpResponse): AttioErrorBody | undefined {
  if (res.data && typeof res.data === 'object') return res.data as AttioErrorBody;
  try {
    return JSON.parse(res.content) as AttioErrorBody;
  } catch {
    return undefined;
  }
}

type RequestOptions = HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean };

type Outcome = { found: true; res: HttpResponse } | { found: false; body: AttioErrorBody | undefined };

async function send(z: ZObject, call: AttioCall): Promise<Outcome> {
  const method = call.method ?? 'GET';
  const idempotent = call.idempotent ?? (method !== 'POST' || call.path.endsWith('/query'));
  const ctx: ErrorContext = { method, path: call.path, action: call.action, fieldLabels: call.fieldLabels, body: call.body };
  const params = Object.fromEntries(
    Object.entries(call.params ?? {}).filter((e): e is [string, string | number | boolean] => e[1] !== undefined),
  );
  const options: RequestOptions = {
    url: `${apiBase()}${call.path}`,
    method,
    params,
    headers: { Accept: 'application/json', ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    // We read every status ourselves: 429 and 409 retried, errors mapped to what the user can fix.
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
  };
  if (!started.has(z)) started.set(z, clock.now());
  const deadline = (started.get(z) ?? clock.now()) + RETRY_BUDGET_MS;

  for (let attempt = 0, serverRetries = 0; ; attempt++) {
    let res: HttpResponse | undefined;
    let failure: unknown;
    try {
      // A hung response must end in our error (a write says "may or may not have happened"), not in
      // Zapier killing the step at 30 s: each attempt gets what is left of the budget plus a margin.
      res = await z.request({ ...options, timeout: Math.max(1000, deadline + LAST_REQUEST_MS - clock.now()) });
    } catch (err) {
      if (!isNetworkError(err)) throw err;
      failure = err;
    }
    if (res && res.status < 400) return { found: true, res };
    const body = res ? parseBody(res) : undefined;
    if (res?.status === 404) return { found: false, body };

    // Attio has not processed a rate-limited or write-conflicted request: safe to repeat for any method.
    if (res && (res.status === 429 || (res.status === 409 && body?.code === 'concurrent_write_conflict'))) {
      const retryAfter = retryAfterMs(res.getHeader('retry-after'), clock.now());
      const waitMs =
        Math.max(MIN_THROTTLE_WAIT_MS, retryAfter ?? backoffMs(attempt)) + Math.round(clock.random() * THROTTLE_JITTER_MS);
      if (attempt + 1 >= MAX_THROTTLED_ATTEMPTS || clock.now() + waitMs > deadline) {
        const delay = Math.max(1, Math.ceil(waitMs / 1000));
        throw new z.errors.ThrottledError(
          `Attio is rate limiting requests to ${call.action}; Zapier will retry this step in about ${delay} s.`,
          delay,
        );
      }
      await clock.sleep(waitMs);
      continue;
    }

    if (!res || res.status >= 500) {
      const what = res ? `a server error (${res.status})` : `a network error (${(failure as Error).message})`;
      if (!idempotent && !(failure && neverSent(failure))) {
        const uncertain = new z.errors.Error(
          `Attio returned ${what} while trying to ${call.action}. The write may or may not have happened: check Attio before replaying this run, so it is not done twice.`,
          res ? (body?.code ?? `http_${res.status}`) : 'network_error',
          res?.status,
        );
        // Marked, so a caller that can look for the write (src/attio/recover.ts) tells this failure apart.
        unknownOutcomes.add(uncertain);
        throw uncertain;
      }
      const waitMs = backoffMs(attempt);
      if (serverRetries++ >= MAX_SERVER_RETRIES || clock.now() + waitMs > deadline) {
        // Safe to repeat later: let Zapier reschedule rather than fail (and eventually auto-pause) the Zap.
        throw new z.errors.ThrottledError(`Attio returned ${what} while trying to ${call.action}; Zapier will retry this step.`, 60);
      }
      await clock.sleep(waitMs);
      continue;
    }

    throw call.explain?.(res.status, body) ?? attioError(z, res.status, body, ctx);
  }
}

/** Calls Attio and returns the parsed JSON body. Any error status becomes an actionable Zapier error. */
export async function attio<T>(z: ZObject, call: AttioCall): Promise<T> {
  const out = await send(z, call);
  if (!out.found) throw call.explain?.(404, out.body) ?? attioError(z, 404, out.body, { ...call, method: call.method ?? 'GET' });
  return out.res.data as T;
}

/** Like `attio`, but a 404 (deleted, or never existed) resolves to null instead of throwing. */
export async function attioOrNull<T>(z: ZObject, call: AttioCall): Promise<T | null> {
  const out = await send(z, call);
  return out.found ? (out.res.data as T) : null;
}

/** A response as the API Request step shows it. */
export interface AttioResponse {
  status: number;
  /** Lower-cased header name → value, for the names asked for that Attio sent. */
  headers: Record<string, string>;
  /** The parsed JSON body; the text when it is not JSON; null when empty. */
  body: unknown;
}

/**
 * Like `attio`, but returns the status, the named headers and the body: for a request the user writes
 * (the API Request step). Errors, 404 included, throw as for every other call.
 * @param headerNames the response headers worth returning (never the request's: they carry the token)
 */
export async function attioResponse(z: ZObject, call: AttioCall, headerNames: readonly string[]): Promise<AttioResponse> {
  const out = await send(z, call);
  if (!out.found) throw call.explain?.(404, out.body) ?? attioError(z, 404, out.body, { ...call, method: call.method ?? 'GET' });
  const { res } = out;
  const headers: Record<string, string> = {};
  for (const name of headerNames) {
    const value = res.getHeader(name);
    if (value !== undefined && value !== null) headers[name] = String(value);
  }
  let body: unknown = res.data;
  if (body === undefined) {
    const text = res.content ?? '';
    try {
      body = text.trim() === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers, body };
}

/**
 * Like `attioOrNull`, but a 404 keeps Attio's error body, so the caller can tell what was missing (the
 * record, or the object or list around it: Attio's message names which).
 */
export async function attioOrMissing<T>(z: ZObject, call: AttioCall): Promise<{ found: true; data: T } | { found: false; body: AttioErrorBody | undefined }> {
  const out = await send(z, call);
  return out.found ? { found: true, data: out.res.data as T } : { found: false, body: out.body };
}

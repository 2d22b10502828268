// The one way this app talks to Attio: URL, headers, retries, backoff and error mapping live here.
import type { HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBase } from './config';
import { attioError, type ErrorContext, type HttpMethod } from './errors';
import { claimSlot, fallbackWaitMs, firstFreeSlot, hasBacklog, RATE_LIMITS, readLedger, requestKind, searchFrom, type RequestKind } from './pacing';
import type { AttioErrorBody } from './types';
import { forgetMissingAttribute } from './write_metadata';

export interface AttioCall extends Omit<ErrorContext, 'method'> {
  method?: HttpMethod;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /**
   * Safe to send twice. Defaults to true for GET, PUT, DELETE and POSTs that only read (`…/query`).
   * A plain POST (create note, create task, create webhook) or a PATCH (which may append to a multiselect)
   * is never retried on a 5xx or on a network error after the request left, because Attio may already have
   * applied it; callers that know a PATCH is safe to repeat say so.
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
/** Spreads the retries of a write conflict (409), which has no Retry-After. */
const CONFLICT_JITTER_MS = 200;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** Zapier honours a ThrottledError delay of up to 300 s. */
const MAX_RESCHEDULE_DELAY_S = 300;
/** An outage (5xx, network) that outlasted the retries: Zapier runs the step again after 60 to 120 s. */
const OUTAGE_DELAY_MS = 60_000;

/** Errors of a write Attio may have applied although its response was lost (5xx, timeout, reset). */
const unknownOutcomes = new WeakSet<object>();

/** True for the error of a non-idempotent write whose outcome is unknown: it may or may not have happened. */
export function isUnknownOutcome(err: unknown): boolean {
  return typeof err === 'object' && err !== null && unknownOutcomes.has(err);
}


/** What one invocation (one `z`) has seen: the retry budget and the 429 count are per run. */
interface RunState {
  /** When it first talked to Attio. */
  started: number;
  /** 429s met so far, per kind of request. */
  throttled: Record<RequestKind, number>;
  /**
   * Kinds whose first request has waited its turn (see pacing.ts). Marked once that wait is over, so the
   * requests a run starts together (a fan-out of deletes, reads side by side) each wait a turn of their own
   * instead of all but one going into a full second.
   */
  paced: Set<RequestKind>;
}
const runs = new WeakMap<ZObject, RunState>();

function runState(z: ZObject): RunState {
  let state = runs.get(z);
  if (!state) {
    state = { started: clock.now(), throttled: { read: 0, write: 0 }, paced: new Set() };
    runs.set(z, state);
  }
  return state;
}

/** Encodes each interpolated value as one path segment: path`/objects/${slug}/records`. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

/**
 * Milliseconds to wait from a Retry-After header: Attio sends an HTTP date, others send seconds. A header a
 * proxy repeated arrives joined with ", " ("1, 1"): its first value counts. Anything else is no answer
 * (undefined: the caller backs off on its own), since V8 reads "1, 1" or "-1" as dates in 2001, long past.
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const text = header?.trim() ?? '';
  const seconds = /^(\d+(?:\.\d+)?)\s*(?:,|$)/.exec(text)?.[1];
  if (seconds !== undefined) return Number(seconds) * 1000;
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const gmt = text.indexOf('GMT');
  const at = Date.parse(gmt < 0 ? text : text.slice(0, gmt + 3));
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (clock.random() * ceiling) / 2);
}

/**
 * The delay (s) a rescheduled run asks Zapier for: the wait it was facing, stretched by a random factor up to
 * 2, so runs turned away together come back spread over the time the queue needs. Zapier honours 300 s at
 * most: the spread is drawn inside that cap (from the wait, or the cap, up to twice the wait, or the cap), so
 * runs facing long waits do not all come back in the same second at 300 s.
 */
function rescheduleDelay(waitMs: number): number {
  const cap = MAX_RESCHEDULE_DELAY_S * 1000;
  const from = Math.min(cap, waitMs);
  const to = Math.min(cap, 2 * waitMs);
  return Math.min(MAX_RESCHEDULE_DELAY_S, Math.max(1, Math.ceil((from + clock.random() * (to - from)) / 1000)));
}

/** Ends the run for Zapier to reschedule, spread (rescheduleDelay). */
function throttled(z: ZObject, call: AttioCall, waitMs: number): Error {
  const delay = rescheduleDelay(waitMs);
  return new z.errors.ThrottledError(
    `Attio is rate limiting requests to ${call.action}; Zapier will retry this step in about ${delay} s.`,
    delay,
  );
}

/**
 * A run's first request of each kind: while other runs of this connection are queued for slots (pacing.ts),
 * it books the next one rather than spending a request on a second that is already full.
 */
async function awaitTurn(z: ZObject, call: AttioCall, kind: RequestKind, deadline: number): Promise<void> {
  const now = clock.now();
  const ledger = await readLedger(z, kind);
  if (!hasBacklog(ledger, now)) return;
  const free = firstFreeSlot(ledger, now, RATE_LIMITS[kind], clock.random());
  if (free.at > deadline) throw throttled(z, call, free.at - now);
  const slot = await claimSlot(z, kind, ledger, now, clock.random(), now, clock.random);
  if (!slot) return;
  const waitMs = slot.at - clock.now();
  if (waitMs > 0) await clock.sleep(waitMs);
}

/**
 * When to retry after this run's n-th 429: the next free slot in the ledger from the reset on (searched from
 * further out as n grows), booked so the runs after it queue behind; without the cache, the run's own spread.
 * A slot past the deadline is not booked: the run will not be there to use it.
 */
async function slotAfter429(z: ZObject, kind: RequestKind, retryAt: number, n: number, deadline: number): Promise<number> {
  const now = clock.now();
  const ledger = await readLedger(z, kind);
  const from = searchFrom(retryAt, n, clock.random());
  const jitter = clock.random();
  const free = firstFreeSlot(ledger, from, RATE_LIMITS[kind], jitter);
  if (free.at > deadline) return free.at;
  const slot = await claimSlot(z, kind, ledger, from, jitter, now, clock.random);
  return slot ? slot.at : now + fallbackWaitMs(retryAt, n, now, clock.random());
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

/** Attio answers every request with a JSON object; anything else (an HTML page from a proxy, a cut-off body) is no answer. */
function isJsonObject(data: unknown): boolean {
  return data !== null && typeof data === 'object';
}

function parseBody(res: HttpResponse): AttioErrorBody | undefined {
  if (res.data && typeof res.data === 'object') return res.data as AttioErrorBody;
  try {
    return JSON.parse(res.content) as AttioErrorBody;
  } catch {
    return undefined;
  }
}

type RequestOptions = HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean; merge: boolean };

type Outcome = { found: true; res: HttpResponse } | { found: false; body: AttioErrorBody | undefined };

/**
 * @param raw the caller takes any body as it comes (the API Request step shows text as text); otherwise a
 * success without a JSON object is treated as a server error (retried when safe, else "may or may not")
 */
async function send(z: ZObject, call: AttioCall, raw = false): Promise<Outcome> {
  const method = call.method ?? 'GET';
  // PATCH appends (multiselects) unless its caller knows better: a blind resend could append twice.
  const idempotent = call.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE' || (method === 'POST' && call.path.endsWith('/query')));
  const ctx: ErrorContext = { method, path: call.path, action: call.action, fieldLabels: call.fieldLabels, body: call.body };
  // The query goes into the URL here, not through core's `params`: core strips any "{{…}}" from a param's
  // value (its template syntax), so a value holding such text would be sent cut short.
  const query = Object.entries(call.params ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  const options: RequestOptions = {
    url: `${apiBase()}${call.path}${query ? `${call.path.includes('?') ? '&' : '?'}${query}` : ''}`,
    method,
    headers: { Accept: 'application/json', ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    // We read every status ourselves: 429 and 409 retried, errors mapped to what the user can fix.
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
    // No request template to merge, and the values are the user's: core refuses any request whose URL, query
    // or body holds "{{bundle.…}}" or "{{process.…}}" text (a note about Zapier templates, say) unless merge is off.
    merge: false,
  };
  const run = runState(z);
  const deadline = run.started + RETRY_BUDGET_MS;
  const kind = requestKind(method, call.path);
  if (!run.paced.has(kind)) {
    await awaitTurn(z, call, kind, deadline);
    run.paced.add(kind);
  }

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
    // A success whose body is not Attio's JSON (a proxy's or an outage page's HTML with status 200): whatever
    // the caller read from it would be undefined, so it is handled as the server error it is. A DELETE's
    // empty success (204) is still a success: nothing is read from it.
    const emptyDelete = method === 'DELETE' && (res?.content ?? '').trim() === '';
    const unreadable = !!res && res.status < 400 && !raw && !isJsonObject(res.data) && !emptyDelete;
    if (res && res.status < 400 && !unreadable) return { found: true, res };
    const body = res && !unreadable ? parseBody(res) : undefined;
    if (res?.status === 404) return { found: false, body };

    // Attio has not processed a rate-limited or write-conflicted request: safe to repeat for any method.
    if (res?.status === 429) {
      const n = ++run.throttled[kind];
      const retryAt = clock.now() + Math.max(MIN_THROTTLE_WAIT_MS, retryAfterMs(res.getHeader('retry-after'), clock.now()) ?? backoffMs(attempt));
      if (attempt + 1 >= MAX_THROTTLED_ATTEMPTS) throw throttled(z, call, retryAt - clock.now());
      const waitMs = (await slotAfter429(z, kind, retryAt, n, deadline)) - clock.now();
      if (clock.now() + waitMs > deadline) throw throttled(z, call, waitMs);
      await clock.sleep(Math.max(0, waitMs));
      continue;
    }
    if (res?.status === 409 && body?.code === 'concurrent_write_conflict') {
      const waitMs = backoffMs(attempt) + Math.round(clock.random() * CONFLICT_JITTER_MS);
      if (attempt + 1 >= MAX_THROTTLED_ATTEMPTS || clock.now() + waitMs > deadline) throw throttled(z, call, waitMs);
      await clock.sleep(waitMs);
      continue;
    }

    if (!res || res.status >= 500 || unreadable) {
      const type = res?.getHeader('content-type')?.split(';')[0]?.trim();
      const what = !res
        ? `a network error (${(failure as Error).message})`
        : unreadable
          ? `an answer that is not JSON (HTTP ${res.status}${type ? `, ${type}` : ''}: a proxy or an outage page, not Attio's API)`
          : `a server error (${res.status})`;
      if (!idempotent && !(failure && neverSent(failure))) {
        const uncertain = new z.errors.Error(
          `Attio returned ${what} while trying to ${call.action}. The write may or may not have happened: check Attio before replaying this run, so it is not done twice.`,
          res ? (body?.code ?? (unreadable ? 'invalid_response' : `http_${res.status}`)) : 'network_error',
          res?.status,
        );
        // Marked, so a caller that can look for the write (src/attio/recover.ts) tells this failure apart.
        unknownOutcomes.add(uncertain);
        throw uncertain;
      }
      const waitMs = backoffMs(attempt);
      if (serverRetries++ >= MAX_SERVER_RETRIES || clock.now() + waitMs > deadline) {
        // Safe to repeat later: let Zapier reschedule rather than fail (and eventually auto-pause) the Zap,
        // spread so the runs an outage turned away do not all come back in the same second.
        const delay = rescheduleDelay(OUTAGE_DELAY_MS);
        throw new z.errors.ThrottledError(`Attio returned ${what} while trying to ${call.action}; Zapier will retry this step in about ${delay} s.`, delay);
      }
      await clock.sleep(waitMs);
      continue;
    }

    // A mapped attribute Attio no longer has: the cached metadata that let it through is dropped here, for every write.
    await forgetMissingAttribute(z, call.path, res.status, body, call.body);
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
  const out = await send(z, call, true);
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

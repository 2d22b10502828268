// The contract guard: every request the app sends to Attio in any test is checked against Attio's spec.
// Installed for every test file by test/setup.ts. It wraps http(s).request, so it sees exactly what
// leaves the app (after Zapier's middleware), whether nock answers it or a local sandbox does.
import http from 'node:http';
import https from 'node:https';
import { createSpecValidator, type SpecRequest } from '../../spec/validator';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface GuardState {
  sent: SentRequest[];
  violations: string[];
  installed: boolean;
  validate?: (req: SpecRequest) => string[];
}

const state: GuardState = ((globalThis as { __attioContract?: GuardState }).__attioContract ??= {
  sent: [],
  violations: [],
  installed: false,
});

/** Hosts whose requests are Attio API calls: the real API, and whatever ATTIO_API_URL points at. */
function attioPathFor(url: URL): string | undefined {
  const bases = ['https://api.attio.com/v2', process.env.ATTIO_API_URL].filter((b): b is string => !!b);
  for (const base of bases) {
    const b = new URL(base);
    const prefix = b.pathname.replace(/\/+$/, '');
    if (url.origin === b.origin && url.pathname.startsWith(`${prefix}/`)) {
      return `/v2${url.pathname.slice(prefix.length)}`;
    }
  }
  return undefined;
}

/** Checks one request against the spec; returns the problems (empty when it conforms). */
export function checkAgainstSpec(method: string, rawUrl: string, body: string): string[] {
  const url = new URL(rawUrl);
  const path = attioPathFor(url);
  if (path === undefined) return [];
  state.validate ??= createSpecValidator(undefined, { closedValues: true });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  let parsed: unknown;
  if (body !== '') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`${method} ${path}: body is not JSON`];
    }
  }
  return state.validate({ method: method.toUpperCase(), path, query, body: parsed });
}

function urlOf(args: unknown[]): { url: string; method: string; headers: Record<string, string> } {
  const [first, second] = args;
  const opts = (typeof first === 'string' || first instanceof URL ? second : first) as
    | (http.RequestOptions & { href?: string })
    | undefined;
  let url: URL;
  if (typeof first === 'string' || first instanceof URL) {
    url = new URL(first.toString());
  } else {
    const o = first as http.RequestOptions;
    const protocol = o.protocol ?? 'http:';
    const host = o.hostname ?? o.host ?? 'localhost';
    const port = o.port ? `:${o.port}` : '';
    url = new URL(`${protocol}//${host}${port}${o.path ?? '/'}`);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts?.headers ?? {})) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return { url: url.toString(), method: (opts?.method ?? 'GET').toUpperCase(), headers };
}

function wrap(mod: typeof http | typeof https): void {
  const original = mod.request;
  const patched = function (this: unknown, ...args: unknown[]) {
    const req = (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
    const { url, method, headers } = urlOf(args);
    const chunks: Buffer[] = [];
    const write = req.write.bind(req);
    const end = req.end.bind(req);
    req.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof req.write;
    req.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      const body = Buffer.concat(chunks).toString('utf8');
      state.sent.push({ method, url, headers, body });
      state.violations.push(...checkAgainstSpec(method, url, body));
      return (end as (...a: unknown[]) => http.ClientRequest)(chunk, ...rest);
    }) as typeof req.end;
    return req;
  };
  (mod as { request: unknown }).request = patched;
}

/** Wraps http.request and https.request once per process (nock must already be loaded). */
export function installContractGuard(): void {
  if (state.installed) return;
  state.installed = true;
  wrap(http);
  wrap(https);
}

/** Requests sent since the last reset (every host; check `url` to filter). */
export function sentRequests(): SentRequest[] {
  return [...state.sent];
}

/** Returns and clears the spec violations recorded so far. */
export function takeViolations(): string[] {
  return state.violations.splice(0);
}

export function resetSent(): void {
  state.sent.length = 0;
}

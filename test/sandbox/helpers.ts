// Test helpers: start a sandbox on an ephemeral port and call it with Node's fetch.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import { applyResponseErrata, SPEC_PATH } from '../../spec/validator';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Attio's error envelope. */
export interface ErrorBody {
  status_code: number;
  type: string;
  code: string;
  message: string;
  validation_errors?: Array<{ code: string; path: Array<string | number>; message: string }>;
}

export interface CallOptions {
  token?: string | null;
  query?: Record<string, string>;
  rawBody?: string;
}

export interface Api {
  call<T = ErrorBody>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Reply<T>>;
  get<T = ErrorBody>(path: string, options?: CallOptions): Promise<Reply<T>>;
  post<T = ErrorBody>(path: string, body?: unknown, options?: CallOptions): Promise<Reply<T>>;
  put<T = ErrorBody>(path: string, body?: unknown, options?: CallOptions): Promise<Reply<T>>;
  patch<T = ErrorBody>(path: string, body?: unknown, options?: CallOptions): Promise<Reply<T>>;
  del<T = ErrorBody>(path: string, options?: CallOptions): Promise<Reply<T>>;
}

export function apiFor(sandbox: Sandbox, defaultToken = 'test-token'): Api {
  const call = async <T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Reply<T>> => {
    const url = new URL(`${sandbox.url}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: payload });
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  };
  return {
    call,
    get: (path, o) => call('GET', path, undefined, o),
    post: (path, b, o) => call('POST', path, b, o),
    put: (path, b, o) => call('PUT', path, b, o),
    patch: (path, b, o) => call('PATCH', path, b, o),
    del: (path, o) => call('DELETE', path, undefined, o),
  };
}

/** Starts a sandbox (rate limits off unless asked) and stops it after the file's tests. */
export function useSandbox(options: SandboxOptions = {}): { sandbox: () => Sandbox; api: () => Api } {
  let sandbox: Sandbox | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimits: false, ...options });
    api = apiFor(sandbox);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(() => sandbox?.reset());
  return {
    sandbox: () => sandbox as Sandbox,
    api: () => api as Api,
  };
}

// ---- shapes the tests read ------------------------------------------------------------------

export interface Value {
  attribute_type: string;
  active_from: string;
  active_until: string | null;
  created_by_actor: { type: string; id: string | null };
  [prop: string]: unknown;
}

export interface RecordBody {
  id: { workspace_id: string; object_id: string; record_id: string };
  created_at: string;
  web_url: string;
  values: Record<string, Value[]>;
}

export interface EntryBody {
  id: { workspace_id: string; list_id: string; entry_id: string };
  parent_record_id: string;
  parent_object: string;
  created_at: string;
  entry_values: Record<string, Value[]>;
}

export type Data<T> = { data: T };

export const person = (email: string | string[], extra: Record<string, unknown[]> = {}) => ({
  data: { values: { email_addresses: Array.isArray(email) ? email : [email], ...extra } },
});

export const company = (domain: string | string[], extra: Record<string, unknown[]> = {}) => ({
  data: { values: { domains: Array.isArray(domain) ? domain : [domain], ...extra } },
});

/** Checks a response body against the 200 response schema of Attio's spec for that operation. */
export function specResponseErrors(method: string, template: string, body: unknown): string[] {
  state.ajv ??= (() => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
    applyResponseErrata(spec);
    ajv.addSchema({ ...spec, $id: 'attio' });
    return ajv;
  })();
  const ref = `attio#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/200/content/application~1json/schema`;
  let fn = state.compiled.get(ref);
  if (!fn) {
    fn = state.ajv.compile({ $ref: ref });
    state.compiled.set(ref, fn);
  }
  return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const state: { ajv?: Ajv2020; compiled: Map<string, ValidateFunction> } = { compiled: new Map() };

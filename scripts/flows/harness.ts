// What every demo flow shares: the app run through zapier-platform-core's own runner (createAppTester: the
// pipeline Zapier runs, with middleware and output checks) against a local sandbox, expectations that
// the demo prints and the jest e2e test asserts, and small readers for the untyped results.
//
// The app definition is a parameter, never imported from src/: the demo passes the BUILT app
// (require('index.js')), the jest test the TypeScript source, so both run the very same flows.
import { createAppTester } from 'zapier-platform-core';
import type { Sandbox } from '../../sandbox/server';

/** The token the flows connect with; any token works on the sandbox. Never printed. */
export const DEMO_TOKEN = 'demo-token';

/** Where the app sends an operation: `creates.create_person.operation.perform`. */
export type OperationKind = 'creates' | 'searches' | 'triggers';
export type OperationMethod = 'perform' | 'performList' | 'performSubscribe' | 'performUnsubscribe' | 'inputFields';

/** What Zapier puts in a bundle (the parts the flows use); authData is added by the harness. */
export interface BundleInput {
  inputData?: Record<string, unknown>;
  targetUrl?: string;
  subscribeData?: Record<string, unknown>;
  rawRequest?: { method: string; querystring: string; headers: Record<string, string>; content: string };
  cleanedRequest?: unknown;
  meta?: { page?: number };
}

/**
 * createAppTester's runner. Its typings only declare a perform function, but core runs whatever it finds
 * on the app (resolveMethodPath): a function, or an `inputFields` array, which it resolves like Zapier does.
 */
type Runner = (method: unknown, bundle: object) => Promise<unknown>;

/** One app, one runner, one sandbox: what a flow (or a bench measurement) works with. */
export interface FlowContext {
  sandbox: Sandbox;
  /** Runs one operation method through the whole pipeline. One runner = one z.cache, as in production. */
  invoke(kind: OperationKind, key: string, method: OperationMethod, bundle?: BundleInput): Promise<unknown>;
  /** Runs any method of the app by its path, e.g. ['authentication', 'test']. */
  invokePath(path: string[], bundle?: BundleInput): Promise<unknown>;
  /** How many z.cache nx writes this runner's cache refused (a claim another run held): see withAtomicNx. */
  claimsRefused(): number;
}

function child(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}

/** The method object at `path` on the app definition: the very function or array Zapier would run. */
export function methodOf(app: object, path: string[]): unknown {
  const found = path.reduce<unknown>(child, app);
  if (typeof found !== 'function' && !Array.isArray(found)) throw new Error(`The app has no ${path.join('.')}`);
  return found;
}

type CacheSet = (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => Promise<boolean | null>;

/**
 * Zapier's cache sets a key with `nx` only when it is absent, atomically (the claim create_record's Match On
 * holds, the webhook redelivery dedupe). createAppTester's in-memory cache ignores `nx` and always writes, so
 * two racing runs would both "get" a claim there and the demo would prove nothing. This gives the runner
 * Zapier's semantics: the app definition is copied with every operation's perform wrapped so that, before the
 * app's own code runs, its `z.cache.set` refuses an nx write to a key the runner's store already holds. The
 * check and core's write (its in-memory RPC writes before its first await) happen in one synchronous step,
 * as the real cache's SET NX does. The app's code is not changed; only the cache it talks to behaves as in
 * production.
 */
export function withAtomicNx(app: object, store: () => Record<string, unknown> | undefined, onRefused: () => void = () => undefined): object {
  const wrapPerform = (perform: unknown): unknown => {
    if (typeof perform !== 'function') return perform;
    return (z: { cache: { set: CacheSet } }, bundle: unknown) => {
      const set = z.cache.set;
      const held = store();
      z.cache.set = (key, value, ttl, scope, nx) => {
        if (nx !== true || !held || !Object.hasOwn(held, key)) return set(key, value, ttl, scope, nx);
        onRefused();
        return Promise.resolve(false);
      };
      return (perform as (z: unknown, bundle: unknown) => unknown)(z, bundle);
    };
  };
  const copy: Record<string, unknown> = { ...(app as Record<string, unknown>) };
  for (const kind of ['triggers', 'creates', 'searches'] as const) {
    const operations = copy[kind];
    if (!isItem(operations)) continue;
    copy[kind] = Object.fromEntries(
      Object.entries(operations).map(([key, op]) => {
        if (!isItem(op) || !isItem(op.operation)) return [key, op];
        return [key, { ...op, operation: { ...op.operation, perform: wrapPerform(op.operation.perform) } }];
      }),
    );
  }
  return copy;
}

/**
 * Points the app at the sandbox (ATTIO_API_URL is read on every request) and returns a context whose
 * runner keeps one z.cache for all its invocations.
 */
export function connect(appDefinition: object, sandbox: Sandbox): FlowContext {
  process.env.ATTIO_API_URL = sandbox.url;
  let runner: Runner & { zcacheTestObj?: Record<string, unknown> };
  let refused = 0;
  const app = withAtomicNx(appDefinition, () => runner?.zcacheTestObj, () => void (refused += 1));
  runner = createAppTester(app) as typeof runner;
  const invokePath = (path: string[], bundle: BundleInput = {}) =>
    runner(methodOf(app, path), { ...bundle, authData: { access_token: DEMO_TOKEN }, inputData: bundle.inputData ?? {} });
  return {
    sandbox,
    invokePath,
    invoke: (kind, key, method, bundle) => invokePath([kind, key, 'operation', method], bundle),
    claimsRefused: () => refused,
  };
}

/**
 * Runs `work` while holding back what the app logs (core echoes every z.console line to the global
 * console), so a report printed afterwards stays readable. Returns the lines for the caller to show.
 */
export async function holdingAppLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const original = { log: console.log, error: console.error };
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' ').trim());
  console.log = keep;
  console.error = keep;
  try {
    return { result: await work(), lines };
  } finally {
    console.log = original.log;
    console.error = original.error;
  }
}

// ------------------------------------------------------------------ expectations and results

export interface Expectation {
  name: string;
  ok: boolean;
  /** What was observed, for the report (never a secret). */
  detail: string;
}

export interface FlowResult {
  title: string;
  expectations: Expectation[];
  /** A few key figures for the report, label → value. */
  figures: Record<string, string>;
  ms: number;
}

/** Collects expectations as a flow goes, and times it. */
export class FlowReport {
  readonly expectations: Expectation[] = [];
  readonly figures: Record<string, string> = {};
  private readonly started = Date.now();

  constructor(readonly title: string) {}

  expect(name: string, ok: boolean, detail: string): boolean {
    this.expectations.push({ name, ok, detail });
    return ok;
  }

  figure(label: string, value: string): void {
    this.figures[label] = value;
  }

  done(): FlowResult {
    return { title: this.title, expectations: this.expectations, figures: this.figures, ms: Date.now() - this.started };
  }
}

/** Every expectation of every flow held. */
export function allPassed(results: FlowResult[]): boolean {
  return results.every((r) => r.expectations.every((e) => e.ok));
}

// ------------------------------------------------------------------ reading results

export type Item = Record<string, unknown>;

export function isItem(value: unknown): value is Item {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A create's result: one object. */
export function asItem(value: unknown, what: string): Item {
  if (!isItem(value)) throw new Error(`${what} returned ${JSON.stringify(value)}, not an object`);
  return value;
}

/** A search's or trigger's result: a list of objects. */
export function asItems(value: unknown, what: string): Item[] {
  if (!Array.isArray(value) || !value.every(isItem)) throw new Error(`${what} returned ${JSON.stringify(value)}, not a list of objects`);
  return value;
}

export function text(item: Item | undefined, key: string): string | undefined {
  const value = item?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The Zapier error class name of a failed run (HaltedError, ThrottledError, AppError, …). */
export function errorName(err: unknown): string {
  return err instanceof Error || isItem(err) ? String((err as { name?: unknown }).name ?? 'Error') : typeof err;
}

/** The user-facing message: z.errors.Error and ThrottledError wrap it in JSON. */
export function errorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isItem(parsed) && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // a plain message
  }
  return raw;
}

/** Runs a step expected to fail: the error it threw, or undefined when it succeeded. */
export async function failure(step: Promise<unknown>): Promise<unknown> {
  try {
    await step;
    return undefined;
  } catch (err) {
    return err ?? new Error('rejected without a reason');
  }
}

/** "a, b and c" */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// ------------------------------------------------------------------ Zap steps

export interface FoundOrCreated {
  item: Item;
  /** true when the search found nothing and the create step ran. */
  created: boolean;
}

/**
 * What Zapier runs for a "Find or Create" step (a searchOrCreate): the search, and the create only when
 * the search returns [].
 */
export async function findOrCreate(
  ctx: FlowContext,
  pair: { search: string; create: string },
  searchInput: Record<string, unknown>,
  createInput: Record<string, unknown>,
): Promise<FoundOrCreated> {
  const found = asItems(await ctx.invoke('searches', pair.search, 'perform', { inputData: searchInput }), pair.search);
  if (found[0]) return { item: found[0], created: false };
  return { item: asItem(await ctx.invoke('creates', pair.create, 'perform', { inputData: createInput }), pair.create), created: true };
}

export const FIND_OR_CREATE_COMPANY = { search: 'find_company', create: 'create_company' } as const;
export const FIND_OR_CREATE_PERSON = { search: 'find_person', create: 'create_person' } as const;
export const FIND_OR_CREATE_RECORD = { search: 'find_record', create: 'create_record' } as const;

/** "Jordan Rivera" → Jordan / Rivera; "Cher" → Cher / (none); "Mary Ann de la Cruz" → Mary / Ann de la Cruz. */
export function splitName(full: string | null | undefined): { first_name?: string; last_name?: string } {
  const parts = (full ?? '').trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = parts;
  return { ...(first ? { first_name: first } : {}), ...(rest.length ? { last_name: rest.join(' ') } : {}) };
}

/** The part of an address after the @, lower-cased: what a Formatter step would extract. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

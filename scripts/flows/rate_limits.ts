// Flow 4, rate limits: many Zap runs writing at once against Attio's 25 writes/s. Every create_company
// run goes through the full pipeline; the sandbox answers 429 (with Retry-After) to writes over the
// limit, and the app's request layer waits and retries within its budget. Expect every write kept, none
// twice, and throughput close to the ceiling.
import type { Sandbox } from '../../sandbox/server';
import { errorMessage, FlowReport, type FlowContext, type FlowResult } from './harness';

export const RATE_LIMIT_TITLE = 'Rate limits: concurrent create-or-update writes against 25 writes/s';

export interface RateLimitOptions {
  /** Distinct companies to write (default 200). */
  writes?: number;
  /** Zap runs in flight at once (default 10). */
  workers?: number;
}

/** The measured figures, for the demo's report and the bench's table. */
export interface RateLimitStats {
  writes: number;
  workers: number;
  elapsedMs: number;
  /** writes / elapsed seconds: what a user waits for. */
  writesPerSecond: number;
  /** The sandbox's write limit (Attio's 25/s). */
  ceiling: number;
  /** 429s the sandbox answered (each retried by the app). */
  throttled: number;
  /** Write requests that reached the sandbox, 429s included. */
  writeRequests: number;
  /** One-second windows that saw an accepted write, and the accepted writes in the fullest one. */
  windows: number;
  busiestWindow: number;
  failures: string[];
  persisted: number;
  lost: number;
  duplicated: number;
}

export interface RateLimitResult extends FlowResult {
  stats: RateLimitStats;
}

/** `company-007.example`: reserved TLD, distinct per write, sortable. */
function domainOf(i: number, total: number): string {
  return `company-${String(i + 1).padStart(String(total).length, '0')}.example`;
}

/** `workers` loops pulling the next domain until none is left: N runs in flight at every moment. */
async function writeAll(ctx: FlowContext, domains: string[], workers: number): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < domains.length; i = next++) {
      const domain = domains[i] as string;
      try {
        await ctx.invoke('creates', 'create_company', 'perform', { inputData: { domain, name: `Company ${i + 1}` } });
      } catch (err) {
        failures.push(`${domain}: ${errorMessage(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return failures;
}

/** Accepted record writes per one-second window, from the sandbox's request log. */
function windowCounts(sandbox: Sandbox): number[] {
  const perWindow = new Map<number, number>();
  for (const entry of sandbox.requestLog()) {
    if (entry.method === 'PUT' && entry.template === '/v2/objects/{object}/records' && entry.status === 200) {
      const window = Math.floor(entry.at / 1000);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
  }
  return [...perWindow.values()];
}

/** Lost (no record) and duplicated (more than one record) domains among those written. */
function tally(sandbox: Sandbox, domains: string[]): { persisted: number; lost: number; duplicated: number } {
  const records = sandbox.listRecords('companies');
  const count = new Map<string, number>();
  for (const record of records) {
    for (const value of record.values.domains ?? []) count.set(String(value.domain), (count.get(String(value.domain)) ?? 0) + 1);
  }
  return {
    persisted: records.length,
    lost: domains.filter((d) => !count.has(d)).length,
    duplicated: domains.filter((d) => (count.get(d) ?? 0) > 1).length,
  };
}

function measure(sandbox: Sandbox, domains: string[], workers: number, elapsedMs: number, failures: string[]): RateLimitStats {
  const limits = sandbox.rateLimitStats();
  const windows = windowCounts(sandbox);
  return {
    writes: domains.length,
    workers,
    elapsedMs,
    writesPerSecond: domains.length / (elapsedMs / 1000),
    ceiling: limits.limits.write,
    throttled: limits.rejected.write,
    writeRequests: limits.allowed.write + limits.rejected.write,
    windows: windows.length,
    busiestWindow: Math.max(0, ...windows),
    failures,
    ...tally(sandbox, domains),
  };
}

export async function rateLimits(ctx: FlowContext, options: RateLimitOptions = {}): Promise<RateLimitResult> {
  const writes = options.writes ?? 200;
  const workers = options.workers ?? 10;
  const report = new FlowReport(RATE_LIMIT_TITLE);
  ctx.sandbox.reset();
  const limits = ctx.sandbox.rateLimitStats();

  const domains = Array.from({ length: writes }, (_, i) => domainOf(i, writes));
  const started = process.hrtime.bigint();
  const failures = await writeAll(ctx, domains, workers);
  const stats = measure(ctx.sandbox, domains, workers, Number(process.hrtime.bigint() - started) / 1e6, failures);

  // Proof the limit was really hit (not just configured): the app met 429s and still lost nothing.
  report.expect(
    'the sandbox enforced Attio\'s write limit on this run',
    limits.enabled && stats.throttled > 0,
    limits.enabled ? `${limits.limits.write} writes/s: ${stats.throttled} requests answered 429` : 'rate limits are off',
  );
  report.expect(
    `all ${writes} runs succeeded (429s retried inside each run)`,
    failures.length === 0,
    failures.length ? `${failures.length} failed, e.g. ${failures[0]}` : `${writes} runs, ${workers} at a time, ${stats.throttled} × 429 retried`,
  );
  report.expect('none lost: every domain has its company', stats.lost === 0, `${writes - stats.lost}/${writes} domains found`);
  report.expect(
    'none duplicated: exactly one company per domain',
    stats.duplicated === 0 && stats.persisted === writes,
    `${stats.persisted} companies for ${writes} domains`,
  );
  const pct = (100 * stats.writesPerSecond) / stats.ceiling;
  report.figure('throughput', `${stats.writesPerSecond.toFixed(1)} writes/s = ${pct.toFixed(0)}% of the ${stats.ceiling}/s ceiling (${writes} in ${(stats.elapsedMs / 1000).toFixed(2)} s)`);
  report.figure('429s answered and retried', `${stats.throttled} (of ${stats.writeRequests} write requests)`);
  // The sandbox counts fixed one-second windows (Attio does not document its window): a run spanning partial
  // first and last windows can average above the ceiling while no window exceeds it.
  report.figure('one-second windows used', `${stats.windows}, at most ${stats.busiestWindow} writes in one (the limit is per window)`);
  return { ...report.done(), stats };
}

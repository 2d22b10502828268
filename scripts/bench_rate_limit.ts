// Bench section: the demo's rate-limit flow on the BUILT app, against the sandbox's enforced 25 writes/s.
// Reported as measured (writes / elapsed seconds) and as a share of the ceiling; target ≥ 85% with zero
// loss. Run a few times because the result depends on where the run starts within the limiter's fixed
// one-second windows (see the notes).
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import type { Section } from './bench';
import { connect, holdingAppLogs, rateLimits, type RateLimitStats } from './flows';

const WRITES = 200;
const WORKERS = 10;
const TARGET = 0.85;

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const pct = (v: number) => `${(100 * v).toFixed(0)}%`;

/** The run whose writes/s is the median: its other figures are reported alongside. */
function medianRun(runs: RateLimitStats[]): RateLimitStats {
  const mid = median(runs.map((r) => r.writesPerSecond));
  return runs.reduce((best, r) => (Math.abs(r.writesPerSecond - mid) < Math.abs(best.writesPerSecond - mid) ? r : best));
}

export const rateLimitScenario: Section = {
  id: 'rate-limit',
  title: `Rate limits: ${WRITES} create_company writes from ${WORKERS} concurrent runs against 25 writes/s`,
  async run(ctx) {
    const app = require(path.join(ctx.root, 'index.js')) as object;
    const repeat = Number(option('rate-runs') ?? 3);
    const runs: RateLimitStats[] = [];
    const sandbox = await startSandbox(); // Attio's limits: 25 writes/s, 100 reads/s
    try {
      for (let i = 0; i < repeat; i++) {
        ctx.log(`  rate-limit run ${i + 1}/${repeat}…`);
        const { result } = await holdingAppLogs(() => rateLimits(connect(app, sandbox), { writes: WRITES, workers: WORKERS }));
        runs.push(result.stats);
      }
    } finally {
      await sandbox.stop();
    }
    const mid = medianRun(runs);
    const ceiling = mid.ceiling;
    const share = mid.writesPerSecond / ceiling;
    const clean = runs.every((r) => r.lost === 0 && r.duplicated === 0 && r.failures.length === 0 && r.persisted === WRITES);
    const all = runs.map((r) => r.writesPerSecond.toFixed(1)).join(', ');
    return {
      baselineLabel: 'ceiling / target',
      rows: [
        { metric: `writes/s (${WRITES} ÷ elapsed), median of ${repeat}`, value: mid.writesPerSecond.toFixed(1), baseline: `${ceiling}/s`, ratio: pct(share) },
        {
          metric: `target: ≥ ${pct(TARGET)} of the ceiling, zero loss`,
          value: share >= TARGET && clean ? 'met' : 'NOT met',
          baseline: `≥ ${(TARGET * ceiling).toFixed(2)}/s`,
          ratio: '',
        },
        { metric: 'elapsed (median run)', value: `${(mid.elapsedMs / 1000).toFixed(2)} s`, baseline: `${(WRITES / ceiling).toFixed(2)} s`, ratio: '' },
        {
          metric: 'companies kept / lost / duplicated (every run)',
          value: runs.map((r) => `${r.persisted}/${r.lost}/${r.duplicated}`).join(', '),
          baseline: `${WRITES}/0/0`,
          ratio: clean ? '✓' : '✗',
        },
        { metric: 'runs that failed (every run)', value: runs.map((r) => String(r.failures.length)).join(', '), baseline: '0', ratio: '' },
        { metric: '429s answered and retried (median run)', value: `${mid.throttled} of ${mid.writeRequests} writes`, baseline: '', ratio: '' },
        { metric: 'one-second windows with writes (median run)', value: `${mid.windows}, ≤ ${mid.busiestWindow} each`, baseline: `≥ ${Math.ceil(WRITES / ceiling)}`, ratio: '' },
      ],
      notes: [
        `writes/s of each run: ${all}; each run starts from an empty workspace (sandbox.reset()) on a fresh createAppTester runner.`,
        `${WORKERS} workers each invoke creates.create_company.operation.perform through createAppTester (the built app: middleware, request layer, output checks) until ${WRITES} distinct domains are written; the sandbox enforces 25 writes/s and 100 reads/s and answers 429 with Retry-After (the next second, as an HTTP date); the app waits for it and retries inside the run.`,
        'lost/duplicated: every domain must be on exactly one company record, and the workspace must hold exactly that many companies (read in-process after the run).',
        `the sandbox's limiter uses fixed one-second windows (Attio does not document its window): ${WRITES} writes need ${Math.ceil(WRITES / ceiling)} windows, but a run that starts late in its first window and ends early in its last spans only a little over ${Math.ceil(WRITES / ceiling) - 2} s, so a single run can average up to ${(WRITES / (Math.ceil(WRITES / ceiling) - 2)).toFixed(0)}/s (> 100%) without any window holding more than ${ceiling}; back-to-back runs start just after a window opens and show the steady 25/s. Hence the median of several runs, every run listed, and the per-window count.`,
      ],
    };
  },
};

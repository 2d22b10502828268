// `npm run demo`: the integration doing its job on a fresh machine, with no Attio or Zapier account.
// Starts the local Attio sandbox (Attio's rate limits on), points the BUILT app at it, runs the flows of scripts/flows (among them deal_won: a change trigger without loops)
// through zapier-platform-core's own runner, prints one line per expectation, and exits non-zero when
// any fails. The report never shows the token or a webhook's signing secret.
//
//   node dist-tools/scripts/demo.js [--writes=200] [--workers=10]
import './core_checks';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { allPassed, holdingAppLogs, runFlows, type FlowResult } from './flows';

/** The repository root: this file runs as dist-tools/scripts/demo.js. */
const ROOT = path.resolve(__dirname, '..', '..');

function numberOption(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

function printFlow(n: number, result: FlowResult): void {
  const took = result.ms < 1000 ? `${result.ms} ms` : `${(result.ms / 1000).toFixed(1)} s`;
  console.log(`\n${n}. ${result.title}  (${took})`);
  for (const e of result.expectations) console.log(`   ${e.ok ? '✓' : '✗'} ${e.name} — ${e.detail}`);
  for (const [label, value] of Object.entries(result.figures)) console.log(`     ${label}: ${value}`);
}

async function main(): Promise<void> {
  const writes = numberOption('writes', 200);
  const workers = numberOption('workers', 10);
  // The built app, exactly what `zapier-platform push` uploads (index.js → dist/).
  const app = require(path.join(ROOT, 'index.js')) as object;
  const sandbox = await startSandbox();
  const started = Date.now();
  try {
    console.log(`Attio for Zapier demo: the built app against a local Attio sandbox at ${sandbox.url}`);
    console.log("(in memory, Attio's limits of 25 writes/s and 100 reads/s enforced; nothing leaves this machine)");
    const { result: results, lines } = await holdingAppLogs(() => runFlows(app, sandbox, { rateLimit: { writes, workers } }));
    results.forEach((r, i) => printFlow(i + 1, r));
    if (lines.length) console.log(`\nWhat the app logged (z.console):\n${lines.map((l) => `   ${l}`).join('\n')}`);
    const all = results.flatMap((r) => r.expectations);
    const failed = all.filter((e) => !e.ok).length;
    console.log(
      `\n${failed === 0 ? '✓' : '✗'} ${all.length - failed}/${all.length} expectations met in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `${failed ? ` — ${failed} failed` : ''}.`,
    );
    if (!allPassed(results)) process.exitCode = 1;
  } finally {
    await sandbox.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

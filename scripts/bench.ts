// `npm run bench`: figures for the built app, each measured against its baseline in the same run, so
// the machine's load affects both sides alike. A benchmark is a script, not a timed test: it prints and
// never fails on a slow figure (only when it cannot measure).
//
// Sections are independent entries in SECTIONS: cold start and zip size (here), Attio requests per
// operation counted by the local sandbox (bench_requests.ts) and the rate-limit scenario against
// Attio's 25 writes/s (bench_rate_limit.ts).
//
//   node dist-tools/scripts/bench.js [--only=cold-start,zip,requests,rate-limit] [--runs=9] [--rate-runs=3]
// Expects the app already built (npm run bench builds first). BENCHMARKS.md records the latest figures.
import { NODE_ENV_BEFORE } from './core_checks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requestsPerOperation } from './bench_requests';
import { rateLimitScenario } from './bench_rate_limit';
import { median, option, type BenchContext, type Row, type Section, type SectionResult } from './bench_section';
import { STAGED_NPMRC, stageApp } from './stage';

/** The repository root: this file runs as dist-tools/scripts/bench.js. */
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

// ------------------------------------------------------------------ small utilities

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion, optionally at lower CPU priority (the machine is shared). */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; nice?: boolean; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (options.nice && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, 10);
      } catch {
        // Not permitted here: run at normal priority.
      }
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KiB`;
const times = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/**
 * Env for child tools: Node 22 first on PATH, no analytics calls to zapier.com (unreachable here), and
 * NODE_ENV as it was before core_checks set it for this process (npm and the CLI read it too).
 */
function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`, DISABLE_ZAPIER_ANALYTICS: '1' };
  if (NODE_ENV_BEFORE === undefined) delete env.NODE_ENV;
  else env.NODE_ENV = NODE_ENV_BEFORE;
  return env;
}

// ------------------------------------------------------------------ section: cold start

/**
 * Time to `require()` the built app in a fresh Node process, against requiring bare zapier-platform-core:
 * what a cold Lambda pays before the first step runs. Runs alternate app/core so drift hits both alike.
 */
const coldStart: Section = {
  id: 'cold-start',
  title: 'Cold start: require() in a fresh node process',
  async run(ctx) {
    const appEntry = path.join(ctx.root, 'index.js');
    const coreEntry = require.resolve('zapier-platform-core', { paths: [ctx.root] });
    if (!fs.existsSync(path.join(ctx.root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run npm run build first');
    // The child reports the require() time it measured itself, so process start-up is not counted
    // twice; the whole process lifetime is reported separately.
    const probe = (entry: string) => [
      '-e',
      `const t=process.hrtime.bigint();require(${JSON.stringify(entry)});` +
        'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))',
    ];
    const once = async (entry: string) => {
      const result = await run(ctx.node, probe(entry), { cwd: ctx.root, env: toolEnv(), timeoutMs: 60_000 });
      if (result.code !== 0) throw new Error(`require(${entry}) failed:\n${result.stderr}`);
      return { require: Number(result.stdout), process: result.ms };
    };
    // One untimed warm-up each: the first read of the files from disk is not what a Lambda pays either.
    await once(appEntry);
    await once(coreEntry);
    const app: { require: number; process: number }[] = [];
    const core: { require: number; process: number }[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      app.push(await once(appEntry));
      core.push(await once(coreEntry));
    }
    const appRequire = median(app.map((r) => r.require));
    const coreRequire = median(core.map((r) => r.require));
    const appProcess = median(app.map((r) => r.process));
    const coreProcess = median(core.map((r) => r.process));
    return {
      baselineLabel: "require('zapier-platform-core')",
      rows: [
        { metric: `require() time, median of ${ctx.runs}`, value: ms(appRequire), baseline: ms(coreRequire), ratio: times(appRequire, coreRequire) },
        { metric: `whole process (spawn to exit), median of ${ctx.runs}`, value: ms(appProcess), baseline: ms(coreProcess), ratio: times(appProcess, coreProcess) },
      ],
      notes: [
        `app: require('${path.relative(ctx.root, appEntry) || appEntry}') (→ dist/index.js, which loads core); baseline: require('${path.relative(ctx.root, coreEntry)}').`,
        `each run is a fresh \`${path.relative(ctx.root, ctx.node)} -e\` child (${ctx.runs} per side, alternating, after one untimed warm-up each); the child times its own require() with process.hrtime.`,
      ],
    };
  },
};

// ------------------------------------------------------------------ section: build zip size

interface ZipStats {
  bytes: number;
  entries: number;
  uncompressed: number;
  nodeModulesEntries: number;
  /** Compressed bytes per package (node_modules/<name>) or top-level entry (dist, index.js, …). */
  byPart: Map<string, number>;
}

/** The package or top-level entry a zip path belongs to: node_modules/@scope/name, node_modules/name, dist. */
function zipPart(name: string): string {
  const parts = name.split('/');
  if (parts[0] !== 'node_modules' || parts.length < 3) return parts[0] ?? name;
  return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/');
}

/** Size, entry count and uncompressed total of a zip, read from its central directory (no unzip needed). */
function zipStats(file: string): ZipStats {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let uncompressed = 0;
  let nodeModulesEntries = 0;
  const byPart = new Map<string, number>();
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    uncompressed += buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    if (name.startsWith('node_modules/')) nodeModulesEntries++;
    const part = zipPart(name);
    byPart.set(part, (byPart.get(part) ?? 0) + buf.readUInt32LE(at + 20));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return { bytes: buf.length, entries, uncompressed, nodeModulesEntries, byPart };
}

/** Runs `zapier-platform build --skip-validation` in a staged project and returns its build.zip stats. */
async function buildZip(ctx: BenchContext, dir: string, label: string): Promise<ZipStats & { seconds: number }> {
  // The CLI refuses to start without a local zapier-platform-core, so the staged project gets its
  // production dependencies first, as a clean clone would after `npm ci --omit=dev`.
  // --prefer-offline: every package is already in the npm cache that this checkout's `npm ci` filled (same
  // lockfile), so npm takes them from there instead of asking the registry about each one again.
  ctx.log(`  installing ${label}'s production dependencies…`);
  const install = await run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: toolEnv(),
    nice: true,
    timeoutMs: 10 * 60_000,
  });
  if (install.code !== 0) throw new Error(`npm install --omit=dev failed for ${label} (exit ${install.code}):\n${install.stderr}`);
  ctx.log(`  building ${label} (zapier-platform build --skip-validation)…`);
  const result = await run(path.join(BIN, 'zapier-platform'), ['build', '--skip-validation'], {
    cwd: dir,
    // The CLI runs its own `npm install --production` in a temp copy; npm reads npm_config_* from the
    // environment, so that install prefers the cache too.
    env: { ...toolEnv(), npm_config_prefer_offline: 'true' },
    nice: true,
    timeoutMs: 15 * 60_000,
  });
  const zip = path.join(dir, 'build', 'build.zip');
  if (result.code !== 0 || !fs.existsSync(zip)) {
    throw new Error(`zapier-platform build failed for ${label} (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { ...zipStats(zip), seconds: result.ms / 1000 };
}

/** The smallest valid app on the same core: the floor any Zapier app on core 19.1.0 pays. */
function stageCoreOnly(root: string, dir: string): void {
  const core = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[
    'zapier-platform-core'
  ];
  const pkg = { name: 'core-only-app', version: '1.0.0', private: true, main: 'index.js', dependencies: { 'zapier-platform-core': core } };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    "const zapier = require('zapier-platform-core');\n\n" +
      'module.exports = { version: \'1.0.0\', platformVersion: zapier.version, triggers: {}, creates: {}, searches: {} };\n',
  );
  // Same lockfile (same transitive versions as the app; npm prunes what this package.json does not
  // need), the same includeInBuild fix and the same .npmrc, so the two zips differ only by the app.
  for (const file of ['package-lock.json', '.zapierapprc']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, '.npmrc'), STAGED_NPMRC);
}

const zipSize: Section = {
  id: 'zip',
  title: 'Build zip size: zapier-platform build --skip-validation',
  async run(ctx) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attio-bench-'));
    try {
      const appDir = path.join(tmp, 'app');
      const coreDir = path.join(tmp, 'core-only');
      fs.mkdirSync(appDir);
      fs.mkdirSync(coreDir);
      stageApp(ctx.root, appDir);
      stageCoreOnly(ctx.root, coreDir);
      // One after the other: each build runs npm install and esbuild, and the machine is shared.
      const app = await buildZip(ctx, appDir, 'this app');
      const core = await buildZip(ctx, coreDir, 'core-only app');
      // Where the difference comes from, largest first: compressed bytes per package or entry.
      const parts = new Set([...app.byPart.keys(), ...core.byPart.keys()]);
      const diff = [...parts]
        .map((part) => ({ part, bytes: (app.byPart.get(part) ?? 0) - (core.byPart.get(part) ?? 0) }))
        .filter((d) => Math.abs(d.bytes) >= 1024)
        .sort((a, b) => b.bytes - a.bytes);
      return {
        baselineLabel: 'minimal core-only app',
        rows: [
          { metric: 'build/build.zip size', value: kib(app.bytes), baseline: kib(core.bytes), ratio: times(app.bytes, core.bytes) },
          { metric: 'uncompressed contents', value: kib(app.uncompressed), baseline: kib(core.uncompressed), ratio: times(app.uncompressed, core.uncompressed) },
          { metric: 'files in zip (under node_modules)', value: `${app.entries} (${app.nodeModulesEntries})`, baseline: `${core.entries} (${core.nodeModulesEntries})`, ratio: '' },
          { metric: 'build wall time', value: `${app.seconds.toFixed(1)} s`, baseline: `${core.seconds.toFixed(1)} s`, ratio: '' },
        ],
        notes: [
          `the app adds ${kib(app.bytes - core.bytes)} (${app.bytes - core.bytes} bytes) compressed over core's floor: ${app.bytes} vs ${core.bytes} bytes.`,
          `difference by package (compressed, ≥ 1 KiB): ${diff.map((d) => `${d.part} ${d.bytes > 0 ? '+' : ''}${kib(d.bytes)}`).join(', ') || 'none'}.`,
          'both built by the CLI default flow (copy to a temp dir, npm install --production from package-lock.json, esbuild reachability, .zapierapprc includeInBuild), with --skip-validation (the remote check needs zapier.com).',
          'the app is staged as `npm run zapier -- push` ships it (scripts/stage.ts): a clean production copy (dist/, index.js, package.json without _zapier-build, package-lock.json, .zapierapprc, an .npmrc omitting optional packages, so node-fetch\'s unused optional `encoding` and its iconv-lite stay out); the CLI cannot copy the dev checkout (EMFILE on ~30,000 node_modules files).',
          "core-only: package.json with zapier-platform-core at the app's exact version, index.js exporting { version, platformVersion } and empty triggers/creates/searches.",
        ],
      };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

/** Every section, in print order. */
export const SECTIONS: Section[] = [coldStart, zipSize, requestsPerOperation, rateLimitScenario];

// ------------------------------------------------------------------ output

function table(result: SectionResult): string {
  const header: Row = { metric: 'metric', value: 'this app', baseline: result.baselineLabel, ratio: 'ratio', detail: result.detailLabel ?? '' };
  const rows = [header, ...result.rows];
  const width = (k: keyof Row) => Math.max(...rows.map((r) => (r[k] ?? '').length));
  const w = { metric: width('metric'), value: width('value'), baseline: width('baseline'), ratio: width('ratio'), detail: width('detail') };
  const line = (r: Row) =>
    `  ${r.metric.padEnd(w.metric)}  ${r.value.padStart(w.value)}  ${r.baseline.padStart(w.baseline)}  ${r.ratio.padStart(w.ratio)}  ${r.detail ?? ''}`.trimEnd();
  const rule = `  ${'-'.repeat(w.metric)}  ${'-'.repeat(w.value)}  ${'-'.repeat(w.baseline)}  ${'-'.repeat(w.ratio)}  ${'-'.repeat(w.detail)}`.trimEnd();
  return [line(header), rule, ...result.rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const only = option('only')?.split(',');
  const runs = Number(option('runs') ?? process.env.BENCH_RUNS ?? 9);
  const localNode = path.join(BIN, 'node');
  const node = fs.existsSync(localNode) ? localNode : process.execPath;
  const nodeVersion = (await run(node, ['--version'], { cwd: ROOT })).stdout.trim();
  const ctx: BenchContext = { root: ROOT, node, runs, log: (line) => console.error(line) };
  const sections = SECTIONS.filter((s) => !only || only.includes(s.id));
  if (sections.length === 0) throw new Error(`no section matches --only=${only?.join(',')}; ids: ${SECTIONS.map((s) => s.id).join(', ')}`);

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`Attio for Zapier benchmarks · ${new Date().toISOString()}`);
  console.log(`node ${nodeVersion} · ${os.platform()} ${os.arch()} · ${os.cpus().length} × ${cpu} · load ${os.loadavg()[0]?.toFixed(2)}`);
  let failed = false;
  for (const section of sections) {
    console.log(`\n${section.title}`);
    try {
      const result = await section.run(ctx);
      console.log(table(result));
      for (const note of result.notes) console.log(`  · ${note}`);
    } catch (error) {
      failed = true;
      console.log(`  could not measure: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

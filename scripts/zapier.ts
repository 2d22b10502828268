// `npm run zapier -- build|push [flags]`: runs Zapier's CLI on a clean production copy of the built app
// (scripts/stage.ts explains why not on the checkout), then copies the CLI's build/ folder back. This is
// the way to ship the app: a plain `zapier-platform push` in the checkout can fail with EMFILE and would
// put node-fetch's unused `encoding` and iconv-lite in the zip.
//
//   npm run zapier -- build --skip-validation     (the zip only: the validation step needs zapier.com)
//   npm run zapier -- push
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stageApp } from './stage';

/** The repository root: this file runs as dist-tools/scripts/zapier.js. */
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const COMMANDS = new Set(['build', 'push']);

function sh(command: string, args: string[], cwd: string): void {
  const env = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function main(): void {
  const [command, ...flags] = process.argv.slice(2);
  if (!command || !COMMANDS.has(command)) throw new Error('usage: npm run zapier -- build|push [flags for zapier-platform]');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run npm run build first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attio-zapier-'));
  try {
    stageApp(ROOT, dir);
    // The CLI refuses to start without a local zapier-platform-core.
    sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], dir);
    sh(path.join(BIN, 'zapier-platform'), [command, ...flags], dir);
    fs.cpSync(path.join(dir, 'build'), path.join(ROOT, 'build'), { recursive: true });
    console.log(`build/ copied back to ${path.relative(process.cwd(), path.join(ROOT, 'build')) || 'build'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}

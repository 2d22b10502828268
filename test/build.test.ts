// The built app (what `zapier-platform push` uploads) against its source. `npm test` builds before jest runs;
// run alone, `npm run build` first. The build is one esbuild bundle, dist/index.js: it must hold the same
// definition as src/, leave every npm package (core, tldts, email-providers) to require(), and keep the two
// data packages loaded on first use, not at cold start.
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import app from '../src';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

/** Runs `script` in a fresh node process at the repository root and returns its JSON output. */
function inFreshProcess<T>(script: string): T {
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as T;
}

/** Which of the data packages a process has loaded, by their resolved files. */
const LOADED = `
  const loaded = (name) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + name + '/'));
  const lists = () => ({ tldts: loaded('tldts'), emailProviders: loaded('email-providers') });
`;

describe('the build (dist/)', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'index.js'))) throw new Error('dist/index.js is missing: run npm run build first');
  });

  it('is one bundle: dist/ holds index.js and nothing else', () => {
    expect(fs.readdirSync(DIST)).toEqual(['index.js']);
  });

  it('holds the same definition as src/ (keys, fields, help text, samples, throttles)', () => {
    const built = inFreshProcess<unknown>(`process.stdout.write(JSON.stringify(require('./index.js')))`);
    expect(built).toEqual(JSON.parse(JSON.stringify(app)));
  });

  it('requires packages at run time instead of copying them in', () => {
    const bundle = fs.readFileSync(path.join(DIST, 'index.js'), 'utf8');
    expect(bundle).toMatch(/require\("zapier-platform-core"\)/);
    expect(bundle).toMatch(/require\("tldts\/dist\/index\.cjs\.min\.js"\)/);
    expect(bundle).toMatch(/require\("email-providers\/all\.json"\)/);
    // The version is read from package.json next to dist/, not frozen into the bundle.
    expect(bundle).toMatch(/require\("\.\.\/package\.json"\)/);
  });

  it('loads the Public Suffix List and the free-mail list on first use, not at cold start', () => {
    // create_company refuses a free-mail domain before any request, having read both lists to decide it.
    const seen = inFreshProcess<{ atLoad: unknown; afterUse: unknown; refusal: string }>(`${LOADED}
      const app = require('./index.js');
      const atLoad = lists();
      const tester = require('zapier-platform-core').createAppTester(app);
      tester(app.creates.create_company.operation.perform, { inputData: { domain: 'https://mail.gmail.com/' }, authData: { access_token: 't' } })
        .then(() => 'no refusal', (e) => e.message)
        .then((refusal) => process.stdout.write(JSON.stringify({ atLoad, afterUse: lists(), refusal })));
    `);
    expect(seen.atLoad).toEqual({ tldts: false, emailProviders: false });
    expect(seen.afterUse).toEqual({ tldts: true, emailProviders: true });
    expect(seen.refusal).toMatch(/is a free email provider \(gmail\.com\)/);
  });
});

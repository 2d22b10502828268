// The production copy of the app that Zapier's CLI builds and uploads from: what a clean clone holds after
// `npm run build`, minus dev dependencies. Used by `npm run zapier -- build|push` (scripts/zapier.ts) and by
// the bench's zip section, so the zip measured is the zip shipped.
//
// Why not build in the checkout: `zapier-platform build` copies the whole project into a temp dir before
// `npm install --production`, node_modules included (its copy filter only skips *.zip), in parallel; our dev
// node_modules (~30,000 files: TypeScript, jest, the Node 22 binary package) hits EMFILE under a 20,000
// open-file limit. And that install would keep `encoding` (with iconv-lite, 175 KiB compressed): an optional
// peer of core's node-fetch that the dev tooling also pulls in, so the lockfile marks it optional but not
// dev, and esbuild then follows node-fetch's `require('encoding')` into the zip. The app never uses it (it
// only serves node-fetch's deprecated textConverted()). The copy's .npmrc omits optional packages: in a
// production tree those are encoding, iconv-lite, safer-buffer and core's own @types/node, none of them
// loaded at run time (the CLI's "Testing build" step runs the zip and would catch a missing one). The dev
// checkout keeps its optional packages (esbuild's platform binary is one).
import fs from 'node:fs';
import path from 'node:path';

/** The copy's npm settings: the zip gets only what the app loads. */
export const STAGED_NPMRC = 'omit=optional\n';

/**
 * What the CLI puts in source.zip besides the built app, for Zapier's reviewers: the TypeScript the app is
 * built from. build.zip holds only what esbuild reaches from index.js (dist/), so these never enter it.
 */
const SOURCES = ['src', 'README.md', 'tsconfig.json'];

export function stageApp(root: string, dir: string): void {
  for (const file of ['index.js', 'package-lock.json', '.zapierapprc', '.gitignore']) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  for (const source of SOURCES) {
    if (fs.existsSync(path.join(root, source))) fs.cpSync(path.join(root, source), path.join(dir, source), { recursive: true });
  }
  // dist/ is freshly built; `_zapier-build` would rebuild it with esbuild, a devDependency absent here.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  delete pkg.scripts?.['_zapier-build'];
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, '.npmrc'), STAGED_NPMRC);
}

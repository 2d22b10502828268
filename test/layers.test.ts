// The layering rule of src/, checked on every import: pure values ← Attio client ← Zapier glue ← operations.
//   values/   imports only values/ (and types from attio/types)
//   attio/    imports attio/ and values/, never zapier/ or an operation
//   zapier/   imports zapier/, attio/, values/, never an operation
//   triggers/, creates/, searches/, dropdowns/: the operations import the layers below, never another operation
import fs from 'fs';
import path from 'path';

const SRC = path.join(__dirname, '..', 'src');
const OPERATIONS = ['triggers', 'creates', 'searches', 'dropdowns'];

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of a file, resolved to a path under src/ (folder/file, without extension). */
export function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[3] as string;
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
    out.push({ file: path.relative(SRC, file), target, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const layerOf = (rel: string): string => (rel.includes(path.sep) ? (rel.split(path.sep)[0] as string) : rel.replace(/\.ts$/, ''));

/** The imports that break the rule, as readable lines. */
export function violations(imports: readonly Import[]): string[] {
  const bad: string[] = [];
  for (const imp of imports) {
    const from = layerOf(imp.file);
    const to = layerOf(imp.target);
    if (to === 'samples') continue;
    const say = (why: string) => bad.push(`${imp.file} imports ${imp.target}: ${why}`);
    if (OPERATIONS.includes(from) && OPERATIONS.includes(to)) say('an operation never imports another operation; move the shared piece to the layer below');
    if (from === 'values' && to !== 'values' && !(imp.typeOnly && imp.target === path.join('attio', 'types'))) say('values/ is pure: it imports only values/ and types');
    if (from === 'attio' && (to === 'zapier' || OPERATIONS.includes(to))) say('attio/ (the client) never imports the Zapier glue or an operation');
    if (from === 'zapier' && OPERATIONS.includes(to)) say('zapier/ never imports an operation');
  }
  return bad;
}

describe('layers', () => {
  const imports = sourceFiles(SRC).flatMap((f) => importsOf(f, fs.readFileSync(f, 'utf8')));

  it('reads the imports of the app (the check is not vacuous)', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.some((i) => i.file.startsWith('creates') && i.target.startsWith('zapier'))).toBe(true);
  });

  it('every import of src/ follows the layering rule', () => {
    expect(violations(imports)).toEqual([]);
  });

  it('catches an operation importing another operation, and an upward import', () => {
    const fake = (file: string, text: string) => importsOf(path.join(SRC, file), text);
    expect(violations(fake('searches/find_person.ts', "import { personOutputFields } from '../creates/create_person';"))).toEqual([
      'searches/find_person.ts imports creates/create_person: an operation never imports another operation; move the shared piece to the layer below',
    ]);
    expect(violations(fake('dropdowns/list_entries.ts', "import { recordLabel } from './list_records';"))).toHaveLength(1);
    expect(violations(fake('attio/lookups.ts', "import { emailField } from '../zapier/fields';"))).toHaveLength(1);
    expect(violations(fake('values/read.ts', "import { attio } from '../attio/request';"))).toHaveLength(1);
    expect(violations(fake('values/read.ts', "import type { AttioRecord } from '../attio/types';"))).toEqual([]);
    expect(violations(fake('zapier/outputs.ts', "import sample from '../samples/list_entry.json';"))).toEqual([]);
  });
});

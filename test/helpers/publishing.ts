// Offline versions of Zapier's publishing checks (zapier-platform.md §7). Zapier runs its integration
// checks (D003, D004, …) only on its servers, at push/promote time; this applies every one that can be
// decided from the app definition alone, plus our house rules, so a bad label or sample fails `npm test`
// instead of a review weeks later.
//
// Pure: takes the app definition (and, for the file-name rule, the src directory) and returns problems,
// each "<CHECK> <path>: <what is wrong>". Checks named D0xx are Zapier's IDs; the house rules are:
//   KEY    keys snake_case, equal to the object key and to the operation's file name (src/<kind>/<key>.ts)
//   LABEL  label grammar: "New …"/"Updated …"/"Deleted …"/"Completed …" (triggers), "Create …"/"Add …"/"Update …"/
//          "Delete …"/"Remove …" (creates; also "Identify …" and "Group …", the names product-analytics tools give
//          these calls, and Zapier's own "API Request (Beta)"), "Find …" (searches),
//          "Find or Create …" (search-or-create)
//   DESC   description grammar: "Creates …"/"Adds …"/"Updates …"/"Deletes …"/"Removes …"/"Sends …" (creates), "Finds …" (searches), ending with "."
//   OUTPUT outputFields on every visible operation (D012 covers the sample)
//   D007   links in descriptions and help text use https
//
// What a static check cannot see: fields and outputFields returned by functions (dynamic fields, such as
// the per-object attribute fields) are skipped, so D004, D008, D011, D018 and D024 apply only to the
// static fields, and D009/D022 count only static fields (as Zapier does: functions become opaque
// "$func$" markers in definition.json). Live-result checks (T002–T006, Z001) need real data.
import fs from 'node:fs';
import path from 'node:path';

type Dict = Record<string, unknown>;
type Kind = 'triggers' | 'creates' | 'searches';

export interface CheckOptions {
  /** The app's src directory; when given, each operation's key must equal its file name there. */
  srcDir?: string;
}

const KINDS: readonly Kind[] = ['triggers', 'creates', 'searches'];
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Words Title Case leaves in lower case (except as the first word). */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'vs', 'with']);
const OUTPUT_TYPES: Record<string, (v: string | number | boolean) => boolean> = {
  string: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  password: (v) => typeof v === 'string',
  file: (v) => typeof v === 'string',
  datetime: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
};

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function dict(value: unknown): Dict {
  return isDict(value) ? value : {};
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
/** The static (non-function) entries of a fields array; functions are dynamic fields we cannot resolve. */
function staticFields(value: unknown): Dict[] {
  return Array.isArray(value) ? value.filter(isDict) : [];
}
/** Fields and their line-item children, each with a display path. */
function walkFields(fields: Dict[], base: string): { field: Dict; where: string }[] {
  return fields.flatMap((field) => {
    const where = `${base}.${str(field.key) ?? '?'}`;
    return [{ field, where }, ...walkFields(staticFields(field.children), where)];
  });
}

// ---------------------------------------------------------------- text rules

/** The first word that breaks Title Case, if any. Brand-style words (iPhone) and numbers pass. */
export function titleCaseViolation(label: string): string | undefined {
  const words = label.trim().split(/\s+/);
  for (const [i, raw] of words.entries()) {
    const word = raw.replace(/^[^\p{L}\p{N}]+/u, '');
    const first = word.charAt(0);
    if (!first || !/\p{Ll}/u.test(first)) continue;
    if (i > 0 && MINOR_WORDS.has(word.toLowerCase().replace(/[^\p{L}]+$/u, ''))) continue;
    if (/\p{Lu}/u.test(word.slice(1))) continue;
    return raw;
  }
  return undefined;
}

/**
 * Markdown link problems (D008) and plain-http links (D007). Valid: `[text](https://…)` (or mailto:), and
 * anything inside backticks. Invalid: bare URLs (including <autolinks>), links with a relative or
 * spaced target, unclosed or stray brackets.
 */
export function markdownProblems(text: string): { d008: string[]; d007: string[] } {
  const d008: string[] = [];
  const d007: string[] = [];
  let rest = text.replace(/`[^`]*`/g, ' ');
  rest = rest.replace(/\[([^[\]]*)\]\(((?:https?:\/\/|mailto:)[^\s()<>]+)\)/g, (_m, label: string, url: string) => {
    if (!label.trim()) d008.push(`empty link text for ${url}`);
    if (url.startsWith('http://')) d007.push(`link ${url} is not https`);
    return ' ';
  });
  const bare = /(?:https?:\/\/|www\.)[^\s)>\]]*/i.exec(rest);
  if (bare) d008.push(`bare URL "${bare[0]}": write it as [text](https://…)`);
  else if (/[[\]]/.test(rest)) d008.push('broken link brackets: use [text](https://…), or backticks for literal brackets');
  return { d008, d007 };
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s.:!]+$/, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- samples (D023, D024)

type Leaf = { key: string; value: unknown };

/**
 * The sample as Zapier flattens it for mapping: nested objects `a__b`, arrays of objects `a[]b`, arrays of
 * scalars stay one key (a list). Empty objects and arrays are leaves under their own key.
 */
function flattenSample(value: unknown, prefix = ''): Leaf[] {
  if (Array.isArray(value)) {
    const objects = value.filter(isDict);
    if (objects.length === 0) return [{ key: prefix, value }];
    const seen = new Map<string, Leaf>();
    for (const o of objects) for (const leaf of flattenSample(o, `${prefix}[]`)) if (!seen.has(leaf.key)) seen.set(leaf.key, leaf);
    return [...seen.values()];
  }
  if (isDict(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) return [{ key: prefix.replace(/(__|\[\])$/, ''), value }];
    return entries.flatMap(([k, v]) => flattenSample(v, prefix === '' ? k : prefix.endsWith('[]') ? `${prefix}${k}` : `${prefix}__${k}`));
  }
  return [{ key: prefix, value }];
}

/** Output fields by flat key; line-item `children` become `parent[]child`. Function entries are skipped. */
function flattenOutputFields(fields: Dict[], prefix = ''): Map<string, Dict> {
  const out = new Map<string, Dict>();
  for (const field of fields) {
    const key = str(field.key);
    if (!key) continue;
    const flat = prefix ? `${prefix}[]${key}` : key;
    const children = staticFields(field.children);
    if (children.length) for (const [k, v] of flattenOutputFields(children, flat)) out.set(k, v);
    else out.set(flat, field);
  }
  return out;
}

const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]|$)|^\d{1,2}\/\d{1,2}\/\d{2,4}|^\d{4}\/\d{2}\/\d{2}/;
const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME_TZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function dateProblem(value: unknown, fieldType: string | undefined): string | undefined {
  if (typeof value === 'number' && fieldType === 'datetime') return `${value} is a number; use an ISO 8601 string with a timezone`;
  if (typeof value !== 'string') return undefined;
  if (!LOOKS_LIKE_DATE.test(value) && fieldType !== 'datetime') return undefined;
  if (ISO_DATE_ONLY.test(value) || ISO_DATETIME_TZ.test(value)) return undefined;
  return `"${value}" is not ISO 8601 with a timezone (e.g. 2025-01-15T10:30:00.000+00:00)`;
}

function sampleProblems(sample: Dict, outputFields: Dict[], where: string): string[] {
  const problems: string[] = [];
  const leaves = flattenSample(sample);
  const fields = flattenOutputFields(outputFields);
  const byKey = new Map(leaves.map((l) => [l.key, l.value]));

  for (const { key, value } of leaves) {
    const field = fields.get(key);
    const fieldType = str(field?.type);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const bad = dateProblem(v, fieldType);
      if (bad) problems.push(`D023 ${where}.sample.${key}: ${bad}`);
    }
    if (!field) {
      const described = [...fields.keys()].some((k) => k.startsWith(`${key}__`) || k.startsWith(`${key}[]`));
      if (!described) problems.push(`D024 ${where}.sample.${key}: key is not listed in outputFields`);
      continue;
    }
    const check = fieldType ? OUTPUT_TYPES[fieldType] : undefined;
    if (!check) continue;
    for (const v of values) {
      if (v === null) continue;
      if (typeof v === 'object' || !check(v as string | number | boolean)) {
        problems.push(`D024 ${where}.sample.${key}: ${JSON.stringify(v)} does not match outputFields type "${fieldType}"`);
        break;
      }
    }
  }
  for (const [key, field] of fields) {
    if (field.required !== true) continue;
    const value = byKey.get(key);
    if (value === undefined || value === null) problems.push(`D024 ${where}.sample.${key}: required output field is missing from the sample`);
  }
  return problems;
}

// ---------------------------------------------------------------- files (KEY)

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Where an operation's file lives: src/<kind>/<key>.ts, except the hidden triggers that only feed dynamic
 * dropdowns, which live in src/dropdowns/<key>.ts (they are not steps a Zap builder picks).
 */
function homeOf(kind: Kind, op: { display?: { hidden?: boolean } } | undefined): string {
  return kind === 'triggers' && op?.display?.hidden ? 'dropdowns' : kind;
}

function fileProblems(kind: Kind, ops: Record<string, { display?: { hidden?: boolean } }>, srcDir: string): string[] {
  const problems: string[] = [];
  const homes = kind === 'triggers' ? ['triggers', 'dropdowns'] : [kind];
  const files = homes.flatMap((home) => filesUnder(path.join(srcDir, home)));
  const byName = new Map(files.map((f) => [path.basename(f, '.ts'), f]));
  for (const [key, op] of Object.entries(ops)) {
    const home = homeOf(kind, op);
    const file = byName.get(key);
    if (!file || path.dirname(file) !== path.join(srcDir, home)) {
      problems.push(`KEY ${kind}.${key}: no file src/${home}/${key}.ts (one operation per file, named after its key${home === 'dropdowns' ? '; hidden dropdown triggers live in src/dropdowns' : ''})`);
    } else if (!new RegExp(`['"\`]${key}['"\`]`).test(fs.readFileSync(file, 'utf8'))) {
      problems.push(`KEY ${kind}.${key}: ${path.relative(srcDir, file)} does not define key '${key}'`);
    }
  }
  for (const [name, file] of byName) {
    if (!(name in ops)) problems.push(`KEY ${kind}.${name}: ${path.relative(srcDir, file)} is not registered in the app's ${kind}`);
  }
  return problems;
}

// ---------------------------------------------------------------- the checks

const LABEL_RULES: Record<Kind, { test: RegExp; want: string }> = {
  // Zapier's naming for triggers is "New …" or "Updated …"; the event issues add "Deleted …" and "Completed …".
  triggers: { test: /^(New|Updated|Deleted|Completed) /, want: "start with 'New ', 'Updated ', 'Deleted ' or 'Completed '" },
  creates: {
    test: /^(Create|Add|Update|Identify|Group|Delete|Remove) |^API Request \(Beta\)$/,
    want: "start with 'Create ', 'Add ', 'Update ', 'Identify ', 'Group ', 'Delete ' or 'Remove ' (or be Zapier's 'API Request (Beta)')",
  },
  searches: { test: /^Find /, want: "start with 'Find '" },
};
const DESCRIPTION_RULES: Record<Kind, { test: RegExp; want: string; id: string }> = {
  triggers: { test: /^Triggers when .+\.$/s, want: "start with 'Triggers when ' and end with '.'", id: 'D021' },
  creates: { test: /^(Creates|Adds|Updates|Deletes|Removes|Sends) .+\.$/s, want: "start with 'Creates ', 'Adds ', 'Updates ', 'Deletes ', 'Removes ' or 'Sends ' and end with '.'", id: 'DESC' },
  searches: { test: /^Finds .+\.$/s, want: "start with 'Finds ' and end with '.'", id: 'DESC' },
};

function textProblems(text: string, where: string): string[] {
  const { d008, d007 } = markdownProblems(text);
  return [...d008.map((p) => `D008 ${where}: ${p}`), ...d007.map((p) => `D007 ${where}: ${p}`)];
}

function inputFieldProblems(fields: Dict[], where: string, visible: boolean, app: Dict): string[] {
  const problems: string[] = [];
  const triggers = dict(app.triggers);
  const searches = dict(app.searches);
  for (const { field, where: at } of walkFields(fields, `${where}.inputFields`)) {
    const key = str(field.key) ?? '';
    const label = str(field.label);
    const helpText = str(field.helpText);
    const dynamic = str(field.dynamic);
    const search = str(field.search);
    if (helpText !== undefined) problems.push(...textProblems(helpText, `${at}.helpText`));
    if (label && helpText && normalise(label) === normalise(helpText)) problems.push(`D011 ${at}: helpText only repeats the label "${label}"`);
    if (dynamic !== undefined) {
      const [trigger, id] = dynamic.split('.');
      if (!trigger || !id || !(trigger in triggers)) problems.push(`D005 ${at}: dynamic "${dynamic}" does not point at an existing trigger`);
    }
    if (search !== undefined) {
      const [searchKey, id] = search.split('.');
      if (!searchKey || !id || !(searchKey in searches)) problems.push(`D013 ${at}: search "${search}" does not point at an existing search`);
      if (dynamic === undefined) problems.push(`D014 ${at}: has a search connector but no dynamic dropdown`);
    }
    if (!visible || field.computed === true) continue;
    if (label !== undefined) {
      const word = titleCaseViolation(label);
      if (word) problems.push(`D018 ${at}: label "${label}" is not Title Case ("${word}")`);
    }
    const looksLikeId = /(^id|_ids?)$/.test(key) || /\bIDs?\b/.test(label ?? '');
    const dynamicChoices = isDict(field.choices) && 'perform' in field.choices;
    // An id from outside Attio (a product's own user id) has nothing to list: marked meta.external_id.
    const externalId = isDict(field.meta) && field.meta.external_id === true;
    if (looksLikeId && dynamic === undefined && !dynamicChoices && !externalId) {
      problems.push(`D004 ${at}: an ID field needs a dynamic dropdown (dynamic: 'trigger.id.label'), search-powered where a search exists`);
    }
  }
  return problems;
}

function operationProblems(kind: Kind, key: string, op: Dict, app: Dict): string[] {
  const where = `${kind}.${key}`;
  const problems: string[] = [];
  const display = dict(op.display);
  const operation = dict(op.operation);
  const visible = display.hidden !== true;
  const label = str(display.label);
  const description = str(display.description);
  const fields = staticFields(operation.inputFields);

  if (!SNAKE_CASE.test(key)) problems.push(`KEY ${where}: key must be snake_case`);
  if (op.key !== key) problems.push(`KEY ${where}: operation key "${String(op.key)}" differs from its key in the app`);
  if (description !== undefined) problems.push(...textProblems(description, `${where}.description`));
  if (str(display.directions) !== undefined) problems.push(...textProblems(str(display.directions) ?? '', `${where}.directions`));
  problems.push(...inputFieldProblems(fields, where, visible, app));

  const isTrigger = kind === 'triggers';
  const polling = isTrigger && (operation.type === undefined || operation.type === 'polling');
  const sample = operation.sample;
  // D010 is Zapier's rule for polling triggers; hook triggers need a primitive id just the same
  // (core's triggerHasUniquePrimary check and dedupe), so both are held to it.
  if (isTrigger && isDict(sample) && !(typeof sample.id === 'string' || typeof sample.id === 'number')) {
    problems.push(`D010 ${where}.sample: a ${polling ? 'polling ' : ''}trigger's sample needs a primitive "id"`);
  }
  if (!visible) return problems;

  if (!label) problems.push(`LABEL ${where}: visible operations need a label`);
  else {
    const word = titleCaseViolation(label);
    if (word) problems.push(`D018 ${where}: label "${label}" is not Title Case ("${word}")`);
    if (!LABEL_RULES[kind].test.test(label)) problems.push(`LABEL ${where}: label "${label}" must ${LABEL_RULES[kind].want}`);
  }
  const rule = DESCRIPTION_RULES[kind];
  if (!description || !rule.test.test(description)) problems.push(`${rule.id} ${where}: description must ${rule.want}`);
  if (kind === 'searches' && fields.length === 0) problems.push(`D009 ${where}: a search needs at least one static input field`);
  if (kind === 'creates' && fields.filter((f) => f.computed !== true).length === 0) {
    problems.push(`D022 ${where}: a create needs at least one static input field`);
  }
  const outputFields = staticFields(operation.outputFields);
  if (!isDict(sample)) problems.push(`D012 ${where}: a visible operation needs a static sample (one object)`);
  if (!Array.isArray(operation.outputFields) || operation.outputFields.length === 0) {
    problems.push(`OUTPUT ${where}: a visible operation needs outputFields`);
  }
  for (const { field, where: at } of walkFields(outputFields, `${where}.outputFields`)) {
    const outLabel = str(field.label);
    const word = outLabel === undefined ? undefined : titleCaseViolation(outLabel);
    if (word) problems.push(`D018 ${at}: label "${outLabel}" is not Title Case ("${word}")`);
  }
  if (isDict(sample)) problems.push(...sampleProblems(sample, outputFields, where));
  return problems;
}

function searchOrCreateProblems(key: string, soc: Dict, app: Dict): string[] {
  const where = `searchOrCreates.${key}`;
  const problems: string[] = [];
  const display = dict(soc.display);
  const label = str(display.label);
  const description = str(display.description);
  if (soc.key !== key) problems.push(`KEY ${where}: key "${String(soc.key)}" differs from its key in the app`);
  for (const [role, kind] of [['search', 'searches'], ['create', 'creates'], ['update', 'creates']] as const) {
    const ref = soc[role];
    if (role === 'update' && ref === undefined) continue;
    if (typeof ref !== 'string' || !(ref in dict(app[kind]))) problems.push(`D015 ${where}: ${role} "${String(ref)}" is not a key in ${kind}`);
  }
  if (soc.search !== key) problems.push(`KEY ${where}: the key must equal its search's key ("${String(soc.search)}")`);
  if (display.hidden === true) return problems;
  if (!label || !/^Find or Create /.test(label)) problems.push(`LABEL ${where}: label must start with 'Find or Create '`);
  else {
    const word = titleCaseViolation(label);
    if (word) problems.push(`D018 ${where}: label "${label}" is not Title Case ("${word}")`);
  }
  if (description !== undefined) problems.push(...textProblems(description, `${where}.description`));
  return problems;
}

function authenticationProblems(app: Dict): string[] {
  if (app.authentication === undefined) return [];
  const auth = dict(app.authentication);
  const problems: string[] = [];
  const label = auth.connectionLabel;
  if (!((typeof label === 'string' && label.trim() !== '') || typeof label === 'function' || isDict(label))) {
    problems.push('D003 authentication: set a connectionLabel that identifies the account (not a secret)');
  }
  for (const field of staticFields(auth.fields)) {
    const at = `authentication.fields.${str(field.key) ?? '?'}`;
    const helpText = str(field.helpText);
    const fieldLabel = str(field.label);
    if (helpText !== undefined) problems.push(...textProblems(helpText, `${at}.helpText`));
    if (fieldLabel && helpText && normalise(fieldLabel) === normalise(helpText)) problems.push(`D011 ${at}: helpText only repeats the label`);
    const word = fieldLabel === undefined ? undefined : titleCaseViolation(fieldLabel);
    if (word) problems.push(`D018 ${at}: label "${fieldLabel}" is not Title Case ("${word}")`);
  }
  return problems;
}

/** Every statically decidable publishing problem in an app definition (empty when there are none). */
export function checkAppDefinition(app: object, options: CheckOptions = {}): string[] {
  const def = app as Dict;
  const problems = authenticationProblems(def);
  for (const kind of KINDS) {
    const ops = dict(def[kind]);
    for (const [key, op] of Object.entries(ops)) problems.push(...operationProblems(kind, key, dict(op), def));
    if (options.srcDir) problems.push(...fileProblems(kind, ops as Record<string, { display?: { hidden?: boolean } }>, options.srcDir));
  }
  for (const [key, soc] of Object.entries(dict(def.searchOrCreates))) problems.push(...searchOrCreateProblems(key, dict(soc), def));
  return problems;
}

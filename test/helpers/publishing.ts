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
// and the rules of Zapier's human review (integration publishing requirements, docs.zapier.com/integrations/
// publish/integration-publishing-requirements, cited by section; zapier-platform.md §7.1):
//   NAME   a visible step's description does not name the integration (4.1, 5.1, 6.2)
//   NOUN   a singular noun, not capitalised inside the description (4.1, 5.1, 6.2)
//   CONCISE a trigger's description is "Triggers when …" and a handful of words more (4.1)
//   SEARCH an action's dropdown of something a visible search finds is search-powered too (5.2.1)
//   ORDER  required input fields before optional ones (4.2.5, 5.2.2, 6.3.5)
//   HELP   help text is written as sentences: a capital (or code) first, a full stop last (the schema's own
//          helpText example, "The first part of a full name."; 4.2.2, 5.2.4)
//   LIST   a field whose help asks for comma-separated values is a list: true field instead (4.2.4, 5.2.6, 6.3.4)
//   OUTPUT every output field labelled, each label naming one field only (4.8, 5.5, 6.6)
//   HOOK   a REST hook trigger has performSubscribe, performUnsubscribe and performList (D006, D016, D017, 4.5.2)
//   SOC    a search-or-create pairs a search and a create of the same noun and the same output keys, and
//          reads "Finds …." (§4.3)
//   AUTH   authentication has a test request (3.2)
//   SAMPLE sample values are representative, not placeholders ('string', '1234', an all-zero ID) (4.7, 5.4, 6.5)
//   THROTTLE a throttle stays within the API's own write limit (attio-api.md §7.1; zapier-platform.md §4.1)
// D005/D013 also check the keys: a dropdown's id and label keys are keys of the rows its trigger declares, and a
// search connector's key is an output of that search. `dynamicFieldDependencyProblems` (async) checks
// altersDynamicFields (ALTERS): a field that a dynamic-field function reads must refresh the fields when it changes.
//
// What a static check cannot see: fields and outputFields returned by functions (dynamic fields, such as
// the per-object attribute fields) are skipped, so D004, D008, D011, D018 and D024 apply only to the
// static fields, and D009/D022 count only static fields (as Zapier does: functions become opaque
// "$func$" markers in definition.json); test/publishing.test.ts loads the attribute fields of the steps that
// have them (nock) and applies inputFieldListProblems to the whole form. Live-result checks (T002–T006, Z001)
// need real data; the Marketing, Stats and Lifecycle checks (M, S, L, U) are settings on zapier.com.
import fs from 'node:fs';
import path from 'node:path';

type Dict = Record<string, unknown>;
type Kind = 'triggers' | 'creates' | 'searches';

export interface CheckOptions {
  /**
   * The app's src directory; when given, each operation's key must equal its file name there, and each
   * dynamic dropdown's id and label keys must be keys of the row type its hidden trigger declares.
   */
  srcDir?: string;
  /** The integration's name, which descriptions must not repeat (publishing requirements 4.1, 5.1, 6.2). */
  appName?: string;
  /** The API's write rate limit per second, which no create's throttle may exceed. */
  maxWritesPerSecond?: number;
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

/**
 * SAMPLE (publishing requirements 4.7, 5.4, 6.5): "Use representative data in the expected format … don't set
 * a 'first name' key to a value of 'string' or '1234'; set it to something like 'Bob'." Placeholders: a type
 * name, a filler word, a bare run of digits counted up, or an ID that is mostly zeros.
 */
const PLACEHOLDER = /^(?:string|text|number|integer|boolean|null|undefined|test|foo|bar|baz|xxx+|lorem ipsum.*|value|placeholder|1234\d*|0)$/i;
function placeholderProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (PLACEHOLDER.test(value.trim())) return `"${value}" is a placeholder; use a realistic value`;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && (value.match(/0/g) ?? []).length >= 20) {
    return `"${value}" is a placeholder ID (mostly zeros); use a realistic one`;
  }
  return undefined;
}

function sampleProblems(sample: Dict, outputFields: Dict[], where: string): string[] {
  const problems: string[] = [];
  const leaves = flattenSample(sample);
  for (const { key, value } of leaves) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const bad = placeholderProblem(v);
      if (bad) problems.push(`SAMPLE ${where}.sample.${key}: ${bad}`);
    }
  }
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
  // The connection test (a request every connect and reconnect runs) turns bad credentials into a friendly
  // error (requirements 3.2) and feeds the connection label.
  if (auth.test === undefined) problems.push('AUTH authentication: a test request is needed to check the connection');
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

// ---------------------------------------------------------------- the review rules

/** Whether a word is a plural a noun should not be ("Records"), leaving -ss/-us/-is words ("Address", "Status"). */
function pluralWord(word: string): boolean {
  return /[^sui]s$/i.test(word);
}

/** Help text reads as sentences: a capital letter, digit, quote, bracket or code first; a full stop last. */
function helpSentenceProblem(helpText: string): string | undefined {
  const text = helpText.trim();
  if (!/^[\p{Lu}\p{N}`*"'[(]/u.test(text)) return `help text should start a sentence: "${text.slice(0, 30)}…"`;
  if (!/[.!?](?:[)"'`*]+)?$/.test(text)) return `help text should end with a full stop: "…${text.slice(-30)}"`;
  return undefined;
}

const MAX_TRIGGER_DESCRIPTION_WORDS = 16;
const COMMA_LIST = /comma[- ]separated|separated by commas|separate (?:them|each|values) with commas/i;

/** The key names of the row type a dropdown trigger file declares: `satisfies PollingTriggerPerform<…, { id: …; name: … }>`. */
function declaredRowKeys(file: string): Set<string> | undefined {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.search(/satisfies\s+PollingTriggerPerform</);
  if (start < 0) return undefined;
  const end = text.indexOf('\n', start);
  const declaration = text.slice(start, end < 0 ? undefined : end);
  const rows = declaration.slice(declaration.lastIndexOf('{'), declaration.lastIndexOf('}') + 1);
  if (!rows) return undefined;
  return new Set([...rows.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\??\s*:/g)].map((m) => m[1]!));
}

function dropdownKeyProblems(app: Dict, srcDir: string): string[] {
  const problems: string[] = [];
  const triggers = dict(app.triggers);
  const rows = new Map<string, Set<string> | undefined>();
  const rowsOf = (trigger: string): Set<string> | undefined => {
    if (!rows.has(trigger)) {
      const hidden = dict(dict(triggers[trigger]).display).hidden === true;
      const file = path.join(srcDir, hidden ? 'dropdowns' : 'triggers', `${trigger}.ts`);
      rows.set(trigger, fs.existsSync(file) ? declaredRowKeys(file) : undefined);
    }
    return rows.get(trigger);
  };
  for (const kind of KINDS) {
    for (const [key, op] of Object.entries(dict(app[kind]))) {
      for (const { field, where } of walkFields(staticFields(dict(dict(op).operation).inputFields), `${kind}.${key}.inputFields`)) {
        const dynamic = str(field.dynamic);
        if (dynamic === undefined) continue;
        const [trigger, id, label] = dynamic.split('.');
        if (!trigger || !(trigger in triggers)) continue; // D005 (missing trigger) is reported by inputFieldProblems
        const keys = rowsOf(trigger);
        if (!keys) {
          problems.push(`D005 ${where}: ${trigger} declares no row type (satisfies PollingTriggerPerform<…, { id: …; name: … }>) to check "${dynamic}" against`);
          continue;
        }
        for (const [role, k] of [['id', id], ['label', label]] as const) {
          if (!k || !keys.has(k)) problems.push(`D005 ${where}: dynamic "${dynamic}": ${trigger} returns no "${k ?? ''}" for the ${role}`);
        }
      }
    }
  }
  return problems;
}

function outputKeysOf(op: Dict): Set<string> {
  const operation = dict(op.operation);
  const keys = new Set(flattenOutputFields(staticFields(operation.outputFields)).keys());
  if (isDict(operation.sample)) for (const leaf of flattenSample(operation.sample)) keys.add(leaf.key);
  return keys;
}

/**
 * The rules for one list of input fields as the Zap editor shows it: static fields, or the fields a step's
 * field functions return once loaded (test them with loadInputFields). ORDER (required first), HELP, LIST,
 * and D011 (help repeating the label). Not D018: loaded fields are labelled with the workspace's own attribute
 * titles ("Deal name"), and the requirements ask for the product's own copy (1.4, 4.1, 5.1).
 */
export function inputFieldListProblems(fields: readonly object[], where: string): string[] {
  const problems: string[] = [];
  let optional: string | undefined;
  for (const field of fields as Dict[]) {
    if (field.computed === true || field.type === 'copy') continue;
    const k = str(field.key) ?? '?';
    if (field.required === true && optional) {
      problems.push(`ORDER ${where}.${k}: required field comes after the optional field "${optional}"`);
    } else if (field.required !== true && !optional) optional = k;
  }
  for (const { field, where: at } of walkFields(fields as Dict[], where)) {
    const label = str(field.label);
    const helpText = str(field.helpText);
    if (helpText === undefined) continue;
    if (label && normalise(label) === normalise(helpText)) problems.push(`D011 ${at}: helpText only repeats the label "${label}"`);
    const bad = helpSentenceProblem(helpText);
    if (bad) problems.push(`HELP ${at}: ${bad}`);
    if (field.list !== true && COMMA_LIST.test(helpText)) {
      problems.push(`LIST ${at}: help asks for comma-separated values; make the field list: true instead`);
    }
  }
  return problems;
}

function reviewProblems(kind: Kind, key: string, op: Dict, app: Dict, options: CheckOptions): string[] {
  const where = `${kind}.${key}`;
  const problems: string[] = [];
  const display = dict(op.display);
  const operation = dict(op.operation);
  const fields = staticFields(operation.inputFields);

  // D013: a search connector names a search and one of its output keys ("find_person.id").
  for (const { field, where: at } of walkFields(fields, `${where}.inputFields`)) {
    const search = str(field.search);
    if (search === undefined) continue;
    const [searchKey, outKey] = search.split('.');
    const target = searchKey ? dict(app.searches)[searchKey] : undefined;
    if (isDict(target) && outKey && !outputKeysOf(target).has(outKey)) {
      problems.push(`D013 ${at}: search "${search}": ${searchKey} has no output "${outKey}"`);
    }
  }
  if (display.hidden === true) return problems;

  const description = str(display.description) ?? '';
  const noun = str(op.noun);
  if (options.appName && new RegExp(`\\b${options.appName}\\b`, 'i').test(description)) {
    problems.push(`NAME ${where}: description names the integration ("${options.appName}"); say what the step does`);
  }
  if (!noun) problems.push(`NOUN ${where}: a visible step needs a noun`);
  else {
    const last = noun.split(/\s+/).pop() ?? '';
    if (pluralWord(last)) problems.push(`NOUN ${where}: noun "${noun}" must be singular`);
    const word = titleCaseViolation(noun);
    if (word) problems.push(`NOUN ${where}: noun "${noun}" is not Title Case ("${word}")`);
    const rest = description.replace(/^\S+\s*/, '');
    if (/\p{Lu}/u.test(noun) && new RegExp(`\\b${noun}\\b`).test(rest)) {
      problems.push(`NOUN ${where}: description capitalises the noun "${noun}"; write it in lower case`);
    }
  }

  // CONCISE (4.1): "a concise description using our standard phrasing 'Triggers when…' and no more than a handful
  // of additional words". The guide gives no number (its example has 10 words); 16 is our bound. What a trigger
  // returns belongs in its output field labels and its fields' help text.
  const words = description.split(/\s+/).filter(Boolean).length;
  if (kind === 'triggers' && words > MAX_TRIGGER_DESCRIPTION_WORDS) {
    problems.push(`CONCISE ${where}: description has ${words} words; keep it to "Triggers when …" and a handful more (at most ${MAX_TRIGGER_DESCRIPTION_WORDS})`);
  }

  // SEARCH (5.2.1): an action's field picking an object a visible search finds (its dropdown's noun is that
  // search's noun) is search-powered, so the user can add a search step instead of mapping an internal ID.
  if (kind === 'creates') {
    const searchNouns = new Set(
      Object.values(dict(app.searches)).map(dict).filter((s) => dict(s.display).hidden !== true).map((s) => s.noun),
    );
    for (const field of fields) {
      const dynamic = str(field.dynamic);
      if (dynamic === undefined || field.search !== undefined || field.list === true) continue;
      const noun = dict(dict(app.triggers)[dynamic.split('.')[0] ?? '']).noun;
      if (noun !== undefined && searchNouns.has(noun)) {
        problems.push(`SEARCH ${where}.inputFields.${str(field.key) ?? '?'}: a ${String(noun)} dropdown where a search finds ${String(noun)}s needs search: '<that search>.id'`);
      }
    }
  }

  // NOUN (4.1, 6.2): the noun "reflects the object that is being returned", which the label names ("New Record").
  const label = str(display.label) ?? '';
  if (noun && kind !== 'creates' && !label.includes(noun)) {
    problems.push(`NOUN ${where}: label "${label}" does not name the noun "${noun}" it returns`);
  }

  // ORDER, HELP, LIST (functions are skipped: their fields are not known statically; see inputFieldListProblems).
  problems.push(...inputFieldListProblems(fields, `${where}.inputFields`).filter((p) => /^(ORDER|HELP|LIST) /.test(p)));

  // OUTPUT: a label on every output field, no key described twice, no label naming two fields.
  const byLabel = new Map<string, string>();
  const seenKeys = new Set<string>();
  const outputs = staticFields(operation.outputFields);
  for (const field of outputs) {
    const outKey = str(field.key) ?? '?';
    if (seenKeys.has(outKey)) problems.push(`OUTPUT ${where}.outputFields.${outKey}: key listed twice`);
    seenKeys.add(outKey);
  }
  for (const { field, where: at } of walkFields(outputs, `${where}.outputFields`)) {
    const label = str(field.label)?.trim();
    if (!label) {
      problems.push(`OUTPUT ${at}: output field needs a label`);
      continue;
    }
    // 4.8: "Add a custom output field label when … a field is represented by an ID": the label says so.
    const lastKey = (str(field.key) ?? '').split(/__|\[\]/).pop() ?? '';
    if (/(^|_)ids?$/.test(lastKey) && !/\bIDs?\b/.test(label)) problems.push(`OUTPUT ${at}: an ID's label must say ID ("${label}")`);
    const other = byLabel.get(label.toLowerCase());
    if (other) problems.push(`OUTPUT ${at}: label "${label}" also names ${other}; give each field its own label`);
    else byLabel.set(label.toLowerCase(), str(field.key) ?? '?');
  }

  if (kind === 'triggers' && operation.type === 'hook') {
    for (const [fn, id] of [['performSubscribe', 'D017'], ['performUnsubscribe', 'D017'], ['performList', 'D006']] as const) {
      if (operation[fn] === undefined) problems.push(`${id} ${where}: a REST hook trigger needs ${fn}`);
    }
  }
  if (options.maxWritesPerSecond !== undefined && operation.throttle !== undefined) {
    const throttle = dict(operation.throttle);
    const window = Number(throttle.window);
    const limit = Number(throttle.limit);
    if (!(window > 0) || !(limit > 0) || !Number.isInteger(limit)) problems.push(`THROTTLE ${where}: window and limit must be positive`);
    else if (limit / window > options.maxWritesPerSecond) {
      problems.push(`THROTTLE ${where}: ${limit} per ${window} s exceeds the API's ${options.maxWritesPerSecond} writes per second`);
    }
  }
  return problems;
}

function searchOrCreateReviewProblems(key: string, soc: Dict, app: Dict, options: CheckOptions): string[] {
  const where = `searchOrCreates.${key}`;
  const problems: string[] = [];
  const search = dict(dict(app.searches)[str(soc.search) ?? '']);
  const create = dict(dict(app.creates)[str(soc.create) ?? '']);
  if (search.noun !== undefined && create.noun !== undefined && search.noun !== create.noun) {
    problems.push(`SOC ${where}: search noun "${String(search.noun)}" and create noun "${String(create.noun)}" differ`);
  }
  // Later steps map one set of fields from a search-or-create step, whichever branch ran: a key only the
  // search (or only the create) returns arrives blank in the other case (the D012/T004 rule that mapped keys
  // must be in every result, applied to the two branches).
  const keysOf = (op: Dict) => new Set([...outputKeysOf(op)].filter((k) => k !== ''));
  if (Object.keys(search).length && Object.keys(create).length) {
    const found = keysOf(search);
    const created = keysOf(create);
    const onlyOne = [...[...found].filter((k) => !created.has(k)), ...[...created].filter((k) => !found.has(k))];
    if (onlyOne.length) problems.push(`SOC ${where}: search and create outputs differ (${onlyOne.join(', ')}): a mapped key would be blank for one branch`);
  }
  const display = dict(soc.display);
  if (display.hidden === true) return problems;
  const description = str(display.description) ?? '';
  if (!/^Finds .+\.$/s.test(description)) problems.push(`SOC ${where}: description must start with 'Finds ' and end with '.'`);
  if (options.appName && new RegExp(`\\b${options.appName}\\b`, 'i').test(description)) {
    problems.push(`NAME ${where}: description names the integration ("${options.appName}")`);
  }
  return problems;
}

/** Every statically decidable publishing problem in an app definition (empty when there are none). */
export function checkAppDefinition(app: object, options: CheckOptions = {}): string[] {
  const def = app as Dict;
  const problems = authenticationProblems(def);
  for (const kind of KINDS) {
    const ops = dict(def[kind]);
    for (const [key, op] of Object.entries(ops)) {
      problems.push(...operationProblems(kind, key, dict(op), def), ...reviewProblems(kind, key, dict(op), def, options));
    }
    if (options.srcDir) problems.push(...fileProblems(kind, ops as Record<string, { display?: { hidden?: boolean } }>, options.srcDir));
  }
  for (const [key, soc] of Object.entries(dict(def.searchOrCreates))) {
    problems.push(...searchOrCreateProblems(key, dict(soc), def), ...searchOrCreateReviewProblems(key, dict(soc), def, options));
  }
  if (options.srcDir) problems.push(...dropdownKeyProblems(def, options.srcDir));
  return problems;
}

// ---------------------------------------------------------------- altersDynamicFields (ALTERS)

/** A `z` that is offline: every request fails at once, so a field function stops at its first request. */
function offlineZ(): unknown {
  const fail = () => Promise.reject(new Error('offline: publishing check'));
  const errors = { Error: class extends Error {}, HaltedError: class extends Error {}, ThrottledError: class extends Error {} };
  return new Proxy({}, {
    get: (_t, prop) => {
      if (prop === 'errors') return errors;
      if (prop === 'console') return { log: () => undefined, error: () => undefined, warn: () => undefined };
      if (prop === 'JSON') return JSON;
      if (prop === 'then') return undefined;
      return fail;
    },
  });
}

/**
 * The input keys a dynamic-field function reads, found by running it with a bundle that records every read
 * (each read answers 'people', a value any object/list dropdown accepts) and a `z` whose requests fail.
 */
async function keysReadBy(fn: (z: unknown, bundle: unknown) => unknown): Promise<Set<string>> {
  const read = new Set<string>();
  const inputData = new Proxy({}, {
    get: (_t, prop) => {
      if (typeof prop === 'string') read.add(prop);
      return 'people';
    },
    has: (_t, prop) => {
      if (typeof prop === 'string') read.add(prop);
      return true;
    },
  });
  const bundle = { inputData, inputDataRaw: inputData, authData: {}, meta: { isLoadingSample: false }, cleanedRequest: undefined };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(() => fn(offlineZ(), bundle)),
      new Promise((resolve) => { timer = setTimeout(resolve, 2000); }),
    ]);
  } catch {
    // The offline request failed: what was read before it is what the function depends on.
  } finally {
    clearTimeout(timer);
  }
  return read;
}

/**
 * ALTERS: a field whose value a dynamic-field function reads must say altersDynamicFields: true, or the
 * fields it shapes are not reloaded when it changes (zapier-platform.md §4.2: "Functions run … whenever a
 * field with altersDynamicFields: true changes"; schema: "Does the value of this field affect the
 * definitions of other fields in the set?"). Fields read only through another step's dropdown are not counted.
 */
export async function dynamicFieldDependencyProblems(app: object): Promise<string[]> {
  const def = app as Dict;
  const problems: string[] = [];
  for (const kind of KINDS) {
    for (const [key, op] of Object.entries(dict(def[kind]))) {
      const inputFields = dict(dict(op).operation).inputFields;
      if (!Array.isArray(inputFields)) continue;
      const fields = staticFields(inputFields);
      const functions = inputFields.filter((f): f is (z: unknown, b: unknown) => unknown => typeof f === 'function');
      const read = new Set<string>();
      for (const fn of functions) for (const k of await keysReadBy(fn)) read.add(k);
      for (const field of fields) {
        const k = str(field.key);
        if (k && read.has(k) && field.altersDynamicFields !== true) {
          problems.push(`ALTERS ${kind}.${key}.inputFields.${k}: the dynamic fields read it, so it needs altersDynamicFields: true`);
        }
      }
    }
  }
  return problems;
}

// Attio's query language for POST …/records/query and …/entries/query: shorthand and verbose filters,
// $and/$or/$not, path (drill-down) filters, sorts. Compiled once per request, so a bad filter fails
// with 400 even when nothing would match.
import { badRequest, invalid } from './errors';
import type { Schema } from './schema';
import type { AttributeDef, Json, JsonObject, ListDef, ObjectDef, StoredValue } from './types';
import { DEFAULT_PROPERTY, FILTER_PROPERTIES } from './values';

/** A record or an entry, as the filter sees it. */
export interface FilterTarget {
  parent: ObjectDef | ListDef;
  /** Creation order, the final tie-breaker of every sort. */
  order: number;
  values(attr: AttributeDef): StoredValue[];
  /** Fields that are not attributes: record_id on records; entry_id, parent_record_id, parent_object on entries. */
  field(name: string): string | undefined;
  /** Follows a record-reference attribute (or `parent_record` on an entry) to the records it points at. */
  follow(attr: AttributeDef | 'parent_record'): FilterTarget[];
}

type Predicate = (t: FilterTarget) => boolean;

const OPERATORS = ['$eq', '$in', '$not_empty', '$contains', '$starts_with', '$ends_with', '$lt', '$lte', '$gt', '$gte'];
const CASE_INSENSITIVE_PROPS = new Set(['email_address', 'email_domain', 'email_root_domain', 'email_local_specifier', 'domain', 'root_domain']);

const filterError = (message: string) => badRequest('filter_error', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function specialFields(parent: ObjectDef | ListDef): string[] {
  return 'parent_object' in parent ? ['entry_id', 'parent_record_id', 'parent_object'] : ['record_id'];
}

/** The comparable forms of one property of a value: a select option matches its title or its id. */
function comparables(value: StoredValue, prop: string): Json[] {
  const v = value[prop];
  if (v === undefined) return [];
  if ((prop === 'option' || prop === 'status') && isObject(v)) {
    const ids = v.id as JsonObject;
    return [v.title ?? null, ids[prop === 'option' ? 'option_id' : 'status_id'] ?? null];
  }
  if (prop === 'created_by_actor' && isObject(v)) return [v.id ?? null];
  return [v];
}

function norm(v: unknown, insensitive: boolean): unknown {
  return insensitive && typeof v === 'string' ? v.toLowerCase() : v;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;

/** An ISO date or timestamp as [epoch ms, nanoseconds within the ms]: Attio timestamps carry 9 digits. */
function instant(s: string): [number, number] | undefined {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return undefined;
  const fraction = /T[\d:]+\.(\d+)/.exec(s)?.[1] ?? '';
  return [ms, Number(fraction.padEnd(9, '0').slice(3, 9))];
}

function compare(a: Json, b: unknown): number | undefined {
  // Dates and timestamps compare as instants, whatever their precision (…00Z vs …00.000000000Z).
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    const x = instant(a);
    const y = instant(b);
    if (x && y) return x[0] - y[0] || x[1] - y[1];
  }
  if (typeof a === 'number' && (typeof b === 'number' || (typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))))) {
    return a - Number(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** One operator against one comparable. */
function test(op: string, actual: Json, operand: unknown, insensitive: boolean): boolean {
  const a = norm(actual, insensitive);
  switch (op) {
    case '$eq':
      return a === norm(operand, insensitive) || compare(actual, operand) === 0;
    case '$in':
      return (operand as unknown[]).some((o) => test('$eq', actual, o, insensitive));
    case '$contains':
    case '$starts_with':
    case '$ends_with': {
      if (typeof actual !== 'string') return false;
      const hay = actual.toLowerCase();
      const needle = String(operand).toLowerCase();
      return op === '$contains' ? hay.includes(needle) : op === '$starts_with' ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    default: {
      const c = compare(actual, operand);
      if (c === undefined) return false;
      return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
    }
  }
}

/** `{$op: operand, …}` → a predicate over the comparables of a property (any value may match). */
function compileOperators(where: string, ops: Record<string, unknown>): (values: Json[][]) => boolean {
  const checks = Object.entries(ops).map(([op, operand]) => {
    if (!OPERATORS.includes(op)) throw filterError(`Unknown operator "${op}" in the filter on ${where}.`);
    if (op === '$in' && !Array.isArray(operand)) throw filterError(`$in on ${where} needs an array.`);
    if (op === '$not_empty') {
      if (typeof operand !== 'boolean') throw filterError(`$not_empty on ${where} needs true or false.`);
      return (values: Json[][]) => values.some((c) => c.some((x) => x !== null && x !== '')) === operand;
    }
    if (operand === null || (typeof operand === 'object' && op !== '$in')) throw filterError(`Invalid operand for ${op} on ${where}.`);
    const insensitive = CASE_INSENSITIVE_PROPS.has(where.split('.').pop() ?? '');
    return (values: Json[][]) => values.some((c) => c.some((x) => test(op, x, operand, insensitive)));
  });
  if (!checks.length) throw filterError(`Empty condition on ${where}.`);
  return (values) => checks.every((check) => check(values));
}

/** A condition: a bare value ($eq) or an object of operators. */
function compileCondition(where: string, cond: unknown): (values: Json[][]) => boolean {
  if (isObject(cond)) return compileOperators(where, cond);
  if (cond === null || Array.isArray(cond)) throw filterError(`Invalid condition on ${where}.`);
  return compileOperators(where, { $eq: cond });
}

function compileAttribute(schema: Schema, parent: ObjectDef | ListDef, key: string, cond: unknown): Predicate {
  if (specialFields(parent).includes(key)) {
    const check = compileCondition(key, cond);
    return (t) => {
      const v = t.field(key);
      return check(v === undefined ? [] : [[v]]);
    };
  }
  const attr = schema.attribute(parent, key);
  if (!attr) throw badRequest('unknown_filter_attribute_slug', `Unknown attribute slug or ID "${key}" in filter.`);
  const allowed = [...FILTER_PROPERTIES[attr.type], 'active_from', 'created_by_actor'];
  const entries = isObject(cond) ? Object.entries(cond) : [];
  const operatorKeys = entries.filter(([k]) => k.startsWith('$')).length;
  if (operatorKeys && operatorKeys !== entries.length) throw filterError(`The filter on "${key}" mixes operators and properties.`);
  const propLevel = entries.length > 0 && operatorKeys === 0;
  const checks: Array<{ prop: string; check: (values: Json[][]) => boolean }> = propLevel
    ? entries.map(([prop, c]) => {
        if (!allowed.includes(prop)) {
          throw filterError(`"${prop}" is not a filterable property of ${attr.type} attribute "${key}" (use one of ${allowed.join(', ')}).`);
        }
        return { prop, check: compileCondition(`${key}.${prop}`, c) };
      })
    : [{ prop: DEFAULT_PROPERTY[attr.type], check: compileCondition(`${key}.${DEFAULT_PROPERTY[attr.type]}`, cond) }];
  return (t) => {
    const values = t.values(attr);
    return checks.every(({ prop, check }) => check(values.map((v) => comparables(v, prop))));
  };
}

/** `{path: [[list_or_object, attribute], …], constraints: {…}}`: conditions on referenced records. */
function compilePath(schema: Schema, parent: ObjectDef | ListDef, node: Record<string, unknown>): Predicate {
  const { path, constraints, ...rest } = node;
  if (Object.keys(rest).length) throw filterError('A path filter takes only "path" and "constraints".');
  if (!Array.isArray(path) || path.length === 0 || !isObject(constraints)) throw filterError('A path filter needs a non-empty "path" array and a "constraints" object.');
  const steps: Array<AttributeDef | 'parent_record'> = [];
  let current: ObjectDef | ListDef | undefined = parent;
  let last: { parent: ObjectDef | ListDef; key: string } | undefined;
  path.forEach((tuple, i) => {
    if (!Array.isArray(tuple) || tuple.length !== 2 || typeof tuple[0] !== 'string' || typeof tuple[1] !== 'string') {
      throw filterError('Each path element is a [object or list, attribute] pair.');
    }
    const [owner, key] = tuple as [string, string];
    const here: ObjectDef | ListDef | undefined = schema.object(owner) ?? schema.list(owner);
    if (!here || !current || here.id !== current.id) throw filterError(`Path element ${i + 1} names "${owner}", expected "${current?.api_slug ?? '?'}".`);
    if (i === path.length - 1) {
      last = { parent: here, key };
      return;
    }
    if (key === 'parent_record' && 'parent_object' in here) {
      steps.push('parent_record');
      current = schema.object(here.parent_object);
      return;
    }
    const attr = schema.attribute(here, key);
    if (!attr) throw badRequest('unknown_filter_attribute_slug', `Unknown attribute slug or ID "${key}" in filter path.`);
    if (attr.type !== 'record-reference') throw filterError(`Path element "${key}" is not a record reference.`);
    steps.push(attr);
    current = attr.allowed_objects?.length === 1 ? schema.object(attr.allowed_objects[0] as string) : undefined;
  });
  const end = last as { parent: ObjectDef | ListDef; key: string };
  const predicate = compileAttribute(schema, end.parent, end.key, constraints);
  const walk = (t: FilterTarget, i: number): boolean => {
    const step = steps[i];
    return step === undefined ? predicate(t) : t.follow(step).some((next) => walk(next, i + 1));
  };
  return (t) => walk(t, 0);
}

function compileNode(schema: Schema, parent: ObjectDef | ListDef, node: unknown): Predicate {
  if (!isObject(node)) throw filterError('A filter must be an object.');
  if ('path' in node || 'constraints' in node) return compilePath(schema, parent, node);
  const predicates = Object.entries(node).map(([key, value]): Predicate => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw filterError(`${key} needs an array of filters.`);
      const parts = value.map((v) => compileNode(schema, parent, v));
      return key === '$and' ? (t) => parts.every((p) => p(t)) : (t) => parts.some((p) => p(t));
    }
    if (key === '$not') {
      const inner = compileNode(schema, parent, value);
      return (t) => !inner(t);
    }
    if (key.startsWith('$')) throw filterError(`Unknown logical operator "${key}" (use $and, $or or $not).`);
    return compileAttribute(schema, parent, key, value);
  });
  return (t) => predicates.every((p) => p(t));
}

/** A filter body → a predicate. Several keys at one level are an implicit $and. */
export function compileFilter(schema: Schema, parent: ObjectDef | ListDef, filter: unknown): Predicate {
  if (filter === undefined || filter === null) return () => true;
  return compileNode(schema, parent, filter);
}

/** The sort key of a target: the first value's field (titles for select and status). */
function sortKey(t: FilterTarget, attr: AttributeDef, field: string): Json {
  const first = t.values(attr)[0];
  if (!first) return null;
  const v = first[field];
  if ((field === 'option' || field === 'status') && isObject(v)) return v.title ?? null;
  return v ?? null;
}

/** `sorts` → a comparator; creation order breaks ties. Values missing sort last. */
export function compileSorts(schema: Schema, parent: ObjectDef | ListDef, sorts: unknown): (a: FilterTarget, b: FilterTarget) => number {
  const keys = (Array.isArray(sorts) ? sorts : []).map((s) => {
    if (!isObject(s)) throw invalid('Each sort is an object.');
    if ('path' in s) throw invalid('The sandbox does not support path sorts; sort by an attribute of this object or list.');
    const attr = typeof s.attribute === 'string' ? schema.attribute(parent, s.attribute) : undefined;
    if (!attr) throw badRequest('unknown_filter_attribute_slug', `Unknown attribute slug or ID "${String(s.attribute)}" in sorts.`);
    const field = typeof s.field === 'string' ? s.field : DEFAULT_PROPERTY[attr.type];
    return { attr, field, sign: s.direction === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { attr, field, sign } of keys) {
      const x = sortKey(a, attr, field);
      const y = sortKey(b, attr, field);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = compare(x, y) ?? String(x).localeCompare(String(y));
      if (c !== 0) return c * sign;
    }
    // created_at ties (same timestamp) still follow creation order, in the requested direction.
    const createdDesc = keys[0]?.attr.api_slug === 'created_at' && keys[0].sign < 0;
    return createdDesc ? b.order - a.order : a.order - b.order;
  };
}

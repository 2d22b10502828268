// Validates an HTTP request (method, path, query, body) against Attio's OpenAPI document with Ajv (JSON Schema 2020-12).
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

export interface SpecRequest {
  method: string;
  /** Path from the API root, starting with /v2, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
}

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  operations: Record<string, Json>;
}

const PLACEHOLDER = '[slug_or_id_of_matching_attribute]';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Record and entry value maps are typed `additionalProperties: {type: array}` with no item schema,
 * though the spec defines every accepted value in components.schemas["input-value"]. Tighten them to
 * that, plus the shorthand Attio's attribute-type docs allow (a string, a number, a boolean). Several
 * input-value shapes have no required keys, so this mainly rejects null and nested arrays.
 */
const VALUE_ITEMS = { anyOf: [{ $ref: '#/components/schemas/input-value' }, { type: ['string', 'number', 'boolean'] }] };

function tightenValueMaps(props: Json): void {
  for (const key of ['values', 'entry_values']) {
    const map = props[key] as Json | undefined;
    const items = map?.additionalProperties as Json | undefined;
    if (items && items.type === 'array' && !items.items) items.items = VALUE_ITEMS;
  }
}

/**
 * The value objects the spec leaves open (no required key, any extra key): Attio's attribute-type docs
 * name their keys and what must be there. Closed here, so a misspelt key or an empty object is a violation
 * instead of matching the loosest shape. Keyed by the shape's property names.
 */
const OPEN_VALUE_SHAPES: Record<string, string[]> = {
  domain: ['domain'],
  email_address: ['email_address'],
  'first_name,full_name,last_name': ['first_name', 'last_name', 'full_name'],
  'country_code,original_phone_number': ['original_phone_number'],
};

function closeValueShapes(spec: Json): void {
  const schemas = (spec.components as Json | undefined)?.schemas as Json | undefined;
  const branches = ((schemas?.['input-value'] as Json | undefined)?.anyOf ?? []) as Json[];
  for (const branch of branches) {
    const keys = Object.keys((branch.properties as Json | undefined) ?? {}).sort().join(',');
    const required = OPEN_VALUE_SHAPES[keys];
    if (!required || branch.patternProperties) continue;
    branch.additionalProperties = false;
    branch.required = [...new Set([...((branch.required as string[] | undefined) ?? []), ...required])];
  }
}

/** The errata: a placeholder property name stands for "any attribute slug or id"; value maps get item schemas. */
function applyErrata(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(applyErrata);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  const props = obj.properties as Json | undefined;
  if (props) tightenValueMaps(props);
  if (props && PLACEHOLDER in props) {
    const schema = props[PLACEHOLDER];
    delete props[PLACEHOLDER];
    obj.patternProperties = { ...(obj.patternProperties as Json | undefined), '^(?!target_object$).+$': schema };
    const required = obj.required as string[] | undefined;
    if (required?.includes(PLACEHOLDER)) {
      // "required" meant: some matching attribute besides target_object must be there.
      obj.required = required.filter((r) => r !== PLACEHOLDER);
      obj.minProperties = Math.max(Number(obj.minProperties ?? 0), (obj.required as string[]).length + 1);
    }
  }
  Object.values(obj).forEach(applyErrata);
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const SPEC_PATH = path.join(__dirname, 'attio-openapi.json');

/**
 * Loads the vendored spec (with the errata applied) and returns a request validator.
 * @param options.closedValues close the open value shapes (closeValueShapes): on for the tests' contract
 *   guard; the sandbox leaves them to its own per-type checks, which answer with Attio's specific messages
 */
export function createSpecValidator(
  specFile: string = resolveSpecFile(),
  options: { closedValues?: boolean } = {},
): (req: SpecRequest) => string[] {
  const check = createDetailedSpecValidator(specFile, options);
  return (req) => check(req).problems;
}

/** What the request validator found: one line per problem, and the body's schema errors as Ajv reports them. */
export interface SpecFindings {
  problems: string[];
  /** The body's schema errors (Ajv, verbose: with `data` and `parentSchema`), for an Attio-style validation_errors[]. */
  bodyErrors: ErrorObject[];
}

/** createSpecValidator, with the body's schema errors kept structured (the sandbox builds its validation_errors from them). */
export function createDetailedSpecValidator(
  specFile: string = resolveSpecFile(),
  options: { closedValues?: boolean } = {},
): (req: SpecRequest) => SpecFindings {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as Json;
  applyErrata(spec);
  if (options.closedValues) closeValueShapes(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: false, validateFormats: true, verbose: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: 'attio' } as Json);
  const queryAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(queryAjv);
  queryAjv.addSchema({ ...spec, $id: 'attio' } as Json);

  const paths = spec.paths as Record<string, Record<string, Json>>;
  const routes: Route[] = Object.entries(paths).map(([template, ops]) => {
    const names: string[] = [];
    const segments = template.split('/');
    const regex = new RegExp(
      `^${segments
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1] as string);
          return '([^/]+)';
        })
        .join('/')}$`,
    );
    return { template, regex, names, literalSegments: segments.filter((s) => !s.startsWith('{')).length, operations: ops };
  });
  // Literal segments win: /v2/objects/records/search before /v2/objects/{object}/records.
  routes.sort((a, b) => b.literalSegments - a.literalSegments);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (instance: Ajv2020, ref: string): ValidateFunction => {
    const key = `${instance === ajv ? 'b' : 'q'}${ref}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = instance.compile({ $ref: ref });
      compiled.set(key, fn);
    }
    return fn;
  };
  const describe = (errors: ErrorObject[] | null | undefined, where: string): string[] =>
    (errors ?? []).map((e) => `${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);

  return (req: SpecRequest): SpecFindings => {
    const method = req.method.toLowerCase();
    const candidates = routes.filter((r) => r.regex.test(req.path));
    const route = candidates.find((r) => METHODS.includes(method) && r.operations[method]);
    const bodyErrors: ErrorObject[] = [];
    if (!route) {
      const problem = candidates.length
        ? `${req.method} ${req.path}: the spec has no ${req.method} for ${candidates[0]?.template}`
        : `${req.method} ${req.path}: no such endpoint in Attio's spec`;
      return { problems: [problem], bodyErrors };
    }
    const op = route.operations[method] as Json;
    const opRef = `attio#/paths/${escapePointer(route.template)}/${method}`;
    const errors: string[] = [];
    const params = (op.parameters as Parameter[] | undefined) ?? [];

    const match = route.regex.exec(req.path) as RegExpExecArray;
    route.names.forEach((name, i) => {
      const index = params.findIndex((p) => p.in === 'path' && p.name === name);
      if (index < 0) return;
      const value = decodeURIComponent(match[i + 1] as string);
      const fn = compile(queryAjv, `${opRef}/parameters/${index}/schema`);
      if (!fn(value)) errors.push(...describe(fn.errors, `path parameter ${name}`));
    });

    for (const [name, raw] of Object.entries(req.query)) {
      const index = params.findIndex((p) => p.in === 'query' && p.name === name);
      if (index < 0) {
        errors.push(`query parameter ${name} is not defined for ${req.method} ${route.template}`);
        continue;
      }
      // Every occurrence of a repeated parameter is checked: a bad second value is no less bad.
      const fn = compile(queryAjv, `${opRef}/parameters/${index}/schema`);
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if (!fn(value)) errors.push(...describe(fn.errors, `query parameter ${name}`));
      }
    }
    for (const p of params) {
      if (p.in === 'query' && p.required && !(p.name in req.query)) errors.push(`query parameter ${p.name} is required`);
    }

    const requestBody = op.requestBody as { required?: boolean; content?: Record<string, unknown> } | undefined;
    if (!requestBody) {
      if (req.body !== undefined) errors.push(`${req.method} ${route.template} takes no request body`);
    } else if (req.body === undefined) {
      if (requestBody.required) errors.push(`${req.method} ${route.template} requires a JSON body`);
    } else {
      const fn = compile(ajv, `${opRef}/requestBody/content/application~1json/schema`);
      if (!fn(req.body)) {
        errors.push(...describe(fn.errors, 'body'));
        bodyErrors.push(...(fn.errors ?? []));
      }
    }
    return { problems: errors.map((e) => `${req.method} ${req.path}: ${e}`), bodyErrors };
  };
}

/** The spec beside this file, from source (ts-jest) or from dist-tools/spec (compiled scripts). */
function resolveSpecFile(): string {
  const candidates = [SPEC_PATH, path.join(__dirname, '..', '..', 'spec', 'attio-openapi.json')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`attio-openapi.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface SpecResponse {
  method: string;
  /** Path from the API root, starting with /v2, without the query string. */
  path: string;
  status: number;
  /** Parsed JSON body. */
  body: unknown;
}

/**
 * Response-schema errata (the request validator needs neither):
 * - nullable enums are declared as `type: [x, "null"]` with an `enum` that omits null (e.g. attribute
 *   `config.currency.default_currency_code`), so JSON Schema rejects the null Attio returns for
 *   non-currency attributes: null is added to those enums;
 * - the timestamp value schema says `format: date`, while Attio returns (and its own examples show)
 *   date-times such as 2023-01-01T15:00:00.000000000Z: it is checked as `date-time`.
 */
export function applyResponseErrata(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(applyResponseErrata);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  if (Array.isArray(obj.type) && obj.type.includes('null') && Array.isArray(obj.enum) && !obj.enum.includes(null)) obj.enum = [...obj.enum, null];
  const props = obj.properties as Record<string, Json> | undefined;
  const kind = props?.attribute_type?.enum;
  if (Array.isArray(kind) && kind.length === 1 && kind[0] === 'timestamp' && props?.value?.format === 'date') props.value.format = 'date-time';
  Object.values(obj).forEach(applyResponseErrata);
}

/** Attio's error `type` per status (the spec's error schemas, and §7 of the reference for 401 and 429). */
const ERROR_TYPES: Record<number, string[]> = {
  400: ['invalid_request_error'],
  401: ['auth_error'],
  403: ['auth_error'],
  404: ['invalid_request_error'],
  409: ['invalid_request_error'],
  429: ['rate_limit_error'],
};

/**
 * Checks a response against Attio's spec. A 2xx must be a status the operation declares and match its schema.
 * An error must be Attio's envelope `{status_code, type, code, message}` (+ `validation_errors` on 400
 * validation_type) with `status_code` equal to the HTTP status and the `type` Attio uses for that status;
 * its `code` is not held to the spec's enum, which lists one code per status where Attio sends several
 * (uniqueness_conflict, missing_value, validation_type… are all documented 400s).
 */
export function createResponseValidator(specFile: string = resolveSpecFile()): (res: SpecResponse) => string[] {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as Json;
  applyResponseErrata(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: 'attio' } as Json);
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const routes = Object.keys(paths)
    .map((template) => ({
      template,
      literal: template.split('/').filter((s) => !s.startsWith('{')).length,
      regex: new RegExp(`^${template.split('/').map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg)).join('/')}$`),
    }))
    .sort((a, b) => b.literal - a.literal);
  const compiled = new Map<string, ValidateFunction>();

  return (res: SpecResponse): string[] => {
    const method = res.method.toLowerCase();
    const route = routes.find((r) => r.regex.test(res.path) && paths[r.template]?.[method]);
    const where = `${res.method} ${res.path} → ${res.status}`;
    if (!route) return [`${where}: no such operation in Attio's spec`];
    const responses = (paths[route.template]?.[method] as Json).responses as Record<string, Json>;
    if (res.status >= 200 && res.status < 300) {
      if (!responses[String(res.status)]) return [`${where}: the spec declares no ${res.status} for ${res.method} ${route.template}`];
      const ref = `attio#/paths/${escapePointer(route.template)}/${method}/responses/${res.status}/content/application~1json/schema`;
      let fn = compiled.get(ref);
      if (!fn) {
        fn = ajv.compile({ $ref: ref });
        compiled.set(ref, fn);
      }
      return fn(res.body) ? [] : (fn.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message ?? 'is invalid'}`);
    }
    return errorEnvelopeProblems(res.status, res.body).map((p) => `${where}: ${p}`);
  };
}

function errorEnvelopeProblems(status: number, body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the error body is not an object'];
  const b = body as Json;
  const problems: string[] = [];
  if (b.status_code !== status) problems.push(`status_code ${JSON.stringify(b.status_code)} is not the HTTP status`);
  const types = ERROR_TYPES[status] ?? (status >= 500 ? ['api_error'] : undefined);
  if (typeof b.type !== 'string' || (types && !types.includes(b.type))) problems.push(`type ${JSON.stringify(b.type)} is not Attio's for ${status} (${types?.join(', ')})`);
  if (typeof b.code !== 'string' || !b.code) problems.push('code is not a string');
  if (typeof b.message !== 'string' || !b.message) problems.push('message is not a string');
  const allowed = new Set(['status_code', 'type', 'code', 'message', ...(status === 400 && b.code === 'validation_type' ? ['validation_errors'] : [])]);
  const extra = Object.keys(b).filter((k) => !allowed.has(k));
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  return problems;
}

/**
 * The OAuth scopes each operation requires (its `security` in the spec), by method and path template
 * (`GET`, `/v2/objects/{object}`); undefined for an operation the spec lists no scopes for (`GET /v2/self`).
 */
export function createScopeLookup(specFile: string = resolveSpecFile()): (method: string, template: string) => string[] | undefined {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as Json;
  const table = new Map<string, string[]>();
  for (const [template, ops] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const security = op.security as Array<{ oauth2?: string[] }> | undefined;
      if (security?.[0]?.oauth2) table.set(`${method.toUpperCase()} ${template}`, security[0].oauth2);
    }
  }
  return (method, template) => table.get(`${method.toUpperCase()} ${template}`);
}

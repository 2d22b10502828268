// Inputs of the API Request step, checked before anything is sent: the method, a path under Attio's /v2/,
// query parameters and a JSON body. Pure: the request layer adds the host (the configured Attio API base)
// and the token, so a path can only ever name an Attio endpoint.
import { invalidInput as invalid } from './parse';

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

const METHODS: ReadonlySet<string> = new Set(API_METHODS);

/** The methods that carry a JSON body. */
export const BODY_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['POST', 'PUT', 'PATCH']);

/**
 * The HTTP method, any case.
 * @throws z.errors.Error naming the field for anything but GET, POST, PUT, PATCH or DELETE
 */
export function apiMethodInput(raw: unknown, label: string): ApiMethod {
  const method = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!METHODS.has(method)) throw invalid(label, raw ?? '', `is not a method. Choose one of: ${API_METHODS.join(', ')}.`);
  return method as ApiMethod;
}

/** RFC 3986 path characters (unreserved, sub-delims, ':', '@', percent escapes) and '/'. */
const PATH_CHARS = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/;

/** How many rounds of percent-encoding a path may carry (%252e is %2e is .): more is refused, never half-checked. */
const MAX_DECODES = 3;

/**
 * Percent-decodes until nothing changes: the text, 'malformed' for a bad escape, or 'too_deep' when it still
 * changes after MAX_DECODES rounds (its last form would not have been checked).
 */
function fullyDecoded(path: string): string | 'malformed' | 'too_deep' {
  let current = path;
  for (let i = 0; i <= MAX_DECODES; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return 'malformed';
    }
    if (next === current) return current;
    current = next;
  }
  return 'too_deep';
}

/**
 * A path under Attio's API version 2, as Attio's reference writes it: `/v2/objects/people/records/query`.
 * Returned without the `/v2` (the request layer's base ends in it). Only paths under /v2/ are accepted:
 * no absolute URLs (the host is always Attio's), no `..` or `.` segments (also percent-encoded), no
 * backslashes, no empty segments, no query or fragment (the Query field takes parameters).
 * @throws z.errors.Error naming the field, saying what to write instead
 */
export function apiPathInput(raw: unknown, label: string): string {
  const example = 'Write the path as in Attio\'s API reference, starting with /v2/, like /v2/objects/people/records/query.';
  if (typeof raw !== 'string' || raw.trim() === '') throw invalid(label, raw ?? '', `is empty. ${example}`);
  const path = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    throw invalid(label, path, `is a full URL. Requests go to Attio's API only, so give the path alone. ${example}`);
  }
  if (path.includes('\\')) throw invalid(label, path, `contains a backslash. ${example}`);
  if (path.includes('?') || path.includes('#')) {
    throw invalid(label, path, 'contains a query string or fragment. Put query parameters in the Query Parameters field instead.');
  }
  if (!PATH_CHARS.test(path)) throw invalid(label, path, `contains characters a URL path cannot hold (spaces, quotes, …): percent-encode them. ${example}`);
  const decoded = fullyDecoded(path);
  if (decoded === 'malformed') throw invalid(label, path, `has a malformed percent escape (like %zz). ${example}`);
  if (decoded === 'too_deep') throw invalid(label, path, `is encoded more than ${MAX_DECODES} times over (like %25252e). Encode each character once. ${example}`);
  if (decoded.includes('\\')) throw invalid(label, path, `contains an encoded backslash. ${example}`);
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) throw invalid(label, path, `contains "." or ".." segments, which could leave /v2/. ${example}`);
  if (!path.startsWith('/v2/') || segments.length < 2 || segments.slice(1).some((s) => s === '')) {
    throw invalid(label, path, `is not a path under /v2/. ${example}`);
  }
  return path.slice('/v2'.length);
}

/**
 * Query parameters from Zapier's key/value field: an object of text values (numbers and booleans are
 * written as text). Keys must be non-empty.
 * @throws z.errors.Error naming the field for anything but key/value pairs
 */
export function apiQueryInput(raw: unknown, label: string): Record<string, string> {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(label, typeof raw === 'object' ? JSON.stringify(raw) : raw, 'is not a set of parameters. Add each parameter as a key and a value.');
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.trim() === '') throw invalid(label, JSON.stringify(raw), 'has a parameter without a name. Give every value a key.');
    if (value !== null && typeof value === 'object') {
      throw invalid(label, JSON.stringify(raw), `has a parameter "${key}" that is not a single value. Map text, a number or true/false.`);
    }
    if (value !== undefined && value !== null) out[key.trim()] = String(value);
  }
  return out;
}

/**
 * The JSON body: text holding JSON (an object or an array), or an object Zapier already parsed.
 * Undefined when empty.
 * @throws z.errors.Error naming the field for text that is not JSON, or JSON that is not an object or array
 */
export function apiBodyInput(raw: unknown, label: string): unknown {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch (err) {
      throw invalid(label, raw.length > 80 ? `${raw.slice(0, 80)}…` : raw, `is not valid JSON (${(err as Error).message}). Write the body as JSON, like {"data": {"values": {}}}.`);
    }
  }
  if (body === null || typeof body !== 'object') {
    throw invalid(label, String(raw), 'is not a JSON object or array. Attio takes bodies like {"data": {…}}.');
  }
  return body;
}

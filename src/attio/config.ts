// Where Attio lives. Read at call time, never at module load: Zapier copies env vars into
// process.env per invocation, after the app module has been required.
import { errors } from 'zapier-platform-core';

/** Attio's REST API, version 2. */
export const DEFAULT_API_URL = 'https://api.attio.com/v2';
/** OAuth endpoints (app.attio.com, not the API host). */
export const AUTHORIZE_URL = 'https://app.attio.com/authorize';
export const TOKEN_URL = 'https://app.attio.com/oauth/token';

/** The only host the token may go to over the network. */
const ATTIO_API_HOST = 'api.attio.com';
/** Hosts on this machine: the local sandbox (plain http allowed, nothing leaves the machine). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function invalidConfiguration(what: string): Error {
  return new errors.Error(
    `ATTIO_API_URL ${what}. It may only point at Attio's API (https://api.attio.com/v2) or at this machine (http://127.0.0.1:PORT, for the local sandbox); remove it to use Attio.`,
    'invalid_configuration',
  );
}

/**
 * The API base, `https://api.attio.com/v2` unless `ATTIO_API_URL` points elsewhere. Only two places are
 * accepted, because the bearer token goes wherever this points: Attio's own API host over https, and
 * loopback (http or https, any port) for the local sandbox. `https://api.attio.com.evil.example/v2`, a
 * base with a user name or password in it, or any other host is refused, and the message names at most
 * the host, never the whole value. There is no proxy override: Zapier runs the app with direct egress,
 * and a proxy on the developer's machine is reached as loopback. A base without a path gets `/v2`.
 */
export function apiBase(): string {
  const raw = process.env.ATTIO_API_URL?.trim();
  if (!raw) return DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidConfiguration('is not a URL');
  }
  if (url.username || url.password) throw invalidConfiguration('must not carry a user name or password');
  if (url.search || url.hash) throw invalidConfiguration('must not carry a query or fragment');
  const loopback = LOOPBACK.has(url.hostname);
  const attio = url.hostname === ATTIO_API_HOST && url.protocol === 'https:' && url.port === '';
  if (!attio && !(loopback && (url.protocol === 'http:' || url.protocol === 'https:'))) {
    throw invalidConfiguration(`points at ${url.protocol}//${url.host}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/v2' : path}`;
}

/** True when `url` is under the Attio API base: the only place the bearer token may go. */
export function isAttioApiUrl(url: string | undefined): boolean {
  if (!url) return false;
  const base = apiBase();
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

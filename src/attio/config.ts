// Where Attio lives. Read at call time, never at module load: Zapier copies env vars into
// process.env per invocation, after the app module has been required.
import { errors } from 'zapier-platform-core';

/** Attio's REST API, version 2. */
export const DEFAULT_API_URL = 'https://api.attio.com/v2';
/** OAuth endpoints (app.attio.com, not the API host). */
export const AUTHORIZE_URL = 'https://app.attio.com/authorize';
export const TOKEN_URL = 'https://app.attio.com/oauth/token';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The API base, `https://api.attio.com/v2` unless `ATTIO_API_URL` points elsewhere (the local
 * sandbox). A base without a path gets `/v2`. Plain http is accepted for loopback hosts only,
 * so a mistyped variable can never send the token in clear text across a network.
 */
export function apiBase(): string {
  const raw = process.env.ATTIO_API_URL?.trim();
  if (!raw) return DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new errors.Error(`ATTIO_API_URL is not a URL: ${raw}. Set it to Attio's API base, like https://api.attio.com/v2.`, 'invalid_configuration');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new errors.Error(`ATTIO_API_URL must use https (plain http only for localhost): ${raw}`, 'invalid_configuration');
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

// Keeps the webhook signing secret and the connection's token out of every error and relayed message.
//
// zapier-platform-core appends "What happened:" to any error that lacks `doNotContextify` (its own
// z.errors.Error and ThrottledError have it; HaltedError, ExpiredAuthError and plain errors do not),
// and that text holds the whole bundle as JSON minus authData: bundle.subscribeData.secret included.
// Outside tests the Lambda handler also appends the console log. So: errors leaving a step that holds
// a secret are redacted and marked `doNotContextify` (guardSecrets), and Attio's responses are redacted
// before anything reads them (redactResponse, an afterResponse middleware), in case a message echoes
// the token it was sent.
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Shorter strings are not secrets we hold (and replacing them would mangle ordinary text). */
const MIN_SECRET_LENGTH = 8;

/** The secrets a bundle carries: the webhook signing secret, the OAuth tokens, the OAuth client secret. */
export function secretsOf(bundle: Partial<Bundle> | undefined): string[] {
  const subscribeData = bundle?.subscribeData as Record<string, unknown> | undefined;
  const authData = bundle?.authData as Record<string, unknown> | undefined;
  const candidates = [subscribeData?.secret, authData?.access_token, authData?.refresh_token, process.env.CLIENT_SECRET];
  return candidates.filter((s): s is string => typeof s === 'string' && s.trim().length >= MIN_SECRET_LENGTH);
}

/** `text` with every occurrence of each secret (raw, JSON-escaped or URL-encoded) replaced by [redacted]. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      // Every Attio response passes here: most hold no secret, and are not copied.
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/**
 * The error, redacted, and marked so core appends neither the bundle nor the console log to it.
 * Non-objects (a thrown string) become an Error.
 */
export function redactError(err: unknown, secrets: readonly string[]): unknown {
  if (typeof err !== 'object' || err === null) return new Error(redact(String(err), secrets));
  const e = err as { message?: unknown; stack?: unknown; doNotContextify?: boolean };
  if (typeof e.message === 'string') e.message = redact(e.message, secrets);
  if (typeof e.stack === 'string') e.stack = redact(e.stack, secrets);
  e.doNotContextify = true;
  return err;
}

/** Wraps a step function so whatever it throws leaves without the bundle's secrets (see the header). */
export function guardSecrets<B extends Bundle, R>(fn: (z: ZObject, bundle: B) => Promise<R>): (z: ZObject, bundle: B) => Promise<R> {
  return async (z, bundle) => {
    try {
      return await fn(z, bundle);
    } catch (err) {
      throw redactError(err, secretsOf(bundle));
    }
  };
}

/** core's record of the run so far, which it appends to errors without `doNotContextify` ("What happened:"). */
interface CoreTrail {
  request?: { input?: { _zapier?: { whatHappened?: unknown } } };
}

/**
 * afterResponse middleware: a response that echoes the token (an API answering "token 'abc…' was not
 * recognised", an OAuth error quoting the client secret) is redacted before any error message quotes it.
 * core has already logged it by then (its logger scrubs the connection's secrets itself) and noted its
 * first 100 characters in the run's "What happened" trail, which it appends to an ExpiredAuthError or any
 * plain error: that note is rewritten from the redacted text (a secret cut at 100 characters included).
 * The webhook signing secret in POST /v2/webhooks's answer is not touched: it is ours to keep.
 */
export function redactResponse(response: HttpResponse, _z: ZObject, bundle: Bundle): HttpResponse {
  const secrets = secretsOf({ authData: bundle.authData });
  if (secrets.length === 0) return response;
  const content = (response as { content?: unknown }).content;
  if (typeof content !== 'string') return response;
  const clean = redact(content, secrets);
  if (clean === content) return response;
  let data: unknown = clean;
  if (response.getHeader('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded') {
    // Parsed as core parses a form answer (an OAuth error, say), so its fields stay readable.
    data = Object.fromEntries(new URLSearchParams(clean));
  } else {
    try {
      data = JSON.parse(clean);
    } catch {
      // not JSON: data stays the text
    }
  }
  const writable = response as unknown as { content: string; data: unknown; json?: unknown };
  writable.content = clean;
  writable.data = data;
  if (writable.json !== undefined) writable.json = data;
  const trail = (response as CoreTrail).request?.input?._zapier?.whatHappened;
  if (Array.isArray(trail)) {
    // core's note: `Received content "${first 100 characters}"` (http-middlewares/after/log-response.js).
    const noted = `Received content "${content.substr(0, 100)}"`;
    for (let i = 0; i < trail.length; i++) {
      const entry: unknown = trail[i];
      if (entry === noted) trail[i] = `Received content "${clean.substr(0, 100)}"`;
      else if (typeof entry === 'string') trail[i] = redact(entry, secrets);
    }
  }
  return response;
}

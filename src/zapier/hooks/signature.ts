// Attio webhook signatures: `Attio-Signature` (and its legacy twin `X-Attio-Signature`) is the hex
// HMAC-SHA256 of the raw request body, keyed by the secret Attio returned when the webhook was created.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names Attio signs with, in the order we read them. */
export const SIGNATURE_HEADERS = ['Attio-Signature', 'X-Attio-Signature'] as const;

/**
 * A header's value, whatever the casing, with or without the `Http-` prefix Zapier adds to inbound
 * hook headers (`Attio-Signature` arrives as `Http-Attio-Signature`).
 */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = new Set([name.toLowerCase(), `http-${name.toLowerCase()}`]);
  for (const [key, value] of Object.entries(headers)) {
    if (wanted.has(key.toLowerCase()) && typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** The signature Attio would send for this body: hex HMAC-SHA256, the body read as UTF-8. */
export function attioSignature(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks a delivery's signature against the stored secret with a constant-time compare.
 * `missing`: no signature header at all; `invalid`: present but not the HMAC of this body.
 * Either header may carry it (Attio sends both, identical), so one that matches is enough.
 */
export function verifyAttioSignature(
  request: { headers?: Record<string, string>; content?: string } | undefined,
  secret: string,
): SignatureCheck {
  const sent = SIGNATURE_HEADERS.map((h) => headerValue(request?.headers, h)).filter((v): v is string => v !== undefined);
  if (sent.length === 0) return 'missing';
  const expected = Buffer.from(attioSignature(secret, request?.content ?? ''), 'hex');
  const matches = sent.some((sig) => {
    // Decode before comparing: timingSafeEqual needs equal lengths, and a 32-byte digest reveals nothing.
    if (!/^[0-9a-f]{64}$/i.test(sig)) return false;
    return timingSafeEqual(Buffer.from(sig, 'hex'), expected);
  });
  return matches ? 'valid' : 'invalid';
}

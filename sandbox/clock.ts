// Time and identifiers. Schema ids are stable across runs (derived from a name) so docs and logs can
// quote them; records, entries, notes, tasks, comments and webhooks get random UUIDs like Attio's.
import crypto from 'node:crypto';
import { invalid } from './errors';

/** A UUID (version 4 layout) derived from a name: the same name always gives the same id. */
export function stableId(name: string): string {
  const h = crypto.createHash('sha256').update(`attio-sandbox:${name}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const newId = (): string => crypto.randomUUID();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attio's timestamp format: UTC with nanosecond digits, e.g. 2022-11-21T13:22:49.061281000Z. */
export function nsTimestamp(ms: number, micros = 0): string {
  const iso = new Date(ms).toISOString(); // …T13:22:49.061Z
  return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}000Z`;
}

/**
 * The sandbox's clock. `now()` is injectable (tests freeze it to check rate-limit windows);
 * `timestamp()` is strictly increasing, so `created_at` orders writes even within one millisecond.
 */
export class Clock {
  private lastMs = -1;
  private micros = 0;

  constructor(readonly now: () => number = Date.now) {}

  timestamp(): string {
    const ms = this.now();
    if (ms === this.lastMs) {
      this.micros = Math.min(this.micros + 1, 999);
    } else {
      this.lastMs = ms;
      this.micros = 0;
    }
    return nsTimestamp(ms, this.micros);
  }

  /** A `created_at` chosen by the client (notes, comments): ISO 8601, not before 1970 nor in the future. */
  backdate(value: string, what: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw invalid(`created_at "${value}" is not an ISO 8601 timestamp.`);
    if (ms < 0 || ms > this.now() + 1000) throw invalid(`${what} cannot be dated before 1970 or in the future.`);
    return nsTimestamp(ms);
  }
}

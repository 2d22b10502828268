// Attio's published rate limits: 100 reads/s and 25 writes/s across the workspace. The sandbox uses fixed
// one-second windows; Attio does not document its window. A request over the limit is not processed (and
// not counted against the window): 429 rate_limit_exceeded with Retry-After as an HTTP date, the start of
// the next window.

export type RequestKind = 'read' | 'write';

export interface RateLimits {
  /** Reads per second (GET, and POST …/query). Default 100. */
  readsPerSecond?: number;
  /** Writes per second (POST, PUT, PATCH, DELETE). Default 25. */
  writesPerSecond?: number;
}

export interface RateLimitStats {
  enabled: boolean;
  limits: { read: number; write: number };
  allowed: { read: number; write: number };
  rejected: { read: number; write: number };
}

export const DEFAULT_LIMITS = { read: 100, write: 25 };

/** GETs and query POSTs are reads; every other request is a write. */
export function requestKind(method: string, path: string): RequestKind {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST' && (/\/query$/.test(path) || path === '/v2/objects/records/search')) return 'read';
  return 'write';
}

export class RateLimiter {
  private enabled = true;
  private limits = { ...DEFAULT_LIMITS };
  private window = -1;
  private used = { read: 0, write: 0 };
  private allowed = { read: 0, write: 0 };
  private rejected = { read: 0, write: 0 };

  constructor(
    private readonly now: () => number,
    config?: RateLimits | false,
  ) {
    this.configure(config);
  }

  /** `false` turns limiting off; an object sets the limits (missing ones fall back to Attio's). */
  configure(config: RateLimits | false | undefined): void {
    this.enabled = config !== false;
    const c = config || {};
    this.limits = { read: c.readsPerSecond ?? DEFAULT_LIMITS.read, write: c.writesPerSecond ?? DEFAULT_LIMITS.write };
  }

  /** Counts the request in the current window; returns the reset time (ms) when it is over the limit. */
  take(kind: RequestKind): { ok: true } | { ok: false; retryAt: number } {
    const window = Math.floor(this.now() / 1000);
    if (window !== this.window) {
      this.window = window;
      this.used = { read: 0, write: 0 };
    }
    if (this.enabled && this.used[kind] >= this.limits[kind]) {
      this.rejected[kind]++;
      return { ok: false, retryAt: (window + 1) * 1000 };
    }
    this.used[kind]++;
    this.allowed[kind]++;
    return { ok: true };
  }

  stats(): RateLimitStats {
    return { enabled: this.enabled, limits: { ...this.limits }, allowed: { ...this.allowed }, rejected: { ...this.rejected } };
  }

  resetStats(): void {
    this.allowed = { read: 0, write: 0 };
    this.rejected = { read: 0, write: 0 };
  }
}

/** Attio's Retry-After: the HTTP date at which the limit resets. */
export function retryAfterHeader(retryAt: number): string {
  return new Date(retryAt).toUTCString();
}

// Fault injection on demand: the next N requests (optionally only those matching a method and path)
// answer with an error status, or are slowed down, or both. Used to show retries and backoff.

export interface Fault {
  /** Answer with this status (429, 500, 502, 503…) instead of the real response. Omit for a delay only. */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** Only requests with this method. */
  method?: string;
  /**
   * Only requests whose path (e.g. "/v2/objects/people/records") or route template
   * (e.g. "/v2/objects/{object}/records") equals this string; a trailing "*" matches a prefix;
   * a RegExp is tested against the path.
   */
  path?: string | RegExp;
  /**
   * Process the request first, then answer with the error: the write happened but the client cannot
   * know (the "lost response" case that makes a retried POST create a duplicate).
   */
  afterHandling?: boolean;
  /**
   * Close the connection without answering (a reset), instead of answering `status`. With
   * `afterHandling`, the write happens first: "Attio applied it but the response was lost".
   */
  dropConnection?: boolean;
  /** Error envelope overrides. */
  code?: string;
  message?: string;
  /** 429 only: the Retry-After header (default: the next second as an HTTP date). */
  retryAfter?: string;
}

export interface FaultHandle {
  /** "1", "2", … in the order faults were added (the control route's DELETE /__sandbox/faults/{id}). */
  readonly id: string;
  /** Matching requests still to be hit. */
  remaining(): number;
  cancel(): void;
}

/** A pending fault as listed by `FaultInjector.list()` (and GET /__sandbox/faults). */
export interface FaultSummary {
  id: string;
  remaining: number;
  fault: Fault;
}

interface ActiveFault {
  id: string;
  fault: Fault;
  left: number;
}

function pathMatches(rule: string | RegExp | undefined, path: string, template: string | undefined): boolean {
  if (rule === undefined) return true;
  if (rule instanceof RegExp) return rule.test(path);
  if (rule.endsWith('*')) return path.startsWith(rule.slice(0, -1)) || (template ?? '').startsWith(rule.slice(0, -1));
  return rule === path || rule === template;
}

export class FaultInjector {
  private active: ActiveFault[] = [];
  private nextId = 1;

  add(fault: Fault): FaultHandle {
    const entry: ActiveFault = { id: String(this.nextId++), fault, left: fault.times ?? 1 };
    this.active.push(entry);
    return {
      id: entry.id,
      remaining: () => entry.left,
      cancel: () => {
        entry.left = 0;
        this.active = this.active.filter((a) => a !== entry);
      },
    };
  }

  /** Removes every pending fault; returns how many there were. */
  clear(): number {
    const count = this.active.length;
    this.active = [];
    return count;
  }

  /** Removes one pending fault by id; false when there is none (unknown, or already used up). */
  cancel(id: string): boolean {
    const entry = this.active.find((a) => a.id === id);
    if (!entry) return false;
    entry.left = 0;
    this.active = this.active.filter((a) => a !== entry);
    return true;
  }

  /** Pending faults, oldest first. */
  list(): FaultSummary[] {
    return this.active.map((a) => ({ id: a.id, remaining: a.left, fault: a.fault }));
  }

  /** The first matching fault, consumed once; undefined when none applies. */
  take(method: string, path: string, template: string | undefined): Fault | undefined {
    const hit = this.active.find(
      (a) => a.left > 0 && (!a.fault.method || a.fault.method.toUpperCase() === method) && pathMatches(a.fault.path, path, template),
    );
    if (!hit) return undefined;
    hit.left--;
    if (hit.left <= 0) this.active = this.active.filter((a) => a !== hit);
    return hit.fault;
  }
}

// Request counters: how many requests reached the sandbox, per operation ("METHOD /v2/route/{template}")
// and per status, plus a log of each request. A bench resets them, runs one Zapier operation, and reads
// how many Attio requests it cost.

export interface RequestLogEntry {
  method: string;
  /** Path as requested, without the query string. */
  path: string;
  /** Route template from Attio's spec, e.g. /v2/objects/{object}/records/query ("(unmatched)" for a 404 route). */
  template: string;
  /** `${method} ${template}` */
  operation: string;
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
  durationMs: number;
  /** Set when the answer came from fault injection or the rate limiter. */
  synthetic?: 'fault' | 'rate_limit';
}

export interface CounterSnapshot {
  total: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
}

const LOG_LIMIT = 50_000;

export class RequestCounters {
  total = 0;
  byOperation: Record<string, number> = {};
  byStatus: Record<string, number> = {};
  readonly log: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.total++;
    this.byOperation[entry.operation] = (this.byOperation[entry.operation] ?? 0) + 1;
    this.byStatus[String(entry.status)] = (this.byStatus[String(entry.status)] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** Requests for one operation (e.g. "PUT /v2/objects/{object}/records"), or all of them. */
  count(operation?: string): number {
    return operation === undefined ? this.total : (this.byOperation[operation] ?? 0);
  }

  snapshot(): CounterSnapshot {
    return { total: this.total, byOperation: { ...this.byOperation }, byStatus: { ...this.byStatus } };
  }

  reset(): void {
    this.total = 0;
    this.byOperation = {};
    this.byStatus = {};
    this.log.length = 0;
  }
}

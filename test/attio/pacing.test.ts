// The pacing ledger's arithmetic: where a throttled or queued request is given a slot (pure functions; the
// request layer's use of them is covered in request.test.ts with the virtual clock).
import {
  fallbackWaitMs,
  firstFreeSlot,
  hasBacklog,
  MAX_FALLBACK_WINDOWS,
  MAX_SPREAD_WINDOWS,
  RATE_LIMITS,
  requestKind,
  searchFrom,
  type Ledger,
} from '../../src/attio/pacing';

const T = Date.parse('2026-11-21T10:00:00.000Z');
const S = T / 1000;

/** Books `count` slots one after the other from `from`, as concurrent runs sharing the ledger would. */
function bookMany(count: number, from: number, limit: number, ledger: Ledger = {}): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const slot = firstFreeSlot(ledger, from, limit, 0);
    ledger[String(slot.window)] = (ledger[String(slot.window)] ?? 0) + 1;
    out.push(slot.at - from);
  }
  return out;
}

describe('lib/pacing: slots', () => {
  it('spreads 30 writes turned away together evenly over the coming seconds: 25 in the first, 32 ms apart in its first 800 ms, then the next', () => {
    const offsets = bookMany(30, T + 1000, RATE_LIMITS.write);
    expect(offsets.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => i * 32));
    expect(offsets.slice(25)).toEqual([1000, 1032, 1064, 1096, 1128]);
    // Never more in one second than the limit: the ceiling is reached without a stampede at the reset.
    expect(new Set(offsets).size).toBe(30);
  });

  it('spaces reads by their own limit: 8 ms apart at 100/s', () => {
    expect(bookMany(3, T, RATE_LIMITS.read)).toEqual([0, 8, 16]);
  });

  it('never gives a slot before `from`, and jitters inside one slot only', () => {
    const ledger: Ledger = { [String(S)]: 5 };
    expect(firstFreeSlot(ledger, T + 700, 25, 0)).toEqual({ window: S, at: T + 700 });
    expect(firstFreeSlot(ledger, T, 25, 0.5)).toEqual({ window: S, at: T + 5 * 32 + 16 });
  });

  it('skips full seconds', () => {
    const ledger: Ledger = { [String(S)]: 25, [String(S + 1)]: 25, [String(S + 2)]: 3 };
    expect(firstFreeSlot(ledger, T, 25, 0)).toEqual({ window: S + 2, at: T + 2000 + 3 * 32 });
  });

  it('sees a queue only in the current or the next few seconds, and ignores inherited keys', () => {
    expect(hasBacklog({}, T)).toBe(false);
    expect(hasBacklog({ [String(S - 1)]: 25 }, T)).toBe(false);
    expect(hasBacklog({ [String(S + 2)]: 1 }, T)).toBe(true);
    expect(hasBacklog({ [String(S + 3)]: 1 }, T)).toBe(false);
    expect(hasBacklog(Object.create({ [String(S)]: 9 }) as Ledger, T)).toBe(false);
  });
});

describe("lib/pacing: a run's 429 count widens its spread", () => {
  it('searches from the reset for the first 429, then over 2^(n-1) seconds, capped', () => {
    expect(searchFrom(T, 1, 0.99)).toBe(T);
    expect(searchFrom(T, 2, 0.99)).toBe(T + 1000);
    expect(searchFrom(T, 3, 0.99)).toBe(T + 3000);
    expect(searchFrom(T, 30, 0.99)).toBe(T + (MAX_SPREAD_WINDOWS - 1) * 1000);
    expect(searchFrom(T, 30, 0)).toBe(T);
  });

  it('without a ledger, spreads the n-th 429 over 2^n seconds from the reset, capped', () => {
    expect(fallbackWaitMs(T + 1000, 1, T, 0)).toBe(1000);
    expect(fallbackWaitMs(T + 1000, 1, T, 0.99)).toBe(1000 + 1980);
    expect(fallbackWaitMs(T + 1000, 3, T, 0.99)).toBe(1000 + 7920);
    expect(fallbackWaitMs(T + 1000, 20, T, 0.5)).toBe(1000 + (MAX_FALLBACK_WINDOWS * 1000) / 2);
    expect(fallbackWaitMs(T - 500, 1, T, 0)).toBe(0);
  });
});

describe('lib/pacing: request kinds', () => {
  it("counts GETs and query POSTs as reads, as Attio does, and every other request as a write", () => {
    expect(requestKind('GET', '/objects/people/records/1')).toBe('read');
    expect(requestKind('POST', '/objects/people/records/query')).toBe('read');
    expect(requestKind('POST', '/lists/sales/entries/query')).toBe('read');
    expect(requestKind('POST', '/objects/records/search')).toBe('read');
    expect(requestKind('PUT', '/objects/people/records')).toBe('write');
    expect(requestKind('POST', '/notes')).toBe('write');
    expect(requestKind('DELETE', '/webhooks/1')).toBe('write');
  });
});

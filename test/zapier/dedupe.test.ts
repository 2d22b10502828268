// Redelivery dedupe through z.cache: the key, the get-then-set(nx) protocol, and cache outages.
import type { ZObject } from 'zapier-platform-core';
import { alreadySeen, claim, dedupeKey, DEDUPE_TTL_SECONDS } from '../../src/zapier/hooks/dedupe';
import { appTester } from '../helpers/app';

const BASE = {
  webhookId: 'w-1',
  idempotencyKey: 'idem-1',
  eventType: 'record.created',
  eventIds: { workspace_id: 'ws', object_id: 'o-1', record_id: 'r-1' },
};

/** A z with only what dedupe touches: cache and console. */
function fakeZ(cache: Partial<ZObject['cache']>) {
  const error = jest.fn();
  const z = { cache, console: { error } } as unknown as ZObject;
  return { z, error };
}

describe('dedupeKey', () => {
  const NO_IDS = { ...BASE, eventIds: {} };

  it('is stable, prefixed and short, whatever the header value', () => {
    const key = dedupeKey(BASE);
    expect(key).toBe(dedupeKey({ ...BASE, eventIds: { record_id: 'r-1', object_id: 'o-1', workspace_id: 'ws' } }));
    expect(key).toMatch(/^attio:webhook-event:[0-9a-f]{64}$/);
    expect(dedupeKey({ ...NO_IDS, idempotencyKey: 'x'.repeat(5000) })).toMatch(/^attio:webhook-event:[0-9a-f]{64}$/);
  });

  it("keys a creation on the event's identity: another message about it, with another Idempotency-Key or none, is the same change", () => {
    const key = dedupeKey(BASE);
    expect(dedupeKey({ ...BASE, idempotencyKey: 'idem-2' })).toBe(key);
    expect(dedupeKey({ ...BASE, idempotencyKey: undefined })).toBe(key);
  });

  it('differs per webhook (two Zaps watching the same change), per event type and per event', () => {
    const key = dedupeKey(BASE);
    const others = [
      dedupeKey({ ...BASE, webhookId: 'w-2' }),
      dedupeKey({ ...BASE, eventType: 'list-entry.created' }),
      dedupeKey({ ...BASE, eventIds: { ...BASE.eventIds, record_id: 'r-2' } }),
    ];
    expect(new Set([key, ...others]).size).toBe(4);
  });

  it('falls back to the Idempotency-Key only for an event without ids; with neither, nothing identifies it', () => {
    const byKey = dedupeKey(NO_IDS);
    expect(byKey).toMatch(/^attio:webhook-event:[0-9a-f]{64}$/);
    expect(dedupeKey({ ...NO_IDS, eventIds: { record_id: null, entry_id: '' } })).toBe(byKey);
    expect(new Set([byKey, dedupeKey(BASE), dedupeKey({ ...NO_IDS, idempotencyKey: 'idem-2' }), dedupeKey({ ...NO_IDS, webhookId: 'w-2' })]).size).toBe(4);
    expect(dedupeKey({ ...NO_IDS, idempotencyKey: undefined })).toBeUndefined();
  });
});

describe('alreadySeen / claim against a production-like cache', () => {
  it('reads the key; an absent key (null) is not seen', async () => {
    const get = jest.fn().mockResolvedValueOnce(null).mockResolvedValueOnce(true);
    const { z } = fakeZ({ get });
    await expect(alreadySeen(z, 'k')).resolves.toBe(false);
    await expect(alreadySeen(z, 'k')).resolves.toBe(true);
    expect(get).toHaveBeenCalledWith('k');
  });

  it('claims with set(key, value, 3 days, no scope, nx=true)', async () => {
    const set = jest.fn().mockResolvedValue(true);
    const { z } = fakeZ({ set });
    await expect(claim(z, 'k')).resolves.toBe(true);
    expect(set).toHaveBeenCalledWith('k', true, DEDUPE_TTL_SECONDS, undefined, true);
    expect(DEDUPE_TTL_SECONDS).toBe(259200);
  });

  it('honours a false from set(nx): another invocation claimed the event first (a racing redelivery)', async () => {
    const { z } = fakeZ({ set: jest.fn().mockResolvedValue(false) });
    await expect(claim(z, 'k')).resolves.toBe(false);
  });

  it('a cache outage never drops an event: read counts as unseen, write as claimed, both logged', async () => {
    const { z, error } = fakeZ({
      get: jest.fn().mockRejectedValue(new Error('Unable to reach the RPC server')),
      set: jest.fn().mockRejectedValue(new Error('Unable to reach the RPC server')),
    });
    await expect(alreadySeen(z, 'k')).resolves.toBe(false);
    await expect(claim(z, 'k')).resolves.toBe(true);
    expect(error).toHaveBeenCalledTimes(2);
  });
});

describe("the app tester's in-memory z.cache", () => {
  it('ignores nx (set answers true twice), so only the get() check catches a repeat there', async () => {
    const result = await appTester(
      async (z) => {
        const first = await claim(z, 'k');
        const second = await claim(z, 'k');
        return { first, second, seen: await alreadySeen(z, 'k') };
      },
      {},
      true,
    );
    expect(result).toEqual({ first: true, second: true, seen: true });
  });
});

describe('dedupeKey for change events (by: delivery)', () => {
  const UPDATE = { ...BASE, eventType: 'record.updated', eventIds: { ...BASE.eventIds, attribute_id: 'a-1' }, by: 'delivery' as const };

  it('keys on the message: a retry of it is the same, a later change of the same attribute is not', () => {
    const key = dedupeKey(UPDATE);
    expect(key).toMatch(/^attio:webhook-event:[0-9a-f]{64}$/);
    expect(dedupeKey({ ...UPDATE })).toBe(key);
    expect(dedupeKey({ ...UPDATE, idempotencyKey: 'idem-2' })).not.toBe(key);
    expect(dedupeKey({ ...UPDATE, eventIds: { ...UPDATE.eventIds, attribute_id: 'a-2' } })).not.toBe(key);
  });

  it('gives no key without an Idempotency-Key (the state check decides then)', () => {
    expect(dedupeKey({ ...UPDATE, idempotencyKey: undefined })).toBeUndefined();
  });
});

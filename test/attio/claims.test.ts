// The nx claim: only an explicit true from z.cache.set is a claim; a held claim is waited for, then handed to
// Zapier as ThrottledError; an unreachable cache lets the work run unclaimed (logged); the claim is released
// however the work ends.
import type { ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheClaim } from '../../src/attio/cache';
import { clock } from '../../src/attio/request';
import { CLAIM_RETRY_SECONDS, CLAIM_TTL_SECONDS, CLAIM_WAITS_MS, withClaim } from '../../src/attio/claims';
import { useVirtualClock } from '../helpers/clock';

function fakeZ(cache: Partial<ZObject['cache']>) {
  const error = jest.fn();
  const z = { cache, console: { error }, errors } as unknown as ZObject;
  return { z, error };
}

const time = useVirtualClock();

describe('attio/claims', () => {
  it('cacheClaim asks with nx, per connection, for the TTL; only true is a claim (false and null are held)', async () => {
    const set = jest.fn().mockResolvedValueOnce(true).mockResolvedValueOnce(false).mockResolvedValueOnce(null);
    const { z } = fakeZ({ set });
    expect(await cacheClaim(z, 'k', 30, AUTH_SCOPE)).toBe('claimed');
    expect(await cacheClaim(z, 'k', 30, AUTH_SCOPE)).toBe('held');
    expect(await cacheClaim(z, 'k', 30, AUTH_SCOPE)).toBe('held');
    expect(set.mock.calls.map((c) => [c[0], c[2], c[3], c[4]])).toEqual(Array(3).fill(['k', 30, ['auth'], true]));
  });

  it('withClaim runs the work while holding the claim, then releases it (also when the work fails)', async () => {
    const set = jest.fn().mockResolvedValue(true);
    const del = jest.fn().mockResolvedValue(true);
    const { z } = fakeZ({ set, delete: del });
    await expect(withClaim(z, 'k', 'x', async (claim) => claim)).resolves.toBe('claimed');
    await expect(withClaim(z, 'k', 'x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(set.mock.calls.map((c) => c[2])).toEqual([CLAIM_TTL_SECONDS, CLAIM_TTL_SECONDS]);
    expect(del.mock.calls).toEqual([['k', ['auth']], ['k', ['auth']]]);
  });

  it('a claim held, then free: waits, then runs', async () => {
    const set = jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const { z } = fakeZ({ set, delete: jest.fn().mockResolvedValue(true) });
    await expect(withClaim(z, 'k', 'x', async () => 'done')).resolves.toBe('done');
    expect(time.waits).toEqual(CLAIM_WAITS_MS.slice(0, 2));
  });

  it('a claim held throughout: ThrottledError after the waits, the work never runs, nothing released', async () => {
    const del = jest.fn();
    const { z } = fakeZ({ set: jest.fn().mockResolvedValue(false), delete: del });
    const work = jest.fn();
    const err = (await withClaim(z, 'k', 'Deal name "Renewal"', work).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ name: 'ThrottledError' });
    expect(JSON.parse(err.message)).toMatchObject({ delay: CLAIM_RETRY_SECONDS });
    expect(work).not.toHaveBeenCalled();
    expect(del).not.toHaveBeenCalled();
    expect(time.waits).toEqual([...CLAIM_WAITS_MS]);
  });

  it('an unreachable cache: logged, the work runs unclaimed, nothing to release', async () => {
    const del = jest.fn();
    const { z, error } = fakeZ({ set: jest.fn().mockRejectedValue(new Error('rpc is not available')), delete: del });
    await expect(withClaim(z, 'k', 'x', async (claim) => claim)).resolves.toBe('unavailable');
    expect(error).toHaveBeenCalledWith('Could not claim "k" in the cache (rpc is not available).');
    expect(del).not.toHaveBeenCalled();
  });

  it('spreads the runs turned away by one claim over 30 to 59 s, so they do not race for it again together', async () => {
    const delays: number[] = [];
    for (const random of [0, 0.5, 0.99]) {
      jest.spyOn(clock, 'random').mockReturnValue(random);
      const { z } = fakeZ({ set: jest.fn().mockResolvedValue(false), delete: jest.fn() });
      const err = (await withClaim(z, 'k', 'x', jest.fn()).catch((e: unknown) => e)) as Error;
      delays.push((JSON.parse(err.message) as { delay: number }).delay);
    }
    expect(delays).toEqual([30, 45, 59]);
  });
});

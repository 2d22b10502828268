// Best-effort z.cache access: the scope reaches the cache, answers pass through, outages are logged, never thrown.
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheGet, cacheSet } from '../../src/attio/cache';

/** A z with only what cache.ts touches: cache and console. */
function fakeZ(cache: Partial<ZObject['cache']>) {
  const error = jest.fn();
  const z = { cache, console: { error } } as unknown as ZObject;
  return { z, error };
}

describe('lib/cache', () => {
  it('cacheGet passes the scope when given (per connection), only the key otherwise; a miss is null', async () => {
    const get = jest.fn().mockResolvedValueOnce({ a: 1 }).mockResolvedValueOnce(undefined);
    const { z } = fakeZ({ get });
    await expect(cacheGet(z, 'k', AUTH_SCOPE)).resolves.toEqual({ a: 1 });
    await expect(cacheGet(z, 'k')).resolves.toBeNull();
    expect(get.mock.calls).toEqual([['k', ['auth']], ['k']]);
  });

  it('cacheSet passes ttl, scope and nx, and reports a held key (nx) as false', async () => {
    const set = jest.fn().mockResolvedValueOnce(true).mockResolvedValueOnce(false).mockResolvedValueOnce(null);
    const { z } = fakeZ({ set });
    await expect(cacheSet(z, 'k', { v: 1 }, 60, AUTH_SCOPE)).resolves.toBe(true);
    await expect(cacheSet(z, 'k', true, 60, undefined, true)).resolves.toBe(false);
    await expect(cacheSet(z, 'k', true, 60)).resolves.toBe(true);
    expect(set.mock.calls).toEqual([
      ['k', { v: 1 }, 60, ['auth'], undefined],
      ['k', true, 60, undefined, true],
      ['k', true, 60, undefined, undefined],
    ]);
  });

  it('an unavailable cache is logged and reads as a miss, writes as not written', async () => {
    const down = () => Promise.reject(new Error('Unable to reach the RPC server'));
    const { z, error } = fakeZ({ get: jest.fn(down), set: jest.fn(down) });
    await expect(cacheGet(z, 'attio:list:sales', AUTH_SCOPE)).resolves.toBeNull();
    await expect(cacheSet(z, 'attio:list:sales', {}, 60, AUTH_SCOPE)).resolves.toBeUndefined();
    expect(error.mock.calls).toEqual([
      ['Could not read "attio:list:sales" from the cache (Unable to reach the RPC server); continuing without it.'],
      ['Could not write "attio:list:sales" to the cache (Unable to reach the RPC server); continuing without it.'],
    ]);
  });
});

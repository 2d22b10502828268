// The app tester's in-memory z.cache ignores `nx`: core's mock RPC writes every set and answers true. Zapier's
// cache sets a key with nx only when it is absent, atomically. This stands in for that in a test file:
//
//   jest.mock('zapier-platform-core/src/tools/create-cache', () => require('../helpers/nx_cache').atomicNxCache());
//
// An nx set of a key the app tester's store already holds answers false without writing; otherwise the
// real set runs, and core's mock writes the store before its first await, so the check and the write
// happen in one synchronous step: two concurrent invocations can never both get the key.
import type { ZObject } from 'zapier-platform-core';

type Cache = ZObject['cache'];
type CreateCache = (input: unknown) => Cache;

/** What the simulated cache saw, for assertions: every nx ask, and the keys it refused. */
export const nxLog = { asked: [] as string[], refused: [] as string[], listeners: [] as Array<(key: string) => void> };

export function resetNxLog(): void {
  nxLog.asked = [];
  nxLog.refused = [];
  nxLog.listeners = [];
}

export function atomicNxCache(): CreateCache {
  const actual = jest.requireActual('zapier-platform-core/src/tools/create-cache') as CreateCache;
  return (input: unknown) => {
    const cache = actual(input);
    const store = (input as { _zapier?: { event?: { zcacheTestObj?: Record<string, unknown> } } })._zapier?.event?.zcacheTestObj;
    const set: Cache['set'] = (key, value, ttl, scope, nx) => {
      if (nx === true) {
        nxLog.asked.push(key);
        if (store && Object.hasOwn(store, key)) {
          nxLog.refused.push(key);
          for (const listener of nxLog.listeners) listener(key);
          return Promise.resolve(false);
        }
      }
      return cache.set(key, value, ttl, scope, nx);
    };
    return { ...cache, set };
  };
}

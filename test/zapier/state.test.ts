// States across deliveries through z.cache: a new state is passed on once, the same state again is not, a
// racing invocation that lost the transition claim (set with nx answered false) is not, and a forgotten
// state lets the last value through again.
import type { ZObject } from 'zapier-platform-core';
import { fingerprint, forgetState, observeState, stateKey, TRANSITION_TTL_SECONDS } from '../../src/zapier/hooks/state';

/** A z whose cache is a Map that honours nx (as Zapier's does, unlike the app tester's). */
function cachedZ() {
  const store = new Map<string, unknown>();
  const set = jest.fn(async (key: string, value: unknown, _ttl?: number, _scope?: string[], nx?: boolean) => {
    if (nx && store.has(key)) return false;
    store.set(key, value);
    return true;
  });
  const z = { cache: { get: async (key: string) => store.get(key) ?? null, set }, console: { error: jest.fn() } } as unknown as ZObject;
  return { z, set, store };
}

describe('observeState', () => {
  const key = stateKey('w-1', 'r-1', 'a-1');
  const won = fingerprint('["won"]');
  const lost = fingerprint('["lost"]');

  it('is per webhook, subject and facet', () => {
    expect(new Set([key, stateKey('w-2', 'r-1', 'a-1'), stateKey('w-1', 'r-2', 'a-1'), stateKey('w-1', 'r-1', 'a-2')]).size).toBe(4);
    expect(key).toMatch(/^attio:webhook-state:[0-9a-f]{64}$/);
  });

  it('passes a new state once, then not again; a different state again', async () => {
    const { z } = cachedZ();
    expect(await observeState(z, key, won)).toBe(true);
    expect(await observeState(z, key, won)).toBe(false);
    expect(await observeState(z, key, lost)).toBe(true);
  });

  it('lets only the first of two racing invocations through the same transition (short-lived claim)', async () => {
    const { z, set } = cachedZ();
    const racing = { ...z, cache: { ...z.cache, get: async () => null } } as unknown as ZObject;
    expect(await observeState(racing, key, won)).toBe(true);
    expect(await observeState(racing, key, won)).toBe(false);
    expect(set.mock.calls.filter((c) => c[4] === true).every((c) => c[2] === TRANSITION_TTL_SECONDS)).toBe(true);
  });

  it('after forgetState, the last state seen passes again', async () => {
    const { z } = cachedZ();
    await observeState(z, key, won);
    await forgetState(z, key);
    // A new transition (unknown → won) is claimed, not the first one (none → won).
    expect(await observeState(z, key, won)).toBe(true);
  });
});

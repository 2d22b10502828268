// Best-effort z.cache access, shared by the attribute metadata (zapier/fields/dynamic.ts), the list metadata (lists.ts), the member list (actors.ts) and
// the webhook redelivery dedupe (zapier/hooks/dedupe.ts). The cache only saves requests or repeated runs, so an outage
// (a local run without Zapier's cache RPC, a Zapier hiccup) is logged and treated as "nothing cached" or
// "not written": it never fails an operation.
import type { ZObject } from 'zapier-platform-core';

/** Per connection: two workspaces can both have a list called "sales" or a "people" attribute cached. */
export const AUTH_SCOPE = ['auth'];

/**
 * core's z.cache.get takes a scope at run time (it passes it to the cache RPC, like set does) although its
 * type declares only the key. This is the one place that widens the type.
 */
type ScopedGet = (key: string, scope?: string[]) => Promise<unknown>;

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The cached value, or null when the key is absent or the cache could not be read (logged).
 * @param scope e.g. AUTH_SCOPE to keep the entry per connection; omitted: shared by every run of this app
 */
export async function cacheGet(z: ZObject, key: string, scope?: string[]): Promise<unknown> {
  try {
    const get: ScopedGet = z.cache.get;
    const value = scope ? await get(key, scope) : await get(key);
    return value ?? null;
  } catch (err) {
    z.console.error(`Could not read "${key}" from the cache (${reason(err)}); continuing without it.`);
    return null;
  }
}

/**
 * Stores a value for `ttl` seconds. Returns what the cache answered: false when `nx` is set and the key is
 * already held (another invocation got there first), true when written; undefined when the cache could
 * not be written (logged).
 */
export async function cacheSet(
  z: ZObject,
  key: string,
  value: unknown,
  ttl: number,
  scope?: string[],
  nx?: boolean,
): Promise<boolean | undefined> {
  try {
    return (await z.cache.set(key, value, ttl, scope, nx)) !== false;
  } catch (err) {
    z.console.error(`Could not write "${key}" to the cache (${reason(err)}); continuing without it.`);
    return undefined;
  }
}

/** Removes a key (best effort: an outage is logged, and the entry then expires with its ttl). */
export async function cacheDelete(z: ZObject, key: string, scope?: string[]): Promise<void> {
  try {
    const del = z.cache.delete as (key: string, scope?: string[]) => Promise<boolean>;
    await (scope ? del(key, scope) : del(key));
  } catch (err) {
    z.console.error(`Could not remove "${key}" from the cache (${reason(err)}); it expires on its own.`);
  }
}

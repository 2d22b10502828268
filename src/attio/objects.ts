// The workspace's objects by id: what a webhook event's `object_id` (a UUID) is called (its slug), so trigger
// outputs name objects as a Zap filter or a later step expects ("companies", not a UUID). Kept in z.cache per
// connection: one GET /v2/objects the first time, shared with the Object dropdown (which re-reads and
// re-caches the list whenever it is opened).
import type { ZObject } from 'zapier-platform-core';
import { listObjects } from './endpoints';
import { AUTH_SCOPE, cacheGet, cacheSet } from './cache';
import type { AttioObject } from './types';

/** Object id (UUID) → api slug. */
export type ObjectSlugs = Record<string, string>;

/** Objects are seldom added and their slugs never change: an unknown id is re-read at once anyway. */
export const OBJECTS_CACHE_TTL_SECONDS = 24 * 60 * 60;

const CACHE_KEY = 'attio:object-slugs';

function isSlugs(v: unknown): v is ObjectSlugs {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');
}

/** Caches the objects a GET /v2/objects returned (the dropdown reads them anyway). */
export async function rememberObjects(z: ZObject, objects: readonly AttioObject[]): Promise<ObjectSlugs> {
  const slugs: ObjectSlugs = {};
  // An object without a slug (Attio allows null) is kept as its id, the name outputs give it: left out, every
  // event on it read the objects again.
  for (const o of objects) slugs[o.id.object_id] = o.api_slug || o.id.object_id;
  await cacheSet(z, CACHE_KEY, slugs, OBJECTS_CACHE_TTL_SECONDS, AUTH_SCOPE);
  return slugs;
}

/** One cache read, and one GET /v2/objects at most, per invocation (concurrent events share them). */
const loading = new WeakMap<ZObject, Promise<ObjectSlugs>>();
const reading = new WeakMap<ZObject, Promise<ObjectSlugs>>();

function shared(map: WeakMap<ZObject, Promise<ObjectSlugs>>, z: ZObject, load: () => Promise<ObjectSlugs>): Promise<ObjectSlugs> {
  let pending = map.get(z);
  if (!pending) {
    pending = load();
    map.set(z, pending);
    // A failed read is not kept: the next caller in this invocation asks again.
    pending.catch(() => map.delete(z));
  }
  return pending;
}

/**
 * The slug of an object named by its id: from the cache, else one GET /v2/objects (then cached); an id the
 * cached list lacks (an object created since) reads the list again. The id itself when Attio has no slug
 * for it (or no such object), so the output still names it.
 */
export async function objectSlug(z: ZObject, objectId: string): Promise<string> {
  const cached = await shared(loading, z, async () => {
    const value = await cacheGet(z, CACHE_KEY, AUTH_SCOPE);
    return isSlugs(value) ? value : {};
  });
  if (Object.hasOwn(cached, objectId)) return cached[objectId] as string;
  const slugs = await shared(reading, z, async () => rememberObjects(z, await listObjects(z)));
  return Object.hasOwn(slugs, objectId) ? (slugs[objectId] as string) : objectId;
}

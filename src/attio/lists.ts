// List metadata that operations need on every run but that almost never changes (the list's id and the
// object its entries belong to), kept in z.cache so only the first use of a list costs a GET /v2/lists/{list}.
import type { ZObject } from 'zapier-platform-core';
import { getList } from './endpoints';
import { AUTH_SCOPE, cacheGet, cacheSet } from './cache';

export interface ListMeta {
  list_id: string;
  api_slug: string;
  name: string;
  /** Slugs (or ids) of the objects whose records can be on the list; one for every list made today. */
  parent_objects: string[];
}

/** A list's parent object cannot be changed in Attio; the TTL only bounds a slug reused by a new list. */
export const LIST_CACHE_TTL_SECONDS = 6 * 60 * 60;

function cacheKey(list: string): string {
  return `attio:list:${list}`;
}

function isListMeta(value: unknown): value is ListMeta {
  const v = value as Partial<ListMeta> | null;
  return typeof v?.list_id === 'string' && Array.isArray(v.parent_objects) && v.parent_objects.length > 0;
}

/**
 * The list's metadata: from the cache (per connection: two workspaces can both have a list called
 * "sales"), else one GET, then cached. An unavailable cache is logged and skipped, never an error.
 * @param list slug or id, as the user chose it
 */
export async function listMeta(z: ZObject, list: string): Promise<ListMeta> {
  const key = cacheKey(list);
  const cached = await cacheGet(z, key, AUTH_SCOPE);
  if (isListMeta(cached)) return cached;
  const found = await getList(z, list);
  const meta: ListMeta = {
    list_id: found.id.list_id,
    api_slug: found.api_slug,
    name: found.name,
    parent_objects: found.parent_object,
  };
  await cacheSet(z, key, meta, LIST_CACHE_TTL_SECONDS, AUTH_SCOPE);
  return meta;
}

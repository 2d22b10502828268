// The attributes of an object or list by id: what a webhook event's `id.attribute_id` means (its slug, title
// and type), kept in z.cache per connection so a delivery seldom pays for the lookup. Every attribute is
// kept, archived and read-only ones (formulas, enrichment) included: any of them can change.
import type { ZObject } from 'zapier-platform-core';
import { listAttributes } from './endpoints';
import { AUTH_SCOPE, cacheGet, cacheSet } from './cache';
import type { AttioAttribute, AttioAttributeType } from './types';

export interface AttributeInfo {
  id: string;
  slug: string;
  title: string;
  type: AttioAttributeType;
  multiselect: boolean;
}

export interface AttributeCatalog {
  /** The object's or list's id (a UUID), as webhook filters and events name it. */
  scopeId: string | undefined;
  attributes: AttributeInfo[];
}

/** A day: attributes are added or renamed now and then; an unknown id refetches at once anyway. */
export const ATTRIBUTE_CATALOG_TTL_SECONDS = 24 * 60 * 60;

function cacheKey(target: 'objects' | 'lists', identifier: string): string {
  return `attio:attribute-catalog:${target}:${identifier}`;
}

function isCatalog(v: unknown): v is AttributeCatalog {
  return !!v && typeof v === 'object' && Array.isArray((v as AttributeCatalog).attributes);
}

/** The catalog of fetched attributes (one request): their ids name the object or list too. */
export function catalogOf(attributes: readonly AttioAttribute[]): AttributeCatalog {
  const first = attributes[0]?.id;
  return {
    scopeId: first?.object_id ?? first?.list_id,
    attributes: attributes.map((a) => ({ id: a.id.attribute_id, slug: a.api_slug, title: a.title, type: a.type, multiselect: a.is_multiselect })),
  };
}

/**
 * The attributes of an object or list: from the cache, else one GET /v2/{target}/{identifier}/attributes
 * (then cached, under the identifier asked for and under the UUID). With `need`, a cached catalog that
 * lacks one of these attribute ids (added since) is fetched again.
 * @param identifier slug or UUID
 */
export async function attributeCatalog(
  z: ZObject,
  target: 'objects' | 'lists',
  identifier: string,
  need: readonly string[] = [],
): Promise<AttributeCatalog> {
  const cached = await cacheGet(z, cacheKey(target, identifier), AUTH_SCOPE);
  if (isCatalog(cached) && need.every((id) => cached.attributes.some((a) => a.id === id))) return cached;
  const catalog = catalogOf(await listAttributes(z, target, identifier));
  await rememberCatalog(z, target, identifier, catalog);
  return catalog;
}

/** Caches a catalog fetched elsewhere (the subscription fetches it anyway), under its identifier and UUID. */
export async function rememberCatalog(z: ZObject, target: 'objects' | 'lists', identifier: string, catalog: AttributeCatalog): Promise<void> {
  const keys = new Set([identifier, catalog.scopeId].filter((k): k is string => !!k));
  await Promise.all([...keys].map((k) => cacheSet(z, cacheKey(target, k), catalog, ATTRIBUTE_CATALOG_TTL_SECONDS, AUTH_SCOPE)));
}

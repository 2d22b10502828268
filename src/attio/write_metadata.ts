// The attribute metadata that writes are formatted with (src/zapier/fields/dynamic.ts reads and fills it, for a
// day): its cache key, and the one place it is dropped, when Attio refuses a write because an attribute the
// Zap maps is gone (archived or deleted since the metadata was cached). The request layer calls this on every
// refused write, so no operation has to; the next run reads the attributes again and stops before writing.
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheDelete } from './cache';
import type { AttioErrorBody } from './types';

export type AttributeTarget = 'objects' | 'lists';

/** The cache key of an object's or list's write metadata, per the identifier (slug or id) the Zap names it by. */
export function writeMetadataKey(target: AttributeTarget, identifier: string): string {
  // v3: metadata gained the currency of currency attributes.
  return `attio:attributes:v3:${target}:${identifier}`;
}

/** Attio's 400 `value_not_found` for a `values` / `entry_values` key it has no (live) attribute for. */
const MISSING_ATTRIBUTE = /^Cannot find attribute with slug\/ID "([^"]+)"\.?$/;

/**
 * The mapped attribute a refused write names as gone: a top-level key of the `values` or `entry_values`
 * sent (not an attribute of a record referenced inside a value, which Attio names the same way).
 */
export function missingAttribute(status: number, body: AttioErrorBody | undefined, sent: unknown): string | undefined {
  if (status !== 400 || body?.code !== 'value_not_found') return undefined;
  const slug = MISSING_ATTRIBUTE.exec(body.message?.trim() ?? '')?.[1];
  const data = (sent as { data?: { values?: unknown; entry_values?: unknown } } | undefined)?.data;
  if (!slug || !data) return undefined;
  const written = [data.values, data.entry_values].filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
  return written.some((v) => Object.hasOwn(v, slug)) ? slug : undefined;
}

/** The object or list a record or entry write goes to, by the path it was sent to. */
function writtenTo(path: string): { target: AttributeTarget; identifier: string } | undefined {
  const m = /^\/(objects|lists)\/([^/?]+)\/(?:records|entries)(?:[/?]|$)/.exec(path);
  return m ? { target: m[1] as AttributeTarget, identifier: decodeURIComponent(m[2] as string) } : undefined;
}

/**
 * Drops the cached write metadata of the object or list a refused write went to, when Attio refused it for
 * an attribute it no longer has (see missingAttribute). Best effort, like every cache access.
 */
export async function forgetMissingAttribute(z: ZObject, path: string, status: number, body: AttioErrorBody | undefined, sent: unknown): Promise<void> {
  const to = missingAttribute(status, body, sent) ? writtenTo(path) : undefined;
  if (to) await cacheDelete(z, writeMetadataKey(to.target, to.identifier), AUTH_SCOPE);
}

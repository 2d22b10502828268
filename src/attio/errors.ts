// Attio error envelopes → Zapier errors a Zap builder can act on. One place, used by the request layer.
import type { ZObject } from 'zapier-platform-core';
import type { AttioErrorBody } from './types';
import { noLongerWritable } from '../values/write';
import { missingAttribute } from './write_metadata';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a failed request was doing, in the user's words, for the message. */
export interface ErrorContext {
  method: HttpMethod;
  /** API path below the base, e.g. `/objects/people/records`. */
  path: string;
  /** e.g. "create or update the person". */
  action: string;
  /** Attio attribute slug (or body key) → the Zapier field a user filled, e.g. `email_addresses` → `Email`. */
  fieldLabels?: Record<string, string>;
  /** The request body sent: a refusal quoting a value is traced back to the field that holds it. */
  body?: unknown;
}

/**
 * The field a refusal is about when Attio names no path: Attio quotes the value it could not find ("Record
 * with ID "…" not found", "No person record found with email_addresses "…""), so the field whose sent
 * value holds that quote is the one the user mapped. Undefined when no labelled field holds it.
 */
export function fieldQuoted(message: string | undefined, ctx: Pick<ErrorContext, 'fieldLabels' | 'body'>): { label: string; value: string } | undefined {
  const data = (ctx.body as { data?: Record<string, unknown> } | undefined)?.data;
  if (!message || !data || !ctx.fieldLabels) return undefined;
  const quoted = [...message.matchAll(/"([^"]{3,})"/g)].map((m) => m[1] as string);
  const sources = [data.values, data.entry_values, data].filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
  for (const value of quoted) {
    for (const source of sources) {
      for (const [key, label] of Object.entries(ctx.fieldLabels)) {
        if (Object.hasOwn(source, key) && JSON.stringify(source[key]).toLowerCase().includes(JSON.stringify(value).slice(1, -1).toLowerCase())) return { label, value };
      }
    }
  }
  return undefined;
}

/**
 * The OAuth scope each endpoint family needs (from the `security` of each operation in the spec;
 * test/lib/errors.test.ts checks this table against spec/attio-openapi.json). Used to name the
 * missing permission on a 403.
 */
const SCOPES: Array<{ test: RegExp; read: string[]; write: string[] }> = [
  { test: /^\/objects\/records\/search/, read: ['record_permission:read'], write: ['record_permission:read'] },
  { test: /^\/objects\/[^/]+\/records/, read: ['record_permission:read'], write: ['record_permission:read-write'] },
  { test: /^\/lists\/[^/]+\/entries/, read: ['list_entry:read'], write: ['list_entry:read-write'] },
  { test: /^\/lists/, read: ['list_configuration:read'], write: ['list_configuration:read-write'] },
  { test: /^\/(objects|lists)\/[^/]+\/attributes/, read: ['object_configuration:read'], write: ['object_configuration:read-write'] },
  { test: /^\/objects/, read: ['object_configuration:read'], write: ['object_configuration:read-write'] },
  { test: /^\/notes/, read: ['note:read'], write: ['note:read-write'] },
  { test: /^\/tasks/, read: ['task:read'], write: ['task:read-write'] },
  { test: /^\/(comments|threads)/, read: ['comment:read'], write: ['comment:read-write'] },
  { test: /^\/meetings\/[^/]+\/call_recordings/, read: ['meeting:read', 'call_recording:read'], write: ['meeting:read', 'call_recording:read'] },
  { test: /^\/meetings/, read: ['meeting:read', 'record_permission:read'], write: ['meeting:read', 'record_permission:read'] },
  { test: /^\/workspace_members/, read: ['user_management:read'], write: ['user_management:read'] },
  { test: /^\/webhooks/, read: ['webhook:read'], write: ['webhook:read-write'] },
];

/** The scopes an endpoint needs (all of them), for the 403 message. Query POSTs are reads. */
export function scopesFor(method: HttpMethod, path: string): string[] | undefined {
  const entry = SCOPES.find((s) => s.test.test(path));
  if (!entry) return undefined;
  const isRead = method === 'GET' || path.endsWith('/query');
  return isRead ? entry.read : entry.write;
}

function fieldName(path: Array<string | number> | undefined, labels: Record<string, string> = {}): string {
  const parts = (path ?? []).map(String).filter((p) => p !== 'data' && p !== 'values' && p !== 'entry_values');
  const key = parts[0];
  if (key === undefined) return 'the request';
  const label = labels[key];
  const rest = parts.slice(1).filter((p) => !/^\d+$/.test(p));
  const name = label ? `${label} (${key})` : key;
  return rest.length ? `${name} → ${rest.join('.')}` : name;
}

function withPeriod(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * Turns an Attio error response into the Zapier error that tells the user what to fix.
 * 401 → ExpiredAuthError (reconnect); 403 → the missing scope; 404 → what was not found;
 * 400 validation errors → each field and what Attio expected; anything else → Attio's own message.
 */
export function attioError(z: ZObject, status: number, body: AttioErrorBody | undefined, ctx: ErrorContext): Error {
  const message = body?.message?.trim();
  const code = body?.code ?? `http_${status}`;
  const said = message ? ` Attio said: ${withPeriod(message)}` : '';

  if (status === 401) {
    return new z.errors.ExpiredAuthError(
      `Your Attio connection is no longer authorized (it may have been revoked or the app uninstalled). Reconnect your Attio account in Zapier.${said}`,
    );
  }
  if (status === 403 && !body?.type && !body?.code) {
    // Not Attio's error envelope (a firewall or proxy page): no permission to name.
    return new z.errors.Error(
      `The request to ${ctx.action} was refused (HTTP 403) before Attio could answer, by a firewall or proxy between Zapier and Attio. Try again later; if it keeps happening, check Attio's status page.`,
      code,
      status,
    );
  }
  if (status === 403) {
    const scopes = scopesFor(ctx.method, ctx.path);
    const need = scopes?.length ? ` It needs the ${scopes.map((s) => `"${s}"`).join(' and ')} permission${scopes.length > 1 ? 's' : ''}.` : '';
    return new z.errors.Error(
      `Attio did not allow this connection to ${ctx.action}.${need} Ask a workspace admin to grant access, or reconnect Attio with an account that has it.${said}`,
      code,
      status,
    );
  }
  if (status === 404) {
    return new z.errors.Error(
      `Attio could not find what was needed to ${ctx.action}: check that the selected object, list or record still exists in your workspace.${said}`,
      code,
      status,
    );
  }
  if (status === 400 && body?.validation_errors?.length) {
    const details = body.validation_errors
      .map((v) => {
        const expected = v.expected ? ` (expected ${v.expected}${v.received ? `, got ${v.received}` : ''})` : '';
        return `${fieldName(v.path, ctx.fieldLabels)}: ${v.message ?? v.code ?? 'invalid'}${expected}`;
      })
      .join('; ');
    return new z.errors.Error(`Attio rejected the data sent to ${ctx.action}. ${withPeriod(details)} Fix the mapped value and try again.`, code, status);
  }
  const gone = missingAttribute(status, body, ctx.body);
  if (gone) return new z.errors.Error(noLongerWritable(gone, Object.hasOwn(ctx.fieldLabels ?? {}, gone) ? ctx.fieldLabels?.[gone] : undefined), code, status);
  if (status === 400 && code === 'value_not_found') {
    const field = fieldQuoted(message, ctx);
    if (field) {
      return new z.errors.Error(
        `Attio could not ${ctx.action}: ${field.label} holds "${field.value}", which Attio could not find, so nothing was written.${said} Map a value that exists in Attio (an existing record, or an option of the field).`,
        code,
        status,
      );
    }
  }
  if (status >= 400 && status < 500) {
    // Own keys only: a code like "constructor" must not find Object's.
    const hint = (ctx.path.startsWith('/objects/') && Object.hasOwn(RECORD_HINTS, code) && RECORD_HINTS[code]) || (Object.hasOwn(HINTS, code) && HINTS[code]) || '';
    return new z.errors.Error(`Attio could not ${ctx.action}.${said}${hint}`, code, status);
  }
  return new z.errors.Error(`Attio had a server error (${status}) while trying to ${ctx.action}. Try again in a few minutes.${said}`, code, status);
}

/** What to do about an Attio error code, for any endpoint. */
const HINTS: Record<string, string> = {
  value_not_found: ' Check that the value you mapped exists in Attio (an option title, attribute or record).',
  uniqueness_conflict: ' Attio already has this, and it must be unique.',
  filter_error: ' Check the values used to search.',
  system_edit_unauthorized: ' This attribute is managed by Attio and cannot be written.',
  multiple_match_results: ' The record is on this list more than once: remove the duplicate entry in Attio.',
};

/** Record endpoints say more: the codes mean something specific there. */
const RECORD_HINTS: Record<string, string> = {
  uniqueness_conflict: ' Another record already has this unique value (email address or domain): use the "Find or Create" step instead.',
  missing_value: ' Fill in every field marked required for this object in Attio.',
};

/**
 * The attribute a 400 `uniqueness_conflict` or `missing_value` is about. Attio names it by id ("attribute
 * with ID "…"") or by slug ("attribute with slug "…""), never by title; this finds it among the attributes we know.
 */
export function conflictingAttribute<T extends { id?: string; slug: string }>(body: AttioErrorBody | undefined, attributes: readonly T[]): T | undefined {
  const named = /attribute with (?:ID|slug) "([^"]+)"/i.exec(body?.message ?? '')?.[1];
  return named === undefined ? undefined : attributes.find((a) => a.id === named || a.slug === named);
}

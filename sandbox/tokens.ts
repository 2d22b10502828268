// Tokens: which bearer tokens are accepted, revoked or malformed, and who a token writes as.
// Attio stamps every write with an actor (docs/actors): a workspace API token writes as
// {type: "api-token", id: <the token's id>}; an OAuth connection such as this Zapier app writes as
// {type: "app", id: <the app's client_id>}, the same id GET /v2/self answers as `client_id` (and `aud`).
import { stableId } from './clock';
import type { Schema } from './schema';
import type { Actor, JsonObject } from './types';

/**
 * The scopes granted to every token unless `scopes` says otherwise: the ones the app's operations need
 * (attio-api.md §1.2, plus comments, meetings and call recordings, which the app reads and writes too).
 * Attio refuses an operation whose scopes (the `security` of each operation in the spec) the token lacks.
 */
export const DEFAULT_SCOPES = [
  'record_permission:read-write',
  'object_configuration:read',
  'list_entry:read-write',
  'list_configuration:read',
  'note:read-write',
  'task:read-write',
  'comment:read-write',
  'meeting:read',
  'call_recording:read',
  'user_management:read',
  'webhook:read-write',
];


export type TokenState = 'active' | 'revoked' | 'malformed';

export interface TokenOptions {
  /** Accepted tokens; undefined: any non-empty token. */
  tokens?: string[];
  revokedTokens?: string[];
  malformedTokens?: string[];
  /** Workspace API tokens (they write as `api-token`); every other accepted token is an OAuth token of the app. */
  apiTokens?: string[];
  /** The OAuth app's client_id (default: a stable UUID, APP_CLIENT_ID). */
  clientId?: string;
  /** Scopes granted to every token (default DEFAULT_SCOPES); `x:read-write` includes `x:read`. */
  scopes?: string[];
}

/** The client_id of the app the sandbox's OAuth tokens belong to; its writes carry `{type: "app", id: APP_CLIENT_ID}`. */
export const APP_CLIENT_ID = stableId('oauth-app:attio-for-zapier');

export class TokenBook {
  private readonly accepted: Set<string> | undefined;
  private readonly revoked: Set<string>;
  private readonly malformed: Set<string>;
  private readonly apiTokens: Set<string>;
  readonly clientId: string;
  readonly scopes: readonly string[];

  constructor(options: TokenOptions = {}) {
    this.scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
    this.accepted = options.tokens ? new Set(options.tokens) : undefined;
    this.revoked = new Set(options.revokedTokens ?? []);
    this.malformed = new Set(options.malformedTokens ?? []);
    this.apiTokens = new Set(options.apiTokens ?? []);
    this.clientId = options.clientId ?? APP_CLIENT_ID;
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  markMalformed(token: string): void {
    this.malformed.add(token);
  }

  state(token: string): TokenState {
    if (this.malformed.has(token)) return 'malformed';
    if (this.revoked.has(token) || (this.accepted && !this.accepted.has(token))) return 'revoked';
    return 'active';
  }

  /** GET /v2/self for an active token: the app's client_id (also `aud`), authorized by the first member. */
  introspection(schema: Schema, issuedAt: number): JsonObject {
    const owner = schema.members[0];
    return {
      active: true,
      scope: this.scopes.join(' '),
      client_id: this.clientId,
      token_type: 'Bearer',
      exp: null,
      iat: issuedAt,
      sub: schema.workspace.id,
      aud: this.clientId,
      iss: 'attio.com',
      authorized_by_workspace_member_id: owner?.id ?? schema.workspace.id,
      workspace_id: schema.workspace.id,
      workspace_name: schema.workspace.name,
      workspace_slug: schema.workspace.slug,
      workspace_logo_url: null,
    };
  }

  /** The required scopes the token lacks (a `…:read-write` grant covers `…:read`). */
  missingScopes(required: readonly string[]): string[] {
    const granted = new Set(this.scopes);
    return required.filter((s) => !granted.has(s) && !(s.endsWith(':read') && granted.has(`${s}-write`)));
  }

  /** Who a write made with this token is stamped as. */
  actorOf(token: string): Actor {
    return this.apiTokens.has(token) ? { type: 'api-token', id: stableId(`token:${token}`) } : { type: 'app', id: this.clientId };
  }
}

/** The bearer token of an Authorization header (Attio also takes it as the Basic-auth user name). */
export function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

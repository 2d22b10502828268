// Who did something in Attio, as a Zap builder reads it. Attio names an actor `{type, id}` on every webhook
// event (`actor`), every written value (`created_by_actor`), notes, tasks (`created_by_actor`, assignees) and
// comments (`author`, `resolved_by`). A workspace member becomes their name and email through one member
// list per connection (GET /v2/workspace_members, cached for 10 minutes and shared by every run); the
// other kinds need no request. The one home for this: triggers, creates and searches all use it. It also
// knows this connection's own actor (isOwnActor), which the change triggers ignore to prevent loops.
import type { ZObject } from 'zapier-platform-core';
import { AUTH_SCOPE, cacheClaim, cacheGet, cacheSet } from './cache';
import { getSelf, listWorkspaceMembers } from './endpoints';
import { clock } from './request';
import type { ActorReference } from './types';
import { actorFields, actorText as textOf } from '../values/events';

/** An actor, readable, with the ids kept beside the text. */
export interface ReadableActor {
  /** "Ada Lovelace", "API token", "an app", "Attio (system)". */
  name: string;
  /** A workspace member's email address; null for other actors. */
  email: string | null;
  /** Attio's actor type: workspace-member, api-token, app or system. */
  type: string | null;
  id: string | null;
}

interface Member {
  name: string;
  email: string;
}

const MEMBERS_KEY = 'workspace_members:v2';
/** Members change rarely: the list is kept 10 minutes, shared by every run of the connection. */
const MEMBERS_TTL_S = 600;
/**
 * A cached list older than this is read again when it lacks a member a run asks for (someone who joined
 * since), so a new member is named, and accepted as an assignee, at once. Younger, a miss is taken as it is:
 * a member removed from the workspace costs at most one request per 30 s, not one per run.
 */
const MEMBERS_RECHECK_MS = 30_000;

/**
 * Claimed (nx) by the run that re-reads a stale list, for MEMBERS_RECHECK_MS: runs of a burst that all miss
 * the same member at once (a removed member who still owns records) would each read the list otherwise.
 */
const MEMBERS_RECHECK_KEY = 'workspace_members_recheck:v1';

/** The cached form: the members by id, and when the list was read. */
interface MemberList {
  at: number;
  byId: Record<string, Member>;
}

/** One member-list read per invocation at most, however many actors it reads (concurrent callers share it). */
const loading = new WeakMap<ZObject, Promise<MemberList>>();
/** The read that replaced a stale cached list in this invocation (one at most). */
const refreshing = new WeakMap<ZObject, Promise<MemberList>>();

async function fetchMembers(z: ZObject): Promise<MemberList> {
  const members = await listWorkspaceMembers(z);
  const byId: Record<string, Member> = {};
  for (const m of members) {
    const name = [m.first_name, m.last_name].filter((p) => p && p.trim()).join(' ').trim();
    byId[m.id.workspace_member_id] = { name: name || m.email_address, email: m.email_address };
  }
  const list = { at: clock.now(), byId };
  await cacheSet(z, MEMBERS_KEY, list, MEMBERS_TTL_S, AUTH_SCOPE);
  return list;
}

function isMemberList(value: unknown): value is MemberList {
  const v = value as MemberList | null;
  return !!v && typeof v === 'object' && typeof v.at === 'number' && !!v.byId && typeof v.byId === 'object';
}

function memberList(z: ZObject): Promise<MemberList> {
  let pending = loading.get(z);
  if (!pending) {
    pending = (async () => {
      const cached = await cacheGet(z, MEMBERS_KEY, AUTH_SCOPE);
      return isMemberList(cached) ? cached : fetchMembers(z);
    })();
    loading.set(z, pending);
    // A failed read is not kept: the next caller in this invocation asks again.
    pending.catch(() => loading.delete(z));
  }
  return pending;
}

/**
 * The workspace's members by id: from the cache, else one request (then cached per connection). With
 * `has`, a cached list older than 30 s that fails it is read once more (see MEMBERS_RECHECK_MS).
 */
export async function workspaceMembersById(
  z: ZObject,
  has?: (byId: Record<string, Member>) => boolean,
  staleOnError = false,
): Promise<Record<string, Member>> {
  const list = await memberList(z);
  if (!has || has(list.byId) || clock.now() - list.at < MEMBERS_RECHECK_MS) return list.byId;
  let pending = refreshing.get(z);
  if (!pending) {
    // Another run is re-reading it (or just did): take the list as it is, as within 30 s of a read.
    pending = (async () => ((await cacheClaim(z, MEMBERS_RECHECK_KEY, MEMBERS_RECHECK_MS / 1000, AUTH_SCOPE)) === 'held' ? list : fetchMembers(z)))();
    refreshing.set(z, pending);
    loading.set(z, pending);
    // A failed re-read leaves the cached list for the rest of this invocation (no second try).
    pending.catch(() => loading.set(z, Promise.resolve(list)));
  }
  try {
    return (await pending).byId;
  } catch (err) {
    // The list is there, only older: a member's name is not worth failing a run that has what it needs.
    if (!staleOnError) throw err;
    z.console.log(`Could not read the workspace members again (${err instanceof Error ? err.message : String(err)}); members who joined since are named by id.`);
    return list.byId;
  }
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  'api-token': 'API token',
  app: 'an app',
  system: 'Attio (system)',
};

/** An actor's readable name without any request (workspace members by id only). */
function describeWithout(actor: ActorReference | null | undefined, members: Record<string, Member> | undefined): ReadableActor {
  const type = actor?.type ?? null;
  const id = actor?.id ?? null;
  if (type === 'workspace-member') {
    const member = id && members && Object.hasOwn(members, id) ? members[id] : undefined;
    return member ? { name: member.name, email: member.email, type, id } : { name: `Workspace member ${id ?? '(unknown)'}`, email: null, type, id };
  }
  const kind = type && Object.hasOwn(KIND_NAMES, type) ? KIND_NAMES[type] : undefined;
  return { name: kind ?? (type ? `Unknown actor (${type})` : 'Unknown'), email: null, type, id };
}

/**
 * Every actor readable, in order. One member-list lookup at most (none when no workspace member is among
 * them, or when the cache has the list).
 */
export async function describeActors(z: ZObject, actors: ReadonlyArray<ActorReference | null | undefined>): Promise<ReadableActor[]> {
  const ids = actors.flatMap((a) => (a?.type === 'workspace-member' && a.id ? [a.id] : []));
  const members = ids.length ? await workspaceMembersById(z, (byId) => ids.every((id) => Object.hasOwn(byId, id)), true) : undefined;
  return actors.map((a) => describeWithout(a, members));
}

/** One actor readable (see describeActors). */
export async function describeActor(z: ZObject, actor: ActorReference | null | undefined): Promise<ReadableActor> {
  return (await describeActors(z, [actor]))[0] as ReadableActor;
}

/** An actor as one text: a member's name with their email ("Ada Lovelace (ada@example.com)"), else the name. */
export function actorText(actor: ReadableActor): string {
  return textOf(actor) ?? actor.name;
}

/**
 * An actor as output keys under one prefix, the same for every trigger that says who did something:
 * `<prefix>` (readable text), `<prefix>_email`, `<prefix>_type` and `<prefix>_id`; all null when unknown.
 * The keys come from values/events.ts actorFields (one home); their labels: zapier/outputs.ts actorOutputFields.
 */
export function actorOutput<P extends string>(prefix: P, actor: ReadableActor | null): Record<P | `${P}_email` | `${P}_type` | `${P}_id`, string | null> {
  return actorFields(prefix, actor) as Record<P | `${P}_email` | `${P}_type` | `${P}_id`, string | null>;
}

/** This connection's own actor id: the app's client_id (GET /v2/self), cached per connection. */
const SELF_KEY = 'self_client_id:v1';
/** A connection's app never changes; the TTL only bounds a cache entry outliving a reconnect. */
const SELF_TTL_S = 24 * 60 * 60;

/**
 * True when an actor is this connection: Attio stamps a write made with an OAuth token as
 * `{type: "app", id: <the app's client_id>}`, the id GET /v2/self answers as `client_id`. (Attio's OpenAPI
 * spec lists `app` among the actor types and describes `client_id` as "the app ID of the OAuth application
 * that requested this token"; its actors guide names only the other three types.) One request per
 * connection and day at most (cached), and none for actors of any other type.
 */
export async function isOwnActor(z: ZObject, actor: ActorReference | null | undefined): Promise<boolean> {
  if (actor?.type !== 'app' || !actor.id) return false;
  return (await ownClientId(z)) === actor.id;
}

/** One GET /v2/self per invocation at most, however many events ask at once (concurrent callers share it). */
const selfLoading = new WeakMap<ZObject, Promise<string | null>>();

function ownClientId(z: ZObject): Promise<string | null> {
  let pending = selfLoading.get(z);
  if (!pending) {
    pending = (async () => {
      const cached = await cacheGet(z, SELF_KEY, AUTH_SCOPE);
      if (typeof cached === 'string' && cached) return cached;
      const self = await getSelf(z, 'check which app this connection is');
      const clientId = self.active && self.client_id ? self.client_id : null;
      if (clientId) await cacheSet(z, SELF_KEY, clientId, SELF_TTL_S, AUTH_SCOPE);
      return clientId;
    })();
    selfLoading.set(z, pending);
    // A failed lookup is not kept: the next caller in this invocation asks again.
    pending.catch(() => selfLoading.delete(z));
  }
  return pending;
}

/**
 * The workspace member with this email address (already normalised), from the connection's cached member
 * list (one request when it is not cached), or undefined when no member has it.
 */
export async function memberIdByEmail(z: ZObject, email: string): Promise<string | undefined> {
  const isMember = (byId: Record<string, Member>) => Object.keys(byId).find((id) => byId[id]?.email.trim().toLowerCase() === email);
  return isMember(await workspaceMembersById(z, (byId) => isMember(byId) !== undefined));
}

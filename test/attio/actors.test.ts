jest.mock('zapier-platform-core/src/tools/create-cache', () => require('../helpers/nx_cache').atomicNxCache());

import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { actorOutput, describeActor, describeActors, isOwnActor, memberIdByEmail } from '../../src/attio/actors';
import { clock } from '../../src/attio/request';
import { useVirtualClock } from '../helpers/clock';
import { appTester, attio, makeBundle } from '../helpers/app';

const ADA = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
const members = {
  data: [
    {
      id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', workspace_member_id: ADA },
      first_name: 'Ada',
      last_name: 'Lovelace',
      avatar_url: null,
      email_address: 'ada@acme.com',
      access_level: 'admin',
      created_at: '2025-01-01T00:00:00.000000000Z',
    },
  ],
};

afterEach(() => nock.cleanAll());

describe('describeActors', () => {
  it('names a member through one member list, shared by every actor of the run', async () => {
    const scope = attio().get('/v2/workspace_members').once().reply(200, members);
    const out = await appTester(
      (z: ZObject) =>
        describeActors(z, [
          { type: 'workspace-member', id: ADA },
          { type: 'system', id: null },
          { type: 'workspace-member', id: ADA },
          { type: 'workspace-member', id: 'gone-member' },
        ]),
      makeBundle(),
      true,
    );
    expect(out).toEqual([
      { name: 'Ada Lovelace', email: 'ada@acme.com', type: 'workspace-member', id: ADA },
      { name: 'Attio (system)', email: null, type: 'system', id: null },
      { name: 'Ada Lovelace', email: 'ada@acme.com', type: 'workspace-member', id: ADA },
      { name: 'Workspace member gone-member', email: null, type: 'workspace-member', id: 'gone-member' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('needs no request for tokens, apps and the system, and refuses inherited keys as kinds', async () => {
    const out = await appTester(
      (z: ZObject) =>
        describeActors(z, [
          { type: 'api-token', id: 't1' },
          { type: 'app', id: 'a1' },
          { type: 'constructor' as never, id: null },
          null,
        ]),
      makeBundle(),
    );
    expect((out as Array<{ name: string }>).map((a) => a.name)).toEqual(['API token', 'an app', 'Unknown actor (constructor)', 'Unknown']);
  });

  it('reads the member list from the cache on a later run', async () => {
    attio().get('/v2/workspace_members').once().reply(200, members);
    await appTester((z: ZObject) => describeActor(z, { type: 'workspace-member', id: ADA }), makeBundle(), true);
    // No second reply mocked: a second request would fail the run.
    const again = await appTester((z: ZObject) => describeActor(z, { type: 'workspace-member', id: ADA }), makeBundle(), false);
    expect(again).toMatchObject({ name: 'Ada Lovelace', email: 'ada@acme.com' });
  });
});

describe('a member who joined since the list was cached', () => {
  const time = useVirtualClock();
  const GRACE = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  const withGrace = {
    data: [
      ...members.data,
      { ...members.data[0], id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', workspace_member_id: GRACE }, first_name: 'Grace', last_name: 'Hopper', email_address: 'grace@acme.com' },
    ],
  };
  const grace = { type: 'workspace-member' as const, id: GRACE };

  /** Fills the connection's cached list (without Grace) at the clock's present. */
  async function cacheListWithoutGrace(): Promise<void> {
    attio().get('/v2/workspace_members').once().reply(200, members);
    await appTester((z: ZObject) => describeActor(z, { type: 'workspace-member', id: ADA }), makeBundle(), true);
  }
  /** Moves the request layer's clock `ms` past the list's read. */
  const later = (ms: number) => jest.spyOn(clock, 'now').mockReturnValue(time.now + ms);

  it('is named after one more read of the list when the cached one is over 30 s old', async () => {
    await cacheListWithoutGrace();
    later(31_000);
    const scope = attio().get('/v2/workspace_members').once().reply(200, withGrace);
    const out = await appTester((z: ZObject) => describeActors(z, [grace, { type: 'workspace-member', id: ADA }, grace]), makeBundle(), false);
    expect((out as Array<{ name: string }>).map((a) => a.name)).toEqual(['Grace Hopper', 'Ada Lovelace', 'Grace Hopper']);
    expect(scope.isDone()).toBe(true);
    // The fresh list is cached: a later run names her with no request (none mocked).
    expect(await appTester((z: ZObject) => describeActor(z, grace), makeBundle(), false)).toMatchObject({ name: 'Grace Hopper' });
  });

  it('is found by email (an assignee, a comment author) the same way', async () => {
    await cacheListWithoutGrace();
    later(31_000);
    attio().get('/v2/workspace_members').once().reply(200, withGrace);
    expect(await appTester((z: ZObject) => memberIdByEmail(z, 'grace@acme.com'), makeBundle(), false)).toBe(GRACE);
  });

  it('costs no request while the cached list is under 30 s old, nor for a member named in it', async () => {
    await cacheListWithoutGrace();
    later(29_000);
    // No reply mocked: any request would fail the run.
    const out = await appTester((z: ZObject) => describeActors(z, [grace, { type: 'workspace-member', id: ADA }]), makeBundle(), false);
    expect((out as Array<{ name: string }>).map((a) => a.name)).toEqual([`Workspace member ${GRACE}`, 'Ada Lovelace']);
    later(300_000);
    expect(await appTester((z: ZObject) => describeActor(z, { type: 'workspace-member', id: ADA }), makeBundle(), false)).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('is named by id, not a failed run, when that re-read fails (a name is not worth the run)', async () => {
    await cacheListWithoutGrace();
    later(31_000);
    attio().get('/v2/workspace_members').once().reply(403, { status_code: 403, type: 'auth_error', code: 'forbidden', message: 'Forbidden' });
    const out = await appTester((z: ZObject) => describeActors(z, [grace, { type: 'workspace-member', id: ADA }]), makeBundle(), false);
    expect((out as Array<{ name: string }>).map((a) => a.name)).toEqual([`Workspace member ${GRACE}`, 'Ada Lovelace']);
  });

  it('reads the list once per run, however many unknown members the run meets', async () => {
    await cacheListWithoutGrace();
    later(31_000);
    attio().get('/v2/workspace_members').once().reply(200, members);
    const out = await appTester(
      (z: ZObject) => Promise.all([describeActor(z, grace), describeActor(z, { type: 'workspace-member', id: 'gone-member' }), memberIdByEmail(z, 'nobody@acme.com')]),
      makeBundle(),
      false,
    );
    expect((out as unknown[])[2]).toBeUndefined();
  });
});

describe('a member missing from a stale list, asked by many runs at once', () => {
  const time = useVirtualClock();

  it('is read again by one of them, not by each (a removed member named on every record of a burst)', async () => {
    attio().get('/v2/workspace_members').once().reply(200, members);
    await appTester((z: ZObject) => describeActor(z, { type: 'workspace-member', id: ADA }), makeBundle(), true);
    jest.spyOn(clock, 'now').mockReturnValue(time.now + 31_000);
    let reads = 0;
    attio()
      .get('/v2/workspace_members')
      .once()
      .reply(200, () => (reads++, members));
    const gone = { type: 'workspace-member' as const, id: 'gone-member' };
    const runs = await Promise.all(Array.from({ length: 5 }, () => appTester((z: ZObject) => describeActor(z, gone), makeBundle(), false)));
    expect((runs as Array<{ name: string }>).map((a) => a.name)).toEqual(Array(5).fill('Workspace member gone-member'));
    expect(reads).toBe(1);
  });
});

describe('isOwnActor and actorOutput', () => {
  const CLIENT = '00000000-0000-4000-8000-0000000000e9';
  const self = { active: true, scope: '', client_id: CLIENT, token_type: 'Bearer', exp: null, iat: 1, sub: 'w', aud: CLIENT, iss: 'attio.com', authorized_by_workspace_member_id: null, workspace_id: 'w', workspace_name: 'Acme', workspace_slug: 'acme', workspace_logo_url: null };

  it("knows this connection's writes by the app's client_id (GET /v2/self once, then cached), and only apps", async () => {
    attio().get('/v2/self').once().reply(200, self);
    const out = await appTester(
      async (z: ZObject) => [
        await isOwnActor(z, { type: 'workspace-member', id: ADA }),
        await isOwnActor(z, { type: 'system', id: null }),
        await isOwnActor(z, { type: 'app', id: CLIENT }),
        await isOwnActor(z, { type: 'app', id: '00000000-0000-4000-8000-0000000000ea' }),
        await isOwnActor(z, { type: 'app', id: CLIENT }),
      ],
      makeBundle(),
      true,
    );
    expect(out).toEqual([false, false, true, false, true]);
  });

  it('asks GET /v2/self once for several events at once', async () => {
    attio().get('/v2/self').once().reply(200, self);
    const out = await appTester(
      (z: ZObject) => Promise.all([1, 2, 3].map(() => isOwnActor(z, { type: 'app', id: CLIENT }))),
      makeBundle(),
      true,
    );
    expect(out).toEqual([true, true, true]);
  });

  it('writes an actor as text, email, type and id under one prefix (nulls when unknown)', () => {
    expect(actorOutput('changed_by', { name: 'Ada Lovelace', email: 'ada@acme.com', type: 'workspace-member', id: ADA })).toEqual({
      changed_by: 'Ada Lovelace (ada@acme.com)',
      changed_by_email: 'ada@acme.com',
      changed_by_type: 'workspace-member',
      changed_by_id: ADA,
    });
    expect(actorOutput('changed_by', { name: 'Attio (system)', email: null, type: 'system', id: null })).toMatchObject({ changed_by: 'Attio (system)', changed_by_id: null });
    expect(actorOutput('removed_by', null)).toEqual({ removed_by: null, removed_by_email: null, removed_by_type: null, removed_by_id: null });
  });
});

import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { describeActor, describeActors } from '../../src/attio/actors';
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

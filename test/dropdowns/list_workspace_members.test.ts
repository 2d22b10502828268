import { perform } from '../../src/dropdowns/list_workspace_members';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { WORKSPACE_ID } from '../fixtures/people_companies';

const member = (id: string, first: string, last: string, email: string, access_level = 'member') => ({
  id: { workspace_id: WORKSPACE_ID, workspace_member_id: id },
  first_name: first,
  last_name: last,
  avatar_url: null,
  email_address: email,
  created_at: '2024-06-01T09:00:00.000000000Z',
  access_level,
});

describe('triggers.list_workspace_members (dropdown)', () => {
  it('offers members by email address (what Attio accepts as an assignee), leaving out suspended ones', async () => {
    attio()
      .get('/v2/workspace_members')
      .reply(200, {
        data: [
          member('50cf242c-7fa3-4cad-87d0-75b1af71c57b', 'Alice', 'Ng', 'alice@acme.com', 'admin'),
          member('6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', '', '', 'bob@acme.com'),
          member('7b2c3d4e-5f6a-4b7c-8d8e-9f0a1b2c3d4e', 'Carol', 'Old', 'carol@acme.com', 'suspended'),
        ],
      });

    const rows = await appTester(perform, makeBundle());

    expect(sentRequests()).toHaveLength(1);
    expect(rows).toEqual([
      { id: 'alice@acme.com', name: 'Alice Ng (alice@acme.com)', workspace_member_id: '50cf242c-7fa3-4cad-87d0-75b1af71c57b' },
      { id: 'bob@acme.com', name: 'bob@acme.com', workspace_member_id: '6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d' },
    ]);
  });

  it('names the missing permission when Attio refuses', async () => {
    attio().get('/v2/workspace_members').reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    await expect(appTester(perform, makeBundle())).rejects.toThrow(/list workspace members\. It needs the \\"user_management:read\\" permission/);
  });
});

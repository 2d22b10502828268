import { perform } from '../../src/dropdowns/list_lists';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { LIST_ID, listResponse } from '../fixtures/lists';

describe('triggers.list_lists (dropdown)', () => {
  it('lists every list by slug with its name and parent object, in one request', async () => {
    const hiring = listResponse({ api_slug: 'hiring', name: 'Hiring', parent_object: ['people'], list_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' }).data;
    attio()
      .get('/v2/lists')
      .reply(200, { data: [listResponse({ parent_object: ['companies'] }).data, hiring] });

    const rows = await appTester(perform, makeBundle());

    expect(sentRequests()).toHaveLength(1);
    expect(rows).toEqual([
      { id: 'sales', name: 'Sales', list_id: LIST_ID, parent_object: 'companies' },
      { id: 'hiring', name: 'Hiring', list_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', parent_object: 'people' },
    ]);
  });

  it('names the missing permission when Attio refuses', async () => {
    attio().get('/v2/lists').reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    await expect(appTester(perform, makeBundle())).rejects.toThrow(/list your lists\. It needs the \\"list_configuration:read\\" permission/);
  });
});

import { perform } from '../../src/dropdowns/list_objects';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { WORKSPACE_ID } from '../fixtures/people_companies';

const object = (object_id: string, api_slug: string | null, singular_noun: string | null, plural_noun: string | null) => ({
  id: { workspace_id: WORKSPACE_ID, object_id },
  api_slug,
  singular_noun,
  plural_noun,
  created_at: '2024-06-01T09:00:00.000000000Z',
});

describe('triggers.list_objects (dropdown)', () => {
  it('lists every object, custom ones included, by slug with the singular noun, in one request', async () => {
    attio()
      .get('/v2/objects')
      .reply(200, {
        data: [
          object('97052eb9-e65e-443f-a297-f2d9a4a7f795', 'people', 'Person', 'People'),
          object('4b8e2f1a-3c5d-4e6f-8a9b-0c1d2e3f4a5b', 'companies', 'Company', 'Companies'),
          object('5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f', 'investors', 'Investor', 'Investors'),
          object('6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a', null, null, null),
        ],
      });

    const rows = await appTester(perform, makeBundle());

    expect(sentRequests()).toHaveLength(1);
    expect(rows).toEqual([
      { id: 'people', name: 'Person', plural_noun: 'People', object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795' },
      { id: 'companies', name: 'Company', plural_noun: 'Companies', object_id: '4b8e2f1a-3c5d-4e6f-8a9b-0c1d2e3f4a5b' },
      { id: 'investors', name: 'Investor', plural_noun: 'Investors', object_id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f' },
      // An object without a slug or nouns is still selectable, by its id.
      {
        id: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a',
        name: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a',
        plural_noun: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a',
        object_id: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a',
      },
    ]);
  });

  it('names the missing permission when Attio refuses', async () => {
    attio().get('/v2/objects').reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    await expect(appTester(perform, makeBundle())).rejects.toThrow(/list your objects\. It needs the \\"object_configuration:read\\" permission/);
  });
});

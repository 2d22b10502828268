import type { ZObject } from 'zapier-platform-core';
import { listMeta } from '../../src/attio/lists';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { LIST_ID, listResponse } from '../fixtures/lists';

const expected = { list_id: LIST_ID, api_slug: 'sales', name: 'Sales', parent_objects: ['people'] };

describe('lib/lists listMeta', () => {
  it('fetches a list once, then answers from z.cache', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());

    const first = await appTester((z: ZObject) => listMeta(z, 'sales'), makeBundle(), true);
    const second = await appTester((z: ZObject) => listMeta(z, 'sales'), makeBundle());

    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(sentRequests()).toHaveLength(1);
  });

  it('still works when the cache is unavailable (a local run without Zapier): it just asks Attio', async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse());
    const broken = {
      get: () => Promise.reject(new Error('rpc is not available')),
      set: () => Promise.reject(new Error('rpc is not available')),
      delete: () => Promise.reject(new Error('rpc is not available')),
    };

    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    const meta = await appTester((z: ZObject) => listMeta({ ...z, cache: broken }, 'sales'), makeBundle(), true);
    expect(meta).toEqual(expected);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/Could not read "attio:list:sales" from the cache \(rpc is not available\); continuing without it\./));
    logged.mockRestore();
  });
});

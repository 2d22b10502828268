import { perform } from '../../src/dropdowns/list_attributes';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, DEAL_ATTRIBUTES, PIPELINE_ATTRIBUTES, STAGE } from '../fixtures/deals';

describe('triggers.list_attributes (dropdown)', () => {
  it("lists the chosen object's attributes by slug with their titles, read-only ones included, archived ones left out (1 request)", async () => {
    const archived = attribute('00000000-0000-4000-8000-0000000a0099', 'old_stage', 'Old stage', 'status', undefined, { is_archived: true });
    attio().get('/v2/objects/deals/attributes').reply(200, { data: [...DEAL_ATTRIBUTES, archived] });

    const rows = await appTester(perform, makeBundle({ inputData: { object: 'deals' } }));

    expect(rows.map((r) => [r.id, r.name])).toEqual([
      ['name', 'Deal name'],
      ['stage', 'Deal stage'],
      ['value', 'Deal value'],
      ['weighted_value', 'Weighted value'],
      ['next_step', 'Next step'],
    ]);
    expect(rows[1]).toEqual({ id: 'stage', name: 'Deal stage', type: 'status', attribute_id: STAGE });
    expect(sentRequests()).toHaveLength(1);
  });

  it("lists a list's own attributes when a list is chosen", async () => {
    attio().get('/v2/lists/sales-pipeline/attributes').reply(200, { data: PIPELINE_ATTRIBUTES });
    const rows = await appTester(perform, makeBundle({ inputData: { list: 'sales-pipeline' } }));
    expect(rows.map((r) => r.id)).toEqual(['stage', 'priority']);
  });

  it('asks for the object or list first, sending nothing', async () => {
    await expect(appTester(perform, makeBundle({ inputData: {} }))).rejects.toThrow(/Choose the object \(or the list\) first/);
    expect(sentRequests()).toHaveLength(0);
  });
});

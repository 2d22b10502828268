import { PAGE_SIZE, perform } from '../../src/dropdowns/list_entries';
import type { AttioEntry } from '../../src/attio/types';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { entry, LIST_ID } from '../fixtures/lists';
import { COMPANY_ID, companyRecord, PERSON_ID, personRecord } from '../fixtures/people_companies';

const ENTRY_A = '2e6e29ea-c4e0-4f44-842d-78a891f8c156';
const ENTRY_B = '3f7f3afb-d5f1-4a55-953e-89b9a2a9d267';
const ENTRY_C = '4a8a4b0c-e6a2-4b66-a64f-9aca3bba0e78';
const GONE_ID = '5b9b5c1d-f7b3-4c77-b75a-abdb4ccb1f89';

const query = (offset: number) => ({ sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: PAGE_SIZE, offset });
const parents = (ids: string[]) => ({ filter: { record_id: { $in: ids } }, limit: ids.length });

function entryOf(entryId: string, parent_object: string, parent_record_id: string): AttioEntry {
  return entry({}, { id: { workspace_id: entry().id.workspace_id, list_id: LIST_ID, entry_id: entryId }, parent_object, parent_record_id });
}

describe('triggers.list_entries (dropdown)', () => {
  it("names each entry after its parent record, with one query for the parents (and the entry id when it is gone)", async () => {
    const scope = attio()
      .post('/v2/lists/sales/entries/query', query(0))
      .reply(200, { data: [entryOf(ENTRY_A, 'people', PERSON_ID), entryOf(ENTRY_B, 'people', GONE_ID), entryOf(ENTRY_C, 'people', PERSON_ID)] })
      .post('/v2/objects/people/records/query', parents([PERSON_ID, GONE_ID]))
      .reply(200, { data: [personRecord()] });

    const rows = await appTester(perform, makeBundle({ inputData: { list: 'sales' }, meta: { page: 0 } }));

    scope.done();
    expect(sentRequests()).toHaveLength(2);
    expect(rows).toEqual([
      { id: ENTRY_A, name: 'Ada Lovelace (ada@example.com)', parent_record_id: PERSON_ID },
      { id: ENTRY_B, name: ENTRY_B, parent_record_id: GONE_ID },
      { id: ENTRY_C, name: 'Ada Lovelace (ada@example.com)', parent_record_id: PERSON_ID },
    ]);
  });

  it('pages with the offset Zapier asks for ("load more")', async () => {
    attio()
      .post('/v2/lists/sales/entries/query', query(3 * PAGE_SIZE))
      .reply(200, { data: [entryOf(ENTRY_A, 'people', PERSON_ID)] })
      .post('/v2/objects/people/records/query', parents([PERSON_ID]))
      .reply(200, { data: [personRecord()] });

    const rows = await appTester(perform, makeBundle({ inputData: { list: 'sales' }, meta: { page: 3 } }));
    expect(rows).toEqual([{ id: ENTRY_A, name: 'Ada Lovelace (ada@example.com)', parent_record_id: PERSON_ID }]);
  });

  it('queries each parent object of a list that holds several, in parallel', async () => {
    attio()
      .post('/v2/lists/sales/entries/query', query(0))
      .reply(200, { data: [entryOf(ENTRY_A, 'companies', COMPANY_ID), entryOf(ENTRY_B, 'people', PERSON_ID)] });
    attio().post('/v2/objects/companies/records/query', parents([COMPANY_ID])).reply(200, { data: [companyRecord()] });
    attio().post('/v2/objects/people/records/query', parents([PERSON_ID])).reply(200, { data: [personRecord()] });

    const rows = await appTester(perform, makeBundle({ inputData: { list: 'sales' } }));

    expect(sentRequests()).toHaveLength(3);
    expect(rows).toEqual([
      { id: ENTRY_A, name: 'Acme (acme.com)', parent_record_id: COMPANY_ID },
      { id: ENTRY_B, name: 'Ada Lovelace (ada@example.com)', parent_record_id: PERSON_ID },
    ]);
  });

  it('sends no parent query for an empty page', async () => {
    attio().post('/v2/lists/sales/entries/query', query(0)).reply(200, { data: [] });
    await expect(appTester(perform, makeBundle({ inputData: { list: 'sales' } }))).resolves.toEqual([]);
    expect(sentRequests()).toHaveLength(1);
  });

  it('asks for the list first when none is chosen (or it is still a mapped {{…}} value), sending nothing', async () => {
    await expect(appTester(perform, makeBundle({ inputData: {} }))).rejects.toThrow(/Choose the list first, then open this dropdown again\./);
    await expect(appTester(perform, makeBundle({ inputData: { list: '  ' } }))).rejects.toThrow(/Choose the list first/);
    await expect(appTester(perform, makeBundle({ inputData: { list: '{{123__list}}' } }))).rejects.toThrow(/Choose the list first/);
    expect(sentRequests()).toHaveLength(0);
  });

  it('turns an Attio error into an actionable message', async () => {
    attio().post('/v2/lists/gone/entries/query', query(0)).reply(404, attioErrorBody(404, 'not_found', 'List with slug/ID "gone" not found.'));
    await expect(appTester(perform, makeBundle({ inputData: { list: 'gone' } }))).rejects.toThrow(
      /Attio could not find what was needed to list the entries of the list \\"gone\\"/,
    );
  });
});

import { PAGE_SIZE, perform } from '../../src/dropdowns/list_records';
import type { AttioRecord } from '../../src/attio/types';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { listResponse } from '../fixtures/lists';
import { COMPANY_ID, companyRecord, PERSON_ID, personRecord, value, WORKSPACE_ID } from '../fixtures/people_companies';
import { recordLabel } from '../../src/values/read';

const DEAL_ID = '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';

function record(recordId: string, values: AttioRecord['values']): AttioRecord {
  return {
    id: { workspace_id: WORKSPACE_ID, object_id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f', record_id: recordId },
    created_at: '2025-01-15T10:30:00.000000000Z',
    web_url: `https://app.attio.com/acme/record/${recordId}`,
    values,
  };
}

const query = (offset: number) => ({ sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: PAGE_SIZE, offset });

describe('triggers.list_records (dropdown)', () => {
  it("lists the object's records, newest first, with a readable name", async () => {
    attio()
      .post('/v2/objects/people/records/query', query(0))
      .reply(200, { data: [personRecord()] });

    const rows = await appTester(perform, makeBundle({ inputData: { parent_object: 'people' }, meta: { page: 0 } }));

    expect(sentRequests()).toHaveLength(1);
    expect(rows).toEqual([{ id: PERSON_ID, name: 'Ada Lovelace (ada@example.com)', object: 'people' }]);
  });

  it('pages with the offset Zapier asks for ("load more")', async () => {
    attio()
      .post('/v2/objects/companies/records/query', query(2 * PAGE_SIZE))
      .reply(200, { data: [companyRecord()] });

    const rows = await appTester(perform, makeBundle({ inputData: { linked_object: 'companies' }, meta: { page: 2 } }));
    expect(rows).toEqual([{ id: COMPANY_ID, name: 'Acme (acme.com)', object: 'companies' }]);
  });

  it("takes the object from the chosen list (the list's metadata, cached)", async () => {
    attio().get('/v2/lists/sales').reply(200, listResponse({ parent_object: ['companies'] }));
    attio().post('/v2/objects/companies/records/query', query(0)).reply(200, { data: [] });

    await expect(appTester(perform, makeBundle({ inputData: { list: 'sales' } }), true)).resolves.toEqual([]);
    expect(sentRequests()).toHaveLength(2);
  });

  it('asks for the object first when none is chosen (or it is still a mapped {{…}} value), sending nothing', async () => {
    await expect(appTester(perform, makeBundle({ inputData: {} }))).rejects.toThrow(/Choose the object \(or the list\) first/);
    await expect(appTester(perform, makeBundle({ inputData: { parent_object: '{{123__object}}' } }))).rejects.toThrow(/Choose the object/);
    expect(sentRequests()).toHaveLength(0);
  });

  it('turns an Attio error into an actionable message', async () => {
    attio().post('/v2/objects/gone/records/query', query(0)).reply(404, attioErrorBody(404, 'not_found', 'Object with slug/ID "gone" not found.'));
    await expect(appTester(perform, makeBundle({ inputData: { object: 'gone' } }))).rejects.toThrow(
      /Attio could not find what was needed to list the gone records/,
    );
  });

  describe('recordLabel', () => {
    it('uses the name, with the email or domain when there is one', () => {
      expect(recordLabel(personRecord())).toBe('Ada Lovelace (ada@example.com)');
      expect(recordLabel(personRecord({ name: [] }))).toBe('ada@example.com');
      expect(recordLabel(companyRecord({ domains: [] }))).toBe('Acme');
    });

    it('falls back to the first text value, then to the record id', () => {
      expect(recordLabel(record(DEAL_ID, { value: [value('currency', { currency_value: 5 })], title: [value('text', { value: 'Renewal 2025' })] }))).toBe(
        'Renewal 2025',
      );
      expect(recordLabel(record(DEAL_ID, {}))).toBe(DEAL_ID);
    });

    it('ignores values that are no longer current', () => {
      const old = { ...value('personal-name', { full_name: 'Ada Byron' }), active_until: '2020-01-01T00:00:00.000000000Z' };
      expect(recordLabel(personRecord({ name: [old, value('personal-name', { full_name: 'Ada Lovelace' })] }))).toBe('Ada Lovelace (ada@example.com)');
    });
  });
});

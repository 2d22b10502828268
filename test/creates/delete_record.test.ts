import deleteRecordOperation, { perform } from '../../src/creates/delete_record';
import { appTester, attio, attioErrorBody, makeBundle, loadInputFields } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, failure, PERSON_ID, peopleAttributes, personRecord, options } from '../fixtures/people_companies';

const companyAttributes = () => [
  attribute('name', 'text', { is_system_attribute: true, title: 'Name' }),
  attribute('domains', 'domain', { is_system_attribute: true, is_multiselect: true, is_unique: true, title: 'Domains' }),
];
import { objectNotFound } from '../fixtures/records';

const RECORD = `/v2/objects/people/records/${PERSON_ID}`;
const QUERY = '/v2/objects/people/records/query';
const SORTS = [{ attribute: 'created_at', direction: 'asc' }];
const OTHER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const paths = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData: { object: 'people', ...inputData } }) as never) as Promise<Record<string, unknown>>;

/** The people field load (attributes, then the choices of its select attributes), caching their metadata. */
async function cachePeopleFields(): Promise<number> {
  attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
  attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) });
  attio().get('/v2/objects/people/attributes/interests/options').reply(200, { data: options(['Analytics', 'Engines']) });
  await loadInputFields(deleteRecordOperation, { object: 'people' });
  return sentRequests().length;
}

describe('creates.delete_record', () => {
  describe('by record ID', () => {
    it('deletes with one request', async () => {
      attio().delete(RECORD).reply(200, {});
      expect(await run({ record_id: ` ${PERSON_ID.toUpperCase()} ` })).toEqual({ deleted: true, record_id: PERSON_ID, object: 'people', reason: null });
      expect(paths()).toEqual([`DELETE ${RECORD}`]);
    });

    it('a replay (already deleted) succeeds with deleted: false and the reason', async () => {
      attio().delete(RECORD).reply(200, {});
      attio().delete(RECORD).reply(404, attioErrorBody(404, 'not_found', `Record with ID "${PERSON_ID}" not found.`));
      await run({ record_id: PERSON_ID });
      const replay = await run({ record_id: PERSON_ID });
      expect(replay).toEqual({ deleted: false, record_id: PERSON_ID, object: 'people', reason: expect.stringMatching(/already deleted/) });
    });

    it('an object that does not exist is an error, not "already deleted"', async () => {
      attio().delete(`/v2/objects/nope/records/${PERSON_ID}`).reply(404, objectNotFound('nope'));
      const err = await failure(() => run({ object: 'nope', record_id: PERSON_ID }));
      expect(err.message).toMatch(/Attio could not find what was needed to delete the record .* in "nope".*Object with slug\/ID "nope" not found/);
    });

    it("surfaces Attio's errors (a missing permission)", async () => {
      attio().delete(RECORD).reply(403, attioErrorBody(403, 'forbidden', 'Missing scope'));
      expect((await failure(() => run({ record_id: PERSON_ID }))).message).toMatch(/record_permission:read-write/);
    });
  });

  describe('by attribute', () => {
    it('finds the one record, then deletes it (2 requests once the fields are cached)', async () => {
      const loaded = await cachePeopleFields();
      attio()
        .post(QUERY, { filter: { email_addresses: 'ada@example.com' }, sorts: SORTS, limit: 6 })
        .reply(200, { data: [personRecord()] });
      attio().delete(RECORD).reply(200, {});

      expect(await run({ attribute: 'email_addresses', value: ' Ada@Example.com ' })).toEqual({ deleted: true, record_id: PERSON_ID, object: 'people', reason: null });
      expect(paths().slice(loaded)).toEqual([`POST ${QUERY}`, `DELETE ${RECORD}`]);
    });

    it('an attribute handed over as a list of one (a mapped line item) is that attribute', async () => {
      const loaded = await cachePeopleFields();
      attio().post(QUERY, { filter: { email_addresses: 'ada@example.com' }, sorts: SORTS, limit: 6 }).reply(200, { data: [] });
      expect(await run({ attribute: ['email_addresses'], value: 'ada@example.com' })).toMatchObject({ deleted: false });
      expect(sentRequests().length - loaded).toBe(1);
    });

    it('a replay finds nothing and succeeds with deleted: false (no delete sent)', async () => {
      await cachePeopleFields();
      attio().post(QUERY, { filter: { email_addresses: 'ada@example.com' }, sorts: SORTS, limit: 6 }).reply(200, { data: [] });
      expect(await run({ attribute: 'email_addresses', value: 'ada@example.com' })).toEqual({
        deleted: false,
        record_id: null,
        object: 'people',
        reason: 'No record in "people" has Email addresses "ada@example.com" (it may already have been deleted).',
      });
      expect(sentRequests().some((r) => r.method === 'DELETE')).toBe(false);
    });

    it('a domain with Keep Subdomains deletes the subdomain company, never its parent; the field is offered', async () => {
      // eu.acme.com used to be searched as acme.com: the parent company, another record, was deleted for good.
      attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
      const fields = await loadInputFields(deleteRecordOperation, { object: 'companies' });
      expect(fields.map((f) => f.key)).toContain('keep_subdomains');
      attio().post('/v2/objects/companies/records/query', { filter: { domains: 'eu.acme.com' }, sorts: SORTS, limit: 6 }).reply(200, { data: [] });
      const out = await run({ object: 'companies', attribute: 'domains', value: 'eu.acme.com', keep_subdomains: 'true' });
      expect(out).toMatchObject({ deleted: false, record_id: null });
      expect(sentRequests().some((r) => r.method === 'DELETE')).toBe(false);
    });

    it('several matches delete nothing and list the candidates with names, IDs and links', async () => {
      await cachePeopleFields();
      const other = personRecord();
      other.id = { ...other.id, record_id: OTHER_ID };
      other.web_url = `https://app.attio.com/acme/person/${OTHER_ID}`;
      attio().post(QUERY, { filter: { lead_source: 'Website' }, sorts: SORTS, limit: 6 }).reply(200, { data: [personRecord(), other] });

      const err = await failure(() => run({ attribute: 'lead_source', value: 'website' }));
      expect(err.message).toMatch(/^Several records in "people" have Lead source "website", so none was deleted: /);
      expect(err.message).toContain(PERSON_ID);
      expect(err.message).toContain(`https://app.attio.com/acme/person/${OTHER_ID}`);
      expect(err.message).toMatch(/Pick the record by its ID/);
      expect(sentRequests().some((r) => r.method === 'DELETE')).toBe(false);
    });
  });

  describe('refuses before any request', () => {
    it.each([
      [{}, /^Record is empty\. Pick the record to delete, or choose Find By Attribute/],
      [{ record_id: 'Ada Lovelace' }, /^Record "Ada Lovelace" is not an Attio record ID/],
      [{ record_id: PERSON_ID, attribute: 'email_addresses', value: 'ada@example.com' }, /^Both Record and Find By Attribute are filled/],
      [{ value: 'ada@example.com' }, /^Find By Attribute is empty/],
      [{ attribute: 'email_addresses' }, /^Value "" is empty/],
      [{ attribute: 'email_addresses', value: 'not an email' }, /^Value "not an email"/],
    ])('%j', async (inputData, message) => {
      const loaded = await cachePeopleFields();
      expect((await failure(() => run(inputData))).message).toMatch(message);
      expect(sentRequests()).toHaveLength(loaded);
    });
  });
});

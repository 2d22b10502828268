// Objects, attributes, lists and entries (assert by parent, entry_values read shape, entry queries).
import { useSandbox, type Data, type EntryBody } from './helpers';

const { api, sandbox } = useSandbox();

interface ObjectBody {
  id: { object_id: string };
  api_slug: string;
  singular_noun: string;
}
interface AttributeBody {
  api_slug: string;
  type: string;
  is_unique: boolean;
  is_multiselect: boolean;
  is_writable: boolean;
  relationship: { id: { attribute_id: string } } | null;
}
interface ListBody {
  id: { list_id: string };
  api_slug: string;
  name: string;
  parent_object: string[];
}

describe('objects and attributes', () => {
  it('lists the standard objects and the custom one, by slug or id', async () => {
    const all = await api().get<Data<ObjectBody[]>>('/objects');
    expect(all.body.data.map((o) => o.api_slug)).toEqual(['people', 'companies', 'deals', 'users', 'workspaces', 'projects']);
    const projects = all.body.data.find((o) => o.api_slug === 'projects') as ObjectBody;
    const byId = await api().get<Data<ObjectBody>>(`/objects/${projects.id.object_id}`);
    expect(byId.body.data.singular_noun).toBe('Project');
    expect((await api().get('/objects/planets')).body).toMatchObject({ status_code: 404, code: 'not_found', message: 'Object with slug/ID "planets" not found.' });
  });

  it('describes attributes (unique, multiselect, relationship) with options and statuses', async () => {
    const attrs = await api().get<Data<AttributeBody[]>>('/objects/people/attributes');
    const email = attrs.body.data.find((a) => a.api_slug === 'email_addresses');
    expect(email).toMatchObject({ type: 'email-address', is_unique: true, is_multiselect: true, is_writable: true });
    expect(attrs.body.data.find((a) => a.api_slug === 'created_at')).toMatchObject({ is_writable: false });
    const company = attrs.body.data.find((a) => a.api_slug === 'company');
    const team = (await api().get<Data<AttributeBody>>('/objects/companies/attributes/team')).body.data;
    expect(company?.relationship?.id.attribute_id).toBe(sandbox().schema.attribute(sandbox().schema.object('companies')!, 'team')?.id);
    expect(team.type).toBe('record-reference');

    const options = await api().get<Data<Array<{ title: string; is_archived: boolean }>>>('/objects/companies/attributes/categories/options');
    expect(options.body.data.map((o) => o.title)).not.toContain('Legacy');
    const withArchived = await api().get<Data<Array<{ title: string }>>>('/objects/companies/attributes/categories/options', { query: { show_archived: 'true' } });
    expect(withArchived.body.data.map((o) => o.title)).toContain('Legacy');
    const stages = await api().get<Data<Array<{ title: string; celebration_enabled: boolean }>>>('/lists/sales_pipeline/attributes/stage/statuses');
    expect(stages.body.data.map((s) => s.title)).toEqual(['Lead', 'Qualified', 'Proposal', 'Won', 'Lost']);
    expect((await api().get('/objects/people/attributes/nope')).body.code).toBe('not_found');
  });

  it('lists the lists with their parent object', async () => {
    const lists = await api().get<Data<ListBody[]>>('/lists');
    expect(lists.body.data.map((l) => [l.api_slug, l.name, l.parent_object])).toEqual([
      ['sales_pipeline', 'Sales Pipeline', ['companies']],
      ['prospects', 'Prospects', ['people']],
    ]);
    const byId = await api().get<Data<ListBody>>(`/lists/${lists.body.data[1]?.id.list_id ?? ''}`);
    expect(byId.body.data.api_slug).toBe('prospects');
    expect((await api().get('/lists/nope')).body).toMatchObject({ status_code: 404, message: 'List with slug/ID "nope" not found.' });
  });
});

describe('entries', () => {
  let acme: string;
  let globex: string;
  beforeEach(() => {
    acme = sandbox().createRecord('companies', { domains: ['acme.com'] }).id.record_id;
    globex = sandbox().createRecord('companies', { domains: ['globex.com'] }).id.record_id;
  });
  const body = (parent: string, entryValues: Record<string, unknown[]> = {}) => ({
    data: { parent_record_id: parent, parent_object: 'companies', entry_values: entryValues },
  });

  it('asserts by parent: one entry per record, values replaced, read shape like Attio', async () => {
    const first = await api().put<Data<EntryBody>>('/lists/sales_pipeline/entries', body(acme, { stage: ['Lead'], priority: ['High'] }));
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ parent_record_id: acme, parent_object: 'companies', id: { list_id: sandbox().schema.list('sales_pipeline')?.id } });
    expect(first.body.data.entry_values.stage?.[0]).toMatchObject({
      attribute_type: 'status',
      status: { title: 'Lead', id: { object_id: sandbox().schema.list('sales_pipeline')?.id } },
    });
    const second = await api().put<Data<EntryBody>>('/lists/sales_pipeline/entries', body(acme, { stage: ['Qualified'] }));
    expect(second.body.data.id.entry_id).toBe(first.body.data.id.entry_id);
    expect(second.body.data.entry_values.stage?.[0]?.status).toMatchObject({ title: 'Qualified' });
    expect(second.body.data.entry_values.priority?.[0]?.option).toMatchObject({ title: 'High' });
    // Empty entry values are valid.
    expect((await api().put('/lists/sales_pipeline/entries', body(globex))).status).toBe(200);
    expect(sandbox().listEntries('sales_pipeline')).toHaveLength(2);
  });

  it('a parent with two entries cannot be asserted (POST, which adds one, is not served: the app never calls it)', async () => {
    expect((await api().post('/lists/sales_pipeline/entries', body(acme))).body).toMatchObject({ status_code: 501, code: 'not_implemented' });
    sandbox().addEntry('sales_pipeline', 'companies', acme);
    sandbox().addEntry('sales_pipeline', 'companies', acme);
    const res = await api().put('/lists/sales_pipeline/entries', body(acme));
    expect(res.body).toMatchObject({ status_code: 400, code: 'multiple_match_results' });
  });

  it('rejects a missing parent record and a parent of the wrong object', async () => {
    const missing = await api().put('/lists/sales_pipeline/entries', body('00000000-0000-4000-8000-000000000000'));
    expect(missing.body).toMatchObject({ status_code: 400, code: 'value_not_found' });
    const person = sandbox().createRecord('people', { email_addresses: ['a@acme.com'] }).id.record_id;
    const wrong = await api().put('/lists/sales_pipeline/entries', { data: { parent_record_id: person, parent_object: 'people', entry_values: {} } });
    expect(wrong.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    const unknownList = await api().put('/lists/nope/entries', body(acme));
    expect(unknownList.status).toBe(404);
  });

  it('queries entries by parent record, by entry attribute and through the parent', async () => {
    sandbox().addEntry('sales_pipeline', 'companies', acme, { stage: ['Won'] });
    sandbox().addEntry('sales_pipeline', 'companies', globex, { stage: ['Lead'] });
    const run = async (filter: unknown) =>
      (await api().post<Data<EntryBody[]>>('/lists/sales_pipeline/entries/query', { filter })).body.data.map((e) => e.parent_record_id);
    expect(await run({ parent_record_id: acme })).toEqual([acme]);
    expect(await run({ parent_record_id: { $eq: globex } })).toEqual([globex]);
    expect(await run({ stage: 'Won' })).toEqual([acme]);
    expect(await run({ stage: { status: { $in: ['Won', 'Lead'] } } })).toEqual([acme, globex]);
    expect(await run({ path: [['sales_pipeline', 'parent_record'], ['companies', 'domains']], constraints: { domain: 'globex.com' } })).toEqual([globex]);
    expect(await run({ path: [['sales_pipeline', 'parent_record'], ['companies', 'record_id']], constraints: { $eq: acme } })).toEqual([acme]);
    const desc = await api().post<Data<EntryBody[]>>('/lists/sales_pipeline/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 1 });
    expect(desc.body.data.map((e) => e.parent_record_id)).toEqual([globex]);
  });

  it('gets, updates and deletes one entry, and lists a record\'s entries', async () => {
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme, { stage: ['Lead'] });
    const path = `/lists/sales_pipeline/entries/${entry.id.entry_id}`;
    expect((await api().get<Data<EntryBody>>(path)).body.data.id.entry_id).toBe(entry.id.entry_id);
    const patched = await api().patch<Data<EntryBody>>(path, { data: { entry_values: { next_step: ['Send contract'] } } });
    expect(patched.body.data.entry_values.next_step?.[0]?.value).toBe('Send contract');
    expect(patched.body.data.entry_values.stage?.[0]?.status).toMatchObject({ title: 'Lead' });
    const recordEntries = await api().get<Data<Array<{ list_api_slug: string; entry_id: string }>>>(`/objects/companies/records/${acme}/entries`);
    expect(recordEntries.body.data).toEqual([{ list_id: sandbox().schema.list('sales_pipeline')?.id, list_api_slug: 'sales_pipeline', entry_id: entry.id.entry_id, created_at: entry.created_at }]);
    expect((await api().del(path)).body).toEqual({});
    expect((await api().get(path)).status).toBe(404);
  });
});

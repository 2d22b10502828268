// Attribute Values: the key/value input the generic write steps offer when their Object (or List) is mapped
// from an earlier step, folded in like the typed `values__<slug>` fields (src/zapier/fields/dynamic.ts).
import createRecord, { perform as createPerform } from '../../src/creates/create_record';
import updateRecord, { perform as updatePerform } from '../../src/creates/update_record';
import addToList, { perform as addPerform } from '../../src/creates/add_to_list';
import updateListEntry, { perform as updateEntryPerform } from '../../src/creates/update_list_entry';
import { appTester, attio, loadInputFields, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { options, PERSON_ID, value } from '../fixtures/people_companies';
import { dealAttributes, PROJECT_ID, projectAttributes, record, statuses, text } from '../fixtures/records';
import { ENTRY_ID, entry, listAttribute, listResponse, statuses as listStatuses } from '../fixtures/lists';
import { failure } from '../fixtures/people_companies';

const PROJECTS = '/v2/objects/projects/records';
const RECORD = `${PROJECTS}/${PROJECT_ID}`;
const ATTRIBUTES = '/v2/objects/projects/attributes';
const paths = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

type Run = (z: never, bundle: never) => Promise<unknown>;
/** A run on an empty z.cache (the Object mapped: the field load cached nothing for it). */
const run = (perform: Run, inputData: Record<string, unknown>, fresh = true) => appTester(perform as never, makeBundle({ inputData }) as never, fresh) as Promise<Record<string, unknown>>;

const projectRecord = () => record('projects', PROJECT_ID, { name: [text('Apollo')] });

/** {name, priority (select), budget (currency)} as rows of Attribute Values. */
const ROWS = { name: 'Apollo', priority: 'high', budget: '1250.50' };
const SENT = { data: { values: { name: [{ value: 'Apollo' }], priority: [{ option: 'High' }], budget: [{ currency_value: 1250.5 }] } } };

describe('Attribute Values (Object or List mapped from an earlier step)', () => {
  describe('fields', () => {
    it.each([
      ['create_record', createRecord, { object: '{{123__object}}' }, 'object_fields_note'],
      ['update_record', updateRecord, { object: '{{123__object}}' }, 'object_fields_note'],
      ['add_to_list', addToList, { list: '{{123__list}}' }, 'list_fields_note'],
      ['update_list_entry', updateListEntry, { list: '{{123__list}}' }, 'list_fields_note'],
    ] as const)('%s: the note points at Attribute Values, a key/value field with an example slug (no request)', async (_key, step, inputData, note) => {
      const fields = await loadInputFields(step, inputData);
      const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
      expect(byKey[note]?.helpText).toMatch(/Attribute Values below, one row per attribute with its API slug as the key/);
      expect(byKey.attribute_values).toMatchObject({ label: 'Attribute Values', dict: true, required: false });
      expect(byKey.attribute_values?.helpText).toMatch(/API slug.*like `priority`.*like `High`/);
      expect('matching_attribute' in byKey).toBe(step === createRecord);
      expect(byKey.attribute_values?.helpText).toMatch(new RegExp(`${'object' in inputData ? 'Object' : 'List'} is mapped from an earlier step\\.$`));
      expect(sentRequests()).toHaveLength(0);
    });

    it('with the Object chosen, the form is unchanged: typed fields, no Attribute Values', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().get(`${ATTRIBUTES}/status/statuses`).reply(200, { data: statuses(['Active']) });
      attio().get(`${ATTRIBUTES}/priority/options`).reply(200, { data: options(['Low', 'High']) });
      attio().get(`${ATTRIBUTES}/tags/options`).reply(200, { data: options(['Urgent']) });
      const keys = (await loadInputFields(updateRecord, { object: 'projects' })).map((f) => f.key);
      expect(keys).toContain('values__priority');
      expect(keys).not.toContain('attribute_values');
      expect(keys).not.toContain('object_fields_note');
    });
  });

  describe('create_record', () => {
    it('writes {name, priority (select), budget (currency)}: the attributes, the select options, then one POST (3 requests)', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().get(`${ATTRIBUTES}/priority/options`).reply(200, { data: options(['Low', 'High']) });
      attio().post(PROJECTS, SENT).reply(200, { data: projectRecord() });

      const result = await run(createPerform, { object: 'projects', attribute_values: ROWS });

      expect(result).toMatchObject({ id: PROJECT_ID, name: 'Apollo' });
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `GET ${ATTRIBUTES}/priority/options`, `POST ${PROJECTS}`]);
    });

    it('a required attribute Attio finds missing is named with the key its row needs', async () => {
      const attributes = dealAttributes();
      attio().get('/v2/objects/deals/attributes').reply(200, { data: attributes });
      const stageId = attributes.find((a) => a.api_slug === 'stage')?.id.attribute_id;
      attio()
        .post('/v2/objects/deals/records', { data: { values: { name: [{ value: 'Acme renewal' }] } } })
        .reply(400, { status_code: 400, type: 'invalid_request_error', code: 'missing_value', message: `Required value for attribute with ID "${stageId}" was not provided.` });
      const err = await failure(() => run(createPerform, { object: 'deals', attribute_values: { name: 'Acme renewal' } }));
      expect(err.message).toMatch(/^"Deal stage" \(stage\) is required for records in "deals", so no record was created\. .*Attribute Values/);
    });

    it('a typed Matching Attribute may name the attribute by its title, as the rows and its own messages do', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio()
        .put(PROJECTS, { data: { values: { name: [{ value: 'Apollo' }], project_code: [{ value: 'AP-1' }] } } })
        .query({ matching_attribute: 'project_code' })
        .reply(200, { data: projectRecord() });
      await run(createPerform, { object: 'projects', matching_attribute: 'Project Code', attribute_values: { name: 'Apollo', project_code: 'AP-1' } });
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `PUT ${PROJECTS}`]);
    });

    it('a typed Matching Attribute without its row says to add the row, not to fill a field the step does not show', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      const err = await failure(() => run(createPerform, { object: 'projects', matching_attribute: 'project_code', attribute_values: { name: 'Apollo' } }));
      expect(err.message).toContain('Attribute Values');
      expect(err.message).not.toContain('field is empty');
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`]);
    });

    it("with a typed Matching Attribute whose value is a row (the key a title): Attio's PUT assert on it", async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio()
        .put(PROJECTS, { data: { values: { name: [{ value: 'Apollo' }], project_code: [{ value: 'AP-1' }] } } })
        .query({ matching_attribute: 'project_code' })
        .reply(200, { data: projectRecord() });
      await run(createPerform, { object: 'projects', matching_attribute: 'project_code', attribute_values: { name: 'Apollo', 'Project Code': 'AP-1' } });
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `PUT ${PROJECTS}`]);
    });

    it('a second run for the same object reads the cached attributes: the write alone (1 request)', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().get(`${ATTRIBUTES}/priority/options`).reply(200, { data: options(['Low', 'High']) });
      attio().post(PROJECTS, SENT).times(2).reply(200, { data: projectRecord() });
      await run(createPerform, { object: 'projects', attribute_values: ROWS });
      const first = sentRequests().length;
      await run(createPerform, { object: 'projects', attribute_values: { Name: 'Apollo', Priority: 'High', budget: '1250.50' } }, false);
      expect(paths().slice(first)).toEqual([`POST ${PROJECTS}`]);
    });

    it('matches a key given as a title (any case) to its attribute', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().post(PROJECTS, { data: { values: { hours_estimate: [{ value: 12 }], is_billable: [{ value: true }] } } }).reply(200, { data: projectRecord() });
      await run(createPerform, { object: 'projects', attribute_values: { 'hours ESTIMATE': '12', Billable: 'true' } });
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `POST ${PROJECTS}`]);
    });

    it('refuses an unknown key by name after the attribute read, with no further request', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      const err = await failure(() => run(createPerform, { object: 'projects', attribute_values: { priority: 'High', prority: 'High' } }));
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect(err.message).toMatch(/^Attribute Values has the key "prority", which is not an attribute of "projects" in Attio.*API slug.*: record_id|name, project_code/);
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`]);
    });

    it('refuses a read-only attribute by name before any write', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      const err = await failure(() => run(createPerform, { object: 'projects', attribute_values: { name: 'Apollo', created_at: '2025-01-15' } }));
      expect(err.message).toBe('Attribute Values has the key "created_at", but Created at (created_at) is read-only in Attio: its values are set by Attio, not written. Remove it from Attribute Values.');
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`]);
    });

    it('refuses a title shared by two attributes, and two keys naming one attribute', async () => {
      const estimate = projectAttributes().find((a) => a.api_slug === 'hours_estimate')!;
      const copy = { ...estimate, api_slug: 'hours_estimate_2', id: { ...estimate.id, attribute_id: '00000000-0000-4000-8000-0000000000ff' } };
      attio().get(ATTRIBUTES).times(2).reply(200, { data: [...projectAttributes(), copy] });
      const ambiguous = await failure(() => run(createPerform, { object: 'projects', attribute_values: { 'HOURS estimate': '3' } }));
      expect(ambiguous.message).toBe('Attribute Values has the key "HOURS estimate", the title of several attributes of "projects" (hours_estimate, hours_estimate_2). Use the API slug of the one to write as the key.');
      const twice = await failure(() => run(createPerform, { object: 'projects', attribute_values: { is_billable: 'true', billable: 'false' } }));
      expect(twice.message).toBe('Attribute Values has both "is_billable" and "billable", which name the same attribute, Billable (is_billable). Keep one of them.');
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `GET ${ATTRIBUTES}`]);
    });

    it('refuses a typed field and a row giving the same attribute, naming both', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      const err = await failure(() => run(createPerform, { object: 'projects', values__name: 'Apollo', attribute_values: { Name: 'Gemini' } }));
      expect(err.message).toBe('Both the Name field and Attribute Values ("Name") give a value for Name (name). Fill in one of them.');
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`]);
    });

    it('names the row in a value error (the shared formatter), before any write', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      const err = await failure(() => run(createPerform, { object: 'projects', attribute_values: { name: 'Apollo', budget: 'lots' } }));
      expect(err.message).toMatch(/^Attribute Values: budget "lots" /);
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`]);
    });

    it('refuses Attribute Values that is not a set of rows', async () => {
      const err = await failure(() => run(createPerform, { object: 'projects', attribute_values: 'name=Apollo' }));
      expect(err.message).toMatch(/^Attribute Values "name=Apollo" is not a set of keys and values/);
      expect(paths()).toEqual([]);
    });
  });

  describe('update_record', () => {
    const UPDATE = { data: { values: { tags: [{ option: 'Urgent' }, { option: 'Q3' }], status: [{ status: 'Active' }] } } };
    const mockReads = () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().get(`${ATTRIBUTES}/status/statuses`).reply(200, { data: statuses(['Planned', 'Active']) });
      attio().get(`${ATTRIBUTES}/tags/options`).reply(200, { data: options(['Urgent', 'Q3']) });
    };
    const input = (mode: string) => ({ object: 'projects', record_id: PROJECT_ID, multiselect_mode: mode, attribute_values: { tags: 'urgent, q3', status: 'active' } });

    it('append: PATCHes the rows, formatted (the attributes and the two choice lists first)', async () => {
      mockReads();
      attio().patch(RECORD, UPDATE).reply(200, { data: projectRecord() });
      await run(updatePerform, input('append'));
      expect(paths()[0]).toBe(`GET ${ATTRIBUTES}`);
      expect(paths().slice(3)).toEqual([`PATCH ${RECORD}`]);
    });

    it('replace: PUTs the same body', async () => {
      mockReads();
      attio().put(RECORD, UPDATE).reply(200, { data: projectRecord() });
      await run(updatePerform, input('replace'));
      expect(paths()).toHaveLength(4);
      expect(paths()[3]).toBe(`PUT ${RECORD}`);
    });

    it('no longer fails with "No field to update is mapped" when only Attribute Values is filled; empty rows are not sent', async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio().patch(RECORD, { data: { values: { hours_estimate: [{ value: 3 }] } } }).reply(200, { data: record('projects', PROJECT_ID, { hours_estimate: [value('number', { value: 3 })] }) });
      await run(updatePerform, { object: 'projects', record_id: PROJECT_ID, attribute_values: { hours_estimate: '3', name: '' } });
      expect(paths()).toEqual([`GET ${ATTRIBUTES}`, `PATCH ${RECORD}`]);
    });
    it("an attribute Attio refuses as gone names the Attribute Values row, not a field the step does not show", async () => {
      attio().get(ATTRIBUTES).reply(200, { data: projectAttributes() });
      attio()
        .patch(RECORD, { data: { values: { hours_estimate: [{ value: 3 }] } } })
        .reply(400, { status_code: 400, type: 'invalid_request_error', code: 'value_not_found', message: 'Cannot find attribute with slug/ID "hours_estimate".' });
      const err = await failure(() => run(updatePerform, { object: 'projects', record_id: PROJECT_ID, attribute_values: { 'Hours Estimate': '3' } }));
      expect(err.message).toMatch(/^The field "Attribute Values: Hours Estimate" \(hours_estimate\) is no longer a writable attribute in Attio/);
    });
  });

  describe('lists', () => {
    const LIST_ATTRIBUTES = '/v2/lists/sales/attributes';
    const mockListReads = () => {
      attio()
        .get(LIST_ATTRIBUTES)
        .reply(200, { data: [listAttribute('stage', 'status', { title: 'Stage' }), listAttribute('deal_value', 'currency', { title: 'Deal value' }), listAttribute('created_at', 'timestamp', { is_writable: false, title: 'Created at' })] });
      attio().get(`${LIST_ATTRIBUTES}/stage/statuses`).reply(200, { data: listStatuses(['Lead', 'Won']) });
    };
    const ENTRY_VALUES = { stage: [{ status: 'Won' }], deal_value: [{ currency_value: 500 }] };

    it('add_to_list: the rows become the entry values of the assert', async () => {
      mockListReads();
      attio().get('/v2/lists/sales').reply(200, listResponse());
      attio().put('/v2/lists/sales/entries', { data: { parent_record_id: PERSON_ID, parent_object: 'people', entry_values: ENTRY_VALUES } }).reply(200, { data: entry() });
      await run(addPerform, { list: 'sales', parent_record_id: PERSON_ID, attribute_values: { Stage: 'won', deal_value: '500' } });
      expect(paths().filter((p) => p.startsWith('PUT'))).toEqual(['PUT /v2/lists/sales/entries']);
      expect(paths()).toHaveLength(4);
    });

    it('update_list_entry: the rows are PATCHed to the entry', async () => {
      mockListReads();
      attio().patch(`/v2/lists/sales/entries/${ENTRY_ID}`, { data: { entry_values: ENTRY_VALUES } }).reply(200, { data: entry() });
      await run(updateEntryPerform, { list: 'sales', entry_id: ENTRY_ID, attribute_values: { stage: 'Won', 'Deal Value': '500' } });
      expect(paths()).toEqual([`GET ${LIST_ATTRIBUTES}`, `GET ${LIST_ATTRIBUTES}/stage/statuses`, `PATCH /v2/lists/sales/entries/${ENTRY_ID}`]);
    });

    it('update_list_entry: a read-only key is refused before the entry is looked up', async () => {
      attio().get(LIST_ATTRIBUTES).reply(200, { data: [listAttribute('stage', 'status', { title: 'Stage' }), listAttribute('created_at', 'timestamp', { is_writable: false, title: 'Created at' })] });
      const err = await failure(() => run(updateEntryPerform, { list: 'sales', parent_record_id: PERSON_ID, attribute_values: { stage: 'Won', created_at: '2025-01-01' } }));
      expect(err.message).toMatch(/^Attribute Values has the key "created_at", but Created at \(created_at\) is read-only in Attio/);
      expect(paths()).toEqual([`GET ${LIST_ATTRIBUTES}`]);
    });
  });
});

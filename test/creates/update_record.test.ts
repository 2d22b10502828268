import updateRecord, { perform } from '../../src/creates/update_record';
import { useVirtualClock } from '../helpers/clock';
import recordSample from '../../src/samples/record.json';
import { appTester, attio, attioErrorBody, makeBundle, loadInputFields } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { PROJECT_ID, projectAttributes, PROJECTS_OBJECT_ID, record, statuses, text } from '../fixtures/records';
import { failure, options, peopleAttributes, personRecord, value, WORKSPACE_ID } from '../fixtures/people_companies';

const RECORD = `/v2/objects/projects/records/${PROJECT_ID}`;
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The step's fields as the editor shows them (empty z.cache). */
const loadFields = (inputData: Record<string, unknown>) => loadInputFields(updateRecord, inputData);

/**
 * Runs perform with the z.cache the last field load left (or an empty one with `fresh`). The bundle is cast:
 * perform types its inputs as strings, and these tests also map lists and numbers, as Zapier does.
 */
const run = (inputData: Record<string, unknown>, fresh = false) =>
  appTester(perform, makeBundle({ inputData: { object: 'projects', record_id: PROJECT_ID, ...inputData } }) as never, fresh);

/** What the field load asks: the attributes, then the choices of the status and select attributes. */
function mockFieldLoad() {
  attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
  attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active', 'Done'], ['Cancelled']) });
  attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(['Low', 'Medium', 'High']) });
  attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3', 'Internal'], ['Legacy']) });
}

/** Loads the fields (caching the attribute metadata) and returns how many requests that took. */
async function loadCachedFields(): Promise<number> {
  mockFieldLoad();
  await loadFields({ object: 'projects' });
  return attioRequests().length;
}

const option = (title: string) => ({ id: { workspace_id: WORKSPACE_ID, object_id: PROJECTS_OBJECT_ID, attribute_id: 'a', option_id: `option-${title}` }, title, is_archived: false });
const status = (title: string) => ({ id: { workspace_id: WORKSPACE_ID, object_id: PROJECTS_OBJECT_ID, attribute_id: 's', status_id: `status-${title}` }, title, is_archived: false });

/** The project as Attio answers the update. */
function projectRecord() {
  return record('projects', PROJECT_ID, {
    name: [text('Apollo')],
    tags: [value('select', { option: option('Urgent') }), value('select', { option: option('Q3') })],
    hours_estimate: [value('number', { value: 12 })],
    status: [value('status', { status: { ...status('Active'), celebration_enabled: false, target_time_in_status: null } })],
    due_date: [],
  });
}

const flatProject = {
  name: 'Apollo',
  tags: ['Urgent', 'Q3'],
  tags_option_id: ['option-Urgent', 'option-Q3'],
  hours_estimate: 12,
  status: 'Active',
  status_status_id: 'status-Active',
  due_date: null,
  id: PROJECT_ID,
  record_id: PROJECT_ID,
  object: 'projects',
  object_id: PROJECTS_OBJECT_ID,
  web_url: `https://app.attio.com/acme/projects/${PROJECT_ID}`,
  created_at: '2025-01-15T10:30:00.000+00:00',
};

const MAPPED = { values__tags: ['Urgent', 'q3'], values__hours_estimate: '12', values__status: 'active' };
const SENT = {
  data: {
    values: {
      tags: [{ option: 'Urgent' }, { option: 'Q3' }],
      hours_estimate: [{ value: 12 }],
      status: [{ status: 'Active' }],
    },
  },
};

/** Retry waits advance a virtual clock: see test/helpers/clock.ts. */
const time = useVirtualClock();

describe('creates.update_record', () => {
  describe('append (the default)', () => {
    it('PATCHes exactly the mapped attributes, formatted, in one request once the fields are cached, and flattens the record', async () => {
      const loaded = await loadCachedFields();
      attio().patch(RECORD, SENT).reply(200, { data: projectRecord() });

      // Unmapped fields (empty text, an empty list, a Phone Country without a phone) are not sent.
      const result = await run({ ...MAPPED, values__name: '', values__budget: [], phone_country: 'GB' });

      expect(result).toEqual(flatProject);
      expect(attioRequests()).toHaveLength(loaded + 1);
      expect(paths().slice(loaded)).toEqual([`PATCH ${RECORD}`]);
    });

    it('is also what an explicit "append" (any case) does', async () => {
      await loadCachedFields();
      attio().patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } }).reply(200, { data: projectRecord() });
      await run({ multiselect_mode: ' Append ', values__hours_estimate: '12' });
    });

    it('trims and lower-cases a mapped record ID', async () => {
      await loadCachedFields();
      attio().patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } }).reply(200, { data: projectRecord() });
      await run({ record_id: ` ${PROJECT_ID.toUpperCase()} `, values__hours_estimate: 12 });
    });

    it('on a cold cache fetches the attributes and the choices of the mapped select and status first', async () => {
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active']) });
      attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3']) });
      attio().patch(RECORD, SENT).reply(200, { data: projectRecord() });

      expect(await run(MAPPED, true)).toEqual(flatProject);
      expect(paths()).toHaveLength(4);
      expect(paths()[0]).toBe('GET /v2/objects/projects/attributes');
      expect(paths()[3]).toBe(`PATCH ${RECORD}`);
    });
  });

  describe('replace', () => {
    it('PUTs the same body to the same path', async () => {
      const loaded = await loadCachedFields();
      attio().put(RECORD, SENT).reply(200, { data: projectRecord() });

      expect(await run({ ...MAPPED, multiselect_mode: 'replace' })).toEqual(flatProject);
      expect(paths().slice(loaded)).toEqual([`PUT ${RECORD}`]);
    });
  });

  describe('input fields', () => {
    it('offers every writable attribute, none required, with choices and the Phone Country field', async () => {
      mockFieldLoad();
      const fields = await loadFields({ object: 'projects' });

      expect(fields.slice(0, 3).map((f) => [f.key, f.required])).toEqual([
        ['object', true],
        ['record_id', true],
        ['multiselect_mode', false],
      ]);
      expect(fields[2]).toMatchObject({ default: 'append', choices: { append: expect.any(String), replace: expect.any(String) } });

      const dynamic = fields.slice(3);
      expect(dynamic.map((f) => f.key)).toEqual([
        'values__name',
        'values__project_code',
        'values__status',
        'values__priority',
        'values__tags',
        'values__company',
        'values__owner',
        'values__budget',
        'values__due_date',
        'values__kickoff_at',
        'values__is_billable',
        'values__health',
        'values__hours_estimate',
        'values__contact_email',
        'values__site',
        'values__hotline',
        'phone_country',
        'keep_subdomains',
      ]);
      // Not offered: record_id and created_at (read-only). Name is required in Attio, but an update sends only what is mapped.
      expect(dynamic.every((f) => f.required === false)).toBe(true);

      const byKey = Object.fromEntries(dynamic.map((f) => [f.key, f]));
      // archived statuses and options are not offered
      expect(byKey.values__status?.choices).toEqual(['Planned', 'Active', 'Done'].map((t) => ({ value: t, label: t, sample: t })));
      expect(byKey.values__priority?.choices).toEqual(['Low', 'Medium', 'High'].map((t) => ({ value: t, label: t, sample: t })));
      expect(byKey.values__tags).toMatchObject({
        label: 'Tags',
        list: true,
        choices: ['Urgent', 'Q3', 'Internal'].map((t) => ({ value: t, label: t, sample: t })),
      });
      expect(byKey.values__hours_estimate).toEqual({ key: 'values__hours_estimate', label: 'Hours estimate', type: 'number', required: false });
      expect(byKey.values__hotline).toMatchObject({ type: 'string', helpText: expect.stringContaining('international format') });
      expect(byKey.phone_country).toMatchObject({ label: 'Phone Country', required: false });
      expect(paths()).toHaveLength(4);
    });

    it.each([{}, { object: '' }])('has no attribute fields until an object is chosen (%j): no request', async (inputData) => {
      const fields = await loadFields(inputData);
      expect(fields.map((f) => f.key)).toEqual(['object', 'record_id', 'multiselect_mode']);
      expect(attioRequests()).toHaveLength(0);
    });

    it('says why no attribute field is offered when Object is mapped from an earlier step: no request', async () => {
      const fields = await loadFields({ object: '{{123__object}}' });
      expect(fields.map((f) => f.key)).toEqual(['object', 'record_id', 'multiselect_mode', 'object_fields_note', 'attribute_values', 'phone_country', 'keep_subdomains']);
      expect(attioRequests()).toHaveLength(0);
    });
  });

  describe('refusals before any request', () => {
    it('a record ID that is not one', async () => {
      const err = await failure(() => run({ record_id: 'Apollo', ...MAPPED }, true));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message:
          'Record "Apollo" is not an Attio record ID. Pick the record from the dropdown, or map the ID output by an earlier Attio step (like 891dcbfc-9141-415d-9b2a-2238a6cc012d).',
      });
      expect(attioRequests()).toHaveLength(0);
    });

    it('an unknown Multiselect Mode', async () => {
      const err = await failure(() => run({ multiselect_mode: 'merge', ...MAPPED }, true));
      expect(err).toEqual({ name: 'AppError', code: 'invalid_input', message: 'Multiselect Mode "merge" is not one of the choices. Choose one of: append (Add to the existing values), replace (Replace the existing values).' });
      expect(attioRequests()).toHaveLength(0);
    });

    it.each(['constructor', '__proto__', 'toString'])('a Multiselect Mode of %j (an inherited key, never a replace)', async (mode) => {
      const err = await failure(() => run({ multiselect_mode: mode, ...MAPPED }, true));
      expect(err).toMatchObject({ name: 'AppError', code: 'invalid_input', message: expect.stringContaining(`Multiselect Mode "${mode}" is not one of the choices.`) });
      expect(attioRequests()).toHaveLength(0);
    });

    it('nothing mapped', async () => {
      const err = await failure(() => run({ values__name: '', values__tags: [], phone_country: 'GB' }, true));
      expect(err).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message: 'No field to update is mapped, so the record was not changed. Map at least one attribute of "projects" (with Object mapped from an earlier step, fill in Attribute Values).',
      });
      expect(attioRequests()).toHaveLength(0);
    });

    it('a value of the wrong type, named by the attribute title', async () => {
      const loaded = await loadCachedFields();
      const err = await failure(() => run({ values__hours_estimate: 'lots', values__name: 'Apollo' }));
      expect(err).toEqual({ name: 'AppError', code: 'invalid_input', message: 'Hours estimate "lots" is not a number. Map a number like 42 or 99.5.' });
      expect(attioRequests()).toHaveLength(loaded);
    });

    it('an option that is not one (after one fresh look at the options)', async () => {
      const loaded = await loadCachedFields();
      attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3', 'Internal']) });
      const err = await failure(() => run({ values__tags: ['Urgent', 'Someday'] }));
      expect(err.message).toBe('Tags "Someday" is not an option of this field in Attio. Valid options: "Urgent", "Q3", "Internal".');
      expect(paths().slice(loaded)).toEqual(['GET /v2/objects/projects/attributes/tags/options']);
    });
  });

  describe('Attio errors', () => {
    it('404: names the object and the record ID', async () => {
      await loadCachedFields();
      attio()
        .patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } })
        .reply(404, attioErrorBody(404, 'not_found', `Record with ID "${PROJECT_ID}" not found.`));
      const err = await failure(() => run({ values__hours_estimate: '12' }));
      expect(err).toEqual({
        name: 'AppError',
        code: 'not_found',
        message: `No record in "projects" has the ID "${PROJECT_ID}" (it may have been deleted or merged), so nothing was updated. Pick the record again, or map the ID from a Find Record step.`,
      });
    });

    it('404 for the object itself (deleted, or not activated) is not blamed on the record', async () => {
      await loadCachedFields();
      attio()
        .patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } })
        .reply(404, attioErrorBody(404, 'not_found', 'Object with slug/ID "projects" not found.'));
      const err = await failure(() => run({ values__hours_estimate: '12' }));
      expect(err.message).toBe(
        `Attio could not find what was needed to update the record ${PROJECT_ID} in "projects": check that the selected object, list or record still exists in your workspace. Attio said: Object with slug/ID "projects" not found.`,
      );
    });

    it('a unique value another record has: names the attribute and the value', async () => {
      await loadCachedFields();
      const message = 'The value "APL-1" provided for attribute with slug "project_code" conflicts with one already in the system.';
      attio()
        .put(RECORD, { data: { values: { project_code: [{ value: 'APL-1' }] } } })
        .reply(400, attioErrorBody(400, 'uniqueness_conflict', message));
      const err = await failure(() => run({ multiselect_mode: 'replace', values__project_code: 'APL-1' }));
      expect(err).toEqual({
        name: 'AppError',
        code: 'uniqueness_conflict',
        message: `Another record in "projects" already has Project code "APL-1", which must be unique, so record ${PROJECT_ID} was not updated. Map a different value, or update the record that has it.`,
      });
    });

    it('other errors fall back to the shared mapping, naming the record', async () => {
      await loadCachedFields();
      attio()
        .patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } })
        .reply(400, attioErrorBody(400, 'value_not_found', 'Record with ID "x" not found.'));
      const err = await failure(() => run({ values__hours_estimate: '12' }));
      expect(err.message.startsWith(`Attio could not update the record ${PROJECT_ID} in "projects". Attio said: Record with ID`)).toBe(true);
    });

    it('an attribute archived since the fields loaded: says to refresh and remap, and the next run re-reads the attributes', async () => {
      const loaded = await loadCachedFields();
      attio()
        .patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } })
        .reply(400, attioErrorBody(400, 'value_not_found', 'Cannot find attribute with slug/ID "hours_estimate".'));
      const err = await failure(() => run({ values__hours_estimate: '12' }));
      expect(err).toEqual({
        name: 'AppError',
        code: 'value_not_found',
        message: 'The field "Hours estimate" (hours_estimate) is no longer a writable attribute in Attio (it may have been archived or deleted). Refresh the fields of this step and remap it, or remove it.',
      });
      expect(attioRequests()).toHaveLength(loaded + 1);

      // The cached metadata is gone: the next run reads the attributes again and stops before writing.
      const archived = projectAttributes().map((a) => (a.api_slug === 'hours_estimate' ? { ...a, is_archived: true } : a));
      attio().get('/v2/objects/projects/attributes').reply(200, { data: archived });
      const next = await failure(() => run({ values__hours_estimate: '12' }));
      expect(next.message).toBe('The field "hours_estimate" is no longer a writable attribute in Attio (it may have been archived or deleted). Refresh the fields of this step and remap it. Value: "12".');
      expect(paths().slice(loaded + 1)).toEqual(['GET /v2/objects/projects/attributes']);
    });

    it('an empty Multiselect Mode (cleared, or mapped from nothing) means append', async () => {
      await loadCachedFields();
      attio().patch(RECORD, { data: { values: { hours_estimate: [{ value: 12 }] } } }).reply(200, { data: projectRecord() });
      await run({ multiselect_mode: '', values__hours_estimate: '12' });
    });
  });

  describe('retries after a server error', () => {
    it('does not retry a PATCH that appends a multiselect value (it could be added twice)', async () => {
      const loaded = await loadCachedFields();
      attio().patch(RECORD, SENT).reply(503, attioErrorBody(503, 'service_unavailable', 'Service unavailable.', 'api_error'));

      const err = await failure(() => run(MAPPED));
      expect(err.message).toBe(
        `Attio returned a server error (503) while trying to update the record ${PROJECT_ID} in "projects". The write may or may not have happened: check Attio before replaying this run, so it is not done twice.`,
      );
      expect(attioRequests()).toHaveLength(loaded + 1);
      expect(time.waits).toEqual([]);
    });

    it('retries the same update in replace mode (PUT is safe to repeat)', async () => {
      const loaded = await loadCachedFields();
      attio()
        .put(RECORD, SENT)
        .reply(503, attioErrorBody(503, 'service_unavailable', 'Service unavailable.', 'api_error'))
        .put(RECORD, SENT)
        .reply(200, { data: projectRecord() });

      expect(await run({ ...MAPPED, multiselect_mode: 'replace' })).toEqual(flatProject);
      expect(paths().slice(loaded)).toEqual([`PUT ${RECORD}`, `PUT ${RECORD}`]);
      expect(time.waits).toEqual([250]);
    });

    it('retries a PATCH that maps no multiselect attribute (single values are replaced anyway)', async () => {
      const loaded = await loadCachedFields();
      const body = { data: { values: { hours_estimate: [{ value: 12 }], status: [{ status: 'Active' }] } } };
      attio()
        .patch(RECORD, body)
        .reply(502, 'Bad Gateway')
        .patch(RECORD, body)
        .reply(200, { data: projectRecord() });

      await run({ values__hours_estimate: '12', values__status: 'Active' });
      expect(attioRequests()).toHaveLength(loaded + 2);
    });
  });

  describe('a link mapped as the web URL of an Attio record (the Web URL output of an earlier step)', () => {
    // It used to be read as a domain: app.attio.com/… linked the company attio.com, or failed on it.
    const PERSON = '/v2/objects/people/records/bf071e1f-6035-429d-b874-d83ea64ea13b';
    const REFERRER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const COMPANY_ID = '7d3a9c1e-5b2f-4e8a-9c6d-1f0e2a3b4c5d';
    const runPeople = (inputData: Record<string, unknown>) =>
      appTester(perform, makeBundle({ inputData: { object: 'people', record_id: 'bf071e1f-6035-429d-b874-d83ea64ea13b', ...inputData } }) as never, true);

    it('links the record the URL names, in the object its page names', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio()
        .patch(PERSON, {
          data: {
            values: {
              company: [{ target_object: 'companies', target_record_id: COMPANY_ID }],
              referred_by: [{ target_object: 'people', target_record_id: REFERRER_ID }],
            },
          },
        })
        .reply(200, { data: personRecord() });
      await runPeople({
        values__company: `https://app.attio.com/salarya/company/${COMPANY_ID.toUpperCase()}/overview`,
        values__referred_by: ` https://app.attio.com/salarya/person/${REFERRER_ID} `,
      });
    });

    it("reads the browser's record page (…/deals/record/<id>/overview) as the record it shows", async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio()
        .patch(PERSON, { data: { values: { company: [{ target_object: 'companies', target_record_id: COMPANY_ID }] } } })
        .reply(200, { data: personRecord() });
      await runPeople({ values__company: `https://app.attio.com/salarya/companies/record/${COMPANY_ID}/overview` });
    });

    it('refuses any other page of Attio instead of linking the company attio.com, before anything is written', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      const err = await failure(() => runPeople({ values__company: 'https://app.attio.com/salarya/companies/view/all' }));
      expect(err.message).toMatch(/^Company "https:\/\/app\.attio\.com\/salarya\/companies\/view\/all" is a page of Attio, not a record's page\./);
      expect(paths()).toEqual(['GET /v2/objects/people/attributes']);
    });

    it('the URL of a custom object\'s record, for a link that may point at several objects, asks for object:record_id before anything is written', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      const err = await failure(() => runPeople({ values__company: `https://app.attio.com/salarya/project/${COMPANY_ID}` }));
      expect(err.message).toMatch(/^Company "https:\/\/app\.attio\.com\/salarya\/project\/.*" is a record ID, but this field can link to several objects/);
      expect(paths()).toEqual(['GET /v2/objects/people/attributes']);
    });
  });

  it('is registered as "Update Record" with the record sample', () => {
    expect(updateRecord.key).toBe('update_record');
    expect(updateRecord.noun).toBe('Record');
    expect(updateRecord.display.label).toBe('Update Record');
    expect(updateRecord.operation.sample).toEqual(recordSample);
  });
});

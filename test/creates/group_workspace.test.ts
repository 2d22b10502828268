import type { DataMatcherMap } from 'nock';
import groupWorkspace, { perform } from '../../src/creates/group_workspace';
import workspaceSample from '../../src/samples/workspace.json';
import { appTester, attio, attioErrorBody, heldReplies, loadInputFields, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, COMPANY_ID, companyRecord, failure, options, value } from '../fixtures/people_companies';
import { objectNotFound, record, text, USER_ID, WORKSPACE_RECORD_ID, workspaceAttributes } from '../fixtures/records';

const COMPANIES = '/v2/objects/companies/records';
const WORKSPACES = '/v2/objects/workspaces/records';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);
const writes = () => attioRequests().filter((r) => r.method !== 'GET');

const run = (inputData: Record<string, unknown>, freshCache = true) => appTester(perform, makeBundle({ inputData }), freshCache);

type Field = Record<string, unknown>;
/** The step's fields as the editor shows them: static, then the dynamic ones (through the app). */
const loadFields = async (freshCache = true): Promise<Field[]> => (await loadInputFields(groupWorkspace, {}, freshCache)) as unknown as Field[];

/** A typical companies object: domains (written by the step), and a few others. */
function companyAttributes() {
  return [
    attribute('record_id', 'text', { is_writable: false, is_system_attribute: true, title: 'Record ID' }),
    attribute('domains', 'domain', { is_multiselect: true, is_unique: true, is_system_attribute: true, title: 'Domains' }),
    attribute('name', 'text', { is_system_attribute: true, title: 'Name' }),
    attribute('description', 'text', { is_system_attribute: true, title: 'Description' }),
    attribute('categories', 'select', { is_multiselect: true, is_system_attribute: true, title: 'Categories' }),
    attribute('estimated_arr', 'currency', { title: 'Estimated ARR' }),
  ];
}

/** The workspaces record behind src/samples/workspace.json (company: null leaves the link out). */
function workspaceRecord(company: string | null = COMPANY_ID) {
  return record('workspaces', WORKSPACE_RECORD_ID, {
    workspace_id: [text('ws_41x9')],
    name: [text('Acme Analytics')],
    users: [value('record-reference', { target_object: 'users', target_record_id: USER_ID })],
    company: company ? [value('record-reference', { target_object: 'companies', target_record_id: company })] : [],
    avatar_url: [text('https://example.com/avatars/ws_41x9.png')],
  });
}

function assertCompany(values: DataMatcherMap, reply = companyRecord()) {
  return attio().put(COMPANIES, { data: { values } }).query({ matching_attribute: 'domains' }).reply(200, { data: reply });
}

/** The workspaces assert for ws_41x9 linked to `companyId` (none when null), plus `extra` values. */
function assertWorkspace(extra: DataMatcherMap = {}, companyId: string | null = COMPANY_ID) {
  return attio()
    .put(WORKSPACES, {
      data: {
        values: {
          ...extra,
          workspace_id: [{ value: 'ws_41x9' }],
          ...(companyId ? { company: [{ target_object: 'companies', target_record_id: companyId }] } : {}),
        },
      },
    })
    .query({ matching_attribute: 'workspace_id' });
}


const SAVED = 'the workspace "ws_41x9" was not saved';
const NOT_ACTIVATED_HINT = "A workspace admin can activate it in Attio's workspace settings, under Objects → Workspaces; then replay this run.";

describe('creates.group_workspace', () => {
  it('asserts the company by normalised domain, then the workspace linked to it: 2 requests, output equals the sample', async () => {
    const company = assertCompany({ domains: [{ domain: 'acme.com' }] });
    const workspace = assertWorkspace().reply(200, { data: workspaceRecord() });
    const result = await run({ domain: 'https://www.Acme.com/about', workspace_id: 'ws_41x9' });

    expect(company.isDone() && workspace.isDone()).toBe(true);
    expect(paths()).toEqual([`PUT ${COMPANIES}`, `PUT ${WORKSPACES}`]);
    expect(result).toEqual(workspaceSample);
  });

  it('links the workspace to the company id Attio returned for the first assert (so the company goes first)', async () => {
    const otherCompanyId = 'a1b2c3d4-0000-4000-8000-00000000cafe';
    const reply = { ...companyRecord(), id: { ...companyRecord().id, record_id: otherCompanyId } };
    assertCompany({ domains: [{ domain: 'acme.com' }] }, reply);
    assertWorkspace({}, otherCompanyId).reply(200, { data: workspaceRecord(otherCompanyId) });

    const result = await run({ domain: 'acme.com', workspace_id: ' ws_41x9 ' });
    const [first, second] = attioRequests();
    expect(first?.url).toMatch(/\/objects\/companies\/records\?matching_attribute=domains$/);
    expect(second?.url).toMatch(/\/objects\/workspaces\/records\?matching_attribute=workspace_id$/);
    expect(JSON.parse(second?.body ?? '{}').data.values.company).toEqual([{ target_object: 'companies', target_record_id: otherCompanyId }]);
    expect(result).toMatchObject({ id: WORKSPACE_RECORD_ID, company: { id: otherCompanyId, domain: 'acme.com' } });
  });

  it('a free email domain is no company: 1 request, the workspace saved without one, company null', async () => {
    assertWorkspace({}, null).reply(200, { data: workspaceRecord(null) });
    const result = await run({ domain: 'ada@Gmail.com', workspace_id: 'ws_41x9' });
    expect(paths()).toEqual([`PUT ${WORKSPACES}`]);
    expect(result).toEqual({ ...workspaceSample, company: null });
  });

  it('a free email domain leaves the company an earlier run linked as it is, and says so in the output', async () => {
    assertWorkspace({}, null).reply(200, { data: workspaceRecord(COMPANY_ID) });
    const result = await run({ domain: 'gmail.com', workspace_id: 'ws_41x9' });
    expect(paths()).toEqual([`PUT ${WORKSPACES}`]);
    expect(result.company).toEqual({ target_object: 'companies', target_record_id: COMPANY_ID });
  });

  it('a free email domain with Allow Free Email Domains "true": the company is asserted and linked (2 requests)', async () => {
    assertCompany({ domains: [{ domain: 'gmail.com' }] });
    assertWorkspace().reply(200, { data: workspaceRecord() });
    await run({ domain: 'gmail.com', workspace_id: 'ws_41x9', allow_free_email_domains: 'true' });
    expect(paths()).toEqual([`PUT ${COMPANIES}`, `PUT ${WORKSPACES}`]);
  });

  it('"false" keeps the default: no company for a free email domain', async () => {
    assertWorkspace({}, null).reply(200, { data: workspaceRecord(null) });
    await run({ domain: 'outlook.com', workspace_id: 'ws_41x9', allow_free_email_domains: 'false' });
    expect(paths()).toEqual([`PUT ${WORKSPACES}`]);
  });

  it('does not write the workspace when the company assert fails', async () => {
    attio()
      .put(COMPANIES, { data: { values: { domains: [{ domain: 'acme.com' }] } } })
      .query({ matching_attribute: 'domains' })
      .reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9' }));
    expect(err.message).toMatch(/^Attio did not allow this connection to create or update the company acme\.com\./);
    expect(paths()).toEqual([`PUT ${COMPANIES}`]);
  });

  describe('extra attributes for each side', () => {
    it('sends company_values__ to the company and workspace_values__ to the workspace (cold cache: attributes, options)', async () => {
      attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
      attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B']) });
      attio().get('/v2/objects/workspaces/attributes').reply(200, { data: workspaceAttributes() });
      assertCompany({ categories: [{ option: 'SaaS' }, { option: 'B2B' }], name: [{ value: 'Acme' }], domains: [{ domain: 'acme.com' }] });
      assertWorkspace({ seats: [{ value: 12 }], name: [{ value: 'Acme Analytics' }] }).reply(200, { data: workspaceRecord() });

      await run({
        domain: 'acme.com',
        workspace_id: 'ws_41x9',
        company_values__categories: ['saas', 'B2B'],
        company_values__name: 'Acme',
        workspace_values__seats: '12',
        workspace_values__name: 'Acme Analytics',
      });
      expect(writes().map((r) => new URL(r.url).pathname)).toEqual([COMPANIES, WORKSPACES]);
    });

    it('after the field load, formats both sides from the cache: only the 2 writes', async () => {
      attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
      attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B']) });
      attio().get('/v2/objects/workspaces/attributes').reply(200, { data: workspaceAttributes() });
      await loadFields();
      const loaded = attioRequests().length;

      assertCompany({ estimated_arr: [{ currency_value: 1250000 }], domains: [{ domain: 'acme.com' }] });
      assertWorkspace({ seats: [{ value: 12 }] }).reply(200, { data: workspaceRecord() });
      await run({ domain: 'acme.com', workspace_id: 'ws_41x9', company_values__estimated_arr: '$1,250,000', workspace_values__seats: 12 }, false);
      expect(attioRequests().slice(loaded).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT ${COMPANIES}`, `PUT ${WORKSPACES}`]);
    });

    it('an invalid workspace value names "Workspace: …"; nothing is written', async () => {
      attio().get('/v2/objects/workspaces/attributes').reply(200, { data: workspaceAttributes() });
      const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9', workspace_values__seats: 'a dozen' }));
      expect(err).toEqual({
        name: 'AppError',
        message: expect.stringMatching(/^Workspace: Seats "a dozen" is not a number\./),
        code: 'invalid_input',
      });
      expect(writes()).toHaveLength(0);
    });

    it('an unknown company option names "Company: …" and lists the valid ones; nothing is written', async () => {
      attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
      attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B']) });
      const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9', company_values__categories: ['SaaS', 'Anvils'] }));
      expect(err).toEqual({
        name: 'AppError',
        message: 'Company: Categories "Anvils" is not an option of this field in Attio. Valid options: "SaaS", "B2B".',
        code: 'invalid_input',
      });
      expect(writes()).toHaveLength(0);
    });

    it("Attio's validation errors name the mapped field with its side", async () => {
      attio().get('/v2/objects/workspaces/attributes').reply(200, { data: workspaceAttributes() });
      assertCompany({ domains: [{ domain: 'acme.com' }] });
      assertWorkspace({ seats: [{ value: -3 }] }).reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'too_small', path: ['data', 'values', 'seats', 0, 'value'], message: 'Must be positive' }],
      });
      const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9', workspace_values__seats: '-3' }));
      expect(err.message).toBe(
        'The company acme.com was created or updated, but the workspace "ws_41x9" was not: Attio rejected the data sent to create or update the workspace ws_41x9. Workspace: Seats (seats) → value: Must be positive. Fix the mapped value and try again.',
      );
    });
  });

  describe('workspaces object not activated', () => {
    it('the workspaces assert answers 404: says so, how to activate it, that the workspace was not saved and the company was', async () => {
      assertCompany({ domains: [{ domain: 'acme.com' }] });
      assertWorkspace().reply(404, objectNotFound('workspaces'));
      const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9' }));
      expect(err).toEqual({
        name: 'AppError',
        message: `The company acme.com was created or updated, but the workspace "ws_41x9" was not: The Workspaces object is not activated in your Attio workspace, so ${SAVED}. ${NOT_ACTIVATED_HINT}`,
        code: 'object_not_activated',
      });
      expect(paths()).toEqual([`PUT ${COMPANIES}`, `PUT ${WORKSPACES}`]);
    });

    it('without a company (free email domain) the message does not claim one was saved', async () => {
      assertWorkspace({}, null).reply(404, objectNotFound('workspaces'));
      const err = await failure(() => run({ domain: 'gmail.com', workspace_id: 'ws_41x9' }));
      expect(err.message).toBe(`The Workspaces object is not activated in your Attio workspace, so ${SAVED}. ${NOT_ACTIVATED_HINT}`);
    });

    it('workspace extras on a cold cache: the attributes lookup answers 404, the same message, and nothing is written', async () => {
      attio().get('/v2/objects/workspaces/attributes').reply(404, objectNotFound('workspaces'));
      const err = await failure(() => run({ domain: 'acme.com', workspace_id: 'ws_41x9', workspace_values__seats: '12' }));
      expect(err).toEqual({
        name: 'AppError',
        message: `The Workspaces object is not activated in your Attio workspace, so ${SAVED}. ${NOT_ACTIVATED_HINT}`,
        code: 'object_not_activated',
      });
      expect(writes()).toHaveLength(0);
    });
  });

  describe('input fields', () => {
    it('loads company fields (Company: …) and workspace fields (Workspace: …) in parallel, leaving out what the step writes', async () => {
      const state = heldReplies({
        '/v2/objects/companies/attributes': [200, { data: companyAttributes() }],
        '/v2/objects/workspaces/attributes': [200, { data: workspaceAttributes() }],
      });
      attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B']) });
      const fields = await loadFields();

      expect(state.sequential).toBe(false);
      expect(fields.map((f) => [f.key, f.label])).toEqual([
        ['domain', 'Domain'],
        ['workspace_id', 'Workspace ID'],
        ['allow_free_email_domains', 'Allow Free Email Domains'],
        ['keep_subdomains', 'Keep Subdomains'],
        ['company_values__name', 'Company: Name'],
        ['company_values__description', 'Company: Description'],
        ['company_values__categories', 'Company: Categories'],
        ['company_values__estimated_arr', 'Company: Estimated ARR'],
        ['workspace_values__name', 'Workspace: Name'],
        ['workspace_values__users', 'Workspace: Users'],
        ['workspace_values__avatar_url', 'Workspace: Avatar URL'],
        ['workspace_values__seats', 'Workspace: Seats'],
      ]);
      expect(fields.find((f) => f.key === 'company_values__categories')).toEqual({
        key: 'company_values__categories',
        label: 'Company: Categories',
        type: 'string',
        required: false,
        list: true,
        choices: [
          { value: 'SaaS', label: 'SaaS', sample: 'SaaS' },
          { value: 'B2B', label: 'B2B', sample: 'B2B' },
        ],
      });
      expect(fields.filter((f) => String(f.key).includes('_values__')).every((f) => f.required === false)).toBe(true);
    });

    it('with the workspaces object not activated: company fields and a note explaining how to activate it', async () => {
      attio().get('/v2/objects/companies/attributes').reply(200, { data: companyAttributes() });
      attio().get('/v2/objects/companies/attributes/categories/options').reply(200, { data: options(['SaaS', 'B2B']) });
      attio().get('/v2/objects/workspaces/attributes').reply(404, objectNotFound('workspaces'));
      const fields = await loadFields();

      expect(fields.filter((f) => String(f.key).startsWith('company_values__'))).toHaveLength(4);
      expect(fields.filter((f) => String(f.key).startsWith('workspace_values__'))).toEqual([
        {
          key: 'workspace_values__not_activated',
          label: 'Workspaces Object',
          type: 'copy',
          helpText: `The Workspaces object is not activated in this Attio workspace, so this step cannot save workspaces yet. ${NOT_ACTIVATED_HINT}`,
        },
      ]);
    });
  });

  it.each([
    [{ domain: 'acme', workspace_id: 'ws_41x9' }, expect.stringMatching(/^Domain "acme" is not a domain\./)],
    [{ domain: '', workspace_id: 'ws_41x9' }, expect.stringMatching(/^Domain "" is not a domain\./)],
    [{ domain: 'acme.com', workspace_id: '' }, 'Workspace ID is empty. Map the id your product gives this workspace.'],
    [{ domain: 'acme.com', workspace_id: '  ' }, 'Workspace ID is empty. Map the id your product gives this workspace.'],
    [{ domain: 'acme.com' }, 'Workspace ID is empty. Map the id your product gives this workspace.'],
  ])('refuses %j before any request', async (inputData, message) => {
    const err = await failure(() => run({ ...inputData, workspace_values__seats: '12' }));
    expect(err).toEqual({ name: 'AppError', message, code: 'invalid_input' });
    expect(attioRequests()).toHaveLength(0);
  });

  it('is registered as "Group Workspace" with the workspace sample', () => {
    expect(groupWorkspace.key).toBe('group_workspace');
    expect(groupWorkspace.display.label).toBe('Group Workspace');
    expect(groupWorkspace.operation.sample).toEqual(workspaceSample);
  });
});

// Bench section: Attio requests per operation, for every action, search and trigger of the BUILT app,
// counted by the local sandbox (every request that reaches it), beside the figure the issues promise.
// Each measurement gets a fresh runner (a fresh z.cache, like a Zap's first run), prepares what it needs
// uncounted (records, a subscription, a warmed cache), then counts exactly one operation.
import path from 'node:path';
import { signWebhookBody, startSandbox, type Sandbox, type WebhookDelivery } from '../sandbox/server';
import type { Row, Section } from './bench_section';
import { EVENT_MEASUREMENTS } from './bench_events';
import {
  asItem,
  connect,
  FIND_OR_CREATE_COMPANY,
  FIND_OR_CREATE_PERSON,
  FIND_OR_CREATE_RECORD,
  findOrCreate,
  holdingAppLogs,
  hookBundle,
  type BundleInput,
  type FlowContext,
  type Item,
} from './flows';

/** Records every measurement can rely on, written in-process (uncounted) before the first one. */
interface Seed {
  companyId: string;
  personId: string;
  projectId: string;
  memberId: string;
}

const COMPANY_DOMAIN = 'acme.example';
const PERSON_EMAIL = 'ada@acme.example';
const LIST = 'sales_pipeline';

export interface Meter {
  ctx: FlowContext;
  seed: Seed;
  /** Counts the requests `work` sends (call it once); what happens outside is preparation. */
  counted<T>(work: () => Promise<T>): Promise<T>;
}

export interface Measurement {
  operation: string;
  /** The figure the issues give, with its source; none for operations the issues give no figure for. */
  expected?: { requests: number | ((sandbox: Sandbox) => number); source: string };
  measure(meter: Meter): Promise<unknown>;
}

// ------------------------------------------------------------------ helpers for the measurements

let unique = 0;
/** A fresh value per call: measurements must not find each other's records or subscriptions. */
const next = () => String(++unique).padStart(3, '0');

const create = (m: Meter, key: string, inputData: Record<string, unknown>) =>
  m.counted(() => m.ctx.invoke('creates', key, 'perform', { inputData }));
const search = (m: Meter, key: string, inputData: Record<string, unknown>) =>
  m.counted(() => m.ctx.invoke('searches', key, 'perform', { inputData }));
const poll = (m: Meter, key: string, inputData: Record<string, unknown> = {}) =>
  m.counted(() => m.ctx.invoke('triggers', key, 'perform', { inputData }));
const fields = (m: Meter, key: string, inputData: Record<string, unknown> = {}) =>
  m.counted(() => m.ctx.invoke('creates', key, 'inputFields', { inputData }));
/** An uncounted field load, so the attribute metadata is cached as it is after a Zap builder sets up the step. */
const warm = (m: Meter, kind: 'creates' | 'searches', key: string, inputData: Record<string, unknown>) =>
  m.ctx.invoke(kind, key, 'inputFields', { inputData });

/** Select and status attributes of an object or list: the choices the field load fetches in one batch. */
function choiceAttributes(sandbox: Sandbox, target: 'object' | 'list', slug: string): number {
  const parent = target === 'object' ? sandbox.schema.object(slug) : sandbox.schema.list(slug);
  if (!parent) throw new Error(`the sandbox has no ${target} ${slug}`);
  return parent.attributes.filter((a) => !a.is_archived && a.is_writable && (a.type === 'select' || a.type === 'status')).length;
}

/** 1 for the attributes, plus the option/status requests of its parallel batch. */
const fieldLoad = (target: 'object' | 'list', slug: string) => (sandbox: Sandbox) => 1 + choiceAttributes(sandbox, target, slug);

/** Subscribes a hook trigger (uncounted) and returns the subscribeData. */
async function subscribed(m: Meter, trigger: string, inputData: Record<string, unknown>): Promise<Item> {
  const targetUrl = `https://hooks.zapier.com/hooks/standard/1234567/bench${next()}/`;
  return asItem(await m.ctx.invoke('triggers', trigger, 'performSubscribe', { inputData, targetUrl }), `${trigger} performSubscribe`);
}

/** Makes Attio fire one event for the subscription and returns the delivery as Zapier hands it over. */
async function delivered(m: Meter, data: Item, inputData: Record<string, unknown>, cause: () => string): Promise<BundleInput> {
  const id = cause();
  const delivery = await m.ctx.sandbox.waitForDelivery(
    (d) => d.webhookId === data.id && d.payload.events.some((e) => Object.values(e.id).includes(id)),
    5_000,
  );
  return hookBundle(delivery, data, inputData);
}

const newCompany = (m: Meter) => () => m.ctx.sandbox.createRecord('companies', { domains: [`hook${next()}.example`] }).id.record_id;
const newEntry = (m: Meter) => () => m.ctx.sandbox.addEntry(LIST, 'companies', newCompany(m)()).id.entry_id;

// ------------------------------------------------------------------ the measurements

/**
 * A record's actors (its creator, an owner) are named through one workspace-member list per connection,
 * cached 10 minutes (src/attio/actors.ts). Rows whose result names a member are counted as a connection's
 * later runs find it, with that list cached by an uncounted run first (as "list cached" rows do for lists);
 * the first run of a connection in 10 minutes adds one GET /workspace_members, counted in rows of its own.
 */
const warmMembers = (m: Meter) => m.ctx.invoke('searches', 'find_person', 'perform', { inputData: { email: PERSON_EMAIL } });
function membersCached(x: Measurement): Measurement {
  return {
    ...x,
    operation: `${x.operation}, member list cached`,
    measure: async (m) => {
      await warmMembers(m);
      return x.measure(m);
    },
  };
}
const ISSUE16 = 'issue 16: + GET /workspace_members, once per connection per 10 minutes';

const ISSUE3 = 'issue 3';
const ISSUE4 = 'issue 4';
const ISSUE5 = 'issue 5';

const AUTH_AND_DROPDOWNS: Measurement[] = [
  { operation: 'authentication test', measure: (m) => m.counted(() => m.ctx.invokePath(['authentication', 'test'])) },
  { operation: 'list_objects (dropdown)', measure: (m) => poll(m, 'list_objects') },
  { operation: 'list_lists (dropdown)', measure: (m) => poll(m, 'list_lists') },
  { operation: 'list_workspace_members (dropdown)', measure: (m) => poll(m, 'list_workspace_members') },
  { operation: 'list_records (dropdown, by object)', measure: (m) => poll(m, 'list_records', { parent_object: 'people' }) },
  { operation: 'list_records (dropdown, by list, first use)', measure: (m) => poll(m, 'list_records', { list: LIST }) },
];

const FIELD_LOADS: Measurement[] = [
  {
    operation: 'dynamic fields: create_person',
    expected: { requests: fieldLoad('object', 'people'), source: ISSUE3 },
    measure: (m) => fields(m, 'create_person'),
  },
  {
    operation: 'dynamic fields: create_company',
    expected: { requests: fieldLoad('object', 'companies'), source: ISSUE3 },
    measure: (m) => fields(m, 'create_company'),
  },
  {
    operation: `dynamic fields: add_to_list (${LIST})`,
    expected: { requests: fieldLoad('list', LIST), source: ISSUE4 },
    measure: (m) => fields(m, 'add_to_list', { list: LIST }),
  },
];

const PEOPLE_AND_COMPANIES: Measurement[] = [
  {
    operation: 'create_person',
    expected: { requests: 1, source: ISSUE3 },
    measure: (m) => create(m, 'create_person', { email: `grace${next()}@navy.example`, first_name: 'Grace', last_name: 'Hopper' }),
  },
  {
    operation: 'create_person with company_domain',
    expected: { requests: 2, source: ISSUE3 },
    measure: (m) => create(m, 'create_person', { email: `alan${next()}@bletchley.example`, company_domain: 'bletchley.example' }),
  },
  {
    operation: 'create_company',
    expected: { requests: 1, source: ISSUE3 },
    measure: (m) => create(m, 'create_company', { domain: `initech${next()}.example`, name: 'Initech' }),
  },
  {
    operation: 'create_company with a custom select field (after the field load)',
    expected: { requests: 1, source: ISSUE3 },
    measure: async (m) => {
      await m.ctx.invoke('creates', 'create_company', 'inputFields', { inputData: {} });
      return create(m, 'create_company', { domain: `umbrella${next()}.example`, values__categories: ['SaaS'], values__employee_range: '11-50' });
    },
  },
  membersCached({ operation: 'find_person (hit)', expected: { requests: 1, source: ISSUE3 }, measure: (m) => search(m, 'find_person', { email: PERSON_EMAIL }) }),
  {
    operation: 'find_person (hit), member list cold',
    expected: { requests: 2, source: ISSUE16 },
    measure: (m) => search(m, 'find_person', { email: PERSON_EMAIL }),
  },
  { operation: 'find_person (miss)', expected: { requests: 1, source: ISSUE3 }, measure: (m) => search(m, 'find_person', { email: 'nobody@acme.example' }) },
  membersCached({ operation: 'find_company (hit)', expected: { requests: 1, source: ISSUE3 }, measure: (m) => search(m, 'find_company', { domain: COMPANY_DOMAIN }) }),
  { operation: 'find_company (miss)', expected: { requests: 1, source: ISSUE3 }, measure: (m) => search(m, 'find_company', { domain: 'nothing.example' }) },
  membersCached({
    operation: 'Find or Create Person (hit)',
    expected: { requests: 1, source: ISSUE3 },
    measure: (m) => m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_PERSON, { email: PERSON_EMAIL }, { email: PERSON_EMAIL })),
  }),
  {
    operation: 'Find or Create Person (miss)',
    expected: { requests: 2, source: ISSUE3 },
    measure: (m) => {
      const email = `new${next()}@acme.example`;
      return m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_PERSON, { email }, { email }));
    },
  },
  membersCached({
    operation: 'Find or Create Company (hit)',
    expected: { requests: 1, source: ISSUE3 },
    measure: (m) => m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_COMPANY, { domain: COMPANY_DOMAIN }, { domain: COMPANY_DOMAIN })),
  }),
  {
    operation: 'Find or Create Company (miss)',
    expected: { requests: 2, source: ISSUE3 },
    measure: (m) => {
      const domain = `new${next()}.example`;
      return m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_COMPANY, { domain }, { domain }));
    },
  },
];

const NOTES_TASKS_LISTS: Measurement[] = [
  {
    operation: 'create_note (parent by record id)',
    expected: { requests: 1, source: ISSUE4 },
    measure: (m) => create(m, 'create_note', { parent_object: 'people', parent_record_id: m.seed.personId, title: 'Call', content: 'Notes.' }),
  },
  {
    operation: 'create_note (parent by email)',
    expected: { requests: 2, source: ISSUE4 },
    measure: (m) => create(m, 'create_note', { parent_object: 'people', parent_email: PERSON_EMAIL, title: 'Call', content: 'Notes.' }),
  },
  {
    operation: 'create_note (parent by domain)',
    expected: { requests: 2, source: ISSUE4 },
    measure: (m) => create(m, 'create_note', { parent_object: 'companies', parent_domain: COMPANY_DOMAIN, title: 'Call', content: 'Notes.' }),
  },
  {
    operation: 'create_task (linked by email and domain, assigned)',
    expected: { requests: 1, source: ISSUE4 },
    measure: (m) =>
      create(m, 'create_task', {
        content: 'Follow up',
        deadline_at: '2030-01-15T09:00:00Z',
        linked_person_emails: [PERSON_EMAIL],
        linked_company_domains: [COMPANY_DOMAIN],
        assignee_emails: ['alice@example.com'],
      }),
  },
  {
    operation: 'add_to_list (first use of the list)',
    expected: { requests: 2, source: ISSUE4 },
    measure: (m) => create(m, 'add_to_list', { list: LIST, parent_record_id: newCompany(m)() }),
  },
  {
    operation: 'add_to_list (list cached)',
    expected: { requests: 1, source: ISSUE4 },
    measure: async (m) => {
      await m.ctx.invoke('creates', 'add_to_list', 'perform', { inputData: { list: LIST, parent_record_id: newCompany(m)() } });
      return create(m, 'add_to_list', { list: LIST, parent_record_id: newCompany(m)() });
    },
  },
  {
    operation: 'find_list_entry (first use of the list)',
    // No figure: issue 4 says 1, met once the list is cached (next row); the first use also reads the list.
    measure: (m) => search(m, 'find_list_entry', { list: LIST, parent_record_id: m.seed.companyId }),
  },
  {
    operation: 'find_list_entry (list cached)',
    expected: { requests: 1, source: ISSUE4 },
    measure: async (m) => {
      await m.ctx.invoke('searches', 'find_list_entry', 'perform', { inputData: { list: LIST, parent_record_id: m.seed.companyId } });
      return search(m, 'find_list_entry', { list: LIST, parent_record_id: m.seed.companyId });
    },
  },
];

const ISSUE7 = 'issue 7';
const PROJECT_CODE = 'ACME-1';

const ANY_OBJECT: Measurement[] = [
  {
    operation: 'dynamic fields: create_record (projects)',
    measure: (m) => fields(m, 'create_record', { object: 'projects' }),
  },
  {
    operation: 'create_record (projects, matched on project_code, after the field load)',
    expected: { requests: 1, source: ISSUE7 },
    measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'projects' });
      return create(m, 'create_record', {
        object: 'projects',
        matching_attribute: 'project_code',
        values__project_code: `P-${next()}`,
        values__name: 'Onboarding',
        values__priority: 'high',
        values__status: 'active',
        values__hours_estimate: '12',
      });
    },
  },
  membersCached({
    operation: 'create_record (deals, plain create, after the field load)',
    expected: { requests: 1, source: ISSUE7 },
    measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'deals' });
      return create(m, 'create_record', { object: 'deals', values__name: `Renewal ${next()}`, values__stage: 'won 🎉', values__owner: 'alice@example.com', values__value: '12000' });
    },
  }),
  {
    operation: 'create_record (projects, cold cache: no field load before)',
    measure: (m) => create(m, 'create_record', { object: 'projects', matching_attribute: 'project_code', values__project_code: `P-${next()}`, values__name: 'Cold' }),
  },
  {
    operation: 'update_record (append, after the field load)',
        measure: async (m) => {
      await warm(m, 'creates', 'update_record', { object: 'projects' });
      return create(m, 'update_record', { object: 'projects', record_id: m.seed.projectId, values__hours_estimate: '20' });
    },
  },
  {
    operation: 'update_record (replace, after the field load)',
        measure: async (m) => {
      await warm(m, 'creates', 'update_record', { object: 'projects' });
      return create(m, 'update_record', { object: 'projects', record_id: m.seed.projectId, multiselect_mode: 'replace', values__priority: 'Low' });
    },
  },
  membersCached({
    operation: 'find_record (people by email, after the field load)',
    expected: { requests: 1, source: ISSUE7 },
    measure: async (m) => {
      await warm(m, 'searches', 'find_record', { object: 'people' });
      return search(m, 'find_record', { object: 'people', attribute: 'email_addresses', value: PERSON_EMAIL });
    },
  }),
  {
    operation: 'find_record (projects by select title, after the field load)',
    expected: { requests: 1, source: ISSUE7 },
    measure: async (m) => {
      await warm(m, 'searches', 'find_record', { object: 'projects' });
      return search(m, 'find_record', { object: 'projects', attribute: 'priority', value: 'high' });
    },
  },
  membersCached({
    operation: 'find_record (by record ID, cold cache)',
    expected: { requests: 1, source: ISSUE7 },
    measure: (m) => search(m, 'find_record', { object: 'projects', attribute: 'record_id', value: m.seed.projectId }),
  }),
  {
    operation: 'Find or Create Record (projects, hit)',
        measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'projects' });
      const search = { object: 'projects', attribute: 'project_code', value: PROJECT_CODE };
      const create = { object: 'projects', matching_attribute: 'project_code', values__project_code: PROJECT_CODE, values__name: 'Acme onboarding' };
      return m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_RECORD, search, create));
    },
  },
  {
    operation: 'Find or Create Record (projects, miss)',
        measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'projects' });
      const code = `P-${next()}`;
      const search = { object: 'projects', attribute: 'project_code', value: code };
      const create = { object: 'projects', matching_attribute: 'project_code', values__project_code: code, values__name: 'New' };
      return m.counted(() => findOrCreate(m.ctx, FIND_OR_CREATE_RECORD, search, create));
    },
  },
  {
    operation: 'identify_user',
    expected: { requests: 2, source: ISSUE7 },
    measure: (m) => create(m, 'identify_user', { email: `user${next()}@acme.example`, user_id: `usr_${next()}` }),
  },
  {
    operation: 'group_workspace',
    expected: { requests: 2, source: ISSUE7 },
    measure: (m) => create(m, 'group_workspace', { domain: `team${next()}.example`, workspace_id: `ws_${next()}` }),
  },
  {
    operation: 'create_comment (on a record, author picked)',
        measure: (m) =>
      create(m, 'create_comment', { object: 'people', record_id: m.seed.personId, author: m.seed.memberId, content: 'Renewal call went well.' }),
  },
  {
    operation: 'create_comment (author mapped as an email)',
    measure: (m) =>
      create(m, 'create_comment', { object: 'people', record_id: m.seed.personId, author: 'alice@example.com', content: 'Renewal call went well.' }),
  },
  { operation: 'list_entries (dropdown)', measure: (m) => poll(m, 'list_entries', { list: LIST }) },
];

// Issue 14: the rest of the write and search surface. "cached" rows warm the step's fields (and the list's
// metadata) with uncounted calls first, as after a Zap builder set the step up and ran it once.
const ISSUE14 = 'issue 14';

/** A company on the list, written in-process (uncounted): its id and its entry's id. */
function companyOnList(m: Meter): { companyId: string; entryId: string } {
  const companyId = newCompany(m)();
  return { companyId, entryId: m.ctx.sandbox.addEntry(LIST, 'companies', companyId).id.entry_id };
}

/** Caches the list's metadata (GET /lists/{list}) the way a first run does, uncounted. */
const warmList = (m: Meter, list = LIST) =>
  m.ctx.invoke('searches', 'find_list_entry', 'perform', { inputData: { list, parent_record_id: list === LIST ? m.seed.companyId : m.seed.personId } });

/** A deal matched on its name and company; `name` differs per measurement. */
const matchedDeal = (m: Meter, name: string) => ({
  object: 'deals',
  match_on: ['name', 'associated_company'],
  values__name: name,
  values__stage: 'won 🎉',
  values__owner: 'alice@example.com',
  values__associated_company: `companies:${m.seed.companyId}`,
});

const WRITES_AND_SEARCHES: Measurement[] = [
  membersCached({
    operation: 'update_list_entry (by entry ID, fields cached)',
    expected: { requests: 1, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'update_list_entry', { list: LIST });
      const { entryId } = companyOnList(m);
      return create(m, 'update_list_entry', { list: LIST, entry_id: entryId, values__stage: 'Qualified' });
    },
  }),
  {
    operation: 'update_list_entry (by parent record, fields and list cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'update_list_entry', { list: LIST });
      await warmList(m);
      const { companyId } = companyOnList(m);
      return create(m, 'update_list_entry', { list: LIST, parent_record_id: companyId, values__stage: 'Qualified' });
    },
  },
  {
    operation: 'update_list_entry (by company domain: path filter, no lookup; fields and list cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'update_list_entry', { list: LIST });
      await warmList(m);
      const domain = `entry${next()}.example`;
      m.ctx.sandbox.addEntry(LIST, 'companies', m.ctx.sandbox.createRecord('companies', { domains: [domain] }).id.record_id);
      return create(m, 'update_list_entry', { list: LIST, parent_domain: `https://www.${domain}/`, values__stage: 'Qualified' });
    },
  },
  {
    operation: 'remove_from_list (by person email on prospects: path filter, list cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warmList(m, 'prospects');
      const email = `prospect${next()}@acme.example`;
      m.ctx.sandbox.addEntry('prospects', 'people', m.ctx.sandbox.createRecord('people', { email_addresses: [email] }).id.record_id);
      return create(m, 'remove_from_list', { list: 'prospects', parent_email: email.toUpperCase() });
    },
  },
  {
    operation: 'remove_from_list (a record with 1 entry, list cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warmList(m);
      return create(m, 'remove_from_list', { list: LIST, parent_record_id: companyOnList(m).companyId });
    },
  },
  {
    operation: 'remove_from_list (a record with 2 entries, list cached: deletes concurrent)',
    expected: { requests: 3, source: ISSUE14 },
    measure: async (m) => {
      await warmList(m);
      const { companyId } = companyOnList(m);
      m.ctx.sandbox.addEntry(LIST, 'companies', companyId);
      return create(m, 'remove_from_list', { list: LIST, parent_record_id: companyId });
    },
  },
  {
    operation: 'remove_from_list (replay: not on the list)',
    expected: { requests: 1, source: ISSUE14 },
    measure: async (m) => {
      await warmList(m);
      return create(m, 'remove_from_list', { list: LIST, parent_record_id: newCompany(m)() });
    },
  },
  {
    operation: 'delete_record (by record ID)',
    expected: { requests: 1, source: ISSUE14 },
    measure: (m) => create(m, 'delete_record', { object: 'companies', record_id: newCompany(m)() }),
  },
  {
    operation: 'delete_record (by domain, fields cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'delete_record', { object: 'companies' });
      const domain = `gone${next()}.example`;
      m.ctx.sandbox.createRecord('companies', { domains: [domain] });
      return create(m, 'delete_record', { object: 'companies', attribute: 'domains', value: domain });
    },
  },
  {
    operation: 'update_task (mark done)',
    expected: { requests: 1, source: ISSUE14 },
    measure: async (m) => {
      const task = asItem(await m.ctx.invoke('creates', 'create_task', 'perform', { inputData: { content: `Call back ${next()}` } }), 'create_task');
      return create(m, 'update_task', { task_id: task.id, is_completed: 'true' });
    },
  },
  membersCached({
    operation: 'find_records (projects by name, fields cached)',
    expected: { requests: 1, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'searches', 'find_records', { object: 'projects' });
      return search(m, 'find_records', { object: 'projects', attribute: 'name', value: 'Acme onboarding' });
    },
  }),
  membersCached({
    operation: 'create_record with match_on (deal created, fields cached)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'deals' });
      return create(m, 'create_record', matchedDeal(m, `Renewal ${next()}`));
    },
  }),
  {
    operation: 'create_record with match_on (the same deal again: updated)',
    expected: { requests: 2, source: ISSUE14 },
    measure: async (m) => {
      await warm(m, 'creates', 'create_record', { object: 'deals' });
      const deal = matchedDeal(m, `Renewal ${next()}`);
      await m.ctx.invoke('creates', 'create_record', 'perform', { inputData: deal });
      return create(m, 'create_record', deal);
    },
  },
  { operation: 'api_request (GET /v2/self)', measure: (m) => create(m, 'api_request', { method: 'GET', path: '/v2/self' }) },
  { operation: 'list_tasks (dropdown)', measure: (m) => poll(m, 'list_tasks') },
];

function hookMeasurements(trigger: 'new_record' | 'new_list_entry', inputData: Record<string, unknown>, perEvent: number): Measurement[] {
  const cause = trigger === 'new_record' ? newCompany : newEntry;
  return [
    {
      operation: `${trigger} performSubscribe`,
      expected: { requests: 2, source: ISSUE5 },
      measure: (m) =>
        m.counted(() => m.ctx.invoke('triggers', trigger, 'performSubscribe', { inputData, targetUrl: `https://hooks.zapier.com/hooks/standard/1/s${next()}/` })),
    },
    membersCached({
      operation: `${trigger} perform (a delivery of 1 event)`,
      expected: { requests: perEvent, source: ISSUE5 },
      measure: async (m) => {
        const bundle = await delivered(m, await subscribed(m, trigger, inputData), inputData, cause(m));
        return m.counted(() => m.ctx.invoke('triggers', trigger, 'perform', bundle));
      },
    }),
    {
      operation: `${trigger} perform (the same delivery again: deduped)`,
      measure: async (m) => {
        const bundle = await delivered(m, await subscribed(m, trigger, inputData), inputData, cause(m));
        await m.ctx.invoke('triggers', trigger, 'perform', bundle);
        return m.counted(() => m.ctx.invoke('triggers', trigger, 'perform', bundle));
      },
    },
    { operation: `${trigger} performList (test trigger)`, measure: (m) => m.counted(() => m.ctx.invoke('triggers', trigger, 'performList', { inputData })) },
    {
      operation: `${trigger} performUnsubscribe`,
      measure: async (m) => {
        const subscribeData = await subscribed(m, trigger, inputData);
        return m.counted(() => m.ctx.invoke('triggers', trigger, 'performUnsubscribe', { inputData, subscribeData }));
      },
    },
  ];
}

// ------------------------------------------------------------------ change triggers (issue 12)

const ISSUE12 = 'issue 12';
const WATCHED = { object: 'deals', attributes: ['stage', 'value'] };

/** A deal at "Lead", written in-process (uncounted). */
const newDeal = (m: Meter) =>
  m.ctx.sandbox.createRecord('deals', { name: [`Deal ${next()}`], stage: ['Lead'], owner: ['alice@example.com'], value: [1000] }).id.record_id;

/** Every delivery the subscription got for this deal after `since` deliveries, once `count` have come. */
async function deliveriesFor(m: Meter, data: Item, recordId: string, count: number): Promise<WebhookDelivery[]> {
  const mine = () => m.ctx.sandbox.deliveries.filter((d) => d.webhookId === data.id && d.payload.events.some((e) => e.id.record_id === recordId));
  await m.ctx.sandbox.waitForDelivery((d) => d.webhookId === data.id && mine().length >= count, 5_000);
  return mine();
}

/** The events of several deliveries as one signed delivery, as Attio batches them. */
function batched(deliveries: WebhookDelivery[], data: Item): Pick<WebhookDelivery, 'headers' | 'body'> {
  const first = deliveries[0] as WebhookDelivery;
  const body = JSON.stringify({ webhook_id: data.id, events: deliveries.flatMap((d) => d.payload.events) });
  const signature = signWebhookBody(String(data.secret), body);
  return { body, headers: { ...first.headers, 'Attio-Signature': signature, 'X-Attio-Signature': signature } };
}

/**
 * A subscription to updated_record with the first run's lookups done (attribute catalog, member list, and
 * GET /v2/self when `own`), all uncounted, as on a Zap that has run before: what each run costs from then on.
 */
async function warmChangeZap(m: Meter, own = false): Promise<Item> {
  const data = await subscribed(m, 'updated_record', WATCHED);
  const deal = newDeal(m);
  m.ctx.sandbox.updateRecord('deals', deal, { stage: ['In Progress'] });
  const [first] = await deliveriesFor(m, data, deal, 1);
  await m.ctx.invoke('triggers', 'updated_record', 'perform', hookBundle(first as WebhookDelivery, data, WATCHED));
  if (own) {
    m.ctx.sandbox.updateRecord('deals', deal, { value: [1100] }, undefined, { actor: m.ctx.sandbox.appActor });
    const [, ownWrite] = await deliveriesFor(m, data, deal, 2);
    await m.ctx.invoke('triggers', 'updated_record', 'perform', hookBundle(ownWrite as WebhookDelivery, data, WATCHED));
  }
  return data;
}

const changePerform = (m: Meter, data: Item, delivery: Pick<WebhookDelivery, 'headers' | 'body'>) =>
  m.counted(() => m.ctx.invoke('triggers', 'updated_record', 'perform', hookBundle(delivery, data, WATCHED)));

const CHANGE_TRIGGERS: Measurement[] = [
  {
    operation: 'updated_record performSubscribe (2 attributes watched)',
    expected: { requests: 2, source: ISSUE12 },
    measure: (m) =>
      m.counted(() => m.ctx.invoke('triggers', 'updated_record', 'performSubscribe', { inputData: WATCHED, targetUrl: `https://hooks.zapier.com/hooks/standard/1/c${next()}/` })),
  },
  {
    operation: 'updated_record perform (a member moves the stage: 1 event)',
    expected: { requests: 2, source: `${ISSUE12}: the record + 1 history read, at once` },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { stage: ['Won 🎉'] });
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      return changePerform(m, data, delivery as WebhookDelivery);
    },
  },
  {
    operation: 'updated_record perform (stage and value changed: 2 events in one delivery, 1 run)',
    expected: { requests: 3, source: `${ISSUE12}: the record + 2 history reads, at once` },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { stage: ['Won 🎉'], value: [2500] });
      return changePerform(m, data, batched(await deliveriesFor(m, data, deal, 2), data));
    },
  },
  {
    operation: 'updated_record perform (the same event twice in one delivery: coalesced)',
    expected: { requests: 2, source: `${ISSUE12}: a coalesced event costs 0 more` },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { stage: ['Won 🎉'] });
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      return changePerform(m, data, batched([delivery as WebhookDelivery, delivery as WebhookDelivery], data));
    },
  },
  {
    operation: "updated_record perform (this connection's write-back: ignored)",
    expected: { requests: 0, source: `${ISSUE12}: the actor decides; GET /v2/self once per connection and day` },
    measure: async (m) => {
      const data = await warmChangeZap(m, true);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { value: [5000] }, undefined, { actor: m.ctx.sandbox.appActor });
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      return changePerform(m, data, delivery as WebhookDelivery);
    },
  },
  {
    operation: "updated_record perform (the connection's first write-back: ignored)",
    expected: { requests: 1, source: `${ISSUE12}: GET /v2/self, then cached` },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { value: [5000] }, undefined, { actor: m.ctx.sandbox.appActor });
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      return changePerform(m, data, delivery as WebhookDelivery);
    },
  },
  {
    operation: 'updated_record perform (an Attio recompute: ignored)',
    expected: { requests: 0, source: `${ISSUE12}: the system actor decides` },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      await m.ctx.sandbox.recompute({ object: 'deals', record_id: deal }, 'value');
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      return changePerform(m, data, delivery as WebhookDelivery);
    },
  },
  {
    operation: 'updated_record perform (the same delivery again: deduped)',
    expected: { requests: 0, source: ISSUE12 },
    measure: async (m) => {
      const data = await warmChangeZap(m);
      const deal = newDeal(m);
      m.ctx.sandbox.updateRecord('deals', deal, { stage: ['Won 🎉'] });
      const [delivery] = await deliveriesFor(m, data, deal, 1);
      await m.ctx.invoke('triggers', 'updated_record', 'perform', hookBundle(delivery as WebhookDelivery, data, WATCHED));
      return changePerform(m, data, delivery as WebhookDelivery);
    },
  },
  {
    operation: 'updated_record performList (test trigger)',
    measure: (m) => m.counted(() => m.ctx.invoke('triggers', 'updated_record', 'performList', { inputData: WATCHED })),
  },
  {
    operation: 'updated_list_entry perform (a member moves the stage: 1 event)',
    expected: { requests: 3, source: `${ISSUE12}: the entry + its parent + 1 history read, at once` },
    measure: async (m) => {
      const input = { list: LIST, attributes: ['stage'] };
      const data = await subscribed(m, 'updated_list_entry', input);
      const move = async (stage: string) => {
        const entry = m.ctx.sandbox.addEntry(LIST, 'companies', newCompany(m)()).id.entry_id;
        await m.ctx.sandbox.act('PATCH', `/v2/lists/${LIST}/entries/${entry}`, { data: { entry_values: { stage: [stage] } } });
        return m.ctx.sandbox.waitForDelivery((d) => d.webhookId === data.id && d.eventType === 'list-entry.updated' && d.payload.events.some((e) => e.id.entry_id === entry), 5_000);
      };
      // A first run (uncounted) looks up the member list, as a Zap that has run before has.
      await m.ctx.invoke('triggers', 'updated_list_entry', 'perform', hookBundle(await move('Proposal'), data, input));
      const delivery = await move('Won');
      return m.counted(() => m.ctx.invoke('triggers', 'updated_list_entry', 'perform', hookBundle(delivery, data, input)));
    },
  },
  {
    operation: 'updated_list_entry performSubscribe (stage watched)',
    expected: { requests: 2, source: ISSUE12 },
    measure: (m) =>
      m.counted(() =>
        m.ctx.invoke('triggers', 'updated_list_entry', 'performSubscribe', { inputData: { list: LIST, attributes: ['stage'] }, targetUrl: `https://hooks.zapier.com/hooks/standard/1/e${next()}/` }),
      ),
  },
];

export const MEASUREMENTS: Measurement[] = [
  ...AUTH_AND_DROPDOWNS,
  ...FIELD_LOADS,
  ...PEOPLE_AND_COMPANIES,
  ...NOTES_TASKS_LISTS,
  ...ANY_OBJECT,
  ...WRITES_AND_SEARCHES,
  ...hookMeasurements('new_record', { object: 'companies' }, 1),
  ...EVENT_MEASUREMENTS,
  ...hookMeasurements('new_list_entry', { list: LIST }, 2),
  ...CHANGE_TRIGGERS,
];

// ------------------------------------------------------------------ running and reporting

interface Counted {
  requests: number;
  /** "GET /objects/companies/records/{id}" → count: the paths as sent, record and entry ids elided. */
  byEndpoint: Record<string, number>;
  /** The most requests the sandbox was handling at one moment (see SLOW_MS). */
  inFlight: number;
  error?: string;
}

/**
 * Every counted request is held this long by the sandbox (fault injection, delay only), so requests the
 * app sends together visibly overlap, and ones it sends in sequence never do.
 */
const SLOW_MS = 25;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Requests by method and path (ids elided, /v2 dropped): more telling than the spec's route templates. */
function byEndpoint(sandbox: Sandbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sandbox.requestLog()) {
    const key = `${e.method} ${e.path.replace(/^\/v2/, '').replace(UUID, '{id}')}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Peak concurrency of the logged requests: arrivals +1, answers −1 (an answer before an arrival at a tie). */
function peakInFlight(sandbox: Sandbox): number {
  const edges = sandbox
    .requestLog()
    .flatMap((e) => [
      { t: e.at, d: 1 },
      { t: e.at + e.durationMs, d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (now += e.d));
  return peak;
}

function seed(sandbox: Sandbox): Seed {
  const company = sandbox.createRecord('companies', { domains: [COMPANY_DOMAIN], name: ['Acme'] }).id.record_id;
  const person = sandbox.createRecord('people', { email_addresses: [PERSON_EMAIL], name: ['Lovelace, Ada'], company: [{ target_object: 'companies', target_record_id: company }] }).id.record_id;
  // The seeded company is on the list, so find_list_entry has something to find.
  sandbox.addEntry(LIST, 'companies', company);
  const project = sandbox.createRecord('projects', { name: ['Acme onboarding'], project_code: [PROJECT_CODE] }).id.record_id;
  const memberId = sandbox.schema.member('alice@example.com')?.id ?? '';
  return { companyId: company, personId: person, projectId: project, memberId };
}

async function measureOne(app: object, sandbox: Sandbox, seeded: Seed, measurement: Measurement): Promise<Counted> {
  let counted: Counted | undefined;
  const meter: Meter = {
    ctx: connect(app, sandbox),
    seed: seeded,
    async counted(work) {
      sandbox.resetCounters();
      const slow = sandbox.inject({ delayMs: SLOW_MS, times: 1_000 });
      try {
        return await work();
      } finally {
        slow.cancel();
        counted = { requests: sandbox.counterSnapshot().total, byEndpoint: byEndpoint(sandbox), inFlight: peakInFlight(sandbox) };
      }
    },
  };
  try {
    await measurement.measure(meter);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { requests: counted?.requests ?? 0, byEndpoint: counted?.byEndpoint ?? {}, inFlight: counted?.inFlight ?? 0, error: message.slice(0, 160) };
  }
  if (!counted) throw new Error(`${measurement.operation}: nothing was counted`);
  return counted;
}

/** "GET /objects/companies + POST /webhooks": the endpoints behind a count, in the order first sent. */
function endpoints(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([endpoint, n]) => `${endpoint}${n > 1 ? ` ×${n}` : ''}`)
    .join(' + ');
}

function row(sandbox: Sandbox, measurement: Measurement, counted: Counted): Row & { mismatch: boolean } {
  const expected = measurement.expected;
  const want = typeof expected?.requests === 'function' ? expected.requests(sandbox) : expected?.requests;
  const mismatch = counted.error !== undefined || (want !== undefined && want !== counted.requests);
  // A field load's figure is 1 + its batch of choice requests: show the sum's parts.
  const figure = want === undefined ? '—' : typeof expected?.requests === 'function' ? `${want} = 1 + ${want - 1} (${expected.source})` : `${want} (${expected?.source})`;
  const together = counted.inFlight > 1 ? ` · ${counted.inFlight} at once` : '';
  return {
    metric: measurement.operation,
    value: counted.error ? 'error' : String(counted.requests),
    baseline: figure,
    ratio: counted.error ? '✗ failed' : want === undefined ? '' : mismatch ? '✗ MISMATCH' : '✓',
    detail: counted.error ?? (endpoints(counted.byEndpoint) + together || 'none'),
    mismatch,
  };
}

export const requestsPerOperation: Section = {
  id: 'requests',
  title: 'Attio requests per operation (the built app through createAppTester, counted by the sandbox)',
  async run(ctx) {
    const app = require(path.join(ctx.root, 'index.js')) as object;
    // Limits off: a 429 retry is an extra request that depends on timing, not on the operation.
    const sandbox = await startSandbox({ rateLimits: false });
    try {
      const seeded = seed(sandbox);
      const { result: rows } = await holdingAppLogs(async () => {
        const out: Array<Row & { mismatch: boolean }> = [];
        for (const m of MEASUREMENTS) out.push(row(sandbox, m, await measureOne(app, sandbox, seeded, m)));
        return out;
      });
      const figures = rows.filter((r) => r.baseline !== '—');
      const mismatches = rows.filter((r) => r.mismatch);
      return {
        baselineLabel: "issues' figure",
        detailLabel: 'endpoints (as counted)',
        rows: rows.map(({ mismatch: _mismatch, ...r }) => r),
        notes: [
          mismatches.length === 0
            ? `all ${figures.length} figures the issues give are met (${rows.length} operations measured).`
            : `MISMATCH on ${mismatches.length} of ${figures.length} figures: ${mismatches.map((r) => r.metric).join('; ')}.`,
          'each row: a fresh createAppTester runner (fresh z.cache), uncounted preparation (records written in-process, a subscription, a warm-up call for "cached" rows), then sandbox.resetCounters(), the one operation, sandbox.counterSnapshot().',
          "sandbox with validation on and rate limits off (a 429 retry would count timing, not the operation's cost); \"—\": the issues give no figure.",
          'dynamic fields: the expected figure is 1 (GET …/attributes) + one request per select or status attribute (options or statuses, fetched in one parallel batch), counted from the sandbox schema.',
          `"· N at once": during each counted operation the sandbox holds every request ${SLOW_MS} ms (fault injection, delay only), so requests sent together overlap and requests sent one after another never do; N is the peak overlap in the sandbox's request log.`,
          'updated_record / updated_list_entry perform rows: the subscription and one earlier run (uncounted) have cached the attribute catalog and the member list, as on a Zap that has run before; "first write-back" counts the one GET /v2/self a connection makes to know its own actor (cached for a day), the other write-back row the cached case. "2 events in one delivery": the sandbox sends one event per delivery (as Attio does today), so the two are batched into one signed delivery, as Attio may.',
          'find_list_entry and add_to_list read the list\'s metadata (GET /lists/{list}) on a list\'s first use and keep it in z.cache: issue 4 counts the cached case; "list cached" rows warm the cache with one uncounted call first.',
        ],
      };
    } finally {
      await sandbox.stop();
    }
  },
};

// The sandbox workspace's schema: Attio's standard objects (people, companies, deals, users, workspaces)
// with their usual attributes, one custom object (projects), two lists and three workspace members.
// Ids are stable across runs (see clock.ts). The schema is fixed: the sandbox has no schema-write endpoints.
// Objects can be deactivated (as users, workspaces and deals are until a workspace admin activates them):
// `object()` and `activeObjects()` then act as if they did not exist; their records are kept.
import { stableId, nsTimestamp } from './clock';
import type { AttributeDef, AttributeType, ListDef, ObjectDef, SelectOptionDef, StatusDef, WorkspaceDef, WorkspaceMemberDef } from './types';

const SCHEMA_CREATED_AT = nsTimestamp(Date.UTC(2024, 0, 15, 9, 0, 0));

interface AttrSeed {
  slug: string;
  title: string;
  type: AttributeType;
  multi?: boolean;
  unique?: boolean;
  required?: boolean;
  /** Standard attributes are "system" attributes in Attio, though most are writable. */
  system?: boolean;
  writable?: boolean;
  currency?: string;
  targets?: string[];
  /** "object.attribute" of the inverse side of a bidirectional relationship. */
  inverse?: string;
  options?: string[];
  archivedOptions?: string[];
  statuses?: string[];
  celebrate?: string[];
  description?: string;
}

/** Every object and list has these two read-only attributes, filled by Attio itself. */
const SYSTEM_ATTRS: AttrSeed[] = [
  { slug: 'created_at', title: 'Created at', type: 'timestamp', system: true, writable: false },
  { slug: 'created_by', title: 'Created by', type: 'actor-reference', system: true, writable: false },
];

const OBJECT_SEEDS: Array<{ slug: string; singular: string; plural: string; custom?: boolean; attrs: AttrSeed[] }> = [
  {
    slug: 'people',
    singular: 'Person',
    plural: 'People',
    attrs: [
      { slug: 'name', title: 'Name', type: 'personal-name' },
      { slug: 'email_addresses', title: 'Email addresses', type: 'email-address', multi: true, unique: true },
      { slug: 'description', title: 'Description', type: 'text' },
      { slug: 'company', title: 'Company', type: 'record-reference', targets: ['companies'], inverse: 'companies.team' },
      { slug: 'job_title', title: 'Job title', type: 'text' },
      { slug: 'phone_numbers', title: 'Phone numbers', type: 'phone-number', multi: true },
      { slug: 'primary_location', title: 'Primary location', type: 'location' },
      { slug: 'linkedin', title: 'LinkedIn', type: 'text' },
      { slug: 'twitter', title: 'Twitter', type: 'text' },
    ],
  },
  {
    slug: 'companies',
    singular: 'Company',
    plural: 'Companies',
    attrs: [
      { slug: 'name', title: 'Name', type: 'text' },
      { slug: 'domains', title: 'Domains', type: 'domain', multi: true, unique: true },
      { slug: 'description', title: 'Description', type: 'text' },
      { slug: 'team', title: 'Team', type: 'record-reference', multi: true, targets: ['people'], inverse: 'people.company' },
      {
        slug: 'categories',
        title: 'Categories',
        type: 'select',
        multi: true,
        options: ['B2B', 'B2C', 'SaaS', 'E-commerce', 'Fintech', 'Healthcare', 'Marketplace'],
        archivedOptions: ['Legacy'],
      },
      {
        slug: 'employee_range',
        title: 'Employee range',
        type: 'select',
        options: ['1-10', '11-50', '51-250', '251-1K', '1K-5K', '5K-10K', '10K-50K', '50K-100K', '100K+'],
      },
      { slug: 'funding_raised_usd', title: 'Funding raised', type: 'currency', currency: 'USD' },
      { slug: 'foundation_date', title: 'Foundation date', type: 'date' },
      { slug: 'primary_location', title: 'Primary location', type: 'location' },
      { slug: 'linkedin', title: 'LinkedIn', type: 'text' },
      { slug: 'twitter', title: 'Twitter', type: 'text' },
    ],
  },
  {
    slug: 'deals',
    singular: 'Deal',
    plural: 'Deals',
    attrs: [
      { slug: 'name', title: 'Deal name', type: 'text', required: true },
      { slug: 'stage', title: 'Deal stage', type: 'status', required: true, statuses: ['Lead', 'In Progress', 'Won 🎉', 'Lost'], celebrate: ['Won 🎉'] },
      { slug: 'owner', title: 'Deal owner', type: 'actor-reference', required: true },
      { slug: 'value', title: 'Deal value', type: 'currency', currency: 'USD' },
      { slug: 'associated_people', title: 'Associated people', type: 'record-reference', multi: true, targets: ['people'] },
      { slug: 'associated_company', title: 'Associated company', type: 'record-reference', targets: ['companies'] },
    ],
  },
  {
    slug: 'users',
    singular: 'User',
    plural: 'Users',
    attrs: [
      { slug: 'user_id', title: 'ID', type: 'text', unique: true, required: true },
      { slug: 'primary_email_address', title: 'Email', type: 'email-address', unique: true },
      { slug: 'person', title: 'Person', type: 'record-reference', targets: ['people'] },
      { slug: 'workspace', title: 'Workspace', type: 'record-reference', multi: true, targets: ['workspaces'], inverse: 'workspaces.users' },
    ],
  },
  {
    slug: 'workspaces',
    singular: 'Workspace',
    plural: 'Workspaces',
    attrs: [
      { slug: 'workspace_id', title: 'ID', type: 'text', unique: true, required: true },
      { slug: 'name', title: 'Name', type: 'text' },
      { slug: 'users', title: 'Users', type: 'record-reference', multi: true, targets: ['users'], inverse: 'users.workspace' },
      { slug: 'company', title: 'Company', type: 'record-reference', targets: ['companies'] },
      { slug: 'avatar_url', title: 'Avatar URL', type: 'text' },
    ],
  },
  {
    // A custom object covering the remaining attribute types, with a custom unique attribute.
    slug: 'projects',
    singular: 'Project',
    plural: 'Projects',
    custom: true,
    attrs: [
      { slug: 'name', title: 'Name', type: 'text', required: true },
      { slug: 'project_code', title: 'Project code', type: 'text', unique: true },
      { slug: 'status', title: 'Status', type: 'status', statuses: ['Planned', 'Active', 'Done'], celebrate: ['Done'] },
      { slug: 'priority', title: 'Priority', type: 'select', options: ['Low', 'Medium', 'High'] },
      { slug: 'company', title: 'Company', type: 'record-reference', targets: ['companies'] },
      { slug: 'owner', title: 'Owner', type: 'actor-reference' },
      { slug: 'budget', title: 'Budget', type: 'currency', currency: 'EUR' },
      { slug: 'due_date', title: 'Due date', type: 'date' },
      { slug: 'kickoff_at', title: 'Kickoff at', type: 'timestamp' },
      { slug: 'is_billable', title: 'Billable', type: 'checkbox' },
      { slug: 'health', title: 'Health', type: 'rating' },
      { slug: 'hours_estimate', title: 'Hours estimate', type: 'number' },
    ],
  },
];

const LIST_SEEDS: Array<{ slug: string; name: string; parent: string; attrs: AttrSeed[] }> = [
  {
    slug: 'sales_pipeline',
    name: 'Sales Pipeline',
    parent: 'companies',
    attrs: [
      { slug: 'stage', title: 'Stage', type: 'status', statuses: ['Lead', 'Qualified', 'Proposal', 'Won', 'Lost'], celebrate: ['Won'] },
      { slug: 'owner', title: 'Owner', type: 'actor-reference' },
      { slug: 'deal_value', title: 'Deal value', type: 'currency', currency: 'USD' },
      { slug: 'priority', title: 'Priority', type: 'select', options: ['Low', 'Medium', 'High'] },
      { slug: 'next_step', title: 'Next step', type: 'text' },
      // A multiselect on an entry (append vs replace). A record reference: no options to load, so the app's
      // dynamic fields for this list cost what they did before it was added.
      { slug: 'contacts', title: 'Contacts', type: 'record-reference', multi: true, targets: ['people'] },
    ],
  },
  {
    slug: 'prospects',
    name: 'Prospects',
    parent: 'people',
    attrs: [
      { slug: 'stage', title: 'Stage', type: 'status', statuses: ['New', 'Contacted', 'Qualified'] },
      { slug: 'source', title: 'Source', type: 'select', options: ['Website', 'Referral', 'Event', 'Stripe', 'Typeform'] },
      { slug: 'score', title: 'Score', type: 'rating' },
    ],
  },
];

const MEMBER_SEEDS: Array<Omit<WorkspaceMemberDef, 'id' | 'created_at'>> = [
  { first_name: 'Alice', last_name: 'Martin', email_address: 'alice@example.com', access_level: 'admin' },
  { first_name: 'Bob', last_name: 'Okafor', email_address: 'bob@example.com', access_level: 'member' },
  { first_name: 'Chloé', last_name: 'Dubois', email_address: 'chloe@example.com', access_level: 'member' },
];

function buildAttribute(seed: AttrSeed, parent: AttributeDef['parent'], custom: boolean): AttributeDef {
  const id = stableId(`attribute:${parent.kind}:${parent.slug}:${seed.slug}`);
  const optionDef = (title: string, archived: boolean): SelectOptionDef => ({
    id: stableId(`option:${id}:${title}`),
    title,
    is_archived: archived,
  });
  const statuses: StatusDef[] = (seed.statuses ?? []).map((title) => ({
    id: stableId(`status:${id}:${title}`),
    title,
    is_archived: false,
    celebration_enabled: seed.celebrate?.includes(title) ?? false,
  }));
  const [invObject, invAttribute] = seed.inverse ? seed.inverse.split('.') : [];
  return {
    id,
    parent,
    api_slug: seed.slug,
    title: seed.title,
    description: seed.description ?? null,
    type: seed.type,
    is_system_attribute: seed.system ?? (parent.kind === 'object' && !custom),
    is_writable: seed.writable ?? true,
    is_required: seed.required ?? false,
    is_unique: seed.unique ?? false,
    is_multiselect: seed.multi ?? false,
    is_archived: false,
    created_at: SCHEMA_CREATED_AT,
    default_currency_code: seed.currency ?? null,
    allowed_objects: seed.targets ?? null,
    relationship: invObject && invAttribute ? { object: invObject, attribute: invAttribute } : null,
    options: [...(seed.options ?? []).map((t) => optionDef(t, false)), ...(seed.archivedOptions ?? []).map((t) => optionDef(t, true))],
    statuses,
  };
}

/** Lookups over the fixed schema. Objects, lists and attributes are found by slug or by id. */
export class Schema {
  readonly workspace: WorkspaceDef;
  /** Every object, activated or not: the API sees `activeObjects()` only. */
  readonly objects: ObjectDef[];
  readonly lists: ListDef[];
  readonly members: WorkspaceMemberDef[];
  /** Ids of the objects that are not activated. */
  private readonly inactive = new Set<string>();

  constructor(workspace: { name?: string; slug?: string } = {}) {
    const slug = workspace.slug ?? 'sandbox';
    this.workspace = { id: stableId(`workspace:${slug}`), name: workspace.name ?? 'Sandbox Workspace', slug };
    this.objects = OBJECT_SEEDS.map((o) => {
      const id = stableId(`object:${o.slug}`);
      const parent = { kind: 'object' as const, id, slug: o.slug };
      return {
        id,
        api_slug: o.slug,
        singular_noun: o.singular,
        plural_noun: o.plural,
        created_at: SCHEMA_CREATED_AT,
        attributes: [...o.attrs, ...SYSTEM_ATTRS].map((a) => buildAttribute(a, parent, o.custom ?? false)),
      };
    });
    this.members = MEMBER_SEEDS.map((m) => ({ ...m, id: stableId(`member:${m.email_address}`), created_at: SCHEMA_CREATED_AT }));
    const owner = this.members[0]?.id ?? '';
    this.lists = LIST_SEEDS.map((l) => {
      const id = stableId(`list:${l.slug}`);
      const parent = { kind: 'list' as const, id, slug: l.slug };
      return {
        id,
        api_slug: l.slug,
        name: l.name,
        parent_object: l.parent,
        created_at: SCHEMA_CREATED_AT,
        created_by: owner,
        attributes: [...l.attrs, ...SYSTEM_ATTRS].map((a) => buildAttribute(a, parent, true)),
      };
    });
  }

  /** An activated object by slug or id (an object that is not activated is not found, as in Attio). */
  object(slugOrId: string): ObjectDef | undefined {
    const o = this.anyObject(slugOrId);
    return o && !this.inactive.has(o.id) ? o : undefined;
  }

  /** Any object by slug or id, activated or not. */
  anyObject(slugOrId: string): ObjectDef | undefined {
    return this.objects.find((o) => o.api_slug === slugOrId || o.id === slugOrId);
  }

  activeObjects(): ObjectDef[] {
    return this.objects.filter((o) => !this.inactive.has(o.id));
  }

  isActive(object: ObjectDef): boolean {
    return !this.inactive.has(object.id);
  }

  /** Activates or deactivates an object; undefined when there is no such object. */
  setObjectActive(slugOrId: string, active: boolean): ObjectDef | undefined {
    const o = this.anyObject(slugOrId);
    if (o && active) this.inactive.delete(o.id);
    else if (o) this.inactive.add(o.id);
    return o;
  }

  list(slugOrId: string): ListDef | undefined {
    return this.lists.find((l) => l.api_slug === slugOrId || l.id === slugOrId);
  }

  member(idOrEmail: string): WorkspaceMemberDef | undefined {
    const key = idOrEmail.trim().toLowerCase();
    return this.members.find((m) => m.id === key || m.email_address === key);
  }

  /** Attribute of an object or list, by slug or id. */
  attribute(parent: ObjectDef | ListDef, slugOrId: string): AttributeDef | undefined {
    return parent.attributes.find((a) => a.api_slug === slugOrId || a.id === slugOrId);
  }
}

// Input fields shared by several operations. Each factory returns one field with a stable key;
// per-use differences (label, required, helpText) go in `extras`.
import type { PlainInputField } from 'zapier-platform-core';
import { identifierInput, isTrue } from '../../values/parse';
import type { FormatOptions } from '../../values/write';
import { MULTISELECT_MODES } from '../../values/parse';
import { TASK_LINK_LABELS } from '../../values/activities';

/** The Attio object to work with: a dropdown of every object in the workspace, custom objects included. */
export function objectField<const E extends Partial<PlainInputField>>(extras?: E) {
  return {
    key: 'object',
    label: 'Object',
    required: true,
    dynamic: 'list_objects.id.name',
    altersDynamicFields: true,
    helpText: 'The kind of record: People, Companies, Deals, or one of your custom objects.',
    ...extras,
  } as const satisfies PlainInputField;
}

/** A choice mapped from an earlier step: while the editor loads fields it is still an unresolved {{…}}. */
export function isMappedLater(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/** The key and label of the Attribute Values input (attributeValuesField), read by collectValues. */
export const ATTRIBUTE_VALUES = { key: 'attribute_values', label: 'Attribute Values' } as const;

/**
 * What a step shows in place of the attribute fields when its Object (or List) is mapped from an earlier
 * step: the attributes cannot be listed then, so say so and point at Attribute Values.
 */
export function unlistedAttributesNote(parent: 'object' | 'list') {
  const label = parent === 'object' ? 'Object' : 'List';
  return {
    key: `${parent}_fields_note`,
    label: `${label} Fields`,
    type: 'copy',
    helpText: `${label} is mapped from an earlier step, so its fields cannot be listed here. Write the values in ${ATTRIBUTE_VALUES.label} below, one row per attribute with its API slug as the key, or choose the ${parent} from the dropdown to get a field per attribute.`,
  } as const satisfies PlainInputField;
}

/**
 * Attribute Values: the attributes to write as key/value rows (API slug → value as text), for a step whose
 * Object (or List) is mapped from an earlier step. Folded in like the typed fields by collectValues.
 */
export function attributeValuesField(parent: 'object' | 'list') {
  const noun = parent === 'object' ? 'Object' : 'List';
  return {
    key: ATTRIBUTE_VALUES.key,
    label: ATTRIBUTE_VALUES.label,
    dict: true,
    required: false,
    helpText: `The attributes to write, one per row: the key is the attribute's API slug, as Attio shows it in the attribute's settings (like \`priority\`), and the value is what to write, as text (like \`High\`). Values are read as the typed fields read them: an amount like \`1250.50\` for a currency, a date like \`2025-01-15\`, \`true\` or \`false\` for a checkbox, an email address, a domain or a record ID for a linked record, a member's email address for a workspace member; separate several values of a multi-value attribute with commas. The attribute's title (like \`Priority\`) works as a key too when no other attribute has it. Attributes left out are not changed. Used because ${noun} is mapped from an earlier step.`,
  } as const satisfies PlainInputField;
}

/** The fields a step shows when its Object (or List) is mapped: the note and Attribute Values. */
export function mappedParentFields(parent: 'object' | 'list'): PlainInputField[] {
  return [unlistedAttributesNote(parent), attributeValuesField(parent)];
}

/** An Attio list: a dropdown of the workspace's lists. */
export function listField<const E extends Partial<PlainInputField>>(extras?: E) {
  return {
    key: 'list',
    label: 'List',
    required: true,
    dynamic: 'list_lists.id.name',
    altersDynamicFields: true,
    helpText: 'The Attio list (pipeline) to use.',
    ...extras,
  } as const satisfies PlainInputField;
}

/**
 * Keep Subdomains: the one switch for every field that reads a company domain (Domain, Company Domain,
 * Parent Company Domain, Linked Company Domains, domain attributes). Off by default: a domain is reduced
 * to its registrable domain by the Public Suffix List, so mail.acme.co.uk and acme.co.uk are one company.
 * Read by formatOptionsOf.
 */
export const KEEP_SUBDOMAINS_FIELD = {
  key: 'keep_subdomains',
  label: 'Keep Subdomains',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText:
    'By default a domain is reduced to the part a company registers, using the Public Suffix List: `mail.acme.co.uk`, `eu.acme.com` and `https://www.acme.com/about` give `acme.co.uk` and `acme.com` (hosted sites such as `acme.github.io` stay whole). Set to true to keep subdomains, so `eu.acme.com` is a company of its own; use the same setting in every step that finds or creates these companies.',
} as const satisfies PlainInputField;

/**
 * The step-wide options that change how values are read: Phone Country and Keep Subdomains.
 * @throws z.errors.Error naming Phone Country when it holds several values or a yes/no
 */
export function formatOptionsOf(inputData: Record<string, unknown>): FormatOptions {
  const phoneCountry = identifierInput(inputData.phone_country, 'Phone Country');
  return { ...(phoneCountry ? { phoneCountry } : {}), ...(isTrue(inputData.keep_subdomains) ? { keepSubdomains: true } : {}) };
}

/** A workspace member a task trigger watches: a dropdown of members (the value is their email), optional. */
export function assigneeField<const E extends Partial<PlainInputField>>(extras?: E) {
  return {
    key: 'assignee',
    label: 'Assignee',
    required: false,
    dynamic: 'list_workspace_members.id.name',
    helpText: 'Only tasks assigned to this workspace member. Leave empty for every task.',
    ...extras,
  } as const satisfies PlainInputField;
}

/** What every Domain field accepts, said once. */
const DOMAIN_FORMS =
  'A website (`https://www.acme.com/pricing`), a domain (`Acme.com`) or an email address at the company (`ada@acme.com`) all give `acme.com`. Subdomains go too, by the Public Suffix List (`mail.acme.co.uk` gives `acme.co.uk`), unless Keep Subdomains is set.';

/** A company's domain, the key companies are matched on. `purpose` says what the step does with it. */
export function domainField(purpose: string) {
  return { key: 'domain', label: 'Domain', type: 'string', required: true, helpText: `${purpose} ${DOMAIN_FORMS}` } as const satisfies PlainInputField;
}

/** The domain of the company a person (or another record) is linked to, in a step that writes both. */
export function companyDomainField(purpose: string) {
  return { ...domainField(purpose), key: 'company_domain', label: 'Company Domain', required: false } as const satisfies PlainInputField;
}

/** A person's email address, the key people are matched on. `purpose` says what the step does with it. */
export function emailField(purpose: string) {
  return {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    helpText: `${purpose} Spaces and capitals are ignored, so \`Ada@Example.com \` and \`ada@example.com\` are the same person.`,
  } as const satisfies PlainInputField;
}

/** The switch that lets a free email domain (gmail.com, …) stand for a company. `effect` says what off means here. */
export function allowFreeEmailDomainsField(effect: string) {
  return {
    key: 'allow_free_email_domains',
    label: 'Allow Free Email Domains',
    type: 'boolean',
    default: 'false',
    helpText: `Free email domains (gmail.com, outlook.com, yahoo.com, …) do not identify a company. ${effect}`,
  } as const satisfies PlainInputField;
}

/**
 * A record of the object chosen in a field beside it: a dropdown of its records, newest first (the
 * list_records trigger reads whichever of object, parent_object, linked_object or list is set).
 */
export function recordField<const K extends string, const E extends Partial<PlainInputField>>(
  key: K,
  label: string,
  extras: E,
): { key: K; label: string; dynamic: 'list_records.id.name' } & E {
  return { key, label, dynamic: 'list_records.id.name', ...extras };
}

/**
 * Add to or replace the values of multiselect attributes on an update (PATCH or PUT). `what` names the
 * thing updated ("the record", "the entry").
 */
export function multiselectModeField(what: string) {
  return {
    key: 'multiselect_mode',
    label: 'Multiselect Mode',
    required: false,
    default: 'append',
    choices: MULTISELECT_MODES,
    helpText: `For attributes that hold several values (tags, email addresses, team members): add the mapped values to the ones ${what} has, or replace them with the mapped values. Attributes with a single value are always replaced, and fields left empty are not changed.`,
  } as const satisfies PlainInputField;
}

/** The labels of the fields that name a list entry's parent record (listParentFields). */
export const LIST_PARENT_LABELS = { parent_record_id: 'Record', parent_email: 'Person Email', parent_domain: 'Company Domain' } as const;

/**
 * The record whose entry a step works on: picked (the list's records), or a person by email, or a company
 * by domain. One of the three is filled; `purpose` says what the step does with the record's entries.
 */
export function listParentFields(purpose: string) {
  const L = LIST_PARENT_LABELS;
  return [
    recordField('parent_record_id', L.parent_record_id, {
      required: false,
      search: 'find_record.id',
      helpText: `The record ${purpose}: pick it, or map its ID from an earlier step. Instead, you can fill in ${L.parent_email} (for a list of people) or ${L.parent_domain} (for a list of companies).`,
    }),
    {
      key: 'parent_email',
      label: L.parent_email,
      required: false,
      helpText: `Instead of ${L.parent_record_id}, on a list of people: the person's email address (spaces and capitals ignored).`,
    },
    {
      key: 'parent_domain',
      label: L.parent_domain,
      required: false,
      helpText: `Instead of ${L.parent_record_id}, on a list of companies: the company's domain, like acme.com (a website or an email address at the company works too).`,
    },
    // Company Domain is read as the steps that create companies read it (formatOptionsOf).
    KEEP_SUBDOMAINS_FIELD,
  ] as const satisfies readonly PlainInputField[];
}

/**
 * A task's assignees and linked records (create_task, update_task). `verb` says what a filled field does:
 * "to assign" on a create, "to assign (replacing the current assignees)" on an update.
 */
export function taskLinkFields(assignHelp: string, linkHelp: string) {
  const L = TASK_LINK_LABELS;
  return [
    {
      key: 'assignee_emails',
      label: L.assignee_emails,
      list: true,
      required: false,
      dynamic: 'list_workspace_members.id.name',
      helpText: `Workspace members ${assignHelp}, by email address.`,
    },
    {
      key: 'linked_object',
      label: L.linked_object,
      required: false,
      dynamic: 'list_objects.id.name',
      helpText: `The object of the records in ${L.linked_record_ids} (People, Companies, Deals, …).`,
    },
    recordField('linked_record_ids', L.linked_record_ids, {
      list: true,
      required: false,
      helpText: `Records of the Linked Object ${linkHelp}, by record ID.`,
    }),
    {
      key: 'linked_person_emails',
      label: L.linked_person_emails,
      list: true,
      required: false,
      helpText: `People ${linkHelp}, by email address. Each person must already exist in Attio.`,
    },
    {
      key: 'linked_company_domains',
      label: L.linked_company_domains,
      list: true,
      required: false,
      helpText: `Companies ${linkHelp}, by domain (like acme.com). Each company must already exist in Attio.`,
    },
    { ...KEEP_SUBDOMAINS_FIELD, helpText: `How ${L.linked_company_domains} are read: see the same field on Create or Update Company, whose setting it should match.` },
  ] as const satisfies readonly PlainInputField[];
}

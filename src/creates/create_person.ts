// PUT /v2/objects/people/records?matching_attribute=email_addresses: create or update a person by email.
// Attio's assert is atomic, so a retried or replayed Zap (or two racing runs) never makes a duplicate.
import { defineCreate, defineInputFields, type CreatePerform, type PlainOutputField } from 'zapier-platform-core';
import { assertRecord, type AttioValuesInput } from '../attio/endpoints';
import { attributeFields, collectValues, PHONE_COUNTRY_FIELD } from '../zapier/fields/dynamic';
import { formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';
import { isFreeEmailDomain, normalizeDomain, normalizeEmail } from '../values/normalize';
import { flattenRecord, recordOutputFields } from '../values/read';
import { identifierInput, isMapped, isTrue, textInput } from '../values/parse';
import { personalName, phoneValue } from '../values/write';
import sample from '../samples/person.json';

/** Attributes the static fields below write; the dynamic fields leave them out. */
const STATIC_SLUGS = ['email_addresses', 'name', 'job_title', 'phone_numbers', 'description', 'company'];

const FIELD_LABELS: Record<string, string> = {
  email_addresses: 'Email',
  name: 'First Name / Last Name',
  job_title: 'Job Title',
  phone_numbers: 'Phone',
  description: 'Description',
  company: 'Company Domain',
};

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    helpText:
      'The person is matched on this address: the person who has it is updated, or a new person is created. Spaces and capitals are ignored, so `Ada@Example.com ` and `ada@example.com` are the same person.',
  },
  {
    key: 'first_name',
    label: 'First Name',
    type: 'string',
    helpText: 'Attio saves first, last and full name together: map both First Name and Last Name, or an existing last name is cleared.',
  },
  { key: 'last_name', label: 'Last Name', type: 'string' },
  { key: 'job_title', label: 'Job Title', type: 'string' },
  {
    key: 'phone',
    label: 'Phone',
    type: 'string',
    helpText: "In international format with the country code, like +44 20 7946 0958, or national with Phone Country set. Replaces the person's phone numbers in Attio.",
  },
  PHONE_COUNTRY_FIELD,
  { key: 'description', label: 'Description', type: 'text' },
  {
    key: 'company_domain',
    label: 'Company Domain',
    type: 'string',
    helpText:
      "Links the person to the company with this domain, creating the company when Attio has none. A website (`https://www.acme.com/about`), a domain or an email address all work. Free email domains (gmail.com, outlook.com, …) are skipped unless you allow them below: the person is still saved, without a company.",
  },
  {
    key: 'allow_free_email_domains',
    label: 'Allow Free Email Domains',
    type: 'boolean',
    default: 'false',
    helpText: 'Set to true to link the person to a company even when Company Domain is a free email provider (gmail.com, yahoo.com, …).',
  },
  KEEP_SUBDOMAINS_FIELD,
  async (z, _bundle) => attributeFields(z, 'objects', 'people', { skip: STATIC_SLUGS }),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Validate and format everything before the first write, so bad input never leaves a half-done run.
  const email = normalizeEmail(input.email, 'Email');
  const formatOptions = formatOptionsOf(input);
  const domain = isMapped(input.company_domain) ? normalizeDomain(input.company_domain, 'Company Domain', formatOptions) : undefined;
  const values: AttioValuesInput = { email_addresses: [{ email_address: email }] };
  const first = identifierInput(input.first_name, 'First Name');
  const last = identifierInput(input.last_name, 'Last Name');
  if (first !== undefined || last !== undefined) values.name = [personalName(first, last)];
  const jobTitle = textInput(input.job_title, 'Job Title')?.trim();
  if (jobTitle) values.job_title = [{ value: jobTitle }];
  if (isMapped(input.phone)) values.phone_numbers = [phoneValue(input.phone, 'Phone', formatOptions)];
  const description = textInput(input.description, 'Description');
  if (description?.trim()) values.description = [{ value: description }];
  const custom = await collectValues(z, input, 'objects', 'people');

  if (domain && isFreeEmailDomain(domain) && !isTrue(input.allow_free_email_domains)) {
    z.console.log(`Company Domain "${domain}" is a free email provider: the person is saved without a company.`);
  } else if (domain) {
    // Assert the company first (same rule as create_company), then reference it by record id.
    const company = await assertRecord(z, {
      object: 'companies',
      matchingAttribute: 'domains',
      values: { domains: [{ domain }] },
      action: `create or update the company ${domain}`,
      fieldLabels: { domains: 'Company Domain' },
    });
    values.company = [{ target_object: 'companies', target_record_id: company.id.record_id }];
  }

  const record = await assertRecord(z, {
    object: 'people',
    matchingAttribute: 'email_addresses',
    values: { ...custom.values, ...values },
    action: `create or update the person ${email}`,
    fieldLabels: { ...custom.fieldLabels, ...FIELD_LABELS },
  });
  return flattenRecord(record, 'people');
}) satisfies CreatePerform<typeof inputFields>;

/** Labels and types of what create_person and find_person return (src/samples/person.json). */
export const personOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'name', label: 'Full Name', type: 'string' },
  { key: 'first_name', label: 'First Name', type: 'string' },
  { key: 'last_name', label: 'Last Name', type: 'string' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'email_addresses', label: 'Email Addresses', type: 'string', list: true },
  { key: 'job_title', label: 'Job Title', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'phone', label: 'Phone', type: 'string' },
  { key: 'phone_numbers', label: 'Phone Numbers', type: 'string', list: true },
  { key: 'company__target_object', label: 'Company Object', type: 'string' },
  { key: 'company__target_record_id', label: 'Company Record ID', type: 'string' },
];

export default defineCreate({
  key: 'create_person',
  noun: 'Person',
  display: {
    label: 'Create or Update Person',
    description: 'Creates a person in Attio, or updates the person with the same email address.',
  },
  operation: { inputFields, perform, sample, outputFields: personOutputFields },
});

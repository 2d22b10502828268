// PUT /v2/objects/people/records?matching_attribute=email_addresses: create or update a person by email.
// Attio's assert is atomic, so a retried or replayed Zap (or two racing runs) never makes a duplicate.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import type { AttioValuesInput } from '../attio/endpoints';
import { assertCompanyByDomain, assertPersonByEmail } from '../attio/lookups';
import { afterWritten } from '../attio/partial';
import { attributeFields, collectValues, staticLabelsOf, PHONE_COUNTRY_FIELD } from '../zapier/fields/dynamic';
import { isFreeEmailDomain, normalizeDomain, normalizeEmail } from '../values/normalize';
import { readableRecord } from '../zapier/readable';
import { identifierInput, isMapped, isTrue, textInput } from '../values/parse';
import { personalName, phoneValue } from '../values/write';
import sample from '../samples/person.json';
import { personOutputFields } from '../zapier/outputs';
import { emailField, companyDomainField, allowFreeEmailDomainsField, formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';
import { WRITE_THROTTLE } from '../zapier/throttle';

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
  emailField('The person is matched on this address: the person who has it is updated, or a new person is created.'),
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
  companyDomainField(
    'Links the person to the company with this domain, creating the company when Attio has none. Free email domains are skipped unless you allow them below: the person is still saved, without a company.',
  ),
  allowFreeEmailDomainsField('By default the person is then saved without a company. Set to true to link the person to a company with that domain anyway.'),
  KEEP_SUBDOMAINS_FIELD,
  async (z, _bundle) => attributeFields(z, 'objects', 'people', { skip: STATIC_SLUGS, staticLabels: staticLabels() }),
]);

/** The static fields' labels: an attribute with one of these titles is labelled apart (staticLabels). */
function staticLabels(): string[] {
  return staticLabelsOf(inputFields);
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Validate and format everything before the first write, so bad input never leaves a half-done run.
  const email = normalizeEmail(input.email, 'Email');
  const formatOptions = formatOptionsOf(input);
  const domain = isMapped(input.company_domain) ? normalizeDomain(input.company_domain, 'Company Domain', formatOptions) : undefined;
  const values: AttioValuesInput = {};
  const first = identifierInput(input.first_name, 'First Name');
  const last = identifierInput(input.last_name, 'Last Name');
  if (first !== undefined || last !== undefined) values.name = [personalName(first, last)];
  const jobTitle = textInput(input.job_title, 'Job Title')?.trim();
  if (jobTitle) values.job_title = [{ value: jobTitle }];
  if (isMapped(input.phone)) values.phone_numbers = [phoneValue(input.phone, 'Phone', formatOptions)];
  const description = textInput(input.description, 'Description');
  if (description?.trim()) values.description = [{ value: description }];
  const custom = await collectValues(z, input, 'objects', 'people', { staticLabels: staticLabels() });

  const skipCompany = Boolean(domain && isFreeEmailDomain(domain) && !isTrue(input.allow_free_email_domains));
  if (skipCompany) {
    z.console.log(`Company Domain "${domain}" is a free email provider: the person is saved without a company.`);
  }
  // The company first (same rule as create_company), then the person linked to it by record id.
  const company = domain && !skipCompany ? await assertCompanyByDomain(z, domain, { label: 'Company Domain' }) : null;
  const savePerson = () =>
    assertPersonByEmail(z, email, {
      values: { ...custom.values, ...values },
      fieldLabels: { ...custom.fieldLabels, ...FIELD_LABELS },
      company,
    });
  // Attio may still refuse the person (a value only it can check): then say the company was written.
  const record = company ? await afterWritten(z, `the company ${domain}`, `the person ${email}`, savePerson) : await savePerson();
  return readableRecord(z, record, 'people');
}) satisfies CreatePerform<typeof inputFields>;


export default defineCreate({
  key: 'create_person',
  noun: 'Person',
  display: {
    label: 'Create or Update Person',
    description: 'Creates a person, or updates the person with the same email address.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: personOutputFields,
  },
});

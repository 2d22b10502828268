// PUT /v2/objects/people/records?matching_attribute=email_addresses: create or update a person by email.
// Attio's assert is atomic, so a retried or replayed Zap (or two racing runs) never makes a duplicate.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import type { AttioValuesInput } from '../attio/endpoints';
import { assertCompanyByDomain, assertPersonByEmail } from '../attio/lookups';
import { afterWritten } from '../attio/partial';
import { attributeFields, collectValues } from '../zapier/fields/dynamic';
import { isFreeEmailDomain, normalizeDomain, normalizeEmail } from '../values/normalize';
import { readableRecord } from '../zapier/readable';
import { isMapped, isTrue } from '../values/parse';
import { personalName, phoneValue } from '../values/write';
import sample from '../samples/person.json';
import { personOutputFields } from '../zapier/outputs';
import { emailField, companyDomainField, allowFreeEmailDomainsField } from '../zapier/fields';

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
    helpText: "In international format with the country code, like +44 20 7946 0958. Replaces the person's phone numbers in Attio.",
  },
  { key: 'description', label: 'Description', type: 'text' },
  companyDomainField(
    'Links the person to the company with this domain, creating the company when Attio has none. Free email domains are skipped unless you allow them below: the person is still saved, without a company.',
  ),
  allowFreeEmailDomainsField('By default the person is then saved without a company. Set to true to link the person to a company with that domain anyway.'),
  async (z, _bundle) => attributeFields(z, 'objects', 'people', { skip: STATIC_SLUGS }),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Validate and format everything before the first write, so bad input never leaves a half-done run.
  const email = normalizeEmail(input.email, 'Email');
  const domain = isMapped(input.company_domain) ? normalizeDomain(input.company_domain, 'Company Domain') : undefined;
  const values: AttioValuesInput = {};
  if (isMapped(input.first_name) || isMapped(input.last_name)) values.name = [personalName(input.first_name, input.last_name)];
  if (isMapped(input.job_title)) values.job_title = [{ value: String(input.job_title).trim() }];
  if (isMapped(input.phone)) values.phone_numbers = [phoneValue(input.phone, 'Phone')];
  if (isMapped(input.description)) values.description = [{ value: String(input.description) }];
  const custom = await collectValues(z, input, 'objects', 'people');

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
    description: 'Creates a person in Attio, or updates the person with the same email address.',
  },
  operation: { inputFields, perform, sample, outputFields: personOutputFields },
});

// PUT /v2/objects/companies/records?matching_attribute=domains: create or update a company by domain.
// Attio's assert is atomic, so a retried or replayed Zap (or two racing runs) never makes a duplicate.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import type { AttioValuesInput } from '../attio/endpoints';
import { assertCompanyByDomain } from '../attio/lookups';
import { attributeFields, collectValues, staticLabelsOf } from '../zapier/fields/dynamic';
import { isFreeEmailDomain, normalizeDomain } from '../values/normalize';
import { readableRecord } from '../zapier/readable';
import { isTrue, textInput } from '../values/parse';
import sample from '../samples/company.json';
import { companyOutputFields } from '../zapier/outputs';
import { domainField, allowFreeEmailDomainsField, formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';
import { WRITE_THROTTLE } from '../zapier/throttle';

/** Attributes the static fields below write; the dynamic fields leave them out. */
const STATIC_SLUGS = ['domains', 'name', 'description'];

const FIELD_LABELS: Record<string, string> = { domains: 'Domain', name: 'Name', description: 'Description' };

const inputFields = defineInputFields([
  domainField('The company is matched on this domain: the company that has it is updated, or a new company is created.'),
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'description', label: 'Description', type: 'text' },
  allowFreeEmailDomainsField(
    'By default this step stops for them instead of creating a "Gmail" company. Set to true to create or update the company anyway.',
  ),
  KEEP_SUBDOMAINS_FIELD,
  async (z, _bundle) => attributeFields(z, 'objects', 'companies', { skip: STATIC_SLUGS, phoneCountry: true, staticLabels: staticLabels() }),
]);

/** The static fields' labels: an attribute with one of these titles is labelled apart (staticLabels). */
function staticLabels(): string[] {
  return staticLabelsOf(inputFields);
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const domain = normalizeDomain(input.domain, 'Domain', formatOptionsOf(input));
  if (isFreeEmailDomain(domain) && !isTrue(input.allow_free_email_domains)) {
    // Halted, not failed: this input is expected (a customer with a personal address), and halts do
    // not count toward Zapier auto-pausing the Zap.
    throw new z.errors.HaltedError(
      `Domain "${String(input.domain)}" is a free email provider (${domain}), not a company, so no company was created or updated. Map the company's own website or domain, or set "Allow Free Email Domains" to true.`,
    );
  }
  const values: AttioValuesInput = { domains: [{ domain }] };
  const name = textInput(input.name, 'Name')?.trim();
  const description = textInput(input.description, 'Description');
  if (name) values.name = [{ value: name }];
  if (description?.trim()) values.description = [{ value: description }];
  const custom = await collectValues(z, input, 'objects', 'companies', { staticLabels: staticLabels() });

  const record = await assertCompanyByDomain(z, domain, {
    values: { ...custom.values, ...values },
    fieldLabels: { ...custom.fieldLabels, ...FIELD_LABELS },
  });
  return readableRecord(z, record, 'companies');
}) satisfies CreatePerform<typeof inputFields>;


export default defineCreate({
  key: 'create_company',
  noun: 'Company',
  display: {
    label: 'Create or Update Company',
    description: 'Creates a company, or updates the company with the same domain.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: companyOutputFields,
  },
});

// POST /v2/objects/companies/records/query: the company with this domain, or nothing.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findCompanyByDomain } from '../attio/lookups';
import { readableRecord } from '../zapier/readable';
import sample from '../samples/company.json';
import { companyOutputFields } from '../zapier/outputs';
import { domainField, formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';

const inputFields = defineInputFields([
  domainField('The domain of the company to look for.'),
  KEEP_SUBDOMAINS_FIELD,
]);

export const perform = (async (z, bundle) => {
  const record = await findCompanyByDomain(z, bundle.inputData.domain, 'Domain', formatOptionsOf(bundle.inputData));
  // No match is an empty result, never an error: Zapier then runs the create of a find-or-create.
  return record ? [await readableRecord(z, record, 'companies')] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_company',
  noun: 'Company',
  display: { label: 'Find Company', description: 'Finds a company by domain.' },
  operation: { inputFields, perform, sample, outputFields: companyOutputFields },
});

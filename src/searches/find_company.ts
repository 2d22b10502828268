// POST /v2/objects/companies/records/query: the company with this domain, or nothing.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findCompanyByDomain } from '../attio/lookups';
import { formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';
import { flattenRecord } from '../values/read';
import { companyOutputFields } from '../creates/create_company';
import sample from '../samples/company.json';

const inputFields = defineInputFields([
  {
    key: 'domain',
    label: 'Domain',
    type: 'string',
    required: true,
    helpText:
      'A website, a domain or an email address at the company: `https://www.Acme.com/pricing`, `Acme.com` and `ada@acme.com` all search for `acme.com`. Subdomains go too (`mail.acme.co.uk` searches for `acme.co.uk`) unless Keep Subdomains is set.',
  },
  KEEP_SUBDOMAINS_FIELD,
]);

export const perform = (async (z, bundle) => {
  const record = await findCompanyByDomain(z, bundle.inputData.domain, 'Domain', formatOptionsOf(bundle.inputData));
  // No match is an empty result, never an error: Zapier then runs the create of a find-or-create.
  return record ? [flattenRecord(record, 'companies')] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_company',
  noun: 'Company',
  display: { label: 'Find Company', description: 'Finds a company by domain.' },
  operation: { inputFields, perform, sample, outputFields: companyOutputFields },
});

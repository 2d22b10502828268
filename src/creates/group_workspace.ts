// Group Workspace: PUT companies by domain, then PUT workspaces by workspace_id linked to that company
// (two asserts, in that order: the link needs the company to exist). Replays and racing runs update the
// same two records. A free email domain is no company: the workspace is then saved without one.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { assertRecord } from '../attio/endpoints';
import { assertCompanyByDomain, linkTo } from '../attio/lookups';
import { afterWritten } from '../attio/partial';
import { identifierInput, isMapped, isTrue, inputError } from '../values/parse';
import { isFreeEmailDomain, normalizeDomain } from '../values/normalize';
import { explainNotActivated, pairedFields, pairedValues, type Side } from '../zapier/fields/product';
import { flattenRecord } from '../values/read';
import { nameActors } from '../zapier/readable';
import sample from '../samples/workspace.json';
import { workspaceOutputFields } from '../zapier/outputs';
import { domainField, allowFreeEmailDomainsField, formatOptionsOf, KEEP_SUBDOMAINS_FIELD } from '../zapier/fields';
import { WRITE_THROTTLE } from '../zapier/throttle';

const COMPANY: Side = { object: 'companies', title: 'Companies', prefix: 'company_values__', labelPrefix: 'Company: ', skip: ['domains'] };
const WORKSPACE: Side = { object: 'workspaces', title: 'Workspaces', prefix: 'workspace_values__', labelPrefix: 'Workspace: ', skip: ['workspace_id', 'company'] };

const inputFields = defineInputFields([
  domainField("The company's domain: the company with it is updated, or created, and the workspace is linked to it."),
  {
    key: 'workspace_id',
    // The product's own id, mapped from the app that knows it: there is nothing in Attio to pick it from.
    meta: { external_id: true },
    label: 'Workspace ID',
    type: 'string',
    required: true,
    helpText: 'The id your product gives this workspace, team or account (like `ws_41x9`). The workspace with it is updated, or created.',
  },
  allowFreeEmailDomainsField('By default the workspace is then saved without a company. Set to true to link it to a company with that domain anyway.'),
  KEEP_SUBDOMAINS_FIELD,
  async (z, _bundle) => pairedFields(z, COMPANY, WORKSPACE),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const domain = normalizeDomain(input.domain, 'Domain', formatOptionsOf(input));
  const workspaceId = identifierInput(input.workspace_id, 'Workspace ID') ?? '';
  if (!workspaceId) throw inputError('Workspace ID is empty. Map the id your product gives this workspace.');
  const what = `the workspace "${workspaceId}" was not saved`;
  // A free email domain is no company: decided first, so the company's fields are neither checked nor fetched then.
  const withCompany = !isFreeEmailDomain(domain) || isTrue(input.allow_free_email_domains);
  const [companyExtra, workspaceExtra] = await pairedValues(z, input, withCompany ? COMPANY : undefined, WORKSPACE, what);

  let company = null;
  if (!withCompany) {
    const skipped = Object.keys(input).some((k) => k.startsWith(COMPANY.prefix) && isMapped(input[k]));
    z.console.log(`Domain "${domain}" is a free email provider: the workspace is saved without a company${skipped ? ', and the mapped Company fields are not written' : ''}.`);
  } else {
    company = await assertCompanyByDomain(z, domain, companyExtra);
  }
  const saveWorkspace = () => assertRecord(z, {
    object: 'workspaces',
    matchingAttribute: 'workspace_id',
    values: {
      ...workspaceExtra.values,
      workspace_id: [{ value: workspaceId }],
      ...(company ? { company: linkTo('companies', company) } : {}),
    },
    action: `create or update the workspace ${workspaceId}`,
    fieldLabels: { ...workspaceExtra.fieldLabels, workspace_id: 'Workspace ID' },
    explain: explainNotActivated(z, WORKSPACE, what),
  });
  const workspace = company ? await afterWritten(z, `the company ${domain}`, `the workspace "${workspaceId}"`, saveWorkspace) : await saveWorkspace();
  // `company` (the reference) becomes the whole company record: its id is the reference's target. Without a
  // company asserted, the workspace's own link (from an earlier run, or none) is what Attio has.
  const flat = flattenRecord(workspace, 'workspaces');
  const companyOut = company ? flattenRecord(company, 'companies') : undefined;
  await nameActors(z, company && companyOut ? [[flat, workspace.values], [companyOut, company.values]] : [[flat, workspace.values]]);
  return companyOut ? { ...flat, company: companyOut } : flat;
}) satisfies CreatePerform<typeof inputFields>;


export default defineCreate({
  key: 'group_workspace',
  noun: 'Workspace',
  display: {
    label: 'Group Workspace',
    description: "Creates or updates a workspace (team or account) of your product by workspace ID, linked to the company with its domain.",
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: workspaceOutputFields,
  },
});

// POST /v2/objects/people/records/query: the person with this email address, or nothing.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findPersonByEmail } from '../attio/lookups';
import { readableRecord } from '../zapier/readable';
import sample from '../samples/person.json';
import { personOutputFields } from '../zapier/outputs';
import { emailField } from '../zapier/fields';

const inputFields = defineInputFields([
  emailField('The email address of the person to look for.'),
]);

export const perform = (async (z, bundle) => {
  const record = await findPersonByEmail(z, bundle.inputData.email, 'Email');
  // No match is an empty result, never an error: Zapier then runs the create of a find-or-create.
  return record ? [await readableRecord(z, record, 'people')] : [];
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_person',
  noun: 'Person',
  display: { label: 'Find Person', description: 'Finds a person by email address.' },
  operation: { inputFields, perform, sample, outputFields: personOutputFields },
});

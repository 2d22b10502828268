// Identify User: PUT people by email, then PUT users by user_id linked to that person (two asserts, in
// that order: the link needs the person to exist). Replays and racing runs update the same two records.
import { defineCreate, defineInputFields, type CreatePerform, type PlainOutputField } from 'zapier-platform-core';
import { assertRecord } from '../attio/endpoints';
import { conflictingAttribute } from '../attio/errors';
import { normalizeEmail } from '../values/normalize';
import { identifierInput } from '../values/parse';
import { explainNotActivated, pairedFields, pairedValues, type Side } from '../zapier/fields/product';
import { flattenRecord, nestOutputFields, recordOutputFields } from '../values/read';
import { personOutputFields } from './create_person';
import sample from '../samples/user.json';

const PERSON: Side = { object: 'people', title: 'People', prefix: 'person_values__', labelPrefix: 'Person: ', skip: ['email_addresses'] };
const USER: Side = { object: 'users', title: 'Users', prefix: 'user_values__', labelPrefix: 'User: ', skip: ['user_id', 'primary_email_address', 'person'] };

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    helpText:
      'The user\'s email address. The person with it is updated, or created, and the user is linked to that person. Spaces and capitals are ignored.',
  },
  {
    key: 'user_id',
    // The product's own id, mapped from the app that knows it: there is nothing in Attio to pick it from.
    meta: { external_id: true },
    label: 'User ID',
    type: 'string',
    required: true,
    helpText: 'The id your product gives this user (like `usr_8f2k1`). The user with it is updated, or created.',
  },
  async (z, _bundle) => pairedFields(z, PERSON, USER, { keepSubdomains: true }),
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const email = normalizeEmail(input.email, 'Email');
  const userId = identifierInput(input.user_id, 'User ID') ?? '';
  if (!userId) throw new z.errors.Error('User ID is empty. Map the id your product gives this user.', 'invalid_input', 400);
  const what = `the user "${userId}" was not saved`;
  const [personExtra, userExtra] = await pairedValues(z, input, PERSON, USER, what);

  const person = await assertRecord(z, {
    object: 'people',
    matchingAttribute: 'email_addresses',
    values: { ...personExtra.values, email_addresses: [{ email_address: email }] },
    action: `create or update the person ${email}`,
    fieldLabels: { ...personExtra.fieldLabels, email_addresses: 'Email' },
  });
  const user = await assertRecord(z, {
    object: 'users',
    matchingAttribute: 'user_id',
    values: {
      ...userExtra.values,
      user_id: [{ value: userId }],
      primary_email_address: [{ email_address: email }],
      person: [{ target_object: 'people', target_record_id: person.id.record_id }],
    },
    action: `create or update the user ${userId}`,
    fieldLabels: { ...userExtra.fieldLabels, user_id: 'User ID', primary_email_address: 'Email' },
    explain: (status, body) => {
      if (status !== 400 || body?.code !== 'uniqueness_conflict') return explainNotActivated(z, USER, `${what} (the person ${email} was)`)(status, body);
      // The email, unless Attio names a unique attribute mapped among the user's extra fields.
      const extra = conflictingAttribute(body, userExtra.attributes ?? []);
      const clash =
        extra && extra.slug !== 'primary_email_address'
          ? `the same ${USER.labelPrefix}${extra.title} "${String(input[`${USER.prefix}${extra.slug}`])}"`
          : `the email ${email}`;
      return new z.errors.Error(
        `Another user in Attio already has ${clash}, which must be unique, so ${what} (the person ${email} was). Map the User ID that user already has, or change that value in Attio.`,
        'uniqueness_conflict',
        400,
      );
    },
  });
  // `person` (the reference) becomes the whole person record: its id is the reference's target.
  return { ...flattenRecord(user, 'users'), person: flattenRecord(person, 'people') };
}) satisfies CreatePerform<typeof inputFields>;

export const userOutputFields: PlainOutputField[] = [
  ...recordOutputFields(),
  { key: 'user_id', label: 'User ID', type: 'string' },
  { key: 'primary_email_address', label: 'Email', type: 'string' },
  { key: 'workspace__target_object', label: 'Workspace Object', type: 'string' },
  { key: 'workspace__target_record_id', label: 'Workspace Record ID', type: 'string' },
  ...nestOutputFields(personOutputFields, { key: 'person', label: 'Person' }),
];

export default defineCreate({
  key: 'identify_user',
  noun: 'User',
  display: {
    label: 'Identify User',
    description: "Creates or updates a user of your product in Attio by user ID, linked to the person with the user's email address.",
  },
  operation: { inputFields, perform, sample, outputFields: userOutputFields },
});

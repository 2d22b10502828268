// Identify User: PUT people by email, then PUT users by user_id linked to that person (two asserts, in
// that order: the link needs the person to exist). Replays and racing runs update the same two records.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { assertRecord } from '../attio/endpoints';
import { assertPersonByEmail, linkTo } from '../attio/lookups';
import { afterWritten } from '../attio/partial';
import { conflictingAttribute } from '../attio/errors';
import { normalizeEmail } from '../values/normalize';
import { explainNotActivated, pairedFields, pairedValues, type Side } from '../zapier/fields/product';
import { flattenRecord } from '../values/read';
import { nameActors } from '../zapier/readable';
import sample from '../samples/user.json';
import { userOutputFields } from '../zapier/outputs';
import { emailField } from '../zapier/fields';
import { identifierInput, inputError } from '../values/parse';
import { WRITE_THROTTLE } from '../zapier/throttle';

const PERSON: Side = { object: 'people', title: 'People', prefix: 'person_values__', labelPrefix: 'Person: ', skip: ['email_addresses'] };
const USER: Side = { object: 'users', title: 'Users', prefix: 'user_values__', labelPrefix: 'User: ', skip: ['user_id', 'primary_email_address', 'person'] };

const inputFields = defineInputFields([
  emailField("The user's email address. The person with it is updated, or created, and the user is linked to that person."),
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
  if (!userId) throw inputError('User ID is empty. Map the id your product gives this user.');
  const what = `the user "${userId}" was not saved`;
  const [personExtra, userExtra] = await pairedValues(z, input, PERSON, USER, what);

  const person = await assertPersonByEmail(z, email, personExtra);
  const saveUser = () => assertRecord(z, {
    object: 'users',
    matchingAttribute: 'user_id',
    values: {
      ...userExtra.values,
      user_id: [{ value: userId }],
      primary_email_address: [{ email_address: email }],
      person: linkTo('people', person),
    },
    action: `create or update the user ${userId}`,
    fieldLabels: { ...userExtra.fieldLabels, user_id: 'User ID', primary_email_address: 'Email' },
    explain: (status, body) => {
      if (status !== 400 || body?.code !== 'uniqueness_conflict') return explainNotActivated(z, USER, what)(status, body);
      // The email, unless Attio names a unique attribute mapped among the user's extra fields.
      const extra = conflictingAttribute(body, userExtra.attributes ?? []);
      const clash =
        extra && extra.slug !== 'primary_email_address'
          ? `the same ${USER.labelPrefix}${extra.title} "${String(input[`${USER.prefix}${extra.slug}`])}"`
          : `the email ${email}`;
      return new z.errors.Error(
        `Another user in Attio already has ${clash}, which must be unique. Map the User ID that user already has, or change that value in Attio.`,
        'uniqueness_conflict',
        400,
      );
    },
  });
  // The person is written first (the user links to it): a refusal of the user says so.
  const user = await afterWritten(z, `the person ${email}`, `the user "${userId}"`, saveUser);
  // `person` (the reference) becomes the whole person record: its id is the reference's target.
  const [userOut, personOut] = [flattenRecord(user, 'users'), flattenRecord(person, 'people')];
  await nameActors(z, [[userOut, user.values], [personOut, person.values]]);
  return { ...userOut, person: personOut };
}) satisfies CreatePerform<typeof inputFields>;


export default defineCreate({
  key: 'identify_user',
  noun: 'User',
  display: {
    label: 'Identify User',
    description: "Creates or updates a user of your product by user ID, linked to the person with the user's email address.",
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: userOutputFields,
  },
});

import type { DataMatcherMap } from 'nock';
import identifyUser, { perform } from '../../src/creates/identify_user';
import userSample from '../../src/samples/user.json';
import { appTester, attio, attioErrorBody, heldReplies, loadInputFields, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, failure, options, PERSON_ID, peopleAttributes, personRecord, value } from '../fixtures/people_companies';
import { objectNotFound, record, text, USER_ID, userAttributes, WORKSPACE_RECORD_ID } from '../fixtures/records';

const PEOPLE = '/v2/objects/people/records';
const USERS = '/v2/objects/users/records';
const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const paths = () => attioRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);
const writes = () => attioRequests().filter((r) => r.method !== 'GET');

const run = (inputData: Record<string, unknown>, freshCache = true) => appTester(perform, makeBundle({ inputData }), freshCache);
type Field = Record<string, unknown>;
/** The step's fields as the editor shows them: static, then the dynamic ones (through the app). */
const loadFields = async (freshCache = true): Promise<Field[]> => (await loadInputFields(identifyUser, {}, freshCache)) as unknown as Field[];

const EMAIL = [{ email_address: 'ada@example.com' }];

/** The users record behind src/samples/user.json. */
function userRecord(personId = PERSON_ID) {
  return record('users', USER_ID, {
    user_id: [text('usr_8f2k1')],
    primary_email_address: [
      value('email-address', {
        email_address: 'ada@example.com',
        original_email_address: 'ada@example.com',
        email_domain: 'example.com',
        email_root_domain: 'example.com',
        email_local_specifier: 'ada',
      }),
    ],
    person: [value('record-reference', { target_object: 'people', target_record_id: personId })],
    workspace: [value('record-reference', { target_object: 'workspaces', target_record_id: WORKSPACE_RECORD_ID })],
  });
}

function assertPerson(values: DataMatcherMap, reply = personRecord()) {
  return attio().put(PEOPLE, { data: { values } }).query({ matching_attribute: 'email_addresses' }).reply(200, { data: reply });
}

/** The users assert for usr_8f2k1 / ada@example.com linked to `personId`, plus `extra` values. */
function assertUser(extra: DataMatcherMap = {}, personId = PERSON_ID) {
  return attio()
    .put(USERS, {
      data: {
        values: {
          ...extra,
          user_id: [{ value: 'usr_8f2k1' }],
          primary_email_address: EMAIL,
          person: [{ target_object: 'people', target_record_id: personId }],
        },
      },
    })
    .query({ matching_attribute: 'user_id' });
}


describe('creates.identify_user: a unique value another user has', () => {
  const conflict = (message: string) => attioErrorBody(400, 'uniqueness_conflict', message);

  it('the email: says which, and that the person was saved', async () => {
    assertPerson({ email_addresses: EMAIL });
    assertUser().reply(400, conflict('A value provided for attribute with slug "primary_email_address" conflicts with one already in the system.'));
    const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1' }));
    expect(err).toMatchObject({
      code: 'uniqueness_conflict',
      message:
        'The person ada@example.com was created or updated, but the user "usr_8f2k1" was not: Another user in Attio already has the email ada@example.com, which must be unique. Map the User ID that user already has, or change that value in Attio.',
    });
  });

  it('a unique extra user attribute: names it with its value', async () => {
    attio()
      .get('/v2/objects/users/attributes')
      .reply(200, { data: [...userAttributes(), attribute('account_key', 'text', { is_unique: true, title: 'Account key' })] });
    assertPerson({ email_addresses: EMAIL });
    assertUser({ account_key: [{ value: 'K-1' }] }).reply(400, conflict('A value provided for attribute with slug "account_key" conflicts with one already in the system.'));
    const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1', user_values__account_key: 'K-1' }));
    expect(err.message).toBe(
      'The person ada@example.com was created or updated, but the user "usr_8f2k1" was not: Another user in Attio already has the same User: Account key "K-1", which must be unique. Map the User ID that user already has, or change that value in Attio.',
    );
  });
});

/** The option lists the field load fetches: people's two selects and the users' plan. */
function mockOptions(users = true) {
  attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) });
  attio().get('/v2/objects/people/attributes/interests/options').reply(200, { data: options(['Analytics', 'Engines']) });
  if (users) attio().get('/v2/objects/users/attributes/plan/options').reply(200, { data: options(['Free', 'Pro']) });
}

const NOT_ACTIVATED_HINT = "A workspace admin can activate it in Attio's workspace settings, under Objects → Users; then replay this run.";

describe('creates.identify_user', () => {
  it('asserts the person by normalised email, then the user linked to it: 2 requests, output equals the sample', async () => {
    const person = assertPerson({ email_addresses: EMAIL });
    const user = assertUser().reply(200, { data: userRecord() });
    const result = await run({ email: ' Ada@Example.com ', user_id: 'usr_8f2k1' });

    expect(person.isDone() && user.isDone()).toBe(true);
    expect(paths()).toEqual([`PUT ${PEOPLE}`, `PUT ${USERS}`]);
    expect(result).toEqual(userSample);
  });

  it('links the user to the person id Attio returned for the first assert (so the person goes first)', async () => {
    const otherPersonId = 'a1b2c3d4-0000-4000-8000-00000000beef';
    // The person Attio answers with has an id the app cannot know in advance.
    const reply = { ...personRecord(), id: { ...personRecord().id, record_id: otherPersonId } };
    assertPerson({ email_addresses: EMAIL }, reply);
    assertUser({}, otherPersonId).reply(200, { data: userRecord(otherPersonId) });

    const result = (await run({ email: 'ada@example.com', user_id: ' usr_8f2k1 ' })) as Record<string, unknown>;
    const [first, second] = attioRequests();
    expect(first?.url).toMatch(/\/objects\/people\/records\?matching_attribute=email_addresses$/);
    expect(second?.url).toMatch(/\/objects\/users\/records\?matching_attribute=user_id$/);
    expect(JSON.parse(second?.body ?? '{}').data.values.person).toEqual([{ target_object: 'people', target_record_id: otherPersonId }]);
    expect(result).toMatchObject({ id: USER_ID, person: { id: otherPersonId, email: 'ada@example.com' } });
  });

  it('does not write the user when the person assert fails', async () => {
    attio()
      .put(PEOPLE, { data: { values: { email_addresses: EMAIL } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
    const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1' }));
    expect(err.message).toMatch(/^Attio did not allow this connection to create or update the person ada@example\.com\./);
    expect(paths()).toEqual([`PUT ${PEOPLE}`]);
  });

  describe('extra attributes for each side', () => {
    it('sends person_values__ to the person and user_values__ to the user (cold cache: attributes, plan options)', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio().get('/v2/objects/users/attributes').reply(200, { data: userAttributes() });
      attio().get('/v2/objects/users/attributes/plan/options').reply(200, { data: options(['Free', 'Pro']) });
      assertPerson({ job_title: [{ value: 'Engineer' }], email_addresses: EMAIL });
      assertUser({ plan: [{ option: 'Pro' }] }).reply(200, { data: userRecord() });

      await run({ email: 'ada@example.com', user_id: 'usr_8f2k1', person_values__job_title: 'Engineer', user_values__plan: 'pro' });
      expect(writes().map((r) => new URL(r.url).pathname)).toEqual([PEOPLE, USERS]);
    });

    it('after the field load, formats both sides from the cache: only the 2 writes', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio().get('/v2/objects/users/attributes').reply(200, { data: userAttributes() });
      mockOptions();
      await loadFields();
      const loaded = attioRequests().length;

      assertPerson({ job_title: [{ value: 'Engineer' }], lead_source: [{ option: 'Referral' }], email_addresses: EMAIL });
      assertUser({ plan: [{ option: 'Pro' }], signed_up_at: [{ value: '2025-01-15T10:30:00.000Z' }] }).reply(200, { data: userRecord() });
      await run(
        {
          email: 'ada@example.com',
          user_id: 'usr_8f2k1',
          person_values__job_title: 'Engineer',
          person_values__lead_source: 'referral',
          user_values__plan: 'Pro',
          user_values__signed_up_at: '2025-01-15T10:30:00Z',
        },
        false,
      );
      expect(attioRequests().slice(loaded).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT ${PEOPLE}`, `PUT ${USERS}`]);
    });

    it('an unknown plan option names "User: Plan" and lists the valid ones; nothing is written', async () => {
      attio().get('/v2/objects/users/attributes').reply(200, { data: userAttributes() });
      attio().get('/v2/objects/users/attributes/plan/options').reply(200, { data: options(['Free', 'Pro']) });
      const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1', user_values__plan: 'Enterprise' }));
      expect(err).toEqual({
        name: 'AppError',
        message: 'User: Plan "Enterprise" is not an option of this field in Attio. Valid options: "Free", "Pro".',
        code: 'invalid_input',
      });
      expect(writes()).toHaveLength(0);
    });

    it('an invalid person value names "Person: …"; nothing is written', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1', person_values__lead_score: 'lots' }));
      expect(err).toEqual({
        name: 'AppError',
        message: expect.stringMatching(/^Person: Lead score "lots" is not a number\./),
        code: 'invalid_input',
      });
      expect(writes()).toHaveLength(0);
    });

    it("Attio's validation errors name the mapped field with its side", async () => {
      attio().get('/v2/objects/users/attributes').reply(200, { data: userAttributes() });
      assertPerson({ email_addresses: EMAIL });
      assertUser({ signed_up_at: [{ value: '2025-01-15T10:30:00.000Z' }] }).reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'invalid_type', path: ['data', 'values', 'signed_up_at', 0, 'value'], message: 'Invalid date' }],
      });
      const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1', user_values__signed_up_at: '2025-01-15T10:30:00Z' }));
      expect(err.message).toBe(
        'The person ada@example.com was created or updated, but the user "usr_8f2k1" was not: Attio rejected the data sent to create or update the user usr_8f2k1. User: Signed up at (signed_up_at) → value: Invalid date. Fix the mapped value and try again.',
      );
    });
  });

  describe('users object not activated', () => {
    it('the users assert answers 404: says so, how to activate it, that the user was not saved and the person was', async () => {
      assertPerson({ email_addresses: EMAIL });
      assertUser().reply(404, objectNotFound('users'));
      const err = await failure(() => run({ email: 'ada@example.com', user_id: 'usr_8f2k1' }));
      expect(err).toEqual({
        name: 'AppError',
        message: `The person ada@example.com was created or updated, but the user "usr_8f2k1" was not: The Users object is not activated in your Attio workspace, so the user "usr_8f2k1" was not saved. ${NOT_ACTIVATED_HINT}`,
        code: 'object_not_activated',
      });
      expect(paths()).toEqual([`PUT ${PEOPLE}`, `PUT ${USERS}`]);
    });

    it('user extras on a cold cache: the attributes lookup answers 404, the same message, and nothing is written', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio().get('/v2/objects/users/attributes').reply(404, objectNotFound('users'));
      const err = await failure(() =>
        run({ email: 'ada@example.com', user_id: 'usr_8f2k1', person_values__job_title: 'Engineer', user_values__plan: 'Pro' }),
      );
      expect(err).toEqual({
        name: 'AppError',
        message: `The Users object is not activated in your Attio workspace, so the user "usr_8f2k1" was not saved. ${NOT_ACTIVATED_HINT}`,
        code: 'object_not_activated',
      });
      expect(writes()).toHaveLength(0);
    });
  });

  describe('input fields', () => {
    it('loads person fields (Person: …) and user fields (User: …) in parallel, leaving out what the step writes', async () => {
      const state = heldReplies({
        '/v2/objects/people/attributes': [200, { data: peopleAttributes() }],
        '/v2/objects/users/attributes': [200, { data: userAttributes() }],
      });
      mockOptions();
      const fields = await loadFields();

      expect(state.sequential).toBe(false);
      expect(fields.slice(0, 2).map((f) => f.key)).toEqual(['email', 'user_id']);
      const person = fields.filter((f) => String(f.key).startsWith('person_values__'));
      const user = fields.filter((f) => String(f.key).startsWith('user_values__'));
      // Phone Country (Person: Phone numbers, once for the step) and Keep Subdomains (Person: Company) close the list.
      expect(fields).toHaveLength(2 + person.length + user.length + 2);
      expect(fields.slice(-2).map((f) => f.key)).toEqual(['phone_country', 'keep_subdomains']);
      expect(person.map((f) => f.key)).toEqual([
        'person_values__name',
        'person_values__description',
        'person_values__company',
        'person_values__job_title',
        'person_values__phone_numbers',
        'person_values__primary_location',
        'person_values__linkedin',
        'person_values__lead_score',
        'person_values__lead_source',
        'person_values__interests',
        'person_values__newsletter',
        'person_values__renewal_date',
        'person_values__satisfaction',
        'person_values__contract_value',
        'person_values__account_owner',
        'person_values__referred_by',
      ]);
      expect(person.every((f) => String(f.label).startsWith('Person: '))).toBe(true);
      // Every extra is optional, even an attribute Attio requires (lead_score).
      expect(person.find((f) => f.key === 'person_values__lead_score')).toEqual({
        key: 'person_values__lead_score',
        label: 'Person: Lead score',
        type: 'number',
        required: false,
      });
      expect(user).toEqual([
        {
          key: 'user_values__workspace',
          label: 'User: Workspace',
          type: 'string',
          required: false,
          list: true,
          helpText: expect.stringMatching(/^The record to link/),
        },
        {
          key: 'user_values__plan',
          label: 'User: Plan',
          type: 'string',
          required: false,
          choices: [
            { value: 'Free', label: 'Free', sample: 'Free' },
            { value: 'Pro', label: 'Pro', sample: 'Pro' },
          ],
        },
        { key: 'user_values__signed_up_at', label: 'User: Signed up at', type: 'datetime', required: false, helpText: expect.any(String) },
      ]);
    });

    it('with the users object not activated: person fields and a note explaining how to activate it', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio().get('/v2/objects/users/attributes').reply(404, objectNotFound('users'));
      mockOptions(false);
      const fields = await loadFields();

      expect(fields.some((f) => String(f.key).startsWith('person_values__'))).toBe(true);
      expect(fields.filter((f) => String(f.key).startsWith('user_values__'))).toEqual([
        {
          key: 'user_values__not_activated',
          label: 'Users Object',
          type: 'copy',
          helpText: `The Users object is not activated in this Attio workspace, so this step cannot save users yet. ${NOT_ACTIVATED_HINT}`,
        },
      ]);
    });

    it('any other failure of the users lookup is not mistaken for "not activated"', async () => {
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() });
      attio().get('/v2/objects/users/attributes').reply(403, attioErrorBody(403, 'unauthorized', 'Missing scope.', 'auth_error'));
      mockOptions(false);
      const err = await failure(() => loadFields());
      expect(err.message).toMatch(/^Attio did not allow this connection to load the fields of "users"\./);
    });
  });

  it.each([
    [{ email: 'ada at example.com', user_id: 'usr_8f2k1' }, 'Email "ada at example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
    [{ email: '', user_id: 'usr_8f2k1' }, 'Email "" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
    [{ email: 'ada@example.com', user_id: '' }, 'User ID is empty. Map the id your product gives this user.'],
    [{ email: 'ada@example.com', user_id: '   ' }, 'User ID is empty. Map the id your product gives this user.'],
    [{ email: 'ada@example.com' }, 'User ID is empty. Map the id your product gives this user.'],
  ])('refuses %j before any request', async (inputData, message) => {
    const err = await failure(() => run({ ...inputData, user_values__plan: 'Pro' }));
    expect(err).toEqual({ name: 'AppError', message, code: 'invalid_input' });
    expect(attioRequests()).toHaveLength(0);
  });

  it('is registered as "Identify User" with the user sample', () => {
    expect(identifyUser.key).toBe('identify_user');
    expect(identifyUser.display.label).toBe('Identify User');
    expect(identifyUser.operation.sample).toEqual(userSample);
  });
});

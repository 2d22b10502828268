import { perform } from '../../src/creates/create_task';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';

const TASK_ID = '649e34f4-c39a-4f4d-99ef-48a36bef8f04';
const PERSON_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const DEAL_ID = '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';
const ALICE_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
const BOB_ID = '6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const PEOPLE_OBJECT_ID = '97052eb9-e65e-443f-a297-f2d9a4a7f795';

function taskResponse(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', task_id: TASK_ID },
      content_plaintext: 'Follow up on pricing',
      deadline_at: '2025-01-20T17:00:00.000000000Z',
      is_completed: false,
      linked_records: [{ target_object_id: PEOPLE_OBJECT_ID, target_record_id: PERSON_ID }],
      assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: ALICE_ID }],
      created_by_actor: { type: 'api-token', id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d' },
      created_at: '2025-01-15T10:30:00.123456789Z',
      ...overrides,
    },
  };
}

describe('creates.create_task', () => {
  it('sends all six fields, linking people and companies by email and domain in the same request', async () => {
    const scope = attio()
      .post('/v2/tasks', {
        data: {
          content: 'Follow up on pricing',
          format: 'plaintext',
          deadline_at: '2025-01-20T17:00:00.000Z',
          is_completed: false,
          linked_records: [
            { target_object: 'deals', target_record_id: DEAL_ID },
            { target_object: 'people', email_addresses: [{ email_address: 'ada@example.com' }] },
            { target_object: 'companies', domains: [{ domain: 'acme.com' }] },
          ],
          assignees: [{ workspace_member_email_address: 'alice@acme.com' }],
        },
      })
      .reply(200, taskResponse());

    const result = await appTester(
      perform,
      makeBundle({
        inputData: {
          content: 'Follow up on pricing',
          deadline_at: '2025-01-20T12:00:00-05:00',
          is_completed: 'false',
          assignee_emails: [' Alice@Acme.com '],
          linked_object: 'deals',
          linked_record_ids: [DEAL_ID.toUpperCase()],
          linked_person_emails: ['Ada@Example.com'],
          linked_company_domains: ['https://www.Acme.com/pricing'],
        },
      }),
    );

    scope.done();
    expect(sentRequests()).toHaveLength(1);
    expect(result).toEqual({
      id: TASK_ID,
      task_id: TASK_ID,
      content: 'Follow up on pricing',
      deadline_at: '2025-01-20T17:00:00.000+00:00',
      is_completed: false,
      assignee_emails: ['alice@acme.com'],
      assignee_ids: [ALICE_ID],
      linked_record_ids: [PERSON_ID],
      linked_object_ids: [PEOPLE_OBJECT_ID],
      created_by_type: 'api-token',
      created_by_id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d',
      created_at: '2025-01-15T10:30:00.123+00:00',
    });
  });

  it('sends null and empty lists for what was left blank, and the completed flag as a boolean', async () => {
    attio()
      .post('/v2/tasks', {
        data: { content: 'Call back', format: 'plaintext', deadline_at: null, is_completed: true, linked_records: [], assignees: [] },
      })
      .reply(200, taskResponse({ content_plaintext: 'Call back', deadline_at: null, is_completed: true, linked_records: [], assignees: [] }));

    const result = await appTester(perform, makeBundle({ inputData: { content: 'Call back', is_completed: true } }));

    expect(result).toMatchObject({ content: 'Call back', deadline_at: null, is_completed: true, assignee_emails: [], linked_record_ids: [] });
  });

  /** The Kick-off task linked to Ada and Grace and assigned to Alice and Bob; Attio answers with `assigneeIds` in that order. */
  const kickOffTask = (assigneeIds: string[]) =>
    attio()
      .post('/v2/tasks', {
        data: {
          content: 'Kick-off',
          format: 'plaintext',
          deadline_at: null,
          is_completed: false,
          linked_records: [
            { target_object: 'people', email_addresses: [{ email_address: 'ada@example.com' }] },
            { target_object: 'people', email_addresses: [{ email_address: 'grace@example.com' }] },
          ],
          assignees: [{ workspace_member_email_address: 'alice@acme.com' }, { workspace_member_email_address: 'bob@acme.com' }],
        },
      })
      .reply(
        200,
        taskResponse({
          content_plaintext: 'Kick-off',
          deadline_at: null,
          assignees: assigneeIds.map((id) => ({ referenced_actor_type: 'workspace-member', referenced_actor_id: id })),
        }),
      );

  it('splits list values mapped as one comma-separated text, and drops duplicates', async () => {
    kickOffTask([BOB_ID, ALICE_ID]);

    const result = await appTester(
      perform,
      makeBundle({
        inputData: {
          content: 'Kick-off',
          assignee_emails: ['alice@acme.com, bob@acme.com', 'ALICE@acme.com'],
          linked_person_emails: ['ada@example.com; grace@example.com'],
        },
      }),
    );

    // Both members were accepted, so both emails are the assignees' (in the order given, not paired with ids).
    expect(result).toMatchObject({ assignee_emails: ['alice@acme.com', 'bob@acme.com'], assignee_ids: [BOB_ID, ALICE_ID] });
  });

  it('keeps a quoted display name with a comma in it as one address, in mapped text and in line items', async () => {
    kickOffTask([ALICE_ID, BOB_ID]);

    const result = await appTester(
      perform,
      makeBundle({
        inputData: {
          content: 'Kick-off',
          assignee_emails: '"Smith, Alice" <Alice@acme.com>, bob@acme.com',
          // The full-width address (typed with a Japanese IME) is Ada again, not a third person.
          linked_person_emails: ['"Lovelace, Ada" <ada@example.com>\ngrace@example.com', 'Ada@Example.com', 'ａｄａ@example.com'],
        },
      }),
    );

    expect(result).toMatchObject({ assignee_emails: ['alice@acme.com', 'bob@acme.com'] });
  });

  it('turns an Attio validation error into a message naming the field', async () => {
    attio()
      .post('/v2/tasks', {
        data: {
          content: 'Call back',
          format: 'plaintext',
          deadline_at: null,
          is_completed: false,
          linked_records: [],
          assignees: [{ workspace_member_email_address: 'nobody@acme.com' }],
        },
      })
      .reply(400, {
        ...attioErrorBody(400, 'validation_type', 'Body payload validation error.'),
        validation_errors: [{ code: 'invalid', path: ['data', 'assignees', 0], message: 'Workspace member not found' }],
      });

    await expect(
      appTester(perform, makeBundle({ inputData: { content: 'Call back', assignee_emails: ['nobody@acme.com'] } })),
    ).rejects.toThrow(/Attio rejected the data sent to create the task\. Assignees \(assignees\): Workspace member not found\./);
  });

  it('explains a record Attio cannot link', async () => {
    attio()
      .post('/v2/tasks', {
        data: {
          content: 'Call back',
          format: 'plaintext',
          deadline_at: null,
          is_completed: false,
          linked_records: [{ target_object: 'people', email_addresses: [{ email_address: 'ghost@example.com' }] }],
          assignees: [],
        },
      })
      .reply(400, attioErrorBody(400, 'value_not_found', 'Record with email "ghost@example.com" not found.'));

    await expect(
      appTester(perform, makeBundle({ inputData: { content: 'Call back', linked_person_emails: ['ghost@example.com'] } })),
    ).rejects.toThrow(
      /Attio could not create the task: Linked Person Emails, Linked Company Domains or Linked Records holds \\"ghost@example\.com\\", which Attio could not find, so nothing was written\. Attio said: Record with email/,
    );
  });

  describe('checks input before sending anything', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['content over 2,000 characters', { content: 'x'.repeat(2001) }, /Content is 2001 characters long; Attio allows at most 2000/],
      ['blank content', { content: '   ' }, /Content is empty/],
      ['a deadline that is not a date', { content: 'a', deadline_at: 'next Tuesday-ish' }, /Deadline \\"next Tuesday-ish\\" is not a date/],
      ['an assignee that is not an email', { content: 'a', assignee_emails: ['Alice'] }, /Assignees \\"Alice\\" is not a valid email address/],
      ['a linked record id that is not a UUID', { content: 'a', linked_object: 'people', linked_record_ids: ['Ada Lovelace'] }, /Linked Records \\"Ada Lovelace\\" is not an Attio record ID/],
      ['record ids without their object', { content: 'a', linked_record_ids: [PERSON_ID] }, /Linked Object is empty, but Linked Records are given/],
      ['a person email that is not one', { content: 'a', linked_person_emails: ['ada-at-example'] }, /Linked Person Emails \\"ada-at-example\\" is not a valid email address/],
      ['a company domain that is not one', { content: 'a', linked_company_domains: ['not a domain'] }, /Linked Company Domains \\"not a domain\\" is not a domain/],
      ['a completed flag that is not yes or no', { content: 'a', is_completed: 'maybe' }, /Completed \\"maybe\\" is not true or false/],
    ];

    it.each(cases)('%s', async (_name, inputData, message) => {
      await expect(appTester(perform, makeBundle({ inputData }))).rejects.toThrow(message);
      expect(sentRequests()).toHaveLength(0);
    });

    it('counts characters, not UTF-16 units: 2,000 emoji are allowed', async () => {
      const content = '👍'.repeat(2000);
      attio()
        .post('/v2/tasks', { data: { content, format: 'plaintext', deadline_at: null, is_completed: false, linked_records: [], assignees: [] } })
        .reply(200, taskResponse({ content_plaintext: content, assignees: [], linked_records: [] }));
      await expect(appTester(perform, makeBundle({ inputData: { content } }))).resolves.toMatchObject({ content });
    });
  });
});

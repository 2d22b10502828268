import { perform } from '../../src/creates/create_comment';
import sample from '../../src/samples/comment.json';
import type { AttioComment } from '../../src/attio/types';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { ENTRY_ID, LIST_ID } from '../fixtures/lists';
import { PEOPLE_OBJECT_ID, WORKSPACE_ID } from '../fixtures/people_companies';

const COMMENT_ID = 'aa1dc1d9-93ac-4c6c-987e-16b6eea9aab2';
const THREAD_ID = 'c8e1f5a2-6b3d-4f7e-9a0c-2d4b6e8f1a3c';
const RECORD_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';

/**
 * A bundle typed for this perform: its input type has an index signature (the shared objectField's and
 * listField's keys are typed string), which makeBundle's Record<string, unknown> does not satisfy.
 */
type Input = Parameters<typeof perform>[1]['inputData'];
const bundleOf = (inputData: Input) => ({ ...makeBundle(), inputData });
const CONTENT = 'Signed the order form today. alice@example.com, can you set up the kickoff call?';

/** A comment as POST /v2/comments returns it (the one behind src/samples/comment.json). */
function commentResponse(overrides: Partial<AttioComment> = {}): { data: AttioComment } {
  return {
    data: {
      id: { workspace_id: WORKSPACE_ID, comment_id: COMMENT_ID },
      thread_id: THREAD_ID,
      content_plaintext: CONTENT,
      entry: null,
      record: { object_id: PEOPLE_OBJECT_ID, record_id: RECORD_ID },
      resolved_at: null,
      resolved_by: {},
      created_at: '2025-01-15T10:30:00.061281000Z',
      author: { type: 'workspace-member', id: MEMBER_ID },
      ...overrides,
    },
  };
}

const member = (id: string, email: string, access_level = 'member') => ({
  id: { workspace_id: WORKSPACE_ID, workspace_member_id: id },
  first_name: 'Alice',
  last_name: 'Ng',
  avatar_url: null,
  email_address: email,
  created_at: '2024-06-01T09:00:00.000000000Z',
  access_level,
});

const onRecord: Input = { content: CONTENT, author: MEMBER_ID, object: 'people', record_id: RECORD_ID };
const recordBody = {
  data: {
    format: 'plaintext',
    content: CONTENT,
    author: { type: 'workspace-member', id: MEMBER_ID },
    record: { object: 'people', record_id: RECORD_ID },
  },
};

describe('creates.create_comment', () => {
  it('comments on a record as the chosen member, in one request, and returns the sample', async () => {
    const scope = attio().post('/v2/comments', recordBody).reply(200, commentResponse());

    const result = await appTester(perform, bundleOf(onRecord));

    scope.done();
    expect(sentRequests()).toHaveLength(1);
    expect(result).toEqual(sample);
    expect(result).toEqual({
      id: COMMENT_ID,
      comment_id: COMMENT_ID,
      thread_id: THREAD_ID,
      content_plaintext: CONTENT,
      record_id: RECORD_ID,
      object_id: PEOPLE_OBJECT_ID,
      entry_id: null,
      list_id: null,
      author_type: 'workspace-member',
      author_id: MEMBER_ID,
      resolved_at: null,
      resolved_by_type: null,
      resolved_by_id: null,
      created_at: '2025-01-15T10:30:00.061+00:00',
    });
  });

  it('comments on a list entry', async () => {
    const scope = attio()
      .post('/v2/comments', {
        data: {
          format: 'plaintext',
          content: 'Moved to negotiation.',
          author: { type: 'workspace-member', id: MEMBER_ID },
          entry: { list: 'sales', entry_id: ENTRY_ID },
        },
      })
      .reply(200, commentResponse({ content_plaintext: 'Moved to negotiation.', entry: { list_id: LIST_ID, entry_id: ENTRY_ID } }));

    const result = await appTester(
      perform,
      bundleOf({ content: 'Moved to negotiation.', author: MEMBER_ID, list: 'sales', entry_id: ENTRY_ID.toUpperCase() }),
    );

    scope.done();
    expect(sentRequests()).toHaveLength(1);
    expect(result).toMatchObject({ id: COMMENT_ID, entry_id: ENTRY_ID, list_id: LIST_ID, record_id: RECORD_ID, content_plaintext: 'Moved to negotiation.' });
  });

  it('ignores an Object chosen without a Record when the list entry is complete', async () => {
    attio()
      .post('/v2/comments', {
        data: { format: 'plaintext', content: CONTENT, author: { type: 'workspace-member', id: MEMBER_ID }, entry: { list: 'sales', entry_id: ENTRY_ID } },
      })
      .reply(200, commentResponse({ entry: { list_id: LIST_ID, entry_id: ENTRY_ID } }));

    const result = await appTester(perform, bundleOf({ content: CONTENT, author: MEMBER_ID, object: 'people', list: 'sales', entry_id: ENTRY_ID }));
    expect(result).toMatchObject({ entry_id: ENTRY_ID });
  });

  it('finds the member behind a mapped email address, then comments as them (2 requests)', async () => {
    const scope = attio()
      .get('/v2/workspace_members')
      .reply(200, { data: [member('6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', 'bob@acme.com'), member(MEMBER_ID, 'Alice@Acme.com', 'admin')] })
      .post('/v2/comments', recordBody)
      .reply(200, commentResponse());

    const result = await appTester(perform, bundleOf({ ...onRecord, author: ' alice@ACME.com ' }));

    scope.done();
    expect(sentRequests().map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.attio.com/v2/workspace_members',
      'POST https://api.attio.com/v2/comments',
    ]);
    expect(result).toMatchObject({ author_id: MEMBER_ID });
  });

  it('stops with a clear error, and posts nothing, when no member has the email', async () => {
    attio()
      .get('/v2/workspace_members')
      .reply(200, { data: [member(MEMBER_ID, 'alice@acme.com'), member('6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', 'bob@acme.com')] });

    const run = appTester(perform, bundleOf({ ...onRecord, author: 'ghost@example.com' }));

    await expect(run).rejects.toThrow(/\\"ghost@example\.com\\" is not a member of your Attio workspace, so no comment was created\. Pick the Author from the dropdown/);
    await expect(run).rejects.not.toThrow(/alice@acme\.com|bob@acme\.com/);
    expect(sentRequests().map((r) => r.method)).toEqual(['GET']);
  });

  it('turns an Attio 400 into a readable message', async () => {
    attio()
      .post('/v2/comments', recordBody)
      .reply(400, attioErrorBody(400, 'value_not_found', 'Record with ID "891dcbfc-9141-415d-9b2a-2238a6cc012d" not found.'));

    await expect(appTester(perform, bundleOf(onRecord))).rejects.toThrow(
      /Attio could not create the comment: Record holds \\"891dcbfc-9141-415d-9b2a-2238a6cc012d\\", which Attio could not find, so nothing was written\. Attio said: Record with ID/,
    );
    expect(sentRequests()).toHaveLength(1);
  });

  it('turns an Attio 404 into a readable message', async () => {
    attio().post('/v2/comments', recordBody).reply(404, attioErrorBody(404, 'not_found', 'Object with slug/ID "people" not found.'));

    await expect(appTester(perform, bundleOf(onRecord))).rejects.toThrow(
      /Attio could not find what was needed to create the comment: check that the selected object, list or record still exists/,
    );
  });

  describe('checks input before sending anything', () => {
    const onEntry = { content: CONTENT, author: MEMBER_ID, list: 'sales', entry_id: ENTRY_ID };
    const cases: Array<[string, Input, string]> = [
      ['blank content', { ...onRecord, content: '   ' }, 'Content is empty. Map the text of the comment.'],
      ['no target at all', { content: CONTENT, author: MEMBER_ID }, 'Choose what to comment on: fill in Object and Record for a record, or List and List Entry for a list entry.'],
      ['an object and a list, but no ids', { content: CONTENT, author: MEMBER_ID, object: 'people', list: 'sales' }, 'Choose what to comment on: fill in Object and Record for a record, or List and List Entry for a list entry.'],
      [
        'both a record and a list entry',
        { ...onRecord, list: 'sales', entry_id: ENTRY_ID },
        'Both Record and List Entry are filled in, but a comment goes on one of them. Clear one: keep Object and Record for a record, or List and List Entry for a list entry.',
      ],
      ['a record without its object', { ...onRecord, object: '' }, 'Object is empty, but Record is given. Choose the object that record belongs to.'],
      ['a list entry without its list', { ...onEntry, list: ' ' }, 'List is empty, but List Entry is given. Choose the list that entry is on.'],
      [
        'a record id that is not a UUID',
        { ...onRecord, record_id: 'Ada Lovelace' },
        'Record "Ada Lovelace" is not an Attio record ID. Pick the record from the dropdown, or map the ID output by an earlier Attio step (like 891dcbfc-9141-415d-9b2a-2238a6cc012d).',
      ],
      [
        'an entry id that is not a UUID',
        { ...onEntry, entry_id: 'Acme deal' },
        'List Entry "Acme deal" is not an Attio list entry ID. Pick the entry from the dropdown, or map the ID output by an earlier Attio step (such as Find List Entry).',
      ],
      ['an author that is neither an id nor an email', { ...onRecord, author: 'Alice Ng' }, 'Author "Alice Ng" is not a workspace member. Pick the member from the dropdown, or map their email address.'],
      [
        'an author email that is not one',
        { ...onRecord, author: 'alice@' },
        'Author "alice@" is not a valid email address. Map a field that holds one address, like ada@example.com.',
      ],
    ];

    it.each(cases)('%s', async (_name, inputData, message) => {
      const error = await appTester(perform, bundleOf(inputData)).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeDefined();
      // Core serialises a z.errors.Error as JSON: the message is the user-facing text.
      expect((JSON.parse(error!.message) as { message: string }).message).toBe(message);
      expect(sentRequests()).toHaveLength(0);
    });
  });
});

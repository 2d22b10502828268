import { perform } from '../../src/creates/create_note';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';

const NOTE_ID = 'ff3f3bd4-40f4-4f80-8187-cd02385af424';
const PERSON_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const COMPANY_ID = '3b1d9a55-0c6e-4f8a-9b7e-2d4c6e8f0a1b';
const WORKSPACE_ID = '14beef7a-99f7-4534-a87e-70b564330a4c';

function noteResponse(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      id: { workspace_id: WORKSPACE_ID, note_id: NOTE_ID },
      parent_object: 'people',
      parent_record_id: PERSON_ID,
      title: 'Typeform answers',
      meeting_id: null,
      content_plaintext: 'Budget: $10k',
      content_markdown: 'Budget: $10k',
      tags: [],
      created_by_actor: { type: 'api-token', id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d' },
      created_at: '2025-01-15T10:30:00.061281000Z',
      ...overrides,
    },
  };
}

/** A record as the query endpoint returns it (only what the lookup reads). */
function record(object: 'people' | 'companies', recordId: string) {
  return {
    id: { workspace_id: WORKSPACE_ID, object_id: '97052eb9-e65e-443f-a297-f2d9a4a7f795', record_id: recordId },
    created_at: '2025-01-10T08:00:00.000000000Z',
    web_url: `https://app.attio.com/acme/${object === 'people' ? 'person' : 'company'}/${recordId}`,
    values: {},
  };
}

const base = { parent_object: 'people', title: 'Typeform answers', content: 'Budget: $10k' };

describe('creates.create_note', () => {
  it('writes the note on the record picked by id, in one request', async () => {
    const scope = attio()
      .post('/v2/notes', {
        data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(200, noteResponse());

    const result = await appTester(perform, makeBundle({ inputData: { ...base, parent_record_id: PERSON_ID } }));

    scope.done();
    expect(sentRequests()).toHaveLength(1);
    expect(result).toEqual({
      id: NOTE_ID,
      note_id: NOTE_ID,
      title: 'Typeform answers',
      content_plaintext: 'Budget: $10k',
      content_markdown: 'Budget: $10k',
      parent_object: 'people',
      parent_record_id: PERSON_ID,
      created_by_type: 'api-token',
      created_by_id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d',
      created_at: '2025-01-15T10:30:00.061+00:00',
      meeting_id: null,
      tagged_member_ids: [],
      tagged_record_ids: [],
      tagged_record_objects: [],
    });
  });

  it("keeps what Attio sends about the note: its meeting and who and what is @-tagged", async () => {
    const MEETING_ID = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
    const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
    attio()
      .post('/v2/notes', {
        data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(
        200,
        noteResponse({
          meeting_id: MEETING_ID,
          tags: [
            { type: 'workspace-member', workspace_member_id: MEMBER_ID },
            { type: 'record', object: 'companies', record_id: COMPANY_ID },
          ],
        }),
      );
    const result = await appTester(perform, makeBundle({ inputData: { ...base, parent_record_id: PERSON_ID } }));
    expect(result).toMatchObject({
      meeting_id: MEETING_ID,
      tagged_member_ids: [MEMBER_ID],
      tagged_record_ids: [COMPANY_ID],
      tagged_record_objects: ['companies'],
    });
  });

  it('sends markdown and a backdate as UTC ISO 8601', async () => {
    attio()
      .post('/v2/notes', {
        data: {
          parent_object: 'deals',
          parent_record_id: PERSON_ID,
          title: 'Call',
          format: 'markdown',
          content: '# Call\n- **budget** ok',
          created_at: '2024-03-01T08:00:00.000Z',
        },
      })
      .reply(200, noteResponse({ parent_object: 'deals', title: 'Call', created_at: '2024-03-01T08:00:00.000000000Z' }));

    const result = await appTester(
      perform,
      makeBundle({
        inputData: {
          parent_object: 'deals',
          parent_record_id: PERSON_ID,
          title: 'Call',
          content: '# Call\n- **budget** ok',
          format: 'markdown',
          created_at: '2024-03-01T09:00:00+01:00',
        },
      }),
    );
    expect(result).toMatchObject({ parent_object: 'deals', created_at: '2024-03-01T08:00:00.000+00:00' });
  });

  it('finds the parent person by email with the Find Person query, then writes the note (2 requests)', async () => {
    const scope = attio()
      .post('/v2/objects/people/records/query', { filter: { email_addresses: 'ada@example.com' }, limit: 1 })
      .reply(200, { data: [record('people', PERSON_ID)] })
      .post('/v2/notes', {
        data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(200, noteResponse());

    const result = await appTester(perform, makeBundle({ inputData: { ...base, parent_email: ' Ada@Example.com ' } }));

    scope.done();
    expect(sentRequests()).toHaveLength(2);
    expect(result).toMatchObject({ id: NOTE_ID, parent_record_id: PERSON_ID });
  });

  it('finds the parent company by domain, normalised like Find Company', async () => {
    attio()
      .post('/v2/objects/companies/records/query', { filter: { domains: 'acme.com' }, limit: 1 })
      .reply(200, { data: [record('companies', COMPANY_ID)] })
      .post('/v2/notes', {
        data: { parent_object: 'companies', parent_record_id: COMPANY_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(200, noteResponse({ parent_object: 'companies', parent_record_id: COMPANY_ID }));

    const result = await appTester(
      perform,
      makeBundle({ inputData: { ...base, parent_object: 'companies', parent_domain: 'https://www.Acme.com/pricing' } }),
    );
    expect(result).toMatchObject({ parent_object: 'companies', parent_record_id: COMPANY_ID });
  });

  it('takes a domain alone as a company, even with Parent Object left at its People default', async () => {
    attio()
      .post('/v2/objects/companies/records/query', { filter: { domains: 'acme.com' }, limit: 1 })
      .reply(200, { data: [record('companies', COMPANY_ID)] })
      .post('/v2/notes', {
        data: { parent_object: 'companies', parent_record_id: COMPANY_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(200, noteResponse({ parent_object: 'companies', parent_record_id: COMPANY_ID }));

    const result = await appTester(perform, makeBundle({ inputData: { ...base, parent_domain: 'acme.com' } }));
    expect(result).toMatchObject({ parent_object: 'companies', parent_record_id: COMPANY_ID });
  });

  it('stops with a clear error, and writes no note, when no person has the email', async () => {
    attio()
      .post('/v2/objects/people/records/query', { filter: { email_addresses: 'ghost@example.com' }, limit: 1 })
      .reply(200, { data: [] });

    await expect(appTester(perform, makeBundle({ inputData: { ...base, parent_email: 'ghost@example.com' } }))).rejects.toThrow(
      /No person in Attio has the email address \\"ghost@example\.com\\", so no note was created\. Add a \\"Find or Create Person\\" step/,
    );
    expect(sentRequests().map((r) => r.url)).toEqual(['https://api.attio.com/v2/objects/people/records/query']);
  });

  it('stops when no company has the domain', async () => {
    attio().post('/v2/objects/companies/records/query', { filter: { domains: 'acme.com' }, limit: 1 }).reply(200, { data: [] });

    await expect(
      appTester(perform, makeBundle({ inputData: { ...base, parent_object: 'companies', parent_domain: 'acme.com' } })),
    ).rejects.toThrow(/No company in Attio has the domain \\"acme\.com\\", so no note was created/);
  });

  it('turns an Attio error into an actionable message', async () => {
    attio()
      .post('/v2/notes', {
        data: { parent_object: 'people', parent_record_id: PERSON_ID, title: 'Typeform answers', format: 'plaintext', content: 'Budget: $10k' },
      })
      .reply(404, attioErrorBody(404, 'not_found', 'Record with ID "891dcbfc-9141-415d-9b2a-2238a6cc012d" not found.'));

    await expect(appTester(perform, makeBundle({ inputData: { ...base, parent_record_id: PERSON_ID } }))).rejects.toThrow(
      /Attio could not find what was needed to create the note: check that the selected object, list or record still exists/,
    );
  });

  describe('checks input before sending anything', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['no parent at all', base, /Choose the record to attach the note to: fill in Parent Record, or Parent Person Email \(People\) or Parent Company Domain \(Companies\)/],
      ['a record id that is not a UUID', { ...base, parent_record_id: 'Ada Lovelace' }, /Parent Record \\"Ada Lovelace\\" is not an Attio record ID/],
      ['an email that is not one', { ...base, parent_email: 'ada(at)example' }, /Parent Person Email \\"ada\(at\)example\\" is not a valid email address/],
      ['a domain that is not one', { ...base, parent_object: 'companies', parent_domain: 'acme' }, /Parent Company Domain \\"acme\\" is not a domain/],
      ['an email for a company note', { ...base, parent_object: 'companies', parent_email: 'ada@example.com' }, /Parent Person Email is filled in, but Parent Object is \\"companies\\"/],
      ['a backdate that is not a date', { ...base, parent_record_id: PERSON_ID, created_at: 'yesterday-ish' }, /Created At \\"yesterday-ish\\" is not a date/],
      ['a backdate in the future', { ...base, parent_record_id: PERSON_ID, created_at: '2999-01-01T00:00:00Z' }, /Created At \\"2999-01-01T00:00:00Z\\" is in the future/],
      ['an unknown format', { ...base, parent_record_id: PERSON_ID, format: 'html' }, /Format \\"html\\" is not one of the choices\. Choose one of: plaintext \(Plain text\), markdown \(Markdown\)/],
      ['a format that is an inherited key', { ...base, parent_record_id: PERSON_ID, format: '__proto__' }, /Format \\"__proto__\\" is not one of the choices/],
      ['a format of constructor', { ...base, parent_record_id: PERSON_ID, format: 'constructor' }, /Format \\"constructor\\" is not one of the choices/],
      ['a title that is a group of fields', { ...base, parent_record_id: PERSON_ID, title: { a: 1 } }, /Title \\"{\\"a\\":1}\\" is a group of fields/],
      ['a content of several values', { ...base, parent_record_id: PERSON_ID, content: ['a', 'b'] }, /Content \\"\[\\"a\\",\\"b\\"\]\\" holds 2 values/],
      ['a Parent Object of "."', { ...base, parent_object: '.', parent_record_id: PERSON_ID }, /Parent Object \\".\\" is not an Attio object/],
      ['a blank title', { ...base, parent_record_id: PERSON_ID, title: '  ' }, /Title is empty/],
    ];

    it.each(cases)('%s', async (_name, inputData, message) => {
      await expect(appTester(perform, makeBundle({ inputData }))).rejects.toThrow(message);
      expect(sentRequests()).toHaveLength(0);
    });
  });
});

// Notes, tasks and comments as outputs keep what Attio sends (src/values/activities.ts).
import { flattenComment, flattenNote, flattenTask, commentAuthorInput, commentTargetInput, noteParentInput } from '../../src/values/activities';
import type { AttioComment, AttioNote, AttioTask } from '../../src/attio/types';

const WORKSPACE_ID = '14beef7a-99f7-4534-a87e-70b564330a4c';
const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
const RECORD_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';

describe('values/activities', () => {
  it('a resolved comment says who resolved it; an unresolved one ({} from Attio) gives nulls', () => {
    const comment: AttioComment = {
      id: { workspace_id: WORKSPACE_ID, comment_id: 'c1' },
      thread_id: 't1',
      content_plaintext: 'Done',
      entry: null,
      record: { object_id: 'o1', record_id: RECORD_ID },
      resolved_at: '2025-02-01T09:00:00.000000000Z',
      resolved_by: { type: 'workspace-member', id: MEMBER_ID },
      created_at: '2025-01-15T10:30:00.000000000Z',
      author: { type: 'workspace-member', id: MEMBER_ID },
    };
    expect(flattenComment(comment)).toMatchObject({ resolved_at: '2025-02-01T09:00:00.000+00:00', resolved_by_type: 'workspace-member', resolved_by_id: MEMBER_ID });
    expect(flattenComment({ ...comment, resolved_at: null, resolved_by: {} })).toMatchObject({ resolved_by_type: null, resolved_by_id: null });
  });

  it('a task gives is_completed as Attio sends it, and no completion time (Attio defines none)', () => {
    const task = {
      id: { workspace_id: WORKSPACE_ID, task_id: 'k1' },
      content_plaintext: 'Call back',
      deadline_at: null,
      is_completed: true,
      linked_records: [],
      assignees: [],
      created_by_actor: { type: 'api-token', id: 't1' },
      created_at: '2025-01-15T10:30:00.000000000Z',
    } as AttioTask;
    const flat = flattenTask(task);
    expect(flat.is_completed).toBe(true);
    expect(flat).not.toHaveProperty('completed_at');
  });

  it('a note keeps its meeting and tags, members and records apart', () => {
    const note: AttioNote = {
      id: { workspace_id: WORKSPACE_ID, note_id: 'n1' },
      parent_object: 'people',
      parent_record_id: RECORD_ID,
      title: 'Call',
      content_plaintext: 'Hi',
      content_markdown: 'Hi',
      meeting_id: 'm1',
      tags: [
        { type: 'record', object: 'deals', record_id: 'd1' },
        { type: 'workspace-member', workspace_member_id: MEMBER_ID },
        { type: 'record', object: 'companies', record_id: 'c1' },
      ],
      created_by_actor: { type: 'api-token', id: 't1' },
      created_at: '2025-01-15T10:30:00.000000000Z',
    };
    expect(flattenNote(note)).toMatchObject({
      meeting_id: 'm1',
      tagged_member_ids: [MEMBER_ID],
      tagged_record_ids: ['d1', 'c1'],
      tagged_record_objects: ['deals', 'companies'],
    });
    expect(flattenNote({ ...note, meeting_id: undefined, tags: undefined })).toMatchObject({ meeting_id: null, tagged_member_ids: [] });
  });
});

describe('values/activities: the pure decisions of the comment and note steps', () => {
  const C = { author: 'Author', object: 'Object', record_id: 'Record', list: 'List', entry_id: 'List Entry' };
  const N = { parent_object: 'Parent Object', parent_record_id: 'Parent Record', parent_email: 'Parent Email', parent_domain: 'Parent Domain' };
  const REC = '891dcbfc-9141-415d-9b2a-2238a6cc012d';

  it('a comment author is a member id or an email address, nothing else', () => {
    expect(commentAuthorInput(REC.toUpperCase(), 'Author')).toEqual({ id: REC });
    expect(commentAuthorInput(' Ada@Acme.com ', 'Author')).toEqual({ email: 'ada@acme.com' });
    expect(() => commentAuthorInput('Ada', 'Author')).toThrow(/Author .{1,2}Ada.{1,2} is not a workspace member/);
    expect(() => commentAuthorInput('', 'Author')).toThrow(/Author is empty/);
  });

  it('a comment goes on a record or an entry, decided by the ids', () => {
    expect(commentTargetInput({ object: 'people', record_id: REC, list: 'sales' }, C)).toEqual({ record: { object: 'people', record_id: REC } });
    expect(commentTargetInput({ list: 'sales', entry_id: REC, object: 'people' }, C)).toEqual({ entry: { list: 'sales', entry_id: REC } });
    expect(() => commentTargetInput({ object: 'people', record_id: REC, list: 'sales', entry_id: REC }, C)).toThrow(/Both Record and List Entry/);
    expect(() => commentTargetInput({ record_id: REC }, C)).toThrow(/Object is empty, but Record is given/);
    expect(() => commentTargetInput({ list: 'sales', entry_id: 'entry 1' }, C)).toThrow(/List Entry .{1,2}entry 1.{1,2} is not an Attio list entry ID/);
    expect(() => commentTargetInput({}, C)).toThrow(/Choose what to comment on/);
  });

  it('a note parent is a record id, a person by email, or a company by domain', () => {
    expect(noteParentInput({ parent_object: 'deals', parent_record_id: REC }, N)).toEqual({ recordId: REC, object: 'deals' });
    expect(noteParentInput({ parent_object: 'people', parent_email: 'ada@acme.com' }, N)).toEqual({ email: 'ada@acme.com', object: 'people' });
    // Parent Object defaults to People: a domain alone means a company.
    expect(noteParentInput({ parent_object: 'people', parent_domain: 'acme.com' }, N)).toEqual({ domain: 'acme.com', object: 'companies' });
    expect(() => noteParentInput({ parent_object: 'deals', parent_email: 'ada@acme.com' }, N)).toThrow(/Parent Email is filled in, but Parent Object is .{1,2}deals.{1,2}/);
    expect(() => noteParentInput({ parent_object: 'people' }, N)).toThrow(/Choose the record to attach the note to/);
  });
});

// Notes, tasks and comments as outputs keep what Attio sends (src/values/activities.ts).
import { flattenComment, flattenNote, flattenTask } from '../../src/values/activities';
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

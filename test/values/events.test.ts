import { actorFields, noteOutput, recordText, taskOutput } from '../../src/values/events';
import { companyRecord, note, personRecord, task, uuid } from '../fixtures/events';

const alice = { name: 'Alice Adams', email: 'alice@example.com', type: 'workspace-member', id: 'm1' };

describe('values/events', () => {
  it('actorFields: readable text with the email, then email, type and id; all null when unknown', () => {
    expect(actorFields('deleted_by', alice)).toEqual({ deleted_by: 'Alice Adams (alice@example.com)', deleted_by_email: 'alice@example.com', deleted_by_type: 'workspace-member', deleted_by_id: 'm1' });
    expect(actorFields('deleted_by', { name: 'Attio (system)', email: null, type: 'system', id: null })).toMatchObject({ deleted_by: 'Attio (system)' });
    expect(actorFields('x', null)).toEqual({ x: null, x_email: null, x_type: null, x_id: null });
  });

  it('recordText: the name, else the email or domain, else the id', () => {
    expect(recordText(personRecord(uuid(1), 'Ada Lovelace', 'ada@example.com') as never)).toBe('Ada Lovelace');
    const unnamed = companyRecord(uuid(2), '', 'acme.example') as { values: Record<string, unknown> };
    delete unnamed.values.name;
    expect(recordText(unnamed as never)).toBe('acme.example');
  });

  it("noteOutput: a tagged record is named when it is the note's record, else given by id; unknown members by id", () => {
    const parent = personRecord(uuid(1), 'Ada Lovelace', 'ada@example.com') as never;
    const n = note(uuid(1, 'b'), uuid(1), {
      tags: [
        { type: 'record', object: 'people', record_id: uuid(1) },
        { type: 'record', object: 'people', record_id: uuid(2) },
        { type: 'workspace-member', workspace_member_id: 'm9' },
      ],
    });
    expect(noteOutput(n, parent, alice, new Map([['m9', null]]))).toMatchObject({ tags: ['m9', 'Ada Lovelace', uuid(2)], tagged_record_ids: [uuid(1), uuid(2)], tagged_member_emails: [] });
  });

  it('taskOutput: completedAt is normalised, and left as the task says when not given', () => {
    expect(taskOutput(task(uuid(1, 'd')), [], [], null, '2025-01-18T12:00:00.123456789Z')).toMatchObject({ completed_at: '2025-01-18T12:00:00.123+00:00' });
    expect(taskOutput(task(uuid(1, 'd')), [], [], null)).toMatchObject({ completed_at: null, created_by: null });
  });
});

import { perform } from '../../src/creates/update_task';
import { perform as listTasks } from '../../src/dropdowns/list_tasks';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { failure } from '../fixtures/people_companies';

const TASK_ID = '649e34f4-c39a-4f4d-99ef-48a36bef8f04';
const DEAL_ID = '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';
const ALICE_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';
const TASK = `/v2/tasks/${TASK_ID}`;

function task(overrides: Record<string, unknown> = {}) {
  return {
    id: { workspace_id: '14beef7a-99f7-4534-a87e-70b564330a4c', task_id: TASK_ID },
    content_plaintext: 'Follow up on pricing',
    deadline_at: '2025-01-20T17:00:00.000000000Z',
    is_completed: true,
    completed_at: '2025-01-16T09:00:00.000000000Z',
    linked_records: [],
    assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: ALICE_ID }],
    created_by_actor: { type: 'api-token', id: '2d4a5b6c-7e8f-4a1b-9c0d-1e2f3a4b5c6d' },
    created_at: '2025-01-15T10:30:00.123456789Z',
    ...overrides,
  };
}

const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData: { task_id: TASK_ID, ...inputData } }) as never) as Promise<Record<string, unknown>>;

describe('creates.update_task', () => {
  it('sends only what is mapped: completing a task is one PATCH with is_completed alone', async () => {
    attio().patch(TASK, { data: { is_completed: true } }).reply(200, { data: task() });
    const result = await run({ is_completed: 'true', deadline_at: '', assignee_emails: [] });
    expect(result).toMatchObject({ id: TASK_ID, is_completed: true });
    expect(sentRequests()).toHaveLength(1);
  });

  it('links a subdomain company with Keep Subdomains, as the field it offers says (not its parent company)', async () => {
    attio()
      .patch(TASK, { data: { linked_records: [{ target_object: 'companies', domains: [{ domain: 'eu.acme.com' }] }] } })
      .reply(200, { data: task() });
    await run({ linked_company_domains: ['https://eu.acme.com/x'], keep_subdomains: 'true' });
  });

  it('deadline, assignees and links together, in the shapes create_task sends them', async () => {
    attio()
      .patch(TASK, {
        data: {
          is_completed: false,
          deadline_at: '2025-02-01T17:00:00.000Z',
          assignees: [{ workspace_member_email_address: 'alice@acme.com' }],
          linked_records: [
            { target_object: 'deals', target_record_id: DEAL_ID },
            { target_object: 'companies', domains: [{ domain: 'acme.com' }] },
          ],
        },
      })
      .reply(200, { data: task({ is_completed: false, completed_at: null }) });
    const result = await run({
      is_completed: false,
      deadline_at: '2025-02-01T12:00:00-05:00',
      assignee_emails: ['Alice@Acme.com'],
      linked_object: 'deals',
      linked_record_ids: [DEAL_ID],
      linked_company_domains: ['www.acme.com'],
    });
    expect(result).toMatchObject({ is_completed: false, assignee_emails: ['alice@acme.com'], assignee_ids: [ALICE_ID] });
  });

  it('a replay sends the same PATCH and returns the same task', async () => {
    attio().patch(TASK, { data: { is_completed: true } }).times(2).reply(200, { data: task() });
    const first = await run({ is_completed: true });
    expect(await run({ is_completed: 'yes' })).toEqual(first);
  });

  it('a task that does not exist is a clear error', async () => {
    attio().patch(TASK, { data: { is_completed: true } }).reply(404, attioErrorBody(404, 'not_found', 'Task not found.'));
    expect((await failure(() => run({ is_completed: true }))).message).toBe(`No task has the ID "${TASK_ID}" (it may have been deleted), so nothing was updated. Pick the task again.`);
  });

  it("surfaces Attio's validation errors by field", async () => {
    attio()
      .patch(TASK, { data: { assignees: [{ workspace_member_email_address: 'bob@acme.com' }] } })
      .reply(400, { ...attioErrorBody(400, 'validation_type', 'Invalid'), validation_errors: [{ path: ['data', 'assignees'], code: 'invalid', message: 'Unknown workspace member' }] });
    expect((await failure(() => run({ assignee_emails: 'bob@acme.com' }))).message).toMatch(/Assignees \(assignees\): Unknown workspace member/);
  });

  describe('refuses before any request', () => {
    it.each([
      [{}, /^Nothing to change is mapped/],
      [{ task_id: 'Call Ada', is_completed: true }, /^Task "Call Ada" is not an Attio task ID/],
      [{ is_completed: 'maybe' }, /^Completed "maybe" is not true or false/],
      [{ deadline_at: 'next week' }, /^Deadline "next week" is not a date/],
      [{ assignee_emails: ['alice'] }, /^Assignees "alice"/],
      [{ linked_record_ids: [DEAL_ID] }, /^Linked Object is empty, but Linked Records are given/],
    ])('%j', async (inputData, message) => {
      expect((await failure(() => run(inputData))).message).toMatch(message);
      expect(sentRequests()).toHaveLength(0);
    });
  });
});

describe('dropdowns.list_tasks', () => {
  it('lists open tasks newest first, 100 a page, labelled with their text and deadline', async () => {
    attio()
      .get('/v2/tasks')
      .query({ sort: 'created_at:desc', is_completed: 'false', limit: '100', offset: '100' })
      .reply(200, { data: [task({ is_completed: false, content_plaintext: 'Follow up\non pricing' }), task({ id: { workspace_id: 'w', task_id: DEAL_ID }, deadline_at: null, content_plaintext: '' })] });
    const rows = await appTester(listTasks, makeBundle({ meta: { page: 1 } }) as never);
    expect(rows).toEqual([
      { id: TASK_ID, name: 'Follow up on pricing (due 2025-01-20)' },
      { id: DEAL_ID, name: '(no text)' },
    ]);
  });
});

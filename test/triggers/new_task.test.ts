import newTask, { perform, performList, performSubscribe } from '../../src/triggers/new_task';
import sample from '../../src/samples/new_task.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, ALICE_ID, alice, BOB, BOB_ID, bob, COMPANIES_ID, companyRecord, PEOPLE_ID, personRecord, task, uuid } from '../fixtures/events';

const T1 = uuid(1, 'd');
const T2 = uuid(2, 'd');
const P1 = uuid(1);
const C1 = uuid(1, 'c');
const EVERYONE = { id: WEBHOOK_ID, secret: SECRET };
const FOR_BOB = { ...EVERYONE, assignee: 'bob@example.com', assignee_id: BOB_ID };

const created = (taskId: string, actor: object = alice) => ({ event_type: 'task.created', id: { workspace_id: WORKSPACE_ID, task_id: taskId }, actor });

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: {}, subscribeData: EVERYONE, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const linked = [
  { target_object_id: PEOPLE_ID, target_record_id: P1 },
  { target_object_id: COMPANIES_ID, target_record_id: C1 },
];

describe('triggers.new_task', () => {
  describe('performSubscribe', () => {
    it('subscribes to every new task: task events carry nothing to filter on (1 request)', async () => {
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'task.created', filter: null }] } })
        .reply(200, webhookResponse([{ event_type: 'task.created', filter: null }]));
      expect(await appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).toEqual(EVERYONE);
      expect(attioRequests()).toHaveLength(1);
    });

    it('keeps the chosen assignee as a member id for perform (2 requests)', async () => {
      members();
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'task.created', filter: null }] } })
        .reply(200, webhookResponse([{ event_type: 'task.created', filter: null }]));
      expect(await appTester(performSubscribe, makeBundle({ inputData: { assignee: 'Bob@Example.com' }, targetUrl: TARGET_URL }), true)).toEqual(FOR_BOB);
    });

    it('reads the assignee email as the email fields do: a display name and full-width letters still find Bob', async () => {
      members();
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'task.created', filter: null }] } })
        .reply(200, webhookResponse([{ event_type: 'task.created', filter: null }]));
      expect(await appTester(performSubscribe, makeBundle({ inputData: { assignee: '"Bob" <ｂｏｂ@example.com>' }, targetUrl: TARGET_URL }), true)).toEqual(FOR_BOB);
    });

    it('refuses an assignee who is not a workspace member, before creating a webhook', async () => {
      members();
      await expect(appTester(performSubscribe, makeBundle({ inputData: { assignee: 'eve@example.com' }, targetUrl: TARGET_URL }), true)).rejects.toThrow(
        /Assignee \\"eve@example.com\\" is not a member of your Attio workspace/,
      );
      expect(attioRequests()).toHaveLength(1);
    });
  });

  describe('perform', () => {
    it('passes on both tasks with assignees, linked records and author as names (task, then records and members at once)', async () => {
      attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1, { linked_records: linked }) });
      attio().get(`/v2/tasks/${T2}`).reply(200, { data: task(T2, { content_plaintext: 'Book the demo', assignees: [], deadline_at: null }) });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(200, { data: personRecord(P1, 'Ada Lovelace', 'ada@example.com') });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: companyRecord(C1, 'Acme', 'acme.example') });
      members();

      const results = await appTester(perform, deliver([created(T1), created(T2, bob)]), true);

      expect(results[0]).toEqual({
        id: T1,
        task_id: T1,
        content: 'Send the proposal',
        deadline_at: '2025-01-20T17:00:00.000+00:00',
        is_completed: false,
        completed_at: null,
        assignees: ['Alice Adams'],
        assignee_emails: ['alice@example.com'],
        assignee_ids: [ALICE_ID],
        linked_records: ['Ada Lovelace', 'Acme'],
        linked_record_ids: [P1, C1],
        linked_object_ids: [PEOPLE_ID, COMPANIES_ID],
        created_by: 'Alice Adams (alice@example.com)',
        created_by_email: 'alice@example.com',
        created_by_type: 'workspace-member',
        created_by_id: ALICE_ID,
        created_at: '2025-01-15T10:30:00.000+00:00',
      });
      expect(results[1]).toMatchObject({ id: T2, content: 'Book the demo', assignees: [], linked_records: [], created_by: 'Bob Brown (bob@example.com)' });
      expect(attioRequests()).toHaveLength(5);
    });

    it('keeps the id of a linked record that is gone, and skips a task deleted before it was read', async () => {
      attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1, { linked_records: [linked[0]!] }) });
      attio().get(`/v2/tasks/${T2}`).reply(404, attioErrorBody(404, 'not_found', 'Task not found.'));
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${P1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      members();
      const results = await appTester(perform, deliver([created(T1), created(T2)]), true);
      expect(results).toEqual([expect.objectContaining({ id: T1, linked_records: [P1], linked_record_ids: [P1] })]);
    });

    it('with an assignee chosen, passes on only the tasks assigned to them (1 request for the others)', async () => {
      attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1) });
      attio().get(`/v2/tasks/${T2}`).reply(200, { data: task(T2, { assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: BOB_ID }] }) });
      members();
      const results = await appTester(perform, deliver([created(T1), created(T2)], { subscribeData: FOR_BOB }), true);
      expect(results.map((t) => t.id)).toEqual([T2]);
      expect(attioRequests()).toHaveLength(3);
    });

    it('halts a forged delivery and drops a redelivery', async () => {
      await expect(appTester(perform, deliver([created(T1)], { signature: sign('x') }), true)).rejects.toMatchObject({ name: 'HaltedError' });
      attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1) });
      members();
      expect(await appTester(perform, deliver([created(T1)]), true)).toHaveLength(1);
      expect(await appTester(perform, deliver([created(T1)], { idempotencyKey: 'idem-5' }))).toEqual([]);
      expect(attioRequests()).toHaveLength(2);
    });
  });

  it('performList: the 3 newest tasks (of the assignee), with the keys a live task has', async () => {
    attio().get('/v2/tasks').query({ sort: 'created_at:desc', limit: 3, assignee: 'alice@example.com' }).reply(200, { data: [task(T2), task(T1)] });
    members();
    const listed = await appTester(performList, makeBundle({ inputData: { assignee: 'alice@example.com' } }), true);
    expect(listed.map((t) => t.id)).toEqual([T2, T1]);

    attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1) });
    members();
    const [hooked] = await appTester(perform, deliver([created(T1)]), true);
    expect(listed[1]).toEqual(hooked);
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('is a REST hook with an optional assignee dropdown and outputFields labelling every sample key', () => {
    expect(newTask.operation.inputFields).toEqual([expect.objectContaining({ key: 'assignee', required: false, dynamic: 'list_workspace_members.id.name' })]);
    const outputKeys = (newTask.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
    expect(outputKeys).toEqual(fieldKeys(sample));
  });
});

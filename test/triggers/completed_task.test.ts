import * as cache from '../../src/attio/cache';
import completedTask, { perform, performList, performSubscribe } from '../../src/triggers/completed_task';
import sample from '../../src/samples/completed_task.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';
import { ALICE, ALICE_ID, alice, BOB, BOB_ID, bob, task, uuid } from '../fixtures/events';

const T1 = uuid(1, 'd');
const T2 = uuid(2, 'd');
const EVERYONE = { id: WEBHOOK_ID, secret: SECRET };
const FOR_BOB = { ...EVERYONE, assignee: 'bob@example.com', assignee_id: BOB_ID };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

const updated = (taskId: string) => ({ event_type: 'task.updated', id: { workspace_id: WORKSPACE_ID, task_id: taskId }, actor: alice });

let message = 0;
/** A new message each call (Attio gives every message its own Idempotency-Key), unless one is given. */
const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: {}, subscribeData: EVERYONE, idempotencyKey: `msg-${++message}`, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));
const members = () => attio().get('/v2/workspace_members').reply(200, { data: [ALICE, BOB] });
const taskNow = (taskId: string, done: boolean, extra: Parameters<typeof task>[1] = {}) =>
  attio().get(`/v2/tasks/${taskId}`).reply(200, { data: task(taskId, { is_completed: done, ...extra }) });

describe('triggers.completed_task', () => {
  it('subscribes to task.updated with no filter: task events carry only the task id (1 request)', async () => {
    attio()
      .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'task.updated', filter: null }] } })
      .reply(200, webhookResponse([{ event_type: 'task.updated', filter: null }]));
    expect(await appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).toEqual(EVERYONE);
  });

  it('fires once per completion: an edit to the completed task does not fire, reopening and completing again does', async () => {
    taskNow(T1, true);
    members();
    const first = await appTester(perform, deliver([updated(T1)]), true);
    expect(first).toEqual([expect.objectContaining({ id: T1, is_completed: true, completed_at: expect.stringMatching(ISO), assignees: ['Alice Adams'] })]);

    taskNow(T1, true, { deadline_at: '2025-02-01T00:00:00.000000000Z' });
    expect(await appTester(perform, deliver([updated(T1)]))).toEqual([]);

    taskNow(T1, false);
    expect(await appTester(perform, deliver([updated(T1)]))).toEqual([]);

    taskNow(T1, true);
    expect(await appTester(perform, deliver([updated(T1)]))).toEqual([expect.objectContaining({ id: T1, is_completed: true })]);
    // 4 task reads, 1 member list (cached after the first).
    expect(attioRequests()).toHaveLength(5);
  });

  it("names the task's author as Created By and the member who completed it as Completed By (no extra request)", async () => {
    // Bob created the task; Alice completes it (the task.updated event's actor).
    taskNow(T1, true, { created_by_actor: bob });
    members();
    const [item] = await appTester(perform, deliver([updated(T1)]), true);
    expect(item).toMatchObject({
      created_by: 'Bob Brown (bob@example.com)',
      created_by_id: BOB_ID,
      completed_by: 'Alice Adams (alice@example.com)',
      completed_by_email: 'alice@example.com',
      completed_by_type: 'workspace-member',
      completed_by_id: ALICE_ID,
    });
    expect(attioRequests()).toHaveLength(2);
  });

  it('does not fire for an edit to an open task (1 request)', async () => {
    taskNow(T1, false);
    expect(await appTester(perform, deliver([updated(T1)]), true)).toEqual([]);
    expect(attioRequests()).toHaveLength(1);
  });

  it('passes on two tasks completed in one delivery', async () => {
    taskNow(T1, true);
    taskNow(T2, true);
    members();
    const results = await appTester(perform, deliver([updated(T1), updated(T2)]), true);
    expect(results.map((t) => t.id)).toEqual([T1, T2]);
  });

  it('drops a retry of the same message without a request', async () => {
    taskNow(T1, true);
    members();
    expect(await appTester(perform, deliver([updated(T1)], { idempotencyKey: 'same' }), true)).toHaveLength(1);
    expect(await appTester(perform, deliver([updated(T1)], { idempotencyKey: 'same' }))).toEqual([]);
    expect(attioRequests()).toHaveLength(2);
  });

  it('passes a completion on once when two deliveries race over it (the claim is atomic: set with nx answered false)', async () => {
    taskNow(T1, true);
    members();
    const real = cache.cacheSet;
    // Another invocation holds this completion's claim: Zapier's cache answers false to set with nx.
    const spy = jest.spyOn(cache, 'cacheSet').mockImplementation(async (...args) => (args[1].startsWith('attio:entered:') ? false : real(...args)));
    try {
      expect(await appTester(perform, deliver([updated(T1)]), true)).toEqual([]);
      expect(spy).toHaveBeenCalledWith(expect.anything(), expect.stringContaining(T1), true, expect.any(Number), undefined, true);
    } finally {
      spy.mockRestore();
    }
  });

  it('remembers nothing when a read fails, so Zapier replaying the delivery still fires', async () => {
    attio().get(`/v2/tasks/${T1}`).reply(200, { data: task(T1, { is_completed: true }) });
    attio().get('/v2/workspace_members').reply(401, attioErrorBody(401, 'unauthorized', 'Token revoked.', 'auth_error'));
    await expect(appTester(perform, deliver([updated(T1)], { idempotencyKey: 'k' }), true)).rejects.toMatchObject({ name: 'ExpiredAuthError' });
    taskNow(T1, true);
    members();
    expect(await appTester(perform, deliver([updated(T1)], { idempotencyKey: 'k' }))).toHaveLength(1);
  });

  it("with an assignee chosen, fires only for their tasks; another member's completion stays remembered when reassigned", async () => {
    taskNow(T1, true);
    expect(await appTester(perform, deliver([updated(T1)], { subscribeData: FOR_BOB }), true)).toEqual([]);
    taskNow(T1, true, { assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: BOB_ID }] });
    expect(await appTester(perform, deliver([updated(T1)], { subscribeData: FOR_BOB }))).toEqual([]);
    taskNow(T2, true, { assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: BOB_ID }] });
    members();
    expect(await appTester(perform, deliver([updated(T2)], { subscribeData: FOR_BOB }))).toEqual([expect.objectContaining({ id: T2, assignees: ['Bob Brown'] })]);
  });

  it('skips a task deleted before it was read (404) and halts a forged delivery', async () => {
    attio().get(`/v2/tasks/${T1}`).reply(404, attioErrorBody(404, 'not_found', 'Task not found.'));
    expect(await appTester(perform, deliver([updated(T1)]), true)).toEqual([]);
    await expect(appTester(perform, deliver([updated(T1)], { signature: sign('x') }), true)).rejects.toMatchObject({ name: 'HaltedError' });
  });

  it('performList: the newest completed tasks, with the keys a live completion has', async () => {
    attio().get('/v2/tasks').query({ sort: 'created_at:desc', limit: 3, is_completed: 'true' }).reply(200, { data: [task(T1, { is_completed: true })] });
    members();
    const listed = await appTester(performList, makeBundle({ inputData: {} }), true);
    expect(listed).toEqual([expect.objectContaining({ id: T1, is_completed: true, completed_at: null, assignee_ids: [ALICE_ID] })]);

    taskNow(T1, true);
    members();
    const [hooked] = await appTester(perform, deliver([updated(T1)]), true);
    expect(fieldKeys(listed[0]!)).toEqual(fieldKeys(hooked!));
    expect(fieldKeys(hooked!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
  });

  it('is a REST hook with an optional assignee, and says it fires once per completion', () => {
    expect(completedTask.operation.inputFields).toEqual([expect.objectContaining({ key: 'assignee', required: false })]);
    expect(completedTask.display.description).toMatch(/^Triggers when a task is marked complete, once per completion/);
    const outputKeys = (completedTask.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
    expect(outputKeys).toEqual(fieldKeys(sample));
  });
});

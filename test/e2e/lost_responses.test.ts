// Lost responses against the local sandbox: Attio applies the write, then the answer is lost (a 502 after
// handling, the sandbox's `afterHandling` fault). The app must end with exactly one note, one task and one
// webhook (whose secret it holds), not a duplicate or an orphan.
import App from '../../src/index';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { connect, type FlowContext } from '../../scripts/flows/harness';
import { useVirtualClock } from '../helpers/clock';

let sandbox: Sandbox;
let app: FlowContext;
const apiUrl = process.env.ATTIO_API_URL;

// The app's settle wait before looking for the write advances a virtual clock, not the test.
const time = useVirtualClock();

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
});

beforeEach(() => {
  sandbox.reset();
  app = connect(App, sandbox);
});

afterAll(async () => {
  await sandbox.stop();
  if (apiUrl === undefined) delete process.env.ATTIO_API_URL;
  else process.env.ATTIO_API_URL = apiUrl;
});

function person(): string {
  const created = sandbox.createRecord('people', { email_addresses: [{ email_address: 'ada@example.com' }] }) as { id: { record_id: string } };
  return created.id.record_id;
}

describe('a create Attio applied but whose answer was lost', () => {
  it('a note is found and returned, not written twice; a replay returns it too', async () => {
    const recordId = person();
    sandbox.inject({ method: 'POST', path: '/v2/notes', status: 502, afterHandling: true });
    const input = { parent_object: 'people', parent_record_id: recordId, title: 'Call', content: 'Budget: $10k' };
    const first = (await app.invoke('creates', 'create_note', 'perform', { inputData: input })) as { id: string };
    expect(sandbox.notes()).toHaveLength(1);
    expect(first.id).toBe((sandbox.notes()[0] as { id: { note_id: string } }).id.note_id);
    expect(time.waits).toContain(1000);

    const replay = (await app.invoke('creates', 'create_note', 'perform', { inputData: input })) as { id: string };
    expect(replay.id).toBe(first.id);
    expect(sandbox.notes()).toHaveLength(1);
  });

  it('a task is found among the linked record\'s tasks and returned, not written twice', async () => {
    const recordId = person();
    sandbox.inject({ method: 'POST', path: '/v2/tasks', status: 503, afterHandling: true });
    const input = { content: 'Follow up', linked_object: 'people', linked_record_ids: [recordId] };
    const task = (await app.invoke('creates', 'create_task', 'perform', { inputData: input })) as { id: string };
    expect(sandbox.tasks()).toHaveLength(1);
    expect(task.id).toBe((sandbox.tasks()[0] as { id: { task_id: string } }).id.task_id);
  });

  it('a webhook: subscribe removes the orphan it cannot verify and keeps one webhook whose secret it holds', async () => {
    const targetUrl = 'https://hooks.zapier.com/hooks/standard/1/lost/';
    sandbox.inject({ method: 'POST', path: '/v2/webhooks', status: 502, afterHandling: true });
    const sub = (await app.invoke('triggers', 'new_record', 'performSubscribe', { inputData: { object: 'people' }, targetUrl })) as { id: string; secret: string };
    const hooks = sandbox.webhooks() as Array<{ id: { webhook_id: string }; target_url: string }>;
    expect(hooks.filter((h) => h.target_url === targetUrl).map((h) => h.id.webhook_id)).toEqual([sub.id]);
    expect(sub.secret).toMatch(/^[0-9a-f]{64}$/);

    // Subscribing again while that webhook is still there (its secret lost with a crashed run, say): Attio
    // answers 409 uniqueness_conflict, and the old one is replaced, never reused.
    const again = (await app.invoke('triggers', 'new_record', 'performSubscribe', { inputData: { object: 'people' }, targetUrl })) as { id: string };
    expect(again.id).not.toBe(sub.id);
    expect((sandbox.webhooks() as Array<{ id: { webhook_id: string } }>).map((h) => h.id.webhook_id)).toEqual([again.id]);
  });
});

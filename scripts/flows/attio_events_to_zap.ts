// Flow, Attio events → Zaps: two Zaps are turned on, "Completed Task" and "New Note" (on people). In Attio,
// Alice completes a task and adds a note on a person: each reaches its Zap as one signed delivery, hydrated
// into readable text (who, which records, the note's content). Editing the completed task does not start
// the Zap again, a redelivery of the note is dropped, and turning the Zaps off unsubscribes both.
import type { WebhookDelivery } from '../../sandbox/server';
import { hookBundle } from './attio_to_zap';
import { asItem, asItems, errorMessage, FlowReport, text, type FlowContext, type FlowResult, type Item } from './harness';

export const EVENTS_TITLE = 'Attio events → Zaps: a task completed and a note added in Attio (Completed Task, New Note)';

const TASK_ZAP = 'https://hooks.zapier.com/hooks/standard/1234567/completed-task/';
const NOTE_ZAP = 'https://hooks.zapier.com/hooks/standard/1234567/new-note/';
const NOTE_INPUT = { object: 'people' };
const WAIT_MS = 5_000;

/** A route run "in Attio" by Alice (the sandbox's first workspace member); its `data`. */
async function inAttio(ctx: FlowContext, method: string, path: string, body?: unknown): Promise<Item> {
  const res = await ctx.sandbox.act(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} in Attio answered ${res.status}`);
  return asItem((res.body as { data?: unknown }).data, `${method} ${path}`);
}

/** The next delivery to this Zap's webhook about `id`, other than those already seen. */
function nextDelivery(ctx: FlowContext, zap: Item, id: string, seen: ReadonlySet<string> = new Set()): Promise<WebhookDelivery> {
  return ctx.sandbox.waitForDelivery((d) => d.webhookId === zap.id && !seen.has(d.id) && d.payload.events.some((e) => Object.values(e.id).includes(id)), WAIT_MS);
}

const list = (item: Item | undefined, key: string) => (Array.isArray(item?.[key]) ? (item?.[key] as unknown[]).map(String) : []);

async function taskCompleted(ctx: FlowContext, report: FlowReport, zap: Item, companyId: string, aliceId: string): Promise<void> {
  const task = await inAttio(ctx, 'POST', '/v2/tasks', {
    data: {
      content: 'Send the renewal quote',
      format: 'plaintext',
      deadline_at: null,
      is_completed: false,
      linked_records: [{ target_object: 'companies', target_record_id: companyId }],
      assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: aliceId }],
    },
  });
  const taskId = String((task.id as Item).task_id);
  await inAttio(ctx, 'PATCH', `/v2/tasks/${taskId}`, { data: { is_completed: true } });
  const completion = await nextDelivery(ctx, zap, taskId);
  const items = asItems(await ctx.invoke('triggers', 'completed_task', 'perform', hookBundle(completion, zap, {})), 'completed_task perform');
  const item = items[0];
  report.expect(
    'the task completed in Attio starts the Completed Task Zap once, in words',
    items.length === 1 && item?.is_completed === true && text(item, 'content') === 'Send the renewal quote' && list(item, 'linked_records')[0] === 'Acme' && list(item, 'assignees')[0] === 'Alice Martin' && !!text(item, 'completed_at'),
    item ? `"${text(item, 'content')}", assigned to ${list(item, 'assignees').join(', ')}, linked to ${list(item, 'linked_records').join(', ')}, completed at ${text(item, 'completed_at')}` : `${items.length} items`,
  );

  await inAttio(ctx, 'PATCH', `/v2/tasks/${taskId}`, { data: { deadline_at: '2030-01-15T09:00:00.000000000Z' } });
  const edit = await nextDelivery(ctx, zap, taskId, new Set([completion.id]));
  const again = asItems(await ctx.invoke('triggers', 'completed_task', 'perform', hookBundle(edit, zap, {})), 'completed_task perform (edit)');
  report.expect('editing the completed task does not start the Zap again', again.length === 0, `${edit.eventType} → ${again.length} run(s)`);
}

async function noteAdded(ctx: FlowContext, report: FlowReport, zap: Item, personId: string): Promise<void> {
  const note = await inAttio(ctx, 'POST', '/v2/notes', {
    data: { parent_object: 'people', parent_record_id: personId, title: 'Renewal call', format: 'markdown', content: '**Budget approved**\n- Next: send the quote' },
  });
  const noteId = String((note.id as Item).note_id);
  const delivery = await nextDelivery(ctx, zap, noteId);
  const items = asItems(await ctx.invoke('triggers', 'new_note', 'perform', hookBundle(delivery, zap, NOTE_INPUT)), 'new_note perform');
  const item = items[0];
  const parent = item?.parent as Item | undefined;
  report.expect(
    'the note added in Attio starts the New Note Zap with its content, person and author',
    items.length === 1 && text(item, 'title') === 'Renewal call' && (text(item, 'content_plaintext') ?? '').includes('Budget approved') && text(parent, 'name') === 'Ada Lovelace' && text(item, 'created_by') === 'Alice Martin (alice@example.com)',
    item ? `"${text(item, 'title')}" on ${text(parent, 'name')} (${text(parent, 'email')}) by ${text(item, 'created_by')}` : `${items.length} items`,
  );
  const redelivered = ctx.sandbox.redeliver(delivery.id);
  const again = asItems(await ctx.invoke('triggers', 'new_note', 'perform', hookBundle(redelivered, zap, NOTE_INPUT)), 'new_note perform (redelivery)');
  report.expect("Attio's redelivery of the note is dropped", again.length === 0, `attempt ${redelivered.attempt} → ${again.length} run(s)`);
}

export async function attioEventsToZap(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(EVENTS_TITLE);
  ctx.sandbox.reset();
  try {
    const aliceId = ctx.sandbox.schema.member('alice@example.com')?.id ?? '';
    const companyId = ctx.sandbox.createRecord('companies', { domains: ['acme.example'], name: ['Acme'] }).id.record_id;
    const personId = ctx.sandbox.createRecord('people', { email_addresses: ['ada@acme.example'], name: ['Lovelace, Ada'] }).id.record_id;

    const taskZap = asItem(await ctx.invoke('triggers', 'completed_task', 'performSubscribe', { inputData: {}, targetUrl: TASK_ZAP }), 'completed_task performSubscribe');
    const noteZap = asItem(await ctx.invoke('triggers', 'new_note', 'performSubscribe', { inputData: NOTE_INPUT, targetUrl: NOTE_ZAP }), 'new_note performSubscribe');
    const hooks = ctx.sandbox.webhooks();
    report.expect('turning the two Zaps on subscribes two webhooks', hooks.length === 2, hooks.map((h) => JSON.stringify((h.subscriptions as Item[])[0]?.event_type)).join(', '));

    await taskCompleted(ctx, report, taskZap, companyId, aliceId);
    await noteAdded(ctx, report, noteZap, personId);

    for (const [trigger, zap, inputData] of [['completed_task', taskZap, {}], ['new_note', noteZap, NOTE_INPUT]] as const) {
      await ctx.invoke('triggers', trigger, 'performUnsubscribe', { inputData, subscribeData: zap });
    }
    report.expect('turning the Zaps off deletes both webhooks', ctx.sandbox.webhooks().length === 0, `${ctx.sandbox.webhooks().length} webhook(s) left`);
  } catch (err) {
    report.expect('the flow ran without error', false, errorMessage(err));
  }
  report.figure('Attio requests', String(ctx.sandbox.counterSnapshot().total));
  return report.done();
}

// Bench rows for the event triggers (issue 13): Attio requests per event, counted by the sandbox. Each event is
// caused "in Attio" (as a workspace member, through the sandbox's act/createCallRecording) after an uncounted
// subscribe; the counted part is the one perform of its delivery. "first run" rows start from an empty z.cache
// (the member list that names the actor is read once: GET /v2/workspace_members); "member list cached" rows
// run one uncounted delivery first, as every later run of a Zap finds it.
import type { Measurement, Meter } from './bench_requests';
import { asItem, hookBundle, type BundleInput, type Item } from './flows';

const ISSUE13 = 'issue 13 (minimum named in scripts/bench_events.ts)';
const LIST = 'sales_pipeline';

let unique = 0;
const next = () => `e${String(++unique).padStart(3, '0')}`;

/** Subscribes a trigger (uncounted) and returns the subscribeData. */
async function subscribed(m: Meter, trigger: string, inputData: Record<string, unknown>): Promise<Item> {
  const targetUrl = `https://hooks.zapier.com/hooks/standard/1234567/events${next()}/`;
  return asItem(await m.ctx.invoke('triggers', trigger, 'performSubscribe', { inputData, targetUrl }), `${trigger} performSubscribe`);
}

/** Causes one event (returns an id it carries) and waits for this subscription's delivery of it. */
async function delivered(m: Meter, data: Item, inputData: Record<string, unknown>, cause: () => Promise<string>): Promise<BundleInput> {
  const id = await cause();
  const delivery = await m.ctx.sandbox.waitForDelivery((d) => d.webhookId === data.id && d.payload.events.some((e) => Object.values(e.id).includes(id)), 5_000);
  return hookBundle(delivery, data, inputData);
}

/** A route run "in Attio" by Alice; its `data`. */
async function inAttio(m: Meter, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await m.ctx.sandbox.act(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} in Attio answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
  return (res.body as { data: Record<string, unknown> }).data;
}

const idOf = (data: Record<string, unknown>, key: string) => String((data.id as Record<string, unknown>)[key]);

/** What each trigger needs to cause one event, and the input it is subscribed with. */
interface EventCase {
  trigger: string;
  inputData: Record<string, unknown>;
  cause(m: Meter): () => Promise<string>;
}

const newCompany = (m: Meter) => m.ctx.sandbox.createRecord('companies', { domains: [`${next()}.example`], name: ['Initech'] }).id.record_id;

const newTask = (m: Meter) =>
  inAttio(m, 'POST', '/v2/tasks', {
    data: {
      content: 'Send the proposal',
      format: 'plaintext',
      deadline_at: null,
      is_completed: false,
      linked_records: [{ target_object: 'companies', target_record_id: m.seed.companyId }],
      assignees: [{ referenced_actor_type: 'workspace-member', referenced_actor_id: m.seed.memberId }],
    },
  }).then((d) => idOf(d, 'task_id'));

const CASES: Record<string, EventCase> = {
  deleted_record: {
    trigger: 'deleted_record',
    inputData: { object: 'companies' },
    cause: (m) => async () => {
      const id = newCompany(m);
      await inAttio(m, 'DELETE', `/v2/objects/companies/records/${id}`);
      return id;
    },
  },
  deleted_list_entry: {
    trigger: 'deleted_list_entry',
    inputData: { list: LIST },
    cause: (m) => async () => {
      const entry = m.ctx.sandbox.addEntry(LIST, 'companies', newCompany(m)).id.entry_id;
      await inAttio(m, 'DELETE', `/v2/lists/${LIST}/entries/${entry}`);
      return entry;
    },
  },
  new_note: {
    trigger: 'new_note',
    inputData: { object: 'people' },
    cause: (m) => async () =>
      idOf(await inAttio(m, 'POST', '/v2/notes', { data: { parent_object: 'people', parent_record_id: m.seed.personId, title: 'Call', format: 'plaintext', content: 'Budget approved.' } }), 'note_id'),
  },
  new_task: { trigger: 'new_task', inputData: {}, cause: (m) => () => newTask(m) },
  completed_task: {
    trigger: 'completed_task',
    inputData: {},
    cause: (m) => async () => {
      const id = await newTask(m);
      await inAttio(m, 'PATCH', `/v2/tasks/${id}`, { data: { is_completed: true } });
      return id;
    },
  },
  new_comment: {
    trigger: 'new_comment',
    inputData: { object: 'people' },
    cause: (m) => async () =>
      idOf(
        await inAttio(m, 'POST', '/v2/comments', {
          data: { format: 'plaintext', content: 'Call them back?', author: { type: 'workspace-member', id: m.seed.memberId }, record: { object: 'people', record_id: m.seed.personId } },
        }),
        'comment_id',
      ),
  },
  new_call_recording: {
    trigger: 'new_call_recording',
    inputData: {},
    cause: (m) => async () => {
      const made = m.ctx.sandbox.createCallRecording({
        title: `Renewal ${next()}`,
        participants: [{ email_address: 'alice@example.com', is_organizer: true }, { email_address: 'ada@acme.example' }],
        transcript: [
          { speaker: 'Alice', speech: 'Thanks for joining.' },
          { speaker: 'Ada', speech: 'Annual plan, please.' },
        ],
      }) as { call_recording: { id: Record<string, string> } };
      return made.call_recording.id.call_recording_id as string;
    },
  },
};

/**
 * The minimum each trigger can do per event, and why (the figure each row is held to):
 * - deleted_record 0: the record is gone, nothing to read; naming a member deleter needs the member list (1 on a first run).
 * - deleted_list_entry 1: the parent record (the entry is gone); the member list beside it on a first run.
 * - new_note 2: the note and its record, at once (the event names the record); + the member list on a first run.
 * - new_task 1 + one per linked record (known only from the task): here 1 linked record, so 2; + the member list.
 * - completed_task: as new_task for a completion; 1 (the task) to tell an edit from a completion.
 * - new_comment 2: the comment and its record, at once (3 on a list entry); + the member list on a first run.
 * - new_call_recording 3: the recording, its meeting and the transcript's first page, at once; + 1 per further page.
 */
const MINIMUM: Record<string, number> = {
  deleted_record: 0,
  deleted_list_entry: 1,
  new_note: 2,
  new_task: 2,
  completed_task: 2,
  new_comment: 2,
  new_call_recording: 3,
};
/** Subscribe: 1 (POST /v2/webhooks), plus 1 to resolve a chosen object or list to the UUID the filter compares. */
const SUBSCRIBE: Record<string, number> = {
  deleted_record: 2,
  deleted_list_entry: 2,
  new_note: 2,
  new_task: 1,
  completed_task: 1,
  new_comment: 2,
  new_call_recording: 1,
};

function rows(c: EventCase): Measurement[] {
  const { trigger, inputData } = c;
  const perform = (m: Meter, bundle: BundleInput) => m.ctx.invoke('triggers', trigger, 'perform', bundle);
  return [
    {
      operation: `${trigger} performSubscribe`,
      expected: { requests: SUBSCRIBE[trigger] ?? 0, source: ISSUE13 },
      measure: (m) => m.counted(() => m.ctx.invoke('triggers', trigger, 'performSubscribe', { inputData, targetUrl: `https://hooks.zapier.com/hooks/standard/1/s${next()}/` })),
    },
    {
      operation: `${trigger} perform (1 event, first run: + the member list)`,
      expected: { requests: (MINIMUM[trigger] ?? 0) + 1, source: ISSUE13 },
      measure: async (m) => {
        const bundle = await delivered(m, await subscribed(m, trigger, inputData), inputData, c.cause(m));
        return m.counted(() => perform(m, bundle));
      },
    },
    {
      operation: `${trigger} perform (1 event, member list cached)`,
      expected: { requests: MINIMUM[trigger] ?? 0, source: ISSUE13 },
      measure: async (m) => {
        const data = await subscribed(m, trigger, inputData);
        await perform(m, await delivered(m, data, inputData, c.cause(m)));
        const bundle = await delivered(m, data, inputData, c.cause(m));
        return m.counted(() => perform(m, bundle));
      },
    },
    {
      operation: `${trigger} perform (the same delivery again: deduped)`,
      expected: { requests: 0, source: ISSUE13 },
      measure: async (m) => {
        const bundle = await delivered(m, await subscribed(m, trigger, inputData), inputData, c.cause(m));
        await perform(m, bundle);
        return m.counted(() => perform(m, bundle));
      },
    },
  ];
}

/** The delivery to this subscription of an event about `id` that is not one of `seen` (deliveries' ids). */
async function nextDelivery(m: Meter, data: Item, id: string, seen: ReadonlySet<string>) {
  return m.ctx.sandbox.waitForDelivery((d) => d.webhookId === data.id && !seen.has(d.id) && d.payload.events.some((e) => Object.values(e.id).includes(id)), 5_000);
}

/** completed_task's other cases: an edit to the completed task, and an edit to an open task (each 1: the task). */
const COMPLETED_TASK_EDITS: Measurement[] = [
  {
    operation: 'completed_task perform (an edit to a task already passed on as completed)',
    expected: { requests: 1, source: ISSUE13 },
    measure: async (m) => {
      const data = await subscribed(m, 'completed_task', {});
      const taskId = await newTask(m);
      await inAttio(m, 'PATCH', `/v2/tasks/${taskId}`, { data: { is_completed: true } });
      const completion = await nextDelivery(m, data, taskId, new Set());
      await m.ctx.invoke('triggers', 'completed_task', 'perform', hookBundle(completion, data, {}));
      await inAttio(m, 'PATCH', `/v2/tasks/${taskId}`, { data: { deadline_at: '2030-01-15T09:00:00.000000000Z' } });
      const edit = await nextDelivery(m, data, taskId, new Set([completion.id]));
      return m.counted(() => m.ctx.invoke('triggers', 'completed_task', 'perform', hookBundle(edit, data, {})));
    },
  },
  {
    operation: 'completed_task perform (an edit to an open task)',
    expected: { requests: 1, source: ISSUE13 },
    measure: async (m) => {
      const data = await subscribed(m, 'completed_task', {});
      const taskId = await newTask(m);
      await inAttio(m, 'PATCH', `/v2/tasks/${taskId}`, { data: { deadline_at: '2030-01-15T09:00:00.000000000Z' } });
      const edit = await nextDelivery(m, data, taskId, new Set());
      return m.counted(() => m.ctx.invoke('triggers', 'completed_task', 'perform', hookBundle(edit, data, {})));
    },
  },
];

export const EVENT_MEASUREMENTS: Measurement[] = [
  ...Object.values(CASES).flatMap(rows),
  ...COMPLETED_TASK_EDITS,
  ...Object.values(CASES).map(
    (c): Measurement => ({ operation: `${c.trigger} performList (test trigger)`, measure: (m) => m.counted(() => m.ctx.invoke('triggers', c.trigger, 'performList', { inputData: c.inputData })) }),
  ),
];

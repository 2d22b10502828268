// Webhooks: subscription CRUD, filters on the event payload, signed deliveries, redelivery, loopback POSTs.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhookBody, startSandbox, type Sandbox } from '../../sandbox/server';
import { apiFor, useSandbox, type Data } from './helpers';

const { api, sandbox } = useSandbox();

interface WebhookBody {
  id: { workspace_id: string; webhook_id: string };
  target_url: string;
  subscriptions: Array<{ event_type: string; filter: unknown }>;
  status: string;
  created_at: string;
  secret?: string;
}

const TARGET = 'https://hooks.zapier.com/hooks/standard/123/abc';
const objectId = (slug: string) => sandbox().schema.object(slug)?.id as string;
const listId = (slug: string) => sandbox().schema.list(slug)?.id as string;
const subscribe = (eventType: string, field: string, value: string, target = TARGET) =>
  api().post<Data<WebhookBody>>('/webhooks', {
    data: { target_url: target, subscriptions: [{ event_type: eventType, filter: { $and: [{ field, operator: 'equals', value }] } }] },
  });

describe('subscriptions', () => {
  it('create returns the id and a hex secret shown only once; delete then 404', async () => {
    const created = await subscribe('record.created', 'id.object_id', objectId('companies'));
    expect(created.status).toBe(200);
    const hook = created.body.data;
    expect(hook).toMatchObject({ target_url: TARGET, status: 'active', id: { workspace_id: sandbox().schema.workspace.id } });
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await api().get<Data<WebhookBody[]>>('/webhooks');
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).not.toHaveProperty('secret');
    expect((await api().get<Data<WebhookBody>>(`/webhooks/${hook.id.webhook_id}`)).body.data).not.toHaveProperty('secret');

    expect((await api().del(`/webhooks/${hook.id.webhook_id}`)).body).toEqual({});
    const again = await api().del(`/webhooks/${hook.id.webhook_id}`);
    expect(again).toMatchObject({ status: 404, body: { status_code: 404, type: 'invalid_request_error', code: 'not_found', message: 'Webhook not found' } });
  });

  it('rejects duplicates (409), unknown lists, and non-https targets (spec)', async () => {
    await subscribe('record.created', 'id.object_id', objectId('companies'));
    const dup = await subscribe('record.created', 'id.object_id', objectId('companies'));
    expect(dup.body).toMatchObject({ status_code: 409, code: 'uniqueness_conflict' });
    const badList = await subscribe('list-entry.created', 'id.list_id', '00000000-0000-4000-8000-000000000000');
    expect(badList.body).toMatchObject({ status_code: 400, code: 'validation_type', message: 'Related list not found' });
    const plain = await api().post('/webhooks', {
      data: { target_url: 'http://example.com/hook', subscriptions: [{ event_type: 'record.created', filter: null }] },
    });
    expect(plain.body).toMatchObject({ status_code: 400, code: 'validation_type' });
    expect(plain.body.validation_errors?.[0]?.path).toEqual(['data', 'target_url']);
  });
});

describe('deliveries', () => {
  it('delivers a signed record.created for the subscribed object only', async () => {
    const hook = (await subscribe('record.created', 'id.object_id', objectId('companies'))).body.data;
    await api().post('/objects/people/records', { data: { values: { email_addresses: ['a@acme.com'] } } });
    expect(sandbox().deliveries).toHaveLength(0);
    const created = await api().post<Data<{ id: { record_id: string } }>>('/objects/companies/records', { data: { values: { domains: ['acme.com'] } } });

    expect(sandbox().deliveries).toHaveLength(1);
    const d = sandbox().deliveries[0]!;
    // Never sent off the machine: recorded only.
    expect(d.outcome).toBe('recorded');
    expect(JSON.parse(d.body)).toEqual({
      webhook_id: hook.id.webhook_id,
      events: [
        {
          event_type: 'record.created',
          id: { workspace_id: sandbox().schema.workspace.id, object_id: objectId('companies'), record_id: created.body.data.id.record_id },
          actor: { type: 'app', id: expect.any(String) },
        },
      ],
    });
    const expected = crypto.createHmac('sha256', hook.secret as string).update(d.body).digest('hex');
    expect(d.headers).toEqual({
      'Content-Type': 'application/json',
      'Attio-Signature': expected,
      'X-Attio-Signature': expected,
      'Idempotency-Key': d.messageId,
      'User-Agent': expect.stringContaining('Attio'),
    });
    expect(signWebhookBody(hook.secret as string, d.body)).toBe(expected);
  });

  it('records deliveries for in-process writes (as a workspace member) and redelivers with the same key', async () => {
    await subscribe('record.created', 'id.object_id', objectId('companies'));
    const rec = sandbox().createRecord('companies', { domains: ['initech.com'] });
    const d = await sandbox().waitForDelivery((x) => x.payload.events[0]?.id.record_id === rec.id.record_id, 1000);
    expect(d.payload.events[0]?.actor).toEqual({ type: 'workspace-member', id: sandbox().schema.member('alice@example.com')?.id });
    const again = sandbox().redeliver(d.id);
    expect(again).toMatchObject({ messageId: d.messageId, body: d.body, headers: d.headers, attempt: 2 });
    expect(again.id).not.toBe(d.id);
    expect(sandbox().deliveries).toHaveLength(2);
  });

  it('delivers list-entry.created with the parent ids, filtered by list', async () => {
    await subscribe('list-entry.created', 'id.list_id', listId('sales_pipeline'));
    const acme = sandbox().createRecord('companies', { domains: ['acme.com'] }).id.record_id;
    const person = sandbox().createRecord('people', { email_addresses: ['p@acme.com'] }).id.record_id;
    sandbox().addEntry('prospects', 'people', person);
    const res = await api().put<Data<{ id: { entry_id: string } }>>('/lists/sales_pipeline/entries', {
      data: { parent_record_id: acme, parent_object: 'companies', entry_values: { stage: ['Lead'] } },
    });
    expect(sandbox().deliveries.map((x) => x.payload.events[0])).toEqual([
      {
        event_type: 'list-entry.created',
        id: { workspace_id: sandbox().schema.workspace.id, list_id: listId('sales_pipeline'), entry_id: res.body.data.id.entry_id },
        parent_object_id: objectId('companies'),
        parent_record_id: acme,
        actor: { type: 'app', id: expect.any(String) },
      },
    ]);
    // Asserting the same parent again updates the entry: no new list-entry.created.
    await api().put('/lists/sales_pipeline/entries', { data: { parent_record_id: acme, parent_object: 'companies', entry_values: { stage: ['Won'] } } });
    expect(sandbox().deliveries).toHaveLength(1);
  });

  it('applies $or, not_equals and null filters, and stops after unsubscribe', async () => {
    const either = await api().post<Data<WebhookBody>>('/webhooks', {
      data: {
        target_url: TARGET,
        subscriptions: [
          {
            event_type: 'record.created',
            filter: { $or: [{ field: 'id.object_id', operator: 'equals', value: objectId('people') }, { field: 'id.object_id', operator: 'equals', value: objectId('deals') }] },
          },
        ],
      },
    });
    await api().post('/webhooks', {
      data: { target_url: `${TARGET}/humans`, subscriptions: [{ event_type: 'record.created', filter: { $and: [{ field: 'actor.type', operator: 'not_equals', value: 'app' }] } }] },
    });
    await api().post('/webhooks', { data: { target_url: `${TARGET}/all`, subscriptions: [{ event_type: 'note.created', filter: null }] } });

    const p = await api().post<Data<{ id: { record_id: string } }>>('/objects/people/records', { data: { values: { email_addresses: ['x@acme.com'] } } });
    sandbox().createRecord('companies', { domains: ['ui.example'] });
    await api().post('/notes', { data: { parent_object: 'people', parent_record_id: p.body.data.id.record_id, title: 't', format: 'plaintext', content: 'c' } });
    expect(sandbox().deliveries.map((x) => [x.targetUrl, x.eventType])).toEqual([
      [TARGET, 'record.created'],
      [`${TARGET}/humans`, 'record.created'],
      [`${TARGET}/all`, 'note.created'],
    ]);
    expect(sandbox().deliveries[2]?.payload.events[0]).toMatchObject({ parent_object_id: objectId('people'), parent_record_id: p.body.data.id.record_id });

    await api().del(`/webhooks/${either.body.data.id.webhook_id}`);
    await api().post('/objects/people/records', { data: { values: { email_addresses: ['y@acme.com'] } } });
    expect(sandbox().deliveries).toHaveLength(3);
  });
});

describe('loopback delivery', () => {
  let receiver: http.Server;
  let received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  let answer: number[];
  let own: Sandbox | undefined;

  beforeEach(async () => {
    received = [];
    answer = [];
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await own?.stop();
    own = undefined;
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('POSTs signed deliveries to a loopback target and retries failures with the same Idempotency-Key', async () => {
    own = await startSandbox({ rateLimits: false, webhooks: { retry: { attempts: 3, delayMs: 20 } } });
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const hook = own.createWebhook(target, [{ event_type: 'record.created', filter: null }]);
    answer = [500];
    await apiFor(own).post('/objects/companies/records', { data: { values: { domains: ['acme.com'] } } });
    await own.waitForDelivery((d) => d.attempt === 2, 2000);
    await own.settleDeliveries();

    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(first?.body).toBe(second?.body);
    expect(first?.headers['idempotency-key']).toBe(second?.headers['idempotency-key']);
    expect(first?.headers['attio-signature']).toBe(signWebhookBody(hook.secret, first?.body ?? ''));
    expect(first?.headers['x-attio-signature']).toBe(first?.headers['attio-signature']);
    expect(own.deliveries.map((d) => [d.attempt, d.outcome, d.responseStatus])).toEqual([
      [1, 'failed', 500],
      [2, 'delivered', 200],
    ]);
  });
});

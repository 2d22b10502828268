// Value history (show_historic), who wrote what (actors on values and events), writes "in Attio" through the
// control routes (a workspace member in the UI, a system recompute), and record.updated / list-entry.updated
// per changed attribute with webhook filters on id.attribute_id.
import { APP_CLIENT_ID, startSandbox } from '../../sandbox/server';
import { apiFor, specResponseErrors, useSandbox, type Data, type EntryBody, type RecordBody, type Value } from './helpers';

const { api, sandbox } = useSandbox();

async function control<T = unknown>(method: string, route: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox().controlUrl}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

const attributeId = (parent: 'deals' | 'companies' | 'sales_pipeline', slug: string): string => {
  const s = sandbox().schema;
  const def = parent === 'sales_pipeline' ? s.list(parent) : s.object(parent);
  return s.attribute(def!, slug)!.id;
};

const memberId = (email: string) => sandbox().schema.member(email)?.id ?? '';

function newDeal(): string {
  const company = sandbox().createRecord('companies', { domains: ['acme.example'], name: 'Acme' }).id.record_id;
  return sandbox().createRecord('deals', {
    name: 'Acme renewal',
    stage: 'Lead',
    owner: 'alice@example.com',
    associated_company: { target_object: 'companies', target_record_id: company },
  }).id.record_id;
}

const stageTitle = (v: Value) => (v.status as { title: string }).title;

describe('value history', () => {
  it('lists every value of a record attribute with active_from / active_until / created_by_actor, oldest first', async () => {
    const deal = newDeal();
    const path = `/objects/deals/records/${deal}/attributes/stage/values`;
    await api().patch(`/objects/deals/records/${deal}`, { data: { values: { stage: 'In Progress' } } });
    await sandbox().act('PATCH', `/v2/objects/deals/records/${deal}`, { data: { values: { stage: 'Won 🎉' } } }, { actor: { type: 'workspace-member', id: memberId('bob@example.com') } });

    const current = await api().get<Data<Value[]>>(path);
    expect(current.body.data.map(stageTitle)).toEqual(['Won 🎉']);
    const all = await api().get<Data<Value[]>>(path, { query: { show_historic: 'true' } });
    expect(specResponseErrors('GET', '/v2/objects/{object}/records/{record_id}/attributes/{attribute}/values', all.body)).toEqual([]);
    const values = all.body.data;
    expect(values.map(stageTitle)).toEqual(['Lead', 'In Progress', 'Won 🎉']);
    expect(values.map((v) => v.created_by_actor)).toEqual([
      { type: 'workspace-member', id: memberId('alice@example.com') },
      { type: 'app', id: APP_CLIENT_ID },
      { type: 'workspace-member', id: memberId('bob@example.com') },
    ]);
    // Each value ends when the next begins; the current one has not ended.
    expect(values[0]?.active_until).toBe(values[1]?.active_from);
    expect(values[1]?.active_until).toBe(values[2]?.active_from);
    expect(values[2]?.active_until).toBeNull();
    expect((await api().get<Data<Value[]>>(path, { query: { show_historic: 'true', limit: '1', offset: '1' } })).body.data.map(stageTitle)).toEqual(['In Progress']);
  });

  it('keeps an unchanged multiselect value (its active_from too) and ends the removed ones; entries have the same endpoint', async () => {
    const acme = sandbox().createRecord('companies', { domains: ['acme.example', 'acme.test'] }).id.record_id;
    const before = sandbox().getRecord('companies', acme)?.values.domains?.[0]?.active_from;
    await api().put(`/objects/companies/records/${acme}`, { data: { values: { domains: ['acme.example'] } } });
    const domains = (await api().get<Data<Value[]>>(`/objects/companies/records/${acme}/attributes/domains/values`, { query: { show_historic: 'true' } })).body.data;
    // Both began together (equal active_from); the ended one is listed first.
    expect(domains.map((v) => [v.domain, v.active_until === null])).toEqual([
      ['acme.test', false],
      ['acme.example', true],
    ]);
    expect(domains[1]?.active_from).toBe(before);

    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme, { stage: 'Lead' }).id.entry_id;
    await api().patch(`/lists/sales_pipeline/entries/${entry}`, { data: { entry_values: { stage: 'Qualified' } } });
    const path = `/lists/sales_pipeline/entries/${entry}/attributes/stage/values`;
    const stages = await api().get<Data<Value[]>>(path, { query: { show_historic: 'true' } });
    expect(specResponseErrors('GET', '/v2/lists/{list}/entries/{entry_id}/attributes/{attribute}/values', stages.body)).toEqual([]);
    expect(stages.body.data.map((v) => [stageTitle(v), v.active_until === null])).toEqual([
      ['Lead', false],
      ['Qualified', true],
    ]);
    expect((await api().get(`/lists/sales_pipeline/entries/${entry}/attributes/nope/values`)).body).toMatchObject({ status_code: 404, code: 'not_found' });
  });
});

describe('actors', () => {
  it('stamps the app (OAuth token) with the client_id GET /v2/self answers; an API token as api-token', async () => {
    const self = await api().get<{ client_id: string; aud: string; authorized_by_workspace_member_id: string }>('/self');
    expect(self.body).toMatchObject({ client_id: APP_CLIENT_ID, aud: APP_CLIENT_ID, authorized_by_workspace_member_id: memberId('alice@example.com') });
    expect(sandbox().appActor).toEqual({ type: 'app', id: self.body.client_id });
    const rec = await api().post<Data<RecordBody>>('/objects/companies/records', { data: { values: { domains: ['app.example'] } } });
    expect(rec.body.data.values.domains?.[0]?.created_by_actor).toEqual({ type: 'app', id: self.body.client_id });
    expect(rec.body.data.values.created_by?.[0]).toMatchObject({ referenced_actor_type: 'app', referenced_actor_id: self.body.client_id });

    const withApiToken = await startSandbox({ rateLimits: false, apiTokens: ['workspace-token'] });
    try {
      const byToken = await apiFor(withApiToken, 'workspace-token').post<Data<RecordBody>>('/objects/companies/records', { data: { values: { domains: ['tok.example'] } } });
      expect(byToken.body.data.values.domains?.[0]?.created_by_actor).toEqual({ type: 'api-token', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const byApp = await apiFor(withApiToken, 'oauth-token').post<Data<RecordBody>>('/objects/companies/records', { data: { values: { domains: ['oauth.example'] } } });
      expect(byApp.body.data.values.domains?.[0]?.created_by_actor).toEqual({ type: 'app', id: APP_CLIENT_ID });
    } finally {
      await withApiToken.stop();
    }
  });

  it('writes as a workspace member "in Attio\'s UI" through POST /__sandbox/act, with the member on values and events', async () => {
    const deal = newDeal();
    sandbox().createWebhook('https://hooks.zapier.com/hooks/standard/1/deals', [{ event_type: 'record.updated', filter: null }]);
    const res = await control<Data<RecordBody>>('POST', '/act', {
      actor: { type: 'workspace-member', email: 'bob@example.com' },
      method: 'PATCH',
      path: `/v2/objects/deals/records/${deal}`,
      body: { data: { values: { stage: 'Won 🎉' } } },
    });
    expect(res.status).toBe(200);
    const bob = { type: 'workspace-member', id: memberId('bob@example.com') };
    expect(res.body.data.values.stage?.[0]?.created_by_actor).toEqual(bob);
    expect(sandbox().deliveries.map((d) => d.payload.events[0]?.actor)).toEqual([bob]);
    // Attio's errors come back as they would from the API; the control route's own input is checked.
    expect((await control('POST', '/act', { method: 'GET', path: '/v2/objects/deals/records/00000000-0000-4000-8000-000000000000' })).body).toMatchObject({ status_code: 404 });
    expect((await control('POST', '/act', { method: 'GET', path: '/nope' })).body).toMatchObject({ status_code: 400, code: 'invalid_control_request' });
    expect((await control('POST', '/act', { actor: { type: 'workspace-member', email: 'nobody@example.com' }, method: 'GET', path: '/v2/self' })).status).toBe(400);
    // Not Attio traffic: not counted.
    expect(sandbox().counterSnapshot().byOperation['PATCH /v2/objects/{object}/records/{record_id}']).toBeUndefined();
  });

  it('simulates a system recompute: the same value again, or a new one, a moment later, as {type: "system", id: null}', async () => {
    const deal = newDeal();
    sandbox().createWebhook('https://hooks.zapier.com/hooks/standard/1/deals', [{ event_type: 'record.updated', filter: null }]);
    const same = await control<Data<RecordBody>>('POST', '/recompute', { object: 'deals', record_id: deal, attribute: 'stage' });
    expect(same.status).toBe(200);
    expect(same.body.data.values.stage?.map(stageTitle)).toEqual(['Lead']);
    const system = { type: 'system', id: null };
    expect(same.body.data.values.stage?.[0]?.created_by_actor).toEqual(system);
    const events = () => sandbox().deliveries.map((d) => d.payload.events[0]);
    expect(events()).toEqual([{ event_type: 'record.updated', id: expect.objectContaining({ record_id: deal, attribute_id: attributeId('deals', 'stage') }), actor: system }]);
    // The history shows the rewrite: the same title twice, the first ended.
    const history = (await api().get<Data<Value[]>>(`/objects/deals/records/${deal}/attributes/stage/values`, { query: { show_historic: 'true' } })).body.data;
    expect(history.map((v) => [stageTitle(v), v.created_by_actor.type, v.active_until === null])).toEqual([
      ['Lead', 'workspace-member', false],
      ['Lead', 'system', true],
    ]);

    const later = await control<{ data: { scheduled_in_ms: number } }>('POST', '/recompute', { object: 'deals', record_id: deal, attribute: 'value', value: 1200, delay_ms: 20 });
    expect(later).toEqual({ status: 202, body: { data: { scheduled_in_ms: 20 } } });
    const delivery = await sandbox().waitForDelivery((d) => d.payload.events[0]?.id.attribute_id === attributeId('deals', 'value'), 2000);
    expect(delivery.payload.events[0]?.actor).toEqual(system);
    expect(sandbox().getRecord('deals', deal)?.values.value?.[0]).toMatchObject({ currency_value: 1200, created_by_actor: system });
    // In-process, on an entry:
    const entry = sandbox().addEntry('sales_pipeline', 'companies', sandbox().createRecord('companies', { domains: ['e.example'] }).id.record_id, { stage: 'Lead' }).id.entry_id;
    const json = (await sandbox().recompute({ list: 'sales_pipeline', entry_id: entry }, 'stage')) as unknown as EntryBody;
    expect(json.entry_values.stage?.[0]?.created_by_actor).toEqual(system);
    expect((await control('POST', '/recompute', { object: 'deals', attribute: 'stage' })).status).toBe(400);
  });
});

describe('record.updated and list-entry.updated', () => {
  it('sends one event per changed attribute with id.attribute_id; subscriptions filter on it ($or of several) server side', async () => {
    const deal = newDeal();
    const stage = attributeId('deals', 'stage');
    const value = attributeId('deals', 'value');
    const name = attributeId('deals', 'name');
    const objectId = sandbox().schema.object('deals')?.id as string;
    const body = (subscriptions: unknown) => ({ data: { target_url: 'https://hooks.zapier.com/hooks/standard/1/x', subscriptions } });
    const everything = await api().post<Data<{ id: { webhook_id: string } }>>('/webhooks', body([{ event_type: 'record.updated', filter: { $and: [{ field: 'id.object_id', operator: 'equals', value: objectId }] } }]));
    const watched = await api().post<Data<{ id: { webhook_id: string } }>>('/webhooks', {
      data: {
        target_url: 'https://hooks.zapier.com/hooks/standard/1/watched',
        subscriptions: [
          {
            event_type: 'record.updated',
            filter: {
              $or: [
                { field: 'id.attribute_id', operator: 'equals', value: stage },
                { field: 'id.attribute_id', operator: 'equals', value: value },
              ],
            },
          },
        ],
      },
    });
    expect(watched.status).toBe(200);
    await api().patch(`/objects/deals/records/${deal}`, { data: { values: { stage: 'In Progress', value: 500, name: 'Acme renewal 2027' } } });
    // Unchanged values are not events.
    await api().patch(`/objects/deals/records/${deal}`, { data: { values: { stage: 'In Progress' } } });
    const sent = (hook: string) =>
      sandbox()
        .deliveries.filter((d) => d.webhookId === hook)
        .map((d) => d.payload.events[0]?.id.attribute_id);
    expect(sent(everything.body.data.id.webhook_id).sort()).toEqual([stage, value, name].sort());
    expect(sent(watched.body.data.id.webhook_id).sort()).toEqual([stage, value].sort());

    const acme = sandbox().createRecord('companies', { domains: ['pipeline.example'] }).id.record_id;
    const entry = sandbox().addEntry('sales_pipeline', 'companies', acme, { stage: 'Lead' }).id.entry_id;
    sandbox().createWebhook('https://hooks.zapier.com/hooks/standard/1/entries', [
      { event_type: 'list-entry.updated', filter: { $and: [{ field: 'id.list_id', operator: 'equals', value: sandbox().schema.list('sales_pipeline')?.id as string }, { field: 'id.attribute_id', operator: 'equals', value: attributeId('sales_pipeline', 'stage') }] } },
    ]);
    await api().patch(`/lists/sales_pipeline/entries/${entry}`, { data: { entry_values: { stage: 'Won', next_step: 'Invoice' } } });
    const entryEvents = sandbox().deliveries.filter((d) => d.eventType === 'list-entry.updated').map((d) => d.payload.events[0]);
    expect(entryEvents).toEqual([
      {
        event_type: 'list-entry.updated',
        id: { workspace_id: sandbox().schema.workspace.id, list_id: sandbox().schema.list('sales_pipeline')?.id, entry_id: entry, attribute_id: attributeId('sales_pipeline', 'stage') },
        parent_object_id: sandbox().schema.object('companies')?.id,
        parent_record_id: acme,
        actor: { type: 'app', id: APP_CLIENT_ID },
      },
    ]);
  });
});

import newListEntry, { perform, performList, performSubscribe, performUnsubscribe } from '../../src/triggers/new_list_entry';
import sample from '../../src/samples/list_entry.json';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';

const LIST_ID = '00000000-0000-4000-8000-0000000000c1';
const OTHER_LIST_ID = '00000000-0000-4000-8000-0000000000c2';
const COMPANIES_ID = '00000000-0000-4000-8000-0000000000b2';
const E1 = '00000000-0000-4000-8000-00000000e001';
const E2 = '00000000-0000-4000-8000-00000000e002';
const E3 = '00000000-0000-4000-8000-00000000e003';
const C1 = '00000000-0000-4000-8000-00000000a001';
const C2 = '00000000-0000-4000-8000-00000000a002';
const C3 = '00000000-0000-4000-8000-00000000a003';

const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID };
const FILTER = { $and: [{ field: 'id.list_id', operator: 'equals', value: LIST_ID }] };
const ACTOR = { type: 'workspace-member', id: '00000000-0000-4000-8000-0000000000d1' };

function entry(entryId: string, companyId: string, stage: string) {
  return {
    id: { workspace_id: WORKSPACE_ID, list_id: LIST_ID, entry_id: entryId },
    parent_record_id: companyId,
    parent_object: 'companies',
    created_at: '2025-01-16T08:00:00.123456789Z',
    entry_values: {
      stage: [
        {
          active_from: '2025-01-16T08:00:00.123456789Z',
          active_until: null,
          created_by_actor: ACTOR,
          attribute_type: 'status',
          status: { id: { workspace_id: WORKSPACE_ID, object_id: LIST_ID, attribute_id: 'a', status_id: 's' }, title: stage, is_archived: false },
        },
      ],
    },
  };
}

function company(recordId: string, name: string, domain: string) {
  return {
    id: { workspace_id: WORKSPACE_ID, object_id: COMPANIES_ID, record_id: recordId },
    created_at: '2025-01-14T09:00:00.000000000Z',
    web_url: `https://app.attio.com/example/company/${recordId}/overview`,
    values: {
      name: [{ active_from: '2025-01-14T09:00:00.000000000Z', active_until: null, created_by_actor: ACTOR, attribute_type: 'text', value: name }],
      domains: [
        { active_from: '2025-01-14T09:00:00.000000000Z', active_until: null, created_by_actor: ACTOR, attribute_type: 'domain', domain, root_domain: domain },
      ],
    },
  };
}

function added(entryId: string, companyId: string, listId = LIST_ID) {
  return {
    event_type: 'list-entry.created',
    id: { workspace_id: WORKSPACE_ID, list_id: listId, entry_id: entryId },
    parent_object_id: COMPANIES_ID,
    parent_record_id: companyId,
    actor: ACTOR,
  };
}

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { list: 'sales' }, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));

/** Answers after a short delay, recording how many requests were in flight at once. */
function concurrency() {
  const state = { inFlight: 0, max: 0 };
  const slow = (body: unknown) => async () => {
    state.inFlight += 1;
    state.max = Math.max(state.max, state.inFlight);
    await new Promise((r) => setTimeout(r, 20));
    state.inFlight -= 1;
    return [200, body] as [number, unknown];
  };
  return { state, slow };
}

describe('triggers.new_list_entry', () => {
  describe('performSubscribe', () => {
    it('resolves the list to its UUID and subscribes list-entry.created filtered on it (2 requests)', async () => {
      attio()
        .get('/v2/lists/sales')
        .reply(200, {
          data: {
            id: { workspace_id: WORKSPACE_ID, list_id: LIST_ID },
            api_slug: 'sales',
            name: 'Sales',
            parent_object: ['companies'],
            workspace_access: 'full-access',
            workspace_member_access: [],
            created_by_actor: ACTOR,
            created_at: '2024-01-01T00:00:00.000000000Z',
          },
        });
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'list-entry.created', filter: FILTER }] } })
        .reply(200, webhookResponse([{ event_type: 'list-entry.created', filter: FILTER }]));

      const result = await appTester(performSubscribe, makeBundle({ inputData: { list: 'sales' }, targetUrl: TARGET_URL }));

      expect(result).toEqual({ id: WEBHOOK_ID, secret: SECRET, list: 'sales', list_id: LIST_ID });
      expect(attioRequests()).toHaveLength(2);
    });

    it('explains a list that no longer exists, without creating a webhook', async () => {
      attio().get('/v2/lists/gone').reply(404, attioErrorBody(404, 'not_found', 'List not found.'));
      await expect(appTester(performSubscribe, makeBundle({ inputData: { list: 'gone' }, targetUrl: TARGET_URL }))).rejects.toThrow(
        /could not find what was needed to find the list \\"gone\\"/,
      );
      expect(attioRequests()).toHaveLength(1);
    });

    it('asks for the list before sending anything when it is empty', async () => {
      await expect(appTester(performSubscribe, makeBundle({ inputData: { list: '' }, targetUrl: TARGET_URL }))).rejects.toThrow(
        /Choose the List to watch: the List field is empty\./,
      );
      expect(sentRequests()).toHaveLength(0);
    });
  });

  describe('performUnsubscribe', () => {
    it('deletes the webhook; already gone (404) is success', async () => {
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(200, {});
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(404, attioErrorBody(404, 'not_found', 'Webhook not found'));
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
    });
  });

  describe('perform (each delivery)', () => {
    it('returns the entry with its parent record under `parent`, both fetched concurrently (2 requests per event)', async () => {
      const { state, slow } = concurrency();
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(slow({ data: entry(E1, C1, 'Lead') }));
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(slow({ data: company(C1, 'Acme', 'acme.example') }));

      const results = await appTester(perform, deliver([added(E1, C1)]), true);

      expect(results).toEqual([
        {
          stage: 'Lead',
          stage_status_id: 's',
          id: E1,
          entry_id: E1,
          list: 'sales',
          list_id: LIST_ID,
          parent_record_id: C1,
          parent_object: 'companies',
          created_at: '2025-01-16T08:00:00.123+00:00',
          parent: {
            name: 'Acme',
            domains: ['acme.example'],
            domain: 'acme.example',
            id: C1,
            record_id: C1,
            object: 'companies',
            object_id: COMPANIES_ID,
            web_url: `https://app.attio.com/example/company/${C1}/overview`,
            created_at: '2025-01-14T09:00:00.000+00:00',
          },
        },
      ]);
      expect(attioRequests()).toHaveLength(2);
      expect(state.max).toBe(2);
    });

    it('returns every event of a batched delivery, all four requests in flight together', async () => {
      const { state, slow } = concurrency();
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(slow({ data: entry(E1, C1, 'Lead') }));
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(slow({ data: company(C1, 'Acme', 'acme.example') }));
      attio().get(`/v2/lists/${LIST_ID}/entries/${E2}`).reply(slow({ data: entry(E2, C2, 'Won') }));
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C2}`).reply(slow({ data: company(C2, 'Globex', 'globex.example') }));

      const results = await appTester(perform, deliver([added(E1, C1), added(E2, C2)]), true);

      expect(results.map((r) => [r.id, r.stage, (r.parent as { name: string }).name])).toEqual([
        [E1, 'Lead', 'Acme'],
        [E2, 'Won', 'Globex'],
      ]);
      expect(attioRequests()).toHaveLength(4);
      expect(state.max).toBe(4);
    });

    it('skips an event for another list without fetching it', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry(E1, C1, 'Lead') });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });

      const results = await appTester(perform, deliver([added(E3, C3, OTHER_LIST_ID), added(E1, C1)]), true);

      expect(results.map((r) => r.id)).toEqual([E1]);
      expect(attioRequests()).toHaveLength(2);
    });

    it('skips an entry removed before it could be fetched (404)', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(404, attioErrorBody(404, 'not_found', 'Entry not found.'));
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      expect(await appTester(perform, deliver([added(E1, C1)]), true)).toEqual([]);
    });

    it('skips an entry whose parent record was deleted (404)', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry(E1, C1, 'Lead') });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      expect(await appTester(perform, deliver([added(E1, C1)]), true)).toEqual([]);
    });

    it('fetches the parent after the entry when the event does not name it', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry(E1, C1, 'Lead') });
      attio().get(`/v2/objects/companies/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      const { parent_object_id: _o, parent_record_id: _r, ...bare } = added(E1, C1);

      const results = await appTester(perform, deliver([bare]), true);

      expect(results.map((r) => (r.parent as { name: string }).name)).toEqual(['Acme']);
    });

    it('halts a forged or unsigned delivery, sending nothing to Attio', async () => {
      await expect(appTester(perform, deliver([added(E1, C1)], { signature: sign('{}', 'guessed-secret') }), true)).rejects.toMatchObject({
        name: 'HaltedError',
        message: expect.stringMatching(/does not match the signing secret/),
      });
      await expect(appTester(perform, deliver([added(E1, C1)], { signature: null }), true)).rejects.toMatchObject({
        name: 'HaltedError',
        message: expect.stringMatching(/no Attio-Signature header/),
      });
      expect(sentRequests()).toHaveLength(0);
    });

    it('returns nothing for a redelivery', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry(E1, C1, 'Lead') });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      expect(await appTester(perform, deliver([added(E1, C1)], { idempotencyKey: 'idem-7' }), true)).toHaveLength(1);
      expect(await appTester(perform, deliver([added(E1, C1)], { idempotencyKey: 'idem-7' }))).toEqual([]);
      // Another message about the same entry (a new Idempotency-Key) is the same creation: dropped too.
      expect(await appTester(perform, deliver([added(E1, C1)], { idempotencyKey: 'idem-8' }))).toEqual([]);
      expect(attioRequests()).toHaveLength(2);
    });

    it('explains a failed fetch', async () => {
      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(403, attioErrorBody(403, 'forbidden', 'Missing scope.', 'auth_error'));
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      await expect(appTester(perform, deliver([added(E1, C1)]), true)).rejects.toThrow(/It needs the \\"list_entry:read\\" permission\./);
    });
  });

  describe('performList (test trigger)', () => {
    it('returns the 3 newest entries with their parents, with exactly the keys a live delivery has', async () => {
      attio()
        .post('/v2/lists/sales/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
        .reply(200, { data: [entry(E3, C3, 'Lead'), entry(E2, C2, 'Won'), entry(E1, C1, 'Lead')] });
      attio().get(`/v2/objects/companies/records/${C3}`).reply(200, { data: company(C3, 'Initech', 'initech.example') });
      attio().get(`/v2/objects/companies/records/${C2}`).reply(200, { data: company(C2, 'Globex', 'globex.example') });
      attio().get(`/v2/objects/companies/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      const listed = await appTester(performList, makeBundle({ inputData: { list: 'sales' }, meta: { isLoadingSample: true } }));
      expect(listed.map((r) => r.id)).toEqual([E3, E2, E1]);

      attio().get(`/v2/lists/${LIST_ID}/entries/${E1}`).reply(200, { data: entry(E1, C1, 'Lead') });
      attio().get(`/v2/objects/${COMPANIES_ID}/records/${C1}`).reply(200, { data: company(C1, 'Acme', 'acme.example') });
      const hooked = await appTester(perform, deliver([added(E1, C1)]), true);

      expect(fieldKeys(listed[2]!)).toEqual(fieldKeys(hooked[0]!));
      expect(fieldKeys(hooked[0]!)).toContain('parent__name');
      expect(listed[2]).toEqual(hooked[0]);
      // The static sample promises only keys every live result has (Zapier check T004).
      expect(fieldKeys(hooked[0]!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
    });

    it('leaves out an entry whose parent is gone', async () => {
      attio()
        .post('/v2/lists/sales/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
        .reply(200, { data: [entry(E1, C1, 'Lead')] });
      attio().get(`/v2/objects/companies/records/${C1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      expect(await appTester(performList, makeBundle({ inputData: { list: 'sales' } }))).toEqual([]);
    });

    it('explains a failed query', async () => {
      attio()
        .post('/v2/lists/sales/entries/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
        .reply(404, attioErrorBody(404, 'not_found', 'List not found.'));
      await expect(appTester(performList, makeBundle({ inputData: { list: 'sales' } }))).rejects.toThrow(
        /could not find what was needed to load the newest entries of the list \\"sales\\"/,
      );
    });
  });

  describe('definition', () => {
    it('is a REST hook with a list dropdown, and outputFields labelling every sample key', () => {
      expect(newListEntry.operation.type).toBe('hook');
      expect(newListEntry.operation.inputFields).toEqual([expect.objectContaining({ key: 'list', required: true, dynamic: 'list_lists.id.name' })]);
      const outputKeys = (newListEntry.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
      expect(outputKeys).toEqual(expect.arrayContaining(fieldKeys(sample)));
      // The editor offers the parent's name, email and domain (issue 5: `parent__name`, `parent__email`, …).
      expect(outputKeys).toEqual(expect.arrayContaining(['parent__name', 'parent__email', 'parent__domain']));
    });
  });
});

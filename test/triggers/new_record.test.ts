import * as dedupe from '../../src/zapier/hooks/dedupe';
import newRecord, { perform, performList, performSubscribe, performUnsubscribe } from '../../src/triggers/new_record';
import sample from '../../src/samples/record.json';
import { appTester, attio, attioErrorBody, makeBundle, TOKEN } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { delivery, fieldKeys, SECRET, sign, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';

const PEOPLE_ID = '00000000-0000-4000-8000-0000000000b1';
const COMPANIES_ID = '00000000-0000-4000-8000-0000000000b2';
const R1 = '00000000-0000-4000-8000-00000000a001';
const R2 = '00000000-0000-4000-8000-00000000a002';
const R3 = '00000000-0000-4000-8000-00000000a003';

const SUBSCRIPTION = { id: WEBHOOK_ID, secret: SECRET, object: 'people', object_id: PEOPLE_ID };
const FILTER = { $and: [{ field: 'id.object_id', operator: 'equals', value: PEOPLE_ID }] };

function person(recordId: string, first: string, email: string) {
  const actor = { type: 'workspace-member', id: '00000000-0000-4000-8000-0000000000d1' };
  return {
    id: { workspace_id: WORKSPACE_ID, object_id: PEOPLE_ID, record_id: recordId },
    created_at: '2025-01-15T10:30:00.061281000Z',
    web_url: `https://app.attio.com/example/person/${recordId}/overview`,
    values: {
      name: [
        {
          active_from: '2025-01-15T10:30:00.061281000Z',
          active_until: null,
          created_by_actor: actor,
          attribute_type: 'personal-name',
          first_name: first,
          last_name: 'Lovelace',
          full_name: `${first} Lovelace`,
        },
      ],
      email_addresses: [
        {
          active_from: '2025-01-15T10:30:00.061281000Z',
          active_until: null,
          created_by_actor: actor,
          attribute_type: 'email-address',
          original_email_address: email,
          email_address: email,
          email_domain: 'example.com',
          email_root_domain: 'example.com',
          email_local_specifier: email.split('@')[0],
        },
      ],
    },
  };
}

function created(recordId: string, objectId = PEOPLE_ID) {
  return {
    event_type: 'record.created',
    id: { workspace_id: WORKSPACE_ID, object_id: objectId, record_id: recordId },
    actor: { type: 'workspace-member', id: '00000000-0000-4000-8000-0000000000d1' },
  };
}

const deliver = (events: unknown[], opts: Partial<Parameters<typeof delivery>[1]> = {}) =>
  delivery({ webhook_id: WEBHOOK_ID, events }, { inputData: { object: 'people' }, subscribeData: SUBSCRIPTION, ...opts });

const attioRequests = () => sentRequests().filter((r) => r.url.startsWith('https://api.attio.com/'));

describe('triggers.new_record', () => {
  describe('performSubscribe', () => {
    it('resolves the object to its UUID, subscribes record.created filtered on it, and keeps the secret (2 requests)', async () => {
      attio()
        .get('/v2/objects/people')
        .reply(200, {
          data: { id: { workspace_id: WORKSPACE_ID, object_id: PEOPLE_ID }, api_slug: 'people', singular_noun: 'Person', plural_noun: 'People', created_at: '2024-01-01T00:00:00.000000000Z' },
        });
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'record.created', filter: FILTER }] } })
        .reply(200, webhookResponse([{ event_type: 'record.created', filter: FILTER }]));

      const result = await appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }));

      expect(result).toEqual({ id: WEBHOOK_ID, secret: SECRET, object: 'people', object_id: PEOPLE_ID });
      expect(attioRequests()).toHaveLength(2);
    });

    it('explains a missing webhook permission', async () => {
      attio()
        .get('/v2/objects/people')
        .reply(200, { data: { id: { workspace_id: WORKSPACE_ID, object_id: PEOPLE_ID }, api_slug: 'people', singular_noun: 'Person', plural_noun: 'People', created_at: '2024-01-01T00:00:00.000000000Z' } });
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'record.created', filter: FILTER }] } })
        .reply(403, attioErrorBody(403, 'forbidden', 'Token is missing scope webhook:read-write.', 'auth_error'));

      await expect(appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }))).rejects.toThrow(
        /Attio did not allow this connection to subscribe to Attio events\. It needs the \\"webhook:read-write\\" permission\./,
      );
    });

    it('explains an object that no longer exists', async () => {
      attio().get('/v2/objects/gone').reply(404, attioErrorBody(404, 'not_found', 'Object with slug/ID "gone" not found.'));
      await expect(appTester(performSubscribe, makeBundle({ inputData: { object: 'gone' }, targetUrl: TARGET_URL }))).rejects.toThrow(
        /could not find what was needed to find the object \\"gone\\".*Object with slug\/ID \\"gone\\" not found\./,
      );
      expect(attioRequests()).toHaveLength(1);
    });

    it('asks for the object before sending anything when it is empty', async () => {
      await expect(appTester(performSubscribe, makeBundle({ inputData: {}, targetUrl: TARGET_URL }))).rejects.toThrow(
        /Choose the Object to watch: the Object field is empty\./,
      );
      expect(sentRequests()).toHaveLength(0);
    });

    it('deletes a webhook Attio created without a secret, rather than keep one it could never verify', async () => {
      attio()
        .get('/v2/objects/people')
        .reply(200, { data: { id: { workspace_id: WORKSPACE_ID, object_id: PEOPLE_ID }, api_slug: 'people', singular_noun: 'Person', plural_noun: 'People', created_at: '2024-01-01T00:00:00.000000000Z' } });
      attio()
        .post('/v2/webhooks', { data: { target_url: TARGET_URL, subscriptions: [{ event_type: 'record.created', filter: FILTER }] } })
        .reply(200, webhookResponse([{ event_type: 'record.created', filter: FILTER }], null));
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(200, {});
      await expect(appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }))).rejects.toThrow(
        /without a signing secret/,
      );
    });
  });

  describe('performUnsubscribe', () => {
    it('deletes the webhook', async () => {
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(200, {});
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
    });

    it('treats an already deleted webhook (404) as success', async () => {
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(404, attioErrorBody(404, 'not_found', 'Webhook not found'));
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).resolves.toEqual({});
    });

    it('explains a revoked connection', async () => {
      attio().delete(`/v2/webhooks/${WEBHOOK_ID}`).reply(401, attioErrorBody(401, 'unauthorized', 'Token revoked.', 'auth_error'));
      await expect(appTester(performUnsubscribe, makeBundle({ subscribeData: SUBSCRIPTION }))).rejects.toMatchObject({
        name: 'ExpiredAuthError',
        message: expect.stringMatching(/Reconnect your Attio account/),
      });
    });
  });

  describe('perform (each delivery)', () => {
    it('verifies the signature and returns the full record, not the bare IDs (1 request per event)', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });

      const results = await appTester(perform, deliver([created(R1)]), true);

      expect(results).toEqual([
        {
          name: 'Ada Lovelace',
          first_name: 'Ada',
          last_name: 'Lovelace',
          email_addresses: ['ada@example.com'],
          email: 'ada@example.com',
          id: R1,
          record_id: R1,
          object: 'people',
          object_id: PEOPLE_ID,
          web_url: `https://app.attio.com/example/person/${R1}/overview`,
          created_at: '2025-01-15T10:30:00.061+00:00',
        },
      ]);
      expect(attioRequests()).toHaveLength(1);
    });

    it('returns every event of a batched delivery, hydrated concurrently', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const slow = (body: unknown) => async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
        return [200, body] as [number, unknown];
      };
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(slow({ data: person(R1, 'Ada', 'ada@example.com') }));
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R2}`).reply(slow({ data: person(R2, 'Grace', 'grace@example.com') }));

      const results = await appTester(perform, deliver([created(R1), created(R2)]), true);

      expect(results.map((r) => [r.id, r.name])).toEqual([
        [R1, 'Ada Lovelace'],
        [R2, 'Grace Lovelace'],
      ]);
      expect(attioRequests()).toHaveLength(2);
      expect(maxInFlight).toBe(2);
    });

    it('skips an event for another object (and any other event type) without fetching it', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      const events = [created(R3, COMPANIES_ID), created(R1), { ...created(R2), event_type: 'record.updated' }];

      const results = await appTester(perform, deliver(events), true);

      expect(results.map((r) => r.id)).toEqual([R1]);
      expect(attioRequests().map((r) => r.url)).toEqual([`https://api.attio.com/v2/objects/${PEOPLE_ID}/records/${R1}`]);
    });

    it('skips a record deleted before it could be fetched (404), keeping the others', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(404, attioErrorBody(404, 'not_found', 'Record not found.'));
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R2}`).reply(200, { data: person(R2, 'Grace', 'grace@example.com') });

      const results = await appTester(perform, deliver([created(R1), created(R2)]), true);

      expect(results.map((r) => r.id)).toEqual([R2]);
    });

    it('halts a forged delivery (wrong signature) with the reason, sending nothing to Attio', async () => {
      const bundle = deliver([created(R1)], { signature: sign('{"webhook_id":"x","events":[]}') });
      await expect(appTester(perform, bundle, true)).rejects.toMatchObject({
        name: 'HaltedError',
        message: expect.stringMatching(/did not sign for this Zap: its Attio-Signature does not match/),
      });
      expect(sentRequests()).toHaveLength(0);
    });

    it('keeps the signing secret and the token out of the whole error text core builds for a forged or unsigned delivery', async () => {
      for (const signature of [sign('forged'), null]) {
        const err = (await appTester(perform, deliver([created(R1)], { signature }), true).catch((e: unknown) => e)) as Error;
        expect(err).toMatchObject({ name: 'HaltedError' });
        // Core appends "What happened:" with the bundle (subscribeData included) unless told not to.
        expect(`${err.message}\n${String(err.stack)}`).not.toContain(SECRET);
        expect(`${err.message}\n${String(err.stack)}`).not.toContain(TOKEN);
        expect(err.message).not.toContain('What happened');
      }
    });

    it('keeps the secret out of an unexpected failure while hydrating (a crash core would contextify)', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: {} });
      const err = (await appTester(perform, deliver([created(R1)]), true).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).not.toContain(SECRET);
      expect(err.message).not.toContain('What happened');
    });

    it('halts a body altered after signing', async () => {
      const body = { webhook_id: WEBHOOK_ID, events: [created(R1)] };
      const signed = JSON.stringify(body);
      const altered = JSON.stringify({ ...body, events: [created(R2)] });
      const bundle = deliver(body.events, { content: altered, signature: sign(signed) });
      await expect(appTester(perform, bundle, true)).rejects.toMatchObject({ name: 'HaltedError' });
      expect(sentRequests()).toHaveLength(0);
    });

    it('halts an unsigned delivery', async () => {
      await expect(appTester(perform, deliver([created(R1)], { signature: null }), true)).rejects.toMatchObject({
        name: 'HaltedError',
        message: expect.stringMatching(/it carries no Attio-Signature header\. .*turn the Zap off and on again/),
      });
      expect(sentRequests()).toHaveLength(0);
    });

    it('halts when the subscription holds no secret to verify with', async () => {
      await expect(appTester(perform, deliver([created(R1)], { subscribeData: { id: WEBHOOK_ID } }), true)).rejects.toMatchObject({
        name: 'HaltedError',
        message: expect.stringMatching(/no signing secret/),
      });
      expect(sentRequests()).toHaveLength(0);
    });

    it('returns nothing for a redelivery (same Idempotency-Key), without asking Attio again', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      const first = await appTester(perform, deliver([created(R1)], { idempotencyKey: 'idem-42' }), true);
      expect(first).toHaveLength(1);

      const again = await appTester(perform, deliver([created(R1)], { idempotencyKey: 'idem-42' }));
      expect(again).toEqual([]);
      expect(attioRequests()).toHaveLength(1);
    });

    it('drops a second message about the same creation even under another Idempotency-Key, but passes on a new record', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R2}`).reply(200, { data: person(R2, 'Grace', 'grace@example.com') });
      expect(await appTester(perform, deliver([created(R1)], { idempotencyKey: 'idem-1' }), true)).toHaveLength(1);

      const second = await appTester(perform, deliver([created(R1), created(R2)], { idempotencyKey: 'idem-2' }));

      expect(second.map((r) => r.id)).toEqual([R2]);
      expect(attioRequests().map((r) => r.url)).toEqual([
        `https://api.attio.com/v2/objects/${PEOPLE_ID}/records/${R1}`,
        `https://api.attio.com/v2/objects/${PEOPLE_ID}/records/${R2}`,
      ]);
    });

    it('passes on an event listed twice in one delivery once', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      expect(await appTester(perform, deliver([created(R1), created(R1)]), true)).toHaveLength(1);
    });

    it('dedupes by event identity when Attio sends no Idempotency-Key', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      expect(await appTester(perform, deliver([created(R1)], { idempotencyKey: null }), true)).toHaveLength(1);
      expect(await appTester(perform, deliver([created(R1)], { idempotencyKey: null }))).toEqual([]);
    });

    it('drops an event whose claim was lost to a racing delivery (set with nx answered false)', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      const spy = jest.spyOn(dedupe, 'claim').mockResolvedValueOnce(false);
      try {
        expect(await appTester(perform, deliver([created(R1)]), true)).toEqual([]);
      } finally {
        spy.mockRestore();
      }
    });

    it('remembers nothing when a fetch fails, so Zapier replaying the delivery still gets the record', async () => {
      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(401, attioErrorBody(401, 'unauthorized', 'Token revoked.', 'auth_error'));
      await expect(appTester(perform, deliver([created(R1)]), true)).rejects.toMatchObject({ name: 'ExpiredAuthError' });

      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      expect(await appTester(perform, deliver([created(R1)]))).toHaveLength(1);
    });
  });

  describe('performList (test trigger)', () => {
    it('returns the 3 newest records, with exactly the keys a live delivery has', async () => {
      attio()
        .post('/v2/objects/people/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
        .reply(200, { data: [person(R3, 'Mary', 'mary@example.com'), person(R2, 'Grace', 'grace@example.com'), person(R1, 'Ada', 'ada@example.com')] });
      const listed = await appTester(performList, makeBundle({ inputData: { object: 'people' }, meta: { isLoadingSample: true } }));
      expect(listed.map((r) => r.id)).toEqual([R3, R2, R1]);

      attio().get(`/v2/objects/${PEOPLE_ID}/records/${R1}`).reply(200, { data: person(R1, 'Ada', 'ada@example.com') });
      const hooked = await appTester(perform, deliver([created(R1)]), true);

      expect(fieldKeys(listed[2]!)).toEqual(fieldKeys(hooked[0]!));
      expect(listed[2]).toEqual(hooked[0]);
      // The static sample promises only keys every live result has (Zapier check T004).
      expect(fieldKeys(hooked[0]!)).toEqual(expect.arrayContaining(fieldKeys(sample)));
    });

    it('explains a failed query', async () => {
      attio()
        .post('/v2/objects/people/records/query', { sorts: [{ attribute: 'created_at', direction: 'desc' }], limit: 3 })
        .reply(403, attioErrorBody(403, 'forbidden', 'Missing scope.', 'auth_error'));
      await expect(appTester(performList, makeBundle({ inputData: { object: 'people' } }))).rejects.toThrow(
        /did not allow this connection to load the newest records of \\"people\\"\. It needs the \\"record_permission:read\\" permission\./,
      );
    });
  });

  describe('definition', () => {
    it('is a REST hook with an object dropdown, and outputFields labelling every sample key', () => {
      expect(newRecord.operation.type).toBe('hook');
      expect(newRecord.operation.inputFields).toEqual([expect.objectContaining({ key: 'object', required: true, dynamic: 'list_objects.id.name' })]);
      const outputKeys = (newRecord.operation.outputFields ?? []).map((f) => (f as { key: string }).key).sort();
      expect(fieldKeys(sample)).toEqual(outputKeys);
    });
  });
});

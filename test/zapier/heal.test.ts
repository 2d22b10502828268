// Subscribe heals an orphan webhook a lost answer left behind (src/zapier/hooks/heal.ts), through a real
// trigger's performSubscribe: Attio's 409 for a duplicate subscription, or a lost answer, leads to listing the
// webhooks, deleting those aimed at this Zap's URL, and creating a fresh one whose secret the app then holds.
import { performSubscribe } from '../../src/triggers/new_record';
import { appTester, attio, attioErrorBody, makeBundle } from '../helpers/app';
import { useVirtualClock } from '../helpers/clock';
import { sentRequests } from '../helpers/contract';
import { SECRET, TARGET_URL, WEBHOOK_ID, webhookResponse, WORKSPACE_ID } from '../helpers/webhook';

const time = useVirtualClock();

const PEOPLE_ID = '00000000-0000-4000-8000-0000000000b1';
const ORPHAN_ID = '00000000-0000-4000-8000-0000000000f9';
const OTHER_ID = '00000000-0000-4000-8000-0000000000f8';
const FILTER = { $and: [{ field: 'id.object_id', operator: 'equals', value: PEOPLE_ID }] };
const SUBSCRIPTIONS = [{ event_type: 'record.created', filter: FILTER }];
const POST_BODY = { data: { target_url: TARGET_URL, subscriptions: SUBSCRIPTIONS } };

const calls = () => sentRequests().map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);
const subscribe = () => appTester(performSubscribe, makeBundle({ inputData: { object: 'people' }, targetUrl: TARGET_URL }));

/** A webhook as GET /v2/webhooks lists it: no secret. */
function listed(id: string, targetUrl: string) {
  return { id: { workspace_id: WORKSPACE_ID, webhook_id: id }, target_url: targetUrl, subscriptions: SUBSCRIPTIONS, status: 'active', created_at: '2026-11-21T09:59:59.000000000Z' };
}

beforeEach(() => {
  attio()
    .get('/v2/objects/people')
    .reply(200, {
      data: { id: { workspace_id: WORKSPACE_ID, object_id: PEOPLE_ID }, api_slug: 'people', singular_noun: 'Person', plural_noun: 'People', created_at: '2024-01-01T00:00:00.000000000Z' },
    });
});

describe('zapier/hooks/heal: subscribe never leaves or reuses an orphan', () => {
  it("a duplicate refusal (409) deletes the orphan for this Zap's URL only, then subscribes afresh and keeps the new secret", async () => {
    attio().post('/v2/webhooks', POST_BODY).reply(409, attioErrorBody(409, 'uniqueness_conflict', 'A webhook with the same target URL, event type and filter already exists.'));
    attio()
      .get('/v2/webhooks')
      .query({ limit: '100', offset: '0' })
      .reply(200, { data: [listed(OTHER_ID, 'https://hooks.zapier.com/hooks/standard/999/other/'), listed(ORPHAN_ID, TARGET_URL)] });
    attio().delete(`/v2/webhooks/${ORPHAN_ID}`).reply(200, {});
    attio().post('/v2/webhooks', POST_BODY).reply(200, webhookResponse(SUBSCRIPTIONS));

    await expect(subscribe()).resolves.toEqual({ id: WEBHOOK_ID, secret: SECRET, object: 'people', object_id: PEOPLE_ID });
    expect(calls()).toEqual([
      'GET /v2/objects/people',
      'POST /v2/webhooks',
      'GET /v2/webhooks?limit=100&offset=0',
      `DELETE /v2/webhooks/${ORPHAN_ID}`,
      'POST /v2/webhooks',
    ]);
    expect(time.waits).toEqual([]);
  });

  it('a lost answer (502) waits a moment, removes the webhook Attio did create, and subscribes afresh', async () => {
    attio().post('/v2/webhooks', POST_BODY).reply(502, 'Bad Gateway');
    attio().get('/v2/webhooks').query({ limit: '100', offset: '0' }).reply(200, { data: [listed(ORPHAN_ID, TARGET_URL)] });
    attio().delete(`/v2/webhooks/${ORPHAN_ID}`).reply(200, {});
    attio().post('/v2/webhooks', POST_BODY).reply(200, webhookResponse(SUBSCRIPTIONS));

    await expect(subscribe()).resolves.toMatchObject({ id: WEBHOOK_ID, secret: SECRET });
    expect(time.waits).toEqual([1000]);
    expect(calls()).toHaveLength(5);
  });

  it('a lost answer for a webhook Attio never created: nothing to delete, one more create', async () => {
    attio().post('/v2/webhooks', POST_BODY).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    attio()
      .get('/v2/webhooks')
      .query({ limit: '100', offset: '0' })
      .reply(200, { data: Array.from({ length: 100 }, () => listed(OTHER_ID, 'https://example.com/other')) });
    attio().get('/v2/webhooks').query({ limit: '100', offset: '100' }).reply(200, { data: [] });
    attio().post('/v2/webhooks', POST_BODY).reply(200, webhookResponse(SUBSCRIPTIONS));

    await expect(subscribe()).resolves.toMatchObject({ id: WEBHOOK_ID });
    expect(calls().filter((c) => c.startsWith('DELETE'))).toEqual([]);
  });

  it('a duplicate the connection cannot see or remove says what to do, after one heal attempt', async () => {
    const conflict = attioErrorBody(409, 'uniqueness_conflict', 'A webhook with the same target URL, event type and filter already exists.');
    attio().post('/v2/webhooks', POST_BODY).times(2).reply(409, conflict);
    attio().get('/v2/webhooks').query({ limit: '100', offset: '0' }).reply(200, { data: [] });

    await expect(subscribe()).rejects.toThrow(/Attio still has a webhook for this Zap's URL .*Delete it in Attio/);
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('any other refusal is not healed: no list, no delete', async () => {
    attio().post('/v2/webhooks', POST_BODY).reply(400, attioErrorBody(400, 'validation_type', 'Related object not found'));
    await expect(subscribe()).rejects.toThrow(/Related object not found/);
    expect(calls()).toEqual(['GET /v2/objects/people', 'POST /v2/webhooks']);
  });
});

// Outputs with actors readable (src/zapier/readable.ts): an actor-reference value and an interaction's owner
// get a name and email beside their id, through one cached member list; no request when no member is named.
import type { ZObject } from 'zapier-platform-core';
import { readableRecords } from '../../src/zapier/readable';
import { attributeOutputFields, recordOutputFields } from '../../src/zapier/outputs';
import type { AttioRecord } from '../../src/attio/types';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { attribute, value } from '../fixtures/people_companies';
import { DEAL_ID, MEMBER_ID, PROJECT_ID, record, text } from '../fixtures/records';

const BOB_ID = '6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const members = {
  data: [
    { id: { workspace_id: 'w', workspace_member_id: MEMBER_ID }, first_name: 'Alice', last_name: 'Ng', avatar_url: null, email_address: 'alice@acme.com', access_level: 'admin', created_at: '2025-01-01T00:00:00.000000000Z' },
    { id: { workspace_id: 'w', workspace_member_id: BOB_ID }, first_name: null, last_name: null, avatar_url: null, email_address: 'bob@acme.com', access_level: 'member', created_at: '2025-01-01T00:00:00.000000000Z' },
  ],
};

const member = (id: string) => value('actor-reference', { referenced_actor_type: 'workspace-member', referenced_actor_id: id });
const run = (records: AttioRecord[], object = 'deals') =>
  appTester(async (z: ZObject) => readableRecords(z, records, object), makeBundle()) as Promise<Array<Record<string, unknown>>>;

/** Zapier's view of an output: nested objects become `parent__child` keys. */
function zapierKeys(item: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(item).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? zapierKeys(v as Record<string, unknown>, `${prefix}${k}__`) : [`${prefix}${k}`],
  );
}

describe('zapier/readable: actors named beside their ids', () => {
  it('names members of several records, their owners and interaction owners, with one member list request', async () => {
    attio().get('/v2/workspace_members').once().reply(200, members);
    const deal = record('deals', DEAL_ID, {
      name: [text('Acme renewal')],
      owner: [member(MEMBER_ID)],
      last_interaction: [
        value('interaction', { interaction_type: 'calendar-event', interacted_at: '2025-03-01T09:00:00.000000000Z', owner_actor: { type: 'workspace-member', id: BOB_ID } }),
      ],
      watchers: [member(MEMBER_ID), value('actor-reference', { referenced_actor_type: 'app', referenced_actor_id: 'app-1' })],
    });
    const other = record('deals', PROJECT_ID, { owner: [member(BOB_ID)] });

    const [first, second] = await run([deal, other]);

    expect(first).toMatchObject({
      owner: MEMBER_ID,
      owner_type: 'workspace-member',
      owner_name: 'Alice Ng',
      owner_email: 'alice@acme.com',
      last_interaction: '2025-03-01T09:00:00.000+00:00',
      last_interaction_type: 'calendar-event',
      last_interaction_owner_id: BOB_ID,
      last_interaction_owner_type: 'workspace-member',
      last_interaction_owner_name: 'bob@acme.com',
      last_interaction_owner_email: 'bob@acme.com',
      watchers: [MEMBER_ID, 'app-1'],
      watchers_name: ['Alice Ng', 'an app'],
      watchers_email: ['alice@acme.com', null],
    });
    expect(second).toMatchObject({ owner_name: 'bob@acme.com', owner_email: 'bob@acme.com' });
    expect(sentRequests()).toHaveLength(1);

    // Every key a Zap builder sees is labelled by the object's output fields.
    const labelled = new Set(
      [
        ...recordOutputFields(),
        ...attributeOutputFields([
          attribute('name', 'text'),
          attribute('owner', 'actor-reference'),
          attribute('last_interaction', 'interaction'),
          attribute('watchers', 'actor-reference', { is_multiselect: true }),
        ]),
      ].map((f) => f.key),
    );
    expect(zapierKeys(first as Record<string, unknown>).filter((k) => !labelled.has(k))).toEqual([]);
  });

  it('sends no request when no value names a member (an API token, an app, or no actor at all)', async () => {
    const token = record('deals', DEAL_ID, {
      name: [text('Acme renewal')],
      created_by: [value('actor-reference', { referenced_actor_type: 'api-token', referenced_actor_id: 'tok-1' })],
    });
    const plain = record('deals', PROJECT_ID, { name: [text('Plain')] });
    const [a, b] = await run([token, plain]);
    expect(a).toMatchObject({ created_by: 'tok-1', created_by_type: 'api-token', created_by_name: 'API token', created_by_email: null });
    expect(b).not.toHaveProperty('created_by_name');
    expect(sentRequests()).toHaveLength(0);
  });

  it('a member the list does not know keeps the id in its name, and the output still comes back', async () => {
    attio().get('/v2/workspace_members').reply(200, { data: [] });
    const [deal] = await run([record('deals', DEAL_ID, { owner: [member(BOB_ID)] })]);
    expect(deal).toMatchObject({ owner: BOB_ID, owner_name: `Workspace member ${BOB_ID}`, owner_email: null });
  });

  it('a failed member lookup leaves the names empty instead of failing a step whose write went through', async () => {
    attio().get('/v2/workspace_members').reply(403, { status_code: 403, type: 'auth_error', code: 'forbidden', message: 'Missing scope user_management:read' });
    const [deal] = await run([record('deals', DEAL_ID, { owner: [member(BOB_ID)] })]);
    expect(deal).toMatchObject({ owner: BOB_ID, owner_type: 'workspace-member', owner_name: null, owner_email: null });
  });
});

// Runs throttled at the same instant read the same ledger. With Zapier's cache, whose nx set is atomic
// (stood in for here: the app tester's cache ignores nx), each still claims a slot of its own, so their
// retries are spread over the second instead of stampeding at the reset.
jest.mock('zapier-platform-core/src/tools/create-cache', () => require('../helpers/nx_cache').atomicNxCache());

import type { ZObject } from 'zapier-platform-core';
import { claimSlot, type Slot } from '../../src/attio/pacing';
import { attio, type AttioCall } from '../../src/attio/request';
import { appTester, attio as attioScope, attioErrorBody, makeBundle } from '../helpers/app';
import { useVirtualClock } from '../helpers/clock';
import { nxLog, resetNxLog } from '../helpers/nx_cache';

const time = useVirtualClock();
const NOTE = { parent_object: 'people', parent_record_id: 'bf071e1f-6035-429d-b874-d83ea64ea13b', title: 'Call', format: 'plaintext', content: 'Hello' };
const postNote: AttioCall = { method: 'POST', path: '/notes', body: { data: NOTE }, action: 'create the note' };
const cache = () => appTester as unknown as { zcacheTestObj: Record<string, string> };
const slotKeys = () => Object.keys(cache().zcacheTestObj).filter((k) => /^attio:pacing:write:\d+:\d+$/.test(k));

beforeEach(() => {
  resetNxLog();
  cache().zcacheTestObj = {};
});

describe('pacing: slots claimed atomically', () => {
  it('10 claims from the same ledger snapshot at the same instant get 10 different slots of that second', async () => {
    const from = time.now + 1000;
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647); // a fixed pseudo-random sequence
    const slots = (await appTester(
      (z: ZObject) => Promise.all(Array.from({ length: 10 }, () => claimSlot(z, 'write', {}, from, 0, time.now, random))),
      makeBundle(),
    )) as Slot[];
    const at = slots.map((s) => s.at - from);
    expect(new Set(at).size).toBe(10);
    expect(at.every((t) => t >= 0 && t < 800 && t % 32 === 0)).toBe(true);
    expect(slotKeys()).toHaveLength(10);
    // Refused claims are skipped, never overwritten; picking at random after a refusal keeps them few
    // (trying the slots in order would cost 45 refusals here).
    expect(nxLog.refused.length).toBeLessThan(45);
  });

  it('26 claims at once never share a slot (a second holds 25), and none is before the time asked for', async () => {
    const from = time.now + 1000;
    const slots = (await appTester(
      (z: ZObject) => Promise.all(Array.from({ length: 26 }, () => claimSlot(z, 'write', {}, from, 0, time.now))),
      makeBundle(),
    )) as Array<Slot | null>;
    // MAX_CLAIM_TRIES bounds the cache calls of one booking: a claim that loses too often gives up (null)
    // and its run spreads its retry on its own instead.
    const won = slots.filter((s): s is Slot => s !== null);
    expect(new Set(won.map((s) => s.at)).size).toBe(won.length);
    expect(won.every((s) => s.at >= from)).toBe(true);
  });

  it('10 runs throttled together each retry in a slot of their own (10 slot keys claimed)', async () => {
    const throttle = attioErrorBody(429, 'rate_limit_exceeded', 'Rate limit exceeded', 'rate_limit_error');
    attioScope().post('/v2/notes', { data: NOTE }).times(10).reply(429, throttle, { 'Retry-After': '1' });
    attioScope().post('/v2/notes', { data: NOTE }).times(10).reply(200, { data: {} });
    await Promise.all(Array.from({ length: 10 }, () => appTester(async (z: ZObject) => attio(z, postNote), makeBundle())));
    expect(time.waits).toHaveLength(10);
    expect(slotKeys()).toHaveLength(10);
  });

  it('queues every request a run starts at once behind a backlog, each in a slot of its own (a fan-out of deletes)', async () => {
    const start = Math.floor(time.now / 1000);
    cache().zcacheTestObj['attio:pacing:write'] = JSON.stringify({ [String(start)]: 25, [String(start + 1)]: 3 });
    const ids = ['0f4d1f1e-59c1-4e9c-9f5b-2a0c7f1b8a01', '0f4d1f1e-59c1-4e9c-9f5b-2a0c7f1b8a02', '0f4d1f1e-59c1-4e9c-9f5b-2a0c7f1b8a03'];
    for (const id of ids) attioScope().delete(`/v2/lists/sales/entries/${id}`).reply(200, {});
    await appTester(
      async (z: ZObject) => Promise.all(ids.map((id) => attio(z, { method: 'DELETE', path: `/lists/sales/entries/${id}`, action: 'remove the entry' }))),
      makeBundle(),
    );
    // Only the first used to wait its turn: the other two went into the full second, to meet a 429 each.
    expect(slotKeys().sort()).toEqual([3, 4, 5].map((i) => `attio:pacing:write:${start + 1}:${i}`));
    expect(time.waits).toHaveLength(3);
    expect(time.now).toBeGreaterThanOrEqual((start + 1) * 1000 + 5 * 32);
  });
});


// The demo's seven flows, end to end: the app from src/ run through zapier-platform-core's runner against
// the local Attio sandbox on loopback, Attio's rate limits on. The same flow functions back `npm run demo`
// (on the built app); here each expectation a flow checks must hold. test/setup.ts lets loopback through
// and its contract guard validates every request sent to ATTIO_API_URL against Attio's spec.
import { attioEventsToZap } from '../../scripts/flows/attio_events_to_zap';
import App from '../../src/index';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { attioToZap, connect, dealWon, productToAttio, rateLimits, stripeToAttio, typeformToAttio, type FlowResult } from '../../scripts/flows';

let sandbox: Sandbox;
const apiUrl = process.env.ATTIO_API_URL;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.stop();
  if (apiUrl === undefined) delete process.env.ATTIO_API_URL;
  else process.env.ATTIO_API_URL = apiUrl;
});

/** Every expectation met, and as many as the flow checks (none skipped by an early error). */
function expectMet(result: FlowResult, count: number): void {
  const failed = result.expectations.filter((e) => !e.ok).map((e) => `${e.name}: ${e.detail}`);
  expect(failed).toEqual([]);
  expect(result.expectations).toHaveLength(count);
}

describe('demo flows against the sandbox', () => {
  it('Attio change → Zap: a deal moved to Won starts one run; its write-back, a recompute and an unwatched edit start none', async () => {
    expectMet(await dealWon(connect(App, sandbox)), 7);
  });

  it('Stripe → Attio: two racing deliveries of customer.created give one company and one linked person; two of invoice.paid one deal', async () => {
    expectMet(await stripeToAttio(connect(App, sandbox)), 10);
  });

  it('Typeform → Attio: a form_response gives one person, a note with every answer, and a follow-up task', async () => {
    expectMet(await typeformToAttio(connect(App, sandbox)), 5);
  });

  it('product sign-ups → Attio: users and workspaces linked to people and companies, one project found or created, one comment', async () => {
    expectMet(await productToAttio(connect(App, sandbox)), 6);
  });

  it('Attio → Zap: subscribe, a signed delivery hydrated, forgeries refused, a redelivery dropped, unsubscribe', async () => {
    expectMet(await attioToZap(connect(App, sandbox)), 6);
  });

  it('Attio events → Zaps: a task completed and a note added in Attio each start their Zap once, in words', async () => {
    expectMet(await attioEventsToZap(connect(App, sandbox)), 6);
  });

  it('rate limits: 80 writes from 40 concurrent runs against 25 writes/s, none lost or duplicated', async () => {
    // More runs at once than the ceiling: the first second turns some away however slow the machine is.
    const result = await rateLimits(connect(App, sandbox), { writes: 80, workers: 40 });
    expectMet(result, 4);
    expect(result.stats).toMatchObject({ writes: 80, persisted: 80, lost: 0, duplicated: 0, failures: [], ceiling: 25 });
    expect(result.stats.busiestWindow).toBeLessThanOrEqual(25);
    // The limit was really hit: without 429s this test would prove nothing about backoff.
    expect(result.stats.throttled).toBeGreaterThan(0);
  }, 60_000);
});

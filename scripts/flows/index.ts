// The six demo flows, shared by `npm run demo` (on the built app) and test/e2e (on src/), and reused by
// `npm run bench` (the rate-limit scenario). Each starts from an empty sandbox workspace and its own
// runner (its own z.cache), as a separate Zap would.
import type { Sandbox } from '../../sandbox/server';
import { attioEventsToZap } from './attio_events_to_zap';
import { attioToZap } from './attio_to_zap';
import { dealWon } from './deal_won';
import { productToAttio } from './product_to_attio';
import { connect, type FlowContext, type FlowResult } from './harness';
import { rateLimits, type RateLimitOptions } from './rate_limits';
import { stripeToAttio } from './stripe_to_attio';
import { typeformToAttio } from './typeform_to_attio';

export { attioEventsToZap } from './attio_events_to_zap';
export { attioToZap, TARGET_URL, hookBundle } from './attio_to_zap';
export { dealWon, slackMessage } from './deal_won';
export { allPassed, asItem, asItems, connect, DEMO_TOKEN, errorMessage, findOrCreate, FIND_OR_CREATE_COMPANY, FIND_OR_CREATE_PERSON, FIND_OR_CREATE_RECORD, holdingAppLogs, text } from './harness';
export type { BundleInput, Expectation, FlowContext, FlowResult, Item } from './harness';
export { rateLimits, ZAPIER_RESCHEDULES, type RateLimitOptions, type RateLimitResult, type RateLimitStats } from './rate_limits';
export { productToAttio } from './product_to_attio';
export { stripeToAttio } from './stripe_to_attio';
export { typeformToAttio } from './typeform_to_attio';

export interface FlowOptions {
  rateLimit?: RateLimitOptions;
}

export type Flow = (ctx: FlowContext) => Promise<FlowResult>;

/** The flows in report order. */
export function flows(options: FlowOptions = {}): Flow[] {
  return [stripeToAttio, typeformToAttio, productToAttio, attioToZap, dealWon, attioEventsToZap, (ctx) => rateLimits(ctx, options.rateLimit)];
}

/** Runs every flow, one after the other (they share the sandbox), each on a fresh runner. */
export async function runFlows(app: object, sandbox: Sandbox, options: FlowOptions = {}): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  for (const flow of flows(options)) results.push(await flow(connect(app, sandbox)));
  return results;
}

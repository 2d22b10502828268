// Zapier's own throttle for Attio writes, shared by every write action of a connection. Zapier counts the
// invocations of all actions carrying this very object (same window, limit, scope and no key; no 'action'
// in the scope) per connection, and holds the excess back before it starts: no Lambda waits, no request is
// spent on a full second. It runs only on Zapier (neither the sandbox nor the tests can see it), so the
// request layer's pacing (pacing.ts) stays correct without it; see the README, "Bursts and Attio's limits".
import type { ThrottleObject } from 'zapier-platform-core';

/**
 * At most 25 write-action runs per second per connection: Attio's 25 writes/s, so the throttle alone never
 * slows a connection below what Attio allows (every write action sends at least one write). Actions that
 * send two (a person with its company, Identify User, Group Workspace) can still reach 50/s, and other apps
 * and connections share the workspace's limit: the request layer's pacing handles both. `retry` (the
 * default) has Zapier run a held task again later rather than hold it for the user.
 */
export const WRITE_THROTTLE: ThrottleObject = { window: 1, limit: 25, scope: ['auth'], retry: true };

// Imported first by the demo and the bench, before anything loads zapier-platform-core. Core reads
// NODE_ENV once, at load: under "test" its output checks (a trigger item without an id, a create
// returning a list, …) throw, as they do for `zapier-platform invoke` and in jest, instead of only being
// logged; and it skips the per-run memory line meant for Zapier's own logs.

/** NODE_ENV as the process got it, for child processes that should not inherit ours. */
export const NODE_ENV_BEFORE = process.env.NODE_ENV;

process.env.NODE_ENV = 'test';

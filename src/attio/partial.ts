// Multi-write steps (Create or Update Person with a Company Domain, Identify User, Group Workspace) check
// every input before their first write; when Attio still refuses a later write, the message says what the
// step had already written, so the user knows where Attio stands before fixing and replaying.
import type { ZObject } from 'zapier-platform-core';

/** The message, code and status an AppError (z.errors.Error) carries as JSON in its message. */
function appErrorParts(err: Error): { message: string; code?: string; status?: number } {
  try {
    const parsed = JSON.parse(err.message) as { message?: unknown; code?: unknown; status?: unknown };
    return {
      message: typeof parsed.message === 'string' ? parsed.message : err.message,
      code: typeof parsed.code === 'string' ? parsed.code : undefined,
      status: typeof parsed.status === 'number' ? parsed.status : undefined,
    };
  } catch {
    return { message: err.message };
  }
}

/**
 * A refusal of a step's later write, prefixed with what its earlier writes did (`done`, like "The company
 * acme.com was created or updated, but the person ada@acme.com was not"), Attio's reason, code and status
 * kept. Anything but an AppError (a rate limit, an expired connection, a halt) is returned unchanged:
 * Zapier reruns or stops the whole step.
 */
export function withWritten(z: ZObject, err: unknown, done: string): unknown {
  if (!(err instanceof z.errors.Error)) return err;
  const { message, code, status } = appErrorParts(err);
  return new z.errors.Error(`${done}: ${message}`, code, status);
}

/**
 * Runs the next write of a step whose earlier write (`written`, like "the company acme.com") went through.
 * A refusal becomes "The company acme.com was created or updated, but the person ada@acme.com was not: …"
 * (see withWritten). The earlier write is an assert, the same on a rerun.
 * @param next what this write saves, like "the person ada@acme.com"
 */
export async function afterWritten<T>(z: ZObject, written: string, next: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const done = written.charAt(0).toUpperCase() + written.slice(1);
    throw withWritten(z, err, `${done} was created or updated, but ${next} was not`);
  }
}

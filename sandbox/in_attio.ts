// Writes "in Attio" that no API client can make: a workspace member working in Attio's UI (any Attio route
// run as that member), Attio itself recomputing an attribute (the system actor, possibly a moment later),
// a recorded call, a resolved comment. The control routes (/__sandbox) and the Sandbox handle both use them.
import type { Comments } from './comments';
import type { ControlActions } from './control';
import { matchRoute } from './router';
import type { Meetings } from './meetings';
import type { Exchange, Reply } from './pipeline';
import type { Schema } from './schema';
import type { Store } from './store';
import type { Actor } from './types';
import { commentJson, entryJson, recordJson } from './views';

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export interface InAttio extends ControlActions {
  /** Cancels recomputes still waiting for their delay (stop, reset). */
  cancelPending(): void;
}

/**
 * @param asActor the pipeline for these writes: known route → spec validation → handler (no token, rate
 *   limit, fault or counting: they are not API traffic)
 */
export function inAttio(deps: { schema: Schema; store: Store; meetings: Meetings; comments: Comments }, asActor: (x: Exchange) => Promise<Reply>): InAttio {
  const { schema, store, meetings, comments } = deps;
  const timers = new Set<NodeJS.Timeout>();

  const act: ControlActions['act'] = async (actor, method, pathAndQuery, body) => {
    const url = new URL(pathAndQuery, 'http://127.0.0.1');
    const path = url.pathname.replace(/(.)\/+$/, '$1');
    const raw = body === undefined ? '' : JSON.stringify(body);
    const reply = await asActor({ method, path, url, headers: {}, raw, match: matchRoute(method, path), actor, tokenActive: true });
    return { status: reply.status, body: reply.body };
  };

  const recompute: ControlActions['recompute'] = ({ target, attribute, value, delayMs }) => {
    const run = () => {
      const row = store.recompute(target, attribute, value, SYSTEM_ACTOR);
      return 'list' in row ? entryJson(schema, row) : recordJson(schema, row);
    };
    if (!delayMs) return Promise.resolve().then(run);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          resolve(run());
        } catch (err) {
          reject(err);
        }
      }, delayMs);
      timers.add(timer);
    });
  };

  return {
    act,
    recompute,
    createCallRecording: (input, actor) => {
      const { meeting, recording } = meetings.createCallRecording(input, actor);
      return { meeting: meetings.meetingJson(meeting), call_recording: meetings.recordingJson(recording) };
    },
    finishTranscript: (id, transcript) => meetings.recordingJson(meetings.finishTranscript(id, transcript)),
    resolveComment: (id, resolved, actor) => commentJson(schema, comments.resolveComment(id, resolved, actor)),
    cancelPending: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

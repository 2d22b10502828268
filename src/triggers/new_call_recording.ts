// Instant trigger on Attio's `call-recording.created` webhook (POST /v2/webhooks; the event names the
// meeting and the recording, with nothing to filter on). Each event is hydrated with the recording, its
// meeting and the transcript's first page at once, then any further transcript pages. A transcript Attio
// has not finished is reported in `transcript_status`, not as a failure.
import { defineInputFields, defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type WebhookTriggerPerformSubscribe, type WebhookTriggerPerformUnsubscribe, type ZObject } from 'zapier-platform-core';
import { describeActor } from '../attio/actors';
import { listCallRecordings, listRecentMeetings } from '../attio/endpoints';
import { readCallRecording } from '../attio/meetings';
import type { ActorReference } from '../attio/types';
import { actorFields } from '../values/events';
import { flattenCallRecording } from '../values/meetings';
import { EVERY_EVENT, makeEventHookOperations } from '../zapier/hooks/events';
import { callRecordingOutputFields } from '../zapier/outputs';
import sample from '../samples/new_call_recording.json';

const inputFields = defineInputFields([]);

/** The output for one recording, or null when it is gone: 3 requests at once, plus further transcript pages. */
async function hydrated(z: ZObject, meetingId: string, recordingId: string, actor?: ActorReference) {
  const [read, recordedBy] = await Promise.all([readCallRecording(z, meetingId, recordingId), actor ? describeActor(z, actor) : Promise.resolve(null)]);
  if (!read) return null;
  const by = recordedBy ?? (await describeActor(z, read.recording.created_by_actor));
  return { ...flattenCallRecording(read.recording, read.meeting, read.transcript), ...actorFields('created_by', by) };
}

/** Meetings looked at for the test items: the latest that have started. */
const MEETINGS_SCANNED = 10;

const hook = makeEventHookOperations({
  eventType: 'call-recording.created',
  subscription: async () => EVERY_EVENT,
  hydrate: async (z, event) => {
    const { meeting_id: meetingId, call_recording_id: recordingId } = event.id;
    if (!meetingId || !recordingId) return null;
    return hydrated(z, meetingId, recordingId, event.actor);
  },
  /** The newest recordings of the latest meetings that have started. */
  recent: async (z) => {
    const meetings = await listRecentMeetings(z, { limit: MEETINGS_SCANNED, startsBefore: new Date().toISOString() });
    const recordings = (await Promise.all(meetings.map((m) => listCallRecordings(z, m.id.meeting_id, 3)))).flat();
    const newest = recordings.sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, 3);
    const items = await Promise.all(newest.map((r) => hydrated(z, r.id.meeting_id, r.id.call_recording_id)));
    return items.filter((i): i is NonNullable<typeof i> => i !== null);
  },
});

export const perform = hook.perform satisfies WebhookTriggerPerform<typeof inputFields>;
export const performList = hook.performList satisfies WebhookTriggerPerformList<typeof inputFields>;
export const performSubscribe = hook.performSubscribe satisfies WebhookTriggerPerformSubscribe<typeof inputFields>;
export const performUnsubscribe = hook.performUnsubscribe satisfies WebhookTriggerPerformUnsubscribe<typeof inputFields>;

export default defineTrigger({
  key: 'new_call_recording',
  noun: 'Call Recording',
  display: {
    label: 'New Call Recording',
    // Attio transcribes a recording after adding it, and sends no event once done: "once ready" would promise a later run.
    description: 'Triggers when a call recording is added, with its meeting and the transcript if already transcribed.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample,
    outputFields: callRecordingOutputFields,
  },
});

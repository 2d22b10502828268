// A call recording with its meeting and transcript, read concurrently: what the New Call Recording trigger
// and its test items give. The transcript's first page is asked for with the rest (1 round trip); later
// pages follow its cursor.
import type { ZObject } from 'zapier-platform-core';
import { getCallRecording, getMeeting, getTranscriptPage } from './endpoints';
import type { AttioCallRecording, AttioMeeting, AttioTranscriptPage } from './types';
import type { Transcript } from '../values/meetings';

/** Pages of transcript one run reads at most (Zapier stops a step at 30 s); the text then says it is cut. */
export const MAX_TRANSCRIPT_PAGES = 10;

const NOT_READY = 'not ready yet: Attio is still processing this recording. Open the recording in Attio later for its transcript.';
const FAILED = 'not available: Attio could not process this recording.';
const NONE_YET = 'not ready yet: Attio has no transcript for this recording yet. Open the recording in Attio later for it.';

/** Every page after the first, following the cursor (sequential: each page names the next). */
async function restOf(z: ZObject, meetingId: string, recordingId: string, first: AttioTranscriptPage): Promise<Transcript> {
  const segments = [...first.data.transcript];
  let cursor = first.pagination?.next_cursor ?? null;
  let pages = 1;
  while (cursor && pages < MAX_TRANSCRIPT_PAGES) {
    const page = await getTranscriptPage(z, meetingId, recordingId, cursor);
    if (!page) break;
    segments.push(...page.data.transcript);
    cursor = page.pagination?.next_cursor ?? null;
    pages += 1;
  }
  return { ready: true, segments, web_url: first.data.web_url ?? null, truncated: !!cursor };
}

/** What a transcript page (or its absence) says, given the recording's status. */
async function transcriptOf(z: ZObject, recording: AttioCallRecording, first: AttioTranscriptPage | null): Promise<Transcript> {
  if (recording.status === 'processing') return { ready: false, reason: NOT_READY };
  if (recording.status === 'failed') return { ready: false, reason: FAILED };
  if (!first || first.data.transcript.length === 0) return { ready: false, reason: NONE_YET };
  return restOf(z, recording.id.meeting_id, recording.id.call_recording_id, first);
}

/**
 * The recording, its meeting and its transcript; null when the recording is gone. 3 requests at once,
 * plus one per further transcript page. The transcript's first page is asked for beside the recording, so
 * its answer is read only once the recording's status says a transcript can exist: Attio creates a
 * recording "processing" (when call-recording.created fires), and whatever the transcript read answers then
 * (an error included) must not cost the Zap its run.
 */
export async function readCallRecording(
  z: ZObject,
  meetingId: string,
  recordingId: string,
): Promise<{ recording: AttioCallRecording; meeting: AttioMeeting | null; transcript: Transcript } | null> {
  const [recording, meeting, first] = await Promise.all([
    getCallRecording(z, meetingId, recordingId),
    getMeeting(z, meetingId),
    getTranscriptPage(z, meetingId, recordingId).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (!recording) return null;
  if (recording.status !== 'completed') return { recording, meeting, transcript: await transcriptOf(z, recording, null) };
  if ('error' in first) throw first.error;
  return { recording, meeting, transcript: await transcriptOf(z, recording, first.page) };
}

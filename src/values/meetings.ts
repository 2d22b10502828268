// Attio meetings, call recordings and transcripts → flat values a Zap builder can map: the meeting's title,
// times and participants beside the recording, and the transcript as one text with speakers.
import { isoTimestamp, type FlatRecord } from './read';
import type { AttioCallRecording, AttioMeeting, AttioMeetingTime, AttioTranscriptSegment } from '../attio/types';

/** A transcript as read from Attio: every page's segments, or why there is none. */
export type Transcript =
  | { ready: true; segments: AttioTranscriptSegment[]; web_url: string | null; truncated: boolean }
  | { ready: false; reason: string };

/** A meeting time as one value: the ISO datetime (with its offset), or the date of an all-day meeting. */
function timeOf(t: AttioMeetingTime | undefined): string | null {
  if (!t) return null;
  return 'datetime' in t ? isoTimestamp(t.datetime) : t.date;
}

function timezoneOf(t: AttioMeetingTime | undefined): string | null {
  return t && 'datetime' in t ? t.timezone : null;
}

/** Seconds from the start of the recording → `mm:ss` (or `h:mm:ss` past the hour). */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/**
 * The transcript as one text: one line per turn (consecutive segments of the same speaker joined), each
 * `[mm:ss] Speaker: words`, as Attio's own raw transcript reads.
 */
export function transcriptText(segments: readonly AttioTranscriptSegment[]): string {
  const turns: Array<{ speaker: string; start: number; words: string[] }> = [];
  for (const seg of segments) {
    const speaker = seg.speaker?.name?.trim() || 'Unknown speaker';
    const speech = (seg.speech ?? '').trim();
    if (!speech) continue;
    const last = turns[turns.length - 1];
    if (last && last.speaker === speaker) last.words.push(speech);
    else turns.push({ speaker, start: seg.start_time, words: [speech] });
  }
  return turns.map((t) => `[${clockTime(t.start)}] ${t.speaker}: ${t.words.join(' ')}`).join('\n');
}

/** The speakers of a transcript, in order of first appearance. */
function speakersOf(segments: readonly AttioTranscriptSegment[]): string[] {
  return [...new Set(segments.map((s) => s.speaker?.name?.trim()).filter((n): n is string => !!n))];
}

/**
 * A call recording as Zapier output: `id` is the recording id; the meeting (null fields when it is gone);
 * the transcript with `transcript_ready` saying whether it is there, and `transcript_status` why not.
 */
export function flattenCallRecording(recording: AttioCallRecording, meeting: AttioMeeting | null, transcript: Transcript): FlatRecord {
  const participants = meeting?.participants ?? [];
  const emails = participants.map((p) => p.email_address).filter((e): e is string => !!e);
  const organizer = participants.find((p) => p.is_organizer)?.email_address ?? null;
  const linked = meeting?.linked_records ?? [];
  const segments = transcript.ready ? transcript.segments : [];
  let status: string;
  if (transcript.ready) status = transcript.truncated ? 'ready (truncated: the transcript is longer than one run can read; open it in Attio for the rest)' : 'ready';
  else status = transcript.reason;
  return {
    id: recording.id.call_recording_id,
    call_recording_id: recording.id.call_recording_id,
    meeting_id: recording.id.meeting_id,
    recording_status: recording.status,
    web_url: recording.web_url,
    meeting_title: meeting?.title ?? null,
    meeting_description: meeting?.description ?? null,
    is_all_day: meeting?.is_all_day ?? null,
    start: timeOf(meeting?.start),
    end: timeOf(meeting?.end),
    timezone: timezoneOf(meeting?.start),
    participants: emails,
    organizer_email: organizer,
    linked_record_ids: linked.map((l) => l.record_id),
    linked_objects: linked.map((l) => l.object_slug),
    transcript_ready: transcript.ready,
    transcript_status: status,
    transcript: transcript.ready ? transcriptText(segments) : null,
    speakers: speakersOf(segments),
    transcript_url: transcript.ready ? transcript.web_url : null,
    created_at: isoTimestamp(recording.created_at),
  };
}

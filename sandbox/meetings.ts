// Meetings, call recordings and transcripts (Attio's beta endpoints): GET /v2/meetings[/{id}],
// GET …/call_recordings[/{id}], GET …/transcript. Attio records calls itself; the sandbox creates them
// through its control routes (or `sandbox.createCallRecording()`), which publish `call-recording.created`
// (id: workspace_id, meeting_id, call_recording_id), as Attio does once the recording's media is uploaded.
// A transcript may not be ready then: the recording's `status` is "processing" and the transcript
// endpoint answers an empty `transcript` until `finishTranscript()` makes it "completed".
import { newId } from './clock';
import { invalid, notFound } from './errors';
import type { SandboxEvent } from './rows';
import type { Store } from './store';
import type { Actor, JsonObject, ObjectDef } from './types';

export interface TranscriptLine {
  speaker: string;
  speech: string;
  /** Seconds from the start of the recording. */
  start_time: number;
  end_time: number;
}

export interface CallRecordingInput {
  title?: string;
  description?: string;
  /** ISO 8601; default: an hour ago / now. */
  start?: string;
  end?: string;
  participants?: Array<{ email_address: string | null; is_organizer?: boolean; status?: 'accepted' | 'tentative' | 'declined' | 'pending' }>;
  linked_records?: Array<{ object: string; record_id: string }>;
  /** The transcript when ready; absent or null: still processing. */
  transcript?: Array<{ speaker: string; speech: string; start_time?: number; end_time?: number }> | null;
}

export interface MeetingRow {
  id: string;
  title: string;
  description: string;
  start: string;
  end: string;
  participants: Array<{ email_address: string | null; is_organizer: boolean; status: string }>;
  linked: Array<{ object: ObjectDef; recordId: string }>;
  createdAt: string;
  actor: Actor;
}

export interface CallRecordingRow {
  id: string;
  meetingId: string;
  status: 'processing' | 'completed' | 'failed';
  transcript: TranscriptLine[];
  createdAt: string;
  actor: Actor;
}

const isoOrThrow = (value: string, what: string): string => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`${what} "${value}" is not an ISO 8601 timestamp.`);
  return new Date(ms).toISOString();
};

/** Cursor paging as Attio's meeting endpoints do it: `limit`, an opaque `cursor`, `pagination.next_cursor`. */
function cursorPage<T>(items: T[], limit: unknown, cursor: unknown, defaultLimit: number, maxLimit: number): { page: T[]; next: string | null } {
  const size = limit === undefined ? defaultLimit : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > maxLimit) throw invalid(`limit must be a whole number from 1 to ${maxLimit}.`);
  const start = cursor === undefined ? 0 : Number(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalid('The cursor is not valid.');
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : null;
  return { page, next };
}

export class Meetings {
  readonly meetings = new Map<string, MeetingRow>();
  readonly recordings = new Map<string, CallRecordingRow>();

  constructor(private readonly store: Store) {
    // A deleted record leaves the meetings it was linked to.
    store.onEvent((e) => {
      if (e.event_type !== 'record.deleted') return;
      for (const m of this.meetings.values()) m.linked = m.linked.filter((l) => l.recordId !== e.id.record_id);
    });
  }

  reset(): void {
    this.meetings.clear();
    this.recordings.clear();
  }

  /** A meeting with one call recording on it; publishes call-recording.created. */
  createCallRecording(input: CallRecordingInput, actor: Actor): { meeting: MeetingRow; recording: CallRecordingRow } {
    const now = this.store.clock.now();
    const linked = (input.linked_records ?? []).map((l) => {
      const object = this.store.object(l.object);
      this.store.record(object.id, l.record_id);
      return { object, recordId: l.record_id };
    });
    const createdAt = this.store.clock.timestamp();
    const meeting: MeetingRow = {
      id: newId(),
      title: input.title ?? 'Call',
      description: input.description ?? '',
      start: input.start ? isoOrThrow(input.start, 'start') : new Date(now - 3_600_000).toISOString(),
      end: input.end ? isoOrThrow(input.end, 'end') : new Date(now).toISOString(),
      participants: (input.participants ?? []).map((p) => ({ email_address: p.email_address, is_organizer: p.is_organizer ?? false, status: p.status ?? 'accepted' })),
      linked,
      createdAt,
      actor: { ...actor },
    };
    const recording: CallRecordingRow = { id: newId(), meetingId: meeting.id, status: 'processing', transcript: [], createdAt, actor: { ...actor } };
    this.meetings.set(meeting.id, meeting);
    this.recordings.set(recording.id, recording);
    if (input.transcript) this.finishTranscript(recording.id, input.transcript);
    const event: SandboxEvent = {
      event_type: 'call-recording.created',
      id: { workspace_id: this.store.schema.workspace.id, meeting_id: meeting.id, call_recording_id: recording.id },
      actor: { ...actor },
    };
    this.store.publish([event]);
    return { meeting, recording };
  }

  /** The transcript is ready: the recording becomes "completed" (Attio sends no event for this). */
  finishTranscript(recordingId: string, lines: NonNullable<CallRecordingInput['transcript']>): CallRecordingRow {
    const recording = this.recordings.get(recordingId);
    if (!recording) throw notFound(`Call recording with ID "${recordingId}" not found.`);
    let at = 0;
    recording.transcript = lines.map((l) => {
      const start = l.start_time ?? at;
      const end = l.end_time ?? start + Math.max(1, Math.round(l.speech.split(/\s+/).length / 2.5));
      at = end;
      return { speaker: l.speaker, speech: l.speech, start_time: start, end_time: end };
    });
    recording.status = 'completed';
    return recording;
  }

  meeting(meetingId: string): MeetingRow {
    const m = this.meetings.get(meetingId);
    if (!m) throw notFound(`Meeting with ID "${meetingId}" not found.`);
    return m;
  }

  recording(meetingId: string, recordingId: string): CallRecordingRow {
    const meeting = this.meeting(meetingId);
    const r = this.recordings.get(recordingId);
    if (!r || r.meetingId !== meeting.id) throw notFound(`Call recording with ID "${recordingId}" not found.`);
    return r;
  }

  listMeetings(query: { limit?: string; cursor?: string; linked_object?: string; linked_record_id?: string; sort?: string }): { page: MeetingRow[]; next: string | null } {
    const object = query.linked_object === undefined ? undefined : this.store.object(query.linked_object);
    const links = (m: MeetingRow) => m.linked.some((l) => (!object || l.object === object) && (query.linked_record_id === undefined || l.recordId === query.linked_record_id));
    const unfiltered = !object && query.linked_record_id === undefined;
    const meetings = [...this.meetings.values()].filter((m) => unfiltered || links(m)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    if (query.sort === 'start_desc') meetings.reverse();
    return cursorPage(meetings, query.limit, query.cursor, 50, 200);
  }

  listRecordings(meetingId: string, query: { limit?: string; cursor?: string }): { page: CallRecordingRow[]; next: string | null } {
    const meeting = this.meeting(meetingId);
    return cursorPage([...this.recordings.values()].filter((r) => r.meetingId === meeting.id), query.limit, query.cursor, 50, 200);
  }

  // ---- JSON shapes (spec: components.schemas.meeting, the call-recording and transcript responses)

  meetingJson(m: MeetingRow): JsonObject {
    const workspace_id = this.store.schema.workspace.id;
    return {
      id: { workspace_id, meeting_id: m.id },
      title: m.title,
      description: m.description,
      is_all_day: false,
      start: { datetime: m.start, timezone: 'UTC' },
      end: { datetime: m.end, timezone: 'UTC' },
      participants: m.participants.map((p) => ({ ...p })),
      linked_records: m.linked.map((l) => ({ object_slug: l.object.api_slug, object_id: l.object.id, record_id: l.recordId })),
      created_at: m.createdAt,
      created_by_actor: { ...m.actor },
    };
  }

  private webUrl(r: CallRecordingRow): string {
    return `https://app.attio.com/${this.store.schema.workspace.slug}/calls/${r.meetingId}/${r.id}`;
  }

  recordingJson(r: CallRecordingRow): JsonObject {
    return {
      id: { workspace_id: this.store.schema.workspace.id, meeting_id: r.meetingId, call_recording_id: r.id },
      status: r.status,
      web_url: this.webUrl(r),
      created_by_actor: { ...r.actor },
      created_at: r.createdAt,
    };
  }

  /** The whole transcript in one page (next_cursor null); empty while the recording is processing. */
  transcriptJson(r: CallRecordingRow): JsonObject {
    return {
      id: { workspace_id: this.store.schema.workspace.id, meeting_id: r.meetingId, call_recording_id: r.id },
      transcript: r.transcript.map((l) => ({ speech: l.speech, start_time: l.start_time, end_time: l.end_time, speaker: { name: l.speaker } })),
      raw_transcript: r.transcript.map((l) => `${l.speaker}: ${l.speech}`).join('\n'),
      web_url: this.webUrl(r),
    };
  }
}

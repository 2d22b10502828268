// Attio API v2 shapes: only what this app reads. Source: spec/attio-openapi.json.

export interface AttioErrorBody {
  status_code?: number;
  type?: string;
  code?: string;
  message?: string;
  validation_errors?: Array<{
    code?: string;
    path?: Array<string | number>;
    message?: string;
    expected?: string;
    received?: string;
  }>;
}

export interface Envelope<T> {
  data: T;
}

export interface ActorReference {
  type: 'api-token' | 'workspace-member' | 'system' | 'app' | null;
  id: string | null;
}

/** One value of a record or entry attribute, as Attio returns it (type-specific props vary). */
export interface AttioValue {
  attribute_type: string;
  active_from?: string;
  active_until?: string | null;
  created_by_actor?: ActorReference;
  [prop: string]: unknown;
}

export type AttioValues = Record<string, AttioValue[]>;

export interface AttioRecord {
  id: { workspace_id: string; object_id: string; record_id: string };
  created_at: string;
  web_url: string;
  values: AttioValues;
}

export interface AttioEntry {
  id: { workspace_id: string; list_id: string; entry_id: string };
  parent_record_id: string;
  parent_object: string;
  created_at: string;
  entry_values: AttioValues;
}

export interface AttioObject {
  id: { workspace_id: string; object_id: string };
  api_slug: string | null;
  singular_noun: string | null;
  plural_noun: string | null;
  created_at: string;
}

export interface AttioList {
  id: { workspace_id: string; list_id: string };
  api_slug: string;
  name: string;
  parent_object: string[];
  workspace_access: string | null;
  created_at: string;
}

export type AttioAttributeType =
  | 'text'
  | 'number'
  | 'checkbox'
  | 'currency'
  | 'date'
  | 'timestamp'
  | 'rating'
  | 'status'
  | 'select'
  | 'record-reference'
  | 'actor-reference'
  | 'location'
  | 'domain'
  | 'email-address'
  | 'phone-number'
  | 'interaction'
  | 'personal-name';

export interface AttioAttribute {
  id: { workspace_id: string; object_id?: string; list_id?: string; attribute_id: string };
  title: string;
  description: string | null;
  api_slug: string;
  type: AttioAttributeType;
  is_system_attribute: boolean;
  is_writable: boolean;
  is_required: boolean;
  is_unique: boolean;
  is_multiselect: boolean;
  is_archived: boolean;
  config?: {
    currency?: { default_currency_code: string | null; display_type: string | null };
    record_reference?: { allowed_object_ids: string[] | null };
  };
}

export interface AttioSelectOption {
  id: { option_id: string };
  title: string;
  is_archived: boolean;
}

export interface AttioStatus {
  id: { status_id: string };
  title: string;
  is_archived: boolean;
}

export interface AttioWorkspaceMember {
  id: { workspace_id: string; workspace_member_id: string };
  first_name: string | null;
  last_name: string | null;
  avatar_url: string | null;
  email_address: string;
  access_level: string;
  created_at: string;
}

export interface AttioNote {
  id: { workspace_id: string; note_id: string };
  parent_object: string;
  parent_record_id: string;
  title: string;
  content_plaintext: string;
  content_markdown: string;
  meeting_id?: string | null;
  tags?: Array<NoteMemberTag | NoteRecordTag>;
  created_by_actor: ActorReference;
  created_at: string;
}

/** A workspace member @-tagged in a note. */
export interface NoteMemberTag {
  type: 'workspace-member';
  workspace_member_id: string;
}

/** A record @-tagged in a note. */
export interface NoteRecordTag {
  type: 'record';
  object: string;
  record_id: string;
}

/** A task as Attio's spec defines it: whether it is done (`is_completed`), but no completion time. */
export interface AttioTask {
  id: { workspace_id: string; task_id: string };
  content_plaintext: string;
  deadline_at: string | null;
  is_completed: boolean;
  linked_records: Array<{ target_object_id: string; target_record_id: string }>;
  assignees: Array<{ referenced_actor_type: string; referenced_actor_id: string }>;
  created_by_actor: ActorReference;
  created_at: string;
}

export interface AttioComment {
  id: { workspace_id: string; comment_id: string };
  thread_id: string;
  content_plaintext: string;
  entry: { list_id: string; entry_id: string } | null;
  record: { object_id: string; record_id: string };
  resolved_at: string | null;
  resolved_by: Partial<ActorReference>;
  created_at: string;
  author: ActorReference;
}

/** A comment thread: its comments sorted by `created_at`. */
export interface AttioThread {
  id: { workspace_id: string; thread_id: string };
  comments: AttioComment[];
  created_at: string;
}

export interface AttioWebhookSubscription {
  event_type: string;
  filter: unknown;
}

export interface AttioWebhook {
  id: { workspace_id: string; webhook_id: string };
  target_url: string;
  subscriptions: AttioWebhookSubscription[];
  status: string;
  created_at: string;
  secret?: string;
}

/** A webhook delivery body: Attio sends IDs only, possibly several events per delivery. */
export interface AttioWebhookDelivery {
  webhook_id: string;
  events: AttioWebhookEvent[];
}

export interface AttioWebhookEvent {
  event_type: string;
  id: Record<string, string>;
  parent_object_id?: string;
  parent_record_id?: string;
  actor?: ActorReference;
}

export type AttioSelf =
  | { active: false }
  | {
      active: true;
      scope: string;
      client_id: string;
      token_type: string;
      exp: number | null;
      iat: number;
      sub: string;
      aud: string;
      iss: string;
      authorized_by_workspace_member_id: string | null;
      workspace_id: string;
      workspace_name: string;
      workspace_slug: string;
      workspace_logo_url: string | null;
    };

/** A thread of comments on a record or list entry (GET /v2/threads), oldest comment first. */
export interface AttioThread {
  id: { workspace_id: string; thread_id: string };
  comments: AttioComment[];
  created_at: string;
}

/** A meeting's start or end: a datetime with its IANA timezone, or a date for all-day meetings. */
export type AttioMeetingTime = { datetime: string; timezone: string | null } | { date: string };

export interface AttioMeeting {
  id: { workspace_id: string; meeting_id: string };
  title: string;
  description: string;
  is_all_day: boolean;
  start: AttioMeetingTime;
  end: AttioMeetingTime;
  participants: Array<{ status: string; is_organizer: boolean; email_address: string | null }>;
  linked_records: Array<{ object_slug: string; object_id: string; record_id: string }>;
  created_at: string;
  created_by_actor: ActorReference;
}

export interface AttioCallRecording {
  id: { workspace_id: string; meeting_id: string; call_recording_id: string };
  /** `processing` until the recording (and its transcript) is ready, then `completed`, or `failed`. */
  status: 'processing' | 'completed' | 'failed';
  web_url: string;
  created_by_actor: ActorReference;
  created_at: string;
}

export interface AttioTranscriptSegment {
  speech: string;
  start_time: number;
  end_time: number;
  speaker: { name: string };
}

/** One page of a call recording's transcript (segments are paginated with a cursor). */
export interface AttioTranscriptPage {
  data: {
    id: { workspace_id: string; meeting_id: string; call_recording_id: string };
    transcript: AttioTranscriptSegment[];
    raw_transcript: string;
    web_url: string;
  };
  pagination: { next_cursor: string | null };
}

/** What comment events carry beside their ids: where the comment is (entry ids are null on a record). */
export interface AttioCommentEventFields {
  thread_id?: string;
  object_id?: string;
  record_id?: string;
  list_id?: string | null;
  entry_id?: string | null;
}

/** Where a comment goes: a record, or a list entry. */
export type CommentTarget = { record: { object: string; record_id: string } } | { entry: { list: string; entry_id: string } };

// Checks for plain Zapier inputs (mapped or not, lists, record ids, dates, yes/no), run before any request
// so a bad value costs nothing and the error names the field the user sees. Used by every operation and
// by src/values/write.ts, which formats attribute values (values__<slug>) per Attio type on top of these.
import { errors } from 'zapier-platform-core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an Attio id (a UUID). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The one error for input the user can fix (code `invalid_input`, status 400): Zapier shows the message,
 * which names the field and says what to do. Thrown before any request.
 */
export function inputError(message: string): Error {
  return new errors.Error(message, 'invalid_input', 400);
}

/** The error for a bad value: `<Field label> "<value>" <what is wrong and what to do>`. */
export function invalidInput(label: string, raw: unknown, what: string): Error {
  return inputError(`${label} "${String(raw)}" ${what}`);
}

const invalid = invalidInput;

/** Zapier list fields give arrays; anything else is one value. Empty strings and nulls are "not mapped". */
export function asList(raw: unknown): unknown[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''));
}

/** True when the user mapped something (Zapier may keep '' or [] when cleanInputData is off). */
export function isMapped(raw: unknown): boolean {
  return asList(raw).length > 0;
}

/** A Zapier boolean input switched on: it may arrive as a boolean or as text ("true", "yes"). Never throws. */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', 'yes', '1', 'on'].includes(value.trim().toLowerCase()));
}

/**
 * An Attio record id (a UUID), trimmed and lower-cased.
 * @throws z.errors.Error naming the field when it is not one (a name or an email mapped by mistake)
 */
export function recordIdInput(raw: unknown, label: string): string {
  const id = String(raw).trim().toLowerCase();
  if (!UUID.test(id)) {
    throw invalid(label, raw, 'is not an Attio record ID. Pick the record from the dropdown, or map the ID output by an earlier Attio step (like 891dcbfc-9141-415d-9b2a-2238a6cc012d).');
  }
  return id;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time, or undefined. Strict on purpose:
 * Date.parse reads "12" as December 2001 and "2025-02-30" as 2 March, which would write a wrong date.
 * A time without an offset is UTC, as Attio takes it.
 */
export function parseIsoDateTime(raw: string): number | undefined {
  const m = ISO_8601.exec(raw.trim());
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? undefined : Number(v),
  ) as number[];
  const calendar = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
  const real =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === (month as number) - 1 && calendar.getUTCDate() === day;
  if (!real || (hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return undefined;
  const zone = m[7] ?? 'Z';
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A date and time as ISO 8601 UTC, which Attio accepts everywhere. Zapier hands datetime fields over as
 * ISO 8601 text; only that is accepted (a date alone means midnight UTC).
 * @throws z.errors.Error naming the field when it is not a date
 */
export function datetimeInput(raw: unknown, label: string): string {
  const t = parseIsoDateTime(String(raw));
  if (t === undefined) throw invalid(label, raw, 'is not a date. Map a date and time like 2025-01-15T10:30:00Z.');
  return new Date(t).toISOString();
}

/**
 * Zapier's boolean fields arrive as booleans, or as text when mapped from another app.
 * @throws z.errors.Error naming the field for anything that is not a yes or a no
 */
export function booleanInput(raw: unknown, label: string, fallback?: boolean): boolean {
  if ((raw === undefined || raw === null || raw === '') && fallback !== undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (['true', 'yes', '1', 'on', 'checked'].includes(s)) return true;
  if (['false', 'no', '0', 'off', 'unchecked'].includes(s)) return false;
  throw invalid(label, raw, 'is not true or false. Choose yes or no, or map true/false.');
}

/**
 * A list field's values. Zapier gives an array, but one mapped text ("a@x.com, b@y.com") arrives as a
 * single item, so items are also split on commas and semicolons. Blank items are dropped.
 */
export function listInput(raw: unknown): string[] {
  return asList(raw)
    .flatMap((v) => String(v).split(/[,;]/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A dropdown choice usable while the editor loads fields or dropdowns: undefined when empty, or when it is
 * mapped from an earlier step (then it is still an unresolved {{…}} at that point).
 */
export function chosenValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !value.includes('{{') ? value.trim() : undefined;
}

/** How an update treats attributes that hold several values: add to them (PATCH) or replace them (PUT). */
export const MULTISELECT_MODES = { append: 'Add to the existing values', replace: 'Replace the existing values' } as const;
export type MultiselectMode = keyof typeof MULTISELECT_MODES;

/**
 * The multiselect mode, any case; empty (cleared, or mapped from a step that gave nothing) is append.
 * Only the two modes themselves are accepted, never an inherited key like "constructor".
 * @throws z.errors.Error naming the field for anything else
 */
export function multiselectModeInput(raw: unknown, label: string): MultiselectMode {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'append';
  const mode = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!Object.hasOwn(MULTISELECT_MODES, mode)) throw invalid(label, raw, 'is not a mode. Choose append or replace.');
  return mode as MultiselectMode;
}

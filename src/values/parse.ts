// Checks for plain Zapier inputs (mapped or not, lists, record ids, dates, yes/no), run before any request
// so a bad value costs nothing and the error names the field the user sees. Used by every operation and
// by src/values/write.ts, which formats attribute values (values__<slug>) per Attio type on top of these.
import { errors } from 'zapier-platform-core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an Attio id (a UUID). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A value as a message shows it: text as it is, lists and groups of fields as JSON (never "[object Object]"). */
export function shown(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'object' && raw !== null) {
    let json: string;
    try {
      json = JSON.stringify(raw);
    } catch {
      json = Array.isArray(raw) ? 'a list' : 'a group of fields';
    }
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  }
  return String(raw);
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
  return inputError(`${label} "${shown(raw)}" ${what}`);
}

/**
 * The one value of a field that takes one. Zapier hands a list when line items are mapped: a list of one
 * is its item, a longer one is refused (keeping the first would silently drop the rest), and so is a group
 * of fields (an object), which has no single value. Undefined when nothing is mapped.
 * @throws z.errors.Error naming the field
 */
export function singleInput(raw: unknown, label: string): string | number | boolean | bigint | undefined {
  const list = asList(raw);
  if (list.length > 1) {
    throw invalidInput(label, raw, `holds ${list.length} values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).`);
  }
  const value = list[0];
  if (value === undefined) return undefined;
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol') {
    throw invalidInput(label, raw, 'is a group of fields, not one value. Map one field of it.');
  }
  return value as string | number | boolean | bigint;
}

/**
 * A free-text field (a title, content, a description, a text attribute): text as given, a number in its
 * plain form (42, 99.5), a yes/no as "true" or "false". Undefined when nothing is mapped.
 * @throws z.errors.Error naming the field for several values, a group of fields, or a number that is not finite
 */
export function textInput(raw: unknown, label: string): string | undefined {
  const value = singleInput(raw, label);
  if (typeof value === 'number' && !Number.isFinite(value)) throw invalidInput(label, raw, 'is not a number or text. Map text.');
  return value === undefined ? undefined : String(value);
}

/**
 * A name or an identifier (a first name, a user id, a workspace id): text or a number, trimmed. A yes/no
 * is refused: true is nobody's name or id, so it is a mapping mistake. Undefined when nothing is mapped.
 * @throws z.errors.Error naming the field
 */
export function identifierInput(raw: unknown, label: string): string | undefined {
  const value = singleInput(raw, label);
  if (typeof value === 'boolean') throw invalidInput(label, raw, 'is a yes/no value, not text. Map the field that holds it.');
  if (typeof value === 'number' && !Number.isFinite(value)) throw invalidInput(label, raw, 'is not a valid value. Map text or a whole number.');
  const text = value === undefined ? '' : String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * The api slug or id of an object or list, as a request path segment: trimmed text. `.` and `..` are
 * refused (URL resolution would turn them into another path), as are control characters.
 * @throws z.errors.Error naming the field, also when it is empty
 */
export function slugInput(raw: unknown, label: string, noun: 'object' | 'list'): string {
  const slug = identifierInput(raw, label);
  if (slug === undefined) throw invalidInput(label, raw ?? '', `is empty. Choose the ${noun} from the dropdown.`);
  // eslint-disable-next-line no-control-regex
  if (/^\.+$/.test(slug) || /[\u0000-\u001f\u007f]/.test(slug)) {
    throw invalidInput(label, raw, `is not an Attio ${noun}. Choose the ${noun} from the dropdown, or map its API slug or ID.`);
  }
  return slug;
}

/**
 * One of a dropdown's choices, by its value or its label, ignoring case. Only the choices' own keys count
 * (`constructor`, `__proto__` and `toString` are no choice). Empty means `fallback`.
 * @param choices value → label, as the field's `choices`
 * @throws z.errors.Error naming the field and listing the choices
 */
export function choiceInput<K extends string>(raw: unknown, label: string, choices: Readonly<Record<K, string>>, fallback: NoInfer<K>): K {
  const value = singleInput(raw, label);
  const text = value === undefined ? '' : String(value).trim();
  if (text === '') return fallback;
  const byName = new Map<string, K>();
  for (const [key, title] of Object.entries(choices) as Array<[K, string]>) {
    byName.set(key.toLowerCase(), key);
    byName.set(title.toLowerCase(), key);
  }
  const found = typeof value === 'string' ? byName.get(text.toLowerCase()) : undefined;
  if (found !== undefined) return found;
  const valid = (Object.entries(choices) as Array<[K, string]>).map(([key, title]) => `${key} (${title})`).join(', ');
  throw invalidInput(label, raw, `is not one of the choices. Choose one of: ${valid}.`);
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
  const id = (identifierInput(raw, label) ?? '').toLowerCase();
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
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999, so 0099-01-01 would fail the check below.
  const calendar = new Date(0);
  calendar.setUTCFullYear(year as number, (month as number) - 1, day as number);
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
  const t = parseIsoDateTime(String(singleInput(raw, label) ?? ''));
  if (t === undefined) throw invalid(label, raw, 'is not a date. Map a date and time like 2025-01-15T10:30:00Z.');
  return new Date(t).toISOString();
}

/**
 * Zapier's boolean fields arrive as booleans, or as text when mapped from another app.
 * @throws z.errors.Error naming the field for anything that is not a yes or a no
 */
export function booleanInput(raw: unknown, label: string, fallback?: boolean): boolean {
  const value = singleInput(raw, label);
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const s = String(value ?? '').trim().toLowerCase();
  if (['true', 'yes', '1', 'on', 'checked'].includes(s)) return true;
  if (['false', 'no', '0', 'off', 'unchecked'].includes(s)) return false;
  throw invalid(label, raw, 'is not true or false. Choose yes or no, or map true/false.');
}

/** What separates the items of one mapped text: commas, semicolons, line breaks. */
const SEPARATOR = /[,;\r\n]/;

/**
 * The items of one mapped text, as an address list is written: split on commas, semicolons and line
 * breaks, but not inside a double-quoted string (`"Lovelace, Ada" <ada@example.com>`, where a backslash
 * escapes the next character) nor inside <…>. A quote or < that is never closed was no quoting: that text
 * is split on every separator. Items are not trimmed.
 */
export function splitItems(text: string): string[] {
  const items: string[] = [];
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (angle) {
      if (c === '>') angle = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (SEPARATOR.test(c)) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted || angle) return text.split(SEPARATOR);
  items.push(text.slice(start));
  return items;
}

/**
 * A list field's values (addresses, domains, phone numbers, ids, slugs). Zapier gives an array, but one
 * mapped text ("a@x.com, b@y.com") arrives as a single item, so items are also split (see splitItems: a
 * quoted display name with a comma in it stays one address). Blank items are dropped.
 */
export function listInput(raw: unknown, label = 'This field'): string[] {
  return asList(raw)
    .flatMap((v) => {
      if (typeof v === 'object') throw invalidInput(label, v, 'is a group of fields, not a value. Map one field of it for each item.');
      return splitItems(String(v));
    })
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
  return choiceInput(raw, label, MULTISELECT_MODES, 'append');
}

/**
 * A key/value field (`dict: true`): its rows as [key, value] pairs, keys trimmed, in the order given. Rows
 * with an empty value are left out (not mapped, like an empty field); a value without a key is refused, as
 * is anything that is not a set of rows (text, a list). Values are kept as given, for the caller to read.
 * @throws z.errors.Error naming the field
 */
export function keyedInput(raw: unknown, label: string): Array<[string, unknown]> {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidInput(label, raw, 'is not a set of keys and values. Add one row per value, with the key on the left and the value on the right.');
  }
  const rows: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isMapped(value)) continue;
    if (key.trim() === '') throw invalidInput(label, raw, `has a value ("${shown(value)}") without a key. Give every value its key.`);
    rows.push([key.trim(), value]);
  }
  return rows;
}

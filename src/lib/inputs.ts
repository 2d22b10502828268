// Checks for the plain inputs of notes, tasks and list entries (record ids, dates, yes/no, lists), run
// before any request so a bad value costs nothing and the error names the field the user sees.
// Attribute values (values__<slug>) are formatted by src/lib/values.ts instead.
import { errors } from 'zapier-platform-core';
import { asList } from './values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(label: string, raw: unknown, what: string): Error {
  return new errors.Error(`${label} "${String(raw)}" ${what}`, 'invalid_input', 400);
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

/**
 * A date and time as ISO 8601 UTC, which Attio accepts everywhere. Zapier hands datetime fields over as
 * ISO text already; anything Date can read is accepted, and an offset-less time is taken as UTC, as Attio does.
 * @throws z.errors.Error naming the field when it is not a date
 */
export function datetimeInput(raw: unknown, label: string): string {
  const s = String(raw).trim();
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s}Z` : s;
  const t = Date.parse(withZone);
  if (s === '' || Number.isNaN(t)) throw invalid(label, raw, 'is not a date. Map a date and time like 2025-01-15T10:30:00Z.');
  return new Date(t).toISOString();
}

/**
 * Zapier's boolean fields arrive as booleans, or as text when mapped from another app.
 * @throws z.errors.Error naming the field for anything that is not a yes or a no
 */
export function booleanInput(raw: unknown, label: string, fallback: boolean): boolean {
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(s)) return true;
  if (['false', 'no', '0', 'off'].includes(s)) return false;
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

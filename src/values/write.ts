// Zapier input → Attio `values`, per attribute type. Pure (no requests): the one place that knows how
// each type is written (spec components.schemas["input-value"] and Attio's attribute-type docs).
// The reverse direction (record → flat output) is src/values/read.ts; search filters are src/values/filters.ts.
import type { AttioAttributeType } from '../attio/types';
import { asList, booleanInput, datetimeInput, identifierInput, invalidInput as invalid, isUuid, listInput, parseIsoDateTime } from './parse';
import { normalizeDomain, normalizeEmail } from './normalize';

/** What formatting needs to know about an attribute (cached by src/zapier/fields/dynamic.ts). */
export interface AttributeMeta {
  /** Attio's attribute id: error messages name attributes by id (a uniqueness conflict). */
  id?: string;
  slug: string;
  title: string;
  type: AttioAttributeType;
  multiselect: boolean;
  /** Attio refuses a second record with the same value: usable as a matching attribute. */
  unique?: boolean;
  /** select options / statuses (not archived); undefined until fetched. */
  options?: Array<{ id: string; title: string }>;
  /** record-reference: the object ids it may point at. */
  allowedObjectIds?: string[];
  /** currency: the ISO 4217 code the attribute holds amounts in (undefined or null when not known). */
  currency?: string | null;
}

/** Context a value may need beyond the attribute itself. */
export interface FormatOptions {
  /** ISO 3166-1 alpha-2 country (like GB) for phone numbers written without a leading +. */
  phoneCountry?: string;
  /** Keep a domain's subdomains (`eu.acme.com`) instead of reducing it to the registrable domain. */
  keepSubdomains?: boolean;
}

/** One Attio write value (the spec types each as an object; location is written as a string Attio parses). */
export type AttioWriteValue = Record<string, unknown> | string;

function text(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

/**
 * A personal name, as Attio's docs require it: first, last and full name together.
 * Text with a comma reads "Last, First" (Attio's own string format); otherwise the last word is the
 * last name ("Ada King Lovelace" → Ada King / Lovelace), which is what most form "Name" fields hold.
 */
/**
 * What a mapped field says when its attribute is no longer writable in Attio (archived or deleted since the
 * step's fields loaded): found before a write (src/zapier/fields/dynamic.ts) or refused by Attio (src/attio/errors.ts).
 * @param label the field the value came from, when known (Attio's refusal names the slug only)
 */
export function noLongerWritable(slug: string, label?: string): string {
  // The label names what the user filled in (a typed field, or an Attribute Values row), which the slug may not.
  const field = label && label !== slug ? `"${label}" (${slug})` : `"${slug}"`;
  return `The field ${field} is no longer a writable attribute in Attio (it may have been archived or deleted). Refresh the fields of this step and remap it${label && label !== slug ? ', or remove it' : ''}.`;
}

export function personalName(first: string | undefined, last: string | undefined): Record<string, string> {
  const f = (first ?? '').trim();
  const l = (last ?? '').trim();
  return { first_name: f, last_name: l, full_name: [f, l].filter(Boolean).join(' ') };
}

export function parsePersonalName(raw: string): Record<string, string> {
  const s = raw.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma >= 0) return personalName(s.slice(comma + 1), s.slice(0, comma));
  const space = s.lastIndexOf(' ');
  return space < 0 ? personalName(s, '') : personalName(s.slice(0, space), s.slice(space + 1));
}

/** A personal name from text (see parsePersonalName), refused when it holds no name at all (","). */
function nameValue(raw: unknown, label: string): Record<string, string> {
  const name = parsePersonalName(identifierInput(raw, label) ?? '');
  if (name.full_name === '') throw invalid(label, raw, 'is not a name. Map a name like Ada Lovelace or "Lovelace, Ada".');
  return name;
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** A decimal with an exponent ("1.5e3", "2E+6"): a number, never an amount with marks or grouping. */
const SCIENTIFIC = /^[-+]?(\d+\.?\d*|\.\d+)e[-+]?\d+$/i;

/**
 * Numbers, or text like "87", "-3.5" and "1,234.5" (commas only as thousands separators: "1,5" is ambiguous).
 * NaN for anything else, including hex and "Infinity", which Number() would take.
 */
function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  let s = text(raw).replace(/\s/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  return DECIMAL.test(s) ? Number(s) : NaN;
}

function parseNumber(raw: unknown, label: string): number {
  const n = toNumber(raw);
  if (!Number.isFinite(n)) throw invalid(label, raw, 'is not a number. Map a number like 42 or 99.5.');
  return n;
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD', 'ARS', 'CLP', 'COP', 'UYU', 'JMD', 'TTD', 'BSD', 'BBD', 'BZD', 'BMD', 'KYD', 'FJD', 'LRD', 'NAD', 'SBD', 'SRD', 'GYD', 'XCD'];

/** Currency symbols → the ISO 4217 codes each may stand for ("$" is many dollars, "US$" one). */
const SYMBOLS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['$', DOLLARS],
  ['US$', ['USD']],
  ['C$', ['CAD']],
  ['CA$', ['CAD']],
  ['A$', ['AUD']],
  ['AU$', ['AUD']],
  ['NZ$', ['NZD']],
  ['HK$', ['HKD']],
  ['S$', ['SGD']],
  ['MX$', ['MXN']],
  ['NT$', ['TWD']],
  ['R$', ['BRL']],
  ['€', ['EUR']],
  ['£', ['GBP', 'GIP', 'FKP', 'SHP']],
  ['¥', ['JPY', 'CNY']],
  ['₹', ['INR']],
  ['₩', ['KRW']],
  ['₽', ['RUB']],
  ['₺', ['TRY']],
  ['₪', ['ILS']],
  ['₫', ['VND']],
  ['₱', ['PHP']],
  ['฿', ['THB']],
]);

const MARK = '[A-Za-z]{3}|[A-Za-z]{1,2}\\$|[$€£¥₹₩₽₺₪₫₱฿]';
const AMOUNT_WITH_MARKS = new RegExp(`^([-+]?)\\s*(${MARK})?\\s*([-+]?)\\s*([\\d.,\\s]*\\d[\\d.,]*)\\s*(${MARK})?$`);

/** The currencies a mark (a symbol or an ISO code) may stand for. */
function currenciesOf(mark: string): readonly string[] {
  return SYMBOLS.get(mark.toUpperCase()) ?? SYMBOLS.get(mark) ?? [mark.toUpperCase()];
}

/**
 * An amount: a number, or text with a currency symbol or ISO code before or after it ("$1,250.50", "-€5",
 * "12 £", "EUR 1,000", "100 USD"). The currency itself comes from the attribute's configuration in Attio,
 * so a symbol or code that contradicts it ("€1,000" for a USD attribute) is refused, naming both: writing
 * 1000 USD for 1000 EUR would be a silent conversion at the rate 1.
 */
function currencyAmount(meta: AttributeMeta, raw: unknown, label: string): number {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (SCIENTIFIC.test(text(raw))) n = toNumber(raw); // "1.5E+3", as spreadsheets export amounts: no marks, no grouping
  else {
    const m = AMOUNT_WITH_MARKS.exec(text(raw));
    const sign = m && (m[1] || m[3]) ? `${m[1] || m[3]}` : '';
    n = m && !(m[1] && m[3]) ? toNumber(`${sign}${m[4]}`) : NaN;
    // "€1.000" or "2.500 €": dots grouping thousands, as much of Europe writes amounts, or three decimals?
    // Guessing would write 1 for 1000 (or the reverse): refuse, as "1,5" is refused.
    if (m && /^\d{1,3}(\.\d{3})+$/.test(m[4]?.replace(/\s/g, '') ?? '')) {
      throw invalid(label, raw, `is ambiguous: "${m[4]}" may be a whole amount with dots between the thousands, or a decimal. Map it without thousands separators (like 1000 or 2.5), or with commas (1,000.00).`);
    }
    const marks = m ? [m[2], m[5]].filter((x): x is string => !!x) : [];
    const expected = meta.currency?.toUpperCase();
    for (const mark of marks) {
      const codes = currenciesOf(mark);
      if (expected && !codes.includes(expected)) {
        throw invalid(
          label,
          raw,
          `is in ${codes.length === 1 ? codes[0] : `"${mark}" (${codes.slice(0, 3).join(', ')}…)`}, but ${meta.title} holds amounts in ${expected}. Map an amount in ${expected} (convert it first, with a Formatter step for example), or without a currency symbol.`,
        );
      }
    }
    if (marks.length === 2 && currenciesOf(marks[0] as string).every((c) => !currenciesOf(marks[1] as string).includes(c))) n = NaN;
  }
  if (!Number.isFinite(n)) throw invalid(label, raw, 'is not an amount. Map a number like 1250.5 or $1,250.50.');
  // Attio keeps 4 decimal places, so more are rounded to 4 here rather than refused.
  return Number(n.toFixed(4));
}

/** ISO 3166-1 alpha-2, plus XK (Kosovo, which has its own numbering plan): what Phone Country may be. */
const COUNTRIES: ReadonlySet<string> = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG ' +
    'NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH ' +
    'TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW').split(' '),
);

/** True for a two-letter country code a phone number can belong to (GB, us). */
export function isCountryCode(code: string): boolean {
  return COUNTRIES.has(code.trim().toUpperCase());
}

/** Separators people write in phone numbers; anything else but digits and a leading + is no phone number. */
const PHONE_SEPARATORS = /[\s().\-/]/g;

/** The text of a phone number (text, or a number of digits), or undefined when it holds nothing dialable. */
function phoneText(raw: unknown, label: string): string {
  return identifierInput(raw, label) ?? '';
}

/**
 * The text of an international number (a leading + or 00, which becomes +), or undefined. Possible
 * numbers only: E.164 allows at most 15 digits, no country code starts with 0, and the shortest numbers
 * in use have 7 digits with the country code.
 */
export function internationalPhone(raw: unknown): string | undefined {
  const s = (typeof raw === 'string' ? raw.trim() : String(raw)).replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(s.replace(PHONE_SEPARATORS, '')) ? s : undefined;
}

/**
 * A phone number: international (a leading + or 00 carries the country), or national with
 * options.phoneCountry, which Attio reads as a number of that country.
 * @throws z.errors.Error naming the field for what cannot be a phone number (letters, too few or too many
 *   digits), a number without a country, or a Phone Country that is no country
 */
export function phoneValue(raw: unknown, label: string, options: FormatOptions = {}): Record<string, unknown> {
  const s = phoneText(raw, label);
  const international = internationalPhone(s);
  if (international !== undefined) return { original_phone_number: international };
  const digits = s.replace(PHONE_SEPARATORS, '');
  if (/^(\+|00)/.test(digits) || !/^\d{4,15}$/.test(digits)) {
    throw invalid(label, raw, 'cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.');
  }
  const country = options.phoneCountry?.trim() ?? '';
  if (country === '') {
    throw invalid(label, raw, 'has no country code. Write it in international format (like +44 20 7946 0958), or fill in Phone Country (like GB) for numbers mapped without one.');
  }
  if (!isCountryCode(country)) {
    throw invalid(label, raw, `has no country code, and Phone Country "${country}" is not a country. Set Phone Country to a two-letter country code like GB or US, or write the number with its country code (like +44 20 7946 0958).`);
  }
  return { original_phone_number: s, country_code: country.toUpperCase() };
}

/** Unix time in seconds (9–10 digits) or milliseconds (12–13 digits), number or text, as milliseconds; else undefined. */
function epochMillis(raw: unknown): number | undefined {
  const s = text(raw);
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  return /^\d{12,13}$/.test(s) ? Number(s) : undefined;
}

/**
 * A date attribute keeps the calendar day the user sees: Zapier's datetime `2025-01-15T00:00:00-06:00` is
 * the 15th. A Unix time has no zone of its own, so it gives the UTC day.
 */
function dateValue(raw: unknown, label: string): string {
  const s = text(raw);
  // Attio also takes a year or a year and month alone.
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(s)) return s;
  const epoch = epochMillis(raw);
  if (epoch !== undefined) return new Date(epoch).toISOString().slice(0, 10);
  if (parseIsoDateTime(s) === undefined) throw invalid(label, raw, 'is not a date. Map a date like 2025-01-15.');
  return s.slice(0, 10);
}

/** ISO 8601 (see datetimeInput) or a Unix time → ISO 8601 UTC. */
function timestampValue(raw: unknown, label: string): string {
  const epoch = epochMillis(raw);
  return epoch === undefined ? datetimeInput(raw, label) : new Date(epoch).toISOString();
}

/** The comma-separated pieces of a text, trimmed, blanks dropped. */
function commaPieces(text: string): string[] {
  return text.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** A title compared ignoring case and the spaces around its commas ("Sales,EMEA" is "sales, emea"). */
function titleKey(title: string): string {
  return commaPieces(title).join(',').toLowerCase();
}

/**
 * Matches an option by id, exact title, then title ignoring case (and the spaces around commas); undefined
 * when unknown. The one option match of writes and searches, so both read a value alike.
 */
export function matchOption(meta: AttributeMeta, raw: unknown): string | undefined {
  const s = text(raw);
  const options = meta.options ?? [];
  const byId = options.find((o) => o.id === s);
  if (byId) return byId.id;
  const found =
    options.find((o) => o.title === s) ??
    options.find((o) => o.title.toLowerCase() === s.toLowerCase()) ??
    (s.includes(',') ? options.find((o) => titleKey(o.title) === titleKey(s)) : undefined);
  return found?.title;
}

/** The mapped values that match no known option (empty when options were never fetched). */
export function unknownOptions(meta: AttributeMeta, raw: unknown): string[] {
  if ((meta.type !== 'select' && meta.type !== 'status') || !meta.options) return [];
  return (meta.multiselect ? optionItems(meta, raw) : asList(raw))
    .filter((v) => matchOption(meta, v) === undefined)
    .map(text);
}

function optionValue(meta: AttributeMeta, raw: unknown, label: string): string {
  if (!meta.options) return text(raw); // not fetched: let Attio match the title or id
  const match = matchOption(meta, raw);
  if (match !== undefined) return match;
  const valid = meta.options.map((o) => `"${o.title}"`).join(', ');
  throw invalid(label, raw, `is not an option of this field in Attio. Valid options: ${valid || '(none)'}.`);
}

/**
 * A record page in Attio: app.attio.com/<workspace>/<object noun>/<record id>[/tab], the `web_url` the API
 * gives, or the browser's app.attio.com/<workspace>/<object>/record/<record id>[/tab].
 */
const RECORD_PAGE = /^https?:\/\/app\.attio\.com\/[^/?#\s]+\/([^/?#\s]+)\/(?:record\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]\S*)?$/i;
/** Any page of Attio's web app: never a company's domain. */
const ATTIO_APP = /^(?:https?:\/\/)?app\.attio\.com(?:[/?#]|$)/i;
/** The nouns of the standard objects' record pages → their api slugs. */
const PAGE_OBJECTS: ReadonlyMap<string, string> = new Map([
  ['person', 'people'],
  ['company', 'companies'],
  ['deal', 'deals'],
  ['user', 'users'],
  ['workspace', 'workspaces'],
]);
/** The standard object a record page names: by its noun (…/person/<id>) or, in the browser, its slug (…/deals/record/<id>). */
function pageObject(segment: string): string | undefined {
  const name = segment.toLowerCase();
  return PAGE_OBJECTS.get(name) ?? ([...PAGE_OBJECTS.values()].includes(name) ? name : undefined);
}

/**
 * A record reference given by id: `object:record_id`, or a bare record id when the attribute points at
 * one object, or the URL of the record's page in Attio. Undefined for other text (an email address or a domain).
 * @throws z.errors.Error naming the field for a bare id where the attribute may point at several objects
 */
export function referenceById(
  meta: AttributeMeta,
  raw: unknown,
  label: string,
): { target_object: string; target_record_id: string } | undefined {
  let s = text(raw);
  // A record's page in Attio (the Web URL every step outputs) names the record: read as a domain it would
  // link the company attio.com. Standard objects are named by their page noun; others by the attribute.
  const page = RECORD_PAGE.exec(s);
  if (!page && ATTIO_APP.test(s)) {
    throw invalid(label, raw, "is a page of Attio, not a record's page. Map the record's Web URL or ID from an earlier Attio step, an email address (a person) or a domain (a company).");
  }
  if (page?.[1] && page[2]) {
    const object = pageObject(page[1]);
    if (object) {
      refuseWrongObject(meta, object, raw, label);
      return { target_object: object, target_record_id: page[2].toLowerCase() };
    }
    s = page[2];
  }
  const prefixed = /^([^:\s]+):([0-9a-f-]{36})$/i.exec(s);
  if (prefixed?.[1] && prefixed[2] && isUuid(prefixed[2])) {
    refuseWrongObject(meta, prefixed[1], raw, label);
    return { target_object: prefixed[1], target_record_id: prefixed[2].toLowerCase() };
  }
  if (!isUuid(s)) return undefined;
  const only = meta.allowedObjectIds?.length === 1 ? meta.allowedObjectIds[0] : undefined;
  if (only) return { target_object: only, target_record_id: s };
  throw invalid(label, raw, 'is a record ID, but this field can link to several objects. Write it as object:record_id, like companies:891dcbfc-9141-415d-9b2a-2238a6cc012d.');
}

/**
 * Whether the attribute may link to records of `object` (a slug or an object id): undefined when the data
 * at hand cannot tell. Attio names allowed objects by id; a slug can only be compared with allowed
 * objects named by slug, an id with ids.
 */
export function allowsObject(meta: AttributeMeta, object: string): boolean | undefined {
  const allowed = meta.allowedObjectIds;
  if (!allowed || allowed.length === 0) return undefined;
  const wanted = object.toLowerCase();
  if (allowed.some((a) => a.toLowerCase() === wanted)) return true;
  const comparable = isUuid(object) ? allowed.some(isUuid) : allowed.some((a) => !isUuid(a));
  return comparable ? false : undefined;
}

/** A link to a record of an object the attribute does not link to is refused before anything is written. */
function refuseWrongObject(meta: AttributeMeta, object: string, raw: unknown, label: string): void {
  if (allowsObject(meta, object) !== false) return;
  throw invalid(label, raw, `links to a record in "${object}", but ${meta.title} only links to records of another object. Map a record of the object this attribute links to.`);
}

/**
 * A record reference from text: a record id (see referenceById), an email address (the person with it)
 * or a domain (the company with it). The target must exist.
 */
function referenceValue(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions): Record<string, unknown> {
  const byId = referenceById(meta, raw, label);
  if (byId) return byId;
  const s = identifierInput(raw, label) ?? '';
  if (s.includes('@')) {
    refuseWrongObject(meta, 'people', raw, label);
    return { target_object: 'people', email_addresses: [{ email_address: normalizeEmail(s, label) }] };
  }
  let domain: string;
  try {
    domain = normalizeDomain(s, label, options);
  } catch {
    throw invalid(label, raw, 'is not a record reference. Map a record ID, an email address (a person) or a domain (a company).');
  }
  refuseWrongObject(meta, 'companies', raw, label);
  return { target_object: 'companies', domains: [{ domain }] };
}

function actorValue(raw: unknown, label: string): Record<string, unknown> {
  const s = text(raw);
  if (isUuid(s)) return { referenced_actor_type: 'workspace-member', referenced_actor_id: s };
  return { workspace_member_email_address: normalizeEmail(s, label) };
}

/**
 * One input value → one Attio write value for the attribute's type.
 * @param label the Zapier field label, named in errors
 * @throws z.errors.Error naming the field for a value of the wrong type; nothing is sent then
 */
export function formatOne(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions = {}): AttioWriteValue {
  // Zapier maps text, numbers and booleans; an object (a line item, say) would be written as "[object Object]".
  if (typeof raw === 'object' && raw !== null) throw invalid(label, raw, 'is not a single value. Map one field, not a group of fields.');
  switch (meta.type) {
    case 'text':
      return { value: text(raw) };
    case 'number':
      return { value: parseNumber(raw, label) };
    case 'currency':
      return { currency_value: currencyAmount(meta, raw, label) };
    case 'rating': {
      const n = parseNumber(raw, label);
      if (!Number.isInteger(n) || n < 0 || n > 5) throw invalid(label, raw, 'is not a rating. Map a whole number from 0 to 5.');
      return { value: n };
    }
    case 'checkbox':
      return { value: booleanInput(raw, label) };
    case 'date':
      return { value: dateValue(raw, label) };
    case 'timestamp':
      return { value: timestampValue(raw, label) };
    case 'select':
      return { option: optionValue(meta, raw, label) };
    case 'status':
      return { status: optionValue(meta, raw, label) };
    case 'personal-name':
      return nameValue(raw, label);
    case 'email-address':
      return { email_address: normalizeEmail(raw, label) };
    case 'domain':
      return { domain: normalizeDomain(raw, label, options) };
    case 'phone-number':
      return phoneValue(raw, label, options);
    case 'location':
      // Attio parses "1 Infinite Loop, Cupertino, CA, 95014, US"; the object form needs all ten parts.
      return text(raw);
    case 'record-reference':
      return referenceValue(meta, raw, label, options);
    case 'actor-reference':
      return actorValue(raw, label);
    default:
      throw invalid(label, raw, `cannot be written: Attio ${meta.type} attributes are read-only.`);
  }
}

/**
 * Multi-value types whose values hold a comma only inside quotes or <…> (a display name): "a@x.com, b@y.com"
 * mapped as one text is two addresses, `"Lovelace, Ada" <ada@x.com>` one (listInput splits them).
 */
const SPLIT_TYPES: ReadonlySet<AttioAttributeType> = new Set(['email-address', 'domain', 'phone-number', 'record-reference', 'actor-reference']);

/**
 * One comma-joined text of options read by the options themselves (see matchOption): at each piece the
 * longest run of pieces that is one option is taken first ("Sales, EMEA" before "Sales"), going back to a
 * shorter one when the rest cannot be read. The options matched, or undefined when no reading covers it all.
 */
function readOptions(meta: AttributeMeta, pieces: readonly string[]): string[] | undefined {
  const longest = Math.max(1, ...(meta.options ?? []).map((o) => commaPieces(o.title).length));
  const dead = new Set<number>();
  const read = (at: number): string[] | undefined => {
    if (at === pieces.length) return [];
    if (dead.has(at)) return undefined;
    for (let n = Math.min(longest, pieces.length - at); n >= 1; n--) {
      const option = matchOption(meta, pieces.slice(at, at + n).join(', '));
      const rest = option === undefined ? undefined : read(at + n);
      if (option !== undefined && rest) return [option, ...rest];
    }
    dead.add(at);
    return undefined;
  };
  return read(0);
}

/**
 * The items of a multiselect select or status: Zapier joins line items into one text ("B2B, SaaS") when
 * they are mapped to a text field upstream, and option titles may hold commas themselves. With the
 * attribute's options known, a text with commas is read, in this order: as one option (its whole text);
 * as options found greedily, longest title first ("B2B,Sales, EMEA" is B2B and "Sales, EMEA" when that is
 * an option); else split on every comma, so an unknown piece is refused by name (see optionValue). Without
 * the options (not fetched) a text is left whole, for Attio to match.
 */
function optionItems(meta: AttributeMeta, raw: unknown): unknown[] {
  return asList(raw).flatMap((item) => {
    if (!meta.options || typeof item !== 'string' || !item.includes(',') || matchOption(meta, item) !== undefined) return [item];
    const pieces = commaPieces(item);
    return readOptions(meta, pieces) ?? pieces;
  });
}

/**
 * Input for one attribute → its Attio values, always an array (the spec types every value so).
 * Multi-value email, domain, phone and reference attributes also split one mapped text on commas,
 * semicolons and line breaks outside quotes and <…> (see listInput); multiselect selects split it by
 * their options (see optionItems).
 * @param label the Zapier field label, named in errors
 * @throws z.errors.Error naming the field for a value of the wrong type (see formatOne), or for several
 *   values mapped to a single-value attribute (keeping the first would silently drop the rest)
 */
export function formatAttribute(meta: AttributeMeta, raw: unknown, label: string, options: FormatOptions = {}): AttioWriteValue[] {
  const list = !meta.multiselect
    ? asList(raw)
    : SPLIT_TYPES.has(meta.type)
      ? listInput(raw, label)
      : meta.type === 'select' || meta.type === 'status'
        ? optionItems(meta, raw)
        : asList(raw);
  if (!meta.multiselect && list.length > 1) {
    throw invalid(label, raw, `holds ${list.length} values, but ${meta.title} takes one. Map a single value (a Formatter step can pick one item of a list).`);
  }
  return list.map((v) => formatOne(meta, v, label, options));
}

import { asList, isMapped, isTrue } from '../../src/values/parse';
import type { AttioAttributeType } from '../../src/attio/types';
import {
  formatAttribute,
  formatOne,
  parsePersonalName,
  personalName,
  phoneValue,
  unknownOptions,
  type AttributeMeta,
  type FormatOptions,
} from '../../src/values/write';
import { failure } from '../fixtures/people_companies';
import { ATTIO } from '../helpers/app';
import { checkAgainstSpec } from '../helpers/contract';

const OBJECT_ID = '97052eb9-e65e-443f-a297-f2d9a4a7f795';
const RECORD_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';

function meta(type: AttributeMeta['type'], extra: Partial<AttributeMeta> = {}): AttributeMeta {
  return { slug: 'field', title: 'Field', type, multiselect: false, ...extra };
}

const sizes = meta('select', {
  options: [
    { id: '00000000-0000-4000-8000-000000000001', title: 'Small' },
    { id: '00000000-0000-4000-8000-000000000002', title: 'Medium' },
  ],
});

describe('lib/values: formatAttribute writes each type as the spec input-value schema says', () => {
  it.each<[string, AttributeMeta, unknown, unknown[]]>([
    ['text', meta('text'), '  Hello  ', [{ value: 'Hello' }]],
    ['text from a number', meta('text'), 42, [{ value: '42' }]],
    ['number', meta('number'), 42.5, [{ value: 42.5 }]],
    ['number from text with separators', meta('number'), '1,234.5', [{ value: 1234.5 }]],
    ['negative number', meta('number'), ' -3.25 ', [{ value: -3.25 }]],
    ['currency', meta('currency'), '99.5', [{ currency_value: 99.5 }]],
    ['rating', meta('rating'), '4', [{ value: 4 }]],
    ['checkbox true', meta('checkbox'), true, [{ value: true }]],
    ['checkbox "no"', meta('checkbox'), 'no', [{ value: false }]],
    ['checkbox "True"', meta('checkbox'), 'True', [{ value: true }]],
    ['date keeps the calendar day of a Zapier datetime', meta('date'), '2025-01-15T00:00:00-06:00', [{ value: '2025-01-15' }]],
    ['date', meta('date'), '2025-01-15', [{ value: '2025-01-15' }]],
    ['partial date', meta('date'), '2025-01', [{ value: '2025-01' }]],
    ['timestamp (sent as the same instant in UTC)', meta('timestamp'), '2025-01-15T10:30:00+01:00', [{ value: '2025-01-15T09:30:00.000Z' }]],
    ['select by title', sizes, 'Medium', [{ option: 'Medium' }]],
    ['select ignoring case', sizes, 'medium ', [{ option: 'Medium' }]],
    ['select by option id', sizes, '00000000-0000-4000-8000-000000000001', [{ option: '00000000-0000-4000-8000-000000000001' }]],
    ['select without known options', meta('select'), 'Large', [{ option: 'Large' }]],
    ['status', meta('status', { options: [{ id: '00000000-0000-4000-8000-000000000009', title: 'In Progress' }] }), 'in progress', [{ status: 'In Progress' }]],
    ['multiselect', { ...sizes, multiselect: true }, ['Small', 'medium'], [{ option: 'Small' }, { option: 'Medium' }]],
    ['personal-name "First Last"', meta('personal-name'), 'Ada King Lovelace', [{ first_name: 'Ada King', last_name: 'Lovelace', full_name: 'Ada King Lovelace' }]],
    ['personal-name "Last, First"', meta('personal-name'), 'Lovelace, Ada', [{ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }]],
    ['email-address', meta('email-address'), ' Ada@Example.com', [{ email_address: 'ada@example.com' }]],
    ['email-address list', meta('email-address', { multiselect: true }), ['a@x.com', 'B@X.com'], [{ email_address: 'a@x.com' }, { email_address: 'b@x.com' }]],
    ['email-address list mapped as one text', meta('email-address', { multiselect: true }), 'a@x.com, B@X.com; c@y.com', [{ email_address: 'a@x.com' }, { email_address: 'b@x.com' }, { email_address: 'c@y.com' }]],
    ['domain list mapped as one text', meta('domain', { multiselect: true }), 'acme.com,www.globex.example', [{ domain: 'acme.com' }, { domain: 'globex.example' }]],
    ['domain', meta('domain'), 'https://www.Acme.com/x', [{ domain: 'acme.com' }]],
    ['phone-number', meta('phone-number'), '+44 20 7946 0958', [{ original_phone_number: '+44 20 7946 0958' }]],
    ['phone-number with 00', meta('phone-number'), '0044 20 7946 0958', [{ original_phone_number: '+44 20 7946 0958' }]],
    ['location as the one line Attio parses', meta('location'), '1 Infinite Loop, Cupertino, CA, 95014, US', ['1 Infinite Loop, Cupertino, CA, 95014, US']],
    ['record-reference by id (one allowed object)', meta('record-reference', { allowedObjectIds: [OBJECT_ID] }), RECORD_ID, [{ target_object: OBJECT_ID, target_record_id: RECORD_ID }]],
    ['record-reference object:id', meta('record-reference'), `companies:${RECORD_ID}`, [{ target_object: 'companies', target_record_id: RECORD_ID }]],
    ['record-reference by email', meta('record-reference'), 'Ada@Example.com', [{ target_object: 'people', email_addresses: [{ email_address: 'ada@example.com' }] }]],
    ['record-reference by domain', meta('record-reference'), 'www.acme.com', [{ target_object: 'companies', domains: [{ domain: 'acme.com' }] }]],
    ['actor-reference by email', meta('actor-reference'), 'Alice@Acme.com', [{ workspace_member_email_address: 'alice@acme.com' }]],
    ['actor-reference by member id', meta('actor-reference'), RECORD_ID, [{ referenced_actor_type: 'workspace-member', referenced_actor_id: RECORD_ID }]],
    ['single-value attribute given a list of one takes it', meta('text'), ['a', ''], [{ value: 'a' }]],
    ['empty entries of a list are not mapped', meta('text', { multiselect: true }), ['', 'a', null], [{ value: 'a' }]],
  ])('%s', (_name, m, raw, expected) => {
    expect(formatAttribute(m, raw, 'Field')).toEqual(expected);
    expect(writeViolations(expected)).toEqual([]);
  });

  it.each<[string, AttributeMeta, unknown, RegExp]>([
    ['number', meta('number'), 'lots', /^Lead Score "lots" is not a number\. Map a number like 42 or 99\.5\.$/],
    ['number with a decimal comma', meta('number'), '1,5', /^Lead Score "1,5" is not a number/],
    ['rating above 5', meta('rating'), 6, /^Lead Score "6" is not a rating\. Map a whole number from 0 to 5\.$/],
    ['rating with decimals', meta('rating'), '2.5', /is not a rating/],
    ['checkbox', meta('checkbox'), 'maybe', /^Lead Score "maybe" is not true or false/],
    ['date', meta('date'), 'soon', /^Lead Score "soon" is not a date\. Map a date like 2025-01-15\.$/],
    // Date.parse would read these as dates (December 2001, 2 March): a wrong date is worse than an error.
    ['date that is a number', meta('date'), '12', /^Lead Score "12" is not a date/],
    ['day that does not exist', meta('date'), '2025-02-30', /^Lead Score "2025-02-30" is not a date/],
    ['date in words', meta('date'), 'January 15, 2025', /^Lead Score "January 15, 2025" is not a date/],
    ['timestamp on a day that does not exist', meta('timestamp'), '2025-02-30T10:00:00Z', /^Lead Score "2025-02-30T10:00:00Z" is not a date/],
    ['timestamp with an hour out of range', meta('timestamp'), '2025-01-15T25:00:00Z', /^Lead Score "2025-01-15T25:00:00Z" is not a date/],
    ['timestamp', meta('timestamp'), 'later', /^Lead Score "later" is not a date\. Map a date and time like 2025-01-15T10:30:00Z\./],
    ['unknown select option lists the valid ones', sizes, 'Huge', /^Lead Score "Huge" is not an option of this field in Attio\. Valid options: "Small", "Medium"\.$/],
    ['phone without a country code', meta('phone-number'), '020 7946 0958', /^Lead Score "020 7946 0958" has no country code\. Write it in international format/],
    ['email', meta('email-address'), 'nope', /^Lead Score "nope" is not a valid email address/],
    ['record id where several objects are allowed', meta('record-reference', { allowedObjectIds: [OBJECT_ID, RECORD_ID] }), RECORD_ID, /Write it as object:record_id/],
    ['record reference that is none', meta('record-reference'), 'just words', /^Lead Score "just words" is not a record reference/],
    ['read-only type', meta('interaction'), 'x', /cannot be written: Attio interaction attributes are read-only/],
  ])('rejects an invalid %s, naming the field and value', async (_name, m, raw, expected) => {
    const err = await failure(() => formatAttribute(m, raw, 'Lead Score'));
    expect(err.name).toBe('AppError');
    expect(err.message).toMatch(expected);
  });
});

/** What the spec says of a record create sending these values (empty when they conform). */
function writeViolations(values: unknown[]): string[] {
  return checkAgainstSpec('POST', `${ATTIO}/v2/objects/people/records`, JSON.stringify({ data: { values: { field: values } } }));
}

describe('the contract guard closes the value shapes the spec leaves open (spec/PROVENANCE.md)', () => {
  it.each<[string, unknown]>([
    ['a misspelt key', { domian: 'acme.com' }],
    ['an empty object', {}],
    ['a domain with an extra key', { domain: 'acme.com', root_domain: 'acme.com' }],
    ['an email address with a wrong key', { email: 'ada@example.com' }],
    ['a personal name missing full_name', { first_name: 'Ada', last_name: 'Lovelace' }],
    ['a phone number without original_phone_number', { phone_number: '+442079460958' }],
  ])('%s is a violation', (...[, value]) => {
    expect(writeViolations([value])).not.toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a domain', { domain: 'acme.com' }],
    ['an email address', { email_address: 'ada@example.com' }],
    ['a personal name', { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }],
    ['a phone number with its country', { original_phone_number: '020 7946 0958', country_code: 'GB' }],
  ])('%s still conforms', (...[, value]) => {
    expect(writeViolations([value])).toEqual([]);
  });
});

describe('lib/values: what Zap builders map, per type (the "every attribute type" contract)', () => {
  // The callbacks below take a rest parameter: a fifth named one would be a `done` callback to jest on four-item rows.
  it.each<[string, AttributeMeta, unknown, unknown, FormatOptions?]>([
    ['number given as a number', meta('number'), 0, { value: 0 }],
    ['number in exponent form', meta('number'), '1.5e3', { value: 1500 }],
    ['currency with a leading symbol and separators', meta('currency'), '$1,250.50', { currency_value: 1250.5 }],
    ['currency with a trailing symbol', meta('currency'), '12.50 €', { currency_value: 12.5 }],
    ['currency with a sign before the symbol', meta('currency'), '-£5', { currency_value: -5 }],
    ['currency in yen', meta('currency'), '¥1,000', { currency_value: 1000 }],
    ['currency keeps 4 decimals', meta('currency'), '0.0001', { currency_value: 0.0001 }],
    ['currency rounds more than 4 decimals', meta('currency'), '1250.123456', { currency_value: 1250.1235 }],
    ['currency given as a number', meta('currency'), 1.23456, { currency_value: 1.2346 }],
    ['checkbox "yes"', meta('checkbox'), 'yes', { value: true }],
    ['checkbox "1"', meta('checkbox'), '1', { value: true }],
    ['checkbox 0', meta('checkbox'), 0, { value: false }],
    ['checkbox "false"', meta('checkbox'), 'false', { value: false }],
    ['rating 0', meta('rating'), 0, { value: 0 }],
    ['rating "5"', meta('rating'), '5', { value: 5 }],
    ['date from a UTC datetime', meta('date'), '2025-01-15T23:30:00Z', { value: '2025-01-15' }],
    ['date from a datetime without offset', meta('date'), '2025-01-15T10:30:00', { value: '2025-01-15' }],
    ['date from a year alone', meta('date'), '2025', { value: '2025' }],
    ['date from Unix seconds (the UTC day)', meta('date'), 1736899200, { value: '2025-01-15' }],
    ['date from Unix seconds as text', meta('date'), '1736985599', { value: '2025-01-15' }],
    ['date from 9-digit Unix seconds', meta('date'), '999999999', { value: '2001-09-09' }],
    ['date from Unix milliseconds', meta('date'), '1736942400000', { value: '2025-01-15' }],
    ['timestamp in UTC', meta('timestamp'), '2025-01-15T10:30:00Z', { value: '2025-01-15T10:30:00.000Z' }],
    ['timestamp from Unix seconds', meta('timestamp'), 1736937000, { value: '2025-01-15T10:30:00.000Z' }],
    ['timestamp from Unix milliseconds as text', meta('timestamp'), '1736937000123', { value: '2025-01-15T10:30:00.123Z' }],
    ['status by exact title', meta('status', { options: [{ id: '00000000-0000-4000-8000-000000000009', title: 'Won' }] }), 'Won', { status: 'Won' }],
    ['personal-name with extra spaces', meta('personal-name'), '  Ada   Lovelace ', { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }],
    ['email-address from a mailto link', meta('email-address'), 'mailto:ada@example.com', { email_address: 'ada@example.com' }],
    ['domain from an email address', meta('domain'), 'ada@Acme.com', { domain: 'acme.com' }],
    ['phone-number with + ignores the Phone Country', meta('phone-number'), '+1 555 867 5309', { original_phone_number: '+1 555 867 5309' }, { phoneCountry: 'GB' }],
    ['phone-number without + takes the Phone Country', meta('phone-number'), ' 020 7946 0958 ', { original_phone_number: '020 7946 0958', country_code: 'GB' }, { phoneCountry: 'gb ' }],
    ['phone-number given as a number', meta('phone-number'), 5558675309, { original_phone_number: '5558675309', country_code: 'US' }, { phoneCountry: 'US' }],
    ['location', meta('location'), ' London, GB ', 'London, GB'],
  ])('%s', (...[, m, raw, expected, options]) => {
    expect(formatOne(m, raw, 'Field', options)).toEqual(expected);
    expect(writeViolations([expected])).toEqual([]);
  });

  it.each<[string, AttributeMeta, unknown, string, FormatOptions?]>([
    ['currency', meta('currency'), 'lots', 'Deal Value "lots" is not an amount. Map a number like 1250.5 or $1,250.50.'],
    ['currency with two symbols', meta('currency'), '$5€', 'Deal Value "$5€" is not an amount. Map a number like 1250.5 or $1,250.50.'],
    ['currency in a code the attribute does not hold', meta('currency', { title: 'Budget', currency: 'EUR' }), 'USD 5', 'Deal Value "USD 5" is in USD, but Budget holds amounts in EUR. Map an amount in EUR (convert it first, with a Formatter step for example), or without a currency symbol.'],
    ['currency with a symbol the attribute does not hold', meta('currency', { title: 'Budget', currency: 'USD' }), '€1,000', 'Deal Value "€1,000" is in EUR, but Budget holds amounts in USD. Map an amount in USD (convert it first, with a Formatter step for example), or without a currency symbol.'],
    ['currency in dollars for a euro attribute', meta('currency', { title: 'Budget', currency: 'EUR' }), '$5', 'Deal Value "$5" is in "$" (USD, CAD, AUD…), but Budget holds amounts in EUR. Map an amount in EUR (convert it first, with a Formatter step for example), or without a currency symbol.'],
    ['currency with two different codes', meta('currency'), 'USD 5 EUR', 'Deal Value "USD 5 EUR" is not an amount. Map a number like 1250.5 or $1,250.50.'],
    ['currency with a decimal comma', meta('currency'), '12,5', 'Deal Value "12,5" is not an amount. Map a number like 1250.5 or $1,250.50.'],
    ['currency with dots between thousands (€1.000 is 1000 in much of Europe, 1 elsewhere)', meta('currency', { currency: 'EUR' }), '€1.000', 'Deal Value "€1.000" is ambiguous: "1.000" may be a whole amount with dots between the thousands, or a decimal. Map it without thousands separators (like 1000 or 2.5), or with commas (1,000.00).'],
    ['currency "2.500 €"', meta('currency', { currency: 'EUR' }), '2.500 €', 'Deal Value "2.500 €" is ambiguous: "2.500" may be a whole amount with dots between the thousands, or a decimal. Map it without thousands separators (like 1000 or 2.5), or with commas (1,000.00).'],
    ['number in hex', meta('number'), '0x10', 'Deal Value "0x10" is not a number. Map a number like 42 or 99.5.'],
    ['number "Infinity"', meta('number'), 'Infinity', 'Deal Value "Infinity" is not a number. Map a number like 42 or 99.5.'],
    ['number that is a boolean', meta('number'), true, 'Deal Value "true" is not a number. Map a number like 42 or 99.5.'],
    ['rating below 0', meta('rating'), -1, 'Deal Value "-1" is not a rating. Map a whole number from 0 to 5.'],
    ['checkbox', meta('checkbox'), 'sometimes', 'Deal Value "sometimes" is not true or false. Choose yes or no, or map true/false.'],
    ['date that does not exist', meta('date'), '2025-02-30', 'Deal Value "2025-02-30" is not a date. Map a date like 2025-01-15.'],
    ['date with month 13', meta('date'), '2025-13', 'Deal Value "2025-13" is not a date. Map a date like 2025-01-15.'],
    ['date of 8 digits (neither a Unix time nor ISO)', meta('date'), '20250115', 'Deal Value "20250115" is not a date. Map a date like 2025-01-15.'],
    ['date of 11 digits', meta('date'), 17368992000, 'Deal Value "17368992000" is not a date. Map a date like 2025-01-15.'],
    ['date with a fraction of a second as Unix time', meta('date'), '1736899200.5', 'Deal Value "1736899200.5" is not a date. Map a date like 2025-01-15.'],
    ['timestamp in words', meta('timestamp'), 'tomorrow', 'Deal Value "tomorrow" is not a date. Map a date and time like 2025-01-15T10:30:00Z.'],
    ['status not in the list', meta('status', { options: [{ id: '00000000-0000-4000-8000-000000000009', title: 'Won' }, { id: '00000000-0000-4000-8000-000000000010', title: 'Lost' }] }), 'Pending', 'Deal Value "Pending" is not an option of this field in Attio. Valid options: "Won", "Lost".'],
    ['select without options in Attio', meta('select', { options: [] }), 'Any', 'Deal Value "Any" is not an option of this field in Attio. Valid options: (none).'],
    ['personal-name with no name', meta('personal-name'), ' , ', 'Deal Value " , " is not a name. Map a name like Ada Lovelace or "Lovelace, Ada".'],
    ['email-address', meta('email-address'), 'ada at example', 'Deal Value "ada at example" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
    ['domain', meta('domain'), 'not a domain', 'Deal Value "not a domain" is not a domain. Map a website address, a domain like acme.com, or an email address at the company\'s domain.'],
    ['phone-number without a country', meta('phone-number'), '020 7946 0958', 'Deal Value "020 7946 0958" has no country code. Write it in international format (like +44 20 7946 0958), or fill in Phone Country (like GB) for numbers mapped without one.'],
    ['phone-number with a Phone Country that is not a code', meta('phone-number'), '020 7946 0958', 'Deal Value "020 7946 0958" has no country code, and Phone Country "Britain" is not a country. Set Phone Country to a two-letter country code like GB or US, or write the number with its country code (like +44 20 7946 0958).', { phoneCountry: 'Britain' }],
    ['phone-number with a Phone Country of two letters that is no country', meta('phone-number'), '020 7946 0958', 'Deal Value "020 7946 0958" has no country code, and Phone Country "XX" is not a country. Set Phone Country to a two-letter country code like GB or US, or write the number with its country code (like +44 20 7946 0958).', { phoneCountry: 'XX' }],
    ['phone-number in words', meta('phone-number'), 'call me', 'Deal Value "call me" cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.', { phoneCountry: 'GB' }],
    ['phone-number with letters', meta('phone-number'), '+1 800 FLOWERS', 'Deal Value "+1 800 FLOWERS" cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.'],
    ['phone-number of 16 digits', meta('phone-number'), '+44 1234 5678 9012 34', 'Deal Value "+44 1234 5678 9012 34" cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.'],
    ['phone-number with country code 0', meta('phone-number'), '+0 20 7946 0958', 'Deal Value "+0 20 7946 0958" cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.'],
    ['phone-number that is a yes/no', meta('phone-number'), true, 'Deal Value "true" is a yes/no value, not text. Map the field that holds it.'],
    ['phone-number too short', meta('phone-number'), '+44 1', 'Deal Value "+44 1" cannot be a phone number (it needs 7 to 15 digits with the country code, and nothing but digits, spaces, brackets, dots and dashes). Map a number like +44 20 7946 0958.'],
    ['record-reference by an id with unknown objects', meta('record-reference'), RECORD_ID, `Deal Value "${RECORD_ID}" is a record ID, but this field can link to several objects. Write it as object:record_id, like companies:891dcbfc-9141-415d-9b2a-2238a6cc012d.`],
    ['group of fields', meta('text'), { a: 1 }, 'Deal Value "{"a":1}" is not a single value. Map one field, not a group of fields.'],
    ['personal-name that is a yes/no', meta('personal-name'), false, 'Deal Value "false" is a yes/no value, not text. Map the field that holds it.'],
    ['record-reference to a record of another object (by object id)', meta('record-reference', { title: 'Company', allowedObjectIds: [OBJECT_ID] }), `00000000-0000-4000-8000-0000000000b1:${RECORD_ID}`, `Deal Value "00000000-0000-4000-8000-0000000000b1:${RECORD_ID}" links to a record in "00000000-0000-4000-8000-0000000000b1", but Company only links to records of another object. Map a record of the object this attribute links to.`],
    ['record-reference to a person where only companies may be linked (by slug)', meta('record-reference', { title: 'Company', allowedObjectIds: ['companies'] }), 'ada@example.com', 'Deal Value "ada@example.com" links to a record in "people", but Company only links to records of another object. Map a record of the object this attribute links to.'],
    ['date that is a yes/no', meta('date'), true, 'Deal Value "true" is not a date. Map a date like 2025-01-15.'],
    ['actor-reference', meta('actor-reference'), 'Alice', 'Deal Value "Alice" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
  ])('refuses an invalid %s with the exact message', async (...[, m, raw, expected, options]) => {
    const err = await failure(() => formatOne(m, raw, 'Deal Value', options));
    expect(err).toMatchObject({ name: 'AppError', message: expected, code: 'invalid_input' });
  });

  const TYPES: AttioAttributeType[] = [
    'text', 'number', 'checkbox', 'currency', 'date', 'timestamp', 'rating', 'status', 'select',
    'record-reference', 'actor-reference', 'location', 'domain', 'email-address', 'phone-number', 'interaction', 'personal-name',
  ];
  it.each(TYPES)('%s: odd input is formatted or refused with a Zapier error naming the field, never anything else', async (type) => {
    for (const raw of [{}, 'x', NaN, true, -1, '  ', '{{123__name}}', Symbol.for('s')]) {
      let err: { name: string; message: string } | undefined;
      try {
        formatOne(meta(type, { options: [] }), raw, 'Deal Value', { phoneCountry: 'GB' });
      } catch (e) {
        err = await failure(() => {
          throw e;
        });
      }
      if (err) {
        expect(err.name).toBe('AppError');
        expect(err.message).toMatch(/^Deal Value "/);
      }
    }
  });
});

describe('lib/values: helpers', () => {
  it('personalName always carries first, last and full name', () => {
    expect(personalName('Ada', 'Lovelace')).toEqual({ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' });
    expect(personalName(' Ada ', undefined)).toEqual({ first_name: 'Ada', last_name: '', full_name: 'Ada' });
    expect(personalName(undefined, 'Lovelace')).toEqual({ first_name: '', last_name: 'Lovelace', full_name: 'Lovelace' });
  });

  it('parsePersonalName reads one word as a first name', () => {
    expect(parsePersonalName('Ada')).toEqual({ first_name: 'Ada', last_name: '', full_name: 'Ada' });
  });

  it('phoneValue keeps what the user typed once it has a country code', () => {
    expect(phoneValue('+1 (555) 867-5309', 'Phone')).toEqual({ original_phone_number: '+1 (555) 867-5309' });
    expect(phoneValue('(555) 867-5309', 'Phone', { phoneCountry: 'us' })).toEqual({ original_phone_number: '(555) 867-5309', country_code: 'US' });
  });

  it('isMapped and asList treat empty strings, nulls and empty lists as not mapped', () => {
    for (const v of [undefined, null, '', '  ', [], ['', null]]) expect(isMapped(v)).toBe(false);
    for (const v of [0, false, 'x', ['x']]) expect(isMapped(v)).toBe(true);
    expect(asList('x')).toEqual(['x']);
  });

  it('isTrue accepts booleans and their text forms', () => {
    expect([true, 'true', 'TRUE', 'yes', '1'].map(isTrue)).toEqual([true, true, true, true, true]);
    expect([false, 'false', '', undefined, 'no', 0].map(isTrue)).toEqual([false, false, false, false, false, false]);
  });
});

describe('lib/values: several values, line items joined as text, currencies, early dates', () => {
  const tags = meta('select', {
    title: 'Tags',
    multiselect: true,
    options: [
      { id: '00000000-0000-4000-8000-000000000021', title: 'B2B' },
      { id: '00000000-0000-4000-8000-000000000022', title: 'SaaS' },
      { id: '00000000-0000-4000-8000-000000000023', title: 'Bricks, Mortar' },
    ],
  });

  it.each<[string, AttributeMeta, unknown]>([
    ['a single select', sizes, ['Small', 'Medium']],
    ['a number', meta('number', { title: 'Seats' }), [3, 4]],
    ['a text', meta('text', { title: 'Notes' }), ['a', 'b', 'c']],
  ])('refuses several values for %s, naming the field, instead of keeping the first', async (_what, m, raw) => {
    const err = await failure(() => formatAttribute(m, raw, 'Mapped Field'));
    expect(err.message).toBe(
      `Mapped Field "${JSON.stringify(raw)}" holds ${(raw as unknown[]).length} values, but ${m.title} takes one. Map a single value (a Formatter step can pick one item of a list).`,
    );
  });

  it.each<[string, unknown, string[]]>([
    ['comma-joined line items', 'B2B, SaaS', ['B2B', 'SaaS']],
    ['comma-joined items in a list', ['B2B,SaaS'], ['B2B', 'SaaS']],
    ['a title that itself holds a comma (matched whole first)', 'Bricks, Mortar', ['Bricks, Mortar']],
    ['a list mixing both', ['Bricks, Mortar', 'b2b, saas'], ['Bricks, Mortar', 'B2B', 'SaaS']],
  ])('a multiselect takes %s', (_what, raw, titles) => {
    expect(formatAttribute(tags, raw, 'Tags')).toEqual(titles.map((option) => ({ option })));
  });

  it('refuses comma-joined text whose parts are not all options, naming the unknown part and listing the valid ones', async () => {
    const err = await failure(() => formatAttribute(tags, 'B2B, Retail', 'Tags'));
    expect(err.message).toBe('Tags "Retail" is not an option of this field in Attio. Valid options: "B2B", "SaaS", "Bricks, Mortar".');
  });

  describe('a multiselect whose option titles hold commas reads comma-joined text by its options', () => {
    const B2B_ID = '00000000-0000-4000-8000-000000000031';
    const regions = meta('select', {
      title: 'Segments',
      multiselect: true,
      options: [
        { id: B2B_ID, title: 'B2B' },
        { id: '00000000-0000-4000-8000-000000000032', title: 'Sales' },
        { id: '00000000-0000-4000-8000-000000000033', title: 'EMEA' },
        { id: '00000000-0000-4000-8000-000000000034', title: 'Sales, EMEA' },
        { id: '00000000-0000-4000-8000-000000000035', title: 'EMEA, North' },
      ],
    });
    // Only the titles with commas: the pieces alone are no options.
    const joinedOnly = meta('select', {
      title: 'Segments',
      multiselect: true,
      options: [
        { id: B2B_ID, title: 'B2B' },
        { id: '00000000-0000-4000-8000-000000000034', title: 'Sales, EMEA' },
      ],
    });

    it.each<[string, AttributeMeta, unknown, string[]]>([
      ['the longest title first', regions, 'B2B,Sales, EMEA', ['B2B', 'Sales, EMEA']],
      ['a title with commas whose pieces are no options', joinedOnly, 'B2B,Sales, EMEA', ['B2B', 'Sales, EMEA']],
      ['a title first in the text, any case and spacing', joinedOnly, 'sales,emea, b2b', ['Sales, EMEA', 'B2B']],
      ['the whole text when it is one option', regions, 'Sales, EMEA', ['Sales, EMEA']],
      ['the whole text, spaced otherwise', joinedOnly, 'Sales ,EMEA', ['Sales, EMEA']],
      ['a shorter title when the longest leaves a rest that is none', regions, 'Sales, EMEA, North', ['Sales', 'EMEA, North']],
      ['an option id beside a title', joinedOnly, `${B2B_ID}, Sales, EMEA`, [B2B_ID, 'Sales, EMEA']],
      ['line items, each read so', joinedOnly, ['B2B, Sales, EMEA', 'Sales, EMEA'], ['B2B', 'Sales, EMEA', 'Sales, EMEA']],
    ])('%s', (_what, m, raw, options) => {
      expect(formatAttribute(m, raw, 'Segments')).toEqual(options.map((option) => ({ option })));
      expect(unknownOptions(m, raw)).toEqual([]);
    });

    it.each<[string, AttributeMeta, string, string]>([
      ['beside options', regions, 'Sales, EMEA, Retail', 'Retail'],
      ['beside a title with commas only', joinedOnly, 'B2B, Sales, Retail', 'Sales'],
    ])('refuses an unknown piece %s, naming the field and listing the valid options', async (_what, m, raw, piece) => {
      const err = await failure(() => formatAttribute(m, raw, 'Segments'));
      expect(err.message).toBe(`Segments "${piece}" is not an option of this field in Attio. Valid options: ${m.options?.map((o) => `"${o.title}"`).join(', ')}.`);
      expect(unknownOptions(m, raw)).toContain(piece);
    });

    it('a single select takes a title with commas however it is spaced, as a search does', () => {
      const single = { ...joinedOnly, multiselect: false };
      expect(formatAttribute(single, 'sales,EMEA', 'Segment')).toEqual([{ option: 'Sales, EMEA' }]);
    });
  });

  it.each<[string, unknown, number]>([
    ['its own symbol', '$1,250.50', 1250.5],
    ['its own code before', 'USD 1,000', 1000],
    ['its own code after, lower case', '99.5 usd', 99.5],
    ['US$', 'US$12', 12],
    ['a symbol and code that agree', '$100 USD', 100],
    ['no symbol', '1000', 1000],
  ])('a USD currency attribute takes %s', (_what, raw, amount) => {
    expect(formatOne(meta('currency', { currency: 'USD' }), raw, 'Budget')).toEqual({ currency_value: amount });
  });

  it.each([
    ['0099-01-01', '0099-01-01'],
    ['0001-12-31', '0001-12-31'],
    ['0999-06-15T10:00:00Z', '0999-06-15'],
  ])('writes the early date %s (years below 1000 are valid)', (raw, day) => {
    expect(formatOne(meta('date'), raw, 'Founded')).toEqual({ value: day });
  });

  it('reads a single-element list and a number as text, and refuses a boolean name', async () => {
    expect(formatAttribute(meta('text'), [42], 'Code')).toEqual([{ value: '42' }]);
    expect((await failure(() => formatOne(meta('personal-name'), true, 'Name'))).message).toBe('Name "true" is a yes/no value, not text. Map the field that holds it.');
  });

  it.each<[string, unknown, string[]]>([
    ['a quoted display name with a comma', '"Lovelace, Ada" <Ada@Example.com>, bob@example.com', ['ada@example.com', 'bob@example.com']],
    ['semicolons and line breaks', '"Ada; L" <ada@example.com>;\nbob@example.com', ['ada@example.com', 'bob@example.com']],
    ['line items holding such texts', ['"Lovelace, Ada" <ada@example.com>', '"Babbage, C" <cb@example.com>, bob@example.com'], ['ada@example.com', 'cb@example.com', 'bob@example.com']],
  ])('a multi-value email attribute (people\'s email_addresses) splits %s only between addresses', (_what, raw, addresses) => {
    const emails = meta('email-address', { slug: 'email_addresses', title: 'Email addresses', multiselect: true });
    expect(formatAttribute(emails, raw, 'Email addresses')).toEqual(addresses.map((email_address) => ({ email_address })));
  });

  it('a multi-value record reference keeps a quoted display name whole, linking the person by the address', () => {
    const people = meta('record-reference', { title: 'Team', multiselect: true, allowedObjectIds: ['people'] });
    expect(formatAttribute(people, '"Lovelace, Ada" <ada@example.com>, bob@example.com', 'Team')).toEqual([
      { target_object: 'people', email_addresses: [{ email_address: 'ada@example.com' }] },
      { target_object: 'people', email_addresses: [{ email_address: 'bob@example.com' }] },
    ]);
  });

  it('refuses a display name with an unquoted comma, naming the field and the broken piece', async () => {
    const emails = meta('email-address', { title: 'Email addresses', multiselect: true });
    const err = await failure(() => formatAttribute(emails, 'Lovelace, Ada <ada@example.com>', 'Email addresses'));
    expect(err.message).toBe('Email addresses "Lovelace" is not a valid email address. Map a field that holds one address, like ada@example.com.');
  });

  it('refuses a group of fields inside a multi-value list (never "[object Object]")', async () => {
    const err = await failure(() => formatAttribute(meta('email-address', { multiselect: true }), ['a@example.com', { email: 'b@example.com' }], 'Emails'));
    expect(err.message).toBe('Emails "{"email":"b@example.com"}" is a group of fields, not a value. Map one field of it for each item.');
  });
});

import { asList, isMapped, isTrue } from '../../src/lib/inputs';
import {
  formatAttribute,
  parsePersonalName,
  personalName,
  phoneValue,
  type AttributeMeta,
} from '../../src/lib/values';
import { failure } from '../fixtures/people_companies';

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
    ['single-value attribute given a list takes the first', meta('text'), ['a', 'b'], [{ value: 'a' }]],
    ['empty entries of a list are not mapped', meta('text', { multiselect: true }), ['', 'a', null], [{ value: 'a' }]],
  ])('%s', (_name, m, raw, expected) => {
    expect(formatAttribute(m, raw, 'Field')).toEqual(expected);
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
    ['phone without a country code', meta('phone-number'), '020 7946 0958', /^Lead Score "020 7946 0958" is not a phone number in international format\. Include the country code/],
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

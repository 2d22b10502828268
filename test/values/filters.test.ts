import { FILTERABLE_TYPES, recordFilter } from '../../src/values/filters';
import type { AttributeMeta, FormatOptions } from '../../src/values/write';
import { failure } from '../fixtures/people_companies';
import { ATTIO } from '../helpers/app';
import { checkAgainstSpec } from '../helpers/contract';

const OBJECT_ID = '97052eb9-e65e-443f-a297-f2d9a4a7f795';
const RECORD_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const SMALL_ID = '00000000-0000-4000-8000-000000000001';

function meta(type: AttributeMeta['type'], extra: Partial<AttributeMeta> = {}): AttributeMeta {
  return { slug: 'field', title: 'Field', type, multiselect: false, ...extra };
}

const sizes = meta('select', {
  options: [
    { id: SMALL_ID, title: 'Small' },
    { id: '00000000-0000-4000-8000-000000000002', title: 'Medium' },
  ],
});
const stages = meta('status', { options: [{ id: '00000000-0000-4000-8000-000000000009', title: 'In Progress' }] });

describe('lib/filters: recordFilter', () => {
  // The callbacks take a rest parameter: a fifth named one would be a `done` callback to jest on four-item rows.
  it.each<[string, AttributeMeta | 'record_id', unknown, Record<string, unknown>, FormatOptions?]>([
    ['record id', 'record_id', ` ${RECORD_ID.toUpperCase()} `, { record_id: { $in: [RECORD_ID] } }],
    ['email-address, normalised', meta('email-address'), ' Ada@Example.com ', { field: 'ada@example.com' }],
    ['domain, normalised as for companies', meta('domain'), 'https://www.Acme.com/pricing', { field: 'acme.com' }],
    ['text, trimmed', meta('text'), '  Head of Engineering ', { field: 'Head of Engineering' }],
    ['personal-name "Last, First" finds the full name', meta('personal-name'), 'Lovelace, Ada', { field: { full_name: { $eq: 'Ada Lovelace' } } }],
    ['personal-name "First Last"', meta('personal-name'), 'Ada  Lovelace', { field: { full_name: { $eq: 'Ada Lovelace' } } }],
    ['number', meta('number'), '1,234.5', { field: 1234.5 }],
    ['rating', meta('rating'), 4, { field: 4 }],
    ['currency', meta('currency'), '$1,250.50', { field: { currency_value: { $eq: 1250.5 } } }],
    ['checkbox', meta('checkbox'), 'yes', { field: true }],
    ['checkbox false', meta('checkbox'), false, { field: false }],
    ['date', meta('date'), '2025-01-15T00:00:00-06:00', { field: '2025-01-15' }],
    ['date from a Unix time', meta('date'), 1736899200, { field: '2025-01-15' }],
    ['date as a year and month', meta('date'), '2025-01', { field: '2025-01' }],
    ['select by title, as Attio has it', sizes, 'medium', { field: 'Medium' }],
    ['select by option id, as its title', sizes, SMALL_ID, { field: 'Small' }],
    ['select without known options, as given', meta('select'), ' Large ', { field: 'Large' }],
    ['status by title', stages, 'in progress', { field: 'In Progress' }],
    // As a create reads "Sales,EMEA" mapped to a multiselect (values/write.ts optionItems), so a search and a create agree.
    ['a multiselect option whose title holds a comma, however spaced', meta('select', { multiselect: true, options: [{ id: SMALL_ID, title: 'Sales, EMEA' }] }), 'sales,EMEA', { field: 'Sales, EMEA' }],
    ['email-address with a quoted display name holding a comma', meta('email-address'), '"Lovelace, Ada" <Ada@Example.com>', { field: 'ada@example.com' }],
    ['email-address with a full-width local part, as a create writes it', meta('email-address'), 'ａｄａ@example.com', { field: 'ada@example.com' }],
    ['phone-number in E.164', meta('phone-number'), '+44 (20) 7946-0958', { field: { phone_number: { $eq: '+442079460958' } } }],
    ['phone-number with 00', meta('phone-number'), '0044 20 7946 0958', { field: { phone_number: { $eq: '+442079460958' } } }],
    ['record-reference by id (one allowed object)', meta('record-reference', { allowedObjectIds: [OBJECT_ID] }), RECORD_ID, { field: { target_record_id: { $eq: RECORD_ID } } }],
    ['record-reference object:id', meta('record-reference'), `companies:${RECORD_ID}`, { field: { target_record_id: { $eq: RECORD_ID } } }],
    ['the one value of a list', meta('text', { slug: 'job_title' }), ['', 'CTO'], { job_title: 'CTO' }],
  ])('%s', (...[, m, raw, expected, options]) => {
    const filter = recordFilter(m, raw, 'Search Value', options);
    expect(filter).toEqual(expected);
    expect(checkAgainstSpec('POST', `${ATTIO}/v2/objects/people/records/query`, JSON.stringify({ filter, limit: 10 }))).toEqual([]);
  });

  it.each<[string, AttributeMeta | 'record_id', unknown, string, FormatOptions?]>([
    ['record id that is not one', 'record_id', 'Ada Lovelace', 'Search Value "Ada Lovelace" is not an Attio record ID. Pick the record from the dropdown, or map the ID output by an earlier Attio step (like 891dcbfc-9141-415d-9b2a-2238a6cc012d).'],
    ['empty value', meta('text'), ['', null], 'Search Value "" is empty. Map the value to search for.'],
    ['email-address', meta('email-address'), 'ada', 'Search Value "ada" is not a valid email address. Map a field that holds one address, like ada@example.com.'],
    ['number', meta('number'), 'many', 'Search Value "many" is not a number. Map a number like 42 or 99.5.'],
    ['rating above 5', meta('rating'), 7, 'Search Value "7" is not a rating. Map a whole number from 0 to 5.'],
    ['currency', meta('currency'), 'five', 'Search Value "five" is not an amount. Map a number like 1250.5 or $1,250.50.'],
    ['currency in another currency', meta('currency', { title: 'Budget', currency: 'USD' }), 'EUR 5', 'Search Value "EUR 5" is in EUR, but Budget holds amounts in USD. Map an amount in EUR (convert it first, with a Formatter step for example), or without a currency symbol.'.replace('amount in EUR', 'amount in USD')],
    ['several values', meta('text'), ['a', 'b'], 'Search Value "["a","b"]" holds 2 values, but a record is matched on one. Map a single value.'],
    ['checkbox', meta('checkbox'), 'maybe', 'Search Value "maybe" is not true or false. Choose yes or no, or map true/false.'],
    ['date that does not exist', meta('date'), '2025-02-30', 'Search Value "2025-02-30" is not a date. Map a date like 2025-01-15.'],
    ['unknown select option, as writes say it', sizes, 'Huge', 'Search Value "Huge" is not an option of this field in Attio. Valid options: "Small", "Medium".'],
    ['personal-name with no name', meta('personal-name'), ',', 'Search Value "," is not a name. Map a name like Ada Lovelace or "Lovelace, Ada".'],
    ['national phone number even with a Phone Country', meta('phone-number'), '020 7946 0958', 'Search Value "020 7946 0958" is not a phone number in international format. Records are matched on whole numbers: include the country code, like +44 20 7946 0958.', { phoneCountry: 'GB' }],
    ['record-reference by email', meta('record-reference'), 'ada@example.com', 'Search Value "ada@example.com" is not a record ID. A linked record is matched by its ID: map the record ID output by an earlier Attio step (or write object:record_id).'],
    ['record-reference by id where several objects are allowed', meta('record-reference', { allowedObjectIds: [OBJECT_ID, RECORD_ID] }), RECORD_ID, `Search Value "${RECORD_ID}" is a record ID, but this field can link to several objects. Write it as object:record_id, like companies:891dcbfc-9141-415d-9b2a-2238a6cc012d.`],
    ['timestamp', meta('timestamp', { title: 'Last Contacted' }), '2025-01-15T10:30:00Z', 'Records cannot be matched on Last Contacted (an Attio timestamp attribute). Choose another attribute to match on.'],
    ['location', meta('location', { title: 'Office' }), 'London', 'Records cannot be matched on Office (an Attio location attribute). Choose another attribute to match on.'],
    ['actor-reference', meta('actor-reference', { title: 'Owner' }), 'alice@acme.com', 'Records cannot be matched on Owner (an Attio actor-reference attribute). Choose another attribute to match on.'],
    ['interaction', meta('interaction', { title: 'First Email' }), 'x', 'Records cannot be matched on First Email (an Attio interaction attribute). Choose another attribute to match on.'],
  ])('refuses %s, naming the field', async (...[, m, raw, expected, options]) => {
    const err = await failure(() => recordFilter(m, raw, 'Search Value', options));
    expect(err).toMatchObject({ name: 'AppError', message: expected, code: 'invalid_input' });
  });

  it('FILTERABLE_TYPES lists exactly the types recordFilter can search by', () => {
    expect([...FILTERABLE_TYPES].sort()).toEqual(
      ['checkbox', 'currency', 'date', 'domain', 'email-address', 'number', 'personal-name', 'phone-number', 'rating', 'record-reference', 'select', 'status', 'text'],
    );
    for (const type of ['timestamp', 'location', 'actor-reference', 'interaction'] as const) expect(FILTERABLE_TYPES.has(type)).toBe(false);
  });
});

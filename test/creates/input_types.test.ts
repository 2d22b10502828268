// Every operation reads what Zapier hands it (strings, numbers, booleans, arrays of line items, objects)
// through the shared checks in src/values/parse.ts: what makes sense is written as meant, the rest is
// refused naming the field before any request. One table across operations, through the app tester.
import { perform as addToList } from '../../src/creates/add_to_list';
import { perform as createComment } from '../../src/creates/create_comment';
import { perform as createCompany } from '../../src/creates/create_company';
import { perform as createNote } from '../../src/creates/create_note';
import { perform as createRecord } from '../../src/creates/create_record';
import { perform as createTask } from '../../src/creates/create_task';
import { perform as groupWorkspace } from '../../src/creates/group_workspace';
import { perform as identifyUser } from '../../src/creates/identify_user';
import { perform as updateRecord } from '../../src/creates/update_record';
import { perform as deleteRecord } from '../../src/creates/delete_record';
import { perform as removeFromList } from '../../src/creates/remove_from_list';
import { perform as updateListEntry } from '../../src/creates/update_list_entry';
import { perform as findRecords } from '../../src/searches/find_records';
import { perform as findCompany } from '../../src/searches/find_company';
import { perform as findListEntry } from '../../src/searches/find_list_entry';
import { perform as findRecord } from '../../src/searches/find_record';
import { appTester, attio, makeBundle } from '../helpers/app';
import { sentRequests } from '../helpers/contract';
import { failure } from '../fixtures/people_companies';

const PERSON_ID = '891dcbfc-9141-415d-9b2a-2238a6cc012d';
const MEMBER_ID = '50cf242c-7fa3-4cad-87d0-75b1af71c57b';

type Perform = (z: never, bundle: never) => Promise<unknown>;

describe('operations refuse what is no value for a field, before any request', () => {
  it.each<[string, Perform, Record<string, unknown>, string]>([
    ['Create Note: a title that is a group of fields', createNote as Perform, { parent_object: 'people', parent_record_id: PERSON_ID, title: { text: 'Hi' }, content: 'x' }, 'Title "{"text":"Hi"}" is a group of fields, not one value. Map one field of it.'],
    ['Create Note: a format of __proto__', createNote as Perform, { parent_object: 'people', parent_record_id: PERSON_ID, title: 'T', content: 'x', format: '__proto__' }, 'Format "__proto__" is not one of the choices. Choose one of: plaintext (Plain text), markdown (Markdown).'],
    ['Create Note: a format of toString', createNote as Perform, { parent_object: 'people', parent_record_id: PERSON_ID, title: 'T', content: 'x', format: 'toString' }, 'Format "toString" is not one of the choices. Choose one of: plaintext (Plain text), markdown (Markdown).'],
    ['Create Task: content as several line items', createTask as Perform, { content: ['Call', 'Email'] }, 'Content "["Call","Email"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).'],
    ['Create Task: a linked domain that is a group of fields', createTask as Perform, { content: 'x', linked_company_domains: [{ domain: 'acme.com' }] }, 'Linked Company Domains "{"domain":"acme.com"}" is a group of fields, not a value. Map one field of it for each item.'],
    ['Create Comment: content that is a group of fields', createComment as Perform, { content: { a: 1 }, author: MEMBER_ID, object: 'people', record_id: PERSON_ID }, 'Content "{"a":1}" is a group of fields, not one value. Map one field of it.'],
    ['Create Comment: an author as several values', createComment as Perform, { content: 'x', author: [MEMBER_ID, MEMBER_ID], object: 'people', record_id: PERSON_ID }, `Author "["${MEMBER_ID}","${MEMBER_ID}"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).`],
    ['Identify User: a User ID as several values', identifyUser as Perform, { email: 'ada@example.com', user_id: ['usr_1', 'usr_2'] }, 'User ID "["usr_1","usr_2"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).'],
    ['Identify User: a User ID that is a yes/no', identifyUser as Perform, { email: 'ada@example.com', user_id: true }, 'User ID "true" is a yes/no value, not text. Map the field that holds it.'],
    ['Group Workspace: a Workspace ID that is a group of fields', groupWorkspace as Perform, { domain: 'acme.com', workspace_id: { id: 'ws_1' } }, 'Workspace ID "{"id":"ws_1"}" is a group of fields, not one value. Map one field of it.'],
    ['Group Workspace: several domains', groupWorkspace as Perform, { domain: ['acme.com', 'globex.com'], workspace_id: 'ws_1' }, 'Domain "["acme.com","globex.com"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).'],
    ['Create or Update Company: a name that is a group of fields', createCompany as Perform, { domain: 'acme.com', name: { first: 'Acme' } }, 'Name "{"first":"Acme"}" is a group of fields, not one value. Map one field of it.'],
    ['Add to List: a list of "."', addToList as Perform, { list: '.', parent_record_id: PERSON_ID }, 'List "." is not an Attio list. Choose the list from the dropdown, or map its API slug or ID.'],
    ['Add to List: an empty list', addToList as Perform, { list: '', parent_record_id: PERSON_ID }, 'List "" is empty. Choose the list from the dropdown.'],
    ['Find List Entry: a list of ".."', findListEntry as Perform, { list: '..', parent_record_id: PERSON_ID }, 'List ".." is not an Attio list. Choose the list from the dropdown, or map its API slug or ID.'],
    ['Create or Update Record: an object of "."', createRecord as Perform, { object: '.', values__name: 'x' }, 'Object "." is not an Attio object. Choose the object from the dropdown, or map its API slug or ID.'],
    ['Update Record: a Multiselect Mode of constructor', updateRecord as Perform, { object: 'people', record_id: PERSON_ID, multiselect_mode: 'constructor', values__job_title: 'CTO' }, 'Multiselect Mode "constructor" is not one of the choices. Choose one of: append (Add to the existing values), replace (Replace the existing values).'],
    ['Find Record: several values', findRecord as Perform, { object: 'people', attribute: 'record_id', value: [PERSON_ID, PERSON_ID] }, `Record ID "["${PERSON_ID}","${PERSON_ID}"]" holds 2 values, but a record is matched on one. Map a single value.`],
    // An empty or dot object or list became /objects//records/… or /objects/./records/… (which a URL folds
    // into another path): Attio's 404 for that route read as "already deleted", a silent success.
    ['Delete Record: an empty object', deleteRecord as Perform, { object: '', record_id: PERSON_ID }, 'Object "" is empty. Choose the object from the dropdown.'],
    ['Delete Record: an object of "."', deleteRecord as Perform, { object: '.', record_id: PERSON_ID }, 'Object "." is not an Attio object. Choose the object from the dropdown, or map its API slug or ID.'],
    ['Delete Record: an object of ".." by attribute', deleteRecord as Perform, { object: '..', attribute: 'name', value: 'x' }, 'Object ".." is not an Attio object. Choose the object from the dropdown, or map its API slug or ID.'],
    ['Find Records: an object of ".."', findRecords as Perform, { object: '..', attribute: 'record_id', value: PERSON_ID }, 'Object ".." is not an Attio object. Choose the object from the dropdown, or map its API slug or ID.'],
    ['Remove Record from List: an empty list', removeFromList as Perform, { list: ' ', parent_record_id: PERSON_ID }, 'List " " is empty. Choose the list from the dropdown.'],
    ['Remove Record from List: a list of "."', removeFromList as Perform, { list: '.', parent_record_id: PERSON_ID }, 'List "." is not an Attio list. Choose the list from the dropdown, or map its API slug or ID.'],
    ['Update List Entry: a list of ".."', updateListEntry as Perform, { list: '..', entry_id: PERSON_ID, values__stage: 'Won' }, 'List ".." is not an Attio list. Choose the list from the dropdown, or map its API slug or ID.'],
    ['Find Company: a public suffix', findCompany as Perform, { domain: 'co.uk' }, 'Domain "co.uk" is not a domain. Map a website address, a domain like acme.com, or an email address at the company\'s domain.'],
  ])('%s', async (_what, perform, inputData, message) => {
    const err = await failure(() => appTester(perform as never, makeBundle({ inputData })));
    expect(err).toMatchObject({ name: 'AppError', message });
    expect(sentRequests()).toHaveLength(0);
  });
});

describe('operations write what makes sense as meant', () => {
  it('Create Note writes a numeric title as its text, and the format chosen by its label', async () => {
    const scope = attio()
      .post('/v2/notes', { data: { parent_object: 'people', parent_record_id: PERSON_ID, title: '2025', format: 'markdown', content: '42' } })
      .reply(200, {
        data: {
          id: { workspace_id: MEMBER_ID, note_id: PERSON_ID },
          parent_object: 'people',
          parent_record_id: PERSON_ID,
          title: '2025',
          meeting_id: null,
          content_plaintext: '42',
          content_markdown: '42',
          tags: [],
          created_by_actor: { type: 'api-token', id: MEMBER_ID },
          created_at: '2025-01-15T10:30:00.000000000Z',
        },
      });
    await appTester(createNote as never, makeBundle({ inputData: { parent_object: 'people', parent_record_id: PERSON_ID, title: 2025, content: 42, format: 'Markdown' } }));
    scope.done();
  });

  it('Identify User writes a numeric User ID as its text', async () => {
    const person = { id: { workspace_id: MEMBER_ID, object_id: MEMBER_ID, record_id: PERSON_ID }, created_at: '2025-01-15T10:30:00.000000000Z', web_url: 'https://app.attio.com/x', values: {} };
    attio()
      .put('/v2/objects/people/records', { data: { values: { email_addresses: [{ email_address: 'ada@example.com' }] } } })
      .query({ matching_attribute: 'email_addresses' })
      .reply(200, { data: person });
    const users = attio()
      .put('/v2/objects/users/records', {
        data: {
          values: {
            user_id: [{ value: '12345' }],
            primary_email_address: [{ email_address: 'ada@example.com' }],
            person: [{ target_object: 'people', target_record_id: PERSON_ID }],
          },
        },
      })
      .query({ matching_attribute: 'user_id' })
      .reply(200, { data: { ...person, id: { ...person.id, record_id: MEMBER_ID } } });
    await appTester(identifyUser as never, makeBundle({ inputData: { email: 'ada@example.com', user_id: 12345 } }));
    users.done();
  });
});

// Zapier's publishing checks, offline: the real app must pass every statically checkable one, and each
// check family must catch a definition that breaks it (test/helpers/publishing.ts says what is covered).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import App from '../src/index';
import { attio, loadInputFields } from './helpers/app';
import nock from 'nock';
import { options, peopleAttributes } from './fixtures/people_companies';
import { listAttribute, statuses as listStatuses } from './fixtures/lists';
import { dealAttributes, projectAttributes, statuses } from './fixtures/records';
import { checkAppDefinition, dynamicFieldDependencyProblems, inputFieldListProblems, markdownProblems, titleCaseViolation } from './helpers/publishing';

const SRC = path.join(__dirname, '..', 'src');
/** Attio's write limit (attio-api.md §7.1: 25 write requests per second across the API). */
const ATTIO_WRITES_PER_SECOND = 25;

describe('publishing checks: the app', () => {
  it('passes every offline publishing check', () => {
    expect(checkAppDefinition(App, { srcDir: SRC, appName: 'Attio', maxWritesPerSecond: ATTIO_WRITES_PER_SECOND })).toEqual([]);
  });

  // The attribute fields appear only once an object is chosen; the editor shows them as one form, so the
  // ordering, help and label rules apply to the loaded list (a deal's required Deal Name, Deal Stage and
  // Deal Owner must not sit below the optional matching fields).
  it.each([
    ['deals', () => {
      attio().get('/v2/objects/deals/attributes').reply(200, { data: dealAttributes() });
      attio().get('/v2/objects/deals/attributes/stage/statuses').reply(200, { data: statuses(['Lead', 'Won']) });
    }],
    ['projects', () => {
      attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() });
      attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active', 'Done']) });
      attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(['Low', 'Medium', 'High']) });
      attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3']) });
    }],
  ])('Create or Update Record, once %s is chosen, passes the field rules', async (object, mock) => {
    mock();
    const fields = await loadInputFields(App.creates.create_record!, { object });
    expect(fields.length).toBeGreaterThan(3);
    expect(inputFieldListProblems(fields, `create_record(${object})`)).toEqual([]);
  });

  it("Add or Update List Entry, once a list is chosen, lists the list's required attributes first", async () => {
    // Attio returns attributes in the list's column order: an optional one may precede a required one.
    attio()
      .get('/v2/lists/sales/attributes')
      .reply(200, {
        data: [
          listAttribute('deal_value', 'currency', { title: 'Deal value' }),
          listAttribute('stage', 'status', { title: 'Stage', is_required: true }),
        ],
      })
      .get('/v2/lists/sales/attributes/stage/statuses')
      .reply(200, { data: listStatuses(['Lead', 'Won']) });
    const fields = await loadInputFields(App.creates.add_to_list!, { list: 'sales' });
    expect(fields.map((f) => f.key)).toContain('values__stage');
    expect(inputFieldListProblems(fields, 'add_to_list(sales)')).toEqual([]);
  });

  // The steps whose fields follow a chosen object, once People is chosen, as the editor shows the whole form.
  // Not Create or Update Person: its People attributes come after its static fields (a field function's
  // fields follow the static ones), so a workspace's required custom attribute sits below First Name.
  it.each(['create_record', 'update_record', 'delete_record', 'find_record', 'find_records'])(
    '%s, loaded for People, passes the field rules',
    async (key) => {
      type Step = { operation: { inputFields?: unknown } };
      const op = ((App.creates as Record<string, Step>)[key] ?? (App.searches as Record<string, Step>)[key])!;
      attio().get('/v2/objects/people/attributes').reply(200, { data: peopleAttributes() }).persist();
      attio().get('/v2/objects/people/attributes/lead_source/options').reply(200, { data: options(['Website', 'Referral']) }).persist();
      attio().get('/v2/objects/people/attributes/interests/options').reply(200, { data: options(['Analytics', 'Engines']) }).persist();
      try {
        const fields = await loadInputFields(op, { object: 'people' });
        const staticCount = (op.operation.inputFields as unknown[]).filter((f) => typeof f !== 'function').length;
        expect(fields.length).toBeGreaterThan(staticCount);
        expect(inputFieldListProblems(fields, `${key}(people)`)).toEqual([]);
      } finally {
        nock.cleanAll(); // the steps read different parts of the catalogue; what they read is tested elsewhere
      }
    },
  );

  it('marks every field its dynamic fields read with altersDynamicFields', async () => {
    expect(await dynamicFieldDependencyProblems(App)).toEqual([]);
  });
});

// ------------------------------------------------------------------ a fake app, good, then broken

const noop = async () => ({});
/** A dynamic-field function: the checks cannot look inside it and must skip it. */
const dynamicFields = async () => [{ key: 'custom_id', label: 'custom id' }];

function goodApp() {
  return {
    version: '1.0.0',
    platformVersion: '19.1.0',
    authentication: {
      type: 'oauth2',
      connectionLabel: '{{workspace_name}}' as unknown,
      test: noop as unknown,
      fields: [{ key: 'subdomain', label: 'Subdomain', helpText: 'Found in [your settings](https://app.example.com/settings).' }],
    },
    triggers: {
      list_things: {
        key: 'list_things',
        noun: 'Thing',
        display: { label: 'List Things', description: 'Lists things, for dropdowns.', hidden: true },
        operation: { perform: noop },
      },
      new_thing: {
        key: 'new_thing',
        noun: 'Thing',
        display: { label: 'New Thing', description: 'Triggers when a thing is created.' },
        operation: {
          type: 'polling',
          inputFields: [{ key: 'object', label: 'Object', dynamic: 'list_things.id.name', helpText: 'The kind of thing to watch.' }],
          perform: noop,
          sample: {
            id: 'thing-1',
            name: 'Acme',
            created_at: '2025-01-15T10:30:00.000+00:00',
            due_on: '2025-02-01',
            domains: ['acme.com'],
            employees: 12,
            parent: { name: 'Acme Holdings' },
            tags: [{ title: 'VIP' }],
          } as Record<string, unknown>,
          outputFields: [
            { key: 'id', label: 'Thing ID', type: 'string', required: true },
            { key: 'name', label: 'Name', type: 'string' },
            { key: 'created_at', label: 'Created At', type: 'datetime' },
            { key: 'due_on', label: 'Due On', type: 'string' },
            { key: 'domains', label: 'Domains', type: 'string', list: true },
            { key: 'employees', label: 'Number of Employees', type: 'integer' },
            { key: 'parent__name', label: 'Parent Name' },
            { key: 'tags', label: 'Tags', children: [{ key: 'title', label: 'Tag Title' }] },
          ] as Record<string, unknown>[],
        },
      },
    },
    creates: {
      create_thing: {
        key: 'create_thing',
        noun: 'Thing',
        display: { label: 'Create Thing', description: 'Creates a thing.' },
        operation: {
          inputFields: [
            { key: 'name', label: 'Name', required: true, helpText: 'See `[brackets]` and [the docs](https://docs.example.com/things).' },
            { key: 'owner_id', label: 'Owner', dynamic: 'list_things.id.name', search: 'find_thing.id' },
            dynamicFields,
          ] as unknown[],
          perform: noop,
          sample: { id: 'thing-1', name: 'Acme' } as Record<string, unknown>,
          outputFields: [
            { key: 'id', label: 'Thing ID' },
            { key: 'name', label: 'Name' },
          ],
        },
      },
    },
    searches: {
      find_thing: {
        key: 'find_thing',
        noun: 'Thing',
        display: { label: 'Find Thing', description: 'Finds a thing by name.' },
        operation: {
          inputFields: [{ key: 'name', label: 'Name', required: true }] as unknown[],
          perform: noop,
          sample: { id: 'thing-1', name: 'Acme' } as Record<string, unknown>,
          outputFields: [
            { key: 'id', label: 'Thing ID' },
            { key: 'name', label: 'Name' },
          ],
        },
      },
    },
    searchOrCreates: {
      find_thing: {
        key: 'find_thing',
        display: { label: 'Find or Create Thing', description: 'Finds a thing, or creates it.' },
        search: 'find_thing',
        create: 'create_thing',
      },
    },
  };
}
type FakeApp = ReturnType<typeof goodApp>;

/** The check IDs a definition fails, sorted (a check may fire for several fields). */
function ids(app: FakeApp, srcDir?: string): string[] {
  const problems = checkAppDefinition(app, { srcDir, appName: 'Thingify', maxWritesPerSecond: 10 });
  return [...new Set(problems.map((p) => p.slice(0, p.indexOf(' '))))].sort();
}
type Loose = Record<string, unknown>;

describe('publishing checks: a good fake app', () => {
  it('has no problems (so each broken copy below fails only for its defect)', () => {
    expect(checkAppDefinition(goodApp(), { appName: 'Thingify', maxWritesPerSecond: 10 })).toEqual([]);
  });

  it('accepts an id from outside Attio without a dropdown when it is marked meta.external_id', () => {
    const app = goodApp();
    app.creates.create_thing.operation.inputFields.push({ key: 'user_id', label: 'User ID', meta: { external_id: true } });
    expect(checkAppDefinition(app)).toEqual([]);
  });
});

describe('publishing checks: each family fails on a bad definition', () => {
  const cases: [string, (app: FakeApp) => void, string[]][] = [
    ['D003 no connection label', (a) => { a.authentication.connectionLabel = undefined; }, ['D003']],
    ['D004 a text field for an ID', (a) => { a.creates.create_thing.operation.inputFields.push({ key: 'company_id', label: 'Company' }); }, ['D004']],
    ['D004 a label saying ID', (a) => { a.searches.find_thing.operation.inputFields.push({ key: 'company', label: 'Company ID' }); }, ['D004']],
    ['D004 external_id set to something other than true', (a) => { a.creates.create_thing.operation.inputFields.push({ key: 'user_id', label: 'User ID', meta: { external_id: 'yes' } }); }, ['D004']],
    ['D005 dropdown on a missing trigger', (a) => { a.triggers.new_thing.operation.inputFields[0]!.dynamic = 'list_gone.id.name'; }, ['D005']],
    ['D008 bare URL in help text', (a) => { a.triggers.new_thing.operation.inputFields[0]!.helpText = 'See https://docs.example.com.'; }, ['D008']],
    ['D008 broken link in a description', (a) => { a.creates.create_thing.display.description = 'Creates a thing ([docs](docs.example.com)).'; }, ['D008']],
    ['D007 plain-http link', (a) => { a.authentication.fields[0]!.helpText = 'See [settings](http://app.example.com).'; }, ['D007']],
    ['D009 search without fields', (a) => { a.searches.find_thing.operation.inputFields = [dynamicFields]; }, ['D009']],
    ['D010 polling sample without id', (a) => { Reflect.deleteProperty(a.triggers.new_thing.operation.sample, 'id'); }, ['D010', 'D024']],
    ['D010 object id', (a) => { a.triggers.new_thing.operation.sample.id = { record_id: 'x' }; }, ['D010', 'D024']],
    ['D011 help text repeating the label', (a) => { a.triggers.new_thing.operation.inputFields[0]!.helpText = 'Object.'; }, ['D011']],
    ['D012 visible create without sample', (a) => { Reflect.deleteProperty(a.creates.create_thing.operation, 'sample'); }, ['D012']],
    ['OUTPUT visible search without outputFields', (a) => { Reflect.deleteProperty(a.searches.find_thing.operation, 'outputFields'); }, ['D024', 'OUTPUT']],
    ['D013/D014 search connector to nowhere, no dropdown', (a) => {
      a.creates.create_thing.operation.inputFields.push({ key: 'parent', label: 'Parent', search: 'find_gone.id' });
    }, ['D013', 'D014']],
    ['D015 search-or-create on a missing create', (a) => { a.searchOrCreates.find_thing.create = 'create_gone'; }, ['D015']],
    ['D018 lower-case operation label', (a) => { a.creates.create_thing.display.label = 'Create thing'; }, ['D018']],
    ['D018 lower-case field label', (a) => { a.searches.find_thing.operation.inputFields.push({ key: 'city', label: 'home city' }); }, ['D018']],
    ['D018 lower-case output label', (a) => { a.searches.find_thing.operation.outputFields[1]!.label = 'full name'; }, ['D018']],
    ['D021 trigger description', (a) => { a.triggers.new_thing.display.description = 'Fires for every new thing.'; }, ['D021']],
    ['D021 no final period', (a) => { a.triggers.new_thing.display.description = 'Triggers when a thing is created'; }, ['D021']],
    ['D022 create without static fields', (a) => { a.creates.create_thing.operation.inputFields = [dynamicFields]; }, ['D022']],
    ['D023 timestamp without offset', (a) => { a.triggers.new_thing.operation.sample.created_at = '2025-01-15T10:30:00'; }, ['D023']],
    ['D023 US date', (a) => { a.triggers.new_thing.operation.sample.due_on = '01/15/2025'; }, ['D023']],
    ['D023 epoch in a datetime field', (a) => { a.triggers.new_thing.operation.sample.created_at = 1736937000; }, ['D023', 'D024']],
    ['D024 sample key not in outputFields', (a) => { a.triggers.new_thing.operation.sample.secret_score = 3; }, ['D024']],
    ['D024 nested sample key not in outputFields', (a) => { a.triggers.new_thing.operation.sample.parent = { name: 'A', size: 3 }; }, ['D024']],
    ['D024 type mismatch', (a) => { a.triggers.new_thing.operation.sample.employees = '12'; }, ['D024']],
    ['D024 required output missing', (a) => { a.triggers.new_thing.operation.outputFields.push({ key: 'web_url', label: 'Web URL', required: true }); }, ['D024']],
    ['LABEL trigger not "New …"', (a) => { a.triggers.new_thing.display.label = 'Thing Created'; }, ['LABEL']],
    ['LABEL search not "Find …"', (a) => { a.searches.find_thing.display.label = 'Get Thing'; }, ['LABEL']],
    ['LABEL create not "Create …"/"Add …"/"Update …"', (a) => { a.creates.create_thing.display.label = 'Make Thing'; }, ['LABEL']],
    ['LABEL search-or-create', (a) => { a.searchOrCreates.find_thing.display.label = 'Find Thing (or Create)'; }, ['LABEL']],
    ['DESC create description', (a) => { a.creates.create_thing.display.description = 'Makes a thing.'; }, ['DESC']],
    ['DESC search description', (a) => { a.searches.find_thing.display.description = 'Finds a thing by name'; }, ['DESC']],
    // The review rules (integration publishing requirements, by section; see test/helpers/publishing.ts).
    ['NAME 5.1 action description naming the integration', (a) => { a.creates.create_thing.display.description = 'Creates a thing in Thingify.'; }, ['NAME']],
    ['NAME 6.1 search-or-create description naming the integration', (a) => { a.searchOrCreates.find_thing.display.description = 'Finds a thing in Thingify, or creates it.'; }, ['NAME']],
    ['NOUN 4.1 plural noun', (a) => { a.triggers.new_thing.noun = 'Things'; }, ['NOUN']],
    ['NOUN 4.1 noun capitalised in the description', (a) => { a.triggers.new_thing.display.description = 'Triggers when a Thing is created.'; }, ['NOUN']],
    ['CONCISE 4.1 trigger description with more than a handful of words', (a) => {
      a.triggers.new_thing.display.description = 'Triggers when a thing is created, with its name, its parent, its tags, its domains and its number of employees.';
    }, ['CONCISE']],
    ['ORDER 5.2.2 required field after an optional one', (a) => { a.creates.create_thing.operation.inputFields.push({ key: 'city', label: 'City', required: true }); }, ['ORDER']],
    ['ORDER 4.2.5 in a trigger', (a) => {
      a.triggers.new_thing.operation.inputFields.push({ key: 'region', label: 'Region', required: true, helpText: 'Only things in this region.' } as never);
    }, ['ORDER']],
    ['HELP help text that is not a sentence', (a) => { a.triggers.new_thing.operation.inputFields[0]!.helpText = 'the kind of thing to watch'; }, ['HELP']],
    ['HELP help text without a full stop', (a) => { a.triggers.new_thing.operation.inputFields[0]!.helpText = 'The kind of thing to watch'; }, ['HELP']],
    ['LIST 5.2.6 comma-separated values in a plain field', (a) => {
      a.creates.create_thing.operation.inputFields.push({ key: 'tags', label: 'Tags', helpText: 'Tags to add, comma-separated.' });
    }, ['LIST']],
    ['OUTPUT 4.8 output field without a label', (a) => { Reflect.deleteProperty(a.searches.find_thing.operation.outputFields[1]!, 'label'); }, ['OUTPUT']],
    ['OUTPUT 4.8 two output fields with one label', (a) => { a.searches.find_thing.operation.outputFields[1]!.label = 'Thing ID'; }, ['OUTPUT']],
    ['OUTPUT an output key listed twice', (a) => { a.searches.find_thing.operation.outputFields.push({ key: 'name', label: 'Thing Name' }); }, ['OUTPUT']],
    ['D006 REST hook without performList', (a) => {
      Object.assign(a.triggers.new_thing.operation as Loose, { type: 'hook', performSubscribe: noop, performUnsubscribe: noop });
    }, ['D006']],
    ['D017 REST hook without subscribe/unsubscribe (a static hook)', (a) => {
      Object.assign(a.triggers.new_thing.operation as Loose, { type: 'hook', performList: noop });
    }, ['D017']],
    ['SEARCH 5.2.1 dropdown of a searchable object without a search connector', (a) => {
      Reflect.deleteProperty(a.creates.create_thing.operation.inputFields[1] as Loose, 'search');
    }, ['SEARCH']],
    ['D013 search connector naming a key the search does not return', (a) => { (a.creates.create_thing.operation.inputFields[1] as Loose).search = 'find_thing.uuid'; }, ['D013']],
    ['SOC search and create of different nouns', (a) => { a.creates.create_thing.noun = 'Widget'; }, ['SOC']],
    ['SOC search and create with different output keys', (a) => {
      a.creates.create_thing.operation.sample.url = 'https://example.com/things/1';
      a.creates.create_thing.operation.outputFields.push({ key: 'url', label: 'Thing URL' });
    }, ['SOC']],
    ['NOUN 6.2 search label not naming its noun', (a) => { a.searches.find_thing.display.label = 'Find Widget'; }, ['NOUN']],
    ['OUTPUT 4.8 an ID labelled without "ID"', (a) => { a.searches.find_thing.operation.outputFields[0]!.label = 'Thing'; }, ['OUTPUT']],
    ['AUTH no test request', (a) => { (a.authentication as Loose).test = undefined; }, ['AUTH']],
    ['SAMPLE 4.7 a placeholder value', (a) => { a.triggers.new_thing.operation.sample.name = 'string'; }, ['SAMPLE']],
    ['SAMPLE 5.4 an all-zero ID', (a) => { a.creates.create_thing.operation.sample.id = '00000000-0000-4000-8000-000000000001'; }, ['SAMPLE']],
    ['SOC description not "Finds …"', (a) => { a.searchOrCreates.find_thing.display.description = 'Looks for a thing, or creates it.'; }, ['SOC']],
    ['THROTTLE above the API write limit', (a) => { (a.creates.create_thing.operation as Loose).throttle = { window: 1, limit: 50, scope: ['auth'] }; }, ['THROTTLE']],
    ['THROTTLE without a positive window', (a) => { (a.creates.create_thing.operation as Loose).throttle = { window: 0, limit: 5 }; }, ['THROTTLE']],
    ['KEY not snake_case', (a) => {
      const creates = a.creates as Record<string, unknown>;
      creates.createThing = { ...a.creates.create_thing, key: 'createThing' };
    }, ['KEY']],
    ['KEY operation key differs from its app key', (a) => { a.searches.find_thing.key = 'find_things'; }, ['KEY']],
  ];

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const app = goodApp();
    breakIt(app);
    expect(ids(app)).toEqual(expected);
  });

  it('skips the grammar and sample rules for hidden operations, but not the dropdown references', () => {
    const app = goodApp();
    app.triggers.list_things.display.label = 'things for dropdowns';
    expect(checkAppDefinition(app)).toEqual([]);
    (app.triggers.list_things.operation as Record<string, unknown>).inputFields = [{ key: 'x', label: 'X', dynamic: 'nowhere.id.name' }];
    expect(checkAppDefinition(app)).toEqual(['D005 triggers.list_things.inputFields.x: dynamic "nowhere.id.name" does not point at an existing trigger']);
  });

  it('names the check, the operation and the fault', () => {
    const app = goodApp();
    app.triggers.new_thing.display.description = 'When a thing is created.';
    expect(checkAppDefinition(app)).toEqual(["D021 triggers.new_thing: description must start with 'Triggers when ' and end with '.'"]);
  });
});

describe('publishing checks: keys equal file names', () => {
  let src: string;
  beforeAll(() => {
    src = fs.mkdtempSync(path.join(os.tmpdir(), 'publishing-src-'));
    const files: Record<string, string> = {
      'triggers/new_thing.ts': "export default { key: 'new_thing' };",
      'dropdowns/list_things.ts': [
        'export const perform = (async () => []) satisfies PollingTriggerPerform<{}, { id: string; name: string }>;',
        "export default { key: 'list_things' };",
      ].join('\n'),
      'creates/create_thing.ts': "export default { key: 'create_thing' };",
      'searches/find_thing.ts': "export default { key: 'find_thing' };",
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
      fs.writeFileSync(path.join(src, file), text);
    }
  });
  afterAll(() => fs.rmSync(src, { recursive: true, force: true }));

  it('accepts one file per operation named after its key', () => {
    expect(checkAppDefinition(goodApp(), { srcDir: src })).toEqual([]);
  });

  it('fails an operation without its file, a file defining another key, and an unregistered file', () => {
    const app = goodApp();
    const searches = app.searches as Record<string, unknown>;
    searches.find_other = { ...app.searches.find_thing, key: 'find_other' };
    fs.writeFileSync(path.join(src, 'creates', 'create_thing.ts'), "export default { key: 'create_other' };");
    fs.writeFileSync(path.join(src, 'triggers', 'new_orphan.ts'), "export default { key: 'new_orphan' };");
    try {
      expect(checkAppDefinition(app, { srcDir: src })).toEqual([
        "KEY triggers.new_orphan: triggers/new_orphan.ts is not registered in the app's triggers",
        "KEY creates.create_thing: creates/create_thing.ts does not define key 'create_thing'",
        'KEY searches.find_other: no file src/searches/find_other.ts (one operation per file, named after its key)',
      ]);
    } finally {
      fs.writeFileSync(path.join(src, 'creates', 'create_thing.ts'), "export default { key: 'create_thing' };");
      fs.rmSync(path.join(src, 'triggers', 'new_orphan.ts'));
    }
  });

  it("fails a dropdown whose id or label key is not in the rows its trigger declares (D005)", () => {
    const app = goodApp();
    app.triggers.new_thing.operation.inputFields[0]!.dynamic = 'list_things.id.title';
    expect(checkAppDefinition(app, { srcDir: src })).toEqual([
      'D005 triggers.new_thing.inputFields.object: dynamic "list_things.id.title": list_things returns no "title" for the label',
    ]);
  });

  it('keeps hidden dropdown triggers in src/dropdowns and steps a Zap builder picks in src/triggers', () => {
    const app = goodApp();
    const triggers = app.triggers as Record<string, { display: { hidden?: boolean } }>;
    triggers.list_things = { ...triggers.list_things!, display: { ...triggers.list_things!.display, hidden: false } };
    expect(checkAppDefinition(app, { srcDir: src })).toContain(
      'KEY triggers.list_things: no file src/triggers/list_things.ts (one operation per file, named after its key)',
    );
  });
});

describe('publishing checks: text rules', () => {
  it.each([
    ['Create or Update Person', undefined],
    ['Add or Update List Entry', undefined],
    ['Find or Create Person', undefined],
    ['New Record in List', undefined],
    ['Record ID', undefined],
    ['Web URL', undefined],
    ['2FA Code for iPhone', undefined],
    ['Create task', 'task'],
    ['and Then', 'and'],
  ])('Title Case: %s', (label, violation) => {
    expect(titleCaseViolation(label)).toBe(violation);
  });

  it.each([
    ['Plain text.', 0],
    ['See [Attio docs](https://docs.attio.com/rest-api).', 0],
    ['Use `https://example.com` literally, or `[a]`.', 0],
    ['Email [support](mailto:support@example.com).', 0],
    ['See https://docs.attio.com.', 1],
    ['See www.attio.com.', 1],
    ['See <https://docs.attio.com>.', 1],
    ['See [docs](docs.attio.com).', 1],
    ['See [docs] (https://docs.attio.com).', 1],
    ['See [docs](https://docs.attio.com.', 1],
    ['See [](https://docs.attio.com).', 1],
  ])('Markdown links: %s', (text, count) => {
    expect(markdownProblems(text).d008).toHaveLength(count);
  });
});

describe('publishing checks: altersDynamicFields (ALTERS)', () => {
  /** A dynamic-field function that shapes its fields by the chosen object, as the attribute fields do. */
  const byObject = async (z: { request: (o: object) => Promise<unknown> }, bundle: { inputData: Record<string, unknown> }) => {
    await z.request({ url: `https://api.example.com/objects/${String(bundle.inputData.object)}/attributes` });
    return [];
  };

  it('fails a field the dynamic fields read when it does not refresh them', async () => {
    const app = goodApp();
    (app.triggers.new_thing.operation.inputFields as unknown[]).push(byObject);
    expect(await dynamicFieldDependencyProblems(app)).toEqual([
      'ALTERS triggers.new_thing.inputFields.object: the dynamic fields read it, so it needs altersDynamicFields: true',
    ]);
  });

  it('passes it with altersDynamicFields: true, and a function reading nothing', async () => {
    const app = goodApp();
    (app.triggers.new_thing.operation.inputFields as unknown[]).push(byObject);
    (app.triggers.new_thing.operation.inputFields[0] as Loose).altersDynamicFields = true;
    expect(await dynamicFieldDependencyProblems(app)).toEqual([]);
  });
});

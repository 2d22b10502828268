import nock from 'nock';
import { perform } from '../../src/creates/create_record';
import { appTester, attio, makeBundle } from '../helpers/app';
import { projectAttributes, PROJECT_ID, record, statuses, text } from '../fixtures/records';
import { options } from '../fixtures/people_companies';
import { useVirtualClock } from '../helpers/clock';
useVirtualClock();

const cases: Array<[string, unknown]> = [
  ['hours_estimate', '1e3'], ['hours_estimate', '  12 '], ['hours_estimate', true], ['hours_estimate', '0x10'], ['hours_estimate', '1.234,5'], ['hours_estimate', '-0'], ['hours_estimate', 'null'],
  ['budget', '1e3'], ['budget', '$12'], ['budget', '€ 1,000.50'], ['budget', '12 EUR'], ['budget', true], ['budget', '1.5e2'],
  ['due_date', '2024-02-30'], ['due_date', 'tomorrow'], ['due_date', '2024-02-29'], ['due_date', '2025-01-15T23:30:00-06:00'], ['due_date', 1736899200], ['due_date', '2025'], ['due_date', '01/15/2025'],
  ['kickoff_at', '2025-01-15'], ['kickoff_at', '2025-01-15 10:30'], ['kickoff_at', 'now'], ['kickoff_at', 1736899200000],
  ['health', '5'], ['health', '4.0'], ['health', 6], ['health', '3.5'], ['health', true],
  ['is_billable', 'TRUE'], ['is_billable', '0'], ['is_billable', 'null'], ['is_billable', 'Y'], ['is_billable', 0], ['is_billable', 1],
  ['name', 0], ['name', false], ['name', '  '], ['name', 'null'], ['name', { a: 1 }], ['name', ['a']], ['name', ['a', 'b']],
  ['owner', 'Alice'], ['owner', 'alice@example.com'],
  ['company', 'acme.com'], ['company', 'ada@example.com'], ['company', 'Acme Inc'],
  ['contact_email', 'Ada <ada@example.com>'], ['contact_email', 'mailto:ada@example.com'],
  ['hotline', '+1 (555) 123-4567'], ['hotline', 15551234567], ['hotline', '555-1234'],
  ['site', 'www.Acme.com'], ['site', 'http://localhost'], ['site', 'acme'],
  ['priority', 'high'], ['priority', 'Urgent'], ['priority', ['High']],
  ['tags', 'Urgent, Q3'], ['tags', ['Urgent', '']],
  ['status', 'active'],
];

test.each(cases)('%s = %j', async (slug, raw) => {
  attio().get('/v2/objects/projects/attributes').reply(200, { data: projectAttributes() }).persist();
  attio().get('/v2/objects/projects/attributes/status/statuses').reply(200, { data: statuses(['Planned', 'Active']) }).persist();
  attio().get('/v2/objects/projects/attributes/priority/options').reply(200, { data: options(['Low', 'High']) }).persist();
  attio().get('/v2/objects/projects/attributes/tags/options').reply(200, { data: options(['Urgent', 'Q3']) }).persist();
  let sent: unknown;
  attio().post('/v2/objects/projects/records', (body: any) => { sent = body.data.values; return true; }).reply(200, { data: record('projects', PROJECT_ID, { name: [text('x')] }) });
  let out: string;
  try {
    await appTester(perform as never, makeBundle({ inputData: { object: 'projects', values__name: slug === 'name' ? raw : 'X', [`values__${slug}`]: raw } }));
    out = 'SENT ' + JSON.stringify((sent as any)?.[slug]);
  } catch (e) {
    out = 'ERR ' + ((e as Error).message.match(/"message":"((?:[^"\\]|\\.)*)"/)?.[1] ?? (e as Error).message).slice(0, 200);
  }
  process.stdout.write(`${slug} = ${JSON.stringify(raw)} -> ${out}\n`);
  nock.cleanAll();
});

import { choiceEntries, choiceId, compareInstants, instantBefore, lastChange, newestInstant, referencedRecordKey, stateOf, valuesText, valueText } from '../../src/values/changes';
import type { ActorReference, AttioValue } from '../../src/attio/types';

const MEMBER: ActorReference = { type: 'workspace-member', id: '00000000-0000-4000-8000-0000000000d1' };
const APP: ActorReference = { type: 'app', id: '00000000-0000-4000-8000-0000000000e9' };

const status = (id: string, title: string, from: string, until: string | null = null, actor = MEMBER): AttioValue => ({
  attribute_type: 'status',
  active_from: from,
  active_until: until,
  created_by_actor: actor,
  status: { id: { status_id: id }, title, is_archived: false },
});

describe('valueText', () => {
  it('reads every type as a person would say it', () => {
    expect(valueText(status('s1', 'Won', '2025-01-01T00:00:00.000000000Z'))).toBe('Won');
    expect(valueText({ attribute_type: 'select', option: { id: { option_id: 'o1' }, title: 'Enterprise' } })).toBe('Enterprise');
    expect(valueText({ attribute_type: 'personal-name', full_name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace' })).toBe('Ada Lovelace');
    expect(valueText({ attribute_type: 'domain', domain: 'acme.com', root_domain: 'acme.com' })).toBe('acme.com');
    expect(valueText({ attribute_type: 'currency', currency_value: 1250.5, currency_code: 'USD' })).toBe('1,250.50 USD');
    expect(valueText({ attribute_type: 'currency', currency_value: 0.1234, currency_code: null })).toBe('0.1234');
    expect(valueText({ attribute_type: 'checkbox', value: false })).toBe('No');
    expect(valueText({ attribute_type: 'number', value: 42 })).toBe('42');
    expect(valueText({ attribute_type: 'text', value: '' })).toBeNull();
    expect(valueText({ attribute_type: 'record-reference', target_object: 'companies', target_record_id: 'r1' })).toBe('companies r1');
  });

  it('reads a member a value points at by name when given, else by id', () => {
    const owner: AttioValue = { attribute_type: 'actor-reference', referenced_actor_type: 'workspace-member', referenced_actor_id: 'm1' };
    expect(valueText(owner, new Map([['workspace-member:m1', 'Ada Lovelace (ada@example.com)']]))).toBe('Ada Lovelace (ada@example.com)');
    expect(valueText(owner)).toBe('m1');
  });

  it('reads a record a value links to by name when given, else by object and id', () => {
    const company: AttioValue = { attribute_type: 'record-reference', target_object: 'companies', target_record_id: 'r1' };
    expect(referencedRecordKey(company)).toBe('record:r1');
    expect(valueText(company, new Map([['record:r1', 'Acme Inc']]))).toBe('Acme Inc');
    expect(valueText(company, new Map([['record:r2', 'Globex']]))).toBe('companies r1');
  });

  it('joins several values and says null for none', () => {
    const emails = ['a@x.com', 'b@x.com'].map((email_address) => ({ attribute_type: 'email-address', email_address }));
    expect(valuesText(emails)).toBe('a@x.com, b@x.com');
    expect(valuesText([])).toBeNull();
  });
});

describe('lastChange', () => {
  it('finds the value before the last change, when it happened and who wrote it (history oldest first)', () => {
    const history = [
      status('s0', 'Lead', '2025-01-01T09:00:00.000000000Z', '2025-01-02T09:00:00.000000000Z'),
      status('s1', 'Demo booked', '2025-01-02T09:00:00.000000000Z', '2025-01-03T09:00:00.123456789Z'),
      status('s2', 'Won', '2025-01-03T09:00:00.123456789Z', null, APP),
    ];
    const change = lastChange(history);
    expect(change.previous.map((v) => valueText(v))).toEqual(['Demo booked']);
    expect(change.current.map((v) => valueText(v))).toEqual(['Won']);
    expect(change.changedAt).toBe('2025-01-03T09:00:00.123+00:00');
    expect(change.writtenBy).toEqual(APP);
  });

  it('reads a cleared value (nothing current) and a first value (nothing before)', () => {
    const cleared = lastChange([status('s1', 'Won', '2025-01-02T09:00:00Z', '2025-01-05T09:00:00Z')]);
    expect(cleared.previous.map((v) => valueText(v))).toEqual(['Won']);
    expect(cleared.current).toEqual([]);
    expect(cleared.changedAt).toBe('2025-01-05T09:00:00.000+00:00');
    expect(cleared.writtenBy).toBeNull();

    const first = lastChange([status('s1', 'Won', '2025-01-02T09:00:00.000Z')]);
    expect(first.previous).toEqual([]);
    expect(first.current).toHaveLength(1);
    expect(lastChange([])).toEqual({ previous: [], current: [], changedAt: null, writtenBy: null });
  });

  it('keeps the other values of a multiselect that stayed while one was added', () => {
    const tag = (title: string, from: string, until: string | null = null): AttioValue => ({
      attribute_type: 'select',
      active_from: from,
      active_until: until,
      option: { id: { option_id: title }, title },
    });
    const change = lastChange([tag('A', '2025-01-01T00:00:00Z'), tag('B', '2025-01-02T00:00:00Z')]);
    expect(valuesText(change.previous)).toBe('A');
    expect(valuesText(change.current)).toBe('A, B');
  });
});

describe('stateOf', () => {
  it('is equal for the same content whatever the order, write time or writer, and differs otherwise', () => {
    const won = status('s2', 'Won', '2025-01-03T00:00:00Z');
    const rewritten = status('s2', 'Won (renamed)', '2025-02-01T00:00:00Z', null, APP);
    expect(stateOf([won])).toBe(stateOf([rewritten]));
    expect(stateOf([won])).not.toBe(stateOf([status('s1', 'Won', '2025-01-03T00:00:00Z')]));
    const a = { attribute_type: 'text', value: 'a', active_from: '1' };
    const b = { attribute_type: 'text', value: 'b', active_from: '2' };
    expect(stateOf([a, b])).toBe(stateOf([b, a]));
    expect(stateOf([])).not.toBe(stateOf([a]));
  });

  it('gives option and status ids', () => {
    expect(choiceId(status('s2', 'Won', 'x'))).toBe('s2');
    expect(choiceId({ attribute_type: 'select', option: { id: { option_id: 'o1' }, title: 'A' } })).toBe('o1');
    expect(choiceId({ attribute_type: 'text', value: 'x' })).toBeUndefined();
  });
});

describe('choiceEntries', () => {
  const at = (m: number, s = 0) => `2025-02-03T16:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000000000Z`;
  const option = (id: string, title: string, from: string, until: string | null = null, actor = MEMBER): AttioValue => ({
    attribute_type: 'select',
    active_from: from,
    active_until: until,
    created_by_actor: actor,
    option: { id: { option_id: id }, title, is_archived: false },
  });

  it('finds a stay entered and left (Won → Handover) with the transition that entered it and its writer', () => {
    const history = [status('demo', 'Demo booked', at(0), at(1)), status('won', 'Won', at(1), at(1, 5), APP), status('handover', 'Handover', at(1, 5))];
    const [stay, ...rest] = choiceEntries(history, ['won']);
    expect(rest).toEqual([]);
    expect(stay && { ...stay, before: valuesText(stay.before), after: valuesText(stay.after) }).toEqual({
      choice: 'won',
      at: at(1),
      until: at(1, 5),
      by: APP,
      before: 'Demo booked',
      after: 'Won',
    });
  });

  it('counts each entry once: Won → Lost → Won is two stays, a re-save of Won continues one, a value corrected at once never entered', () => {
    const history = [
      status('won', 'Won', at(1), at(2)),
      status('lost', 'Lost', at(2), at(3)),
      status('won', 'Won', at(3), at(4), APP),
      status('won', 'Won', at(4)),
      status('won', 'Won', at(5), at(5)),
    ];
    expect(choiceEntries(history, ['won']).map((s) => [s.at, s.until, s.by])).toEqual([
      [at(1), at(2), MEMBER],
      [at(3), null, APP],
    ]);
    expect(choiceEntries(history, ['other'])).toEqual([]);
  });

  it('reads a multiselect option added and removed beside one that stayed', () => {
    const history = [option('hot', 'Hot', at(0)), option('ent', 'Enterprise', at(1), at(2))];
    const stays = choiceEntries(history, ['ent', 'hot']);
    expect(stays.map((s) => [s.choice, valuesText(s.before), valuesText(s.after), s.until])).toEqual([
      ['hot', null, 'Hot', null],
      ['ent', 'Hot', 'Hot, Enterprise', at(2)],
    ]);
  });
});

describe('instants', () => {
  it('orders Attio nanosecond timestamps with millisecond ones, finds the newest, and steps back by milliseconds', () => {
    expect(compareInstants('2025-02-03T16:20:00.123456789Z', '2025-02-03T16:20:00.123Z')).toBeGreaterThan(0);
    expect(compareInstants('2025-02-03T16:20:00Z', '2025-02-03T16:20:00.000000000Z')).toBe(0);
    expect(newestInstant([status('a', 'A', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00.5Z'), status('b', 'B', '2025-03-01T00:00:00.5Z')])).toBe('2025-03-01T00:00:00.5Z');
    expect(newestInstant([])).toBeUndefined();
    expect(instantBefore('2025-02-03T16:20:00.123456789Z', 10 * 60 * 1000)).toBe('2025-02-03T16:10:00.123Z');
  });
});

// The plain-input checks every operation uses (src/values/parse.ts): one choice check with own keys
// only, and one rule per kind of field for the JavaScript types Zapier hands over.
import { choiceInput, datetimeInput, identifierInput, keyedInput, listInput, parseIsoDateTime, recordIdInput, singleInput, slugInput, textInput } from '../../src/values/parse';
import { failure } from '../fixtures/people_companies';

const FORMATS = { plaintext: 'Plain text', markdown: 'Markdown' } as const;

describe('values/parse', () => {
  describe('choiceInput', () => {
    it.each([
      ['markdown', 'markdown'],
      [' Markdown ', 'markdown'],
      ['Plain text', 'plaintext'],
      ['', 'plaintext'],
      [undefined, 'plaintext'],
      [['markdown'], 'markdown'],
    ])('%j → %s', (raw, expected) => {
      expect(choiceInput(raw, 'Format', FORMATS, 'plaintext')).toBe(expected);
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'html', 1, true])(
      'refuses %j (inherited keys are no choice), listing the choices',
      async (raw) => {
        const err = await failure(() => choiceInput(raw, 'Format', FORMATS, 'plaintext'));
        expect(err.message).toBe(`Format "${String(raw)}" is not one of the choices. Choose one of: plaintext (Plain text), markdown (Markdown).`);
      },
    );
  });

  describe('kinds of field', () => {
    it('free text takes text, numbers and yes/no in their text form, and one item of a list', () => {
      expect(textInput('Hello ', 'Title')).toBe('Hello ');
      expect(textInput(42, 'Title')).toBe('42');
      expect(textInput(false, 'Title')).toBe('false');
      expect(textInput(['only'], 'Title')).toBe('only');
      expect(textInput('', 'Title')).toBeUndefined();
    });

    it.each<[string, unknown, string]>([
      ['a group of fields', { a: 1 }, 'Title "{"a":1}" is a group of fields, not one value. Map one field of it.'],
      ['several values', ['a', 'b'], 'Title "["a","b"]" holds 2 values, but this field takes one. Map a single value (a Formatter step can pick one item of a list).'],
      ['NaN', Number.NaN, 'Title "NaN" is not a number or text. Map text.'],
    ])('free text refuses %s, naming the field', async (_what, raw, message) => {
      expect((await failure(() => textInput(raw, 'Title'))).message).toBe(message);
    });

    it('names and ids take text and numbers, and refuse yes/no and several values', async () => {
      expect(identifierInput(' usr_1 ', 'User ID')).toBe('usr_1');
      expect(identifierInput(12345, 'User ID')).toBe('12345');
      expect((await failure(() => identifierInput(true, 'First Name'))).message).toBe('First Name "true" is a yes/no value, not text. Map the field that holds it.');
      expect((await failure(() => identifierInput(['ws_1', 'ws_2'], 'Workspace ID'))).message).toMatch(/^Workspace ID "\["ws_1","ws_2"\]" holds 2 values/);
      expect((await failure(() => recordIdInput(['a', 'b'], 'Record'))).message).toMatch(/^Record "\["a","b"\]" holds 2 values/);
    });

    it.each(['', '.', '..', ' . ', 'a\u0000b'])('a slug refuses %j before it becomes a request path', async (raw) => {
      expect((await failure(() => slugInput(raw, 'List', 'list'))).message).toMatch(/^List ".*" (is empty|is not an Attio list)/);
    });

    it('a slug takes an api slug or id as text', () => {
      expect(slugInput(' sales ', 'List', 'list')).toBe('sales');
      expect(singleInput([' x '], 'X')).toBe(' x ');
    });
  });

  describe('list fields (one mapped text holding several items)', () => {
    it.each<[string, unknown, string[]]>([
      ['a quoted display name with a comma', '"Lovelace, Ada" <ada@example.com>, bob@example.com', ['"Lovelace, Ada" <ada@example.com>', 'bob@example.com']],
      ['semicolons and a quoted name with one', '"Ada; the first" <ada@example.com>; bob@example.com', ['"Ada; the first" <ada@example.com>', 'bob@example.com']],
      ['line breaks', 'ada@example.com\nbob@example.com\r\ncy@example.com', ['ada@example.com', 'bob@example.com', 'cy@example.com']],
      ['an escaped quote inside the quotes', '"Ada \\"the first\\", L" <ada@example.com>, bob@example.com', ['"Ada \\"the first\\", L" <ada@example.com>', 'bob@example.com']],
      ['a comma inside <…>', 'Ada <ada@example.com,>, bob@example.com', ['Ada <ada@example.com,>', 'bob@example.com']],
      ['line items, each such a text', ['"Lovelace, Ada" <ada@example.com>', '"Babbage, C" <cb@example.com>; bob@example.com'], ['"Lovelace, Ada" <ada@example.com>', '"Babbage, C" <cb@example.com>', 'bob@example.com']],
      ['a quote never closed (no quoting: split everywhere)', 'O"Brien@example.com, bob@example.com', ['O"Brien@example.com', 'bob@example.com']],
      ['a < never closed', 'a<b@example.com, bob@example.com', ['a<b@example.com', 'bob@example.com']],
      ['plain commas, blanks dropped', 'a@x.com, ,b@y.com,', ['a@x.com', 'b@y.com']],
    ])('%s: split only outside quotes and <…>', (_what, raw, items) => {
      expect(listInput(raw, 'Emails')).toEqual(items);
    });
  });

  describe('dates', () => {
    it('reads years below 1000 as themselves (Date.UTC would read 0099 as 1999)', () => {
      expect(new Date(parseIsoDateTime('0099-01-01') as number).toISOString()).toBe('0099-01-01T00:00:00.000Z');
      expect(datetimeInput('0500-02-28T12:00:00Z', 'When')).toBe('0500-02-28T12:00:00.000Z');
      expect(parseIsoDateTime('0099-02-29')).toBeUndefined();
    });
  });

  describe('key/value fields (keyedInput)', () => {
    it('gives the rows with a value, keys trimmed, in order; nothing for an empty field', () => {
      expect(keyedInput({ ' priority ': 'High', name: '', tags: [], budget: 12 }, 'Attribute Values')).toEqual([['priority', 'High'], ['budget', 12]]);
      expect(keyedInput(undefined, 'Attribute Values')).toEqual([]);
      expect(keyedInput('', 'Attribute Values')).toEqual([]);
    });

    it.each<[string, unknown, RegExp]>([
      ['text', 'priority=High', /^Attribute Values "priority=High" is not a set of keys and values/],
      ['a list', ['High'], /^Attribute Values "\["High"\]" is not a set of keys and values/],
      ['a value without a key', { ' ': 'High' }, /has a value \("High"\) without a key/],
    ])('refuses %s, naming the field', async (_what, raw, message) => {
      expect((await failure(() => keyedInput(raw, 'Attribute Values'))).message).toMatch(message);
    });
  });
});

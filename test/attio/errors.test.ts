// The 403 message names a scope: check our table against the `security` of every spec operation it covers.
import fs from 'node:fs';
import { scopesFor, type HttpMethod } from '../../src/attio/errors';
import { SPEC_PATH } from '../../spec/validator';

interface Operation {
  security?: Array<{ oauth2?: string[] }>;
}

const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, Operation>> };

describe('lib/errors: scopesFor', () => {
  const cases = Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase() as HttpMethod,
      // Fill path parameters with plausible values; `target` is objects or lists.
      path: template
        .replace(/^\/v2/, '')
        .replace('{target}', 'objects')
        .replace(/\{[^}]+\}/g, 'x'),
      scopes: op.security?.[0]?.oauth2 ?? [],
    })),
  );

  it.each(cases.filter((c) => c.scopes.length > 0 && scopesFor(c.method, c.path) !== undefined).map((c) => [`${c.method} ${c.path}`, c]))(
    '%s needs the scopes we name',
    (_label, c) => {
      for (const scope of scopesFor(c.method, c.path) ?? []) expect(c.scopes).toContain(scope);
    },
  );

  // /v2/self needs no scope (the spec lists none): the 403 message then names no scope.
  it('covers every endpoint the app calls that needs a scope', () => {
    for (const [method, p] of [
      ['GET', '/objects'],
      ['GET', '/objects/people'],
      ['GET', '/objects/people/attributes'],
      ['GET', '/objects/people/attributes/stage/options'],
      ['POST', '/objects/people/records/query'],
      ['PUT', '/objects/people/records'],
      ['GET', '/objects/people/records/891dcbfc-9141-415d-9b2a-2238a6cc012d'],
      ['GET', '/lists'],
      ['GET', '/lists/sales'],
      ['GET', '/lists/sales/attributes'],
      ['POST', '/lists/sales/entries/query'],
      ['PUT', '/lists/sales/entries'],
      ['GET', '/lists/sales/entries/2e6e29ea-c4e0-4f44-842d-78a891f8c156'],
      ['POST', '/notes'],
      ['POST', '/tasks'],
      ['GET', '/workspace_members'],
      ['POST', '/webhooks'],
      ['DELETE', '/webhooks/23e42eaf-323a-41da-b5bb-fd67eebda553'],
      ['GET', '/comments/x'],
      ['GET', '/threads'],
      ['GET', '/meetings/x'],
      ['GET', '/meetings/x/call_recordings/y'],
      ['GET', '/meetings/x/call_recordings/y/transcript'],
    ] as Array<[HttpMethod, string]>) {
      expect(scopesFor(method, p)).toBeDefined();
    }
  });
});

describe('lib/errors: scopesFor names every scope an endpoint needs', () => {
  it('a call recording needs meeting:read and call_recording:read, as the spec lists', () => {
    expect(scopesFor('GET', '/meetings/x/call_recordings/y/transcript')).toEqual(['meeting:read', 'call_recording:read']);
    expect(scopesFor('GET', '/meetings/x')).toEqual(['meeting:read', 'record_permission:read']);
  });
});

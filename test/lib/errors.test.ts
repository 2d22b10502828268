// The 403 message names a scope: check our table against the `security` of every spec operation it covers.
import fs from 'node:fs';
import { scopeFor, type HttpMethod } from '../../src/lib/errors';
import { SPEC_PATH } from '../../spec/validator';

interface Operation {
  security?: Array<{ oauth2?: string[] }>;
}

const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, Operation>> };

describe('lib/errors: scopeFor', () => {
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

  it.each(cases.filter((c) => c.scopes.length > 0 && scopeFor(c.method, c.path) !== undefined).map((c) => [`${c.method} ${c.path}`, c]))(
    '%s needs the scope we name',
    (_label, c) => {
      expect(c.scopes).toContain(scopeFor(c.method, c.path));
    },
  );

  it('covers every endpoint family the app uses', () => {
    for (const [method, p] of [
      ['GET', '/objects'],
      ['GET', '/objects/people/attributes'],
      ['POST', '/objects/people/records/query'],
      ['PUT', '/objects/people/records'],
      ['GET', '/lists'],
      ['PUT', '/lists/sales/entries'],
      ['POST', '/notes'],
      ['POST', '/tasks'],
      ['GET', '/workspace_members'],
      ['POST', '/webhooks'],
    ] as Array<[HttpMethod, string]>) {
      expect(scopeFor(method, p)).toBeDefined();
    }
  });
});

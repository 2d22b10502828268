// WRITE_THROTTLE must stay valid for Zapier's schema on every write action it is set on: checked with the
// schema and the validator that `zapier-platform validate` uses (zapier-platform-schema, jsonschema).
import { Validator, type Schema } from 'jsonschema';
import exported from 'zapier-platform-schema/exported-schema.json';
import App from '../../src/index';
import { WRITE_THROTTLE } from '../../src/zapier/throttle';

const schemas = exported.schemas as unknown as Record<string, Schema & { id: string }>;

function schema(name: string): Schema {
  const found = schemas[name];
  if (!found) throw new Error(`zapier-platform-schema has no ${name}`);
  return found;
}

function errors(instance: unknown): string[] {
  const v = new Validator();
  for (const s of Object.values(schemas)) v.addSchema(s, s.id);
  return v.validate(instance, schema('ThrottleObjectSchema')).errors.map((e) => e.stack);
}

describe('zapier/throttle: the shared write throttle', () => {
  it("is a valid ThrottleObject, and a create's operation accepts one", () => {
    expect(errors(WRITE_THROTTLE)).toEqual([]);
    expect(Object.keys(schema('BasicCreateOperationSchema').properties ?? {})).toContain('throttle');
    // The check can fail: a scope Zapier does not know is refused.
    expect(errors({ ...WRITE_THROTTLE, scope: ['workspace'] })).not.toEqual([]);
  });

  it("is shared by the connection's write actions (no 'action' scope) and sized to Attio's 25 writes/s", () => {
    expect(WRITE_THROTTLE).toEqual({ window: 1, limit: 25, scope: ['auth'], retry: true });
  });

  it('is set, the same object, on every write action of the app, and on no search or trigger', () => {
    const creates = Object.values(App.creates ?? {});
    expect(creates.length).toBeGreaterThan(10);
    for (const c of creates) expect([c.key, (c.operation as { throttle?: unknown }).throttle]).toEqual([c.key, WRITE_THROTTLE]);
    for (const op of [...Object.values(App.searches ?? {}), ...Object.values(App.triggers ?? {})]) {
      expect([op.key, (op.operation as { throttle?: unknown }).throttle]).toEqual([op.key, undefined]);
    }
  });
});

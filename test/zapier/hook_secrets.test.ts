// Every instant trigger, not only the first ones: a forged or unsigned delivery halts, and the whole error
// text zapier-platform-core builds (it appends the bundle, subscribeData.secret included, to errors it
// contextifies) holds neither the signing secret nor the token.
import nock from 'nock';
import App from '../../src/index';
import { appTester, TOKEN } from '../helpers/app';
import { delivery, SECRET, WEBHOOK_ID } from '../helpers/webhook';

type Perform = Parameters<typeof appTester>[0];
const hookTriggers = Object.values(App.triggers ?? {}).filter(
  (t): t is typeof t & { operation: { type: 'hook'; perform: Perform } } => (t.operation as { type?: string }).type === 'hook',
);

afterEach(() => nock.cleanAll());

describe('hook triggers keep secrets out of errors', () => {
  it('covers every instant trigger of the app', () => {
    expect(hookTriggers.map((t) => t.key).sort()).toEqual(
      expect.arrayContaining(['new_record', 'new_list_entry', 'updated_record', 'updated_list_entry', 'deleted_record', 'new_note', 'completed_task', 'new_call_recording']),
    );
  });

  it.each(hookTriggers.flatMap((t) => [[t.key, 'forged', 'a'.repeat(64)] as const, [t.key, 'unsigned', null] as const]))(
    '%s: a %s delivery halts without the secret or the token in the error',
    async (key, _kind, signature) => {
      const trigger = hookTriggers.find((t) => t.key === key)!;
      const bundle = delivery(
        { webhook_id: WEBHOOK_ID, events: [{ event_type: 'record.created', id: { workspace_id: 'w', object_id: 'o', record_id: 'r' }, actor: { type: 'system', id: null } }] },
        { inputData: {}, subscribeData: { id: WEBHOOK_ID, secret: SECRET }, signature },
      );
      const err = (await appTester(trigger.operation.perform, bundle).then(
        () => undefined,
        (e: unknown) => e,
      )) as Error | undefined;
      expect(err).toBeDefined();
      expect(err!.name).toBe('HaltedError');
      const text = `${err!.message}\n${String(err!.stack)}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    },
  );
});

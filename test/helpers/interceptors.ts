// Issue 2: every nock interceptor checks method, path, query and body. nock itself accepts any body when an
// interceptor names none, and any query under `.query(true)`, so such an interceptor is refused where the
// test defines it (at `.reply…`), with a message saying what to add.

/** The fields of nock's (untyped) Interceptor this guard reads. */
interface NockInterceptor {
  method: string;
  _key: string;
  _requestBody: unknown;
  queries: unknown;
}

type Reply = (this: NockInterceptor, ...args: unknown[]) => unknown;

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Throws for an interceptor that would match a request whatever its body or query. */
export function checkInterceptor(interceptor: NockInterceptor): void {
  if (WITH_BODY.has(interceptor.method) && interceptor._requestBody === undefined) {
    throw new Error(
      `The nock interceptor ${interceptor._key} does not check the request body: pass the exact body the app must send as its second argument (a function only for the parts that vary).`,
    );
  }
  if (typeof interceptor._requestBody === 'function' && interceptor._requestBody.length === 0) {
    throw new Error(
      `The nock interceptor ${interceptor._key} checks its body with a function that reads no body (like () => true): take the body and check it.`,
    );
  }
  if (interceptor.queries === true) {
    throw new Error(`The nock interceptor ${interceptor._key} accepts any query (.query(true)): pass the exact query the app must send.`);
  }
}

/** Installs the check on nock's Interceptor (loaded once per test file by test/setup.ts). */
export function requireExactInterceptors(): void {
  // nock ships no types for its Interceptor class, which it does not export from its main module.
  const proto = (require('nock/lib/interceptor') as { prototype: Record<'reply' | 'replyWithError', Reply> }).prototype;
  for (const name of ['reply', 'replyWithError'] as const) {
    const original = proto[name];
    proto[name] = function guarded(this: NockInterceptor, ...args: unknown[]) {
      checkInterceptor(this);
      return original.apply(this, args);
    };
  }
}

// Loaded for every test file (jest setupFilesAfterEnv): no real network, every Attio request
// checked against the spec, every nock interceptor exact (body and query: helpers/interceptors.ts) and consumed.
import nock from 'nock';
import { installContractGuard, resetSent, takeViolations } from './helpers/contract';
import { requireExactInterceptors } from './helpers/interceptors';

nock.disableNetConnect();
// The local sandbox (test/sandbox, demo flows) listens on loopback; everything else stays offline.
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
installContractGuard();
requireExactInterceptors();

process.env.CLIENT_ID ??= 'test-client-id';
process.env.CLIENT_SECRET ??= 'test-client-secret';

beforeEach(() => {
  resetSent();
});

afterEach(() => {
  const violations = takeViolations();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (violations.length) {
    throw new Error(`The app sent requests that do not match Attio's OpenAPI spec:\n- ${violations.join('\n- ')}`);
  }
  if (pending.length) {
    throw new Error(`Expected requests were never sent:\n- ${pending.join('\n- ')}`);
  }
});

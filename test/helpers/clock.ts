// A virtual clock for retry tests: the request layer's sleeps advance time instantly and are recorded,
// so a test sees every wait without waiting. Call once at the top of a test file (it installs hooks).
import { clock } from '../../src/attio/request';

export function useVirtualClock(): { readonly waits: number[]; readonly now: number } {
  const state = { waits: [] as number[], now: 0 };
  beforeEach(() => {
    state.now = Date.parse('2026-11-21T10:00:00.000Z');
    state.waits = [];
    jest.spyOn(clock, 'now').mockImplementation(() => state.now);
    jest.spyOn(clock, 'random').mockReturnValue(0);
    jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
      state.waits.push(ms);
      state.now += ms;
    });
  });
  afterEach(() => jest.restoreAllMocks());
  return {
    get waits() {
      return state.waits;
    },
    get now() {
      return state.now;
    },
  };
}

import type { Backend } from './harness';

/**
 * The phone's clock at the back end's (the test app's DevClock, which the pages cannot see):
 * staff pages compute dates for display from `Date.now()` — the earliest reception date,
 * this month, due soon — and the back end runs at 2026-11-02 in these tests.
 *
 * `Date.now` is replaced for the whole process, and the DevClock reads `Date.now` too, so the
 * DevClock is set again against the replaced clock: both then agree, and `clock.set` keeps
 * working for both.
 */
export function phoneClockFollowsBackend(backend: Backend): void {
  const serverNow = backend.t.clock.now();
  const real = Date.now.bind(Date);
  const startedAt = real();
  jest.spyOn(Date, 'now').mockImplementation(() => serverNow + (real() - startedAt));
  backend.t.clock.set(serverNow);
}

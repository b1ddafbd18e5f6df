import type { Deps } from './deps';
import { runReminders } from './notifications/reminders';
import { autoCloseDue } from './register/usecases';

/** Timer-triggered functions: run with no caller. */
export const TIMERS = {
  /** Every 15 minutes: closes items whose feedback period ran out, plans reminders, delivers the outbox. */
  reminders: async (deps: Deps) => {
    // Leave headroom under the function's time limit (20 s recommended in docs/deploy.md).
    const limits = { batch: 100, deadline: Date.now() + 15_000 };
    const autoClosed = await autoCloseDue(deps);
    return { autoClosed, ...(await runReminders(deps, deps.notifier, limits)) };
  },
} satisfies Record<string, (deps: Deps) => Promise<unknown>>;
export type TimerName = keyof typeof TIMERS;

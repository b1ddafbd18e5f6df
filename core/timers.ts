import type { Deps } from './deps';
import { timerBudgetMs } from './functions/manifest';
import { runReminders } from './notifications/reminders';

/** Timer-triggered functions: run with no caller. */
export const TIMERS = {
  /** Every 15 minutes: the registered jobs (closing items whose feedback period ran out…), every kind's reminders, left-over effects, delivery. */
  reminders: async (deps: Deps) => {
    // Leave headroom under the function's time limit (its timeout in core/functions/manifest.ts).
    const limits = { batch: 100, deadline: Date.now() + timerBudgetMs('reminders') };
    const run = await runReminders(deps, deps.notifier, limits);
    return { autoClosed: run.jobs.autoClose ?? 0, ...run };
  },
} satisfies Record<string, (deps: Deps) => Promise<unknown>>;
export type TimerName = keyof typeof TIMERS;

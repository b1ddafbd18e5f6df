import type { Deps } from '../deps';
import type { Condition, Filter } from '../ports/store';

const DAY = 24 * 60 * 60 * 1000;

/** The deadline window of open items: past due now, or due within the reminder window. */
export function dueWindow(deps: Deps, which: 'overdue' | 'dueSoon'): Condition {
  const now = deps.clock.now();
  return which === 'overdue' ? { lt: now } : { gte: now, lte: now + deps.config.reminders.dueSoonDays * DAY };
}

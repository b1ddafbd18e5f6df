import type { Deps } from '../deps';
import type { Caller } from '../members/types';
import type { Condition, Filter } from '../ports/store';

const DAY = 24 * 60 * 60 * 1000;

/** The items a staff caller's queue covers: their studios', or every studio for an admin. */
export const studioScope = (caller: Caller): Filter => (caller.role === 'admin' ? {} : { studioId: { in: caller.studioIds } });

/** The items the caller owns (首问负责 or assigned): by representative, or by openid for a liaison. */
export const ownedBy = (caller: Caller): Filter =>
  caller.representativeId ? { ownerRepId: caller.representativeId } : { ownerOpenid: caller.openid };

/** The deadline window of open items: past due now, or due within the reminder window. */
export function dueWindow(deps: Deps, which: 'overdue' | 'dueSoon'): Condition {
  const now = deps.clock.now();
  return which === 'overdue' ? { lt: now } : { gte: now, lte: now + deps.config.reminders.dueSoonDays * DAY };
}

import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { OPEN_STATUSES } from './lifecycle';

const DAY = 24 * 60 * 60 * 1000;

/**
 * 工作台: the counts a representative or liaison sees first — new items of their studios
 * waiting to be accepted, open items they own, open items due within the reminder window,
 * open items past their deadline. Each is one indexed count.
 */
export async function workbench(deps: Deps, caller: Caller) {
  if (caller.role === 'resident') throw forbidden('只有党代表、联络员和管理员可以使用工作台');
  const now = deps.clock.now();
  const scope: Filter = caller.role === 'admin' ? {} : { studioId: { in: caller.studioIds } };
  const open = { in: [...OPEN_STATUSES] };
  const owned: Filter = caller.representativeId ? { ownerRepId: caller.representativeId } : { ownerOpenid: caller.openid };
  const [fresh, mine, dueSoon, overdue] = await Promise.all([
    deps.store.count('items', { ...scope, status: 'submitted' }),
    deps.store.count('items', { ...owned, status: open }),
    deps.store.count('items', { ...scope, status: open, dueAt: { gte: now, lte: now + deps.config.reminders.dueSoonDays * DAY } }),
    deps.store.count('items', { ...scope, status: open, dueAt: { lt: now } }),
  ]);
  return { new: fresh, mine, dueSoon, overdue, dueSoonDays: deps.config.reminders.dueSoonDays };
}

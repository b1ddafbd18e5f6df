import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import { may, ownedBy, scopeOf } from './permissions';
import { dueWindow } from './queue';
import { OPEN_STATUSES } from './lifecycle';

/**
 * 工作台: the counts a representative or liaison sees first — new items of their studios
 * waiting to be accepted, open items they own, open items due within the reminder window,
 * open items past their deadline. Each is one indexed count.
 */
export async function workbench(deps: Deps, caller: Caller) {
  if (!may(caller, 'useQueue', null)) throw forbidden('只有党代表、联络员和管理员可以使用工作台');
  const scope = scopeOf(caller);
  const open = { in: [...OPEN_STATUSES] };
  const [fresh, mine, dueSoon, overdue] = await Promise.all([
    deps.store.count('items', { ...scope, status: 'submitted' }),
    deps.store.count('items', { ...ownedBy(caller), status: open }),
    deps.store.count('items', { ...scope, status: open, dueAt: dueWindow(deps, 'dueSoon') }),
    deps.store.count('items', { ...scope, status: open, dueAt: dueWindow(deps, 'overdue') }),
  ]);
  return { new: fresh, mine, dueSoon, overdue, dueSoonDays: deps.config.reminders.dueSoonDays };
}

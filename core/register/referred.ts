/**
 * 转交本单位的事项: the queue of department staff (有关单位) — the register items referred to
 * their department, those still waiting for the department's result first when asked, the
 * earliest deadline first. They record the result themselves (`recordReferralResult`); the
 * studio's liaison then answers the resident. Contact details stay masked for them.
 */
import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { viewItem, type Item, type ItemView } from './item';
import { REFUSALS, may } from './permissions';
import type { Page } from './usecases';

export async function listReferred(deps: Deps, caller: Caller, q: { pending?: boolean; page: number; pageSize: number }): Promise<Page<ItemView>> {
  if (!may(caller, 'referredQueue', null)) throw forbidden(REFUSALS.referredQueue);
  const where: Filter = { 'referral.departmentId': caller.departmentId as string };
  if (q.pending) {
    where['referral.result'] = { exists: false };
    where.status = 'in_progress';
  }
  const [items, total] = await Promise.all([
    deps.store.find<Item>('items', { where, orderBy: [['dueAt', 'asc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('items', where),
  ]);
  const now = deps.clock.now();
  return { items: items.map((i) => viewItem(i, caller, now)), total, page: q.page, pageSize: q.pageSize };
}

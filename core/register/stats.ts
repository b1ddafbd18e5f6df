import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { endOfShanghaiDay, startOfShanghaiDay } from '../time';
import { OPEN_STATUSES } from './lifecycle';
import { REFUSALS, may } from './permissions';

export interface StatsQuery {
  scope: 'studio' | 'township' | 'county';
  id?: string;
  /** Shanghai calendar dates, inclusive. */
  from?: string;
  to?: string;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** Percent with one decimal, null when the denominator is 0. */
  percent: number | null;
  formula: string;
}

export interface Stats {
  scope: StatsQuery['scope'];
  id: string | null;
  from: string | null;
  to: string | null;
  collected: number;
  rejected: number;
  /** Duplicates merged into another item: collected, but handled as that item. */
  merged: number;
  open: number;
  answeredOrResolved: number;
  resolved: number;
  overdue: number;
  onTime: number;
  rated: number;
  satisfied: number;
  rates: {
    answeredOrResolved: Rate;
    resolved: Rate;
    onTime: Rate;
    satisfied: Rate;
  };
}

const rate = (numerator: number, denominator: number, formula: string): Rate => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
  formula,
});

/**
 * Register statistics for a studio, a township or the county over a period of submission
 * dates. Two queries, both answered by the store's indexes: one grouped count over
 * (status, outcome, timeliness, satisfaction) and one count of open items past deadline.
 * Formulas are in docs/api.md and travel with each rate.
 */
export async function computeStats(deps: Deps, caller: Caller, q: StatsQuery): Promise<Stats> {
  const where: Filter = {};
  if (q.scope === 'studio' && !q.id) throw validationError('请指定工作室');
  if (q.scope === 'township' && !q.id) throw validationError('请指定乡镇（街道）');
  if (q.from && q.to && q.from > q.to) throw validationError('开始日期不能晚于结束日期');
  if (q.scope === 'studio' && q.id) where.studioId = q.id;
  if (q.scope === 'township' && q.id) where.townshipId = q.id;
  if (q.from || q.to) {
    where.createdAt = {
      ...(q.from ? { gte: startOfShanghaiDay(q.from) } : {}),
      ...(q.to ? { lte: endOfShanghaiDay(q.to) } : {}),
    };
  }
  // One round: the studio's or township's existence is read with the counts; nothing of the
  // counts is answered before both checks pass (not found first, then the permission).
  const [scopeDoc, groups, overdue] = await Promise.all([
    q.scope === 'studio' && q.id ? deps.store.get<Studio>('studios', q.id) : q.scope === 'township' && q.id ? deps.store.get('townships', q.id) : Promise.resolve(null),
    deps.store.countBy('items', ['status', 'outcome', 'timeliness', 'satisfaction'], where),
    deps.store.count('items', { ...where, status: { in: [...OPEN_STATUSES] }, dueAt: { lt: deps.clock.now() } }),
  ]);
  if (q.scope === 'studio') {
    if (!scopeDoc) throw notFound('该工作室');
    if (!may(caller, 'stats', q)) throw forbidden(REFUSALS.stats);
  } else if (q.scope === 'township') {
    if (!scopeDoc) throw notFound('该乡镇（街道）');
    if (!may(caller, 'stats', q)) throw forbidden('只有县级管理员可以查看乡镇统计');
  } else if (!may(caller, 'stats', q)) {
    throw forbidden('只有县级管理员可以查看全县统计');
  }
  let collected = 0;
  let rejected = 0;
  let merged = 0;
  let open = 0;
  let answeredOrResolved = 0;
  let resolved = 0;
  let onTime = 0;
  let rated = 0;
  let satisfied = 0;
  for (const { key, count } of groups) {
    collected += count;
    if (key.status === 'rejected') rejected += count;
    if (key.status === 'merged') merged += count;
    if (typeof key.status === 'string' && OPEN_STATUSES.some((s) => s === key.status)) open += count;
    if (key.outcome === 'answered' || key.outcome === 'resolved') answeredOrResolved += count;
    if (key.outcome === 'resolved') resolved += count;
    if (key.outcome !== null && key.timeliness === 'on_time') onTime += count;
    if (key.satisfaction !== null) rated += count;
    if (key.satisfaction === 'satisfied') satisfied += count;
  }
  // A merged duplicate is answered as the item it went into; its asker's own rating (stored on it) counts in the satisfaction rate.
  const handled = collected - rejected - merged;
  return {
    scope: q.scope,
    id: q.id ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    collected,
    rejected,
    merged,
    open,
    answeredOrResolved,
    resolved,
    overdue,
    onTime,
    rated,
    satisfied,
    rates: {
      answeredOrResolved: rate(answeredOrResolved, handled, '答复或解决率 = 已答复或已解决 ÷ (收集 − 不予受理 − 合并)'),
      resolved: rate(resolved, handled, '解决率 = 已解决 ÷ (收集 − 不予受理 − 合并)'),
      onTime: rate(onTime, answeredOrResolved, '按期答复率 = 在期限内答复或解决 ÷ 已答复或已解决'),
      satisfied: rate(satisfied, rated, '满意率 = 评价满意 ÷ 已评价'),
    },
  };
}

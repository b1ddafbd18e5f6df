/**
 * Reading activities: a studio's records, and the compliance grid (活动达标) — every studio of
 * the caller's scope × the months of a year, with the months that had no activity.
 */
import type { Deps } from '../deps';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { scopeFor } from '../dashboard/scope';
import type { Filter } from '../ports/store';
import { shanghai, shanghaiDate } from '../time';
import { REFUSALS, may } from './permissions';
import { viewActivity } from './record';
import type { Activity, ActivityKind } from './types';

export interface ListQuery {
  studioId?: string;
  townshipId?: string;
  /** Shanghai dates, inclusive. */
  from?: string;
  to?: string;
  kind?: ActivityKind;
  page: number;
  pageSize: number;
}

/**
 * 活动记录: a studio's activities (its staff), or those of a township or the county (liaison
 * staff and administrators, in their scope), newest first.
 */
export async function listActivities(deps: Deps, caller: Caller, q: ListQuery) {
  const where = await activityFilter(deps, caller, q);
  const [rows, total] = await Promise.all([
    deps.store.find<Activity>('activities', { where, orderBy: [['date', 'desc'], ['createdAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('activities', where),
  ]);
  return { items: rows.map(viewActivity), total, page: q.page, pageSize: q.pageSize };
}

/** The filter of the activities the caller asks for and may see (a studio's, or their scope's). */
export async function activityFilter(deps: Deps, caller: Caller, q: Omit<ListQuery, 'page' | 'pageSize'>): Promise<Filter> {
  if (q.from && q.to && q.from > q.to) throw validationError('开始日期不能晚于结束日期');
  const where: Filter = {};
  if (q.studioId) {
    if (!may(caller, 'read', { studioId: q.studioId })) throw forbidden(REFUSALS.read);
    where.studioId = q.studioId;
  } else {
    const scope = await scopeFor(deps, caller, { townshipId: q.townshipId });
    if (scope.level === 'township' && scope.townshipId) where.townshipId = scope.townshipId;
    else if (scope.level !== 'county') where.studioId = { in: scope.studios.map((s) => s._id) };
  }
  if (q.from || q.to) where.date = { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) };
  if (q.kind) where.kind = q.kind;
  return where;
}

/** One record: the studio's staff and administrators. */
export async function getActivity(deps: Deps, caller: Caller, id: string) {
  const a = await deps.store.get<Activity>('activities', id);
  if (!a || !may(caller, 'read', { studioId: a.studioId })) throw notFound('该活动记录');
  return viewActivity(a);
}

/** A month of the grid: `ok` (held), `none` (ended with none), `open` (this month, none yet), `future`. */
export type MonthState = 'ok' | 'none' | 'open' | 'future';

/** The months of `year` (`YYYY-MM`) and how each stands at `now`. */
export function monthsOf(year: number, now: number): Array<{ month: string; state: 'past' | 'current' | 'future' }> {
  const current = shanghai(now).format('YYYY-MM');
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, state: month < current ? ('past' as const) : month === current ? ('current' as const) : ('future' as const) };
  });
}

/** Activity counts per studio and month of a year: one grouped count, answered by the index. */
export async function activityCounts(deps: Deps, year: number): Promise<Map<string, Map<string, number>>> {
  const groups = await deps.store.countBy('activities', ['studioId', 'month'], { year });
  const out = new Map<string, Map<string, number>>();
  for (const g of groups) {
    const s = String(g.key.studioId);
    if (!out.has(s)) out.set(s, new Map());
    out.get(s)?.set(String(g.key.month), g.count);
  }
  return out;
}

/**
 * 活动达标情况: for each studio of the caller's scope and each month of the year, how many
 * activities were held, and which ended months had none (the source: at least one a month).
 * The current month is `open` until it ends.
 */
export async function complianceGrid(deps: Deps, caller: Caller, q: { year: number; townshipId?: string }) {
  const now = deps.clock.now();
  const [scope, counts] = await Promise.all([scopeFor(deps, caller, { townshipId: q.townshipId }), activityCounts(deps, q.year)]);
  const months = monthsOf(q.year, now);
  const townshipName = new Map(scope.townships.map((t) => [t._id, t.name]));
  const current = months.find((m) => m.state === 'current')?.month ?? null;
  const rows = scope.studios.map((s) => {
    const byMonth = counts.get(s._id) ?? new Map<string, number>();
    const cells = months.map(({ month, state }) => {
      const count = byMonth.get(month) ?? 0;
      const st: MonthState = count > 0 ? 'ok' : state === 'past' ? 'none' : state === 'current' ? 'open' : 'future';
      return { month, count, state: st };
    });
    const ended = cells.filter((c) => months.find((m) => m.month === c.month)?.state === 'past');
    return {
      studioId: s._id,
      studioName: s.name,
      townshipId: s.townshipId,
      townshipName: townshipName.get(s.townshipId) ?? '',
      months: cells,
      held: ended.filter((c) => c.count > 0).length,
      ended: ended.length,
      missing: ended.filter((c) => c.count === 0).map((c) => c.month),
      /** This month's count so far (null for another year). */
      thisMonth: current ? (byMonth.get(current) ?? 0) : null,
    };
  });
  return {
    year: q.year,
    today: shanghaiDate(now),
    scope: { level: scope.level, townshipId: scope.townshipId, name: scope.name },
    months: months.map((m) => m.month),
    rows,
    /** Studios with an ended month without activity. */
    behind: rows.filter((r) => r.missing.length > 0).length,
    rule: '每个工作室每月至少开展一次活动（接待、论坛、调研视察、代表提议、学习培训、工作交流）；当月 20 日仍无活动的，提醒联络员。',
  };
}

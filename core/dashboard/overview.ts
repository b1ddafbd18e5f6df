/**
 * 数据看板: the county's (administrators) or a township's (its liaison staff) figures for a
 * year — every studio's collected items, 响应率, answered-or-resolved, on-time and satisfaction
 * rates; the month-by-month trend; the breakdown by category; the ranking. Everything is
 * counted by the store (grouped counts on covering indexes, docs/performance.md), in one round
 * of parallel requests: nothing loads the items themselves.
 */
import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import { CATEGORIES } from '../register/item';
import { rank, rankingAnswer, readInputs } from '../ranking/score';
import { startOfShanghaiDay } from '../time';
import { addGroups, emptyFigures, GROUP_FIELDS, ratesOf, sumFigures } from './rates';
import { scopeFor } from './scope';

const monthBounds = (year: number, m: number) => {
  const start = startOfShanghaiDay(`${year}-${String(m).padStart(2, '0')}-01`);
  const end = m === 12 ? startOfShanghaiDay(`${year + 1}-01-01`) : startOfShanghaiDay(`${year}-${String(m + 1).padStart(2, '0')}-01`);
  return { gte: start, lt: end };
};

/** See the module's comment. `townshipId` narrows an administrator's view to one township. */
export async function dashboard(deps: Deps, caller: Caller, q: { year: number; townshipId?: string }) {
  if (caller.role !== 'admin' && caller.role !== 'liaison') throw forbidden('只有县级管理员和乡镇（街道）联络员可以查看数据看板');
  const within = deps.config.reminders.acceptWithinDays;
  // One round: the scope and every count are read side by side, the county's grouped by studio
  // and narrowed to the scope here (a township's figures are its studios' groups).
  const [scope, inputs, categoryGroups, ...months] = await Promise.all([
    scopeFor(deps, caller, { townshipId: q.townshipId }),
    readInputs(deps, q.year),
    deps.store.countBy('items', ['studioId', 'category'], { year: q.year }),
    // A month's groups county-wide, by studio: one covering index serves the county and any
    // township (its studios' groups), where a township-led index would lose SQLite's choice.
    ...Array.from({ length: 12 }, (_, i) => deps.store.countBy('items', ['studioId', ...GROUP_FIELDS], { year: q.year, createdAt: monthBounds(q.year, i + 1) })),
  ]);
  const now = deps.clock.now();
  const inScope = new Set(scope.studios.map((s) => s._id));
  const rows = rank(inputs, scope.allStudios, scope.townships, now, within);
  const studios = scope.studios.map((s) => {
    const f = inputs.figures.get(s._id) ?? emptyFigures();
    const r = rows.find((x) => x.studioId === s._id);
    return { studioId: s._id, studioName: s.name, townshipId: s.townshipId, collected: f.collected, rates: ratesOf(f, within), score: r?.score ?? 0, rank: r?.rank ?? null };
  });
  const totals = sumFigures(scope.studios.map((s) => inputs.figures.get(s._id) ?? emptyFigures()));
  const counts = new Map<string, number>();
  for (const g of categoryGroups) if (inScope.has(String(g.key.studioId))) counts.set(String(g.key.category), (counts.get(String(g.key.category)) ?? 0) + g.count);
  return {
    year: q.year,
    scope: { level: scope.level, townshipId: scope.townshipId, name: scope.name, studios: scope.studios.length },
    totals: { collected: totals.collected, rejected: totals.rejected, answeredOrResolved: totals.answeredOrResolved, rates: ratesOf(totals, within) },
    studios,
    trend: months.map((groups, i) => {
      const f = addGroups(emptyFigures(), groups.filter((g) => inScope.has(String(g.key.studioId))), within);
      const r = ratesOf(f, within);
      return { month: `${q.year}-${String(i + 1).padStart(2, '0')}`, collected: f.collected, answeredOrResolved: f.answeredOrResolved, response: r.response.percent, satisfied: r.satisfied.percent };
    }),
    categories: CATEGORIES.map((c) => ({ category: c, count: counts.get(c) ?? 0 })).filter((c) => c.count > 0).sort((a, b) => b.count - a.count),
    ranking: (({ top, attention, formula, final }) => ({ top, attention, formula, final }))(rankingAnswer(rows, q.year, now, scope.level === 'county' ? undefined : inScope)),
  };
}

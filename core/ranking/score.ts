/**
 * 示范工作室评比: an annual score per studio out of 100, from its activity compliance, its
 * representatives' points and its register performance, with the formula shown and every part
 * opening what it was computed from:
 *
 *   活动达标 30 = 有活动的月数 ÷ 已结束的月数 × 30
 *   履职积分 30 = 本室人均积分 ÷ 全县最高人均积分 × 30
 *   办理成效 40 = 答复或解决率 × 15 + 按期答复率 × 10 + 满意率 × 10 + 响应率 × 5
 *
 * (a rate with nothing to measure counts 0). The weights are this project's defaults — the
 * source names the method (量化积分考核, 示范党代表工作室评比), not the figures — and live here
 * in one table. Studios needing attention: any ended month without activity, 答复或解决率 under
 * 90 %, 响应率 under 80 %, or nothing collected all year.
 */
import type { Deps } from '../deps';
import type { Studio, Township } from '../directory/types';
import { activityCounts, monthsOf } from '../activities/queries';
import { addGroups, emptyFigures, GROUP_FIELDS, ratesOf, type DashboardRates, type Figures } from '../dashboard/rates';
import { readPointSums, type StudioSum } from '../points/usecases';
import { shanghaiYear } from '../time';

export const WEIGHTS = { compliance: 30, points: 30, answeredOrResolved: 15, onTime: 10, satisfied: 10, response: 5 } as const;
export const ATTENTION = { answeredOrResolved: 90, response: 80 } as const;

export const FORMULA = [
  `总分 = 活动达标 ${WEIGHTS.compliance} + 履职积分 ${WEIGHTS.points} + 办理成效 ${100 - WEIGHTS.compliance - WEIGHTS.points}`,
  `活动达标 = 有活动的月数 ÷ 已结束的月数 × ${WEIGHTS.compliance}`,
  `履职积分 = 本室人均积分 ÷ 全县最高人均积分 × ${WEIGHTS.points}`,
  `办理成效 = 答复或解决率 × ${WEIGHTS.answeredOrResolved} + 按期答复率 × ${WEIGHTS.onTime} + 满意率 × ${WEIGHTS.satisfied} + 响应率 × ${WEIGHTS.response}（无数据的比率计 0）`,
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the ranking is computed from: read once, in one round (with the directory beside it), and shared with the dashboard. */
export interface RankingInputs {
  year: number;
  /** Register groups per studio of the year (items numbered in that year). */
  figures: Map<string, Figures>;
  activities: Map<string, Map<string, number>>;
  points: (studioId: string) => StudioSum;
}

/** Reads the ranking's inputs for the whole county (the ranking is always county-wide, so scores compare). */
export async function readInputs(deps: Deps, year: number): Promise<RankingInputs> {
  const within = deps.config.reminders.acceptWithinDays;
  const [groups, activities, points] = await Promise.all([
    deps.store.countBy('items', ['studioId', ...GROUP_FIELDS], { year }),
    activityCounts(deps, year),
    readPointSums(deps, year),
  ]);
  const figures = new Map<string, Figures>();
  for (const g of groups) {
    const id = String(g.key.studioId);
    figures.set(id, addGroups(figures.get(id) ?? emptyFigures(), [g], within));
  }
  return { year, figures, activities, points };
}

export interface RankingRow {
  rank: number;
  studioId: string;
  studioName: string;
  townshipId: string;
  townshipName: string;
  score: number;
  parts: {
    compliance: { score: number; held: number; months: number; missing: string[] };
    points: { score: number; total: number; representatives: number; average: number; best: number };
    register: { score: number; collected: number; rates: DashboardRates };
  };
  attention: string[];
}

/** Scores and ranks every studio of the county. */
export function rank(inputs: RankingInputs, studios: readonly Studio[], townships: readonly Township[], now: number, withinDays: number): RankingRow[] {
  const months = monthsOf(inputs.year, now);
  const ended = months.filter((m) => m.state === 'past').map((m) => m.month);
  // Before the first month of the year has ended, this month counts alone.
  const counted = ended.length ? ended : months.filter((m) => m.state === 'current').map((m) => m.month);
  const best = Math.max(0, ...studios.map((s) => inputs.points(s._id).average));
  const township = new Map(townships.map((t) => [t._id, t.name]));
  const rows = studios.map((s): Omit<RankingRow, 'rank'> => {
    const byMonth = inputs.activities.get(s._id) ?? new Map<string, number>();
    const held = counted.filter((m) => (byMonth.get(m) ?? 0) > 0).length;
    const missing = ended.filter((m) => (byMonth.get(m) ?? 0) === 0);
    const compliance = counted.length ? (held / counted.length) * WEIGHTS.compliance : 0;
    const p = inputs.points(s._id);
    const pointsScore = best > 0 ? (p.average / best) * WEIGHTS.points : 0;
    const f = inputs.figures.get(s._id) ?? emptyFigures();
    const rates = ratesOf(f, withinDays);
    const pct = (r: { percent: number | null }) => (r.percent ?? 0) / 100;
    const register =
      pct(rates.answeredOrResolved) * WEIGHTS.answeredOrResolved + pct(rates.onTime) * WEIGHTS.onTime + pct(rates.satisfied) * WEIGHTS.satisfied + pct(rates.response) * WEIGHTS.response;
    const attention: string[] = [];
    if (missing.length) attention.push(`${missing.length} 个月无活动（${missing.map((m) => `${Number(m.slice(5))}月`).join('、')}）`);
    if (f.collected === 0) attention.push('全年未收集意见建议');
    if (rates.answeredOrResolved.percent !== null && rates.answeredOrResolved.percent < ATTENTION.answeredOrResolved) attention.push(`答复或解决率 ${rates.answeredOrResolved.percent}% 低于 ${ATTENTION.answeredOrResolved}%`);
    if (rates.response.percent !== null && rates.response.percent < ATTENTION.response) attention.push(`响应率 ${rates.response.percent}% 低于 ${ATTENTION.response}%`);
    return {
      studioId: s._id,
      studioName: s.name,
      townshipId: s.townshipId,
      townshipName: township.get(s.townshipId) ?? '',
      score: round1(compliance + pointsScore + register),
      parts: {
        compliance: { score: round1(compliance), held, months: counted.length, missing },
        points: { score: round1(pointsScore), total: p.total, representatives: p.representatives, average: p.average, best },
        register: { score: round1(register), collected: f.collected, rates },
      },
      attention,
    };
  });
  const order = new Map(studios.map((s, i) => [s._id, i]));
  return rows
    .sort((a, b) => b.score - a.score || (order.get(a.studioId) ?? 0) - (order.get(b.studioId) ?? 0))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The ranking's answer: every row (of the scope), the top studios, those needing attention, the formula. */
export function rankingAnswer(rows: RankingRow[], year: number, now: number, studioIds?: ReadonlySet<string>) {
  const shown = studioIds ? rows.filter((r) => studioIds.has(r.studioId)) : rows;
  return {
    year,
    final: year < shanghaiYear(now),
    formula: FORMULA,
    weights: WEIGHTS,
    rows: shown,
    top: shown.slice(0, 5).map((r) => ({ rank: r.rank, studioId: r.studioId, studioName: r.studioName, score: r.score })),
    attention: shown
      .filter((r) => r.attention.length)
      .sort((a, b) => a.score - b.score)
      .map((r) => ({ rank: r.rank, studioId: r.studioId, studioName: r.studioName, score: r.score, reasons: r.attention })),
  };
}

/**
 * The register's figures from grouped counts (status, outcome, timeliness, satisfaction,
 * acceptDays), the same definitions as `register.stats` (core/register/stats.ts) plus 响应率:
 * accepted (or assigned) within N calendar days of submission, N the reminder policy's
 * `acceptWithinDays` (2).
 */
import type { GroupCount } from '../ports/store';
import type { Rate } from '../register/stats';

export const GROUP_FIELDS = ['status', 'outcome', 'timeliness', 'satisfaction', 'acceptDays'] as const;

export interface Figures {
  collected: number;
  rejected: number;
  /** Duplicates merged into another item (core/register/merge.ts): handled as that item. */
  merged: number;
  answeredOrResolved: number;
  onTime: number;
  rated: number;
  satisfied: number;
  /** Accepted within the response window. */
  responded: number;
}

export const emptyFigures = (): Figures => ({ collected: 0, rejected: 0, merged: 0, answeredOrResolved: 0, onTime: 0, rated: 0, satisfied: 0, responded: 0 });

/** Adds the groups to `f` (groups of one studio, a month, or anything summed). */
export function addGroups(f: Figures, groups: readonly GroupCount[], withinDays: number): Figures {
  for (const { key, count } of groups) {
    f.collected += count;
    if (key.status === 'rejected') f.rejected += count;
    if (key.status === 'merged') f.merged += count;
    const replied = key.outcome === 'answered' || key.outcome === 'resolved';
    if (replied) f.answeredOrResolved += count;
    if (replied && key.timeliness === 'on_time') f.onTime += count;
    if (key.satisfaction !== null && key.satisfaction !== undefined) f.rated += count;
    if (key.satisfaction === 'satisfied') f.satisfied += count;
    if (typeof key.acceptDays === 'number' && key.acceptDays <= withinDays) f.responded += count;
  }
  return f;
}

export function sumFigures(list: readonly Figures[]): Figures {
  const out = emptyFigures();
  for (const f of list) for (const k of Object.keys(out) as Array<keyof Figures>) out[k] += f[k];
  return out;
}

const rate = (numerator: number, denominator: number, formula: string): Rate => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
  formula,
});

/** The four rates of the dashboard, each with its formula. */
export function ratesOf(f: Figures, withinDays: number) {
  const handled = f.collected - f.rejected - f.merged;
  return {
    response: rate(f.responded, handled, `响应率 = 提交后 ${withinDays} 日内受理（交办）÷ (收集 − 不予受理 − 合并)`),
    answeredOrResolved: rate(f.answeredOrResolved, handled, '答复或解决率 = 已答复或已解决 ÷ (收集 − 不予受理 − 合并)'),
    onTime: rate(f.onTime, f.answeredOrResolved, '按期答复率 = 在期限内答复或解决 ÷ 已答复或已解决'),
    satisfied: rate(f.satisfied, f.rated, '满意率 = 评价满意 ÷ 已评价'),
  };
}
export type DashboardRates = ReturnType<typeof ratesOf>;

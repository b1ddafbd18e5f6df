/**
 * How 组团联系服务 looks on the staff pages: progress in words and as a bar, the tone of a
 * 民情会诊 case's status, dates. Every figure and every permission is the back end's.
 */
import type { CaseStatus, VisitProgress } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import type { Tone } from '../inquiry/present';

export { stamp } from '../inquiry/present';
export type { Tone };

/** A bar's width in percent, 0–100. */
export const barWidth = (n: number, of: number): number => (of <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((n / of) * 100))));

/** The progress card of a group: `12 / 100 户`, the bar, the pace in words. */
export function progressCard(p: Pick<VisitProgress, 'households' | 'target' | 'pace' | 'visits' | 'year'>) {
  return {
    visited: p.households.visited,
    target: p.target,
    width: barWidth(p.households.visited, p.target),
    behind: p.pace.behind,
    visits: p.visits,
    pace: p.pace.behind ? `按进度月初应达 ${p.pace.expected} 户，已落后` : `按进度本月底应达 ${p.pace.monthEnd} 户`,
    year: p.year,
  };
}

const CASE_TONES: Record<CaseStatus, Tone> = {
  submitted: 'neutral',
  scheduled: 'info',
  in_progress: 'warn',
  closed: 'success',
  proposed: 'info',
  withdrawn: 'neutral',
};
export const caseTone = (s: CaseStatus): Tone => CASE_TONES[s] ?? 'neutral';

/** `2026-11-20` → `2026年11月20日`; null stays empty. */
export const dayOf = (date: string | null): string => (date ? formatCalendarDate(date) : '');

/**
 * Honest deadlines and merged duplicates, as the pages say them (issue 16). Everything is
 * computed by the server (`daysLeft`, `urgeAgainAt`, `raisedBy`, `mergedInto`); these only
 * put it in words.
 */
import type { Item } from '../services/types';

/** The fields of the server's item view (core/register/item.ts `ItemView`) these pages read. */
export type ItemPlus = Omit<Item, 'status'> & {
  status: Item['status'] | 'merged';
  /** Shanghai calendar days to the deadline while open: negative once overdue; null when no longer open. */
  daysLeft?: number | null;
  studioPhone?: string | null;
  urgedAt?: number | null;
  /** In how many days an item chased lately may be chased again. */
  urgeAgainInDays?: number | null;
  /** How many residents raised it (its submitter and those whose duplicates were merged in). */
  raisedBy?: number;
  /** The caller follows it as one of its askers. */
  asker?: boolean;
  /** The duplicates merged into it (staff only). */
  linked?: Array<{ id: string; no: string; content: string; at: number; satisfaction: 'satisfied' | 'unsatisfied' | null }> | null;
  /** On a merged item: where it is handled now, and how that item is doing. */
  mergedInto?: {
    id: string;
    no: string;
    progress: { status: string; statusLabel: string; overdue: boolean; daysLeft: number | null; asksFeedback: boolean; raisedBy: number } | null;
  } | null;
};

/** "已超期 N 天" (residents) / "超期 N 天" (the staff queue), "今天到期", "剩 N 天"; '' when no longer open. */
export function daysText(daysLeft: number | null | undefined, overduePrefix = '已超期'): string {
  if (daysLeft === null || daysLeft === undefined) return '';
  if (daysLeft < 0) return `${overduePrefix} ${-daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `剩 ${daysLeft} 天`;
}

/** The 催办 button: offered when the server lists `urge`; disabled with the days to wait after a recent one. */
export function urgeButton(i: ItemPlus): { show: boolean; enabled: boolean; text: string } {
  if (i.actions.includes('urge')) return { show: true, enabled: true, text: '催办' };
  if (i.urgeAgainInDays) return { show: true, enabled: false, text: `${i.urgeAgainInDays} 天后可再次催办` };
  return { show: false, enabled: false, text: '' };
}

/** "N 位群众反映了此事" when more than its submitter raised it. */
export const raisedText = (i: ItemPlus): string => ((i.raisedBy ?? 1) > 1 ? `${i.raisedBy} 位群众反映了此事` : '');

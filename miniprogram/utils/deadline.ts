/**
 * Honest deadlines and merged duplicates, as the pages say them (issue 16). Everything is
 * computed by the server (`daysLeft`, `urgeAgainAt`, `raisedBy`, `mergedInto`); these only
 * put it in words.
 */
import type { Item } from '../services/types';

/** The server's item view (core/views.ts `Item`) with its deadline and merge fields. */
export type ItemPlus = Item;

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

/**
 * What the studio-operations pages share (a subpackage cannot reach another's files): who
 * the caller is, their studios, the year and month in Shanghai, how a refusal shows, and
 * opening an export. The back end decides every permission; these only choose what to show.
 */
import { call, CloudError, messageOf, openExport } from '../../../services/cloud';
import type { ExportFile } from '../../../services/ops';
import type { Me, Role, StudioSummary } from '../../../services/types';

export type PageState = 'loading' | 'error' | 'forbidden' | 'empty' | 'ready';

const OFFSET = 8 * 3600_000;

/** Today in Shanghai, `YYYY-MM-DD`. */
export const today = (now: number = Date.now()): string => new Date(now + OFFSET).toISOString().slice(0, 10);
export const thisMonth = (now?: number): string => today(now).slice(0, 7);
export const thisYear = (now?: number): number => Number(today(now).slice(0, 4));
/** The month after `month` (`YYYY-MM`). */
export const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
/** `2026-12` → `2026年12月`. */
export const monthLabel = (month: string): string => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** The back end's FORBIDDEN as the page's no-permission state, anything else as an error. */
export const failState = (e: unknown): 'forbidden' | 'error' => (e instanceof CloudError && e.code === 'FORBIDDEN' ? 'forbidden' : 'error');

/** The page shows no permission unless the caller's role is one of `roles`. */
export function requireRole(me: Me, roles: readonly Role[], message: string): void {
  if (!roles.includes(me.role)) throw new CloudError('FORBIDDEN', message);
}

/** Studio staff: representatives, liaison staff, administrators. */
export const STAFF: readonly Role[] = ['representative', 'liaison', 'admin'];

/** The studios the caller serves (every studio for an admin), and the one the page is about. */
export async function studiosOf(me: Me, wanted?: string): Promise<{ studios: StudioSummary[]; index: number }> {
  const all = await call<StudioSummary[]>('directory', 'studios');
  const studios = me.role === 'admin' ? all : all.filter((s) => (me.studioIds ?? []).includes(s.id));
  const index = Math.max(0, studios.findIndex((s) => s.id === wanted));
  return { studios, index };
}

/** Makes an export with `sheets.<action>` and opens it; answers the message to show, or '' when it opened. */
export async function exportAndOpen(action: string, params: Record<string, unknown>): Promise<string> {
  try {
    const file = await call<ExportFile>('sheets', action, params);
    await openExport(file.fileId);
    return '';
  } catch (e) {
    return messageOf(e);
  }
}

/** `92.5%`, or `—` when there is nothing to measure. */
export const pct = (p: number | null): string => (p === null ? '—' : `${p}%`);

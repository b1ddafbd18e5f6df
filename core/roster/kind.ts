/**
 * The roster on the kernel: the swap request's lifecycle, and the shifts' day-before reminders
 * in the registry.
 *
 * The rules in words: a representative (or the liaison for them) asks to hand a shift to
 * another representative of the studio, or to exchange it for theirs; the studio's liaison (or
 * an admin) approves — the shifts change in the same transaction — or refuses with a reason;
 * the requester may withdraw while it is pending. An open day's shifts are not swapped here:
 * the published notice names its representatives.
 */
import type { Config } from '../config';
import { defineLifecycle } from '../matters/lifecycle';
import type { MessageEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import { receptionRemindAt } from '../notifications/policy';
import { SWAP_RELATIONS, type SwapRelation } from './permissions';
import { HALF_LABELS, SWAP_STATUSES, type Shift, type SwapStatus } from './types';

export const SWAP_ACTIONS = ['approve', 'reject', 'withdraw'] as const;
export type SwapAction = (typeof SWAP_ACTIONS)[number];

export const SWAP_STATUS_LABELS: Record<SwapStatus, string> = { pending: '待审批', approved: '已同意', rejected: '未同意', withdrawn: '已撤回' };

export const swapLifecycle = defineLifecycle<SwapStatus, SwapAction, SwapRelation, { status: SwapStatus }, SwapAction>({
  kind: 'swaps',
  noun: '换班申请',
  statuses: SWAP_STATUSES,
  actions: SWAP_ACTIONS,
  relations: SWAP_RELATIONS,
  transitions: {
    pending: {
      approve: { to: 'approved', by: ['manager'] },
      reject: { to: 'rejected', by: ['manager'] },
      withdraw: { to: 'withdrawn', by: ['requester'] },
    },
    approved: {},
    rejected: {},
    withdrawn: {},
  },
  publicName: { approve: 'approve', reject: 'reject', withdraw: 'withdraw' },
  statusLabels: SWAP_STATUS_LABELS,
  actionLabels: { approve: '同意换班', reject: '不同意换班', withdraw: '撤回换班申请' },
});

/** The page a duty message opens. */
export const rosterPage = (studioId: string, month: string) => `pages/ops/roster/index?studioId=${studioId}&month=${month}`;

/** `2026-12-03 上午`. */
export const shiftLabel = (s: Pick<Shift, 'date' | 'half'>) => `${s.date} ${HALF_LABELS[s.half]}`;

/** When the day-before reminder of a shift is due: the day before at the daily hour, not before now; none for an open day. */
export function shiftRemindAt(s: Pick<Shift, 'startAt' | 'openDay'>, now: number, config: Config): number | null {
  if (s.openDay || now >= s.startAt) return null;
  return Math.max(now, receptionRemindAt(s, config.reminders));
}

/** 值班提醒: the day before, each representative on the shift (an open day's come from its reception). */
export const shiftReminders: ReminderSource<Shift> = {
  name: 'shifts',
  collection: 'shifts',
  due(_deps, s, now) {
    if (s.openDay || now >= s.startAt) return [];
    return s.repIds.map(
      (rep): MessageEffect => ({
        type: 'message',
        key: `shift:${s._id}:${rep}`,
        to: { representative: rep },
        kind: 'duty_tomorrow',
        title: `明天${HALF_LABELS[s.half]}驻点值班`,
        body: `${s.studioName}，${shiftLabel(s)}，与${s.reps.filter((r) => r.id !== rep).map((r) => r.name).join('、') || '（无同班）'}同班`,
        page: rosterPage(s.studioId, s.month),
        at: now,
      }),
    );
  },
  next: () => null,
};

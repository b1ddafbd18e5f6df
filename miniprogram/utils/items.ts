/**
 * How a register item looks wherever it is shown (residents' and staff pages alike): the
 * tone of its status tag (app.wxss `.tag--*`) and the words of its timeline. Labels of
 * statuses come from the back end (`statusLabel`). Party red (`alarm`) is for refused and,
 * on its own tag, overdue; every other status gets a calm colour.
 */
import { ITEM_ACTION_LABELS } from '../generated/constants';

const TONES: Record<string, string> = {
  submitted: 'neutral',
  accepted: 'info',
  in_progress: 'progress',
  answered: 'success',
  resolved: 'success',
  closed: 'neutral',
  rejected: 'alarm',
  merged: 'neutral',
};

export const statusTone = (status: string): string => TONES[status] ?? 'neutral';

/**
 * A timeline entry's action in words (痕迹化管理): the back end's own words, generated from core
 * (催办, 移交 included), except 提交 said with its object: “提交反映” reads before the resident's name.
 */
export const TIMELINE_LABELS: Record<string, string> = { ...ITEM_ACTION_LABELS, submit: '提交反映' };

/** The actions a representative or liaison takes on an item (what `actions` may hold besides `feedback`). */
export const STAFF_ITEM_ACTIONS = ['accept', 'assign', 'answer', 'promise', 'resolve', 'refer', 'recordReferralResult', 'reject', 'merge'] as const;

/** Whether the caller has something to do on the item in the staff pages. */
export const hasStaffAction = (actions: readonly string[]): boolean => actions.some((a) => (STAFF_ITEM_ACTIONS as readonly string[]).includes(a));

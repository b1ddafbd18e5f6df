/**
 * How an inner-party inquiry (党内质询) looks on the staff pages: the tone of its status, the
 * days left on its clock in words, the words of its timeline and of its buttons. Status labels
 * come from the back end (`statusLabel`); nothing here decides what a caller may do.
 */
import type { InquiryAction, InquiryStatus } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { dateOf } from '../common/dates';

/** An instant as `2026年11月20日 14:30`, in Shanghai time. */
export function stamp(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatCalendarDate(dateOf(ms))} ${hh}:${mm}`;
}

/** A colour family of the inquiry pages' badges: red (`danger`) only for overdue and refused (退回). */
export type Tone = 'neutral' | 'info' | 'warn' | 'success' | 'danger';

const STATUS_TONES: Record<InquiryStatus, Tone> = {
  cosigning: 'neutral',
  submitted: 'neutral',
  accepted: 'info',
  clarifying: 'warn',
  replied: 'info',
  met: 'info',
  committee: 'warn',
  closed: 'success',
  returned: 'danger',
};

export const statusTone = (status: InquiryStatus): Tone => STATUS_TONES[status] ?? 'neutral';

/**
 * The clock of a reply still awaited, in words: `已超期 N 天` (red), `今天到期`, `剩 N 天`
 * (amber within 3 days). `daysLeft` and `overdue` are the back end's.
 */
export function daysLeftText(daysLeft: number, overdue: boolean): { text: string; tone: Tone } {
  if (overdue || daysLeft < 0) return { text: `已超期 ${Math.max(1, -daysLeft)} 天`, tone: 'danger' };
  if (daysLeft === 0) return { text: '今天到期', tone: 'warn' };
  return { text: `剩 ${daysLeft} 天`, tone: daysLeft <= 3 ? 'warn' : 'info' };
}

/** The buttons, in words (the back end's action labels). */
export const ACTION_LABELS: Record<InquiryAction, string> = {
  cosign: '联名',
  accept: '受理',
  return: '退回',
  askClarification: '请求补充说明',
  clarify: '补充说明',
  reply: '书面答复',
  meet: '登记见面沟通',
  evaluate: '评价',
  decide: '登记研究决定',
  extend: '延长办理期限',
  holdAccountable: '问责',
};

/** The send button of each form. */
export const SUBMIT_LABELS: Partial<Record<InquiryAction, string>> = {
  accept: '确定受理',
  return: '确定退回',
  askClarification: '发出请求',
  clarify: '提交补充说明',
  reply: '提交书面答复',
  meet: '登记见面沟通',
  evaluate: '提交评价',
  extend: '确定延期',
  holdAccountable: '登记问责',
  decide: '登记研究决定',
};

/** What a toast says once the back end has done it. */
export const DONE_MESSAGES: Record<InquiryAction, string> = {
  cosign: '已联名',
  accept: '已受理',
  return: '已退回',
  askClarification: '已请求补充说明',
  clarify: '已补充说明',
  reply: '已书面答复',
  meet: '已登记见面沟通',
  evaluate: '已评价',
  decide: '已登记研究决定',
  extend: '已延长期限',
  holdAccountable: '已登记问责',
};

/** A timeline line's action in words (痕迹化管理). */
export const TIMELINE_LABELS: Record<string, string> = {
  raise: '提出质询',
  cosign: '联名',
  cosignLast: '联名（联名齐全，提交受理）',
  accept: '受理',
  return: '退回',
  askClarification: '请求补充说明（暂停计时）',
  clarify: '补充说明（恢复计时）',
  reply: '书面答复',
  meet: '见面沟通',
  evaluate: '评价',
  evaluateConclude: '评价（办结）',
  evaluateNextRound: '评价（多数不满意，进入下一轮办理）',
  evaluateToCommittee: '评价（提交党委（纪委）研究）',
  decide: '党委（纪委）研究决定',
  extend: '延长办理期限',
  holdAccountable: '问责',
};

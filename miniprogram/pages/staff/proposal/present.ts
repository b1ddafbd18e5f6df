/**
 * How a proposal (代表提议) looks on the staff pages: the tone of its status, the days left in
 * words, the words of its buttons and timeline. Status labels come from the back end; nothing
 * here decides what a caller may do.
 */
import type { ProposalAction, ProposalStatus } from '../../../services/types';
import type { Tone } from '../inquiry/present';

const STATUS_TONES: Record<ProposalStatus, Tone> = {
  submitted: 'neutral',
  accepted: 'info',
  dispatched: 'info',
  refused: 'warn',
  in_progress: 'info',
  completed: 'warn',
  closed: 'success',
  returned: 'neutral',
  converted: 'neutral',
};

export const proposalStatusTone = (status: ProposalStatus, overdue = false): Tone => (overdue ? 'danger' : STATUS_TONES[status] ?? 'neutral');

/** The buttons, in words. */
export const ACTION_LABELS: Record<ProposalAction, string> = {
  review: '审查',
  dispatch: '交办',
  accept: '签收',
  refuse: '退回交办',
  progress: '报告进展',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  refuseExtension: '不同意延期',
  complete: '办复',
  urge: '催办',
  appraise: '评价',
};

/** The send button of each form. */
export const SUBMIT_LABELS: Partial<Record<ProposalAction, string>> = {
  review: '提交审查意见',
  dispatch: '确定交办',
  refuse: '确定退回',
  progress: '提交进展',
  requestExtension: '提交延期申请',
  approveExtension: '同意延期',
  refuseExtension: '不同意延期',
  complete: '提交办复',
  urge: '发出催办',
  appraise: '提交评价',
};

/** What a toast says once the back end has done it. */
export const DONE_MESSAGES: Record<ProposalAction, string> = {
  review: '已审查',
  dispatch: '已交办',
  accept: '已签收',
  refuse: '已退回',
  progress: '已报告进展',
  requestExtension: '已申请延期',
  approveExtension: '已同意延期',
  refuseExtension: '已不同意延期',
  complete: '已办复',
  urge: '已催办',
  appraise: '已评价',
};

/** A timeline line's action in words (痕迹化管理). */
export const TIMELINE_LABELS: Record<string, string> = {
  raise: '提出提议',
  reviewAccept: '审查立案',
  reviewConvert: '转为意见建议',
  reviewReturn: '退回',
  dispatch: '交办',
  accept: '签收',
  refuse: '退回交办',
  progress: '办理进展',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  refuseExtension: '不同意延期',
  complete: '办复',
  urge: '催办',
  appraise: '评价',
  appraiseConclude: '评价（办结）',
  appraiseReopen: '评价（不满意，重新办理）',
};

/** 审查 decisions, 办复 results and 评价 ratings, as the back end names them. */
export const DECISIONS = [
  { value: 'accept', label: '立案' },
  { value: 'convert', label: '转为意见建议' },
  { value: 'return', label: '退回' },
];
export const RESULTS = [
  { value: 'solved', label: '已解决' },
  { value: 'being_solved', label: '正在解决' },
  { value: 'planned', label: '列入计划' },
  { value: 'for_reference', label: '留作参考' },
];
export const RATINGS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'not_satisfied', label: '不满意' },
];
/** Progress in steps of 10. */
export const PERCENTS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

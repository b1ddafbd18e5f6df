/**
 * How a register item looks wherever it is shown (residents' and staff pages alike): the
 * tone of its status tag (app.wxss `.tag--*`) and the words of its timeline. Labels of
 * statuses come from the back end (`statusLabel`). Party red (`alarm`) is for refused and,
 * on its own tag, overdue; every other status gets a calm colour.
 */
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

/** A timeline entry's action in words (痕迹化管理). */
export const TIMELINE_LABELS: Record<string, string> = {
  submit: '提交反映',
  accept: '受理',
  assign: '交办党代表',
  answer: '答复',
  promise: '承诺办理',
  refer: '转交有关单位',
  recordReferralResult: '有关单位反馈结果',
  resolve: '办结',
  reject: '不予受理',
  feedbackSatisfied: '评价：满意',
  feedbackUnsatisfied: '评价：不满意',
  autoClose: '到期自动办结',
  urge: '催办',
  merge: '合并到同一事项',
  absorb: '合并重复反映',
  askerFeedback: '群众评价',
};

/** The actions a representative or liaison takes on an item (what `actions` may hold besides `feedback`). */
export const STAFF_ITEM_ACTIONS = ['accept', 'assign', 'answer', 'promise', 'resolve', 'refer', 'recordReferralResult', 'reject', 'merge'] as const;

/** Whether the caller has something to do on the item in the staff pages. */
export const hasStaffAction = (actions: readonly string[]): boolean => actions.some((a) => (STAFF_ITEM_ACTIONS as readonly string[]).includes(a));

// Generated from core by scripts/miniprogram-constants.ts (npm run build). Do not edit:
// test/core/contract.test.ts fails when this file differs from what core says.

/** The categories of the register (core/register/item.ts). */
export const CATEGORIES = [
  "民生服务",
  "城乡建设",
  "交通出行",
  "生态环境",
  "教育医疗",
  "社会保障",
  "就业创业",
  "农业农村",
  "党的建设",
  "矛盾纠纷",
  "其他"
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Where an opinion came in (core/register/item.ts), and its words (core/register/sheet.ts). */
export const CHANNELS = [
  "online",
  "reception",
  "visit",
  "forum"
] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  "online": "网上",
  "reception": "接待",
  "visit": "走访",
  "forum": "论坛"
};

/** The statuses of an item still waiting for an answer (core/register/lifecycle.ts). */
export const OPEN_STATUSES: readonly string[] = [
  "submitted",
  "accepted",
  "in_progress"
];

/** An item's status in words (core/register/lifecycle.ts). */
export const ITEM_STATUS_LABELS: Record<string, string> = {
  "submitted": "已提交",
  "accepted": "已受理",
  "in_progress": "办理中",
  "answered": "已答复",
  "resolved": "已解决",
  "closed": "已办结",
  "rejected": "不予受理",
  "merged": "已合并办理"
};

/** What an event of an item's timeline did, in words (core/register/lifecycle.ts). */
export const ITEM_ACTION_LABELS: Record<string, string> = {
  "submit": "提交",
  "accept": "受理",
  "assign": "交办",
  "answer": "答复",
  "promise": "承诺办理",
  "refer": "转交有关单位",
  "recordReferralResult": "登记办理结果",
  "resolve": "办结",
  "reject": "不予受理",
  "feedbackSatisfied": "评价满意",
  "feedbackUnsatisfied": "评价不满意",
  "autoClose": "逾期未评价自动办结",
  "urge": "催办",
  "release": "退回待办",
  "handOver": "移交承办",
  "merge": "合并到同一事项",
  "absorb": "合并重复反映",
  "askerFeedback": "群众评价"
};

/** A phone number the back end accepts: a mobile, or a landline with its area code (core/shared/validation.ts). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * Receptions are published at least this many calendar days ahead (core/config.ts, the default;
 * a deployment may set NOTICE_DAYS: the back end decides, the pages only explain).
 */
export const NOTICE_DAYS = 7;

/** The households a group must visit (必访户, core/visits/types.ts). */
export const MUST_VISIT = [
  "party_center",
  "pioneer",
  "four_old",
  "petitioner",
  "hardship"
] as const;
export type MustVisit = (typeof MUST_VISIT)[number];
export const MUST_VISIT_LABELS: Record<MustVisit, string> = {
  "party_center": "党员中心户",
  "pioneer": "创业创新带头人",
  "four_old": "“四老”对象",
  "petitioner": "重点信访群众",
  "hardship": "特殊困难群众"
};

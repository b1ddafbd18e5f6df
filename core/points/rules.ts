/**
 * The points rules table (量化积分规则), one per year: for each rule its code, what earns it, the
 * points per occurrence, the yearly cap per representative and who approves.
 *
 * Where the numbers come from: the source says only that the county assesses studios and
 * representatives "by a quantified points method" (量化积分考核) and names the duties that
 * count — receptions, forums, research and inspection, proposals, study and training, replying
 * to residents, inquiries. It gives no points. The points and caps below are this project's
 * defaults, chosen so that a representative who takes part in the ordinary monthly work (two
 * receptions a month, replies on time, a training a quarter) ends a year with 40–60 points and
 * no single duty outweighs the rest. Forums, group visits and proposals came later, with caps
 * that keep each below receptions (one active in all of them nears 80–100). A county sets its
 * own each year (`points.saveRules`), and a year without a saved table uses these.
 *
 * A new source of points adds one line to DEFAULT_RULES and emits one `points` effect with
 * that code from the change that earns it (docs/operations.md, "What each source earns").
 */
import type { Deps } from '../deps';
import type { StoredDoc } from '../ports/store';

/** Who approves an entry of the rule: nobody (earned from a recorded event) or a county administrator. */
export type Approval = 'none' | 'admin';

export interface PointRule {
  /** Stable code, stored on every entry (letters, digits, `_`; at most 20 characters). */
  code: string;
  /** 规则名称, as the ledger shows it. */
  label: string;
  /** What earns it, in words. */
  earnedBy: string;
  /** Points per occurrence (for a manual entry: the most one entry may claim). */
  points: number;
  /** The most a representative may earn from this rule in a year; null: no cap. */
  cap: number | null;
  approval: Approval;
  /** Whether the rule earns points this year. */
  enabled: boolean;
  /** Entered by hand (a liaison, with evidence) rather than earned from an event. */
  manual: boolean;
}

export const DEFAULT_RULES: readonly PointRule[] = [
  { code: 'reception', label: '参加接待', earnedBy: '接待结束登记时确认到场的值班党代表，每场', points: 2, cap: 40, approval: 'none', enabled: true, manual: false },
  { code: 'answer_on_time', label: '按期答复办结', earnedBy: '在期限内答复或办结一条意见建议（负责的党代表），每条', points: 1, cap: 30, approval: 'none', enabled: true, manual: false },
  { code: 'inquiry', label: '提出党内质询', earnedBy: '提出的党内质询被受理（提出人和联名人），每件', points: 3, cap: 9, approval: 'none', enabled: true, manual: false },
  { code: 'training', label: '参加学习培训', earnedBy: '参加工作室“学习培训”活动（活动记录中的到场党代表），每次', points: 1, cap: 6, approval: 'none', enabled: true, manual: false },
  { code: 'forum_held', label: '主持党代表论坛', earnedBy: '论坛结束登记时的主持党代表，每场', points: 3, cap: 12, approval: 'none', enabled: true, manual: false },
  { code: 'forum_attended', label: '参加党代表论坛', earnedBy: '论坛结束登记时确认出席的党代表（主持人除外），每场', points: 1, cap: 12, approval: 'none', enabled: true, manual: false },
  { code: 'visit', label: '组团联系走访', earnedBy: '走访记录中的党代表（登记人和同行组员），每次', points: 2, cap: 24, approval: 'none', enabled: true, manual: false },
  { code: 'proposal_raised', label: '提出代表提议', earnedBy: '提议经审查立案时的领衔人和联名人，每件', points: 2, cap: 10, approval: 'none', enabled: true, manual: false },
  { code: 'proposal_adopted', label: '提议被采纳', earnedBy: '提议办复结果为已解决、正在解决或列入计划时的领衔人，每件', points: 3, cap: 15, approval: 'none', enabled: true, manual: false },
  { code: 'manual', label: '其他履职', earnedBy: '联络员凭佐证材料申报的其他履职，经县级管理员审核，每项最多', points: 5, cap: 20, approval: 'admin', enabled: true, manual: true },
];

export const RULE_CODE = /^[a-z][a-z0-9_]{1,19}$/;

/** A year's saved table: the rules a county changed (points, cap, enabled); codes come from DEFAULT_RULES. */
export interface RulesDoc extends StoredDoc {
  year: number;
  rules: Array<Pick<PointRule, 'code' | 'points' | 'cap' | 'enabled'>>;
  updatedAt: number;
  updatedBy: string;
}

export const rulesDocId = (year: number) => `rules-${year}`;

/** The year's table: the defaults, with what the county saved for that year over them. */
export async function rulesFor(deps: Deps, year: number): Promise<PointRule[]> {
  const saved = await deps.store.get<RulesDoc>('pointRules', rulesDocId(year));
  return mergeRules(saved);
}

export function mergeRules(saved: RulesDoc | null): PointRule[] {
  const byCode = new Map((saved?.rules ?? []).map((r) => [r.code, r]));
  return DEFAULT_RULES.map((d) => {
    const s = byCode.get(d.code);
    return s ? { ...d, points: s.points, cap: s.cap, enabled: s.enabled } : { ...d };
  });
}

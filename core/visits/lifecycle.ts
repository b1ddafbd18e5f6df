/**
 * The lifecycle of a 民情会诊 case (a consultation on the people's situation), on the
 * tracked-matters kernel.
 *
 * The rules in words:
 * - The group's leader sends one or more hard issues from the group's visits to the township
 *   committee (`send` → submitted). Until the consultation is held the leader may withdraw it.
 * - The township's liaison (or an administrator) schedules the consultation (`schedule`:
 *   when, where, who attends) and may schedule it again.
 * - After the consultation the liaison records its decision with measures, each with a
 *   responsible person and a deadline (`decide` → in_progress), or that the matter goes to the
 *   representatives as a proposal (`toProposal` → proposed).
 * - Each measure is marked done with its result by its responsible representative or the
 *   liaison (`completeMeasure`); the last one closes the case (`completeLastMeasure` → closed).
 * - While measures run, or once closed, the liaison may still record that the matter is to
 *   become a representatives' proposal (`toProposal`, once): the case keeps its status.
 */
import { defineLifecycle, type Rule } from '../matters/lifecycle';

export const CASE_STATUSES = ['submitted', 'scheduled', 'in_progress', 'closed', 'proposed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** In the order a page offers them: after the consultation, its decision comes first. */
export const CASE_ACTIONS = ['decide', 'schedule', 'completeMeasure', 'completeLastMeasure', 'toProposal', 'withdraw'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type CasePublicAction = 'schedule' | 'decide' | 'completeMeasure' | 'toProposal' | 'withdraw';

/** How a caller stands to a case; `measureOwner` is the representative responsible for a measure not yet done. */
export const CASE_RELATIONS = ['leader', 'member', 'liaison', 'admin', 'measureOwner'] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

export interface CaseFacts {
  status: CaseStatus;
  /** Measures not done yet. */
  pendingMeasures: number;
  /** A proposal was already asked for. */
  proposed: boolean;
}

const STAFF = ['liaison', 'admin'] as const;
const COMPLETERS = ['measureOwner', 'liaison', 'admin'] as const;

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseAction, Rule<CaseStatus, CaseRelation>>>>> = {
  submitted: {
    schedule: { to: 'scheduled', by: STAFF },
    withdraw: { to: 'withdrawn', by: ['leader'] },
  },
  scheduled: {
    schedule: { to: 'scheduled', by: STAFF },
    decide: { to: 'in_progress', by: STAFF },
    toProposal: { to: 'proposed', by: STAFF },
    withdraw: { to: 'withdrawn', by: ['leader'] },
  },
  in_progress: {
    completeMeasure: { to: 'in_progress', by: COMPLETERS },
    completeLastMeasure: { to: 'closed', by: COMPLETERS },
    toProposal: { to: 'in_progress', by: STAFF },
  },
  closed: {
    toProposal: { to: 'closed', by: STAFF },
  },
  proposed: {},
  withdrawn: {},
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待会诊',
  scheduled: '已安排会诊',
  in_progress: '措施落实中',
  closed: '已办结',
  proposed: '转为代表提议',
  withdrawn: '已撤回',
};

export const CASE_ACTION_LABELS: Record<CaseAction | 'send', string> = {
  send: '提交民情会诊',
  schedule: '安排会诊',
  decide: '登记会诊决定',
  completeMeasure: '完成措施',
  completeLastMeasure: '完成措施',
  toProposal: '转为代表提议',
  withdraw: '撤回',
};

export const caseLifecycle = defineLifecycle<CaseStatus, CaseAction, CaseRelation, CaseFacts, CasePublicAction>({
  kind: 'visitCases',
  noun: '民情会诊',
  statuses: CASE_STATUSES,
  actions: CASE_ACTIONS,
  relations: CASE_RELATIONS,
  transitions: CASE_TRANSITIONS,
  guards: {
    completeMeasure: (f) => f.pendingMeasures > 1,
    completeLastMeasure: (f) => f.pendingMeasures === 1,
    toProposal: (f) => !f.proposed,
  },
  publicName: {
    schedule: 'schedule',
    decide: 'decide',
    completeMeasure: 'completeMeasure',
    completeLastMeasure: 'completeMeasure',
    toProposal: 'toProposal',
    withdraw: 'withdraw',
  },
  statusLabels: CASE_STATUS_LABELS,
  actionLabels: CASE_ACTION_LABELS,
});

/** Still being dealt with: sent, scheduled, or measures running. */
export const isOpenCase = (s: CaseStatus): boolean => s === 'submitted' || s === 'scheduled' || s === 'in_progress';

/**
 * The lifecycle of a representatives' proposal (代表提议), on the tracked-matters kernel.
 *
 * The rules in words:
 * - A representative raises it with co-signers (`raise`), or a forum's close makes it out of
 *   an outcome: it waits for review (`submitted`).
 * - A county administrator reviews it: accepts it as a proposal (`reviewAccept` → accepted),
 *   turns it into an ordinary opinion of the register (`reviewConvert` → converted), or
 *   returns it with a reason (`reviewReturn` → returned).
 * - The administrator dispatches it (`dispatch`) to a lead department (主办) and assisting ones
 *   (协办), a key proposal (重点提议) with a county leader leading the supervision; the
 *   deadline clock starts (3 months unless told). Until the lead department takes it, it may
 *   be dispatched again.
 * - The lead department's staff take it (`accept` → in_progress) or refuse it with a reason
 *   (`refuse` → refused: back to the administrator to dispatch again).
 * - While it is handled, the lead and the assisting departments post progress (`progress`);
 *   the lead asks for more time (`requestExtension`, one pending at a time), which the
 *   administrator approves or refuses (`approveExtension`, `refuseExtension`); the lead
 *   completes it with a result (`complete` → completed): 已解决 / 正在解决 / 列入计划 / 留作参考.
 * - An administrator urges it (`urge`, 催办) while dispatched or handled, at most once every
 *   3 days; each urging is on the timeline.
 * - Each proposer appraises the result once a round (`appraise`). When the last has: more
 *   than half not satisfied sends it back to the department for another round
 *   (`appraiseReopen` → in_progress, a new clock); otherwise it is closed (`appraiseConclude`).
 *   Nobody appraises a proposal their own department handled: a proposer whose unit is a
 *   handling department does not appraise; if none may, an administrator appraises.
 */
import { defineLifecycle, type Rule } from '../matters/lifecycle';

export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'dispatched', 'refused', 'in_progress', 'completed', 'closed', 'returned', 'converted'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_ACTIONS = [
  'reviewAccept',
  'reviewConvert',
  'reviewReturn',
  'dispatch',
  'accept',
  'refuse',
  'progress',
  'requestExtension',
  'approveExtension',
  'refuseExtension',
  'complete',
  'urge',
  'appraise',
  'appraiseConclude',
  'appraiseReopen',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** The actions a client sees in `actions` and calls. */
export type ProposalPublicAction =
  | 'review'
  | 'dispatch'
  | 'accept'
  | 'refuse'
  | 'progress'
  | 'requestExtension'
  | 'approveExtension'
  | 'refuseExtension'
  | 'complete'
  | 'urge'
  | 'appraise';

/**
 * How a caller stands to a proposal. `proposer` is the lead or a co-signer (who read it and
 * are told of progress); `pendingAppraiser` a proposer who may appraise this round and has
 * not yet (or an administrator when no proposer may).
 */
export const PROPOSAL_RELATIONS = ['proposer', 'pendingAppraiser', 'leadDepartment', 'assistingDepartment', 'admin', 'system'] as const;
export type ProposalRelation = (typeof PROPOSAL_RELATIONS)[number];

export interface ProposalFacts {
  status: ProposalStatus;
  /** A request for more time waits for the administrator. */
  extensionPending: boolean;
  /** Not urged in the last N days (config.proposal.urgeEveryDays). */
  urgeable: boolean;
  /** Appraisers who have not appraised this round yet. */
  unappraised: number;
}

const ADMIN = ['admin'] as const;
const LEAD = ['leadDepartment'] as const;
const DEPARTMENTS = ['leadDepartment', 'assistingDepartment'] as const;
const APPRAISER = ['pendingAppraiser'] as const;

export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, Partial<Record<ProposalAction, Rule<ProposalStatus, ProposalRelation>>>>> = {
  submitted: {
    reviewAccept: { to: 'accepted', by: ADMIN },
    reviewConvert: { to: 'converted', by: ADMIN },
    reviewReturn: { to: 'returned', by: ADMIN },
  },
  accepted: {
    dispatch: { to: 'dispatched', by: ADMIN },
  },
  dispatched: {
    dispatch: { to: 'dispatched', by: ADMIN },
    accept: { to: 'in_progress', by: LEAD },
    refuse: { to: 'refused', by: LEAD },
    urge: { to: 'dispatched', by: ADMIN },
  },
  refused: {
    dispatch: { to: 'dispatched', by: ADMIN },
  },
  in_progress: {
    progress: { to: 'in_progress', by: DEPARTMENTS },
    requestExtension: { to: 'in_progress', by: LEAD },
    approveExtension: { to: 'in_progress', by: ADMIN },
    refuseExtension: { to: 'in_progress', by: ADMIN },
    complete: { to: 'completed', by: LEAD },
    urge: { to: 'in_progress', by: ADMIN },
  },
  completed: {
    appraise: { to: 'completed', by: APPRAISER },
    appraiseConclude: { to: 'closed', by: APPRAISER },
    appraiseReopen: { to: 'in_progress', by: APPRAISER },
  },
  closed: {},
  returned: {},
  converted: {},
};

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: '待审查',
  accepted: '已立案，待交办',
  dispatched: '已交办，待签收',
  refused: '单位退回，待重新交办',
  in_progress: '办理中',
  completed: '已办复，待评价',
  closed: '已办结',
  returned: '已退回',
  converted: '已转为意见建议',
};

export const PROPOSAL_ACTION_LABELS: Record<ProposalAction | 'raise', string> = {
  raise: '提出提议',
  reviewAccept: '审查立案',
  reviewConvert: '转为意见建议',
  reviewReturn: '退回',
  dispatch: '交办',
  accept: '签收',
  refuse: '退回交办',
  progress: '报告办理进展',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  refuseExtension: '不同意延期',
  complete: '办复',
  urge: '催办',
  appraise: '评价',
  appraiseConclude: '评价',
  appraiseReopen: '评价',
};

export const proposalLifecycle = defineLifecycle<ProposalStatus, ProposalAction, ProposalRelation, ProposalFacts, ProposalPublicAction>({
  kind: 'proposals',
  noun: '提议',
  statuses: PROPOSAL_STATUSES,
  actions: PROPOSAL_ACTIONS,
  relations: PROPOSAL_RELATIONS,
  transitions: PROPOSAL_TRANSITIONS,
  guards: {
    requestExtension: (f) => !f.extensionPending,
    approveExtension: (f) => f.extensionPending,
    refuseExtension: (f) => f.extensionPending,
    urge: (f) => f.urgeable,
    appraise: (f) => f.unappraised > 1,
    appraiseConclude: (f) => f.unappraised === 1,
    appraiseReopen: (f) => f.unappraised === 1,
  },
  publicName: {
    reviewAccept: 'review',
    reviewConvert: 'review',
    reviewReturn: 'review',
    dispatch: 'dispatch',
    accept: 'accept',
    refuse: 'refuse',
    progress: 'progress',
    requestExtension: 'requestExtension',
    approveExtension: 'approveExtension',
    refuseExtension: 'refuseExtension',
    complete: 'complete',
    urge: 'urge',
    appraise: 'appraise',
    appraiseConclude: 'appraise',
    appraiseReopen: 'appraise',
  },
  statusLabels: PROPOSAL_STATUS_LABELS,
  actionLabels: PROPOSAL_ACTION_LABELS,
});

/** Past the review and not turned away: what residents see (the public view). */
export const PUBLIC_STATUSES: readonly ProposalStatus[] = ['accepted', 'dispatched', 'refused', 'in_progress', 'completed', 'closed'];
export const isPublicProposal = (s: ProposalStatus): boolean => PUBLIC_STATUSES.includes(s);
/** With a department: dispatched or being handled (the clock runs). */
export const isWithDepartment = (s: ProposalStatus): boolean => s === 'dispatched' || s === 'in_progress';

/**
 * The lifecycle of an inner-party inquiry (党内质询), on the tracked-matters kernel.
 *
 * The rules in words:
 * - A representative raises it (`raise`), with co-signers or alone. With co-signers it waits
 *   (`cosigning`) until each has co-signed; the last signature sends it (`submitted`).
 * - The county administrator accepts it and names the subject's contact (`accept`: the
 *   30-day clock starts), or returns it with a reason (`return`).
 * - The contact may ask the proposers for a clarification (`askClarification`: the clock
 *   pauses); a proposer answers (`clarify`: it runs again, paused days not counted).
 * - The contact replies in writing (`reply`) and then records the face-to-face explanation
 *   (`meet`, 三见面; several meetings allowed). Evaluation is open only after a meeting.
 * - Each proposer evaluates once a round (`evaluate`). When the last has: if more than half
 *   are not satisfied, another round starts with a new 30-day clock (`evaluateNextRound`), or
 *   after the last round (3 by default) it goes to the committee (`evaluateToCommittee`),
 *   which decides (`decide`); otherwise it is closed (`evaluateConclude`).
 * - The administrator may extend the clock once a round (`extend`), and hold the subject to
 *   account (`holdAccountable`) when the reply is overdue, came late, or a round was judged
 *   not satisfying.
 */
import { defineLifecycle, type Rule } from '../matters/lifecycle';

export const INQUIRY_STATUSES = ['cosigning', 'submitted', 'accepted', 'clarifying', 'replied', 'met', 'committee', 'closed', 'returned'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_ACTIONS = [
  'cosign',
  'cosignLast',
  'accept',
  'return',
  'askClarification',
  'clarify',
  'reply',
  'meet',
  'evaluate',
  'evaluateConclude',
  'evaluateNextRound',
  'evaluateToCommittee',
  'decide',
  'extend',
  'holdAccountable',
] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

export type InquiryPublicAction = 'cosign' | 'accept' | 'return' | 'askClarification' | 'clarify' | 'reply' | 'meet' | 'evaluate' | 'decide' | 'extend' | 'holdAccountable';

/**
 * How a caller stands to an inquiry. `pendingCoSigner` and `pendingEvaluator` are the
 * co-signer who has not signed yet and the proposer who has not evaluated this round.
 */
export const INQUIRY_RELATIONS = ['lead', 'coSigner', 'pendingCoSigner', 'pendingEvaluator', 'contact', 'admin', 'system'] as const;
export type InquiryRelation = (typeof INQUIRY_RELATIONS)[number];

export interface InquiryFacts {
  status: InquiryStatus;
  /** Co-signers who have not signed yet. */
  unsigned: number;
  /** Proposers who have not evaluated this round yet. */
  unevaluated: number;
  round: number;
  maxRounds: number;
  extendedThisRound: boolean;
  /** Overdue now, replied late in some round, or a round judged not satisfying. */
  accountable: boolean;
}

const PROPOSERS = ['lead', 'coSigner'] as const;
const ADMIN = ['admin'] as const;
const CONTACT = ['contact'] as const;
const EVALUATOR = ['pendingEvaluator'] as const;

/** Accountability is recorded without moving the inquiry: from any status once it was accepted. */
const held = (status: InquiryStatus) => ({ holdAccountable: { to: status, by: ADMIN } });

export const INQUIRY_TRANSITIONS: Readonly<Record<InquiryStatus, Partial<Record<InquiryAction, Rule<InquiryStatus, InquiryRelation>>>>> = {
  cosigning: {
    cosign: { to: 'cosigning', by: ['pendingCoSigner'] },
    cosignLast: { to: 'submitted', by: ['pendingCoSigner'] },
  },
  submitted: {
    accept: { to: 'accepted', by: ADMIN },
    return: { to: 'returned', by: ADMIN },
  },
  accepted: {
    askClarification: { to: 'clarifying', by: CONTACT },
    reply: { to: 'replied', by: CONTACT },
    extend: { to: 'accepted', by: ADMIN },
    ...held('accepted'),
  },
  clarifying: {
    clarify: { to: 'accepted', by: PROPOSERS },
    extend: { to: 'clarifying', by: ADMIN },
    ...held('clarifying'),
  },
  replied: {
    meet: { to: 'met', by: CONTACT },
    ...held('replied'),
  },
  met: {
    meet: { to: 'met', by: CONTACT },
    evaluate: { to: 'met', by: EVALUATOR },
    evaluateConclude: { to: 'closed', by: EVALUATOR },
    evaluateNextRound: { to: 'accepted', by: EVALUATOR },
    evaluateToCommittee: { to: 'committee', by: EVALUATOR },
    ...held('met'),
  },
  committee: {
    decide: { to: 'closed', by: ADMIN },
    ...held('committee'),
  },
  closed: { ...held('closed') },
  returned: {},
};

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, string> = {
  cosigning: '待联名',
  submitted: '待受理',
  accepted: '办理中',
  clarifying: '待补充说明',
  replied: '已书面答复',
  met: '已见面沟通',
  committee: '提交党委（纪委）研究',
  closed: '已办结',
  returned: '已退回',
};

export const INQUIRY_ACTION_LABELS: Record<InquiryAction | 'raise', string> = {
  raise: '提出质询',
  cosign: '联名',
  cosignLast: '联名',
  accept: '受理',
  return: '退回',
  askClarification: '请求补充说明',
  clarify: '补充说明',
  reply: '书面答复',
  meet: '见面沟通',
  evaluate: '评价',
  evaluateConclude: '评价',
  evaluateNextRound: '评价',
  evaluateToCommittee: '评价',
  decide: '登记研究决定',
  extend: '延长办理期限',
  holdAccountable: '问责',
};

export const inquiryLifecycle = defineLifecycle<InquiryStatus, InquiryAction, InquiryRelation, InquiryFacts, InquiryPublicAction>({
  kind: 'inquiries',
  noun: '质询',
  statuses: INQUIRY_STATUSES,
  actions: INQUIRY_ACTIONS,
  relations: INQUIRY_RELATIONS,
  transitions: INQUIRY_TRANSITIONS,
  guards: {
    cosign: (f) => f.unsigned > 1,
    cosignLast: (f) => f.unsigned === 1,
    evaluate: (f) => f.unevaluated > 1,
    evaluateConclude: (f) => f.unevaluated === 1,
    evaluateNextRound: (f) => f.unevaluated === 1 && f.round < f.maxRounds,
    evaluateToCommittee: (f) => f.unevaluated === 1 && f.round >= f.maxRounds,
    extend: (f) => !f.extendedThisRound,
    holdAccountable: (f) => f.accountable,
  },
  publicName: {
    cosign: 'cosign',
    cosignLast: 'cosign',
    accept: 'accept',
    return: 'return',
    askClarification: 'askClarification',
    clarify: 'clarify',
    reply: 'reply',
    meet: 'meet',
    evaluate: 'evaluate',
    evaluateConclude: 'evaluate',
    evaluateNextRound: 'evaluate',
    evaluateToCommittee: 'evaluate',
    decide: 'decide',
    extend: 'extend',
    holdAccountable: 'holdAccountable',
  },
  statusLabels: INQUIRY_STATUS_LABELS,
  actionLabels: INQUIRY_ACTION_LABELS,
});

/** Still with the subject or the committee: neither closed nor returned, and sent. */
export const isOpenInquiry = (s: InquiryStatus): boolean => !['cosigning', 'closed', 'returned'].includes(s);
/** Waiting for the written reply, with the clock running. */
export const awaitsReply = (s: InquiryStatus): boolean => s === 'accepted';

/**
 * The lifecycle of a register item (《党员群众意见建议记录表》的一条记录). This module alone
 * knows the statuses, which action moves an item from which status to which, and who may
 * take it. Call sites ask `transition`, `allowedActions` and the predicates; they never
 * compare status strings.
 *
 * The rules in words:
 * - A new item is `submitted`. The studio's liaison or any of its representatives may
 *   `accept` it; whoever accepts first owns it (首问负责). The liaison (or an admin) may
 *   instead `assign` it to one of the studio's representatives, who then owns it.
 * - An accepted item is answered on the spot (`answer` → answered), or the owner promises a
 *   reply by a date (`promise` → in_progress), or the liaison refers it to a department with
 *   a deadline (`refer` → in_progress); the department's staff (有关单位, `department`) or the
 *   liaison record the department's result (`recordReferralResult`).
 *   `resolve` says it was solved (→ resolved). The owner or the studio's liaison answers,
 *   promises and resolves.
 * - The liaison (or an admin) may `reject` an item not yet answered: duplicate, out of
 *   scope, spam — with a reason.
 * - The submitter gives `feedback` once per round on an answered or resolved item:
 *   satisfied closes it; not satisfied reopens it (in_progress, round + 1).
 *   With no feedback it closes itself after N days (`autoClose`, the system).
 * - The submitter may chase (`urge`, 催办) an open item past its deadline, once every N days
 *   (3 by default): the owner and the studio's liaison are told; the status does not change.
 *   Separation of duties: only a `rater` gives feedback — the submitter, unless they are staff
 *   of the item's studio (or an administrator), or were when they submitted it
 *   (core/register/permissions.ts). Such an item is never rated, so never counted in the
 *   satisfaction rate.
 * - When its owner no longer serves the studio (a role revoked, an account rebound), an owned
 *   open item is handed back: `release` puts an accepted item back in the studio's queue
 *   (submitted: anyone of the studio may accept it again) and leaves an in-progress one with
 *   no owner (the liaison answers or assigns it); `handOver` gives it to a named successor.
 *   The liaison, an admin, or the system (a rebinding) takes them; they are never offered as
 *   buttons.
 * - Duplicates are merged, not rejected (one item, many askers): the owner or the studio's
 *   liaison (or an admin) `merge`s a new open item into an open or answered one of the same
 *   studio; the new item becomes `merged` (final, like closed) and the existing one `absorb`s it
 *   without changing status: its submitter becomes an `asker` of the existing item, reads its
 *   progress and reply, is told at each step, and rates it once per round (`askerFeedback`, by
 *   an asker who has not rated this round: `askerToRate`) — also after it closed. An asker's
 *   rating never moves the item. An item already answered, or that others were merged into,
 *   is not merged itself.
 *   core/register/merge.ts runs both sides in one transaction.
 */

import { defineLifecycle, type Rule } from '../matters/lifecycle';

export const STATUSES = ['submitted', 'accepted', 'in_progress', 'answered', 'resolved', 'closed', 'rejected', 'merged'] as const;
export type Status = (typeof STATUSES)[number];

/** Transitions. `feedback` is split by its outcome so each entry has one target. */
export const TRANSITION_ACTIONS = [
  'accept',
  'assign',
  'answer',
  'promise',
  'refer',
  'recordReferralResult',
  'resolve',
  'reject',
  'feedbackSatisfied',
  'feedbackUnsatisfied',
  'autoClose',
  'urge',
  'release',
  'handOver',
  'merge',
  'absorb',
  'askerFeedback',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** The action names a client sees in `actions` and calls. */
export type PublicAction =
  | Exclude<TransitionAction, 'feedbackSatisfied' | 'feedbackUnsatisfied' | 'autoClose' | 'release' | 'handOver' | 'absorb' | 'askerFeedback'>
  | 'feedback';

/**
 * How the caller stands to the item. One caller may hold several relations (a liaison who
 * also submitted the item). `rater` is a submitter who may rate it (not staff of its studio);
 * `system` is the timer. `asker` is a resident whose duplicate was merged into the item;
 * `askerToRate` an asker who may rate the current round's reply (not staff of its studio).
 */
export const RELATIONS = ['submitter', 'rater', 'owner', 'studioRepresentative', 'studioLiaison', 'admin', 'department', 'system', 'asker', 'askerToRate'] as const;
export type Relation = (typeof RELATIONS)[number];

const HANDLERS = ['owner', 'studioLiaison'] as const;
const TRIAGE = ['studioLiaison', 'admin'] as const;
const ACCEPTORS = ['studioLiaison', 'studioRepresentative'] as const;
const SUCCESSION = ['studioLiaison', 'admin', 'system'] as const;
const MERGERS = ['owner', 'studioLiaison', 'admin'] as const;
/** Whoever merges a duplicate links it to any item of the same studio. */
const ABSORBERS = ['owner', 'studioLiaison', 'studioRepresentative', 'admin'] as const;
const ASKER_RATES = { by: ['askerToRate'] } as const;

/** The transition table, keyed by (status, action). Anything absent is not allowed. */
export const TRANSITIONS: Readonly<Record<Status, Partial<Record<TransitionAction, Rule<Status, Relation>>>>> = {
  submitted: {
    urge: { to: 'submitted', by: ['submitter'] },
    accept: { to: 'accepted', by: ACCEPTORS },
    assign: { to: 'accepted', by: TRIAGE },
    reject: { to: 'rejected', by: TRIAGE },
    merge: { to: 'merged', by: MERGERS },
    absorb: { to: 'submitted', by: ABSORBERS },
  },
  accepted: {
    urge: { to: 'accepted', by: ['submitter'] },
    assign: { to: 'accepted', by: TRIAGE },
    answer: { to: 'answered', by: HANDLERS },
    promise: { to: 'in_progress', by: HANDLERS },
    refer: { to: 'in_progress', by: TRIAGE },
    resolve: { to: 'resolved', by: HANDLERS },
    reject: { to: 'rejected', by: TRIAGE },
    release: { to: 'submitted', by: SUCCESSION },
    handOver: { to: 'accepted', by: SUCCESSION },
    merge: { to: 'merged', by: MERGERS },
    absorb: { to: 'accepted', by: ABSORBERS },
  },
  in_progress: {
    urge: { to: 'in_progress', by: ['submitter'] },
    assign: { to: 'in_progress', by: TRIAGE },
    answer: { to: 'answered', by: HANDLERS },
    promise: { to: 'in_progress', by: HANDLERS },
    refer: { to: 'in_progress', by: TRIAGE },
    recordReferralResult: { to: 'in_progress', by: [...TRIAGE, 'department'] },
    resolve: { to: 'resolved', by: HANDLERS },
    release: { to: 'in_progress', by: SUCCESSION },
    handOver: { to: 'in_progress', by: SUCCESSION },
    merge: { to: 'merged', by: MERGERS },
    absorb: { to: 'in_progress', by: ABSORBERS },
  },
  answered: {
    feedbackSatisfied: { to: 'closed', by: ['rater'] },
    feedbackUnsatisfied: { to: 'in_progress', by: ['rater'] },
    autoClose: { to: 'closed', by: ['system'] },
    absorb: { to: 'answered', by: ABSORBERS },
    askerFeedback: { to: 'answered', ...ASKER_RATES },
  },
  resolved: {
    feedbackSatisfied: { to: 'closed', by: ['rater'] },
    feedbackUnsatisfied: { to: 'in_progress', by: ['rater'] },
    autoClose: { to: 'closed', by: ['system'] },
    absorb: { to: 'resolved', by: ABSORBERS },
    askerFeedback: { to: 'resolved', ...ASKER_RATES },
  },
  closed: {
    // Askers merged in late still rate the reply after the submitter closed it.
    askerFeedback: { to: 'closed', ...ASKER_RATES },
  },
  rejected: {},
  merged: {},
};

/** What an item must also satisfy for some actions, beyond the table. */
export interface ItemFacts {
  status: Status;
  /** A referral is waiting for the department's result. */
  referralPending: boolean;
  /** The submitter already gave feedback in this round. */
  feedbackGivenThisRound: boolean;
  /** Past its deadline and not chased (催办) in the last N days. */
  mayUrge: boolean;
  /** Someone owns it (a representative or a liaison): what `release` and `handOver` need. */
  owned: boolean;
  /**
   * It may be merged into another item as a duplicate: never answered yet (its own reply would
   * be lost), and no other resident's duplicate was merged into it.
   */
  mergeable: boolean;
}

/** Chinese labels, for the timeline and the pages. */
export const STATUS_LABELS: Record<Status, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  answered: '已答复',
  resolved: '已解决',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并办理',
};

export const ACTION_LABELS: Record<TransitionAction | 'submit', string> = {
  submit: '提交',
  accept: '受理',
  assign: '交办',
  answer: '答复',
  promise: '承诺办理',
  refer: '转交有关单位',
  recordReferralResult: '登记办理结果',
  resolve: '办结',
  reject: '不予受理',
  feedbackSatisfied: '评价满意',
  feedbackUnsatisfied: '评价不满意',
  autoClose: '逾期未评价自动办结',
  urge: '催办',
  release: '退回待办',
  handOver: '移交承办',
  merge: '合并到同一事项',
  absorb: '合并重复反映',
  askerFeedback: '群众评价',
};

/** The register's lifecycle on the tracked-matters kernel. */
export const itemLifecycle = defineLifecycle<Status, TransitionAction, Relation, ItemFacts, PublicAction>({
  kind: 'register',
  noun: '事项',
  statuses: STATUSES,
  actions: TRANSITION_ACTIONS,
  relations: RELATIONS,
  transitions: TRANSITIONS,
  guards: {
    recordReferralResult: (item) => item.referralPending,
    feedbackSatisfied: (item) => !item.feedbackGivenThisRound,
    feedbackUnsatisfied: (item) => !item.feedbackGivenThisRound,
    urge: (item) => item.mayUrge,
    release: (item) => item.owned,
    handOver: (item) => item.owned,
    merge: (item) => item.mergeable,
  },
  publicName: {
    accept: 'accept',
    assign: 'assign',
    answer: 'answer',
    promise: 'promise',
    refer: 'refer',
    recordReferralResult: 'recordReferralResult',
    resolve: 'resolve',
    reject: 'reject',
    feedbackSatisfied: 'feedback',
    feedbackUnsatisfied: 'feedback',
    autoClose: null,
    urge: 'urge',
    release: null,
    handOver: null,
    merge: 'merge',
    absorb: null,
    askerFeedback: 'feedback',
  },
  statusLabels: STATUS_LABELS,
  actionLabels: ACTION_LABELS,
});

/** The target status if some relation of the caller may take `action` now; null otherwise. */
export const transition = itemLifecycle.transition;
/**
 * Whether these relations may take `action` from some status: if not, refusing it is
 * FORBIDDEN; if so but not now, it is INVALID_STATE.
 */
export const mayEverTake = itemLifecycle.mayEverTake;
/** The actions this caller may take on the item now, as the client names them. */
export const allowedActions = itemLifecycle.allowedActions;

export const OPEN_STATUSES: readonly Status[] = ['submitted', 'accepted', 'in_progress'];
export const REPLIED_STATUSES: readonly Status[] = ['answered', 'resolved'];

/** Still waiting for the studio: not yet answered, resolved, closed or rejected. */
export const isOpen = (s: Status): boolean => OPEN_STATUSES.includes(s);
/** Answered or resolved and waiting for the submitter's feedback. */
export const isAnsweredOrResolved = (s: Status): boolean => REPLIED_STATUSES.includes(s);
/** Finished: closed, rejected, or merged into another item. */
export const isClosed = (s: Status): boolean => s === 'closed' || s === 'rejected' || s === 'merged';

/**
 * How a proposal (代表提议) reads: the staff view (proposers, departments, administrators) with
 * the actions the caller may take now, and the public view residents read — title, category,
 * departments, status, the progress bar and its milestones, the result — with nothing
 * personal in it: no proposer, no staff name, no content.
 */
import type { Config } from '../config';
import type { Caller } from '../members/types';
import { daysLeft, isOverdue } from '../matters/deadline';
import { shanghaiDate } from '../time';
import { PROPOSAL_STATUS_LABELS, proposalLifecycle, type ProposalPublicAction } from './lifecycle';
import { appraisersOf, factsOf, relationsOf } from './permissions';
import { LEVEL_LABELS, RATING_LABELS, RESULT_LABELS, type Proposal } from './types';

const clockOf = (p: Proposal, now: number) =>
  p.clock && {
    dueAt: p.clock.dueAt,
    dueDate: shanghaiDate(p.clock.dueAt),
    daysLeft: daysLeft(p.clock, now),
    extendedDays: p.clock.extendedDays,
    running: p.dueAt !== null,
    overdue: p.dueAt !== null && isOverdue(p.clock, now),
  };

const latestResult = (p: Proposal) => {
  const r = p.results[p.results.length - 1];
  return r ? { round: r.round, kind: r.kind, label: RESULT_LABELS[r.kind], text: r.text, at: r.at, onTime: r.onTime } : null;
};

/** What everyone may read: no person in it, only departments and what they did. */
export function publicProposal(p: Proposal, now: number) {
  const clock = clockOf(p, now);
  return {
    id: p._id,
    no: p.no,
    title: p.title,
    category: p.category,
    level: p.level,
    levelLabel: LEVEL_LABELS[p.level],
    status: p.status,
    statusLabel: PROPOSAL_STATUS_LABELS[p.status],
    key: p.key,
    leaderName: p.leaderName,
    forumTopic: p.forumTopic,
    leadDepartment: p.leadDepartment?.name ?? null,
    assisting: p.assisting.map((d) => d.name),
    round: p.round,
    percent: p.percent,
    /** The named steps of the progress, in order: the progress bar's marks. */
    milestones: p.progress.filter((x) => x.milestone).map((x) => ({ round: x.round, milestone: x.milestone as string, percent: x.percent, at: x.at })),
    progress: p.progress.map((x) => ({ round: x.round, text: x.text, percent: x.percent, milestone: x.milestone, department: x.departmentName, at: x.at })),
    result: latestResult(p),
    satisfaction: p.satisfaction,
    satisfactionLabel: p.satisfaction ? RATING_LABELS[p.satisfaction] : null,
    dueDate: clock?.dueDate ?? null,
    overdue: clock?.overdue ?? false,
    createdAt: p.createdAt,
    dispatchedAt: p.dispatchedAt,
    closedAt: p.closedAt,
  };
}

export type PublicProposal = ReturnType<typeof publicProposal>;

/** The proposal in full, for those who handle or raised it, with the actions they may take now. */
export function viewProposal(p: Proposal, caller: Caller, now: number, config: Config) {
  return {
    ...publicProposal(p, now),
    public: false as const,
    source: p.source,
    forumId: p.forumId,
    caseId: p.caseId ?? null,
    caseNo: p.caseNo ?? null,
    content: p.content,
    lead: { representativeId: p.lead.representativeId, name: p.lead.name },
    coSigners: p.coSigners.map((c) => ({ representativeId: c.representativeId, name: c.name })),
    /** Who appraises this round (representative ids, or `admin`). */
    appraisers: appraisersOf(p),
    reviewNote: p.reviewNote,
    returnReason: p.returnReason,
    item: p.itemId ? { id: p.itemId, no: p.itemNo } : null,
    leadDepartmentRef: p.leadDepartment,
    assistingRefs: p.assisting,
    clock: clockOf(p, now),
    extensionRequest: p.extensionRequest,
    extensions: p.extensions,
    refusals: p.refusals,
    results: p.results.map((r) => ({ ...r, label: RESULT_LABELS[r.kind] })),
    urges: p.urges,
    appraisals: p.appraisals.map((a) => ({ ...a, label: RATING_LABELS[a.rating] })),
    acceptedAt: p.acceptedAt,
    updatedAt: p.updatedAt,
    timeline: p.timeline,
    actions: proposalLifecycle.allowedActions(factsOf(p, now, config), relationsOf(caller, p)) as ProposalPublicAction[],
  };
}

export type ProposalView = ReturnType<typeof viewProposal>;

/** The public view with `public: true`, as `get` answers it to someone who may not read it in full. */
export const publicAnswer = (p: Proposal, now: number) => ({ ...publicProposal(p, now), public: true as const, actions: [] as ProposalPublicAction[] });

/** A line of a staff list. */
export function summarizeProposal(p: Proposal, now: number) {
  const clock = clockOf(p, now);
  return {
    id: p._id,
    no: p.no,
    title: p.title,
    level: p.level,
    levelLabel: LEVEL_LABELS[p.level],
    status: p.status,
    statusLabel: PROPOSAL_STATUS_LABELS[p.status],
    key: p.key,
    leaderName: p.leaderName,
    leadName: p.lead.name,
    leadDepartment: p.leadDepartment?.name ?? null,
    percent: p.percent,
    dueDate: clock?.dueDate ?? null,
    daysLeft: clock?.running ? clock.daysLeft : null,
    overdue: clock?.overdue ?? false,
    extensionPending: p.extensionRequest !== null,
    createdAt: p.createdAt,
  };
}

/**
 * How a proposal (代表提议) comes to exist: raised by a lead representative with co-signers, or
 * made by a forum's close out of one of its outcomes (and by a 民情会诊 case, fromCase.ts). Both number it (`TY2026-001`) and store
 * it in one transaction; a retry (the same request, or the same forum's outcome) returns the
 * stored one and spends no number.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { forbidden, validationError } from '../errors';
import type { Caller } from '../members/types';
import { createNumbered, requestDocId } from '../matters/numbering';
import { settle } from '../matters/runner';
import { timelineEvent, type Actor } from '../matters/timeline';
import type { Category } from '../register/item';
import { checkText } from '../register/usecases';
import { proposalEffects } from './kind';
import type { ProposalStatus } from './lifecycle';
import { REFUSALS, may } from './permissions';
import type { Proposal, ProposalLevel, Proposer } from './types';
import { viewProposal, type ProposalView } from './view';

export interface RaiseCommand {
  requestId: string;
  title: string;
  content: string;
  category: Category;
  level: ProposalLevel;
  coSigners?: string[];
}

export const proposerOf = (r: Representative): Proposer => ({ representativeId: r._id, name: r.name, unit: r.unit });

export interface NewProposal {
  id: string;
  requestId: string;
  source: Proposal['source'];
  forumId: string | null;
  forumTopic: string | null;
  caseId?: string | null;
  caseNo?: string | null;
  level: ProposalLevel;
  title: string;
  content: string;
  category: Category;
  studioId: string;
  lead: Proposer;
  coSigners: Proposer[];
  note?: string;
}

/** Stores a new proposal awaiting review, numbered, with its first timeline line and its effects. */
export async function storeProposal(deps: Deps, actor: Actor, n: NewProposal): Promise<Proposal> {
  const now = deps.clock.now();
  const status: ProposalStatus = 'submitted';
  const draft: Omit<Proposal, '_v' | 'no' | 'year' | 'seq'> = {
    _id: n.id,
    requestId: n.requestId,
    status,
    source: n.source,
    forumId: n.forumId,
    forumTopic: n.forumTopic,
    caseId: n.caseId ?? null,
    caseNo: n.caseNo ?? null,
    level: n.level,
    title: n.title,
    content: n.content,
    category: n.category,
    studioId: n.studioId,
    lead: n.lead,
    coSigners: n.coSigners,
    proposerRepIds: [n.lead.representativeId, ...n.coSigners.map((c) => c.representativeId)],
    reviewNote: null,
    itemId: null,
    itemNo: null,
    leadDepartment: null,
    assisting: [],
    departmentIds: [],
    key: false,
    leaderName: null,
    round: 1,
    clock: null,
    dueAt: null,
    percent: 0,
    progress: [],
    extensionRequest: null,
    extensions: [],
    refusals: [],
    results: [],
    resultKind: null,
    timeliness: null,
    urges: [],
    lastUrgedAt: null,
    appraisals: [],
    satisfaction: null,
    returnReason: null,
    createdAt: now,
    acceptedAt: null,
    dispatchedAt: null,
    closedAt: null,
    updatedAt: now,
    nextRemindAt: null,
    timeline: [timelineEvent<ProposalStatus, 'raise'>(now, 'raise', actor, null, status, n.note)],
    effects: [],
    effectsDueAt: null,
  };
  const effects = proposalEffects(draft as Proposal, 'raise', now);
  const { doc, created } = await createNumbered<Proposal>(
    deps,
    { collection: 'proposals', prefix: deps.config.proposalPrefix, width: 3 },
    { ...draft, effects, effectsDueAt: effects.length ? now : null },
  );
  return created ? settle(deps, 'proposals', doc) : doc;
}

/**
 * 提出提议: a representative raises a proposal, alone or with co-signers (联名), who are named
 * and told. It waits for the administrators' review.
 */
export async function raiseProposal(deps: Deps, caller: Caller, cmd: RaiseCommand): Promise<ProposalView> {
  if (!may(caller, 'raise', null) || !caller.representativeId) throw forbidden(REFUSALS.raise);
  const id = requestDocId('ty', caller.openid, cmd.requestId);
  const coIds = [...new Set(cmd.coSigners ?? [])];
  if (coIds.includes(caller.representativeId)) throw validationError('联名党代表不能包括领衔人本人');
  const [retried, lead, ...reps] = await Promise.all([
    deps.store.get<Proposal>('proposals', id),
    deps.store.get<Representative>('representatives', caller.representativeId),
    ...coIds.map((rid) => deps.store.get<Representative>('representatives', rid)),
  ]);
  const now = deps.clock.now();
  if (retried) return viewProposal(retried as Proposal, caller, now, deps.config);
  if (!lead) throw forbidden(REFUSALS.raise);
  if (reps.some((r) => r === null)) throw validationError('所选的联名党代表不存在');
  await checkText(deps, caller, [cmd.title, cmd.content]);
  const saved = await storeProposal(deps, caller, {
    id,
    requestId: cmd.requestId,
    source: 'representative',
    forumId: null,
    forumTopic: null,
    level: cmd.level,
    title: cmd.title,
    content: cmd.content,
    category: cmd.category,
    studioId: (lead as Representative).studioId,
    lead: proposerOf(lead as Representative),
    coSigners: (reps as Representative[]).map(proposerOf),
    note: coIds.length ? `${coIds.length} 位党代表联名` : undefined,
  });
  return viewProposal(saved, caller, deps.clock.now(), deps.config);
}

export interface ForumOutcomeProposal {
  forumId: string;
  forumTopic: string;
  /** The outcome's place among the forum's outcomes: with the forum, the proposal's identity. */
  index: number;
  level: ProposalLevel;
  /** The forum's studio; a county forum's proposal goes by its lead's studio. */
  studioId: string | null;
  title: string;
  content: string;
  category: Category;
  /** The representatives who attended, in order: the first leads, the others co-sign. */
  attendance: Representative[];
}

/**
 * A forum's outcome marked `asProposal` as a proposal awaiting review, raised by the forum's
 * attending representatives (the first leads). The same forum and outcome always give the
 * same proposal: a retried close creates nothing twice.
 */
export async function proposeFromForum(deps: Deps, actor: Caller, o: ForumOutcomeProposal): Promise<Proposal> {
  const [lead, ...others] = o.attendance;
  if (!lead) throw validationError('转为代表提议的成果须有出席的党代表作为提议人');
  return storeProposal(deps, actor, {
    id: requestDocId('ty', `forum:${o.forumId}`, `outcome-${o.index}`),
    requestId: `forum-${o.forumId}-${o.index}`.slice(0, 64),
    source: 'forum',
    forumId: o.forumId,
    forumTopic: o.forumTopic,
    level: o.level,
    title: o.title,
    content: o.content,
    category: o.category,
    studioId: o.studioId ?? lead.studioId,
    lead: proposerOf(lead),
    coSigners: others.map(proposerOf),
    note: `党代表论坛“${o.forumTopic}”的成果`,
  });
}

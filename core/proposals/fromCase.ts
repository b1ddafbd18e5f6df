/**
 * 民情会诊 → 代表提议: a township's consultation finds a matter is for a representatives'
 * proposal (core/visits/cases.ts `caseToProposal`). The proposal is raised by the
 * representatives the case names (the first leads, the others co-sign), at the township level,
 * in the township studio's scope, and waits for the administrators' review like any other.
 * One case gives one proposal: its identity is derived from the case, so a retried
 * `toProposal` — after a crash between the proposal and the case's own write, or two taps at
 * once — answers the same proposal and spends no second number.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { validationError } from '../errors';
import { requestDocId } from '../matters/numbering';
import type { Actor } from '../matters/timeline';
import type { Category } from '../register/item';
import { proposerOf, storeProposal } from './raise';
import type { Proposal } from './types';

export interface CaseProposal {
  caseId: string;
  caseNo: string;
  title: string;
  content: string;
  /** The township's studio (kind `township`): whose liaison staff follow the proposal. */
  studioId: string;
  category: Category;
  /** The proposers in order: the first leads, the others co-sign. */
  proposerRepIds: string[];
}

/** The proposal's id for a case: the same case always gives the same proposal. */
export const caseProposalId = (caseId: string) => requestDocId('ty', `case:${caseId}`, 'proposal');

/** Creates the proposal of a 民情会诊 case once; answers its id and number. */
export async function createProposalFromCase(deps: Deps, actor: Actor, c: CaseProposal): Promise<{ proposalId: string; no: string }> {
  const id = caseProposalId(c.caseId);
  const ids = [...new Set(c.proposerRepIds)];
  const [existing, ...reps] = await Promise.all([deps.store.get<Proposal>('proposals', id), ...ids.map((rid) => deps.store.get<Representative>('representatives', rid))]);
  if (existing) return { proposalId: existing._id, no: existing.no };
  if (ids.length === 0) throw validationError('转为代表提议须有党代表作为提议人');
  if (reps.some((r) => r === null)) throw validationError('提议人中有不存在的党代表');
  const [lead, ...others] = reps as Representative[];
  const p = await storeProposal(deps, actor, {
    id,
    requestId: `case-${c.caseId}`.slice(0, 64),
    source: 'case',
    forumId: null,
    forumTopic: null,
    caseId: c.caseId,
    caseNo: c.caseNo,
    level: 'township',
    title: c.title,
    content: c.content,
    category: c.category,
    studioId: c.studioId,
    lead: proposerOf(lead),
    coSigners: others.map(proposerOf),
    note: `民情会诊 ${c.caseNo} 转为代表提议`,
  });
  return { proposalId: p._id, no: p.no };
}

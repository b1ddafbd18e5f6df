/**
 * Who may do what with representatives' proposals (代表提议), the one place that decides.
 * Residents see the public view of proposals past review (titles, departments, status and
 * progress; never who raised them or anything personal). The proposers, the departments it is
 * dispatched to, the liaison staff of the lead's studio and the county's administrators see it
 * in full; a department sees only its own (lead or assisting).
 *
 * Separation of duties: nobody appraises a proposal their own department handled — a proposer
 * whose unit (工作单位及职务) names a handling department does not appraise it; when no
 * proposer may, an administrator appraises in their place. Department staff are never
 * proposers (only representatives raise, and forums' attendance lists representatives).
 */
import type { Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import type { Config } from '../config';
import { isPublicProposal, type ProposalFacts, type ProposalRelation } from './lifecycle';
import type { Proposal, Proposer } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** The lead and the co-signers. */
export const proposersOf = (p: Pick<Proposal, 'lead' | 'coSigners'>): Proposer[] => [p.lead, ...p.coSigners];

/** Whether a proposer works for one of the departments handling it (their unit names it). */
const worksFor = (proposer: Proposer, p: Pick<Proposal, 'leadDepartment' | 'assisting'>): boolean =>
  [p.leadDepartment, ...p.assisting].some((d) => d !== null && proposer.unit.includes(d.name));

/** Who appraises this round: the proposers not working for a handling department; `admin` when none is left. */
export function appraisersOf(p: Pick<Proposal, 'lead' | 'coSigners' | 'leadDepartment' | 'assisting'>): string[] {
  const eligible = proposersOf(p).filter((x) => !worksFor(x, p)).map((x) => x.representativeId);
  return eligible.length ? eligible : ['admin'];
}

const appraisedThisRound = (p: Pick<Proposal, 'appraisals' | 'round'>, who: string) => p.appraisals.some((a) => a.round === p.round && a.representativeId === who);

/** How the actor stands to the proposal. */
export function relationsOf(actor: Actor, p: Proposal): Set<ProposalRelation> {
  if (actor === 'system') return new Set(['system']);
  const r = new Set<ProposalRelation>();
  const appraisers = appraisersOf(p);
  if (actor.role === 'admin') {
    r.add('admin');
    if (appraisers[0] === 'admin' && !appraisedThisRound(p, 'admin')) r.add('pendingAppraiser');
  }
  if (actor.role === 'department' && actor.departmentId !== undefined) {
    if (p.leadDepartment?.id === actor.departmentId) r.add('leadDepartment');
    if (p.assisting.some((d) => d.id === actor.departmentId)) r.add('assistingDepartment');
  }
  const rep = actor.role === 'representative' ? actor.representativeId : undefined;
  if (rep !== undefined && p.proposerRepIds.includes(rep)) {
    r.add('proposer');
    if (appraisers.includes(rep) && !appraisedThisRound(p, rep)) r.add('pendingAppraiser');
  }
  return r;
}

/** What the guards look at. */
export function factsOf(p: Proposal, now: number, config: Config): ProposalFacts {
  const appraisers = appraisersOf(p);
  return {
    status: p.status,
    extensionPending: p.extensionRequest !== null,
    urgeable: p.lastUrgedAt === null || now - p.lastUrgedAt >= config.proposal.urgeEveryDays * DAY,
    unappraised: appraisers.filter((who) => !appraisedThisRound(p, who)).length,
  };
}

const SEES: readonly ProposalRelation[] = ['proposer', 'leadDepartment', 'assistingDepartment', 'admin'];

interface Subjects {
  /** Read it in full (the staff view). */
  read: Proposal;
  /** Read its public view. */
  readPublic: Proposal;
  /** Raise one: representatives bound to the roll. */
  raise: null;
  /** Have a staff list at all. */
  list: null;
}
export type ProposalPermission = keyof Subjects;

export const REFUSALS: Record<ProposalPermission, string> = {
  read: '该提议不存在或您无权查看',
  readPublic: '该提议不存在或尚未公开',
  raise: '只有党代表可以提出代表提议',
  list: '只有党代表、联络员、有关单位和管理员可以查看代表提议的办理',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends ProposalPermission>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'read': {
      const p = subject as Proposal;
      if (caller.role === 'liaison' && caller.studioIds.includes(p.studioId)) return true;
      const r = relationsOf(caller, p);
      return SEES.some((x) => r.has(x));
    }
    case 'readPublic':
      return isPublicProposal((subject as Proposal).status);
    case 'raise':
      return caller.role === 'representative' && caller.representativeId !== undefined;
    case 'list':
      return (
        caller.role === 'admin' ||
        caller.role === 'liaison' ||
        (caller.role === 'department' && caller.departmentId !== undefined) ||
        (caller.role === 'representative' && caller.representativeId !== undefined)
      );
    default:
      return false;
  }
}

/** The proposals a caller's staff list covers. */
export function scopeOf(caller: Caller): Filter {
  if (caller.role === 'admin') return {};
  if (caller.role === 'department') return { departmentIds: { has: caller.departmentId ?? '-' } };
  if (caller.role === 'liaison') return { studioId: { in: caller.studioIds } };
  return { proposerRepIds: { has: caller.representativeId ?? '-' } };
}

/**
 * Who may do what with inquiries (党内质询), the one place that decides. Inquiries are
 * inner-party and confidential: only their proposers (the lead and the co-signers), the
 * subject's contact once named, and the county's administrators know they exist.
 */
import type { Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import { isOverdue } from '../matters/deadline';
import type { InquiryFacts, InquiryRelation } from './lifecycle';
import type { Inquiry } from './types';

/** The lead and every co-signer who has signed: those who evaluate. */
export const proposersOf = (inq: Pick<Inquiry, 'leadRepId' | 'coSigners'>): string[] => [
  inq.leadRepId,
  ...inq.coSigners.filter((c) => c.signedAt !== null).map((c) => c.representativeId),
];

const evaluatedThisRound = (inq: Pick<Inquiry, 'evaluations' | 'round'>, repId: string) =>
  inq.evaluations.some((e) => e.round === inq.round && e.representativeId === repId);

/** How the actor stands to the inquiry. */
export function relationsOf(actor: Actor, inq: Inquiry): Set<InquiryRelation> {
  if (actor === 'system') return new Set(['system']);
  const r = new Set<InquiryRelation>();
  if (actor.role === 'admin') r.add('admin');
  if (actor.role === 'contact' && actor.contactId !== undefined && actor.contactId === inq.contactId) r.add('contact');
  const rep = actor.role === 'representative' ? actor.representativeId : undefined;
  if (rep !== undefined) {
    if (rep === inq.leadRepId) r.add('lead');
    const co = inq.coSigners.find((c) => c.representativeId === rep);
    if (co) r.add(co.signedAt === null ? 'pendingCoSigner' : 'coSigner');
    if (proposersOf(inq).includes(rep) && !evaluatedThisRound(inq, rep)) r.add('pendingEvaluator');
  }
  return r;
}

/** What the guards look at. */
export function factsOf(inq: Inquiry, now: number, maxRounds: number): InquiryFacts {
  const proposers = proposersOf(inq);
  const overdue = inq.status === 'accepted' && inq.clock !== null && isOverdue(inq.clock, now);
  return {
    status: inq.status,
    unsigned: inq.coSigners.filter((c) => c.signedAt === null).length,
    unevaluated: proposers.filter((id) => !evaluatedThisRound(inq, id)).length,
    round: inq.round,
    maxRounds,
    extendedThisRound: inq.extensions.some((e) => e.round === inq.round),
    accountable: overdue || inq.replies.some((x) => !x.onTime) || inq.round > 1 || inq.status === 'committee',
  };
}

const SEES: readonly InquiryRelation[] = ['lead', 'coSigner', 'pendingCoSigner', 'contact', 'admin'];

interface Subjects {
  /** Know it exists and read it. */
  read: Inquiry;
  /** Raise one: representatives bound to the roll. */
  raise: null;
  /** Have a list of inquiries at all. */
  list: null;
  /** The supervision list, statistics, the contacts directory: administrators. */
  supervise: null;
}
export type InquiryPermission = keyof Subjects;

export const REFUSALS: Record<InquiryPermission, string> = {
  read: '该质询不存在或您无权查看',
  raise: '只有党代表可以提出质询',
  list: '只有党代表、质询对象联系人和管理员可以查看质询',
  supervise: '只有县级管理员可以督办质询',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends InquiryPermission>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'read': {
      const r = relationsOf(caller, subject as Inquiry);
      return SEES.some((x) => r.has(x));
    }
    case 'raise':
      return caller.role === 'representative' && caller.representativeId !== undefined;
    case 'list':
      return caller.role === 'admin' || caller.role === 'contact' || (caller.role === 'representative' && caller.representativeId !== undefined);
    case 'supervise':
      return caller.role === 'admin';
    default:
      return false;
  }
}

/** The inquiries a caller's list covers. */
export function scopeOf(caller: Caller): Filter {
  if (caller.role === 'admin') return {};
  if (caller.role === 'contact') return { contactId: caller.contactId ?? '-' };
  return { participantRepIds: { has: caller.representativeId ?? '-' } };
}

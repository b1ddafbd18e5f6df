/**
 * Who may do what with a studio's duty roster: its liaison staff (and administrators) generate
 * it, publish open days and decide swaps; its representatives read it, mark the dates they are
 * unavailable and ask for swaps of their own shifts; who is on duty today is public.
 */
import { isStudioStaff, type Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Swap } from './types';

export const SWAP_RELATIONS = ['requester', 'manager', 'system'] as const;
export type SwapRelation = (typeof SWAP_RELATIONS)[number];

/** A liaison of the studio or an admin manages its roster. */
export const managesRoster = (caller: Caller, studioId: string) => caller.role === 'admin' || (caller.role === 'liaison' && caller.studioIds.includes(studioId));

/** How the caller stands to a swap request. */
export function swapRelationsOf(actor: Actor, swap: Pick<Swap, 'studioId' | 'fromRep' | 'requestedBy'>): Set<SwapRelation> {
  if (actor === 'system') return new Set(['system']);
  const out = new Set<SwapRelation>();
  if (managesRoster(actor, swap.studioId)) out.add('manager');
  if (actor.representativeId === swap.fromRep || actor.openid === swap.requestedBy) out.add('requester');
  return out;
}

interface Subjects {
  /** Generate, publish open days, decide swaps. */
  manage: { studioId: string };
  /** Read the month's roster. */
  read: { studioId: string };
  /** Mark unavailable dates for this representative. */
  markFor: { repId: string; studioId: string };
  /** Ask to swap a shift held by this representative. */
  swapFor: { repId: string; studioId: string };
}
export type RosterAction = keyof Subjects;

export const REFUSALS: Record<RosterAction, string> = {
  manage: '只有本工作室联络员或管理员可以排班',
  read: '您只能查看本工作室的值班安排',
  markFor: '只能为本人（或联络员为本工作室党代表）登记不便值班的日期',
  swapFor: '只能为本人的值班申请换班',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends RosterAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'manage':
      return managesRoster(caller, subject.studioId);
    case 'read':
      return caller.role === 'admin' || (isStudioStaff(caller) && caller.studioIds.includes(subject.studioId));
    case 'markFor':
    case 'swapFor': {
      const s = subject as Subjects['markFor'];
      return caller.representativeId === s.repId || managesRoster(caller, s.studioId);
    }
    default:
      return false;
  }
}

/**
 * Who may do what with forums (党代表论坛), the one place that decides. County forums are
 * organised by the county's administrators, township and delegation forums by their studio's
 * liaison staff (or an administrator). Everyone reads a forum once published — its notice,
 * its outcomes — without anything personal in it; drafts exist only for their organisers.
 * Residents and representatives send views before it starts; the organiser and the
 * representatives taking part read them.
 */
import type { Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import { takesViews, type ForumFacts, type ForumRelation } from './lifecycle';
import type { Forum, ForumLevel } from './types';

/** Who organises a forum of this level and studio. */
export function organises(caller: Caller, f: { level: ForumLevel; studioId: string | null }): boolean {
  if (caller.role === 'admin') return true;
  return f.level !== 'county' && f.studioId !== null && caller.role === 'liaison' && caller.studioIds.includes(f.studioId);
}

/** How the actor stands to the forum. */
export function relationsOf(actor: Actor, f: Pick<Forum, 'level' | 'studioId' | 'representativeIds'>): Set<ForumRelation> {
  if (actor === 'system') return new Set(['system']);
  const r = new Set<ForumRelation>();
  if (organises(actor, f)) r.add('organiser');
  if (actor.representativeId !== undefined && f.representativeIds.includes(actor.representativeId)) r.add('attending');
  return r;
}

/** What the guards look at. */
export const factsOf = (f: Pick<Forum, 'status' | 'startAt' | 'endAt'>, now: number): ForumFacts => ({ status: f.status, started: now >= f.startAt, ended: now >= f.endAt });

/** The scopes topic suggestions read the register of. */
export interface TopicScope {
  scope: 'studio' | 'township' | 'county';
  id?: string;
}

interface Subjects {
  /** See the forum at all: drafts only for their organisers. */
  read: Forum;
  /** Schedule one of this level for this studio. */
  schedule: { level: ForumLevel; studioId: string | null };
  /** Send a view on its topic now. */
  submitView: Forum;
  /** Read the views sent (and the linked items): the organiser and the representatives taking part. */
  readViews: Forum;
  /** Topic suggestions over the register of a scope; `townshipIds` are the townships of the caller's studios. */
  suggest: TopicScope & { townshipIds: readonly string[] };
  /** Have a list of one's forums (organised or taking part). */
  mine: null;
}
export type ForumPermission = keyof Subjects;

export const REFUSALS: Record<ForumPermission, string> = {
  read: '该论坛不存在或您无权查看',
  schedule: '县级论坛由县级管理员安排，乡镇（街道）和代表团论坛由本工作室联络员安排',
  submitView: '只有群众和党代表可以在论坛举行前提交意见',
  readViews: '只有论坛组织者和参加论坛的党代表可以查看征集的意见',
  suggest: '您只能查看本工作室或本乡镇（街道）的议题建议',
  mine: '只有联络员、党代表和管理员有论坛安排',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends ForumPermission>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'read': {
      const f = subject as Forum;
      return f.status !== 'draft' || organises(caller, f);
    }
    case 'schedule':
      return organises(caller, subject as Subjects['schedule']);
    case 'submitView':
      return caller.role === 'resident' || (caller.role === 'representative' && caller.representativeId !== undefined);
    case 'readViews': {
      const r = relationsOf(caller, subject as Forum);
      return r.has('organiser') || r.has('attending');
    }
    case 'suggest': {
      const s = subject as Subjects['suggest'];
      if (caller.role === 'admin') return true;
      if (caller.role !== 'liaison' && caller.role !== 'representative') return false;
      if (s.scope === 'studio') return s.id !== undefined && caller.studioIds.includes(s.id);
      if (s.scope === 'township') return s.id !== undefined && s.townshipIds.includes(s.id);
      return false;
    }
    case 'mine':
      return caller.role === 'admin' || caller.role === 'liaison' || (caller.role === 'representative' && caller.representativeId !== undefined);
    default:
      return false;
  }
}

/** Whether views are taken now (published, not started) — the caller's part is `may(…, 'submitView')`. */
export const viewsOpen = (f: Forum, now: number): boolean => takesViews(factsOf(f, now));

/** The forums a staff caller's list covers: organised (their studios', every one for an admin) or taken part in. */
export function scopeOf(caller: Caller): Filter {
  if (caller.role === 'admin') return {};
  if (caller.role === 'liaison') return { studioId: { in: caller.studioIds } };
  return { representativeIds: { has: caller.representativeId ?? '-' } };
}

/**
 * Who may do what in the register: the one place that decides (Decidim's permissions class).
 * `relationsOf` says how a caller stands to an item (the lifecycle table is keyed by these
 * relations); `may(caller, action, subject)` answers the questions that are not transitions;
 * `scopeOf(caller)` is the filter of the items a staff caller's queue covers.
 */
import { isStudioStaff, type Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import type { Item } from './item';
import type { Relation } from './lifecycle';

/** How the caller stands to the item. One caller may hold several (a liaison who also submitted it). */
export function relationsOf(actor: Actor, item: Pick<Item, 'submitterOpenid' | 'studioId' | 'ownerRepId' | 'ownerOpenid'> & Partial<Pick<Item, 'referral'>>): Set<Relation> {
  const r = new Set<Relation>();
  if (actor === 'system') return new Set(['system']);
  if (item.submitterOpenid === actor.openid) r.add('submitter');
  if (actor.role === 'admin') r.add('admin');
  const inStudio = actor.studioIds.includes(item.studioId);
  if (actor.role === 'liaison' && inStudio) r.add('studioLiaison');
  if (actor.role === 'representative' && inStudio) r.add('studioRepresentative');
  // 有关单位: the staff of the department the item was last referred to.
  if (actor.role === 'department' && actor.departmentId !== undefined && item.referral?.departmentId === actor.departmentId) r.add('department');
  if (
    (actor.representativeId !== undefined && actor.representativeId === item.ownerRepId) ||
    (item.ownerOpenid !== null && item.ownerOpenid === actor.openid)
  ) {
    r.add('owner');
  }
  return r;
}

const SEES: readonly Relation[] = ['submitter', 'admin', 'studioLiaison', 'studioRepresentative', 'owner', 'department'];

/** The scopes of the register's statistics. */
export interface StatsScope {
  scope: 'studio' | 'township' | 'county';
  id?: string;
}

interface Subjects {
  /** Read the item (its submitter, the studio's staff, its owner, admins). */
  read: Item;
  /** See the submitter's name and phone unmasked (the submitter; the studio's liaison unless anonymous). */
  seeContact: Item;
  /** Use the staff queue and workbench at all. */
  useQueue: null;
  /** The queue of items referred to one's department (有关单位). */
  referredQueue: null;
  /** Filter the queue to one studio. */
  queueOf: string;
  /** Read statistics of a scope. */
  stats: StatsScope;
}
export type RegisterAction = keyof Subjects;

/** The refusal for each question, in the users' words. */
export const REFUSALS: Record<RegisterAction, string> = {
  read: '该意见建议不存在或您无权查看',
  seeContact: '您无权查看反映人的联系方式',
  useQueue: '只有党代表、联络员和管理员可以查看待办',
  referredQueue: '只有有关单位工作人员可以查看转交本单位的事项',
  queueOf: '您不负责该工作室',
  stats: '您只能查看本工作室的统计',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends RegisterAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'read': {
      const r = relationsOf(caller, subject as Item);
      return SEES.some((x) => r.has(x));
    }
    case 'seeContact': {
      const item = subject as Item;
      const r = relationsOf(caller, item);
      return r.has('submitter') || (!item.anonymous && r.has('studioLiaison'));
    }
    case 'useQueue':
      return isStudioStaff(caller);
    case 'referredQueue':
      return caller.role === 'department' && caller.departmentId !== undefined;
    case 'queueOf':
      return caller.role === 'admin' || (isStudioStaff(caller) && caller.studioIds.includes(subject as string));
    case 'stats': {
      const s = subject as StatsScope;
      if (caller.role === 'admin') return true;
      return s.scope === 'studio' && s.id !== undefined && isStudioStaff(caller) && caller.studioIds.includes(s.id);
    }
    default:
      return false;
  }
}

/** The items a staff caller's queue covers: their studios', or every studio for an admin. */
export const scopeOf = (caller: Caller): Filter => (caller.role === 'admin' ? {} : { studioId: { in: caller.studioIds } });

/** The items the caller owns (首问负责 or assigned): by representative, or by openid for a liaison. */
export const ownedBy = (caller: Caller): Filter =>
  caller.representativeId ? { ownerRepId: caller.representativeId } : { ownerOpenid: caller.openid };

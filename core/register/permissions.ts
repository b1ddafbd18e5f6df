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

/**
 * Staff of the studio: its representatives and liaison staff, and the county's administrators
 * (who supervise, assign and refer in every studio). Whoever is staff of a studio handles its
 * items, so never rates them (separation of duties).
 */
export const isStaffOf = (caller: Caller, studioId: string): boolean =>
  caller.role === 'admin' || ((caller.role === 'representative' || caller.role === 'liaison') && caller.studioIds.includes(studioId));

type Related = Pick<Item, 'submitterOpenid' | 'studioId' | 'ownerRepId' | 'ownerOpenid'> & Partial<Pick<Item, 'staffSubmitted' | 'referral' | 'askers' | 'reply' | 'round'>>;

/**
 * How the caller stands to the item. One caller may hold several (a liaison who also submitted it).
 * - `owner` only while the caller serves the item's studio: a role given up, revoked or
 *   rebound takes the ownership with it, whatever the stored owner fields still say.
 * - `rater` (who gives feedback) is the submitter who is not staff of the item's studio now,
 *   on an item that staff of that studio did not submit.
 * - `asker`: a resident whose duplicate was merged into the item; `askerToRate` while they,
 *   not staff of its studio, have not rated the current round's reply.
 */
export function relationsOf(actor: Actor, item: Related): Set<Relation> {
  const r = new Set<Relation>();
  if (actor === 'system') return new Set(['system']);
  const staffHere = isStaffOf(actor, item.studioId);
  if (item.submitterOpenid === actor.openid) {
    r.add('submitter');
    const handledByTheirDepartment = actor.role === 'department' && actor.departmentId !== undefined && item.referral?.departmentId === actor.departmentId;
    if (!staffHere && !handledByTheirDepartment && item.staffSubmitted !== true) r.add('rater');
  }
  if (actor.role === 'admin') r.add('admin');
  const inStudio = actor.studioIds.includes(item.studioId);
  if (actor.role === 'liaison' && inStudio) r.add('studioLiaison');
  if (actor.role === 'representative' && inStudio) r.add('studioRepresentative');
  // 有关单位: the staff of the department the item was last referred to.
  if (actor.role === 'department' && actor.departmentId !== undefined && item.referral?.departmentId === actor.departmentId) r.add('department');
  const ownsByRecord =
    (actor.role === 'representative' && actor.representativeId !== undefined && actor.representativeId === item.ownerRepId) ||
    (actor.role === 'liaison' && item.ownerOpenid !== null && item.ownerOpenid === actor.openid);
  if (ownsByRecord && inStudio) r.add('owner');
  const asker = item.askers?.find((a) => a.openid === actor.openid);
  if (asker) {
    r.add('asker');
    const round = item.round ?? 1;
    if (!staffHere && !r.has('department') && item.reply && !asker.fb.some((f) => f.round === round)) r.add('askerToRate');
  }
  return r;
}

const SEES: readonly Relation[] = ['submitter', 'admin', 'studioLiaison', 'studioRepresentative', 'owner', 'department', 'asker'];

/** The scopes of the register's statistics. */
export interface StatsScope {
  scope: 'studio' | 'township' | 'county';
  id?: string;
}

interface Subjects {
  /** Read the item (its submitter, the studio's staff, its owner, admins). */
  read: Item;
  /** See the submitter's name and phone unmasked in views and lists: the submitter alone. */
  seeContact: Item;
  /**
   * Reveal the contact through the logged `showContact` action (audit of reads): the studio's
   * liaison, on an item that is not anonymous and holds a name or phone.
   */
  showContact: Item;
  /** Give feedback (评价): the rater (separation of duties). */
  feedback: Item;
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
  showContact: '只有本工作室联络员可以查看反映人的联系方式，匿名反映不能查看',
  feedback: '本工作室的党代表、联络员和管理员不能评价本工作室办理的事项',
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
    case 'seeContact':
      return relationsOf(caller, subject as Item).has('submitter');
    case 'showContact': {
      const item = subject as Item;
      return !item.anonymous && (item.contactName !== null || item.contactPhone !== null) && relationsOf(caller, item).has('studioLiaison');
    }
    case 'feedback':
      return relationsOf(caller, subject as Item).has('rater');
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

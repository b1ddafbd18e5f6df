/**
 * Who may do what in 组团联系服务, the one place that decides. Households are sensitive
 * personal data: only the group's members, the township's liaison staff (those of the
 * township's studio, kind `township`) and administrators see them, and representatives see
 * phones masked; a resident sees nothing at all. A group's members record its visits; its
 * leader sends hard issues to 民情会诊; the township's liaison staff manage groups and
 * households and follow the cases.
 */
import type { Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import type { CaseRelation } from './lifecycle';
import type { Measure, VisitCase } from './types';

/** What a relation to a group is computed from: a group, or a case (which keeps its group's people). */
export interface GroupLike {
  studioId: string;
  memberRepIds: readonly string[];
  leaderRepId: string | null;
  measures?: readonly Measure[];
}

/** The liaison staff of the township's studio. */
export const isTownshipLiaison = (caller: Caller, studioId: string): boolean => caller.role === 'liaison' && caller.studioIds.includes(studioId);

/** How the actor stands to a group or a case (the timer has no relation). */
export function relationsOf(actor: Actor, subject: GroupLike): Set<CaseRelation> {
  const r = new Set<CaseRelation>();
  if (actor === 'system') return r;
  if (actor.role === 'admin') r.add('admin');
  if (isTownshipLiaison(actor, subject.studioId)) r.add('liaison');
  const rep = actor.role === 'representative' ? actor.representativeId : undefined;
  if (rep !== undefined) {
    if (subject.memberRepIds.includes(rep)) r.add('member');
    if (subject.leaderRepId === rep) r.add('leader');
    if (subject.measures?.some((m) => m.ownerRepId === rep && m.doneAt === null)) r.add('measureOwner');
  }
  return r;
}

/** The scope of a progress figure or a ledger. */
export type Scope = { scope: 'group'; group: GroupLike } | { scope: 'township'; studioId: string } | { scope: 'county' };

interface Subjects {
  /** Have a list of groups and cases at all: bound representatives, liaison staff, administrators. */
  list: null;
  /** Create and change groups and households, import a sheet: the township's liaison staff, administrators. */
  manage: { studioId: string };
  /** Download the households template: liaison staff and administrators. */
  template: null;
  /** See the group, its households, visits and progress. */
  read: GroupLike;
  /** Record a visit for the group: its members. */
  record: GroupLike;
  /** See households' phones unmasked: the township's liaison staff and administrators. */
  seePhones: GroupLike;
  /** Send hard issues to 民情会诊: the leader (the liaison when the leader is not a representative). */
  sendCase: GroupLike;
  /** See a case. */
  readCase: VisitCase;
  /** Mark this measure done: its responsible representative, the liaison, an administrator. */
  completeMeasure: { case: VisitCase; measure: Measure };
  /** Progress figures and the ledger of a scope. */
  report: Scope;
}
export type VisitPermission = keyof Subjects;

export const REFUSALS: Record<VisitPermission, string> = {
  list: '只有党代表、联络员和管理员可以查看组团联系服务',
  manage: '只有本乡镇（街道）工作室的联络员或管理员可以管理代表组和住户',
  template: '只有联络员或管理员可以下载住户导入模板',
  read: '该代表组不存在或您无权查看',
  record: '只有本代表组的党代表可以登记走访',
  seePhones: '您无权查看住户的完整电话',
  sendCase: '只有代表组组长可以提交民情会诊',
  readCase: '该民情会诊不存在或您无权查看',
  completeMeasure: '只有该措施的责任人、联络员或管理员可以登记完成',
  report: '您无权查看该范围的走访进度',
};

const any = (r: Set<CaseRelation>, ...of: CaseRelation[]) => of.some((x) => r.has(x));

/** Whether the caller may take `action` on `subject`. */
export function may<A extends VisitPermission>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'list':
      return caller.role === 'admin' || caller.role === 'liaison' || (caller.role === 'representative' && caller.representativeId !== undefined);
    case 'manage':
      return caller.role === 'admin' || isTownshipLiaison(caller, (subject as Subjects['manage']).studioId);
    case 'template':
      return caller.role === 'admin' || caller.role === 'liaison';
    case 'read':
      return any(relationsOf(caller, subject as GroupLike), 'member', 'leader', 'liaison', 'admin');
    case 'record':
      return relationsOf(caller, subject as GroupLike).has('member');
    case 'seePhones':
      return any(relationsOf(caller, subject as GroupLike), 'liaison', 'admin');
    case 'sendCase': {
      const g = subject as GroupLike;
      const r = relationsOf(caller, g);
      return r.has('leader') || (g.leaderRepId === null && r.has('liaison'));
    }
    case 'readCase':
      return relationsOf(caller, subject as VisitCase).size > 0;
    case 'completeMeasure': {
      const { case: c, measure } = subject as Subjects['completeMeasure'];
      const r = relationsOf(caller, c);
      return any(r, 'liaison', 'admin') || (measure.ownerRepId !== null && measure.ownerRepId === caller.representativeId);
    }
    case 'report': {
      const s = subject as Scope;
      if (caller.role === 'admin') return true;
      if (s.scope === 'group') return may(caller, 'read', s.group);
      if (s.scope === 'township') return isTownshipLiaison(caller, s.studioId);
      return false;
    }
    default:
      return false;
  }
}

/**
 * The groups (and cases, which keep their group's studio and members) a caller's lists cover:
 * every one for an administrator, their studios' for liaison staff, those they belong to for
 * a representative, none for anyone else.
 */
export function scopeOf(caller: Caller): Filter {
  if (caller.role === 'admin') return {};
  if (caller.role === 'liaison') return { studioId: { in: caller.studioIds } };
  if (caller.role === 'representative' && caller.representativeId) return { memberRepIds: { has: caller.representativeId } };
  return { studioId: { in: [] } };
}

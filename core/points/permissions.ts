/**
 * Who may do what with points (量化积分): the one place that decides. The county's
 * administrators set each year's rules and approve manual entries; a studio's liaison proposes
 * manual entries for its representatives; the studio's staff see its ledger and totals (the
 * figures are the studio's own, and open within it); a representative sees their own.
 */
import { isStudioStaff, type Caller } from '../members/types';

interface Subjects {
  /** Read the rules table. */
  rules: null;
  /** Change a year's rules. */
  saveRules: null;
  /** Propose a manual entry for a representative of this studio. */
  propose: { studioId: string };
  /** Approve or refuse a manual entry. */
  decide: null;
  /** See the ledger and totals of a studio. */
  studio: { studioId: string };
  /** See one representative's entries. */
  representative: { repId: string; studioId: string };
  /** See every studio's totals (the county, or a township's studios). */
  overview: null;
}
export type PointsAction = keyof Subjects;

export const REFUSALS: Record<PointsAction, string> = {
  rules: '只有党代表、联络员和管理员可以查看积分规则',
  saveRules: '只有县级管理员可以修改积分规则',
  propose: '只有本工作室的联络员可以申报积分',
  decide: '只有县级管理员可以审核积分申报',
  studio: '您只能查看本工作室的积分',
  representative: '您只能查看本人或本工作室党代表的积分',
  overview: '只有联络员和县级管理员可以查看各工作室积分',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends PointsAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'rules':
      return isStudioStaff(caller);
    case 'saveRules':
    case 'decide':
      return caller.role === 'admin';
    case 'propose':
      return caller.role === 'admin' || (caller.role === 'liaison' && caller.studioIds.includes((subject as Subjects['propose']).studioId));
    case 'studio':
      return caller.role === 'admin' || (isStudioStaff(caller) && caller.studioIds.includes((subject as Subjects['studio']).studioId));
    case 'representative': {
      const s = subject as Subjects['representative'];
      return caller.representativeId === s.repId || caller.role === 'admin' || (isStudioStaff(caller) && caller.studioIds.includes(s.studioId));
    }
    case 'overview':
      return caller.role === 'admin' || caller.role === 'liaison';
    default:
      return false;
  }
}

/**
 * Who may do what with a studio's activities and service commitments: the studio's liaison
 * staff (and the county's administrators) record activities and publish commitments; the
 * studio's representatives read its records; commitments are public.
 */
import { isStudioStaff, type Caller } from '../members/types';

interface Subjects {
  /** Record an activity, publish commitments: the studio's managers. */
  manage: { studioId: string };
  /** Read a studio's activity records. */
  read: { studioId: string };
}
export type ActivitiesAction = keyof Subjects;

export const REFUSALS: Record<ActivitiesAction, string> = {
  manage: '只有本工作室联络员或管理员可以登记活动和发布服务承诺',
  read: '您只能查看本工作室的活动记录',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends ActivitiesAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  const { studioId } = subject;
  switch (action) {
    case 'manage':
      return caller.role === 'admin' || (caller.role === 'liaison' && caller.studioIds.includes(studioId));
    case 'read':
      return caller.role === 'admin' || (isStudioStaff(caller) && caller.studioIds.includes(studioId));
    default:
      return false;
  }
}

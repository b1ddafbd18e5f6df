/**
 * Who may manage whom: the one place that decides about invitation codes and binding.
 * A liaison invites representatives and liaisons of their own studios; an administrator
 * invites for any studio; an administrator's own account is never rebound by a code.
 */
import type { Caller } from './types';

interface Subjects {
  /** Create invitation codes at all. */
  invite: null;
  /** Create a code for these studios. */
  inviteFor: { studioIds: readonly string[] };
  /** Invite an inquiry subject's contact (质询对象联系人): administrators only. */
  inviteContact: null;
  /** Invite department staff (有关单位): administrators only. */
  inviteDepartment: null;
  /** Use an invitation code. */
  bind: null;
}
export type MembersAction = keyof Subjects;

export const REFUSALS: Record<MembersAction, string> = {
  invite: '只有联络员或管理员可以生成邀请码',
  inviteFor: '只能为本工作室生成邀请码',
  inviteContact: '只有县级管理员可以邀请质询对象联系人',
  inviteDepartment: '只有县级管理员可以邀请有关单位工作人员',
  bind: '管理员账号无需绑定邀请码',
};

/** Whether the caller may take `action` on `subject`. */
export function may<A extends MembersAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'invite':
      return caller.role === 'liaison' || caller.role === 'admin';
    case 'inviteFor': {
      if (caller.role === 'admin') return true;
      const { studioIds } = subject as Subjects['inviteFor'];
      return caller.role === 'liaison' && studioIds.every((id) => caller.studioIds.includes(id));
    }
    case 'inviteContact':
    case 'inviteDepartment':
      return caller.role === 'admin';
    case 'bind':
      return caller.role !== 'admin';
    default:
      return false;
  }
}

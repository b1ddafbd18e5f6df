/**
 * Who may manage whom: the one place that decides about invitation codes, binding, the roster,
 * revocation, approvals and the audit logs.
 * - A liaison invites representatives and liaisons of their own studios; an administrator
 *   invites for any studio; a liaison's invitation of another liaison waits for an
 *   administrator's approval; an administrator's own account is never rebound by a code.
 * - The roster (`members.list`): administrators see everyone with a role; a liaison sees the
 *   representatives and liaison staff of their studios.
 * - Revoking: administrators revoke anyone but themselves; a liaison revokes the
 *   representatives of their studios and the liaisons whose studios are all theirs.
 * - The grants log and the audit of reads: administrators only.
 */
import type { Filter } from '../ports/store';
import type { Caller, Member } from './types';

/** A member as the roster and revocation see them: their role and studios. */
export type MemberSubject = Pick<Member, '_id' | 'role' | 'studioIds'>;

interface Subjects {
  /** Create invitation codes at all. */
  invite: null;
  /** Create a code for these studios. */
  inviteFor: { studioIds: readonly string[] };
  /** Invite an inquiry subject's contact (质询对象联系人): administrators only. */
  inviteContact: null;
  /** Invite department staff (有关单位): administrators only. */
  inviteDepartment: null;
  /** A liaison invitation needs an administrator's approval before it can be used. */
  inviteNeedsApproval: { kind: 'representative' | 'liaison' | 'contact' | 'department' };
  /** Approve or decline a pending liaison invitation. */
  approve: null;
  /** Use an invitation code. */
  bind: null;
  /** Have a roster at all. */
  list: null;
  /** See this member on the roster. */
  see: MemberSubject;
  /** Take this member's role away (the account becomes a resident). */
  revoke: MemberSubject;
  /** Read the grants log and the audit of reads. */
  audit: null;
  /** Agree (or not) that residents see one's own mobile and WeChat id: representatives, for themselves. */
  consent: null;
}
export type MembersAction = keyof Subjects;

export const REFUSALS: Record<MembersAction, string> = {
  invite: '只有联络员或管理员可以生成邀请码',
  inviteFor: '只能为本工作室生成邀请码',
  inviteContact: '只有县级管理员可以邀请质询对象联系人',
  inviteDepartment: '只有县级管理员可以邀请有关单位工作人员',
  inviteNeedsApproval: '联络员邀请联络员须经县级管理员审核',
  approve: '只有县级管理员可以审核联络员邀请',
  bind: '管理员账号无需绑定邀请码',
  list: '只有联络员或管理员可以查看人员名单',
  see: '该人员不存在或您无权查看',
  revoke: '您只能撤销本工作室党代表和联络员的身份，且不能撤销自己',
  audit: '只有县级管理员可以查看授权记录和查阅记录',
  consent: '只有党代表可以设置是否公开本人联系方式',
};

const within = (inner: readonly string[], outer: readonly string[]) => inner.length > 0 && inner.every((id) => outer.includes(id));

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
    case 'inviteNeedsApproval':
      return caller.role !== 'admin' && (subject as Subjects['inviteNeedsApproval']).kind === 'liaison';
    case 'approve':
      return caller.role === 'admin';
    case 'bind':
      return caller.role !== 'admin';
    case 'list':
      return caller.role === 'liaison' || caller.role === 'admin';
    case 'see': {
      const m = subject as MemberSubject;
      if (caller.role === 'admin') return true;
      return caller.role === 'liaison' && (m.role === 'representative' || m.role === 'liaison') && m.studioIds.some((id) => caller.studioIds.includes(id));
    }
    case 'revoke': {
      const m = subject as MemberSubject;
      if (m._id === caller.openid) return false;
      if (caller.role === 'admin') return true;
      if (caller.role !== 'liaison') return false;
      return (m.role === 'representative' || m.role === 'liaison') && within(m.studioIds, caller.studioIds);
    }
    case 'audit':
      return caller.role === 'admin';
    case 'consent':
      return caller.role === 'representative' && caller.representativeId !== undefined;
    default:
      return false;
  }
}

/** The roster queries a caller's list is read with: everyone (admins), or per studio of a liaison. */
export function scopeOf(caller: Caller): Filter[] {
  if (caller.role === 'admin') return [{}];
  return caller.studioIds.map((id) => ({ studioIds: { has: id }, role: { in: ['representative', 'liaison'] } }));
}

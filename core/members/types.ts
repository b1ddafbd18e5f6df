import type { StoredDoc } from '../ports/store';

export const ROLES = ['resident', 'representative', 'liaison', 'admin', 'contact', 'department'] as const;
/** 居民/党员群众, 党代表, 联络员, 县级管理员, 质询对象联系人 (the inquiry subject's contact), 有关单位 (department staff). */
export type Role = (typeof ROLES)[number];

/** A WeChat user with a role beyond resident; `_id` is the openid. Residents have no document. */
export interface Member extends StoredDoc {
  role: Exclude<Role, 'resident'>;
  representativeId?: string;
  /** For an inquiry subject's contact (质询对象联系人): the contact record bound. */
  contactId?: string;
  /** For department staff (有关单位): the department bound. */
  departmentId?: string;
  studioIds: string[];
  name?: string;
  /**
   * A representative: their consent to show their own contact (the directory's
   * `contactPublic`), copied at bind and kept in sync by members.consent, so that the caller
   * is one read (with `studioIds` and `name`, also copied from the directory at bind).
   */
  contactPublic?: boolean;
  boundAt: number;
  /** Who granted the role: the inviter (and, for a liaison invited by a liaison, the approving admin). */
  grantedBy?: string;
}

/** A one-time invitation code (`_id`) that makes its user a representative, a liaison or an inquiry subject's contact. */
export interface Invite extends StoredDoc {
  kind: 'representative' | 'liaison' | 'contact' | 'department';
  representativeId?: string;
  contactId?: string;
  departmentId?: string;
  studioIds: string[];
  createdBy: string;
  /** The inviter's name then, for the approvals list. */
  inviterName?: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
  /**
   * A liaison's invitation of another liaison waits for an administrator (`pending`) and
   * cannot be used until `approved`; `declined` never can. Absent: usable (invited by an admin,
   * or a representative's or contact's code).
   */
  approval?: 'pending' | 'approved' | 'declined';
  decidedBy?: string;
  decidedAt?: number;
}

/** What the grants log records (`grants`): every role given or taken, and every approval. */
export const GRANT_KINDS = ['grant', 'revoke', 'approve', 'decline', 'consent', 'forget'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

/** One line of the grants log: who gave whom which role (or took it), when, through what. */
export interface Grant extends StoredDoc {
  at: number;
  kind: GrantKind;
  /** Whose role it is (an openid). */
  subject: string;
  role: Role;
  representativeId?: string;
  contactId?: string;
  studioIds: string[];
  /** Who did it (an openid), or `system`. */
  by: string;
  byName: string;
  byRole: Role | 'system';
  /** The invitation code, for grants and approvals. */
  code?: string;
  note?: string;
  /** Owned open items handed back: to the studio's queue, to the successor. */
  released?: number;
  handedOver?: number;
}

/** Who is calling, as the server resolved it from the verified openid. */
export interface Caller {
  openid: string;
  role: Role;
  representativeId?: string;
  /** For an inquiry subject's contact: which contact record (core/inquiries) they are. */
  contactId?: string;
  /** For department staff (有关单位): which department (core/directory) they work for. */
  departmentId?: string;
  /** Studios the caller serves: a representative's studio, a liaison's studios. */
  studioIds: string[];
  /** A display name for the timeline (representative's name, "联络员", …). */
  name: string;
  /** A representative: whether they agreed that residents see their own mobile and WeChat id. */
  contactPublic?: boolean;
}

/** Studio staff: representatives, liaison staff and administrators (not residents, not inquiry contacts). */
export const isStudioStaff = (caller: Caller): boolean => caller.role === 'representative' || caller.role === 'liaison' || caller.role === 'admin';

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
  boundAt: number;
}

/** A one-time invitation code (`_id`) that makes its user a representative, a liaison or an inquiry subject's contact. */
export interface Invite extends StoredDoc {
  kind: 'representative' | 'liaison' | 'contact' | 'department';
  representativeId?: string;
  contactId?: string;
  departmentId?: string;
  studioIds: string[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
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
}

/** Studio staff: representatives, liaison staff and administrators (not residents, not inquiry contacts). */
export const isStudioStaff = (caller: Caller): boolean => caller.role === 'representative' || caller.role === 'liaison' || caller.role === 'admin';

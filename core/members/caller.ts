import type { Representative } from '../directory/types';
import type { Store } from '../ports/store';
import type { Caller, Member } from './types';

/** Resolves the verified openid to a role: a `members` document, or a resident without one. */
export async function resolveCaller(store: Store, openid: string): Promise<Caller> {
  const member = await store.get<Member>('members', openid);
  if (!member) return { openid, role: 'resident', studioIds: [], name: '群众' };
  if (member.role === 'representative' && member.representativeId) {
    // One read: a representative's member document carries what the caller needs (its studio,
    // name and consent, written at bind and kept in sync by members.consent). A document bound
    // before it did (no `contactPublic`) is completed from the directory, one read more.
    if (typeof member.contactPublic === 'boolean' && member.name && member.studioIds.length) {
      return { openid, role: 'representative', representativeId: member.representativeId, studioIds: member.studioIds, name: member.name, contactPublic: member.contactPublic };
    }
    const rep = await store.get<Representative>('representatives', member.representativeId);
    return {
      openid,
      role: 'representative',
      representativeId: member.representativeId,
      studioIds: rep ? [rep.studioId] : [],
      name: rep?.name ?? member.name ?? '党代表',
      contactPublic: rep?.contactPublic === true,
    };
  }
  if (member.role === 'liaison') {
    return { openid, role: 'liaison', studioIds: member.studioIds, name: member.name ?? '联络员' };
  }
  if (member.role === 'admin') return { openid, role: 'admin', studioIds: [], name: member.name ?? '县级管理员' };
  if (member.role === 'contact' && member.contactId) {
    return { openid, role: 'contact', contactId: member.contactId, studioIds: [], name: member.name ?? '质询对象联系人' };
  }
  if (member.role === 'department' && member.departmentId) {
    return { openid, role: 'department', departmentId: member.departmentId, studioIds: [], name: member.name ?? '有关单位' };
  }
  return { openid, role: 'resident', studioIds: [], name: '群众' };
}

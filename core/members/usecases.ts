import { randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Department, Representative, Studio } from '../directory/types';
import { forbidden, invalidState, notFound, validationError } from '../errors';
import { DuplicateId, VersionConflict } from '../ports/store';
import { REFUSALS, may } from './permissions';
import type { Contact } from '../inquiries/types';
import type { Caller, Invite, Member } from './types';

/** Who am I: the caller's role and what it is bound to. */
export function me(caller: Caller) {
  return {
    openid: caller.openid,
    role: caller.role,
    ...(caller.representativeId ? { representativeId: caller.representativeId } : {}),
    ...(caller.contactId ? { contactId: caller.contactId } : {}),
    ...(caller.departmentId ? { departmentId: caller.departmentId } : {}),
    ...(caller.role === 'representative' || caller.role === 'liaison' ? { studioIds: caller.studioIds } : {}),
    name: caller.name,
  };
}

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export type InviteCommand =
  | { kind: 'representative'; representativeId: string }
  | { kind: 'liaison'; studioIds: string[] }
  | { kind: 'contact'; contactId: string }
  | { kind: 'department'; departmentId: string };

/**
 * A one-time code: for a representative (binds a WeChat user to that representative) or
 * for a liaison of studios. A liaison invites only for their own studios; an admin for any.
 */
export async function createInvite(deps: Deps, caller: Caller, cmd: InviteCommand) {
  if (!may(caller, 'invite', null)) throw forbidden(REFUSALS.invite);
  let studioIds: string[];
  let representativeId: string | undefined;
  let contactId: string | undefined;
  let departmentId: string | undefined;
  let label: string;
  if (cmd.kind === 'department') {
    if (!may(caller, 'inviteDepartment', null)) throw forbidden(REFUSALS.inviteDepartment);
    const dept = await deps.store.get<Department>('departments', cmd.departmentId);
    if (!dept) throw validationError('所选的有关单位不存在');
    studioIds = [];
    departmentId = dept._id;
    label = `有关单位工作人员（${dept.name}）`;
  } else if (cmd.kind === 'contact') {
    if (!may(caller, 'inviteContact', null)) throw forbidden(REFUSALS.inviteContact);
    const contact = await deps.store.get<Contact>('contacts', cmd.contactId);
    if (!contact) throw validationError('所选的质询对象联系人不存在');
    studioIds = [];
    contactId = contact._id;
    label = `质询对象联系人 ${contact.name}（${contact.unit}）`;
  } else if (cmd.kind === 'representative') {
    const rep = await deps.store.get<Representative>('representatives', cmd.representativeId);
    if (!rep) throw validationError('所选党代表不存在');
    studioIds = [rep.studioId];
    representativeId = rep._id;
    label = `党代表 ${rep.name}`;
  } else {
    const studios = await Promise.all(cmd.studioIds.map((id) => deps.store.get<Studio>('studios', id)));
    if (studios.some((s) => s === null)) throw validationError('所选工作室不存在');
    studioIds = [...new Set(cmd.studioIds)];
    label = `联络员（${studios.map((s) => s?.name).join('、')}）`;
  }
  if (!may(caller, 'inviteFor', { studioIds })) throw forbidden(REFUSALS.inviteFor);
  const now = deps.clock.now();
  const expiresAt = now + deps.config.inviteDays * 24 * 60 * 60 * 1000;
  for (;;) {
    const code = newCode();
    try {
      await deps.store.create<Invite>('invites', {
        _id: code,
        kind: cmd.kind,
        ...(representativeId ? { representativeId } : {}),
        ...(contactId ? { contactId } : {}),
        ...(departmentId ? { departmentId } : {}),
        studioIds,
        createdBy: caller.openid,
        createdAt: now,
        expiresAt,
      });
      return { code, kind: cmd.kind, label, expiresAt };
    } catch (e) {
      if (!(e instanceof DuplicateId)) throw e;
    }
  }
}

/** Uses an invitation code: the caller becomes that representative or a liaison of those studios. */
export async function bindInvite(deps: Deps, caller: Caller, code: string) {
  if (!may(caller, 'bind', null)) throw invalidState(REFUSALS.bind);
  const now = deps.clock.now();
  const invite = await deps.store.get<Invite>('invites', code);
  if (!invite) throw notFound('该邀请码');
  if (invite.usedBy) throw invalidState(invite.usedBy === caller.openid ? '您已使用过该邀请码' : '该邀请码已被使用');
  if (invite.expiresAt < now) throw invalidState('该邀请码已过期，请联系联络员重新生成');
  // The representative is read before the check that nobody holds it, and written back in the
  // transaction at that version: of two binds racing for one representative, one conflicts.
  const contact = invite.kind === 'contact' && invite.contactId ? await deps.store.get<Contact>('contacts', invite.contactId) : null;
  if (invite.kind === 'contact' && !contact) throw invalidState('该质询对象联系人已不在名录中，请联系管理员');
  const dept = invite.kind === 'department' && invite.departmentId ? await deps.store.get<Department>('departments', invite.departmentId) : null;
  if (invite.kind === 'department' && !dept) throw invalidState('该有关单位已不在名录中，请联系管理员');
  let rep: Representative | null = null;
  if (invite.kind === 'representative' && invite.representativeId) {
    rep = await deps.store.get<Representative>('representatives', invite.representativeId);
    if (!rep) throw invalidState('该党代表已不在名册中，请联系联络员');
    const taken = await deps.store.find<Member>('members', { where: { representativeId: invite.representativeId }, limit: 1 });
    if (taken.length && taken[0]._id !== caller.openid) throw invalidState('该党代表已绑定其他微信账号');
  }
  try {
    await deps.store.transaction(async (tx) => {
      const fresh = await tx.get<Invite>('invites', code);
      if (!fresh || fresh.usedBy) throw invalidState('该邀请码已被使用');
      const { _v, ...rest } = fresh;
      await tx.update<Invite>('invites', code, _v, { ...rest, usedBy: caller.openid, usedAt: now });
      if (rep) {
        const { _v: repVersion, ...repFields } = rep;
        await tx.update<Representative>('representatives', rep._id, repVersion, repFields);
      }
      const existing = await tx.get<Member>('members', caller.openid);
      const member: Omit<Member, '_v'> =
        invite.kind === 'representative'
          ? { _id: caller.openid, role: 'representative', representativeId: invite.representativeId, studioIds: invite.studioIds, boundAt: now }
          : invite.kind === 'contact'
          ? { _id: caller.openid, role: 'contact', contactId: invite.contactId, studioIds: [], boundAt: now, ...(contact ? { name: contact.name } : {}) }
          : invite.kind === 'department'
          ? { _id: caller.openid, role: 'department', departmentId: invite.departmentId, studioIds: [], boundAt: now, ...(dept ? { name: dept.name } : {}) }
          : {
              _id: caller.openid,
              role: 'liaison',
              studioIds: [...new Set([...(existing?.role === 'liaison' ? existing.studioIds : []), ...invite.studioIds])],
              boundAt: now,
              ...(existing?.name ? { name: existing.name } : {}),
            };
      if (existing) await tx.update<Member>('members', caller.openid, existing._v, member);
      else await tx.create<Member>('members', member);
    });
  } catch (e) {
    if (e instanceof VersionConflict && e.collection === 'representatives') throw invalidState('该党代表已绑定其他微信账号');
    if (e instanceof VersionConflict || e instanceof DuplicateId) throw invalidState('该邀请码已被使用');
    throw e;
  }
  return {
    role: invite.kind,
    studioIds: invite.studioIds,
    ...(invite.representativeId ? { representativeId: invite.representativeId } : {}),
    ...(invite.contactId ? { contactId: invite.contactId } : {}),
    ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
  };
}

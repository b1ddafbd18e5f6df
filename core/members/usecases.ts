import { randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Department, Representative, Studio } from '../directory/types';
import { AppError, forbidden, invalidState, notFound, validationError } from '../errors';
import { deliverEffects } from '../matters/effects';
import { uploadDirOf } from '../ports/files';
import { DuplicateId, VersionConflict } from '../ports/store';
import { relationsOf } from '../register/permissions';
import { handBackOwned } from '../register/succession';
import { giveBackSlot, minutesOf, takeSlot, throttleId } from '../shared/throttle';
import { recordGrant } from './grants';
import { REFUSALS, may } from './permissions';
import type { Contact } from '../inquiries/types';
import type { Caller, Invite, Member } from './types';

/**
 * Who am I: the caller's role and what it is bound to, and `uploadDir`, the folder of cloud
 * storage this caller's photos go to (the server checks a photo's file ID is under it).
 */
export function me(caller: Caller) {
  return {
    openid: caller.openid,
    role: caller.role,
    ...(caller.representativeId ? { representativeId: caller.representativeId } : {}),
    ...(caller.contactId ? { contactId: caller.contactId } : {}),
    ...(caller.departmentId ? { departmentId: caller.departmentId } : {}),
    ...(caller.role === 'representative' || caller.role === 'liaison' ? { studioIds: caller.studioIds } : {}),
    ...(caller.role === 'representative' ? { contactPublic: caller.contactPublic === true } : {}),
    name: caller.name,
    uploadDir: uploadDirOf(caller.openid),
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
 * A liaison's invitation of another liaison is `pending` until an administrator approves it
 * (`members.decide`); the administrators are told.
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
  const pending = may(caller, 'inviteNeedsApproval', { kind: cmd.kind });
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
        inviterName: caller.name,
        createdAt: now,
        expiresAt,
        ...(pending ? { approval: 'pending' as const } : {}),
      });
      if (pending) {
        await deliverEffects(deps, [
          {
            type: 'message',
            key: `invite-approval:${code}`,
            to: { admins: true },
            kind: 'invite_approval',
            title: '联络员邀请待审核',
            body: `${caller.name}邀请新的${label}，请审核`,
            page: 'pages/staff/members/index',
            at: now,
          },
        ]);
      }
      return { code, kind: cmd.kind, label, expiresAt, pending };
    } catch (e) {
      if (!(e instanceof DuplicateId)) throw e;
    }
  }
}

/** One answer for every code that cannot be used (unknown, used by another, expired, pending, declined): no oracle. */
const UNUSABLE = () => new AppError('NOT_FOUND', '邀请码不正确或已失效，请向联络员核对');

const MINUTE = 60 * 1000;

/** Uses an invitation code: the caller becomes that representative or a liaison of those studios. */
export async function bindInvite(deps: Deps, caller: Caller, code: string) {
  if (!may(caller, 'bind', null)) throw invalidState(REFUSALS.bind);
  const now = deps.clock.now();
  // Every attempt takes a slot of the lockout window first; a successful one gives it back,
  // so the slots held are the failures (brute force: a few wrong codes per openid, then locked).
  const { failures, windowMinutes } = deps.config.bindLimit;
  const slot = throttleId('bind', caller.openid);
  // The code is read alongside; nothing of it is answered unless the slot was taken.
  const [taken, invite] = await Promise.all([
    takeSlot(deps, slot, now, [{ ms: windowMinutes * MINUTE, max: failures, message: (wait) => `邀请码错误次数过多，请 ${minutesOf(wait)} 分钟后再试` }]),
    deps.store.get<Invite>('invites', code),
  ]);
  if (invite?.usedBy === caller.openid) {
    await giveBackSlot(deps, slot, now, taken);
    throw invalidState('您已使用过该邀请码');
  }
  if (!invite || invite.usedBy || invite.expiresAt < now || invite.approval === 'pending' || invite.approval === 'declined') throw UNUSABLE();
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
      if (!fresh || fresh.usedBy || fresh.approval === 'pending' || fresh.approval === 'declined') throw UNUSABLE();
      const { _v, ...rest } = fresh;
      await tx.update<Invite>('invites', code, _v, { ...rest, usedBy: caller.openid, usedAt: now });
      if (rep) {
        const { _v: repVersion, ...repFields } = rep;
        await tx.update<Representative>('representatives', rep._id, repVersion, repFields);
      }
      const existing = await tx.get<Member>('members', caller.openid);
      const grantedBy = invite.createdBy;
      const member: Omit<Member, '_v'> =
        invite.kind === 'representative'
          ? { _id: caller.openid, role: 'representative', representativeId: invite.representativeId, studioIds: rep ? [rep.studioId] : invite.studioIds, boundAt: now, grantedBy, ...(rep ? { name: rep.name, contactPublic: rep.contactPublic === true } : {}) }
          : invite.kind === 'contact'
          ? { _id: caller.openid, role: 'contact', contactId: invite.contactId, studioIds: [], boundAt: now, grantedBy, ...(contact ? { name: contact.name } : {}) }
          : invite.kind === 'department'
          ? { _id: caller.openid, role: 'department', departmentId: invite.departmentId, studioIds: [], boundAt: now, grantedBy, ...(dept ? { name: dept.name } : {}) }
          : {
              _id: caller.openid,
              role: 'liaison',
              studioIds: [...new Set([...(existing?.role === 'liaison' ? existing.studioIds : []), ...invite.studioIds])],
              boundAt: now,
              grantedBy,
              ...(existing?.name ? { name: existing.name } : {}),
            };
      if (existing) await tx.update<Member>('members', caller.openid, existing._v, member);
      else await tx.create<Member>('members', member);
    });
  } catch (e) {
    if (e instanceof VersionConflict && e.collection === 'representatives') throw invalidState('该党代表已绑定其他微信账号');
    if (e instanceof VersionConflict || e instanceof DuplicateId) throw UNUSABLE();
    throw e;
  }
  const bound: Caller = {
    openid: caller.openid,
    role: invite.kind,
    ...(invite.representativeId ? { representativeId: invite.representativeId } : {}),
    ...(invite.contactId ? { contactId: invite.contactId } : {}),
    ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
    studioIds: invite.kind === 'liaison' ? [...new Set([...(caller.role === 'liaison' ? caller.studioIds : []), ...invite.studioIds])] : invite.studioIds,
    name: rep?.name ?? contact?.name ?? dept?.name ?? caller.name,
  };
  // What the former role owned and the new one does not cover goes back to its studio's queue.
  const [, handed] = await Promise.all([
    giveBackSlot(deps, slot, now, taken),
    caller.role === 'representative' || caller.role === 'liaison'
      ? handBackOwned(deps, 'system', { openid: caller.openid, representativeId: caller.representativeId }, {
          keeps: (item) => relationsOf(bound, item).has('owner'),
          reason: `原承办人 ${caller.name} 身份已变更`,
        })
      : { released: 0, handedOver: 0 },
  ]);
  await recordGrant(deps, caller, {
    kind: 'grant',
    subject: caller.openid,
    role: invite.kind,
    ...(invite.representativeId ? { representativeId: invite.representativeId } : {}),
    ...(invite.contactId ? { contactId: invite.contactId } : {}),
    studioIds: bound.studioIds,
    code,
    note: `邀请人 ${invite.inviterName ?? invite.createdBy}${invite.decidedBy ? `，审核人 ${invite.decidedBy}` : ''}${caller.role !== 'resident' ? `，原身份 ${caller.role}` : ''}`,
    ...(handed.released ? { released: handed.released } : {}),
  });
  return {
    role: invite.kind,
    studioIds: invite.studioIds,
    ...(invite.representativeId ? { representativeId: invite.representativeId } : {}),
    ...(invite.contactId ? { contactId: invite.contactId } : {}),
    ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
  };
}

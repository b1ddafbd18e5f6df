/**
 * Roles that can be managed: who holds which role (`members.list`), taking a role away
 * (`members.revoke`: the account becomes a resident, its owned open items go back to the
 * studio's queue or to a named successor), the administrators' approval of a liaison's
 * invitation of another liaison (`members.pending`, `members.decide`), and a representative's
 * own consent to show their mobile and WeChat id (`members.consent`). Every change is a line
 * of the grants log (core/members/grants.ts).
 */
import type { Deps } from '../deps';
import type { Representative, Studio } from '../directory/types';
import { forbidden, invalidState, notFound, validationError } from '../errors';
import { deliverEffects } from '../matters/effects';
import { VersionConflict } from '../ports/store';
import { handBackOwned, type Successor } from '../register/succession';
import { retryOnConflict } from '../shared/retry';
import { recordGrant } from './grants';
import { REFUSALS, may, scopeOf } from './permissions';
import type { Caller, Invite, Member, Role } from './types';

export const ROLE_LABELS: Record<Role, string> = { resident: '群众', representative: '党代表', liaison: '联络员', admin: '县级管理员', contact: '质询对象联系人', department: '有关单位工作人员' };

const ROSTER_PAGE = 500;

export interface RosterQuery {
  role?: Exclude<Role, 'resident'>;
  studioId?: string;
  page: number;
  pageSize: number;
}

/**
 * 人员名单: administrators see everyone with a role; a liaison the representatives and liaison
 * staff of their studios (a studio has a handful: read whole, one query per studio, together).
 * Names come from the directory for representatives. Two rounds.
 */
export async function listMembers(deps: Deps, caller: Caller, q: RosterQuery) {
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);
  if (q.studioId && caller.role !== 'admin' && !caller.studioIds.includes(q.studioId)) throw forbidden('您不负责该工作室');
  const filters = scopeOf(caller).map((f) => ({ ...f, ...(q.role ? { role: q.role } : {}), ...(q.studioId ? { studioIds: { has: q.studioId } } : {}) }));
  // The studios' names come in the same round: the county has 37 studios.
  const studiosOf = deps.store.find<Studio>('studios', { limit: 200 });
  let rows: Member[];
  let total: number;
  let studios: Studio[];
  if (caller.role === 'admin') {
    const where = filters[0];
    [rows, total, studios] = await Promise.all([
      deps.store.find<Member>('members', { where, orderBy: [['boundAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
      deps.store.count('members', where),
      studiosOf,
    ]);
  } else {
    let pages: Member[][];
    [pages, studios] = await Promise.all([
      Promise.all(filters.map((where) => deps.store.find<Member>('members', { where, orderBy: [['boundAt', 'desc']], limit: ROSTER_PAGE }))),
      studiosOf,
    ]);
    const all = [...new Map(pages.flat().map((m) => [m._id, m])).values()].sort((a, b) => b.boundAt - a.boundAt);
    total = all.length;
    rows = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  }
  // Representatives bound since names were kept on the member carry theirs; older ones are looked up (one more round, only then).
  const unnamed = [...new Set(rows.flatMap((m) => (m.representativeId && !m.name ? [m.representativeId] : [])))];
  const reps = unnamed.length ? await deps.store.find<Representative>('representatives', { where: { _id: { in: unnamed } }, limit: unnamed.length }) : [];
  const repName = new Map(reps.map((r) => [r._id, r.name]));
  const studioName = new Map(studios.map((s) => [s._id, s.name]));
  return {
    items: rows.map((m) => ({
      id: m._id,
      role: m.role,
      roleLabel: ROLE_LABELS[m.role],
      name: m.name ?? (m.representativeId ? repName.get(m.representativeId) : undefined) ?? ROLE_LABELS[m.role],
      ...(m.representativeId ? { representativeId: m.representativeId } : {}),
      ...(m.contactId ? { contactId: m.contactId } : {}),
      studios: m.studioIds.map((id) => ({ id, name: studioName.get(id) ?? id })),
      boundAt: m.boundAt,
      self: m._id === caller.openid,
      actions: may(caller, 'revoke', m) ? ['revoke'] : [],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The successor a revoker named, as the hand-back needs them: staff of the studios they take over. */
async function successorOf(deps: Deps, caller: Caller, target: Member, successorId: string): Promise<Successor> {
  if (successorId === target._id) throw validationError('接替人不能是被撤销的人员本人');
  const m = await deps.store.get<Member>('members', successorId);
  if (!m || (m.role !== 'representative' && m.role !== 'liaison')) throw validationError('接替人须为党代表或联络员');
  if (!may(caller, 'see', m)) throw validationError('接替人须为您负责的工作室的党代表或联络员');
  if (!m.studioIds.some((id) => target.studioIds.includes(id))) throw validationError('接替人须与被撤销的人员同属一个工作室');
  if (m.role === 'representative' && m.representativeId) {
    const rep = await deps.store.get<Representative>('representatives', m.representativeId);
    return { kind: 'representative', representativeId: m.representativeId, studioIds: rep ? [rep.studioId] : m.studioIds, name: rep?.name ?? m.name ?? '党代表' };
  }
  return { kind: 'liaison', openid: m._id, studioIds: m.studioIds, name: m.name ?? '联络员' };
}

/**
 * 撤销身份: the account becomes a resident at once (its member document is removed, so every
 * relation it held lapses), then its owned open items are handed back — to `successorId` where
 * that person serves the item's studio, else to the studio's queue — each on its timeline. The
 * revocation is a line of the grants log with the counts.
 */
export async function revokeMember(deps: Deps, caller: Caller, id: string, successorId?: string) {
  const target = await deps.store.get<Member>('members', id);
  if (!target || !may(caller, 'see', target)) throw notFound('该人员');
  if (!may(caller, 'revoke', target)) throw forbidden(REFUSALS.revoke);
  const [successor, repRecord] = await Promise.all([
    successorId ? successorOf(deps, caller, target, successorId) : null,
    target.representativeId && !target.name ? deps.store.get<Representative>('representatives', target.representativeId) : null,
  ]);
  try {
    await deps.store.transaction(async (tx) => {
      const fresh = await tx.get<Member>('members', id);
      if (!fresh || fresh._v !== target._v) throw new VersionConflict('members', id);
      await tx.remove('members', id);
    });
  } catch (e) {
    if (e instanceof VersionConflict) throw invalidState('该人员的身份刚被修改，请刷新后重试');
    throw e;
  }
  const who = target.name ?? repRecord?.name;
  const handed = await handBackOwned(deps, caller, { openid: target._id, representativeId: target.representativeId }, {
    successor,
    reason: `原承办人 ${who ?? ROLE_LABELS[target.role]} 的${ROLE_LABELS[target.role]}身份已撤销`,
  });
  await recordGrant(deps, caller, {
    kind: 'revoke',
    subject: target._id,
    role: target.role,
    ...(target.representativeId ? { representativeId: target.representativeId } : {}),
    ...(target.contactId ? { contactId: target.contactId } : {}),
    studioIds: target.studioIds,
    ...(successor ? { note: `接替人 ${successor.name}` } : {}),
    released: handed.released,
    handedOver: handed.handedOver,
  });
  return { id: target._id, role: 'resident' as const, formerRole: target.role, released: handed.released, handedOver: handed.handedOver };
}

/** 待审核的联络员邀请: administrators see every pending one, oldest first. */
export async function listPending(deps: Deps, caller: Caller, page: number, pageSize: number) {
  if (!may(caller, 'approve', null)) throw forbidden(REFUSALS.approve);
  const where = { approval: 'pending' };
  const [rows, total, studios] = await Promise.all([
    deps.store.find<Invite>('invites', { where, orderBy: [['createdAt', 'asc']], limit: pageSize, skip: (page - 1) * pageSize }),
    deps.store.count('invites', where),
    deps.store.find<Studio>('studios', { limit: 200 }),
  ]);
  const studioName = new Map(studios.map((s) => [s._id, s.name]));
  return {
    items: rows.map((i) => ({
      code: i._id,
      kind: i.kind,
      studios: i.studioIds.map((id) => ({ id, name: studioName.get(id) ?? id })),
      invitedBy: i.inviterName ?? '联络员',
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      expired: i.expiresAt < deps.clock.now(),
    })),
    total,
    page,
    pageSize,
  };
}

/**
 * 审核: an administrator approves (the code can be used from now, for the usual number of days)
 * or declines (it never can) a liaison's invitation of another liaison. The inviter is told.
 */
export async function decideInvite(deps: Deps, caller: Caller, code: string, approve: boolean) {
  if (!may(caller, 'approve', null)) throw forbidden(REFUSALS.approve);
  const now = deps.clock.now();
  const invite = await retryOnConflict(async () => {
    const i = await deps.store.get<Invite>('invites', code);
    if (!i || i.approval === undefined) throw notFound('该待审核邀请');
    if (i.approval !== 'pending') throw invalidState(i.approval === 'approved' ? '该邀请已审核通过' : '该邀请已被退回');
    const { _v, ...rest } = i;
    return deps.store.update<Invite>('invites', code, _v, {
      ...rest,
      approval: approve ? 'approved' : 'declined',
      decidedBy: caller.openid,
      decidedAt: now,
      ...(approve ? { expiresAt: now + deps.config.inviteDays * 24 * 60 * 60 * 1000 } : {}),
    });
  });
  await Promise.all([
    recordGrant(deps, caller, { kind: approve ? 'approve' : 'decline', subject: invite.createdBy, role: 'liaison', studioIds: invite.studioIds, code }),
    deliverEffects(deps, [
      {
        type: 'message',
        key: `invite-decided:${code}`,
        to: { openid: invite.createdBy },
        kind: 'invite_approval',
        title: approve ? '联络员邀请已审核通过' : '联络员邀请未通过审核',
        body: approve ? `邀请码 ${code} 现在可以使用，有效期 ${deps.config.inviteDays} 天` : `邀请码 ${code} 已被县级管理员退回，不能使用`,
        page: 'pages/staff/invite/index',
        at: now,
      },
    ]),
  ]);
  return { code, approval: invite.approval, expiresAt: invite.expiresAt };
}

/**
 * 公开联系方式: a representative agrees (or no longer agrees) that residents see their own
 * mobile and WeChat id on reception notices; without it residents see the studio's phone.
 */
export async function setContactConsent(deps: Deps, caller: Caller, contactPublic: boolean) {
  if (!may(caller, 'consent', null) || !caller.representativeId) throw forbidden(REFUSALS.consent);
  const repId = caller.representativeId;
  // The directory's representative and the caller's member document (which carries the
  // consent so that the caller is one read) change together.
  await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const [rep, member] = await Promise.all([tx.get<Representative>('representatives', repId), tx.get<Member>('members', caller.openid)]);
      if (!rep) throw notFound('该党代表');
      if (rep.contactPublic !== contactPublic) {
        const { _v, ...rest } = rep;
        await tx.update<Representative>('representatives', repId, _v, { ...rest, contactPublic });
      }
      if (member && member.representativeId === repId && member.contactPublic !== contactPublic) {
        const { _v, ...rest } = member;
        await tx.update<Member>('members', caller.openid, _v, { ...rest, contactPublic, name: member.name ?? rep.name, studioIds: [rep.studioId] });
      }
    }),
  );
  await recordGrant(deps, caller, {
    kind: 'consent',
    subject: caller.openid,
    role: 'representative',
    representativeId: repId,
    studioIds: caller.studioIds,
    note: contactPublic ? '同意向群众公开本人手机号和微信号' : '不再向群众公开本人手机号和微信号',
  });
  return { representativeId: repId, contactPublic };
}


/**
 * 代表组: the township's liaison staff (or an administrator) create a township's groups — name,
 * leader (a representative, or a named member of the township party committee), member
 * representatives, the villages or communities or the sector it keeps in touch with, and the
 * yearly household target (100 by default) — and change them. A representative belongs to at
 * most one group of a township.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Representative, Studio, Township } from '../directory/types';
import { forbidden, notFound, validationError, conflict } from '../errors';
import type { Caller } from '../members/types';
import { VersionConflict, type Filter } from '../ports/store';
import { checkText } from '../register/usecases';
import { shanghaiYear } from '../time';
import { REFUSALS, may, scopeOf } from './permissions';
import type { VisitGroup } from './types';
import { viewGroup } from './view';

export type LeaderInput = { representativeId: string } | { name: string; post: string };

export interface GroupInput {
  name: string;
  leader: LeaderInput;
  memberIds: string[];
  villages?: string[];
  sector?: string;
  target?: number;
}

/** Reads a group the caller may see; anyone else is told it does not exist. */
export async function loadGroup(deps: Deps, caller: Caller, id: string): Promise<VisitGroup> {
  const g = await deps.store.get<VisitGroup>('visitGroups', id);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  return g;
}

/** The township, its studios (the township's own one first) and its groups: one round. */
async function townshipOf(deps: Deps, townshipId: string) {
  const [township, studios, groups] = await Promise.all([
    deps.store.get<Township>('townships', townshipId),
    deps.store.find<Studio>('studios', { where: { townshipId }, orderBy: [['order', 'asc']], limit: 200 }),
    deps.store.find<VisitGroup>('visitGroups', { where: { townshipId }, orderBy: [['createdAt', 'asc']], limit: 500 }),
  ]);
  const own = studios.find((s) => s.kind === 'township');
  if (!township || !own) throw notFound('该乡镇（街道）');
  return { township, studio: own, studios, studioIds: new Set(studios.map((s) => s._id)), groups };
}

const leaderRepOf = (leader: LeaderInput): string | null => ('representativeId' in leader ? leader.representativeId : null);

/** The representatives a group's input names (leader first), read in the same round as the township. */
function readReps(deps: Deps, input: Pick<GroupInput, 'leader' | 'memberIds'>): { ids: string[]; reps: Promise<Representative[]> } {
  const leaderRep = leaderRepOf(input.leader);
  const ids = [...new Set([...(leaderRep ? [leaderRep] : []), ...input.memberIds])];
  if (ids.length === 0) throw validationError('请至少选择一位组员');
  if (ids.length > 30) throw validationError('一个代表组最多 30 位组员');
  return { ids, reps: deps.store.find<Representative>('representatives', { where: { _id: { in: ids } }, limit: ids.length }) };
}

/** Checks members and leader against the township and its other groups; answers the group's people. */
function membersOf(input: Pick<GroupInput, 'leader'>, ids: string[], reps: Representative[], studioIds: Set<string>, others: VisitGroup[]) {
  const leaderRep = leaderRepOf(input.leader);
  const byId = new Map(reps.map((r) => [r._id, r]));
  for (const id of ids) {
    const rep = byId.get(id);
    if (!rep || !studioIds.has(rep.studioId)) throw validationError('所选党代表不属于本乡镇（街道）');
    const taken = others.find((g) => g.memberRepIds.includes(id));
    if (taken) throw validationError(`${rep.name} 已是「${taken.name}」的组员，一位党代表只能加入本乡镇的一个代表组`);
  }
  const members = ids.map((id) => ({ representativeId: id, name: (byId.get(id) as Representative).name }));
  const leader = leaderRep
    ? { name: (byId.get(leaderRep) as Representative).name, post: null }
    : { name: (input.leader as { name: string }).name, post: (input.leader as { post: string }).post };
  return { members, memberRepIds: ids, leader, leaderRepId: leaderRep };
}

function area(input: Pick<GroupInput, 'villages' | 'sector'>) {
  const villages = [...new Set(input.villages ?? [])];
  if (villages.length === 0 && !input.sector) throw validationError('请填写联系的村（社区）或联系界别');
  return { villages, sector: input.sector ?? null };
}

/** 新建代表组. */
export async function createGroup(deps: Deps, caller: Caller, cmd: GroupInput & { townshipId: string }) {
  const where = area(cmd);
  const asked = readReps(deps, cmd);
  const [t, reps] = await Promise.all([townshipOf(deps, cmd.townshipId), asked.reps]);
  if (!may(caller, 'manage', { studioId: t.studio._id })) throw forbidden(REFUSALS.manage);
  if (t.groups.some((g) => g.name === cmd.name)) throw conflict('本乡镇（街道）已有同名代表组');
  const people = membersOf(cmd, asked.ids, reps, t.studioIds, t.groups);
  await checkText(deps, caller, [cmd.name, 'name' in cmd.leader ? `${cmd.leader.name} ${cmd.leader.post}` : '', ...where.villages, where.sector ?? '']);
  const now = deps.clock.now();
  const group = await deps.store.create<VisitGroup>('visitGroups', {
    _id: 'vg' + createHash('sha256').update(`${cmd.townshipId}|${cmd.name}|${now}|${randomInt(1e9)}`).digest('hex').slice(0, 22),
    townshipId: t.township._id,
    townshipName: t.township.name,
    studioId: t.studio._id,
    name: cmd.name,
    ...people,
    ...where,
    target: cmd.target ?? deps.config.visits.target,
    createdAt: now,
    updatedAt: now,
    createdBy: caller.openid,
  });
  return viewGroup(group, caller);
}

/** 修改代表组: any of its fields; members are checked as when it was created. */
export async function updateGroup(deps: Deps, caller: Caller, cmd: Partial<GroupInput> & { id: string }) {
  const g = await deps.store.get<VisitGroup>('visitGroups', cmd.id);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  if (!may(caller, 'manage', g)) throw forbidden(REFUSALS.manage);
  const t = await townshipOf(deps, g.townshipId);
  const name = cmd.name ?? g.name;
  if (t.groups.some((x) => x._id !== g._id && x.name === name)) throw conflict('本乡镇（街道）已有同名代表组');
  const where = cmd.villages !== undefined || cmd.sector !== undefined ? area({ villages: cmd.villages ?? g.villages, sector: cmd.sector ?? g.sector ?? undefined }) : {};
  await checkText(deps, caller, [cmd.name ?? '', cmd.leader && 'name' in cmd.leader ? `${cmd.leader.name} ${cmd.leader.post}` : '', ...(cmd.villages ?? []), cmd.sector ?? '']);
  let people = {};
  if (cmd.leader !== undefined || cmd.memberIds !== undefined) {
    const leader: LeaderInput = cmd.leader ?? (g.leaderRepId ? { representativeId: g.leaderRepId } : { name: g.leader.name, post: g.leader.post ?? '' });
    const asked = readReps(deps, { leader, memberIds: cmd.memberIds ?? g.memberRepIds });
    people = membersOf({ leader }, asked.ids, await asked.reps, t.studioIds, t.groups.filter((x) => x._id !== g._id));
  }
  const { _id, _v, ...rest } = g;
  try {
    const saved = await deps.store.update<VisitGroup>('visitGroups', _id, _v, {
      ...rest,
      _id,
      name,
      ...people,
      ...where,
      target: cmd.target ?? g.target,
      updatedAt: deps.clock.now(),
    });
    return viewGroup(saved, caller);
  } catch (e) {
    if (e instanceof VersionConflict) throw conflict('该代表组刚被他人修改，请刷新后重试');
    throw e;
  }
}

/** One group, for those who may see it. */
export async function getGroup(deps: Deps, caller: Caller, id: string) {
  return viewGroup(await loadGroup(deps, caller, id), caller);
}

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * The groups a caller's list covers (a representative's own, a liaison's townships', every
 * one for an administrator; optionally of one township), each with this year's households
 * visited against its target.
 */
export async function listGroups(deps: Deps, caller: Caller, q: { townshipId?: string }) {
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);
  const scope = scopeOf(caller);
  const where: Filter = { ...scope, ...(q.townshipId ? { townshipId: q.townshipId } : {}) };
  const year = shanghaiYear(deps.clock.now());
  // A liaison's or an administrator's scope is on fields households have too: counted in the same round.
  const sameRound = caller.role !== 'representative';
  const [groups, counted] = await Promise.all([
    deps.store.find<VisitGroup>('visitGroups', { where, orderBy: [['createdAt', 'asc']], limit: 500 }),
    sameRound ? deps.store.countBy('households', ['groupId'], { ...where, visitYears: { has: year } }) : Promise.resolve(null),
  ]);
  const visited =
    counted ??
    (groups.length ? await deps.store.countBy('households', ['groupId'], { groupId: { in: groups.map((g) => g._id) }, visitYears: { has: year } }) : []);
  const byGroup = new Map(visited.map((c) => [c.key.groupId, c.count]));
  return {
    year,
    items: groups.map((g) => {
      const n = byGroup.get(g._id) ?? 0;
      return { ...viewGroup(g, caller), progress: { visited: n, target: g.target, percent: percent(n, g.target) } };
    }),
    total: groups.length,
  };
}

/** The representatives of the township's studios, to choose a group's leader and members from. */
export async function townshipRepresentatives(deps: Deps, caller: Caller, townshipId: string) {
  const t = await townshipOf(deps, townshipId);
  if (!may(caller, 'manage', { studioId: t.studio._id })) throw forbidden(REFUSALS.manage);
  const reps = await deps.store.find<Representative>('representatives', { where: { studioId: { in: [...t.studioIds] } }, orderBy: [['name', 'asc']], limit: 1000 });
  const studioName = new Map(t.studios.map((s) => [s._id, s.name]));
  const inGroup = new Map<string, string>();
  for (const g of t.groups) for (const id of g.memberRepIds) inGroup.set(id, g.name);
  // The township studio's own representatives first.
  const own = (r: Representative) => Number(r.studioId !== t.studio._id);
  return {
    township: { id: t.township._id, name: t.township.name, studioId: t.studio._id },
    items: [...reps]
      .sort((a, b) => own(a) - own(b))
      .map((r) => ({ id: r._id, name: r.name, unit: r.unit, studioId: r.studioId, studioName: studioName.get(r.studioId) ?? '', group: inGroup.get(r._id) ?? null })),
  };
}

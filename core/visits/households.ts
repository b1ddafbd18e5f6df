/**
 * The household register (住户名册) of a township's groups: the liaison staff add, change and
 * remove households (or import a sheet: core/visits/sheet.ts); members list their group's,
 * filtered to must-visit ones or those not visited this year. Sensitive personal data: every
 * read asks core/visits/permissions.ts, and representatives see phones masked.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import { conflict, forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { VersionConflict, type Filter, type NewDoc } from '../ports/store';
import type { Page } from '../register/usecases';
import { checkText } from '../register/usecases';
import { shanghaiYear } from '../time';
import { REFUSALS, may } from './permissions';
import { nextHouseholdRemindAt } from './reminders';
import type { Household, MustVisit, Visit, VisitGroup } from './types';
import { addrKeyOf, addressOf, sortKeyOf, viewHousehold, viewVisit } from './view';

/** What describes a household, typed or imported. */
export interface HouseholdInput {
  village: string;
  team?: string;
  doorNo: string;
  head: string;
  phone?: string;
  categories?: MustVisit[];
  /** 联系代表: a member of the group. */
  repId?: string;
  note?: string;
}

/** Field lengths, the same for the form, the import and a household added on a visit. */
export const HOUSEHOLD_LIMITS = { village: 30, team: 10, doorNo: 20, headMin: 2, headMax: 20, note: 200 } as const;

/** The stored fields of a new household of `group`. */
export function newHousehold(
  deps: Deps,
  group: VisitGroup,
  input: HouseholdInput,
  meta: { id: string; by: string; importId?: string | null },
): NewDoc<Household> {
  const now = deps.clock.now();
  const categories = [...new Set(input.categories ?? [])];
  const rep = input.repId ? group.members.find((m) => m.representativeId === input.repId) : undefined;
  if (input.repId && !rep) throw validationError('联系代表须是本代表组的组员');
  const fields = { village: input.village, team: input.team || null, doorNo: input.doorNo };
  const h: NewDoc<Household> = {
    _id: meta.id,
    townshipId: group.townshipId,
    studioId: group.studioId,
    groupId: group._id,
    ...fields,
    head: input.head,
    phone: input.phone || null,
    categories,
    must: categories.length,
    repId: rep?.representativeId ?? null,
    repName: rep?.name ?? null,
    note: input.note || null,
    addrKey: addrKeyOf(fields),
    sortKey: sortKeyOf(fields),
    lastVisitAt: null,
    lastVisitYear: 0,
    visitYears: [],
    importId: meta.importId ?? null,
    nextRemindAt: null,
    createdAt: now,
    updatedAt: now,
    createdBy: meta.by,
  };
  return { ...h, nextRemindAt: nextHouseholdRemindAt(h, now, deps.config) };
}

/** A fresh household id. */
export const householdId = (seed: string) => 'hh' + createHash('sha256').update(seed).digest('hex').slice(0, 28);

/** Households of the township at these addresses (normalised), for the one-per-address rule. */
export function householdsAt(deps: Deps, townshipId: string, addrKeys: string[]): Promise<Household[]> {
  if (addrKeys.length === 0) return Promise.resolve([]);
  return deps.store.find<Household>('households', { where: { townshipId, addrKey: { in: [...new Set(addrKeys)] } }, limit: 1000 });
}

const texts = (h: Partial<HouseholdInput>) => [h.village ?? '', h.team ?? '', h.doorNo ?? '', h.head ?? '', h.note ?? ''];

/** 添加住户: one household, by the township's liaison staff or an administrator. */
export async function addHousehold(deps: Deps, caller: Caller, cmd: HouseholdInput & { groupId: string }) {
  const { groupId, ...input } = cmd;
  const key = addrKeyOf({ village: input.village, team: input.team ?? null, doorNo: input.doorNo });
  const g = await deps.store.get<VisitGroup>('visitGroups', groupId);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  if (!may(caller, 'manage', g)) throw forbidden(REFUSALS.manage);
  const [same] = await Promise.all([householdsAt(deps, g.townshipId, [key]), checkText(deps, caller, texts(input))]);
  if (same.length) throw conflict(`${addressOf(same[0])} 已在本乡镇（街道）的住户名册中`);
  const now = deps.clock.now();
  const h = await deps.store.create<Household>('households', newHousehold(deps, g, input, { id: householdId(`${groupId}|${key}|${now}|${randomInt(1e9)}`), by: caller.openid }));
  return viewHousehold(h, true, now);
}

/** Reads a household with its group, for a caller who may see them. */
async function loadHousehold(deps: Deps, caller: Caller, id: string): Promise<{ h: Household; g: VisitGroup }> {
  const h = await deps.store.get<Household>('households', id);
  const g = h && (await deps.store.get<VisitGroup>('visitGroups', h.groupId));
  if (!h || !g || !may(caller, 'read', g)) throw notFound('该住户');
  return { h, g };
}

/** 修改住户: any field, or move it to another group of the township. */
export async function updateHousehold(deps: Deps, caller: Caller, cmd: Partial<HouseholdInput> & { id: string; groupId?: string }) {
  const { h, g } = await loadHousehold(deps, caller, cmd.id);
  if (!may(caller, 'manage', g)) throw forbidden(REFUSALS.manage);
  const target = cmd.groupId && cmd.groupId !== g._id ? await deps.store.get<VisitGroup>('visitGroups', cmd.groupId) : g;
  if (!target || target.townshipId !== g.townshipId) throw validationError('只能移到本乡镇（街道）的代表组');
  const fields = { village: cmd.village ?? h.village, team: cmd.team !== undefined ? cmd.team || null : h.team, doorNo: cmd.doorNo ?? h.doorNo };
  const key = addrKeyOf(fields);
  const [same] = await Promise.all([key === h.addrKey ? Promise.resolve([]) : householdsAt(deps, g.townshipId, [key]), checkText(deps, caller, texts(cmd))]);
  if (same.some((x) => x._id !== h._id)) throw conflict(`${addressOf(fields)} 已在本乡镇（街道）的住户名册中`);
  const repId = cmd.repId !== undefined ? cmd.repId || null : target._id === h.groupId ? h.repId : null;
  const rep = repId ? target.members.find((m) => m.representativeId === repId) : undefined;
  if (repId && !rep) throw validationError('联系代表须是本代表组的组员');
  const categories = cmd.categories ? [...new Set(cmd.categories)] : h.categories;
  const { _id, _v, ...rest } = h;
  const next: Omit<Household, '_v'> = {
    ...rest,
    _id,
    ...fields,
    groupId: target._id,
    head: cmd.head ?? h.head,
    phone: cmd.phone !== undefined ? cmd.phone || null : h.phone,
    categories,
    must: categories.length,
    repId: rep?.representativeId ?? null,
    repName: rep?.name ?? null,
    note: cmd.note !== undefined ? cmd.note || null : h.note,
    addrKey: key,
    sortKey: sortKeyOf(fields),
    updatedAt: deps.clock.now(),
  };
  next.nextRemindAt = nextHouseholdRemindAt(next, deps.clock.now(), deps.config);
  try {
    return viewHousehold(await deps.store.update<Household>('households', _id, _v, next), true, deps.clock.now());
  } catch (e) {
    if (e instanceof VersionConflict) throw conflict('该住户刚被他人修改，请刷新后重试');
    throw e;
  }
}

/** 移出名册: the household leaves the register (moved away); visits keep what they recorded. */
export async function removeHousehold(deps: Deps, caller: Caller, id: string) {
  const { h, g } = await loadHousehold(deps, caller, id);
  if (!may(caller, 'manage', g)) throw forbidden(REFUSALS.manage);
  await deps.store.remove('households', h._id);
  return { id: h._id, removed: true };
}

export interface HouseholdQuery {
  groupId: string;
  /** Only must-visit households (any of the five categories). */
  must?: boolean;
  /** Only those not visited this (Shanghai) year. */
  unvisited?: boolean;
  category?: MustVisit;
  page: number;
  pageSize: number;
}

/** A group's households in the register's order (village, team, door), with the filters of the 走访 page. */
export async function listHouseholds(deps: Deps, caller: Caller, q: HouseholdQuery): Promise<Page<ReturnType<typeof viewHousehold>>> {
  const now = deps.clock.now();
  const where: Filter = { groupId: q.groupId };
  if (q.must) where.must = { gt: 0 };
  if (q.unvisited) where.lastVisitYear = { lt: shanghaiYear(now) };
  if (q.category) where.categories = { has: q.category };
  // The group and the page in one round: nothing is answered before the group says the caller may see it.
  const [g, rows, total] = await Promise.all([
    deps.store.get<VisitGroup>('visitGroups', q.groupId),
    deps.store.find<Household>('households', { where, orderBy: [['sortKey', 'asc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('households', where),
  ]);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  const full = may(caller, 'seePhones', g);
  return { items: rows.map((h) => viewHousehold(h, full, now)), total, page: q.page, pageSize: q.pageSize };
}

/** One household with its last visits. */
export async function getHousehold(deps: Deps, caller: Caller, id: string) {
  const [{ h, g }, visits] = await Promise.all([
    loadHousehold(deps, caller, id),
    deps.store.find<Visit>('visits', { where: { householdIds: { has: id } }, orderBy: [['date', 'desc']], limit: 10 }),
  ]);
  return { ...viewHousehold(h, may(caller, 'seePhones', g), deps.clock.now()), visits: visits.map(viewVisit) };
}


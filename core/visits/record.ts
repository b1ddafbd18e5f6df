/**
 * 走访记录: a member of a group records a visit on the phone — date, households (from the
 * register or new ones), who else came, mode, what was learned, photos, and the issues raised,
 * each solved on the spot (what was done) or registered as an item of the register with
 * channel `visit`, accepted by and owned by the visiting representative (首问负责).
 *
 * Sent again after a lost answer (the same `requestId`), it is the same visit: the items'
 * ids, the new households' and the issues' are derived from the request, and the visit
 * itself is written last, so a request cut off half-way is completed by its retry and
 * nothing is stored twice. The visit carries its `visit` points as effects written with it
 * (core/matters/effects.ts): a crash before they are granted leaves them for the retry or the
 * timer, once per key.
 */
import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { PointsEffect } from '../matters/effects';
import { requestDocId } from '../matters/numbering';
import { settle } from '../matters/runner';
import { DuplicateId, VersionConflict, type Filter } from '../ports/store';
import type { Category } from '../register/item';
import { itemIdFor } from '../register/numbering';
import type { Page } from '../register/usecases';
import { checkText, registerItem } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { shanghaiDate, startOfShanghaiDay } from '../time';
import { householdId, householdsAt, newHousehold, type HouseholdInput } from './households';
import { REFUSALS, may } from './permissions';
import { nextHouseholdRemindAt } from './reminders';
import type { Household, IssueOutcome, Visit, VisitGroup, VisitIssue, VisitIssueLine, VisitMode } from './types';
import { addrKeyOf, addressOf, dayText, viewVisit } from './view';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Households in one visit record (a 座谈 may gather several). */
export const MAX_VISIT_HOUSEHOLDS = 20;

export interface IssueInput {
  text: string;
  category: Category;
  outcome: IssueOutcome;
  /** What was done on the spot (required when solved). */
  action?: string;
  /** Which of the visit's households raised it (when there are several). */
  householdId?: string;
}

export interface RecordVisitCommand {
  requestId: string;
  groupId: string;
  date: string;
  mode: VisitMode;
  householdIds?: string[];
  newHouseholds?: Array<Omit<HouseholdInput, 'repId'>>;
  withRepIds?: string[];
  others?: string;
  learned: string;
  photos?: string[];
  issues?: IssueInput[];
}

/** The visit's id: the same request of the same user is the same visit. */
export const visitIdFor = (openid: string, requestId: string) => requestDocId('vs', openid, requestId);

/** The household after a visit at `at`: last visit, the years visited, the next reminder. */
function visited(deps: Deps, h: Household, at: number, year: number): Omit<Household, '_v'> {
  const { _v, ...rest } = h;
  const next = {
    ...rest,
    lastVisitAt: Math.max(h.lastVisitAt ?? 0, at),
    lastVisitYear: Math.max(h.lastVisitYear, year),
    visitYears: [...new Set([...h.visitYears, year])].sort(),
    updatedAt: deps.clock.now(),
  };
  return { ...next, nextRemindAt: nextHouseholdRemindAt(next, deps.clock.now(), deps.config) };
}

/** Marks a household visited, reading it again if someone changed it meanwhile. */
async function markVisited(deps: Deps, h: Household, at: number, year: number): Promise<void> {
  let current: Household | null = h;
  await retryOnConflict(async () => {
    if (!current) return;
    try {
      await deps.store.update<Household>('households', current._id, current._v, visited(deps, current, at, year));
    } catch (e) {
      if (e instanceof VersionConflict) current = await deps.store.get<Household>('households', h._id);
      throw e;
    }
  }, 5);
}

const createOnce = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (e) {
    if (!(e instanceof DuplicateId)) throw e; // written by an earlier attempt of the same request
  }
};

/** 登记走访. */
export async function recordVisit(deps: Deps, caller: Caller, cmd: RecordVisitCommand) {
  const id = visitIdFor(caller.openid, cmd.requestId);
  const existingIds = [...new Set(cmd.householdIds ?? [])];
  const fresh = cmd.newHouseholds ?? [];
  const [retried, g, chosen] = await Promise.all([
    deps.store.get<Visit>('visits', id),
    deps.store.get<VisitGroup>('visitGroups', cmd.groupId),
    existingIds.length ? deps.store.find<Household>('households', { where: { _id: { in: existingIds } }, limit: existingIds.length }) : Promise.resolve([]),
  ]);
  // A retry of a visit whose points were cut off carries them out now (the timer would too).
  if (retried) return viewVisit(await settle(deps, 'visits', retried));
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  if (!may(caller, 'record', g) || !caller.representativeId) throw forbidden(REFUSALS.record);

  const now = deps.clock.now();
  const today = shanghaiDate(now);
  if (cmd.date > today) throw validationError('走访日期不能晚于今天');
  if (startOfShanghaiDay(cmd.date) < now - 366 * DAY) throw validationError('只能登记一年内的走访');
  if (existingIds.length + fresh.length === 0) throw validationError('请选择或新增至少一户走访对象');
  if (existingIds.length + fresh.length > MAX_VISIT_HOUSEHOLDS) throw validationError(`一次走访最多登记 ${MAX_VISIT_HOUSEHOLDS} 户`);
  if (chosen.length !== existingIds.length || chosen.some((h) => h.groupId !== g._id)) throw validationError('所选住户不属于本代表组');
  const withIds = [...new Set(cmd.withRepIds ?? [])].filter((x) => x !== caller.representativeId);
  const withMembers = withIds.map((x) => g.members.find((m) => m.representativeId === x));
  if (withMembers.some((m) => !m)) throw validationError('同行代表须是本代表组的组员');
  const issues = cmd.issues ?? [];
  const all = existingIds.length + fresh.length;
  for (const issue of issues) {
    if (issue.outcome === 'solved' && !issue.action) throw validationError('当场解决的问题请填写处理情况');
    if (issue.householdId && !existingIds.includes(issue.householdId)) throw validationError('问题所属住户须是本次走访的住户');
  }
  const freshKeys = fresh.map((h) => addrKeyOf({ village: h.village, team: h.team ?? null, doorNo: h.doorNo }));
  if (new Set(freshKeys).size !== freshKeys.length) throw validationError('新增住户中有重复的地址');

  const registers = issues.some((i) => i.outcome === 'registered');
  const [studio, same] = await Promise.all([
    registers ? deps.store.get<Studio>('studios', g.studioId) : Promise.resolve(null),
    householdsAt(deps, g.townshipId, freshKeys),
    checkText(deps, caller, [cmd.learned, cmd.others ?? '', ...issues.flatMap((i) => [i.text, i.action ?? '']), ...fresh.flatMap((h) => [h.village, h.team ?? '', h.doorNo, h.head])]),
  ]);
  // A household this very request added on an earlier, cut-off attempt is not someone else's.
  const freshIds = fresh.map((_, i) => householdId(`${id}|new|${i}`));
  const taken = same.filter((h) => !freshIds.includes(h._id));
  if (taken.length) throw validationError(`${addressOf(taken[0])} 已在住户名册中，请从名册中选择`);
  if (registers && !studio) throw notFound('该代表组所属的工作室');

  const year = Number(cmd.date.slice(0, 4));
  const at = cmd.date === today ? now : startOfShanghaiDay(cmd.date) + 12 * HOUR;
  const added = fresh.map((h, i) => newHousehold(deps, g, h, { id: freshIds[i], by: caller.openid }));
  const households = [...chosen, ...added.map((h) => ({ ...h, _v: 0 }) as Household)];
  // One household: every issue is its. Several: the one named, or none.
  const ownerOf = (issue: IssueInput) => households.find((h) => h._id === (issue.householdId ?? (all === 1 ? households[0]._id : '')));

  // Items one at a time: each takes the register's next number in its own transaction.
  const lines: VisitIssueLine[] = [];
  for (const [i, issue] of issues.entries()) {
    const h = ownerOf(issue);
    let item: { _id: string; no: string } | null = null;
    if (issue.outcome === 'registered') {
      const r = await registerItem(deps, caller, {
        id: itemIdFor(caller.openid, `${cmd.requestId}-issue-${i}`),
        requestId: `${cmd.requestId}-issue-${i}`,
        // The resident met on the visit has no WeChat identity here (as a walk-in at a reception).
        submitterOpenid: `walkin:visit:${id}`,
        channel: 'visit',
        studio: studio as Studio,
        category: issue.category,
        content: issue.text,
        contactName: h?.head ?? null,
        contactPhone: h?.phone ?? null,
        anonymous: false,
        receptionId: null,
        bookingId: null,
        note: `组团联系走访：${g.name}，${dayText(cmd.date)}${h ? `，${addressOf(h)}` : ''}`,
        acceptedBy: { representativeId: caller.representativeId, name: caller.name },
      });
      item = r.item;
    }
    lines.push({
      id: `${id}-${i}`,
      text: issue.text,
      category: issue.category,
      outcome: issue.outcome,
      action: issue.outcome === 'solved' ? (issue.action ?? null) : null,
      itemId: item?._id ?? null,
      itemNo: item?.no ?? null,
      householdId: h?._id ?? null,
    });
  }

  const base = { groupId: g._id, townshipId: g.townshipId, year, date: cmd.date, byRepId: caller.representativeId, byName: caller.name, createdAt: now };
  await Promise.all([
    ...added.map((h) => createOnce(deps.store.create<Household>('households', { ...visited(deps, { ...h, _v: 0 } as Household, at, year), _id: h._id }))),
    ...chosen.map((h) => markVisited(deps, h, at, year)),
    ...lines.map(({ id: issueId, ...line }) =>
      createOnce(deps.store.create<VisitIssue>('visitIssues', { _id: issueId, ...line, ...base, visitId: id, escalated: 0, caseId: null })),
    ),
  ]);

  const visit: Omit<Visit, '_v'> = {
    _id: id,
    requestId: cmd.requestId,
    groupId: g._id,
    groupName: g.name,
    townshipId: g.townshipId,
    studioId: g.studioId,
    date: cmd.date,
    year,
    month: cmd.date.slice(0, 7),
    byRepId: caller.representativeId,
    byName: caller.name,
    byOpenid: caller.openid,
    withRepIds: withIds,
    withNames: withMembers.map((m) => m?.name ?? ''),
    others: cmd.others ?? null,
    mode: cmd.mode,
    householdIds: households.map((h) => h._id),
    households: households.map((h) => ({ id: h._id, label: addressOf(h), head: h.head, categories: h.categories })),
    learned: cmd.learned,
    photos: cmd.photos ?? [],
    issues: lines,
    createdAt: now,
  };
  const effects = visitPoints(visit, at);
  let stored: Visit;
  try {
    stored = await deps.store.create<Visit>('visits', { ...visit, effects, effectsDueAt: effects.length ? now : null });
  } catch (e) {
    if (!(e instanceof DuplicateId)) throw e;
    // The same request, sent twice at once: the other one stored it.
    return viewVisit((await deps.store.get<Visit>('visits', id)) as Visit);
  }
  return viewVisit(await settle(deps, 'visits', stored));
}

/**
 * 组团联系走访 earns each representative on the record — who recorded it and the members who came
 * along — the `visit` points, once per visit (the key is the visit's, whose id is the request's),
 * on the visit's day.
 */
export function visitPoints(v: Pick<Visit, '_id' | 'date' | 'byRepId' | 'withRepIds' | 'groupName'>, at: number): PointsEffect[] {
  return [...new Set([v.byRepId, ...v.withRepIds])].map((rep) => ({
    type: 'points',
    key: `visit:${v._id}:points:${rep}`,
    rep,
    code: 'visit',
    src: { kind: 'visit', id: v._id, ref: v.date },
    note: `组团走访 ${v.date} ${v.groupName}`,
    at,
  }));
}

/** Reads a visit the caller may see (its group's members, the township's liaison, administrators). */
export async function getVisit(deps: Deps, caller: Caller, id: string) {
  const v = await deps.store.get<Visit>('visits', id);
  const g = v && (await deps.store.get<VisitGroup>('visitGroups', v.groupId));
  if (!v || !g || !may(caller, 'read', g)) throw notFound('该走访记录');
  return viewVisit(v);
}

export interface VisitQuery {
  groupId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/**
 * Visits, newest first: a group's (for those who may see it), or without a group a
 * representative's own, a liaison's studios', every one for an administrator.
 */
export async function listVisits(deps: Deps, caller: Caller, q: VisitQuery): Promise<Page<ReturnType<typeof viewVisit>>> {
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);
  if (q.from && q.to && q.from > q.to) throw validationError('开始日期不能晚于结束日期');
  const where: Filter = q.groupId
    ? { groupId: q.groupId }
    : caller.role === 'admin'
      ? {}
      : caller.role === 'liaison'
        ? { studioId: { in: caller.studioIds } }
        : { byRepId: caller.representativeId ?? '-' };
  if (q.from || q.to) where.date = { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) };
  const [g, rows, total] = await Promise.all([
    q.groupId ? deps.store.get<VisitGroup>('visitGroups', q.groupId) : Promise.resolve(null),
    deps.store.find<Visit>('visits', { where, orderBy: [['date', 'desc'], ['createdAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('visits', where),
  ]);
  if (q.groupId && (!g || !may(caller, 'read', g))) throw notFound('该代表组');
  return { items: rows.map(viewVisit), total, page: q.page, pageSize: q.pageSize };
}

/** The issues a group's visits raised, newest first; `open`: not sent to 民情会诊 yet (what the leader picks from). */
export async function listIssues(deps: Deps, caller: Caller, q: { groupId: string; open?: boolean }) {
  const where: Filter = { groupId: q.groupId, ...(q.open ? { escalated: 0 } : {}) };
  const [g, rows] = await Promise.all([
    deps.store.get<VisitGroup>('visitGroups', q.groupId),
    deps.store.find<VisitIssue>('visitIssues', { where, orderBy: [['createdAt', 'desc']], limit: 200 }),
  ]);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  return {
    items: rows.map((i) => ({
      id: i._id,
      visitId: i.visitId,
      date: i.date,
      text: i.text,
      category: i.category,
      outcome: i.outcome,
      action: i.action,
      itemId: i.itemId,
      itemNo: i.itemNo,
      byName: i.byName,
      escalated: i.escalated === 1,
      caseId: i.caseId,
    })),
    total: rows.length,
  };
}

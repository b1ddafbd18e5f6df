/**
 * Points (量化积分): the year's rules, manual entries proposed by a liaison with evidence and
 * decided by an administrator, and the totals per representative and per studio, each opening
 * its entries.
 */
import type { Deps } from '../deps';
import type { Representative, Studio } from '../directory/types';
import { forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { requestDocId } from '../matters/numbering';
import type { Filter } from '../ports/store';
import { checkText } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { shanghaiDate, shanghaiYear, startOfShanghaiDay } from '../time';
import { scopeFor } from '../dashboard/scope';
import { addToTotal, allowance, baseOf, saveTotal } from './ledger';
import { REFUSALS, may } from './permissions';
import { DEFAULT_RULES, mergeRules, rulesDocId, rulesFor, type PointRule, type RulesDoc } from './rules';
import { totalId, type EntryStatus, type PointEntry, type PointTotal } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** An entry as the pages show it. */
export function viewEntry(e: PointEntry) {
  return {
    id: e._id,
    date: e.date,
    representativeId: e.repId,
    representativeName: e.repName,
    studioId: e.studioId,
    code: e.code,
    label: e.label,
    points: e.points,
    asked: e.asked,
    capped: e.capped,
    status: e.status,
    note: e.note,
    source: e.src,
    evidence: e.evidence,
    proposedName: e.proposedName,
    decidedAt: e.decidedAt,
    rejectReason: e.rejectReason,
  };
}
export type EntryView = ReturnType<typeof viewEntry>;

/** 积分规则: the year's table (the defaults where the county saved nothing), with where the numbers come from. */
export async function getRules(deps: Deps, caller: Caller, year: number) {
  if (!may(caller, 'rules', null)) throw forbidden(REFUSALS.rules);
  const saved = await deps.store.get<RulesDoc>('pointRules', rulesDocId(year));
  return {
    year,
    rules: mergeRules(saved),
    saved: saved !== null,
    updatedAt: saved?.updatedAt ?? null,
    source: '来源只规定“量化积分考核”，未给出分值：以上分值和年度上限为本系统的默认值，由县委组织部每年确定。',
  };
}

/**
 * 修改积分规则: an administrator sets a year's points, caps and which rules count. Entries
 * already written keep their points; the new table applies to what is earned from now on.
 */
export async function saveRules(deps: Deps, caller: Caller, year: number, rules: Array<{ code: string; points: number; cap: number | null; enabled: boolean }>) {
  if (!may(caller, 'saveRules', null)) throw forbidden(REFUSALS.saveRules);
  const known = new Set(DEFAULT_RULES.map((r) => r.code));
  const unknown = rules.find((r) => !known.has(r.code));
  if (unknown) throw validationError(`没有编码为 ${unknown.code} 的积分规则`);
  if (new Set(rules.map((r) => r.code)).size !== rules.length) throw validationError('同一规则不能出现两次');
  const bad = rules.find((r) => r.cap !== null && r.cap < r.points);
  if (bad) throw validationError(`规则 ${bad.code} 的年度上限不能小于每次分值`);
  const now = deps.clock.now();
  const id = rulesDocId(year);
  await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const saved = await tx.get<RulesDoc>('pointRules', id);
      const previous = new Map((saved?.rules ?? []).map((r) => [r.code, r]));
      for (const r of rules) previous.set(r.code, { code: r.code, points: r.points, cap: r.cap, enabled: r.enabled });
      const doc = { _id: id, year, rules: [...previous.values()], updatedAt: now, updatedBy: caller.openid };
      if (saved) await tx.update<RulesDoc>('pointRules', id, saved._v, doc);
      else await tx.create<RulesDoc>('pointRules', doc);
    }),
  );
  return getRules(deps, caller, year);
}

export interface ProposeCommand {
  requestId: string;
  representativeId: string;
  code: string;
  points: number;
  date: string;
  note: string;
  evidence: string;
  photos?: string[];
}

/**
 * 申报积分: a liaison proposes points for one of the studio's representatives, for a duty no
 * recorded event covers, with evidence (佐证材料). It counts nothing until an administrator
 * approves it. A retry with the same requestId answers the same entry.
 */
export async function proposeEntry(deps: Deps, caller: Caller, cmd: ProposeCommand) {
  const year = Number(cmd.date.slice(0, 4));
  const [rep, rules, studios] = await Promise.all([
    deps.store.get<Representative>('representatives', cmd.representativeId),
    rulesFor(deps, year),
    deps.store.find<Studio>('studios', { limit: 1000 }),
  ]);
  if (!rep) throw validationError('所选的党代表不存在');
  if (!may(caller, 'propose', { studioId: rep.studioId })) throw forbidden(REFUSALS.propose);
  const now = deps.clock.now();
  if (startOfShanghaiDay(cmd.date) > now) throw validationError('履职日期不能晚于今天');
  if (now - startOfShanghaiDay(cmd.date) > 366 * DAY) throw validationError('只能申报一年以内的履职');
  const rule = rules.find((r) => r.code === cmd.code);
  if (!rule || !rule.manual) throw validationError('该积分规则不能手工申报');
  if (!rule.enabled) throw invalidState(`“${rule.label}”在 ${year} 年不计积分`);
  if (cmd.points > rule.points) throw validationError(`“${rule.label}”每项最多 ${rule.points} 分`);
  await checkText(deps, caller, [cmd.note, cmd.evidence]);
  const id = requestDocId('pm', caller.openid, cmd.requestId);
  const studio = studios.find((x) => x._id === rep.studioId);
  const entry: Omit<PointEntry, '_v'> = {
    _id: id,
    year,
    date: cmd.date,
    at: startOfShanghaiDay(cmd.date),
    repId: rep._id,
    repName: rep.name,
    studioId: rep.studioId,
    townshipId: studio?.townshipId ?? '',
    code: rule.code,
    label: rule.label,
    points: 0,
    asked: cmd.points,
    capped: false,
    status: 'pending',
    src: { kind: 'manual', id, ref: cmd.date },
    note: cmd.note,
    evidence: { text: cmd.evidence, photos: cmd.photos ?? [] },
    proposedBy: caller.openid,
    proposedName: caller.name,
    decidedBy: null,
    decidedAt: null,
    rejectReason: null,
    createdAt: now,
  };
  // The total counts the entry (with 0 points) at once, so a representative's entries add up.
  const saved = await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const [existing, total] = await Promise.all([tx.get<PointEntry>('points', id), tx.get<PointTotal>('pointTotals', totalId(year, rep._id))]);
      if (existing) return existing;
      const [created] = await Promise.all([tx.create<PointEntry>('points', entry), saveTotal(tx, total, addToTotal(total, baseOf(year, rep, entry.townshipId), rule.code, 0, now))]);
      return created;
    }),
  );
  return viewEntry(saved);
}

/**
 * 审核: an administrator approves a pending manual entry — it counts, within the rule's yearly
 * cap, checked against the representative's total in the same transaction — or refuses it
 * with a reason.
 */
export async function decideEntry(deps: Deps, caller: Caller, id: string, approve: boolean, reason?: string) {
  if (!may(caller, 'decide', null)) throw forbidden(REFUSALS.decide);
  if (!approve && !reason) throw validationError('不通过时请填写理由');
  if (reason) await checkText(deps, caller, [reason]);
  const first = await deps.store.get<PointEntry>('points', id);
  if (!first) throw notFound('该积分申报');
  const rule = (await rulesFor(deps, first.year)).find((r) => r.code === first.code);
  const now = deps.clock.now();
  const saved = await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const [entry, total] = await Promise.all([tx.get<PointEntry>('points', id), tx.get<PointTotal>('pointTotals', totalId(first.year, first.repId))]);
      if (!entry) throw notFound('该积分申报');
      if (entry.status !== 'pending') throw invalidState(entry.status === 'granted' ? '该申报已审核通过' : '该申报已审核不通过');
      const points = approve ? allowance(rule ?? { cap: null }, total?.byCode[entry.code] ?? 0, entry.asked) : 0;
      const { _v, ...rest } = entry;
      const next = tx.update<PointEntry>('points', id, _v, {
        ...rest,
        status: approve ? 'granted' : 'rejected',
        points,
        capped: approve && points < entry.asked,
        decidedBy: caller.openid,
        decidedAt: now,
        rejectReason: approve ? null : (reason ?? null),
      });
      if (points > 0 && total) {
        const { _v: tv, ...t } = total;
        await Promise.all([next, tx.update<PointTotal>('pointTotals', total._id, tv, { ...t, total: t.total + points, byCode: { ...t.byCode, [entry.code]: (t.byCode[entry.code] ?? 0) + points }, updatedAt: now })]);
      }
      return next;
    }),
  );
  return viewEntry(saved);
}

export interface LedgerQuery {
  year: number;
  representativeId?: string;
  studioId?: string;
  status?: EntryStatus;
  code?: string;
  page: number;
  pageSize: number;
}

/**
 * 积分明细: entries of a representative or a studio for a year, newest first — what every total
 * adds up from. Without either, an administrator's entries of the year (e.g. `status: pending`,
 * the manual entries to decide).
 */
export async function listLedger(deps: Deps, caller: Caller, q: LedgerQuery) {
  const where: Filter = { year: q.year };
  // A representative's entries are read with the representative (one round); the answer waits for the permission.
  let rep: Promise<Representative | null> = Promise.resolve(null);
  if (q.representativeId) {
    rep = deps.store.get<Representative>('representatives', q.representativeId);
    where.repId = q.representativeId;
  } else if (q.studioId) {
    if (!may(caller, 'studio', { studioId: q.studioId })) throw forbidden(REFUSALS.studio);
    where.studioId = q.studioId;
  } else if (caller.role === 'liaison' && q.status === 'pending') {
    where.studioId = { in: caller.studioIds };
  } else if (caller.role !== 'admin') {
    throw forbidden(REFUSALS.decide);
  }
  if (q.status) where.status = q.status;
  if (q.code) where.code = q.code;
  const [who, rows, total] = await Promise.all([
    rep,
    deps.store.find<PointEntry>('points', { where, orderBy: [['at', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('points', where),
  ]);
  if (q.representativeId) {
    if (!who) throw notFound('该党代表');
    if (!may(caller, 'representative', { repId: who._id, studioId: who.studioId })) throw forbidden(REFUSALS.representative);
  }
  return { items: rows.map(viewEntry), total, page: q.page, pageSize: q.pageSize };
}

/** A representative's total of the year by rule, from the kept total. */
function repLine(rep: Pick<Representative, '_id' | 'name' | 'unit'>, total: PointTotal | undefined, rules: PointRule[]) {
  return {
    representativeId: rep._id,
    name: rep.name,
    unit: rep.unit,
    total: total?.total ?? 0,
    entries: total?.entries ?? 0,
    byRule: rules.filter((r) => (total?.byCode[r.code] ?? 0) > 0).map((r) => ({ code: r.code, label: r.label, points: total?.byCode[r.code] ?? 0, cap: r.cap })),
  };
}

/** 我的积分: the caller's own total of the year, by rule, with the cap of each. */
export async function myPoints(deps: Deps, caller: Caller, year: number) {
  if (!caller.representativeId) throw forbidden('只有党代表有履职积分');
  const [rep, total, rules] = await Promise.all([
    deps.store.get<Representative>('representatives', caller.representativeId),
    deps.store.get<PointTotal>('pointTotals', totalId(year, caller.representativeId)),
    rulesFor(deps, year),
  ]);
  if (!rep) throw notFound('该党代表');
  return { year, ...repLine(rep, total ?? undefined, rules), rules: rules.filter((r) => r.enabled).map((r) => ({ code: r.code, label: r.label, points: r.points, cap: r.cap, earned: total?.byCode[r.code] ?? 0 })) };
}

/**
 * 工作室积分: a studio's representatives with their totals of the year (each opens its entries,
 * `ledger` with `representativeId`), and the studio's total and per-representative average.
 */
export async function studioPoints(deps: Deps, caller: Caller, studioId: string, year: number) {
  if (!may(caller, 'studio', { studioId })) throw forbidden(REFUSALS.studio);
  const [studio, reps, totals, rules] = await Promise.all([
    deps.store.get<Studio>('studios', studioId),
    deps.store.find<Representative>('representatives', { where: { studioId }, orderBy: [['name', 'asc']], limit: 500 }),
    deps.store.find<PointTotal>('pointTotals', { where: { year, studioId }, limit: 1000 }),
    rulesFor(deps, year),
  ]);
  if (!studio) throw notFound('该工作室');
  const byRep = new Map(totals.map((t) => [t.repId, t]));
  const lines = reps.map((r) => repLine(r, byRep.get(r._id), rules)).sort((a, b) => b.total - a.total);
  const sum = lines.reduce((a, l) => a + l.total, 0);
  return {
    year,
    studioId,
    studioName: studio.name,
    total: sum,
    representatives: lines.length,
    average: lines.length ? Math.round((sum / lines.length) * 10) / 10 : 0,
    formula: '工作室积分 = 本室党代表积分之和；人均积分 = 工作室积分 ÷ 党代表人数',
    lines,
  };
}

/** A studio's points of a year: its total, representatives and per-representative average. */
export interface StudioSum {
  studioId: string;
  total: number;
  representatives: number;
  average: number;
}

/** The kept totals of a year summed per studio, with each studio's representatives counted: one round of two reads. */
export async function readPointSums(deps: Deps, year: number): Promise<(studioId: string) => StudioSum> {
  const [totals, repCounts] = await Promise.all([
    deps.store.find<PointTotal>('pointTotals', { where: { year }, limit: 1000 }),
    deps.store.countBy('representatives', ['studioId']),
  ]);
  const reps = new Map(repCounts.map((g) => [String(g.key.studioId), g.count]));
  const sums = new Map<string, number>();
  for (const t of totals) sums.set(t.studioId, (sums.get(t.studioId) ?? 0) + t.total);
  return (studioId) => {
    const total = sums.get(studioId) ?? 0;
    const n = reps.get(studioId) ?? 0;
    return { studioId, total, representatives: n, average: n ? Math.round((total / n) * 10) / 10 : 0 };
  };
}

/** 各工作室积分: every studio of the caller's scope with its total and average, highest first. */
export async function pointsOverview(deps: Deps, caller: Caller, q: { year: number; townshipId?: string }) {
  if (!may(caller, 'overview', null)) throw forbidden(REFUSALS.overview);
  const [scope, sumOf] = await Promise.all([scopeFor(deps, caller, q), readPointSums(deps, q.year)]);
  return {
    year: q.year,
    scope: { level: scope.level, townshipId: scope.townshipId, name: scope.name },
    studios: scope.studios.map((s) => ({ ...sumOf(s._id), studioName: s.name })).sort((a, b) => b.average - a.average),
    formula: '工作室积分 = 本室党代表积分之和；人均积分 = 工作室积分 ÷ 党代表人数',
  };
}

export const currentYear = (deps: Deps) => shanghaiYear(deps.clock.now());
export const today = (deps: Deps) => shanghaiDate(deps.clock.now());

/**
 * Duty rotation (驻点轮值): generate a month's roster fairly, read it, mark unavailable dates,
 * see who is on duty today, publish a shift as an open day (开放日) like a reception.
 */
import type { Deps } from '../deps';
import type { Representative, Studio } from '../directory/types';
import { conflict, forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { publishReception, scheduleReception, earliestStartDate } from '../receptions/usecases';
import { retryOnConflict } from '../shared/retry';
import { dayjs, shanghai, shanghaiDate, ZONE } from '../time';
import { shareShifts } from './fair';
import { shiftLabel, shiftRemindAt, SWAP_STATUS_LABELS, swapLifecycle } from './kind';
import { REFUSALS, may, swapRelationsOf } from './permissions';
import { HALF_LABELS, HALF_TIMES, HALVES, shiftId, unavailabilityId, type Half, type Shift, type Swap, type Unavailability } from './types';

/** The instant a shift starts or ends (Shanghai local time). */
const at = (date: string, time: string) => dayjs.tz(`${date} ${time}`, ZONE).valueOf();

/** The dates of a month (`YYYY-MM`). */
export function datesOf(month: string): string[] {
  const first = dayjs(`${month}-01`);
  return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
const weekday = (date: string) => ((dayjs(date).day() + 6) % 7) + 1;

export function viewShift(s: Shift) {
  return {
    id: s._id,
    date: s.date,
    half: s.half,
    halfLabel: HALF_LABELS[s.half],
    label: shiftLabel(s),
    startAt: s.startAt,
    endAt: s.endAt,
    representatives: s.reps,
    openDay: s.openDay,
  };
}

export function viewSwap(w: Swap, caller: Caller) {
  return {
    id: w._id,
    shiftId: w.shiftId,
    shiftLabel: w.shiftLabel,
    from: { id: w.fromRep, name: w.fromName },
    to: { id: w.toRep, name: w.toName },
    toShiftId: w.toShiftId,
    toShiftLabel: w.toShiftLabel,
    reason: w.reason,
    status: w.status,
    statusLabel: SWAP_STATUS_LABELS[w.status],
    decideReason: w.decideReason,
    createdAt: w.createdAt,
    actions: swapLifecycle.allowedActions({ status: w.status }, swapRelationsOf(caller, w)),
  };
}

async function loadStudio(deps: Deps, id: string): Promise<Studio> {
  const s = await deps.store.get<Studio>('studios', id);
  if (!s) throw notFound('该工作室');
  return s;
}

/** The month must be this one or a later one, at most a year ahead. */
function checkMonth(deps: Deps, month: string) {
  const now = shanghai(deps.clock.now());
  if (month < now.format('YYYY-MM')) throw validationError('只能为本月或以后的月份排班');
  if (month > now.add(12, 'month').format('YYYY-MM')) throw validationError('最多提前一年排班');
}

export interface GenerateCommand {
  studioId: string;
  month: string;
  /** ISO weekdays with shifts (1 Monday … 7 Sunday). */
  weekdays: number[];
  halves: Half[];
  perShift?: number;
  /** Dates without shifts (holidays). */
  skipDates?: string[];
  /** Replace the month's future shifts that are not open days. */
  replace?: boolean;
}

/**
 * 生成排班: shifts for the chosen weekdays and halves of the month, from tomorrow on, each
 * with `perShift` representatives (2 unless told, `ROSTER_PER_SHIFT`), shared so that every
 * representative's count is within one of every other's, never on a date they marked
 * unavailable (core/roster/fair.ts). A month that has future shifts already answers CONFLICT
 * unless `replace`; open days and past shifts are kept.
 */
export async function generateRoster(deps: Deps, caller: Caller, cmd: GenerateCommand) {
  if (!may(caller, 'manage', { studioId: cmd.studioId })) throw forbidden(REFUSALS.manage);
  checkMonth(deps, cmd.month);
  const perShift = cmd.perShift ?? deps.config.roster.perShift;
  const [studio, reps, absences, existing] = await Promise.all([
    loadStudio(deps, cmd.studioId),
    deps.store.find<Representative>('representatives', { where: { studioId: cmd.studioId }, orderBy: [['name', 'asc']], limit: 500 }),
    deps.store.find<Unavailability>('unavailability', { where: { studioId: cmd.studioId, month: cmd.month }, limit: 1000 }),
    deps.store.find<Shift>('shifts', { where: { studioId: cmd.studioId, month: cmd.month }, limit: 200 }),
  ]);
  if (reps.length < perShift) throw invalidState(`本工作室只有 ${reps.length} 位党代表，不足每班 ${perShift} 人`);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const future = existing.filter((s) => s.date > today);
  const kept = future.filter((s) => s.openDay !== null);
  const replaced = future.filter((s) => s.openDay === null);
  if (replaced.length && !cmd.replace) throw conflict(`${cmd.month} 已有 ${future.length} 个值班安排；如需重新生成请选择“覆盖”`);

  const skip = new Set(cmd.skipDates ?? []);
  const taken = new Set([...existing.filter((s) => s.date <= today), ...kept].map((s) => s._id));
  const slots = datesOf(cmd.month)
    .filter((d) => d > today && cmd.weekdays.includes(weekday(d)) && !skip.has(d))
    .flatMap((date) => HALVES.filter((h) => cmd.halves.includes(h)).map((half) => ({ date, half })))
    .filter((s) => !taken.has(shiftId(studio._id, s.date, s.half)));
  if (slots.length === 0) throw validationError('该月没有可排班的日期（只排明天以后，且按所选的星期和时段）');
  const off = new Map(absences.map((a) => [a.repId, new Set(a.dates)]));
  const order = reps.map((r) => r._id);
  const result = shareShifts({
    reps: order,
    perShift,
    shifts: slots.map((s) => ({ available: order.filter((r) => !off.get(r)?.has(s.date)) })),
  });

  const byId = new Map(reps.map((r) => [r._id, r]));
  await Promise.all(replaced.map((s) => deps.store.remove('shifts', s._id)));
  const docs = slots.map((s, i): Omit<Shift, '_v'> => {
    const startAt = at(s.date, HALF_TIMES[s.half].start);
    const ids = result.assigned[i];
    const doc = {
      _id: shiftId(studio._id, s.date, s.half),
      studioId: studio._id,
      studioName: studio.name,
      townshipId: studio.townshipId,
      date: s.date,
      month: cmd.month,
      half: s.half,
      startAt,
      endAt: at(s.date, HALF_TIMES[s.half].end),
      repIds: ids,
      reps: ids.map((id) => ({ id, name: byId.get(id)?.name ?? id, unit: byId.get(id)?.unit ?? '' })),
      openDay: null,
      nextRemindAt: null,
      createdAt: now,
      updatedAt: now,
    };
    return { ...doc, nextRemindAt: shiftRemindAt(doc, now, deps.config) };
  });
  const CHUNK = 50;
  for (let i = 0; i < docs.length; i += CHUNK) await Promise.all(docs.slice(i, i + CHUNK).map((d) => deps.store.create<Shift>('shifts', d)));
  const month = await rosterMonth(deps, caller, { studioId: studio._id, month: cmd.month });
  return {
    ...month,
    generated: docs.length,
    balanced: result.balanced,
    understaffed: result.understaffed.map((i) => `${slots[i].date} ${HALF_LABELS[slots[i].half]}`),
  };
}

/**
 * 值班表: the month's shifts of a studio, each representative's count (the fairness in
 * figures), the dates marked unavailable, and the swap requests.
 */
export async function rosterMonth(deps: Deps, caller: Caller, q: { studioId: string; month: string }) {
  if (!may(caller, 'read', { studioId: q.studioId })) throw forbidden(REFUSALS.read);
  const [studio, reps, shifts, absences, swaps] = await Promise.all([
    loadStudio(deps, q.studioId),
    deps.store.find<Representative>('representatives', { where: { studioId: q.studioId }, orderBy: [['name', 'asc']], limit: 500 }),
    deps.store.find<Shift>('shifts', { where: { studioId: q.studioId, month: q.month }, orderBy: [['startAt', 'asc']], limit: 200 }),
    deps.store.find<Unavailability>('unavailability', { where: { studioId: q.studioId, month: q.month }, limit: 1000 }),
    deps.store.find<Swap>('swaps', { where: { studioId: q.studioId, month: q.month }, orderBy: [['createdAt', 'desc']], limit: 200 }),
  ]);
  const count = (id: string) => shifts.filter((s) => s.repIds.includes(id)).length;
  const manager = may(caller, 'manage', { studioId: q.studioId });
  const counts = reps.map((r) => r._id).map(count);
  return {
    studioId: studio._id,
    studioName: studio.name,
    month: q.month,
    perShift: deps.config.roster.perShift,
    shifts: shifts.map(viewShift),
    representatives: reps.map((r) => ({
      id: r._id,
      name: r.name,
      shifts: count(r._id),
      // The liaison sees everyone's dates; a representative sees their own.
      unavailable: manager || caller.representativeId === r._id ? (absences.find((a) => a.repId === r._id)?.dates ?? []) : null,
    })),
    spread: counts.length ? Math.max(...counts) - Math.min(...counts) : 0,
    swaps: swaps.map((w) => viewSwap(w, caller)),
    actions: [...(manager ? ['generate', 'openDay', 'decideSwap'] : []), ...(caller.representativeId && caller.studioIds.includes(q.studioId) ? ['markUnavailable', 'requestSwap'] : [])],
  };
}

/**
 * 不便值班日期: a representative (or the liaison for them) sets the dates of a month they
 * cannot take a shift; `generateRoster` respects them. Shifts already given on those dates
 * stay: the answer lists them, to be swapped.
 */
export async function setUnavailable(deps: Deps, caller: Caller, cmd: { month: string; dates: string[]; representativeId?: string }) {
  const repId = cmd.representativeId ?? caller.representativeId;
  if (!repId) throw validationError('请指定党代表');
  checkMonth(deps, cmd.month);
  const inMonth = new Set(datesOf(cmd.month));
  if (cmd.dates.some((d) => !inMonth.has(d))) throw validationError(`日期须在 ${cmd.month} 内`);
  const id = unavailabilityId(repId, cmd.month);
  // One round for the representative, their month's record and the month's shifts of their studio (found by the rep's shifts).
  const [rep, first, shifts] = await Promise.all([
    deps.store.get<Representative>('representatives', repId),
    deps.store.get<Unavailability>('unavailability', id),
    deps.store.find<Shift>('shifts', { where: { repIds: { has: repId }, month: cmd.month }, limit: 200 }),
  ]);
  if (!rep) throw validationError('所选的党代表不存在');
  if (!may(caller, 'markFor', { repId, studioId: rep.studioId })) throw forbidden(REFUSALS.markFor);
  const dates = [...new Set(cmd.dates)].sort();
  const now = deps.clock.now();
  let existing = first;
  await retryOnConflict(async () => {
    const doc = { _id: id, repId, studioId: rep.studioId, month: cmd.month, dates, updatedAt: now };
    try {
      if (existing) await deps.store.update<Unavailability>('unavailability', id, existing._v, doc);
      else await deps.store.create<Unavailability>('unavailability', doc);
    } catch (e) {
      existing = await deps.store.get<Unavailability>('unavailability', id);
      throw e;
    }
  });
  return {
    representativeId: repId,
    month: cmd.month,
    dates,
    conflicts: shifts.filter((s) => s.repIds.includes(repId) && dates.includes(s.date)).map(viewShift),
  };
}

/** 今日值班: who sits in the studio today (public: it is on the studio's page). */
export async function dutyToday(deps: Deps, studioId: string) {
  const today = shanghaiDate(deps.clock.now());
  const shifts = await deps.store.find<Shift>('shifts', { where: { studioId, date: today }, orderBy: [['startAt', 'asc']], limit: 4 });
  return {
    studioId,
    date: today,
    shifts: shifts.map((s) => ({
      half: s.half,
      halfLabel: HALF_LABELS[s.half],
      time: `${HALF_TIMES[s.half].start}–${HALF_TIMES[s.half].end}`,
      representatives: s.reps.map((r) => ({ name: r.name, unit: r.unit })),
      openDay: s.openDay,
    })),
  };
}

/**
 * 开放日: a shift published as an open day, like a reception — a reception in the shift's
 * time with its representatives on duty, published at once under the reception rules (the
 * 7-day notice: too late answers INVALID_STATE with the earliest date, and nothing is made).
 * Residents then find and book it in the schedule; its close records the activity.
 */
export async function publishOpenDay(deps: Deps, caller: Caller, cmd: { shiftId: string; topic: string; capacity: number }) {
  const shift = await deps.store.get<Shift>('shifts', cmd.shiftId);
  if (!shift) throw notFound('该值班');
  if (!may(caller, 'manage', { studioId: shift.studioId })) throw forbidden(REFUSALS.manage);
  if (shift.openDay) throw invalidState('该值班已公告为开放日');
  if (shift.repIds.length === 0) throw invalidState('该值班没有党代表，不能公告为开放日');
  const now = deps.clock.now();
  const earliest = earliestStartDate(now, deps.config.noticeDays);
  if (shift.date < earliest) {
    throw invalidState(`开放日须提前 ${deps.config.noticeDays} 天公告：今天公告，最早只能是 ${earliest}（本次为 ${shift.date}）`, { earliestDate: earliest });
  }
  const draft = await scheduleReception(deps, caller, {
    studioId: shift.studioId,
    startAt: shift.startAt,
    endAt: shift.endAt,
    form: 'studio',
    topic: cmd.topic,
    representativeIds: shift.repIds,
    capacity: cmd.capacity,
  });
  const published = await publishReception(deps, caller, draft.id);
  await retryOnConflict(async () => {
    const s = (await deps.store.get<Shift>('shifts', shift._id)) as Shift;
    const { _v, ...rest } = s;
    await deps.store.update<Shift>('shifts', s._id, _v, { ...rest, openDay: { receptionId: published.id }, nextRemindAt: null, updatedAt: now });
  });
  return { shift: viewShift({ ...shift, openDay: { receptionId: published.id } }), reception: published };
}

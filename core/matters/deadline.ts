/**
 * A deadline clock in Shanghai calendar days (质询 30 days, 提议 3 months, …). It starts on a
 * day, runs for a number of days, can pause (waiting for a clarification) — paused calendar
 * days do not count and move the due date — and can be extended with a reason. The due date
 * is the end of the last Shanghai day. Every pause, resumption and extension is also a line
 * on the matter's timeline (the use cases write those).
 */
import { endOfShanghaiDay, shanghai, shanghaiDate, startOfShanghaiDay } from '../time';

export interface DeadlineClock {
  /** When the clock started (the Shanghai day of this instant is day 0). */
  startedAt: number;
  /** Calendar days allowed. */
  days: number;
  /** Days added by extensions. */
  extendedDays: number;
  /** Whole calendar days spent paused so far. */
  pausedDays: number;
  /** Set while paused. */
  pausedAt: number | null;
  /** The end of the due day (derived; stored so queries can use it). */
  dueAt: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Calendar days (Shanghai) from the day of `from` to the day of `to`: same day 0. */
export function calendarDaysBetween(from: number, to: number): number {
  return Math.round((startOfShanghaiDay(shanghaiDate(to)) - startOfShanghaiDay(shanghaiDate(from))) / DAY);
}

function dueOf(c: Omit<DeadlineClock, 'dueAt'>): number {
  return endOfShanghaiDay(shanghai(c.startedAt).add(c.days + c.extendedDays + c.pausedDays, 'day').format('YYYY-MM-DD'));
}

/** A clock of `days` calendar days starting today. */
export function startClock(now: number, days: number): DeadlineClock {
  const c = { startedAt: now, days, extendedDays: 0, pausedDays: 0, pausedAt: null };
  return { ...c, dueAt: dueOf(c) };
}

/** Pauses a running clock (a paused one stays as it is). */
export function pauseClock(c: DeadlineClock, now: number): DeadlineClock {
  return c.pausedAt === null ? { ...c, pausedAt: now } : c;
}

/** Resumes a paused clock: the calendar days it was paused move the due date. */
export function resumeClock(c: DeadlineClock, now: number): DeadlineClock {
  if (c.pausedAt === null) return c;
  const next = { ...c, pausedDays: c.pausedDays + calendarDaysBetween(c.pausedAt, now), pausedAt: null };
  return { ...next, dueAt: dueOf(next) };
}

/** Adds `days` to the clock. */
export function extendClock(c: DeadlineClock, days: number): DeadlineClock {
  const next = { ...c, extendedDays: c.extendedDays + days };
  return { ...next, dueAt: dueOf(next) };
}

/** Past its due date and running (a paused clock is never overdue). */
export const isOverdue = (c: DeadlineClock, now: number): boolean => c.pausedAt === null && now > c.dueAt;

/** Calendar days from today to the due day: 0 on the day, negative once overdue. While paused, counted from the pause. */
export const daysLeft = (c: DeadlineClock, now: number): number => calendarDaysBetween(c.pausedAt ?? now, c.dueAt);

/** The Shanghai date of the due day. */
export const dueDate = (c: DeadlineClock): string => shanghaiDate(c.dueAt);

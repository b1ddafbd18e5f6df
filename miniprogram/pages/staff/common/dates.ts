/**
 * Calendar dates (`YYYY-MM-DD`) in Asia/Shanghai for the staff forms, from the phone's clock.
 * They are for display and defaults only: the back end decides with its own clock (the 7-day
 * notice, deadlines, periods of statistics).
 */
import { formatCalendarDay } from '../../../utils/format';

const OFFSET = 8 * 3600_000;
const DAY = 24 * 3600_000;

/** The reception notice rule of the source practice: published at least this many calendar days ahead (core's default, generated). */
import { NOTICE_DAYS } from '../../../generated/constants';
export { NOTICE_DAYS };

/** Today in Shanghai. */
export const today = (now: number = Date.now()): string => new Date(now + OFFSET).toISOString().slice(0, 10);

/** The Shanghai date of an instant. */
export const dateOf = (ms: number): string => new Date(ms + OFFSET).toISOString().slice(0, 10);

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The first day of `date`'s month. */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;

/** The first day of `date`'s year. */
export const yearStart = (date: string): string => `${date.slice(0, 4)}-01-01`;

/** The earliest date a reception published today may start on (for the explanation; the server decides). */
export const earliestReceptionDate = (now: number = Date.now()): string => addDays(today(now), NOTICE_DAYS);

/** A Shanghai date and a time of day (`HH:mm`) as the ISO instant the back end takes. */
export const instant = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** `2026年11月9日 周一` (utils/format.ts writes every date of the pages). */
export const dateLabel = formatCalendarDay;

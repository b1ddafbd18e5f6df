import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Calendar rules (notice periods, deadlines, quiet hours, "this month") are Xianju's
 * calendar, whatever the server's zone: cloud functions run in UTC.
 */
export const ZONE = 'Asia/Shanghai';

/** The instant `ms` as a Shanghai calendar moment. */
export const shanghai = (ms: number): Dayjs => dayjs(ms).tz(ZONE);

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export const shanghaiDate = (ms: number): string => shanghai(ms).format('YYYY-MM-DD');

/** Parses a Shanghai calendar date `YYYY-MM-DD` to its first instant (00:00 Shanghai). */
export const startOfShanghaiDay = (date: string): number => dayjs.tz(date, ZONE).valueOf();

/** The last millisecond of a Shanghai calendar date: a deadline "by that day". */
export const endOfShanghaiDay = (date: string): number => dayjs.tz(date, ZONE).add(1, 'day').valueOf() - 1;

/** The end of the Shanghai day `days` calendar days after the instant `ms`. */
export const endOfDayAfter = (ms: number, days: number): number => endOfShanghaiDay(shanghai(ms).add(days, 'day').format('YYYY-MM-DD'));

/** The year of an instant in Shanghai (numbering restarts each Shanghai new year). */
export const shanghaiYear = (ms: number): number => shanghai(ms).year();

/*
 * One way to write dates in every text a person reads (messages, refusals, printouts, sheets),
 * the same as the mini-program's pages (miniprogram/utils/format.ts): `2026年11月20日` for a day,
 * `2026年11月20日 14:30` for a moment. Data (deadlines, keys) stays `YYYY-MM-DD`.
 */

/** `2026年11月20日 14:30`, Shanghai time. */
export const formatShanghai = (ms: number): string => shanghai(ms).format('YYYY年M月D日 HH:mm');

/** `2026年11月20日`: the Shanghai day of an instant. */
export const formatDay = (ms: number): string => shanghai(ms).format('YYYY年M月D日');

/** `2026-11-20` → `2026年11月20日`. */
export const formatCalendarDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export { dayjs };

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

/** A Shanghai local time `YYYY-MM-DD HH:mm` for messages and printouts. */
export const formatShanghai = (ms: number): string => shanghai(ms).format('YYYY-MM-DD HH:mm');

export { dayjs };

/**
 * Dates as residents read them, always in Shanghai time whatever the phone's time zone
 * (the back end sends epoch milliseconds).
 */
const SHANGHAI_OFFSET = 8 * 3600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function parts(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: WEEKDAYS[d.getUTCDay()],
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/*
 * One way to write dates on every page: `2026年11月20日` for a day, `2026年11月20日 14:30`
 * for a moment, and for a reception the weekday after the day, `2026年11月20日 周五 14:30–16:30`.
 */

/** `2026年11月20日` */
export function formatDate(ms: number): string {
  const p = parts(ms);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `2026年11月20日 14:30` */
export function formatDateTime(ms: number): string {
  return `${formatDate(ms)} ${parts(ms).time}`;
}

/** `2026年11月20日 周五 14:30–16:30` (the end's date too when it falls on another day). */
export function formatRange(startAt: number, endAt: number): string {
  const a = parts(startAt);
  const b = parts(endAt);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return `${formatDate(startAt)} 周${a.weekday} ${a.time}–${sameDay ? b.time : `${formatDate(endAt)} ${b.time}`}`;
}

/** `2026-11-20` (a calendar date from the back end or a date picker) → `2026年11月20日`. */
export function formatCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2026-11-20` → `2026年11月20日 周五`. */
export function formatCalendarDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${formatCalendarDate(date)} 周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/**
 * A key for one filled-in form (8–64 letters, digits, - or _). The back end answers a repeated
 * key with the first result, so a retry after a lost answer does not submit twice.
 */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

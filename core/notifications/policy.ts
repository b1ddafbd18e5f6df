/**
 * The reminder policy: which deadline applies to an item, when each reminder falls due, and
 * when an item or a reception next needs looking at (`nextRemindAt`). Pure functions over
 * the documents; calendar days and hours are Shanghai's. Settings are `config.reminders`.
 *
 * In words:
 * - A new item not accepted by the end of the 2nd calendar day after submission goes to the
 *   studio's liaison staff (once).
 * - An item with an owner whose deadline (promised, referral, or the default reply period)
 *   is within 2 days: the owner is reminded (once per deadline).
 * - An open item past its deadline: its owner and the studio's liaison staff, once a day.
 * - An open item more than 7 days past its deadline: the admins (督办), once a week.
 * - A reception: the day before at 09:00, its booked residents and its representatives on duty.
 */
import type { Config } from '../config';
import type { MessageKind } from '../outbox/outbox';
import { isOpen } from '../register/lifecycle';
import type { Item } from '../register/item';
import type { Reception } from '../receptions/types';
import { endOfDayAfter, shanghai, shanghaiDate } from '../time';

const DAY = 24 * 60 * 60 * 1000;
type Policy = Config['reminders'];

/** Who a reminder goes to, relative to the item. */
export type Audience = 'owner' | 'liaisons' | 'admins';

export interface DueReminder {
  kind: MessageKind;
  to: Audience;
  dedupeKey: string;
}

/** The instant after which a still-submitted item counts as not accepted in time. */
export const acceptDeadline = (item: Pick<Item, 'createdAt'>, p: Policy): number => endOfDayAfter(item.createdAt, p.acceptWithinDays);

/** Monday (Shanghai) of the week of `ms`: the key of a weekly reminder. */
export const weekOf = (ms: number): string => {
  const d = shanghai(ms);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
};

/** The first `hour`:00 Shanghai strictly after `ms`. */
export function nextLocalHour(ms: number, hour: number): number {
  const d = shanghai(ms);
  const today = d.hour(hour).minute(0).second(0).millisecond(0);
  return (today.valueOf() > ms ? today : today.add(1, 'day')).valueOf();
}

const hasOwner = (item: Item) => item.ownerRepId !== null || item.ownerOpenid !== null;

/** The reminders about `item` due at `now`. Dedupe keys make repeating a run harmless. */
export function dueItemReminders(item: Item, now: number, p: Policy): DueReminder[] {
  if (!isOpen(item.status)) return [];
  const out: DueReminder[] = [];
  const id = item._id;
  if (item.status === 'submitted' && now > acceptDeadline(item, p)) {
    out.push({ kind: 'item_not_accepted', to: 'liaisons', dedupeKey: `item:${id}:not-accepted` });
  }
  if (hasOwner(item) && now >= item.dueAt - p.dueSoonDays * DAY && now <= item.dueAt) {
    out.push({ kind: 'item_due_soon', to: 'owner', dedupeKey: `item:${id}:due-soon:${item.dueAt}` });
  }
  if (now > item.dueAt) {
    const day = shanghaiDate(now);
    if (hasOwner(item)) out.push({ kind: 'item_overdue', to: 'owner', dedupeKey: `item:${id}:overdue:${day}` });
    out.push({ kind: 'studio_item_overdue', to: 'liaisons', dedupeKey: `item:${id}:studio-overdue:${day}` });
  }
  if (now > item.dueAt + p.superviseAfterDays * DAY) {
    out.push({ kind: 'item_supervise', to: 'admins', dedupeKey: `item:${id}:supervise:${weekOf(now)}` });
  }
  return out;
}

/** When the item next needs the planner, after `now`; null once it is no longer open. */
export function nextItemRemindAt(item: Pick<Item, 'status' | 'createdAt' | 'dueAt' | 'ownerRepId' | 'ownerOpenid'>, now: number, p: Policy): number | null {
  if (!isOpen(item.status)) return null;
  const candidates: number[] = [];
  if (item.status === 'submitted') candidates.push(acceptDeadline(item, p) + 1);
  if (item.ownerRepId !== null || item.ownerOpenid !== null) candidates.push(item.dueAt - p.dueSoonDays * DAY);
  candidates.push(item.dueAt + 1);
  const future = candidates.filter((t) => t > now);
  // Past the deadline: once a day at the daily hour, for as long as it stays open.
  if (now > item.dueAt) future.push(nextLocalHour(now, p.dailyHour));
  return future.length ? Math.min(...future) : nextLocalHour(now, p.dailyHour);
}

/** The day before a reception at the daily hour: when its reminders go out. */
export function receptionRemindAt(r: Pick<Reception, 'startAt'>, p: Policy): number {
  return shanghai(r.startAt).subtract(1, 'day').hour(p.dailyHour).minute(0).second(0).millisecond(0).valueOf();
}

/** No delivery in quiet hours (22:00–08:00 Shanghai by default). */
export function isQuietHour(now: number, p: Policy): boolean {
  const h = shanghai(now).hour();
  return p.quietStart > p.quietEnd ? h >= p.quietStart || h < p.quietEnd : h >= p.quietStart && h < p.quietEnd;
}

/** Minutes to wait before attempt n + 1 (n ≥ 1). */
export const backoffMs = (attempts: number): number => [1, 5, 30, 120, 360][Math.min(attempts - 1, 4)] * 60 * 1000;

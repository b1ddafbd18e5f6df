/**
 * 签到名单 (the door's list): on the day, the representatives on duty and the studio's liaison
 * see every booking holding a place — arrived or not yet — and how many have come, "已到 N / 预约 M".
 * Bookings carry no name (a resident books with the code only), so a line is its door code, when
 * it was booked and the question asked with it; tapping a line checks that code in (`checkIn`).
 * One round: the reception and its bookings together.
 */
import type { Caller } from '../members/types';
import type { Deps } from '../deps';
import { forbidden, notFound } from '../errors';
import { may } from './permissions';
import type { Booking, Reception } from './types';

/** A line of the door's list. */
export interface DoorLine {
  code: string;
  arrived: boolean;
  /** Order of booking, 1 first. */
  seq: number;
  bookedAt: number;
  checkedInAt: number | null;
  question: string | null;
}

/** The bookings holding a place at a published reception, not yet arrived first (in booking order), then the arrived (latest first). */
export async function doorList(deps: Deps, caller: Caller, id: string) {
  // One round: the bookings are read with the reception and shown only once the caller may see them.
  // A reception holds at most 500 places (the schedule's limit): one page of the store.
  const [r, rows] = await Promise.all([
    deps.store.get<Reception>('receptions', id),
    deps.store.find<Booking>('bookings', { where: { receptionId: id, status: { in: ['booked', 'checked_in'] } }, limit: 500 }),
  ]);
  if (!r || !may(caller, 'read', r)) throw notFound('该接待');
  if (!may(caller, 'checkIn', r)) throw forbidden('只有本次接待的值班党代表和本工作室联络员可以查看签到名单');
  const lines: DoorLine[] = rows
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((b, i) => ({ code: b.code, arrived: b.status === 'checked_in', seq: i + 1, bookedAt: b.createdAt, checkedInAt: b.checkedInAt, question: b.question }));
  const waiting = lines.filter((l) => !l.arrived);
  const arrived = lines.filter((l) => l.arrived).sort((a, b) => (b.checkedInAt ?? 0) - (a.checkedInAt ?? 0));
  return { id: r._id, status: r.status, booked: lines.length, arrived: arrived.length, waitingList: r.waiting, lines: [...waiting, ...arrived] };
}

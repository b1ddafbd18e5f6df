/**
 * Duty rotation (驻点轮值): a studio's roster of half-day shifts in which its representatives sit
 * in the studio, at least two a shift (configurable); the dates each marked unavailable; swaps
 * between representatives that the liaison approves. A shift may be an open day (开放日),
 * published like a reception.
 */
import type { HoldsEffects } from '../matters/effects';
import type { TimelineEvent } from '../matters/timeline';
import type { StoredDoc } from '../ports/store';

export const HALVES = ['am', 'pm'] as const;
export type Half = (typeof HALVES)[number];
export const HALF_LABELS: Record<Half, string> = { am: '上午', pm: '下午' };
/** Shanghai local times of the two shifts of a day. */
export const HALF_TIMES: Record<Half, { start: string; end: string }> = { am: { start: '08:30', end: '11:30' }, pm: { start: '14:00', end: '17:00' } };

export interface ShiftRep {
  id: string;
  name: string;
  unit: string;
}

/** 值班: one half-day at a studio. */
export interface Shift extends StoredDoc {
  studioId: string;
  studioName: string;
  townshipId: string;
  date: string;
  month: string;
  half: Half;
  startAt: number;
  endAt: number;
  repIds: string[];
  reps: ShiftRep[];
  /** Published as an open day (开放日): the reception it became. */
  openDay: { receptionId: string } | null;
  /** The day-before reminder to the representatives on it; null once sent or for an open day. */
  nextRemindAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The dates of a month one representative cannot take a shift. */
export interface Unavailability extends StoredDoc {
  repId: string;
  studioId: string;
  month: string;
  dates: string[];
  updatedAt: number;
}

export const SWAP_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

/**
 * 换班申请: the representative `fromRep` of shift `shiftId` asks to hand it to `toRep` — who
 * takes it over, or, with `toShiftId`, gives theirs in exchange. The liaison approves.
 */
export interface Swap extends HoldsEffects {
  studioId: string;
  month: string;
  shiftId: string;
  shiftLabel: string;
  fromRep: string;
  fromName: string;
  toRep: string;
  toName: string;
  toShiftId: string | null;
  toShiftLabel: string | null;
  reason: string;
  status: SwapStatus;
  decideReason: string | null;
  requestedBy: string;
  timeline: TimelineEvent<SwapStatus, 'request' | 'approve' | 'reject' | 'withdraw'>[];
  createdAt: number;
  updatedAt: number;
}

export const shiftId = (studioId: string, date: string, half: Half) => `sh-${studioId}-${date}-${half}`;
export const unavailabilityId = (repId: string, month: string) => `ua-${repId}-${month}`;

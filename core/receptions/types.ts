import type { Category } from '../register/item';
import type { MatterDoc } from '../matters/runner';
import type { TimelineEvent } from '../matters/timeline';
import type { StoredDoc } from '../ports/store';

/** 接待形式: at the studio, online, or mobile (流动接待, at a given place). */
export const RECEPTION_FORMS = ['studio', 'online', 'mobile'] as const;
export type ReceptionForm = (typeof RECEPTION_FORMS)[number];

export const RECEPTION_STATUSES = ['draft', 'published', 'cancelled', 'closed'] as const;
export type ReceptionStatus = (typeof RECEPTION_STATUSES)[number];

/** A representative on duty as the notice shows them (fixed at publication). */
export interface DutyRepresentative {
  id: string;
  name: string;
  unit: string;
  phone: string;
  wechat: string;
}

/** 接待: a time window at a studio with representatives on duty and a number of places. */
export interface Reception extends MatterDoc<ReceptionStatus, 'schedule' | 'publish' | 'cancel' | 'close'> {
  studioId: string;
  studioName: string;
  townshipId: string;
  startAt: number;
  endAt: number;
  form: ReceptionForm;
  place: string;
  topic: string;
  representatives: DutyRepresentative[];
  representativeIds: string[];
  capacity: number;
  booked: number;
  waiting: number;
  /** The last waiting-list number handed out: the list is served in this order. */
  waitSeq: number;
  status: ReceptionStatus;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  attendance: number | null;
  /** The representatives on duty who were there, recorded at the close (absent on older receptions). */
  presentRepIds?: string[];
  summary: string | null;
  /** When the day-before reminders go out; null when sent, or not published. */
  nextRemindAt: number | null;
}

export const BOOKING_STATUSES = ['booked', 'waiting', 'checked_in', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** 预约: one per person per reception (the id is derived from both). */
export interface Booking extends StoredDoc {
  receptionId: string;
  studioId: string;
  openid: string;
  requestId: string;
  status: BookingStatus;
  /** Shown at the door (and as a QR code). */
  code: string;
  /** Place in the waiting list while waiting. */
  waitSeq: number | null;
  question: string | null;
  /** The category the resident chose for the question's item (默认 其他). */
  qCategory?: Category | null;
  itemId: string | null;
  createdAt: number;
  updatedAt: number;
  checkedInAt: number | null;
  cancelledAt: number | null;
  /** Who checked the resident in, and when (the door's part of the reception's trail). */
  timeline?: TimelineEvent<BookingStatus, 'checkIn'>[];
}

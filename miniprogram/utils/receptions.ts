/**
 * How bookings look wherever they are shown (接待公告, 我的预约): label and tag tone
 * (app.wxss `.tag--*`; party red is kept for overdue and refused, so a booking never is).
 */
import type { Booking } from '../services/types';

export const BOOKING_STATUS: Record<Booking['status'], { label: string; tone: string }> = {
  booked: { label: '已预约', tone: 'info' },
  waiting: { label: '候补中', tone: 'progress' },
  checked_in: { label: '已签到', tone: 'success' },
  cancelled: { label: '已取消', tone: 'neutral' },
};

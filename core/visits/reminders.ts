/**
 * The must-visit household reminder: a household of the five kinds not visited for 6 months
 * (config.visits.unvisitedMonths; since it was registered when never visited) is a message to
 * its 联系代表 — to the township's liaison staff when none is named — at the daily hour, then
 * again every 30 days until someone visits it. A `ReminderSource` on `households`: the timer
 * reads only households whose indexed `nextRemindAt` has come.
 */
import type { Config } from '../config';
import type { Audience, MessageEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import { maskName } from '../register/item';
import { shanghai } from '../time';
import type { Household } from './types';
import { addressOf } from './view';

const DAY = 24 * 60 * 60 * 1000;

type Timing = Pick<Household, 'must' | 'lastVisitAt' | 'createdAt'>;

/** The first instant the household is overdue for a visit: N months after the last visit (or its registration), at the daily hour. */
function firstDue(h: Timing, config: Config): number {
  return shanghai(h.lastVisitAt ?? h.createdAt)
    .add(config.visits.unvisitedMonths, 'month')
    .hour(config.reminders.dailyHour)
    .minute(0)
    .second(0)
    .millisecond(0)
    .valueOf();
}

/** When the reminder looks at the household next: only must-visit households. */
export function nextHouseholdRemindAt(h: Timing, now: number, config: Config): number | null {
  if (h.must <= 0) return null;
  const first = firstDue(h, config);
  if (now < first) return first;
  const every = config.visits.remindEveryDays * DAY;
  return first + (Math.floor((now - first) / every) + 1) * every;
}

/** The page a household reminder opens: the visit form with the household chosen. */
export const recordVisitPage = (h: Pick<Household, '_id' | 'groupId'>) => `pages/staff/visit-record/index?groupId=${h.groupId}&householdId=${h._id}`;

export const householdReminders: ReminderSource<Household> = {
  name: 'households',
  collection: 'households',
  due(_deps, h, now, config): MessageEffect[] {
    if (h.must <= 0) return [];
    const first = firstDue(h, config);
    if (now < first) return [];
    const period = Math.floor((now - first) / (config.visits.remindEveryDays * DAY));
    const to: Audience = h.repId ? { representative: h.repId } : { studioLiaisons: h.studioId };
    const months = shanghai(now).startOf('day').diff(shanghai(h.lastVisitAt ?? h.createdAt).startOf('day'), 'month');
    return [
      {
        type: 'message',
        key: `household:${h._id}:unvisited:${h.lastVisitAt ?? 0}:${period}`,
        to,
        kind: 'visit_household_due',
        title: '必访户走访提醒',
        body: `${addressOf(h)}（${maskName(h.head)}）已 ${months} 个月未走访${h.repId ? '' : '，尚未指定联系代表'}`,
        page: recordVisitPage(h),
        at: now,
      },
    ];
  },
  next: (h, now, config) => nextHouseholdRemindAt(h, now, config),
};

/**
 * The monthly activity reminder: from the 20th of a month (Shanghai, the first timer run from
 * the daily hour), the liaison staff of every studio with no activity recorded that month yet
 * are told, once a month (a mark in `counters`; each message's dedupe key holds as well).
 * On the other days of the month the job costs nothing.
 */
import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { deliverEffects, type MessageEffect } from '../matters/effects';
import type { TimerJob } from '../matters/reminders';
import { DuplicateId, type StoredDoc } from '../ports/store';
import { shanghai } from '../time';

interface JobMark extends StoredDoc {
  at: number;
  count: number;
}

export const activitiesPage = (studioId: string) => `pages/ops/activities/index?studioId=${studioId}`;

/** Studios with no activity in `month` (`YYYY-MM`), in the county's order. */
export async function studiosWithout(deps: Deps, month: string): Promise<Studio[]> {
  const [studios, groups] = await Promise.all([
    deps.store.find<Studio>('studios', { orderBy: [['order', 'asc']], limit: 1000 }),
    deps.store.countBy('activities', ['studioId'], { month }),
  ]);
  const held = new Set(groups.filter((g) => g.count > 0).map((g) => String(g.key.studioId)));
  return studios.filter((s) => !held.has(s._id));
}

/** 活动提醒: see the module's comment. */
export const activityReminder: TimerJob = {
  name: 'activityReminder',
  async run(deps, now) {
    const local = shanghai(now);
    if (local.date() < deps.config.activities.remindDay || local.hour() < deps.config.reminders.dailyHour) return 0;
    const month = local.format('YYYY-MM');
    const markId = `job-activityReminder-${month}`;
    if (await deps.store.get<JobMark>('counters', markId)) return 0;
    const missing = await studiosWithout(deps, month);
    const effects = missing.map(
      (s): MessageEffect => ({
        type: 'message',
        key: `activity-missing:${s._id}:${month}`,
        to: { studioLiaisons: s._id },
        kind: 'activity_missing',
        title: `${local.month() + 1} 月尚无活动记录`,
        body: `${s.name}本月还没有开展活动，每月至少开展一次（接待、论坛、调研视察等）`,
        page: activitiesPage(s._id),
        at: now,
      }),
    );
    await deliverEffects(deps, effects);
    try {
      await deps.store.create<JobMark>('counters', { _id: markId, at: now, count: missing.length });
    } catch (e) {
      if (!(e instanceof DuplicateId)) throw e;
    }
    return missing.length;
  },
};

/**
 * The monthly pace reminder (走访进度提醒): at the first timer run of a month from the daily
 * hour on the 1st, every group whose distinct households visited this year are below
 * target × (month − 1) ÷ 12 is a message to its leader (the township's liaison staff when the
 * leader is not a representative). January starts a new year: nothing is behind yet.
 * Bounded: one page of groups and one grouped count, whatever the number of households.
 */
import type { Config } from '../config';
import type { Deps } from '../deps';
import { deliverEffects, type MessageEffect } from '../matters/effects';
import type { TimerJob } from '../matters/reminders';
import { DuplicateId, type StoredDoc } from '../ports/store';
import { shanghai } from '../time';
import { paceExpected } from './progress';
import type { VisitGroup } from './types';

interface JobMark extends StoredDoc {
  at: number;
  count: number;
}

/**
 * A job done once a Shanghai month, at the first timer run from `hour` on the 1st (or later
 * in the month, if no run came then): the `dailyJob` pattern, with a mark per month in `counters`.
 */
export function monthlyJob(name: string, hour: (config: Config) => number, work: (deps: Deps, now: number, month: string) => Promise<number>): TimerJob {
  return {
    name,
    async run(deps, now) {
      const d = shanghai(now);
      if (d.date() === 1 && d.hour() < hour(deps.config)) return 0;
      const month = d.format('YYYY-MM');
      const markId = `job-${name}-${month}`;
      if (await deps.store.get<JobMark>('counters', markId)) return 0;
      const count = await work(deps, now, month);
      try {
        await deps.store.create<JobMark>('counters', { _id: markId, at: now, count });
      } catch (e) {
        if (!(e instanceof DuplicateId)) throw e; // another run did the month meanwhile: dedupe keys held
      }
      return count;
    },
  };
}

const GROUP_PAGE = 1000;

/** The groups behind pace at the start of `month`: answers how many leaders were told. */
export const visitPaceJob = monthlyJob(
  'visitPace',
  (config) => config.reminders.dailyHour,
  async (deps, now, month) => {
    const d = shanghai(now);
    const m = d.month() + 1;
    if (m === 1) return 0;
    const year = d.year();
    const [groups, visited] = await Promise.all([
      deps.store.find<VisitGroup>('visitGroups', { orderBy: [['createdAt', 'asc']], limit: GROUP_PAGE }),
      deps.store.countBy('households', ['groupId'], { visitYears: { has: year } }),
    ]);
    const byGroup = new Map(visited.map((c) => [c.key.groupId, c.count]));
    const effects: MessageEffect[] = [];
    for (const g of groups) {
      const expected = paceExpected(g.target, m);
      const done = byGroup.get(g._id) ?? 0;
      if (done >= expected) continue;
      effects.push({
        type: 'message',
        key: `visit-pace:${g._id}:${month}`,
        to: g.leaderRepId ? { representative: g.leaderRepId } : { studioLiaisons: g.studioId },
        kind: 'visit_group_behind',
        title: '组团走访进度提醒',
        body: `${g.name}今年已走访 ${done} 户，按进度应达 ${expected} 户（全年目标 ${g.target} 户）`,
        page: `pages/staff/group/index?id=${g._id}`,
        at: now,
      });
    }
    await deliverEffects(deps, effects);
    return effects.length;
  },
);

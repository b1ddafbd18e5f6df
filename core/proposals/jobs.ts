/**
 * The weekly summary of key proposals (重点提议) under a county leader's supervision
 * (县领导领衔督办): once a week, at the first timer run from the weekday and hour configured
 * (Monday 09:00 Shanghai by default), one message per leader with their key proposals still
 * with a department — how many, how many overdue, the first few numbers. It goes to the county's
 * administrators (县委组织部), who serve the leaders; a leader with an account of their own has an
 * administrator's account and reads it there.
 */
import type { Config } from '../config';
import type { Deps } from '../deps';
import { deliverEffects, type MessageEffect } from '../matters/effects';
import type { TimerJob } from '../matters/reminders';
import { DuplicateId, type StoredDoc } from '../ports/store';
import { shanghai } from '../time';
import { dayText } from './dates';
import type { Proposal } from './types';

interface JobMark extends StoredDoc {
  at: number;
  count: number;
}

/**
 * A job done once a week, at the first timer run from `weekday` (1 = Monday … 7 = Sunday) at
 * `hour` in Shanghai: a run later in the week still does it if the slot was missed. A mark in
 * `counters` says the week is done: one read per run after that.
 */
export function weeklyJob(
  name: string,
  when: (config: Config) => { weekday: number; hour: number },
  work: (deps: Deps, now: number, week: string) => Promise<number>,
): TimerJob {
  return {
    name,
    async run(deps, now) {
      const { weekday, hour } = when(deps.config);
      const d = shanghai(now);
      const back = (d.day() - (weekday % 7) + 7) % 7;
      const slot = d.subtract(back, 'day').hour(hour).minute(0).second(0).millisecond(0);
      if (now < slot.valueOf()) return 0; // the slot is later today: last week's was last week's
      const week = slot.format('YYYY-MM-DD');
      const markId = `job-${name}-${week}`;
      if (await deps.store.get<JobMark>('counters', markId)) return 0;
      const count = await work(deps, now, week);
      try {
        await deps.store.create<JobMark>('counters', { _id: markId, at: now, count });
      } catch (e) {
        if (!(e instanceof DuplicateId)) throw e; // another run did the week meanwhile: dedupe keys held
      }
      return count;
    },
  };
}

/** Key proposals still with a department, per leader: at most this many read per run. */
const MAX_KEY = 500;

export const keyProposalsWeekly = weeklyJob(
  'keyProposalsWeekly',
  (config) => ({ weekday: config.proposal.weeklyOn, hour: config.reminders.dailyHour }),
  async (deps, now, week) => {
    const rows = await deps.store.find<Proposal>('proposals', {
      where: { key: true, status: { in: ['dispatched', 'in_progress', 'completed'] } },
      orderBy: [['createdAt', 'asc']],
      limit: MAX_KEY,
    });
    if (rows.length === 0) return 0;
    const byLeader = new Map<string, Proposal[]>();
    for (const p of rows) {
      const leader = p.leaderName ?? '（未定领衔县领导）';
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
    }
    const effects: MessageEffect[] = [...byLeader.entries()].map(([leader, ps], i) => {
      const overdue = ps.filter((p) => p.dueAt !== null && p.dueAt < now);
      const first = [...overdue, ...ps.filter((p) => !overdue.includes(p))].slice(0, 3);
      return {
        type: 'message',
        key: `proposals:key-weekly:${week}:${i}:${leader}`,
        to: { admins: true },
        kind: 'proposal_key_weekly',
        title: `${leader}领衔督办：重点提议 ${ps.length} 件${overdue.length ? `，逾期 ${overdue.length} 件` : ''}`,
        body: first.map((p) => `${p.no}（${p.leadDepartment?.name ?? '待交办'}，${p.percent}%${p.clock ? `，期限${dayText(p.clock.dueAt)}` : ''}）`).join('；'),
        page: 'pages/staff/proposals/index?view=key',
        at: now,
      };
    });
    await deliverEffects(deps, effects);
    return rows.length;
  },
);

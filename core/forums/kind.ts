/**
 * The forum (党代表论坛) as a kind of tracked matter: its transitions go through the kernel's
 * runner (timeline, effects recorded with the save), and its reminders sit in the registry —
 * the representatives taking part the day before, the organiser every morning while an ended
 * forum is not closed.
 */
import { activityEffect } from '../activities/record';
import type { Config } from '../config';
import { departmentStaff } from '../directory/departmentStaff';
import type { Audience, Effect, MessageEffect, PointsEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { Actor } from '../matters/timeline';
import { nextLocalHour } from '../notifications/policy';
import type { MessageKind } from '../outbox/outbox';
import { formatShanghai, shanghai, shanghaiDate } from '../time';
import { forumLifecycle, type ForumAction, type ForumFacts, type ForumRelation, type ForumStatus } from './lifecycle';
import { factsOf, relationsOf } from './permissions';
import { hostsOf, type Forum } from './types';

/** The page a message about a forum opens: the public page for residents, the organiser's page for staff. */
export const forumPage = (id: string) => `pages/forums/detail/index?id=${id}`;
export const staffForumPage = (id: string) => `pages/staff/forum/index?id=${id}`;

const short = (s: string, n = 20) => (s.length > n ? s.slice(0, n) + '…' : s);

/** Title and body of a message about a forum. */
export function forumMessage(kind: MessageKind, f: Forum): { title: string; body: string } {
  const when = `${formatShanghai(f.startAt)}，${f.place}`;
  const topic = short(f.topic);
  const proposals = f.outcomes.filter((o) => o.proposalNo).map((o) => o.proposalNo);
  switch (kind) {
    case 'forum_invited':
      return { title: `请参加党代表论坛：${topic}`, body: `${when}${f.studioName ? `，${f.studioName}` : ''}` };
    case 'forum_department_invited':
      return { title: `邀请列席党代表论坛：${topic}`, body: when };
    case 'forum_linked':
      return { title: '您反映的问题将在党代表论坛上讨论', body: `“${topic}”，${when}` };
    case 'forum_tomorrow':
      return { title: `明天党代表论坛：${topic}`, body: when };
    case 'forum_cancelled':
      return { title: `党代表论坛已取消：${topic}`, body: `${formatShanghai(f.startAt)}：${short(f.cancelReason ?? '', 30)}` };
    case 'forum_outcome':
      return {
        title: `党代表论坛已举行：${topic}`,
        body: `形成 ${f.outcomes.length} 项成果${proposals.length ? `，${proposals.length} 项转为代表提议（${proposals.join('、')}）` : ''}：${short(f.summary ?? '', 30)}`,
      };
    case 'forum_not_closed':
      return { title: '论坛已结束，请登记成果', body: `“${topic}”于 ${formatShanghai(f.endAt)} 结束，请登记出席情况和论坛成果` };
    default:
      return { title: '党代表论坛', body: topic };
  }
}

const representatives = (f: Forum): Audience[] => f.representativeIds.map((representative) => ({ representative }));
const residents = (f: Forum): Audience[] => f.notify.map((openid) => ({ openid }));
/** Everyone who sent a view, resolved when the message goes out (paged). */
const viewSenders = (f: Forum): Audience => ({ docs: 'forumViews', where: JSON.stringify({ forumId: f._id }), field: 'openid' });
const departments = (f: Forum): Audience[] => f.invitedDepartments.map((d) => departmentStaff(d.id));

function message(f: Forum, kind: MessageKind, to: Audience[], key: string, now: number, page = forumPage(f._id)): MessageEffect[] {
  return to.map((a, i) => ({ type: 'message', key: `${key}:${i}`, to: a, kind, ...forumMessage(kind, f), page, at: now }));
}

/**
 * What a held forum leaves besides its messages: the organising studio's activity of the month
 * (kind 党代表论坛; a county forum has no studio and records none) and each attending
 * representative's points — `forum_held` for those who presided, `forum_attended` for the
 * others. Keyed by the forum: a retried close or a second timer run records nothing twice.
 */
export function forumCloseEffects(f: Forum, actor: Actor, now: number): Effect[] {
  const date = shanghaiDate(f.startAt);
  const hosts = new Set(hostsOf(f));
  const by = actor === 'system' ? { by: 'system', byName: '系统' } : { by: actor.openid, byName: actor.name };
  const activity = f.studioId
    ? [
        activityEffect({
          key: `forum:${f._id}:close`,
          studioId: f.studioId,
          date,
          kind: 'forum',
          topic: f.topic,
          repIds: f.attendanceIds,
          summary: f.summary ?? '',
          src: { kind: 'forum', id: f._id },
          ...by,
          at: now,
        }),
      ]
    : [];
  const points = f.attendanceIds.map(
    (rep): PointsEffect => ({
      type: 'points',
      key: `forum:${f._id}:close:points:${rep}`,
      rep,
      code: hosts.has(rep) ? 'forum_held' : 'forum_attended',
      src: { kind: 'forum', id: f._id, ref: date },
      note: `${date} ${short(f.topic)}`,
      // Earned on the forum's day: a forum of December closed in January counts for December's year.
      at: Math.min(now, f.endAt),
    }),
  );
  return [...activity, ...points];
}

/** Who is told what when a forum moves, and what its close records. */
export function forumEffects({ before, after: f, action, actor, now }: { before: Forum; after: Forum; action: ForumAction; actor: Actor; now: number }): Effect[] {
  const key = `forum:${f._id}:${action}:${f.timeline.length}`;
  const m = (kind: MessageKind, to: Audience[], page?: string) => message(f, kind, to, `${key}:${kind}`, now, page);
  switch (action) {
    case 'publish':
      return [...m('forum_invited', representatives(f), staffForumPage(f._id)), ...m('forum_department_invited', departments(f)), ...m('forum_linked', residents(f))];
    case 'cancel':
      // A draft was never announced: nobody to tell.
      if (before.status === 'draft') return [];
      return [...m('forum_cancelled', [...representatives(f), ...departments(f), ...residents(f), viewSenders(f)])];
    case 'close':
      return [...m('forum_outcome', [...residents(f), viewSenders(f)]), ...forumCloseEffects(f, actor, now)];
    default:
      return [];
  }
}

/** The day before the forum, at the daily hour. */
const dayBefore = (f: Forum, config: Config) => shanghai(f.startAt).subtract(1, 'day').hour(config.reminders.dailyHour).minute(0).second(0).millisecond(0).valueOf();

/**
 * When the planner next looks at the forum: the day before it (at once when it was published
 * later than that; `afterRun` says the day-before run is done), then every morning after it
 * ended until it is closed.
 */
export function nextForumRemindAt(f: Forum, now: number, config: Config, afterRun = false): number | null {
  if (f.status !== 'published') return null;
  const before = dayBefore(f, config);
  if (now < f.startAt && now < before) return before;
  if (now < f.startAt && !afterRun) return now;
  return nextLocalHour(Math.max(now, f.endAt), config.reminders.dailyHour);
}

export const forumKind: MatterKind<Forum, ForumStatus, ForumAction, ForumRelation, ForumFacts, ForumAction, 'schedule'> = {
  collection: 'forums',
  lifecycle: forumLifecycle,
  relationsOf: (actor, f) => relationsOf(actor, f),
  factsOf: (f, now) => factsOf(f, now),
  nextRemindAt: (f, now, config) => nextForumRemindAt(f, now, config),
  effectsOf: forumEffects,
  conflictMessage: '该论坛刚被他人修改，请刷新后重试',
};

/** The representatives the day before; the organiser every morning while an ended forum is not closed. */
export const forumReminders: ReminderSource<Forum> = {
  name: 'forums',
  collection: 'forums',
  due(_deps, f, now, config) {
    if (f.status !== 'published') return [];
    if (now >= f.endAt) {
      return message(f, 'forum_not_closed', [{ openid: f.organiserOpenid }], `forum:${f._id}:not-closed:${shanghaiDate(now)}`, now, staffForumPage(f._id));
    }
    if (now < f.startAt && now >= dayBefore(f, config)) return message(f, 'forum_tomorrow', representatives(f), `forum:${f._id}:tomorrow`, now, staffForumPage(f._id));
    return [];
  },
  next: (f, now, config) => nextForumRemindAt(f, now, config, true),
};

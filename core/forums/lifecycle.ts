/**
 * The lifecycle of a Party Representative Forum (党代表论坛), on the tracked-matters kernel.
 *
 * The rules in words: the organiser — a county administrator for a county forum, the studio's
 * liaison (or an administrator) for a township or delegation forum — schedules a draft
 * (`schedule`), publishes its notice (`publish`: online, and printable for the wall), may cancel
 * it until it starts (`cancel`; everyone it concerns is told), and after it ends records who
 * attended, the summary and the outcomes (`close`); outcomes marked as proposals become
 * representatives' proposals. Residents and representatives send views on its topic while it
 * is published and has not started (`submitView`, not a transition: views are documents of
 * their own).
 */
import { defineLifecycle } from '../matters/lifecycle';

export const FORUM_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type ForumStatus = (typeof FORUM_STATUSES)[number];

export const FORUM_ACTIONS = ['publish', 'cancel', 'close'] as const;
export type ForumAction = (typeof FORUM_ACTIONS)[number];

/** `organiser`: who manages it; `attending`: a representative taking part; `system`: the timer. */
export const FORUM_RELATIONS = ['organiser', 'attending', 'system'] as const;
export type ForumRelation = (typeof FORUM_RELATIONS)[number];

export interface ForumFacts {
  status: ForumStatus;
  /** Its start time has passed. */
  started: boolean;
  /** Its end time has passed. */
  ended: boolean;
}

export const FORUM_STATUS_LABELS: Record<ForumStatus, string> = { draft: '草稿', published: '已发布', closed: '已举行', cancelled: '已取消' };

export const FORUM_ACTION_LABELS: Record<ForumAction | 'schedule', string> = { schedule: '安排论坛', publish: '发布', cancel: '取消', close: '登记论坛成果' };

export const forumLifecycle = defineLifecycle<ForumStatus, ForumAction, ForumRelation, ForumFacts, ForumAction>({
  kind: 'forums',
  noun: '论坛',
  statuses: FORUM_STATUSES,
  actions: FORUM_ACTIONS,
  relations: FORUM_RELATIONS,
  transitions: {
    draft: { publish: { to: 'published', by: ['organiser'] }, cancel: { to: 'cancelled', by: ['organiser'] } },
    published: {
      cancel: { to: 'cancelled', by: ['organiser'] },
      close: { to: 'closed', by: ['organiser'] },
    },
    closed: {},
    cancelled: {},
  },
  guards: {
    // A draft can always be dropped; a published forum until it starts. It is closed once it ended.
    publish: (f) => !f.started,
    cancel: (f) => f.status === 'draft' || !f.started,
    close: (f) => f.ended,
  },
  publicName: { publish: 'publish', cancel: 'cancel', close: 'close' },
  statusLabels: FORUM_STATUS_LABELS,
  actionLabels: FORUM_ACTION_LABELS,
});

/** Open for views: published and not started. */
export const takesViews = (f: Pick<ForumFacts, 'status' | 'started'>): boolean => f.status === 'published' && !f.started;

/** Reading forums (党代表论坛): the public list, one forum, and a staff caller's own list. */
import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import type { Page } from '../register/usecases';
import type { ForumStatus } from './lifecycle';
import { REFUSALS, may, scopeOf } from './permissions';
import { answerForum, loadCounted } from './schedule';
import type { Forum, ForumLevel } from './types';
import { forumActions, publicForum } from './view';

export interface ListQuery {
  /** `upcoming` (published, not ended; soonest first) or `past` (held; latest first). */
  when?: 'upcoming' | 'past';
  level?: ForumLevel;
  studioId?: string;
  townshipId?: string;
  page: number;
  pageSize: number;
}

/** 论坛: what everyone sees — upcoming forums to send views to, or held ones with their outcomes. Nothing personal in it. */
export async function listForums(deps: Deps, q: ListQuery): Promise<Page<ReturnType<typeof publicForum>>> {
  const now = deps.clock.now();
  const past = q.when === 'past';
  const where: Filter = past ? { status: 'closed' } : { status: 'published', endAt: { gte: now } };
  if (q.level) where.level = q.level;
  if (q.studioId) where.studioId = q.studioId;
  if (q.townshipId) where.townshipId = q.townshipId;
  const [rows, total] = await Promise.all([
    deps.store.find<Forum>('forums', { where, orderBy: [['startAt', past ? 'desc' : 'asc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('forums', where),
  ]);
  return { items: rows.map((f) => publicForum(f, now)), total, page: q.page, pageSize: q.pageSize };
}

/** One forum: the public view for everyone (drafts only for their organisers), the organiser's part for them. */
export async function getForum(deps: Deps, caller: Caller, id: string) {
  const { forum, views } = await loadCounted(deps, caller, id);
  return answerForum(deps, caller, forum, views);
}

/**
 * 我的论坛: the forums a liaison's studios organise (every one for an administrator), drafts
 * included, or those a representative takes part in; latest first, ended ones awaiting their
 * outcomes flagged. Each with the caller's actions.
 */
export async function myForums(deps: Deps, caller: Caller, q: { status?: ForumStatus; page: number; pageSize: number }) {
  if (!may(caller, 'mine', null)) throw forbidden(REFUSALS.mine);
  const where: Filter = { ...scopeOf(caller), ...(q.status ? { status: q.status } : {}) };
  // Representatives see drafts only once published.
  if (caller.role === 'representative' && !q.status) where.status = { in: ['published', 'closed', 'cancelled'] };
  if (caller.role === 'representative' && q.status === 'draft') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const [rows, total] = await Promise.all([
    deps.store.find<Forum>('forums', { where, orderBy: [['startAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('forums', where),
  ]);
  const now = deps.clock.now();
  return {
    items: rows.map((f) => ({ ...publicForum(f, now), awaitingClose: f.status === 'published' && now >= f.endAt, linkedItemCount: f.linkedItems.length, actions: forumActions(f, caller, now) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

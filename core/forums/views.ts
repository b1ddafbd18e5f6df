/**
 * 征集意见: before a forum starts, residents and representatives send views on its topic. A
 * view passes the content check and takes a slot of the submit rate limit (the same budget as
 * the register's submits, checked and recorded in the transaction that stores it); a retry
 * with the same requestId returns the stored view. The organiser and the representatives
 * taking part read them; a resident's view never carries who sent it.
 */
import type { Deps } from '../deps';
import { forbidden, invalidState, validationError } from '../errors';
import type { Caller } from '../members/types';
import { requestDocId } from '../matters/numbering';
import { DuplicateId, type TransactionOps } from '../ports/store';
import { checkText, takeSubmitSlot, type Page } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { formatShanghai } from '../time';
import { REFUSALS, may, viewsOpen } from './permissions';
import { loadForum } from './schedule';
import type { ForumView } from './types';

/** Thrown inside the transaction to undo it when a racing retry stored the view first. */
class AlreadyStored extends Error {
  constructor(readonly view: ForumView) {
    super('view already stored');
  }
}

/** A view as the organiser and participants read it: a representative's name, a resident's none. */
const shown = (v: ForumView) => ({ id: v._id, forumId: v.forumId, from: v.fromRole === 'representative' ? v.fromName ?? '党代表' : '群众', fromRole: v.fromRole, content: v.content, createdAt: v.createdAt });

export async function submitView(deps: Deps, caller: Caller, cmd: { id: string; requestId: string; content: string }) {
  const viewId = requestDocId('fv', caller.openid, cmd.requestId);
  const [f, retried] = await Promise.all([loadForum(deps, caller, cmd.id), deps.store.get<ForumView>('forumViews', viewId)]);
  if (!may(caller, 'submitView', f)) throw forbidden(REFUSALS.submitView);
  if (retried && retried.forumId !== f._id) throw validationError('该请求标识已用于另一场论坛的意见');
  if (retried) return shown(retried);
  const now = deps.clock.now();
  if (!viewsOpen(f, now)) {
    throw invalidState(f.status === 'published' ? `论坛已于 ${formatShanghai(f.startAt)} 开始，意见征集已结束` : '该论坛未在征集意见');
  }
  await checkText(deps, caller, [cmd.content]);
  const view: Omit<ForumView, '_v'> = {
    _id: viewId,
    forumId: f._id,
    openid: caller.openid,
    fromName: caller.role === 'representative' ? caller.name : null,
    fromRole: caller.role === 'representative' ? 'representative' : 'resident',
    content: cmd.content,
    createdAt: now,
  };
  let stored: ForumView;
  try {
    stored = await retryOnConflict(() =>
      deps.store.transaction(async (tx: TransactionOps) => {
        // The race check and the rate limit read together; a view that is there already undoes the slot taken.
        const [existing] = await Promise.all([tx.get<ForumView>('forumViews', viewId), takeSubmitSlot(deps, caller, now)(tx)]);
        if (existing) throw new AlreadyStored(existing);
        return tx.create<ForumView>('forumViews', view);
      }),
    );
  } catch (e) {
    if (e instanceof AlreadyStored) return shown(e.view);
    if (e instanceof DuplicateId) return shown((await deps.store.get<ForumView>('forumViews', viewId)) as ForumView);
    throw e;
  }
  return shown(stored);
}

/** The views sent to a forum, newest first: for its organiser and the representatives taking part. */
export async function listViews(deps: Deps, caller: Caller, q: { id: string; page: number; pageSize: number }): Promise<Page<ReturnType<typeof shown>>> {
  // The forum and its views in one round; nothing is answered unless the caller may read them.
  const where = { forumId: q.id };
  const [f, rows, total] = await Promise.all([
    loadForum(deps, caller, q.id),
    deps.store.find<ForumView>('forumViews', { where, orderBy: [['createdAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('forumViews', where),
  ]);
  if (!may(caller, 'readViews', f)) throw forbidden(REFUSALS.readViews);
  return { items: rows.map(shown), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Duplicates merged, not rejected (one item, many askers). The owner or the studio's liaison
 * links a new item to an open or answered item of the same studio: the new item becomes
 * `merged` (its content and timeline stay, and are listed to the staff on the existing item),
 * its submitter becomes an asker of the existing item — they read its progress and reply, are
 * told at each step, and rate it themselves. Both sides move through the kernel's transitions
 * and are saved in one transaction, with their effects (messages) recorded on them: a crash
 * loses nothing, a retry doubles nothing, and merging again is a no-op.
 *
 * An asker's rating is stored twice in the same transaction: on the existing item (whether
 * they rated this round) and on their own merged item (`feedback`, `satisfaction`), which is
 * what the statistics count: each asker's answer is one answer of the satisfaction rate.
 */
import type { Deps } from '../deps';
import { conflict, contentRejected, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { prepareTransition, settle } from '../matters/runner';
import { VersionConflict } from '../ports/store';
import { STATUS_LABELS, isClosed } from './lifecycle';
import { viewItem, type Asker, type Item, type ItemView, type MergedProgress } from './item';
import { itemKind } from './kind';
import { may, relationsOf } from './permissions';

/** How the item a duplicate was merged into is doing, as its asker sees it. */
export function progressOf(target: Item, caller: Caller, now: number, deps: Deps): MergedProgress {
  const v = viewItem(target, caller, now, deps.config);
  return { status: v.status, statusLabel: v.statusLabel, overdue: v.overdue, daysLeft: v.daysLeft, asksFeedback: v.actions.includes('feedback'), raisedBy: v.raisedBy };
}

/** Attaches the progress of the items merged ones went into: one read for the whole page, none when none is merged. */
export async function withMergedProgress(deps: Deps, caller: Caller, views: ItemView[]): Promise<ItemView[]> {
  const ids = [...new Set(views.flatMap((v) => (v.mergedInto ? [v.mergedInto.id] : [])))];
  if (ids.length === 0) return views;
  const targets = await deps.store.find<Item>('items', { where: { _id: { in: ids } }, limit: ids.length });
  const now = deps.clock.now();
  const byId = new Map(targets.filter((t) => may(caller, 'read', t)).map((t) => [t._id, progressOf(t, caller, now, deps)]));
  return views.map((v) => (v.mergedInto ? { ...v, mergedInto: { ...v.mergedInto, progress: byId.get(v.mergedInto.id) ?? null } } : v));
}

/** Saves two prepared documents in one transaction; a racing write answers CONFLICT. */
async function saveBoth(deps: Deps, a: { doc: Item; next: Omit<Item, '_v'> }, b: { doc: Item; next: Omit<Item, '_v'> }): Promise<[Item, Item]> {
  try {
    return await deps.store.transaction(async (tx) => {
      const x = await tx.update<Item>('items', a.doc._id, a.doc._v, a.next);
      const y = await tx.update<Item>('items', b.doc._id, b.doc._v, b.next);
      return [x, y] as [Item, Item];
    });
  } catch (e) {
    if (e instanceof VersionConflict) throw conflict();
    throw e;
  }
}

/** 合并: merges the item `id` into the item `intoId` of the same studio. Idempotent. */
export async function mergeItem(deps: Deps, caller: Caller, id: string, intoId: string, note?: string): Promise<ItemView> {
  if (id === intoId) throw validationError('不能把事项并入它自己');
  const [item, target] = await Promise.all([deps.store.get<Item>('items', id), deps.store.get<Item>('items', intoId)]);
  if (!item || !may(caller, 'read', item)) throw notFound('该意见建议');
  if (!target || !may(caller, 'read', target)) throw notFound('要并入的事项');
  const now = deps.clock.now();
  if (item.status === 'merged') {
    if (item.mergedInto?.id === target._id) return { ...viewItem(item, caller, now, deps.config), mergedInto: { ...item.mergedInto, progress: progressOf(target, caller, now, deps) } };
    throw invalidState(`该事项已并入 ${item.mergedInto?.no ?? '其他事项'} 办理`);
  }
  if (target.studioId !== item.studioId) throw validationError('只能并入本工作室的事项');
  if (isClosed(target.status)) throw invalidState(`${target.no} 已${STATUS_LABELS[target.status]}，不能并入；请直接办理这件新反映`);
  if (note && !(await deps.contentCheck.isAcceptable(note, caller.openid))) throw contentRejected();

  const mergedNext = prepareTransition(deps, itemKind, caller, item, {
    action: 'merge',
    change: (at) => ({ mergedInto: { id: target._id, no: target.no }, closedAt: at, closeDueAt: null }),
    note: `与 ${target.no} 是同一件事，合并办理${note ? `：${note}` : ''}`,
  });
  // The same resident twice, or already an asker: one person, counted once.
  const known = target.submitterOpenid === item.submitterOpenid || (target.askers ?? []).some((a) => a.openid === item.submitterOpenid);
  const asker: Asker = { openid: item.submitterOpenid, itemId: item._id, no: item.no, content: item.content, at: now, fb: [] };
  const absorbNext = prepareTransition(deps, itemKind, caller, target, {
    action: 'absorb',
    change: () => (known ? {} : { askers: [...(target.askers ?? []), asker] }),
    note: known ? '同一位群众再次反映此事，已合并办理' : '又一位群众反映了此事，已合并办理',
  });
  const [savedItem, savedTarget] = await saveBoth(deps, { doc: item, next: mergedNext }, { doc: target, next: absorbNext });
  const [settledItem, settledTarget] = await Promise.all([settle(deps, 'items', savedItem), settle(deps, 'items', savedTarget)]);
  return { ...viewItem(settledItem, caller, now, deps.config), mergedInto: { id: target._id, no: target.no, progress: progressOf(settledTarget, caller, now, deps) } };
}

/**
 * 评价 by an asker: recorded on the item (they rated this round) and on their own merged item
 * (what the statistics count), in one transaction. It never moves the item; an unsatisfied
 * asker is told to the studio (core/register/kind.ts).
 */
export async function rateAsAsker(deps: Deps, caller: Caller, target: Item, satisfied: boolean, comment: string | null): Promise<ItemView> {
  const mine = (target.askers ?? []).find((a) => a.openid === caller.openid);
  if (!mine) throw notFound('该意见建议');
  if (!target.reply) throw invalidState('该事项尚未答复，答复后可以评价');
  if (mine.fb.some((f) => f.round === target.round)) throw invalidState('您已评价过这次答复');
  const own = await deps.store.get<Item>('items', mine.itemId);
  const now = deps.clock.now();
  const fb = { round: target.round, satisfied, comment, at: now };
  const next = prepareTransition(deps, itemKind, caller, target, {
    action: 'askerFeedback',
    change: () => ({ askers: (target.askers ?? []).map((a) => (a.itemId === mine.itemId ? { ...a, fb: [...a.fb, fb] } : a)) }),
    note: satisfied ? '满意' : '不满意',
  });
  if (!own) {
    // Their own item is gone (erased): the rating still counts on the item they follow.
    const saved = await deps.store.update<Item>('items', target._id, target._v, next).catch((e) => {
      throw e instanceof VersionConflict ? conflict() : e;
    });
    return viewItem(await settle(deps, 'items', saved), caller, now, deps.config);
  }
  const { _v: _ignored, ...ownRest } = own;
  const ownNext: Omit<Item, '_v'> = { ...ownRest, feedback: [...own.feedback, fb], satisfaction: satisfied ? 'satisfied' : 'unsatisfied', updatedAt: now };
  const [savedTarget] = await saveBoth(deps, { doc: target, next }, { doc: own, next: ownNext });
  return viewItem(await settle(deps, 'items', savedTarget), caller, now, deps.config);
}

/** Whether the caller rates this item as an asker (their duplicate was merged into it), not as its submitter. */
export const ratesAsAsker = (caller: Caller, item: Item): boolean => {
  const r = relationsOf(caller, item);
  return r.has('asker') && !r.has('submitter');
};

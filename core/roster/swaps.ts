/**
 * 换班: a representative asks to hand a shift to another of the studio's representatives, or to
 * exchange it for theirs; the liaison approves, and the shifts change in the same transaction
 * as the request, with the messages recorded on it (core/matters/effects.ts); or refuses.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { conflict, forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { withEffects, type Audience, type MessageEffect } from '../matters/effects';
import { requestDocId } from '../matters/numbering';
import { settle } from '../matters/runner';
import { timelineEvent } from '../matters/timeline';
import type { MessageKind } from '../outbox/outbox';
import { VersionConflict, type TransactionOps } from '../ports/store';
import { checkText } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { rosterPage, shiftLabel, shiftRemindAt, swapLifecycle, type SwapAction } from './kind';
import { REFUSALS, may, swapRelationsOf } from './permissions';
import { viewSwap } from './usecases';
import type { Shift, Swap, SwapStatus } from './types';

function tell(w: Swap, kind: MessageKind, to: Audience, title: string, body: string, key: string, now: number): MessageEffect {
  return { type: 'message', key: `swap:${w._id}:${key}`, to, kind, title, body, page: rosterPage(w.studioId, w.month), at: now };
}

const what = (w: Swap) => (w.toShiftId ? `${w.fromName} ${w.shiftLabel} 与 ${w.toName} ${w.toShiftLabel} 互换` : `${w.fromName} ${w.shiftLabel} 由 ${w.toName} 代班`);

/** A shift can change hands until it starts, unless it is a published open day. */
function changeable(s: Shift, now: number, which: string) {
  if (s.openDay) throw invalidState(`${which}已公告为开放日，值班人员以公告为准`);
  if (now >= s.startAt) throw invalidState(`${which}已开始，不能换班`);
}

export interface SwapRequest {
  requestId: string;
  shiftId: string;
  /** The representative on it who asks (the caller unless the liaison asks for them). */
  fromRepId?: string;
  toRepId: string;
  /** Exchange for this shift of `toRepId`; without it `toRepId` takes the shift over. */
  toShiftId?: string;
  reason: string;
}

/** 申请换班: see the module's comment. The liaison staff are told; a retry answers the same request. */
export async function requestSwap(deps: Deps, caller: Caller, cmd: SwapRequest) {
  const fromRep = cmd.fromRepId ?? caller.representativeId;
  if (!fromRep) throw validationError('请指定换班的党代表');
  const [shift, other, to] = await Promise.all([
    deps.store.get<Shift>('shifts', cmd.shiftId),
    cmd.toShiftId ? deps.store.get<Shift>('shifts', cmd.toShiftId) : Promise.resolve(null),
    deps.store.get<Representative>('representatives', cmd.toRepId),
  ]);
  if (!shift) throw notFound('该值班');
  if (!may(caller, 'swapFor', { repId: fromRep, studioId: shift.studioId })) throw forbidden(REFUSALS.swapFor);
  if (!shift.repIds.includes(fromRep)) throw validationError('您不在该班次中');
  if (!to || to.studioId !== shift.studioId) throw validationError('换班的党代表须为本工作室的党代表');
  if (to._id === fromRep) throw validationError('不能与自己换班');
  const now = deps.clock.now();
  changeable(shift, now, '该班次');
  if (cmd.toShiftId) {
    if (!other || other.studioId !== shift.studioId) throw validationError('所选的对换班次不存在');
    if (!other.repIds.includes(to._id)) throw validationError(`${to.name}不在所选的对换班次中`);
    if (other.repIds.includes(fromRep)) throw validationError('您已在所选的对换班次中');
    changeable(other, now, '对换班次');
  }
  if (shift.repIds.includes(to._id)) throw validationError(`${to.name}已在该班次中`);
  await checkText(deps, caller, [cmd.reason]);
  const id = requestDocId('sw', caller.openid, cmd.requestId);
  const existing = await deps.store.get<Swap>('swaps', id);
  if (existing) return viewSwap(existing, caller);
  const fromName = shift.reps.find((r) => r.id === fromRep)?.name ?? fromRep;
  const draft: Omit<Swap, '_v'> = {
    _id: id,
    studioId: shift.studioId,
    month: shift.month,
    shiftId: shift._id,
    shiftLabel: shiftLabel(shift),
    fromRep,
    fromName,
    toRep: to._id,
    toName: to.name,
    toShiftId: other?._id ?? null,
    toShiftLabel: other ? shiftLabel(other) : null,
    reason: cmd.reason,
    status: 'pending',
    decideReason: null,
    requestedBy: caller.openid,
    timeline: [timelineEvent<SwapStatus, 'request'>(now, 'request', caller, null, 'pending', cmd.reason)],
    createdAt: now,
    updatedAt: now,
    effects: [],
    effectsDueAt: null,
  };
  const effects = [
    tell(draft as Swap, 'swap_requested', { studioLiaisons: draft.studioId }, '换班申请待审批', what(draft as Swap), 'requested:liaisons', now),
    tell(draft as Swap, 'swap_requested', { representative: to._id }, '有人申请与您换班', `${what(draft as Swap)}：${cmd.reason}`, 'requested:to', now),
  ];
  try {
    const saved = await deps.store.create<Swap>('swaps', { ...draft, ...withEffects(draft as Swap, effects, now) });
    return viewSwap(await settle(deps, 'swaps', saved), caller);
  } catch (e) {
    const again = await deps.store.get<Swap>('swaps', id);
    if (again) return viewSwap(again, caller);
    throw e;
  }
}

/** Replaces `out` by `into` on a shift read in the transaction; the day-before reminder follows the new representative. */
async function hand(tx: TransactionOps, deps: Deps, s: Shift, out: string, into: Representative, now: number) {
  const { _v, ...rest } = s;
  const repIds = s.repIds.map((r) => (r === out ? into._id : r));
  const reps = s.reps.map((r) => (r.id === out ? { id: into._id, name: into.name, unit: into.unit } : r));
  await tx.update<Shift>('shifts', s._id, _v, { ...rest, repIds, reps, nextRemindAt: shiftRemindAt(s, now, deps.config), updatedAt: now });
}

/**
 * 审批换班: the liaison approves (the shifts change now, checked again in the transaction: if
 * either shift changed hands meanwhile, INVALID_STATE and nothing changes) or refuses with a
 * reason; the requester withdraws. Both representatives are told.
 */
export async function decideSwap(deps: Deps, caller: Caller, id: string, action: SwapAction, reason?: string) {
  const first = await deps.store.get<Swap>('swaps', id);
  if (!first || !may(caller, 'read', { studioId: first.studioId })) throw notFound('该换班申请');
  if (action === 'reject' && !reason) throw validationError('不同意时请填写理由');
  if (reason) await checkText(deps, caller, [reason]);
  const now = deps.clock.now();
  const saved = await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const [w, a, b, fromRep, toRep] = await Promise.all([
        tx.get<Swap>('swaps', id),
        tx.get<Shift>('shifts', first.shiftId),
        first.toShiftId ? tx.get<Shift>('shifts', first.toShiftId) : Promise.resolve(null),
        tx.get<Representative>('representatives', first.fromRep),
        tx.get<Representative>('representatives', first.toRep),
      ]);
      if (!w) throw notFound('该换班申请');
      const to = swapLifecycle.transition({ status: w.status }, action, swapRelationsOf(caller, w));
      if (!to) throw swapLifecycle.refusal({ status: w.status }, action, swapRelationsOf(caller, w));
      if (action === 'approve') {
        if (!a || !a.repIds.includes(w.fromRep) || a.repIds.includes(w.toRep)) throw invalidState('该班次的值班人员已变动，请重新申请');
        if (w.toShiftId && (!b || !b.repIds.includes(w.toRep) || b.repIds.includes(w.fromRep))) throw invalidState('对换班次的值班人员已变动，请重新申请');
        changeable(a, now, '该班次');
        if (b) changeable(b, now, '对换班次');
        if (!fromRep || !toRep) throw invalidState('换班的党代表已不在名录中');
        await hand(tx, deps, a, w.fromRep, toRep, now);
        if (b) await hand(tx, deps, b, w.toRep, fromRep, now);
      }
      const label = action === 'approve' ? '同意' : action === 'reject' ? '不同意' : '撤回';
      const effects =
        action === 'withdraw'
          ? [tell(w, 'swap_decided', { representative: w.toRep }, '换班申请已撤回', what(w), 'withdrawn:to', now)]
          : [
              tell(w, 'swap_decided', { representative: w.fromRep }, `换班申请${label}`, `${what(w)}${reason ? `：${reason}` : ''}`, `${action}:from`, now),
              tell(w, 'swap_decided', { representative: w.toRep }, `换班申请${label}`, `${what(w)}${reason ? `：${reason}` : ''}`, `${action}:to`, now),
            ];
      const { _v, ...rest } = w;
      return tx.update<Swap>('swaps', id, _v, {
        ...rest,
        status: to,
        decideReason: reason ?? null,
        updatedAt: now,
        timeline: [...w.timeline, timelineEvent<SwapStatus, SwapAction>(now, action, caller, w.status, to, reason)],
        ...withEffects(w, effects, now),
      });
    }),
  ).catch((e: unknown) => {
    if (e instanceof VersionConflict) throw conflict('该换班申请刚被他人处理，请刷新后重试');
    throw e;
  });
  return viewSwap(await settle(deps, 'swaps', saved), caller);
}

/**
 * 查看联系方式: the one way staff see a resident's name and phone in full. Lists and item
 * views show them masked to everyone but the submitter; the studio's liaison reveals one
 * item's contact here, and each reveal is logged (who, when, whose, which item: the audit of
 * reads, core/privacy/reads.ts) before it is answered, and throttled per liaison.
 */
import type { Deps } from '../deps';
import { forbidden, notFound } from '../errors';
import type { Caller } from '../members/types';
import { logRead } from '../privacy/reads';
import { minutesOf, readSlots, takeSlot, throttleId } from '../shared/throttle';
import type { Item } from './item';
import { REFUSALS, may } from './permissions';

const HOUR = 60 * 60 * 1000;

/** The item's contact in full, for the studio's liaison; logged and throttled. */
export async function showContact(deps: Deps, caller: Caller, id: string) {
  const slots = throttleId('reveal', caller.openid);
  const counter = readSlots(deps, slots);
  counter.catch(() => undefined); // awaited in takeSlot; a refusal before it must not leave it unhandled
  const item = await deps.store.get<Item>('items', id);
  if (!item || !may(caller, 'read', item)) throw notFound('该意见建议');
  if (!may(caller, 'showContact', item)) throw forbidden(REFUSALS.showContact);
  const now = deps.clock.now();
  const { perHour, perDay } = deps.config.contactViews;
  await takeSlot(
    deps,
    slots,
    now,
    [
      { ms: HOUR, max: perHour, message: (w) => `查看联系方式过于频繁：每小时最多 ${perHour} 次，请 ${minutesOf(w)} 分钟后再试` },
      { ms: 24 * HOUR, max: perDay, message: () => `今天已查看 ${perDay} 次联系方式，请明天再试` },
    ],
    counter,
  );
  // Logged before it is answered: a reveal never goes unlogged.
  const read = await logRead(deps, caller, { what: 'contact', subject: item.submitterOpenid, subjectName: item.contactName, itemId: item._id, itemNo: item.no, studioId: item.studioId });
  return { id: item._id, no: item.no, name: item.contactName, phone: item.contactPhone, loggedAt: read.at };
}

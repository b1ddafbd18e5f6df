/**
 * The register item (意见建议) as a kind of tracked matter: its lifecycle, how callers stand to
 * it, who is told what on each transition, and its reminders. Use cases run transitions
 * through the kernel's runner with this declaration.
 */
import type { Config } from '../config';
import type { Audience, Effect, MessageEffect, PointsEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { MessageKind } from '../outbox/outbox';
import { itemMessage, itemPage } from '../notifications/messages';
import { dueItemReminders, nextItemRemindAt, type Audience as ReminderAudience } from '../notifications/policy';
import type { Item } from './item';
import { isOpen, itemLifecycle, type ItemFacts, type PublicAction, type Relation, type Status, type TransitionAction } from './lifecycle';
import { relationsOf } from './permissions';
import { departmentStaff } from '../directory/departmentStaff';
import { dayjs, shanghaiDate } from '../time';

const DAY = 24 * 60 * 60 * 1000;

export function factsOf(item: Item, now: number, config: Pick<Config, 'urgeEveryDays'>): ItemFacts {
  const lastUrge = item.urgedAt ?? null;
  return {
    status: item.status,
    referralPending: item.referral !== null && item.referral.result === null,
    feedbackGivenThisRound: item.feedback.some((f) => f.round === item.round),
    mayUrge: isOpen(item.status) && now > item.dueAt && (lastUrge === null || now - lastUrge >= config.urgeEveryDays * DAY),
    owned: item.ownerRepId !== null || item.ownerOpenid !== null,
    mergeable: (item.askers?.length ?? 0) === 0 && item.reply === null,
  };
}

/** Residents who registered online or by booking have an openid; walk-in visitors do not. */
const residentOf = (item: Item): Audience | null => (item.submitterOpenid.startsWith('walkin:') ? null : { openid: item.submitterOpenid });

/** The item's owner: a representative (by binding) or a liaison (by openid). */
const ownerOf = (item: Item): Audience | null =>
  item.ownerRepId ? { representative: item.ownerRepId } : item.ownerOpenid ? { openid: item.ownerOpenid } : null;

function message(item: Item, kind: MessageKind, to: Audience | null, key: string, now: number): MessageEffect[] {
  if (!to) return [];
  return [{ type: 'message', key, to, kind, ...itemMessage(kind, item, now), page: itemPage(item._id, kind), at: now }];
}

/**
 * What the submitter is told, the askers are told too (one item, many askers), each their own
 * message: `key(who)` per asker's own item.
 */
function toResidents(item: Item, kind: MessageKind, key: (who: string) => string, now: number): MessageEffect[] {
  return [
    ...message(item, kind, residentOf(item), key('resident'), now),
    ...(item.askers ?? []).flatMap((a) => (a.openid.startsWith('walkin:') ? [] : message(item, kind, { openid: a.openid }, key(`asker:${a.itemId}`), now))),
  ];
}

/** 按期答复办结 earns the representative who owns the item its points (core/points), once per reply. */
function pointsFor(item: Item, action: 'answer' | 'resolve', now: number): PointsEffect[] {
  if (item.timeliness !== 'on_time' || !item.ownerRepId) return [];
  const line = item.timeline.length - 1;
  return [
    {
      type: 'points',
      key: `item:${item._id}:${action}:${item.timeline.length}:points`,
      rep: item.ownerRepId,
      code: 'answer_on_time',
      src: { kind: 'item', id: item._id, ref: String(line) },
      note: `${item.no} ${action === 'answer' ? '按期答复' : '按期办结'}`,
      at: now,
    },
  ];
}

/** Who is told what when an item moves, and the points it earns. */
function effectsOf({ before, after: item, action, now }: { before: Item; after: Item; action: TransitionAction; now: number }): Effect[] {
  const key = (who: string) => `item:${item._id}:${action}:${item.timeline.length}:${who}`;
  const resident = residentOf(item);
  switch (action) {
    case 'accept':
      return toResidents(item, 'item_accepted', key, now);
    case 'assign':
      return [
        ...message(item, 'item_assigned', ownerOf(item), key('owner'), now),
        // The resident hears "accepted" once: when the item first leaves `submitted`.
        ...(before.status === 'submitted' ? toResidents(item, 'item_accepted', key, now) : []),
      ];
    case 'answer':
      return [...toResidents(item, 'item_answered', key, now), ...pointsFor(item, 'answer', now)];
    case 'resolve':
      return [...toResidents(item, 'item_resolved', key, now), ...pointsFor(item, 'resolve', now)];
    case 'urge':
      return [
        ...message(item, 'item_urged', ownerOf(item), key('owner'), now),
        ...message(item, 'item_urged', { studioLiaisons: item.studioId }, key('liaisons'), now),
      ];
    case 'refer':
      return [
        ...toResidents(item, 'item_referred', key, now),
        ...(item.referral ? message(item, 'item_referred_department', departmentStaff(item.referral.departmentId), key('department'), now) : []),
      ];
    case 'recordReferralResult':
      return [
        ...message(item, 'item_referral_result', { studioLiaisons: item.studioId }, key('liaisons'), now),
        ...message(item, 'item_referral_result', ownerOf(item), key('owner'), now),
      ];
      return message(item, 'item_referred', resident, key('resident'), now);
    case 'release':
      // Back in the studio's queue: its liaison staff hear of it.
      return message(item, 'item_released', { studioLiaisons: item.studioId }, key('liaisons'), now);
    case 'handOver':
      return message(item, 'item_assigned', ownerOf(item), key('owner'), now);
    case 'absorb': {
      // The resident whose duplicate was merged in hears where it is handled now.
      const joined = (item.askers ?? []).find((a) => !(before.askers ?? []).some((b) => b.itemId === a.itemId));
      return joined && !joined.openid.startsWith('walkin:') ? message(item, 'item_merged', { openid: joined.openid }, key(`asker:${joined.itemId}`), now) : [];
    }
    case 'askerFeedback': {
      // An unsatisfied asker does not reopen the item, but the studio hears of it.
      const rated = (item.askers ?? []).flatMap((a) => a.fb).sort((x, y) => y.at - x.at)[0];
      if (!rated || rated.satisfied) return [];
      return [
        ...message(item, 'item_asker_unsatisfied', { studioLiaisons: item.studioId }, key('liaisons'), now),
        ...message(item, 'item_asker_unsatisfied', ownerOf(item), key('owner'), now),
      ];
    }
    case 'feedbackUnsatisfied':
      return [
        ...message(item, 'item_reopened', resident, key('resident'), now),
        ...(item.askers ?? []).flatMap((a) => (a.openid.startsWith('walkin:') ? [] : message(item, 'item_reopened', { openid: a.openid }, key(`asker:${a.itemId}`), now))),
        ...message(item, 'item_reopened_liaison', { studioLiaisons: item.studioId }, key('liaisons'), now),
        ...message(item, 'item_reopened_liaison', ownerOf(item), key('owner'), now),
      ];
    default:
      return [];
  }
}

/** Shanghai calendar days from one instant's date to another's (0 on the same day). */
export const calendarDaysBetween = (from: number, to: number): number => dayjs(shanghaiDate(to)).diff(dayjs(shanghaiDate(from)), 'day');

/**
 * What the dashboard and the service commitments measure, set by the kind whatever use case
 * moved the item: when it first left `submitted` by being accepted or assigned (`acceptedAt`,
 * and `acceptDays`, calendar days after submission: 响应率 counts those within 2), and the
 * calendar days to its first answer or resolution (`replyDays`).
 */
function derive({ before, after, action, now }: { before: Item; after: Item; action: TransitionAction; now: number }): Partial<Item> {
  const out: Partial<Item> = {};
  if (before.status === 'submitted' && (action === 'accept' || action === 'assign') && (after.acceptedAt ?? null) === null) {
    out.acceptedAt = now;
    out.acceptDays = calendarDaysBetween(after.createdAt, now);
  }
  if ((action === 'answer' || action === 'resolve') && (after.replyDays ?? null) === null) out.replyDays = calendarDaysBetween(after.createdAt, now);
  return out;
}

/** The register item on the kernel. */
export const itemKind: MatterKind<Item, Status, TransitionAction, Relation, ItemFacts, PublicAction, 'submit'> = {
  collection: 'items',
  lifecycle: itemLifecycle,
  relationsOf,
  factsOf,
  nextRemindAt: (item: Item, now: number, config: Config) => nextItemRemindAt(item, now, config.reminders),
  derive,
  effectsOf,
};

const audienceOf = (to: ReminderAudience, item: Item): Audience | null =>
  to === 'owner' ? ownerOf(item) : to === 'liaisons' ? { studioLiaisons: item.studioId } : { admins: true };

/** The register's reminders and escalations (core/notifications/policy.ts says when). */
export const itemReminders: ReminderSource<Item> = {
  name: 'items',
  collection: 'items',
  due(_deps, item, now, config) {
    return dueItemReminders(item, now, config.reminders).flatMap((r) => message(item, r.kind, audienceOf(r.to, item), r.dedupeKey, now));
  },
  next: (item, now, config) => nextItemRemindAt(item, now, config.reminders),
};

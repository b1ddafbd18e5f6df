/**
 * The reception (接待) on the tracked-matters kernel: its lifecycle table, its timeline and
 * effects through the runner, and its day-before reminders in the registry.
 *
 * The rules in words: the studio's liaison (or an admin) schedules a draft, publishes it at
 * least N days ahead (the use case checks the notice period), may cancel it until it ends —
 * everyone booked or waiting is told — and after it ends records attendance (`close`).
 */
import type { Config } from '../config';
import { defineLifecycle } from '../matters/lifecycle';
import type { MessageEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { MessageKind } from '../outbox/outbox';
import { receptionRemindAt } from '../notifications/policy';
import type { Booking, Reception, ReceptionStatus } from './types';
import { RECEPTION_STATUSES } from './types';
import { RECEPTION_RELATIONS, relationsOf, type ReceptionRelation } from './permissions';
import { formatShanghai } from '../time';

export const RECEPTION_ACTIONS = ['publish', 'cancel', 'close'] as const;
export type ReceptionAction = (typeof RECEPTION_ACTIONS)[number];

export interface ReceptionFacts {
  status: ReceptionStatus;
  /** Its end time has passed. */
  ended: boolean;
}

export const RECEPTION_STATUS_LABELS: Record<ReceptionStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消', closed: '已结束' };

export const receptionLifecycle = defineLifecycle<ReceptionStatus, ReceptionAction, ReceptionRelation, ReceptionFacts, ReceptionAction>({
  kind: 'receptions',
  noun: '接待',
  statuses: RECEPTION_STATUSES,
  actions: RECEPTION_ACTIONS,
  relations: RECEPTION_RELATIONS,
  transitions: {
    draft: { publish: { to: 'published', by: ['manager'] }, cancel: { to: 'cancelled', by: ['manager'] } },
    published: {
      cancel: { to: 'cancelled', by: ['manager'] },
      close: { to: 'closed', by: ['manager'] },
    },
    cancelled: {},
    closed: {},
  },
  guards: {
    // A draft can always be dropped; a published reception only until it ends, then it is closed.
    cancel: (f) => f.status === 'draft' || !f.ended,
    close: (f) => f.ended,
  },
  publicName: { publish: 'publish', cancel: 'cancel', close: 'close' },
  statusLabels: RECEPTION_STATUS_LABELS,
  actionLabels: { publish: '发布', cancel: '取消', close: '登记结束' },
});

/** The mini-program page of a reception: the notice's QR target and messages' link. */
export const receptionPage = (id: string) => `pages/receptions/detail/index?id=${id}`;

/** When the day-before reminders are due: after publication, until they went out. */
function nextRemindAt(r: Reception, now: number, config: Config): number | null {
  if (r.status !== 'published' || now >= r.startAt) return null;
  return Math.max(now, receptionRemindAt(r, config.reminders));
}

export const receptionKind: MatterKind<Reception, ReceptionStatus, ReceptionAction, ReceptionRelation, ReceptionFacts, ReceptionAction, 'schedule'> = {
  collection: 'receptions',
  lifecycle: receptionLifecycle,
  relationsOf,
  factsOf: (r, now) => ({ status: r.status, ended: now >= r.endAt }),
  nextRemindAt,
  conflictMessage: '该接待刚被他人修改，请刷新后重试',
};

const PAGE = 500;

/** The day-before reminders: each booked resident (with their code) and each representative on duty. */
export const receptionReminders: ReminderSource<Reception> = {
  name: 'receptions',
  collection: 'receptions',
  async due(deps, r, now) {
    if (r.status !== 'published' || now >= r.startAt) return [];
    const when = `${formatShanghai(r.startAt)}，${r.place}`;
    const tell = (to: MessageEffect['to'], kind: MessageKind, title: string, body: string): MessageEffect => ({
      type: 'message',
      key: `reception:${r._id}:${kind}`,
      to,
      kind,
      title,
      body,
      page: receptionPage(r._id),
      at: now,
    });
    const out: MessageEffect[] = [];
    let after: string | null = null;
    for (;;) {
      const booked: Booking[] = await deps.store.find<Booking>('bookings', {
        where: { receptionId: r._id, status: 'booked', ...(after === null ? {} : { _id: { gt: after } }) },
        orderBy: [['_id', 'asc']],
        limit: PAGE,
      });
      for (const b of booked) out.push(tell({ openid: b.openid }, 'reception_tomorrow', `明天接待：${r.topic}`, `${r.studioName}，${when}，签到码 ${b.code}`));
      if (booked.length < PAGE) break;
      after = booked[booked.length - 1]._id;
    }
    for (const repId of r.representativeIds) {
      out.push(tell({ representative: repId }, 'duty_tomorrow', `明天接待值班：${r.topic}`, `${r.studioName}，${when}，已预约 ${r.booked} 人`));
    }
    return out;
  },
  next: () => null,
};

/**
 * The inquiry (党内质询) as a kind of tracked matter: lifecycle, relations, who is told what on
 * each transition, and its reminders — the contact 7, 3 and 1 days before the due date and
 * daily once overdue; the administrators one daily digest of overdue inquiries.
 */
import type { Config } from '../config';
import { daysLeft, isOverdue } from '../matters/deadline';
import type { Audience, Effect, MessageEffect, PointsEffect } from '../matters/effects';
import { dailyJob, type ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { Actor } from '../matters/timeline';
import { nextLocalHour } from '../notifications/policy';
import type { MessageKind } from '../outbox/outbox';
import { deliverEffects } from '../matters/effects';
import { formatDay, shanghai, shanghaiDate } from '../time';
import { inquiryLifecycle, type InquiryAction, type InquiryFacts, type InquiryPublicAction, type InquiryRelation, type InquiryStatus } from './lifecycle';
import { factsOf, proposersOf, relationsOf } from './permissions';
import type { Inquiry } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** The page a message about an inquiry opens. */
export const inquiryPage = (id: string) => `pages/staff/inquiry/index?id=${id}`;

const short = (s: string, n = 24) => (s.length > n ? s.slice(0, n) + '…' : s);

/** Title and body of a message about an inquiry. */
export function inquiryMessage(kind: MessageKind, inq: Inquiry): { title: string; body: string } {
  const what = `${inq.no} ${short(inq.title)}`;
  const due = inq.clock ? formatDay(inq.clock.dueAt) : '';
  switch (kind) {
    case 'inquiry_cosign_request':
      return { title: '请联名质询', body: `${inq.leadName}邀请您联名：${what}` };
    case 'inquiry_submitted':
      return { title: '新的党内质询待受理', body: `${what}，提出人 ${inq.leadName}` };
    case 'inquiry_accepted':
      return { title: '质询已受理', body: `${what}：已交${inq.contactName ?? '质询对象'}办理，${due} 前书面答复` };
    case 'inquiry_assigned':
      return { title: '您有新的党内质询', body: `${what}，请于 ${due} 前书面答复并当面沟通` };
    case 'inquiry_returned':
      return { title: '质询已退回', body: `${what}：${short(inq.returnReason ?? '', 30)}` };
    case 'inquiry_clarification_asked':
      return { title: '质询对象请求补充说明', body: `${what}：${short(inq.clarifications[inq.clarifications.length - 1]?.question ?? '', 30)}` };
    case 'inquiry_clarified':
      return { title: '质询已补充说明', body: `${what}，办理期限 ${due}` };
    case 'inquiry_replied':
      return { title: '质询已书面答复', body: `${what}：请在见面沟通后评价` };
    case 'inquiry_met':
      return { title: '质询已见面沟通', body: `${what}：请对办理答复进行评价` };
    case 'inquiry_next_round':
      return { title: '质询进入下一轮办理', body: `${what}：多数提出人不满意，第 ${inq.round} 轮，${due} 前答复` };
    case 'inquiry_to_committee':
      return { title: '质询提交党委（纪委）研究', body: `${what}：经 ${inq.round} 轮办理仍不满意` };
    case 'inquiry_closed':
      return { title: '质询已办结', body: what };
    case 'inquiry_extended':
      return { title: '质询办理期限已延长', body: `${what}，新期限 ${due}` };
    case 'inquiry_accountability':
      return { title: '质询问责', body: `${what}：${inq.accountability[inq.accountability.length - 1]?.measure ?? ''}` };
    case 'inquiry_due_soon':
      return { title: '质询答复即将到期', body: `${what}，期限 ${due}` };
    case 'inquiry_overdue':
      return { title: '质询答复已逾期', body: `${what}，期限 ${due}，请尽快书面答复` };
    default:
      return { title: '质询提醒', body: what };
  }
}

const proposerAudiences = (inq: Inquiry): Audience[] => proposersOf(inq).map((representative) => ({ representative }));

function message(inq: Inquiry, kind: MessageKind, to: Audience[], key: string, now: number): MessageEffect[] {
  return to.map((a, i) => ({ type: 'message', key: `${key}:${i}`, to: a, kind, ...inquiryMessage(kind, inq), page: inquiryPage(inq._id), at: now }));
}

const contactOf = (inq: Inquiry): Audience[] => (inq.contactId ? [{ contact: inq.contactId }] : []);

/**
 * 提出党内质询 earns each proposer (the lead and every co-signer) the `inquiry` points when the
 * inquiry is accepted — a returned inquiry earns nothing.
 */
function inquiryPoints(inq: Inquiry, now: number): PointsEffect[] {
  return proposersOf(inq).map((rep) => ({
    type: 'points',
    key: `inquiry:${inq._id}:accept:points:${rep}`,
    rep,
    code: 'inquiry',
    src: { kind: 'inquiry', id: inq._id, ref: String(inq.timeline.length - 1) },
    note: `${inq.no} ${short(inq.title, 16)}`,
    at: now,
  }));
}

/** Who is told what when an inquiry moves, and the points it earns. */
export function inquiryEffects(inq: Inquiry, action: InquiryAction | 'raise', now: number): Effect[] {
  const key = `inquiry:${inq._id}:${action}:${inq.timeline.length}`;
  const m = (kind: MessageKind, to: Audience[]) => message(inq, kind, to, `${key}:${kind}`, now);
  switch (action) {
    case 'raise':
      return inq.status === 'cosigning'
        ? m('inquiry_cosign_request', inq.coSigners.map((c) => ({ representative: c.representativeId })))
        : m('inquiry_submitted', [{ admins: true }]);
    case 'cosignLast':
      return m('inquiry_submitted', [{ admins: true }]);
    case 'accept':
      return [...m('inquiry_assigned', contactOf(inq)), ...m('inquiry_accepted', proposerAudiences(inq)), ...inquiryPoints(inq, now)];
    case 'return':
      return m('inquiry_returned', [{ representative: inq.leadRepId }]);
    case 'askClarification':
      return m('inquiry_clarification_asked', proposerAudiences(inq));
    case 'clarify':
      return m('inquiry_clarified', contactOf(inq));
    case 'reply':
      return m('inquiry_replied', proposerAudiences(inq));
    case 'meet':
      return m('inquiry_met', proposerAudiences(inq));
    case 'evaluateNextRound':
      return [...m('inquiry_next_round', contactOf(inq)), ...m('inquiry_next_round', proposerAudiences(inq))];
    case 'evaluateToCommittee':
      return [...m('inquiry_to_committee', [{ admins: true }]), ...m('inquiry_to_committee', contactOf(inq))];
    case 'evaluateConclude':
    case 'decide':
      return [...m('inquiry_closed', contactOf(inq)), ...m('inquiry_closed', proposerAudiences(inq))];
    case 'extend':
      return [...m('inquiry_extended', contactOf(inq)), ...m('inquiry_extended', proposerAudiences(inq))];
    case 'holdAccountable':
      return m('inquiry_accountability', contactOf(inq));
    default:
      return [];
  }
}

/** The instants the contact is reminded in this round: N days before the due day, at the daily hour. */
function dueSoonInstants(inq: Inquiry, config: Config): Array<{ days: number; at: number }> {
  if (!inq.clock) return [];
  const dueDay = shanghai(inq.clock.dueAt);
  return config.inquiry.remindDaysBefore.map((days) => ({
    days,
    at: dueDay.subtract(days, 'day').hour(config.reminders.dailyHour).minute(0).second(0).millisecond(0).valueOf(),
  }));
}

/** When the planner next looks at the inquiry: only while the written reply is awaited and the clock runs. */
export function nextInquiryRemindAt(inq: Inquiry, now: number, config: Config): number | null {
  if (inq.status !== 'accepted' || !inq.clock || inq.clock.pausedAt !== null) return null;
  if (now > inq.clock.dueAt) return nextLocalHour(now, config.reminders.dailyHour);
  const future = [...dueSoonInstants(inq, config).map((r) => r.at), inq.clock.dueAt + 1].filter((t) => t > now);
  return future.length ? Math.min(...future) : inq.clock.dueAt + 1;
}

export const inquiryKind: MatterKind<Inquiry, InquiryStatus, InquiryAction, InquiryRelation, InquiryFacts, InquiryPublicAction, 'raise'> = {
  collection: 'inquiries',
  lifecycle: inquiryLifecycle,
  relationsOf: (actor: Actor, inq: Inquiry) => relationsOf(actor, inq),
  factsOf: (inq, now, config) => factsOf(inq, now, config.inquiry.maxRounds),
  nextRemindAt: nextInquiryRemindAt,
  effectsOf: ({ after, action, now }) => inquiryEffects(after, action, now),
  conflictMessage: '该质询刚被他人处理，请刷新后重试',
};

/** The contact's reminders before the due date and while overdue. */
export const inquiryReminders: ReminderSource<Inquiry> = {
  name: 'inquiries',
  collection: 'inquiries',
  due(_deps, inq, now, config) {
    if (inq.status !== 'accepted' || !inq.clock || inq.clock.pausedAt !== null || !inq.contactId) return [];
    const to: Audience[] = [{ contact: inq.contactId }];
    const due = shanghaiDate(inq.clock.dueAt);
    if (isOverdue(inq.clock, now)) return message(inq, 'inquiry_overdue', to, `inquiry:${inq._id}:overdue:${shanghaiDate(now)}`, now);
    // Only on its own day: an inquiry accepted 5 days before its due date gets no "7 days left".
    const today = dueSoonInstants(inq, config).filter((r) => now >= r.at && now < r.at + DAY && daysLeft(inq.clock!, now) === r.days);
    return today.flatMap((r) => message(inq, 'inquiry_due_soon', to, `inquiry:${inq._id}:due-in-${r.days}:${due}`, now));
  },
  next: nextInquiryRemindAt,
};

/** 督办: the administrators' one daily digest of inquiries whose written reply is overdue. */
export const inquiryOverdueDigest = dailyJob(
  'inquiryOverdueDigest',
  (config) => config.reminders.dailyHour,
  async (deps, now, day) => {
    const where = { status: 'accepted', dueAt: { lt: now } };
    const [count, first] = await Promise.all([
      deps.store.count('inquiries', where),
      deps.store.find<Inquiry>('inquiries', { where, orderBy: [['dueAt', 'asc']], limit: 3 }),
    ]);
    if (count === 0) return 0;
    await deliverEffects(deps, [
      {
        type: 'message',
        key: `inquiries:overdue-digest:${day}`,
        to: { admins: true },
        kind: 'inquiry_overdue_digest',
        title: `督办：${count} 件质询逾期未答复`,
        body: first.map((i) => `${i.no}（${i.contactName ?? '未指定'}，期限 ${i.clock ? formatDay(i.clock.dueAt) : ''}）`).join('；'),
        page: 'pages/staff/inquiries/index?view=supervision',
        at: now,
      },
    ]);
    return count;
  },
);

/**
 * The 民情会诊 case as a kind of tracked matter: lifecycle, relations, who is told what on each
 * transition, and the reminders of its measures — the responsible representative (or the
 * township's liaison staff) 2 days before a measure's deadline, then daily once it is overdue,
 * with the liaison staff.
 */
import type { Config } from '../config';
import type { Audience, MessageEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { Actor } from '../matters/timeline';
import { nextLocalHour } from '../notifications/policy';
import type { MessageKind } from '../outbox/outbox';
import { formatShanghai, shanghai, shanghaiDate } from '../time';
import { caseLifecycle, type CaseAction, type CaseFacts, type CasePublicAction, type CaseRelation, type CaseStatus } from './lifecycle';
import { relationsOf } from './permissions';
import type { Measure, VisitCase } from './types';
import { dayText } from './view';

/** The page a message about a case opens. */
export const casePage = (id: string) => `pages/staff/case/index?id=${id}`;

const short = (s: string, n = 24) => (s.length > n ? s.slice(0, n) + '…' : s);
const pending = (c: VisitCase) => c.measures.filter((m) => m.doneAt === null);

export const factsOf = (c: VisitCase): CaseFacts => ({ status: c.status, pendingMeasures: pending(c).length, proposed: c.proposal !== null });

/** Title and body of a message about a case. */
export function caseMessage(kind: MessageKind, c: VisitCase, m?: Measure): { title: string; body: string } {
  const what = `${c.no} ${short(c.title)}`;
  switch (kind) {
    case 'visit_case_submitted':
      return { title: '新的民情会诊申请', body: `${what}，${c.groupName}提交` };
    case 'visit_case_scheduled':
      return { title: '民情会诊已安排', body: c.meeting ? `${what}：${formatShanghai(c.meeting.at)}，${c.meeting.place}` : what };
    case 'visit_case_decided':
      return { title: '民情会诊已作出决定', body: `${what}：${c.measures.length} 项措施` };
    case 'visit_measure_assigned':
      return { title: '您有民情会诊措施待落实', body: m ? `${short(m.text, 20)}，${dayText(m.deadline)}前完成` : what };
    case 'visit_case_closed':
      return { title: '民情会诊措施已全部落实', body: what };
    case 'visit_case_to_proposal':
      return { title: '民情会诊事项转为代表提议', body: c.proposal?.no ? `${what}：代表提议 ${c.proposal.no}` : what };
    case 'visit_case_withdrawn':
      return { title: '民情会诊申请已撤回', body: `${what}：${short(c.withdrawReason ?? '', 20)}` };
    case 'visit_measure_due_soon':
      return { title: '民情会诊措施即将到期', body: m ? `${short(m.text, 20)}，${dayText(m.deadline)}前完成` : what };
    case 'visit_measure_overdue':
      return { title: '民情会诊措施已逾期', body: m ? `${short(m.text, 20)}，期限${dayText(m.deadline)}` : what };
    default:
      return { title: '民情会诊提醒', body: what };
  }
}

const members = (c: VisitCase): Audience[] => c.memberRepIds.map((representative) => ({ representative }));
const liaisons = (c: VisitCase): Audience[] => [{ studioLiaisons: c.studioId }];

function message(c: VisitCase, kind: MessageKind, to: Audience[], key: string, now: number, m?: Measure): MessageEffect[] {
  return to.map((a, i) => ({ type: 'message', key: `${key}:${i}`, to: a, kind, ...caseMessage(kind, c, m), page: casePage(c._id), at: now }));
}

/** Who is told what when a case moves. */
export function caseEffects(c: VisitCase, action: CaseAction | 'send', now: number): MessageEffect[] {
  const key = `case:${c._id}:${action}:${c.timeline.length}`;
  const m = (kind: MessageKind, to: Audience[]) => message(c, kind, to, `${key}:${kind}`, now);
  switch (action) {
    case 'send':
      return m('visit_case_submitted', liaisons(c));
    case 'schedule':
      return m('visit_case_scheduled', members(c));
    case 'decide':
      return [
        ...m('visit_case_decided', members(c)),
        ...c.measures.flatMap((x) => (x.ownerRepId ? message(c, 'visit_measure_assigned', [{ representative: x.ownerRepId }], `${key}:assigned:${x.id}`, now, x) : [])),
      ];
    case 'completeLastMeasure':
      return [...m('visit_case_closed', members(c)), ...m('visit_case_closed', liaisons(c))];
    case 'toProposal':
      return m('visit_case_to_proposal', members(c));
    case 'withdraw':
      return m('visit_case_withdrawn', liaisons(c));
    default:
      return [];
  }
}

const atHour = (ms: number, config: Config) => shanghai(ms).hour(config.reminders.dailyHour).minute(0).second(0).millisecond(0).valueOf();
const soonAt = (m: Measure, config: Config) => atHour(shanghai(m.dueAt).subtract(config.reminders.dueSoonDays, 'day').valueOf(), config);

/** When the planner next looks at a case: while measures run, the next reminder of any pending one. */
export function nextCaseRemindAt(c: VisitCase, now: number, config: Config): number | null {
  if (c.status !== 'in_progress') return null;
  const future: number[] = [];
  for (const m of pending(c)) {
    if (now > m.dueAt) future.push(nextLocalHour(now, config.reminders.dailyHour));
    else future.push(...[soonAt(m, config), m.dueAt + 1].filter((t) => t > now));
  }
  return future.length ? Math.min(...future) : null;
}

export const caseKind: MatterKind<VisitCase, CaseStatus, CaseAction, CaseRelation, CaseFacts, CasePublicAction, 'send'> = {
  collection: 'visitCases',
  lifecycle: caseLifecycle,
  relationsOf: (actor: Actor, c: VisitCase) => relationsOf(actor, c),
  factsOf: (c) => factsOf(c),
  nextRemindAt: nextCaseRemindAt,
  effectsOf: ({ after, action, now }) => caseEffects(after, action, now),
  conflictMessage: '该民情会诊刚被他人处理，请刷新后重试',
};

/** Measures about to fall due and overdue ones. */
export const caseReminders: ReminderSource<VisitCase> = {
  name: 'visitCases',
  collection: 'visitCases',
  due(_deps, c, now, config) {
    if (c.status !== 'in_progress') return [];
    return pending(c).flatMap((x) => {
      const owner: Audience[] = x.ownerRepId ? [{ representative: x.ownerRepId }] : [];
      if (now > x.dueAt) return message(c, 'visit_measure_overdue', [...owner, ...liaisons(c)], `case:${c._id}:m:${x.id}:overdue:${shanghaiDate(now)}`, now, x);
      if (now >= soonAt(x, config)) return message(c, 'visit_measure_due_soon', owner.length ? owner : liaisons(c), `case:${c._id}:m:${x.id}:soon:${x.deadline}`, now, x);
      return [];
    });
  },
  next: nextCaseRemindAt,
};

/**
 * The proposal (代表提议) as a kind of tracked matter: lifecycle, relations, who is told what
 * on each transition, and its reminders — the departments 15 and 3 days before the deadline
 * and once a week while it is overdue; the proposers on every progress update.
 */
import type { Config } from '../config';
import { departmentStaff } from '../directory/departmentStaff';
import { daysLeft, isOverdue } from '../matters/deadline';
import type { Audience, Effect, MessageEffect, PointsEffect } from '../matters/effects';
import type { ReminderSource } from '../matters/reminders';
import type { MatterKind } from '../matters/runner';
import type { MessageKind } from '../outbox/outbox';
import { shanghai, shanghaiDate } from '../time';
import { dateText, dayText } from './dates';
import { proposalLifecycle, type ProposalAction, type ProposalFacts, type ProposalPublicAction, type ProposalRelation, type ProposalStatus } from './lifecycle';
import { factsOf, relationsOf } from './permissions';
import { RESULT_LABELS, type Proposal, type ResultKind } from './types';

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

/** The page a message about a proposal opens (its staff page). */
export const proposalPage = (id: string) => `pages/staff/proposal/index?id=${id}`;

const short = (s: string, n = 24) => (s.length > n ? s.slice(0, n) + '…' : s);

/** Title and body of a message about a proposal. */
export function proposalMessage(kind: MessageKind, p: Proposal): { title: string; body: string } {
  const what = `${p.no} ${short(p.title)}`;
  const due = p.clock ? dayText(p.clock.dueAt) : '';
  const lead = p.leadDepartment?.name ?? '有关单位';
  const last = p.progress[p.progress.length - 1];
  switch (kind) {
    case 'proposal_submitted':
      return { title: '新的代表提议待审查', body: `${what}，领衔人 ${p.lead.name}` };
    case 'proposal_cosigned':
      return { title: '您已联名代表提议', body: `${p.lead.name}领衔：${what}` };
    case 'proposal_accepted':
      return { title: '代表提议已立案', body: `${what}：经审查已立案，将交有关单位办理` };
    case 'proposal_converted':
      return { title: '代表提议已转为意见建议', body: `${what}：转为意见建议 ${p.itemNo ?? ''} 办理` };
    case 'proposal_returned':
      return { title: '代表提议已退回', body: `${what}：${short(p.returnReason ?? '', 30)}` };
    case 'proposal_assigned':
      return { title: p.key ? '重点代表提议交办' : '代表提议交办', body: `${what}：主办 ${lead}，请于 ${due} 前办复${p.leaderName ? `，${p.leaderName}领衔督办` : ''}` };
    case 'proposal_dispatched':
      return { title: '代表提议已交办', body: `${what}：主办 ${lead}，办理期限 ${due}` };
    case 'proposal_refused':
      return { title: '有关单位退回提议', body: `${what}：${short(p.refusals[p.refusals.length - 1]?.reason ?? '', 30)}，请重新交办` };
    case 'proposal_taken':
      return { title: '代表提议已签收', body: `${what}：${lead}已签收办理，期限 ${due}` };
    case 'proposal_progress':
      return { title: '代表提议办理进展', body: `${what}：${last ? `${last.departmentName} ${last.percent}%，${short(last.text, 24)}` : ''}` };
    case 'proposal_extension_requested':
      return { title: '代表提议申请延期', body: `${what}：${lead}申请延期至${p.extensionRequest ? dateText(p.extensionRequest.until) : ''}` };
    case 'proposal_extension_decided': {
      const ext = p.extensions[p.extensions.length - 1];
      return { title: ext?.approved ? '延期申请已同意' : '延期申请未同意', body: `${what}：办理期限 ${due}` };
    }
    case 'proposal_completed': {
      const r = p.results[p.results.length - 1];
      return { title: '代表提议已办复，请评价', body: `${what}：${r ? RESULT_LABELS[r.kind] : ''}，${short(r?.text ?? '', 24)}` };
    }
    case 'proposal_reopened':
      return { title: '代表提议评价不满意，重新办理', body: `${what}：第 ${p.round} 轮，期限 ${due}` };
    case 'proposal_closed':
      return { title: '代表提议已办结', body: what };
    case 'proposal_urged':
      return { title: '代表提议催办', body: `${what}：请抓紧办理，期限 ${due}${p.urges[p.urges.length - 1]?.note ? `，${short(p.urges[p.urges.length - 1].note ?? '', 20)}` : ''}` };
    case 'proposal_due_soon':
      return { title: '代表提议即将到期', body: `${what}，办理期限 ${due}` };
    case 'proposal_overdue':
      return { title: '代表提议已逾期', body: `${what}，期限 ${due}，请尽快办复` };
    default:
      return { title: '代表提议提醒', body: what };
  }
}

const proposers = (p: Proposal): Audience[] => [p.lead, ...p.coSigners].map((x) => ({ representative: x.representativeId }));
const departments = (p: Proposal): Audience[] => [p.leadDepartment, ...p.assisting].flatMap((d) => (d ? [departmentStaff(d.id)] : []));
const leadOnly = (p: Proposal): Audience[] => (p.leadDepartment ? [departmentStaff(p.leadDepartment.id)] : []);
const ADMINS: Audience[] = [{ admins: true }];

function message(p: Proposal, kind: MessageKind, to: Audience[], key: string, now: number): MessageEffect[] {
  return to.map((a, i) => ({ type: 'message', key: `${key}:${i}`, to: a, kind, ...proposalMessage(kind, p), page: proposalPage(p._id), at: now }));
}

/**
 * 采纳: a department's result adopts a proposal when it is 已解决, 正在解决 or 列入计划 — the
 * proposal is acted on; 留作参考 (kept for reference) is an answer, not an adoption.
 */
export const ADOPTED_RESULTS: readonly ResultKind[] = ['solved', 'being_solved', 'planned'];
export const isAdopted = (kind: ResultKind | null): boolean => kind !== null && ADOPTED_RESULTS.includes(kind);

/**
 * The points a proposal earns: `proposal_raised` for each proposer (the lead and every
 * co-signer) when it is accepted on review (立案; a converted or returned one earns nothing),
 * and `proposal_adopted` for the lead when a round's result adopts it — once per proposal, so a
 * proposal reopened and completed again counts once.
 */
function proposalPoints(p: Proposal, action: ProposalAction | 'raise', now: number): PointsEffect[] {
  const ref = String(p.timeline.length - 1);
  if (action === 'reviewAccept') {
    return p.proposerRepIds.map((rep) => ({
      type: 'points',
      key: `proposal:${p._id}:accept:points:${rep}`,
      rep,
      code: 'proposal_raised',
      src: { kind: 'proposal', id: p._id, ref },
      note: `${p.no} ${short(p.title, 16)}`,
      at: now,
    }));
  }
  if (action === 'complete' && isAdopted(p.resultKind)) {
    const rep = p.lead.representativeId;
    return [
      {
        type: 'points',
        key: `proposal:${p._id}:adopt:points:${rep}`,
        rep,
        code: 'proposal_adopted',
        src: { kind: 'proposal', id: p._id, ref },
        note: `${p.no} 被采纳（${RESULT_LABELS[p.resultKind as ResultKind]}）`,
        at: now,
      },
    ];
  }
  return [];
}

/** Who is told what when a proposal moves, and the points it earns. */
export function proposalEffects(p: Proposal, action: ProposalAction | 'raise', now: number): Effect[] {
  return [...proposalMessages(p, action, now), ...proposalPoints(p, action, now)];
}

/** Who is told what when a proposal moves. */
function proposalMessages(p: Proposal, action: ProposalAction | 'raise', now: number): MessageEffect[] {
  const key = `proposal:${p._id}:${action}:${p.timeline.length}`;
  const m = (kind: MessageKind, to: Audience[]) => message(p, kind, to, `${key}:${kind}`, now);
  switch (action) {
    case 'raise':
      return [...m('proposal_submitted', ADMINS), ...m('proposal_cosigned', p.coSigners.map((c) => ({ representative: c.representativeId })))];
    case 'reviewAccept':
      return m('proposal_accepted', proposers(p));
    case 'reviewConvert':
      return m('proposal_converted', proposers(p));
    case 'reviewReturn':
      return m('proposal_returned', proposers(p));
    case 'dispatch':
      return [...m('proposal_assigned', departments(p)), ...m('proposal_dispatched', proposers(p))];
    case 'accept':
      return m('proposal_taken', proposers(p));
    case 'refuse':
      return m('proposal_refused', ADMINS);
    case 'progress':
      return m('proposal_progress', proposers(p));
    case 'requestExtension':
      return m('proposal_extension_requested', ADMINS);
    case 'approveExtension':
    case 'refuseExtension':
      return m('proposal_extension_decided', leadOnly(p));
    case 'complete':
      return m('proposal_completed', proposers(p));
    case 'urge':
      return m('proposal_urged', p.status === 'dispatched' ? leadOnly(p) : departments(p));
    case 'appraiseReopen':
      return m('proposal_reopened', departments(p));
    case 'appraiseConclude':
      return [...m('proposal_closed', departments(p)), ...m('proposal_closed', proposers(p))];
    default:
      return [];
  }
}

/** The instants the departments are reminded before the deadline: N days before the due day, at the daily hour. */
function dueSoonInstants(p: Proposal, config: Config): Array<{ days: number; at: number }> {
  if (!p.clock) return [];
  const dueDay = shanghai(p.clock.dueAt);
  return config.proposal.remindDaysBefore.map((days) => ({
    days,
    at: dueDay.subtract(days, 'day').hour(config.reminders.dailyHour).minute(0).second(0).millisecond(0).valueOf(),
  }));
}

/** The first overdue reminder: the day after the due day, at the daily hour; then once a week. */
function firstOverdueAt(p: Proposal, config: Config): number | null {
  if (!p.clock) return null;
  return shanghai(p.clock.dueAt + 1).hour(config.reminders.dailyHour).minute(0).second(0).millisecond(0).valueOf();
}

/** Running: with a department, the clock on. */
const running = (p: Proposal) => (p.status === 'dispatched' || p.status === 'in_progress') && p.clock !== null && p.clock.pausedAt === null;

/** When the planner next looks at the proposal: only while a department has it. */
export function nextProposalRemindAt(p: Proposal, now: number, config: Config): number | null {
  if (!running(p)) return null;
  const first = firstOverdueAt(p, config) as number;
  if (now >= first) return first + (Math.floor((now - first) / WEEK) + 1) * WEEK;
  const future = [...dueSoonInstants(p, config).map((r) => r.at), first].filter((t) => t > now);
  return Math.min(...future);
}

export const proposalKind: MatterKind<Proposal, ProposalStatus, ProposalAction, ProposalRelation, ProposalFacts, ProposalPublicAction, 'raise'> = {
  collection: 'proposals',
  lifecycle: proposalLifecycle,
  relationsOf: (actor, p) => relationsOf(actor, p),
  factsOf: (p, now, config) => factsOf(p, now, config),
  nextRemindAt: nextProposalRemindAt,
  effectsOf: ({ after, action, now }) => proposalEffects(after, action, now),
  conflictMessage: '该提议刚被他人处理，请刷新后重试',
};

/** The departments' reminders: 15 and 3 days before the deadline (on their day), weekly once overdue. */
export const proposalReminders: ReminderSource<Proposal> = {
  name: 'proposals',
  collection: 'proposals',
  due(_deps, p, now, config) {
    if (!running(p) || !p.clock) return [];
    const to = p.status === 'dispatched' ? leadOnly(p) : departments(p);
    const due = shanghaiDate(p.clock.dueAt);
    const first = firstOverdueAt(p, config) as number;
    if (isOverdue(p.clock, now) && now >= first) {
      const week = Math.floor((now - first) / WEEK);
      return message(p, 'proposal_overdue', to, `proposal:${p._id}:overdue:${p.round}:${due}:w${week}`, now);
    }
    const today = dueSoonInstants(p, config).filter((r) => now >= r.at && now < r.at + DAY && daysLeft(p.clock!, now) === r.days);
    return today.flatMap((r) => message(p, 'proposal_due_soon', to, `proposal:${p._id}:due-in-${r.days}:${due}`, now));
  },
  next: nextProposalRemindAt,
};

/**
 * The administrators' part of a proposal (代表提议): review it (accept as a proposal, turn it
 * into an ordinary opinion of the register, or return it), dispatch it to a lead department
 * and assisting ones with a deadline, approve or refuse a request for more time, urge it.
 */
import type { Deps } from '../deps';
import type { Department, Studio } from '../directory/types';
import { invalidState, notFound, validationError } from '../errors';
import type { Caller, Member } from '../members/types';
import { calendarDaysBetween, extendClock, startClock } from '../matters/deadline';
import { runTransition } from '../matters/runner';
import { viewItem } from '../register/item';
import { itemIdFor } from '../register/numbering';
import { checkText, registerItem } from '../register/usecases';
import { endOfShanghaiDay, formatShanghai, shanghai, shanghaiDate } from '../time';
import { proposalKind } from './kind';
import type { ProposalAction } from './lifecycle';
import { may } from './permissions';
import { dateText } from './dates';
import type { Proposal, ReviewDecision } from './types';
import { publicAnswer, viewProposal } from './view';

const DAY = 24 * 60 * 60 * 1000;

/** Reads a proposal the caller may read in full, or NOT_FOUND. */
export async function loadProposal(deps: Deps, caller: Caller, id: string): Promise<Proposal> {
  const p = await deps.store.get<Proposal>('proposals', id);
  if (!p || !may(caller, 'read', p)) throw notFound('该提议');
  return p;
}

type Change = Partial<Omit<Proposal, '_id' | '_v' | 'status' | 'timeline'>>;

/** One lifecycle action through the kernel's runner; answers the proposal as the caller now sees it. */
export async function act(deps: Deps, caller: Caller, p: Proposal, action: ProposalAction, change: (now: number) => Change, note?: string) {
  const saved = await runTransition(deps, proposalKind, caller, p, { action, change, note });
  return may(caller, 'read', saved) ? viewProposal(saved, caller, deps.clock.now(), deps.config) : publicAnswer(saved, deps.clock.now());
}

/** A Shanghai date from today on, within a year: a deadline the caller chose. */
function futureDate(deps: Deps, date: string, label: string): number {
  const now = deps.clock.now();
  if (date <= shanghaiDate(now)) throw validationError(`${label}应晚于今天`);
  const at = endOfShanghaiDay(date);
  if (at - now > 366 * DAY) throw validationError(`${label}不能超过一年`);
  return at;
}

export interface ReviewCommand {
  id: string;
  decision: ReviewDecision;
  reason?: string;
}

/**
 * 审查: an administrator accepts it as a proposal (立案), turns it into an ordinary opinion of
 * the register (an item of the lead's studio, raised by the lead), or returns it with a reason.
 */
export async function reviewProposal(deps: Deps, caller: Caller, cmd: ReviewCommand) {
  if (cmd.decision === 'return' && !cmd.reason) throw validationError('退回须说明理由');
  if (cmd.reason) await checkText(deps, caller, [cmd.reason]);
  const p = await loadProposal(deps, caller, cmd.id);
  if (cmd.decision === 'accept') return act(deps, caller, p, 'reviewAccept', (now) => ({ acceptedAt: now, reviewNote: cmd.reason ?? null }), cmd.reason);
  if (cmd.decision === 'return') return act(deps, caller, p, 'reviewReturn', (now) => ({ returnReason: cmd.reason ?? null, closedAt: now }), cmd.reason);
  // 转为意见建议: refuse before anything is stored if the transition is not open.
  const facts = proposalKind.factsOf(p, deps.clock.now(), deps.config);
  const relations = proposalKind.relationsOf(caller, p);
  if (!proposalKind.lifecycle.transition(facts, 'reviewConvert', relations)) throw proposalKind.lifecycle.refusal(facts, 'reviewConvert', relations);
  const [studio, bound] = await Promise.all([
    deps.store.get<Studio>('studios', p.studioId),
    deps.store.find<Member>('members', { where: { representativeId: p.lead.representativeId }, limit: 1 }),
  ]);
  if (!studio) throw notFound('该提议领衔人所在的工作室');
  // The item is raised by the lead (their WeChat account if bound) and handled by their studio;
  // the same proposal always gives the same item, so a retried review registers nothing twice.
  const { item } = await registerItem(deps, caller, {
    id: itemIdFor(`proposal:${p._id}`, 'convert'),
    requestId: `proposal-${p._id}`.slice(0, 64),
    submitterOpenid: bound[0]?._id ?? `walkin:proposal-${p._id}`,
    channel: p.source === 'forum' ? 'forum' : 'online',
    studio,
    category: p.category,
    content: `${p.title}：${p.content}`.slice(0, 2000),
    contactName: p.lead.name,
    contactPhone: null,
    anonymous: false,
    receptionId: null,
    bookingId: null,
    note: `由代表提议 ${p.no} 转为意见建议`,
  });
  const view = viewItem(item, caller, deps.clock.now());
  return act(deps, caller, p, 'reviewConvert', (now) => ({ itemId: view.id, itemNo: view.no, closedAt: now, reviewNote: cmd.reason ?? null }), `转为意见建议 ${view.no}${cmd.reason ? `：${cmd.reason}` : ''}`);
}

export interface DispatchCommand {
  id: string;
  leadDepartmentId: string;
  assistingDepartmentIds?: string[];
  leaderName?: string;
  key?: boolean;
  deadline?: string;
}

/**
 * 交办: to a lead department (主办) and assisting ones (协办), optionally a key proposal with a
 * county leader leading the supervision (重点提议，县领导领衔督办); the deadline clock starts:
 * the date given, or N calendar months from today (3 by default).
 */
export async function dispatchProposal(deps: Deps, caller: Caller, cmd: DispatchCommand) {
  const assistingIds = [...new Set(cmd.assistingDepartmentIds ?? [])];
  if (assistingIds.includes(cmd.leadDepartmentId)) throw validationError('协办单位不能包括主办单位');
  if (cmd.leaderName) await checkText(deps, caller, [cmd.leaderName]);
  const [p, lead, ...assisting] = await Promise.all([
    loadProposal(deps, caller, cmd.id),
    deps.store.get<Department>('departments', cmd.leadDepartmentId),
    ...assistingIds.map((id) => deps.store.get<Department>('departments', id)),
  ]);
  if (!lead || assisting.some((d) => d === null)) throw validationError('所选的有关单位不存在');
  const now = deps.clock.now();
  const dueDate = cmd.deadline ?? shanghai(now).add(deps.config.proposal.deadlineMonths, 'month').format('YYYY-MM-DD');
  const dueAt = futureDate(deps, dueDate, '办理期限');
  const days = calendarDaysBetween(now, dueAt);
  const refs = (assisting as Department[]).map((d) => ({ id: d._id, name: d.name }));
  const key = cmd.key ?? false;
  return act(
    deps,
    caller,
    p as Proposal,
    'dispatch',
    (at) => {
      const clock = startClock(at, days);
      return {
        leadDepartment: { id: lead._id, name: lead.name },
        assisting: refs,
        departmentIds: [lead._id, ...refs.map((d) => d.id)],
        key,
        leaderName: cmd.leaderName ?? null,
        clock,
        dueAt: clock.dueAt,
        dispatchedAt: at,
      };
    },
    `主办 ${lead.name}${refs.length ? `，协办 ${refs.map((d) => d.name).join('、')}` : ''}，${dateText(dueDate)}前办复${key ? `；重点提议${cmd.leaderName ? `，${cmd.leaderName}领衔督办` : ''}` : ''}`,
  );
}

/** 同意延期: the pending request's date becomes the deadline. */
export async function approveExtension(deps: Deps, caller: Caller, id: string, note?: string) {
  if (note) await checkText(deps, caller, [note]);
  const p = await loadProposal(deps, caller, id);
  const req = p.extensionRequest;
  return act(
    deps,
    caller,
    p,
    'approveExtension',
    (now) => {
      const clock = p.clock && req ? extendClock(p.clock, Math.max(0, calendarDaysBetween(p.clock.dueAt, endOfShanghaiDay(req.until)))) : p.clock;
      return {
        clock,
        dueAt: clock?.dueAt ?? null,
        extensionRequest: null,
        extensions: [...p.extensions, { round: p.round, until: req?.until ?? '', reason: req?.reason ?? '', approved: true, decidedAt: now, decidedBy: caller.name, note: note ?? null }],
      };
    },
    `同意延期至${req ? dateText(req.until) : ''}${note ? `：${note}` : ''}`,
  );
}

/** 不同意延期: with the reason; the deadline stays. */
export async function refuseExtension(deps: Deps, caller: Caller, id: string, reason: string) {
  await checkText(deps, caller, [reason]);
  const p = await loadProposal(deps, caller, id);
  const req = p.extensionRequest;
  return act(
    deps,
    caller,
    p,
    'refuseExtension',
    (now) => ({
      extensionRequest: null,
      extensions: [...p.extensions, { round: p.round, until: req?.until ?? '', reason: req?.reason ?? '', approved: false, decidedAt: now, decidedBy: caller.name, note: reason }],
    }),
    `不同意延期：${reason}`,
  );
}

/** 催办: by an administrator (for the leader supervising it), at most once every N days; on the timeline and told to the departments. */
export async function urgeProposal(deps: Deps, caller: Caller, id: string, note?: string) {
  if (note) await checkText(deps, caller, [note]);
  const p = await loadProposal(deps, caller, id);
  // Too soon after the last urging: say from when it may be urged again.
  const facts = proposalKind.factsOf(p, deps.clock.now(), deps.config);
  if (!facts.urgeable && caller.role === 'admin' && (p.status === 'dispatched' || p.status === 'in_progress')) {
    const every = deps.config.proposal.urgeEveryDays;
    throw invalidState(`每 ${every} 天最多催办一次，${formatShanghai((p.lastUrgedAt ?? 0) + every * DAY)} 后可再次催办`);
  }
  return act(deps, caller, p, 'urge', (now) => ({ urges: [...p.urges, { at: now, byName: caller.name, note: note ?? null }], lastUrgedAt: now }), note ? `催办：${note}` : '催办');
}


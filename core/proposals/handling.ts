/**
 * The departments' and the proposers' part of a proposal (代表提议): the lead department takes
 * it or refuses it, the lead and assisting departments report progress, the lead asks for more
 * time and completes it with a result; the proposers appraise the result, and "not satisfied"
 * sends it back for another round.
 */
import type { Deps } from '../deps';
import { invalidState, validationError } from '../errors';
import type { Caller } from '../members/types';
import { calendarDaysBetween, startClock } from '../matters/deadline';
import { checkText } from '../register/usecases';
import { endOfShanghaiDay, shanghai } from '../time';
import { dateText, dayText } from './dates';
import type { ProposalAction } from './lifecycle';
import { appraisersOf, factsOf } from './permissions';
import { act, loadProposal } from './review';
import { RATING_LABELS, RESULT_LABELS, type Rating, type ResultKind } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** 签收: the lead department takes the proposal; progress and completion are theirs now. */
export async function acceptProposal(deps: Deps, caller: Caller, id: string) {
  const p = await loadProposal(deps, caller, id);
  return act(deps, caller, p, 'accept', () => ({}), `${caller.name}签收办理`);
}

/** 退回交办: not the department's to handle, with the reason: back to the administrators to dispatch again. */
export async function refuseProposal(deps: Deps, caller: Caller, id: string, reason: string) {
  await checkText(deps, caller, [reason]);
  const p = await loadProposal(deps, caller, id);
  const lead = p.leadDepartment;
  return act(
    deps,
    caller,
    p,
    'refuse',
    (now) => ({
      refusals: [...p.refusals, { departmentId: lead?.id ?? '', departmentName: lead?.name ?? caller.name, reason, at: now }],
      leadDepartment: null,
      assisting: [],
      departmentIds: [],
      clock: null,
      dueAt: null,
    }),
    reason,
  );
}

export interface ProgressCommand {
  id: string;
  text: string;
  percent: number;
  milestone?: string;
}

/** 办理进展: a step of the handling with how far it has come; the proposers are told each time. */
export async function reportProgress(deps: Deps, caller: Caller, cmd: ProgressCommand) {
  await checkText(deps, caller, [cmd.text, cmd.milestone ?? '']);
  const p = await loadProposal(deps, caller, cmd.id);
  const dept = [p.leadDepartment, ...p.assisting].find((d) => d?.id === caller.departmentId);
  return act(
    deps,
    caller,
    p,
    'progress',
    (now) => ({
      percent: cmd.percent,
      progress: [
        ...p.progress,
        { round: p.round, text: cmd.text, percent: cmd.percent, milestone: cmd.milestone ?? null, departmentId: dept?.id ?? '', departmentName: dept?.name ?? caller.name, at: now },
      ],
    }),
    `${cmd.percent}%${cmd.milestone ? `（${cmd.milestone}）` : ''}：${cmd.text}`,
  );
}

/** 申请延期: the lead department asks for a later deadline, with the reason; one request pending at a time. */
export async function requestExtension(deps: Deps, caller: Caller, cmd: { id: string; until: string; reason: string }) {
  await checkText(deps, caller, [cmd.reason]);
  const p = await loadProposal(deps, caller, cmd.id);
  if (p.clock && endOfShanghaiDay(cmd.until) <= p.clock.dueAt) throw validationError(`延期后的期限应晚于现在的期限${dayText(p.clock.dueAt)}`);
  if (endOfShanghaiDay(cmd.until) - deps.clock.now() > 366 * DAY) throw validationError('延期后的期限不能超过一年');
  return act(
    deps,
    caller,
    p,
    'requestExtension',
    (now) => ({ extensionRequest: { until: cmd.until, reason: cmd.reason, at: now, byName: caller.name } }),
    `申请延期至${dateText(cmd.until)}：${cmd.reason}`,
  );
}

/** 办复: the lead department's result — 已解决, 正在解决, 列入计划 or 留作参考 — on time if by the deadline. */
export async function completeProposal(deps: Deps, caller: Caller, cmd: { id: string; result: ResultKind; text: string }) {
  await checkText(deps, caller, [cmd.text]);
  const p = await loadProposal(deps, caller, cmd.id);
  return act(
    deps,
    caller,
    p,
    'complete',
    (now) => {
      const onTime = p.clock === null || now <= p.clock.dueAt;
      return {
        results: [...p.results, { round: p.round, kind: cmd.result, text: cmd.text, at: now, byName: caller.name, onTime }],
        resultKind: cmd.result,
        timeliness: onTime ? 'on_time' : 'late',
        dueAt: null,
        extensionRequest: null,
      };
    },
    `${RESULT_LABELS[cmd.result]}：${cmd.text}`,
  );
}

/**
 * 评价: each appraiser once a round (the proposers who do not work for a handling department;
 * an administrator when none is left). When the last has: more than half not satisfied sends
 * it back to the departments for another round with a new clock; otherwise it is closed,
 * satisfied if more than half were, else basically satisfied.
 */
export async function appraiseProposal(deps: Deps, caller: Caller, cmd: { id: string; rating: Rating; comment?: string }) {
  if (cmd.comment) await checkText(deps, caller, [cmd.comment]);
  const p = await loadProposal(deps, caller, cmd.id);
  const who = caller.role === 'admin' ? 'admin' : caller.representativeId ?? '';
  if (p.appraisals.some((a) => a.round === p.round && a.representativeId === who)) throw invalidState(`您已对第 ${p.round} 轮办理作出评价`);
  const now = deps.clock.now();
  const appraisers = appraisersOf(p);
  const mine = { round: p.round, representativeId: who, name: caller.name, rating: cmd.rating, comment: cmd.comment ?? null, at: now };
  const appraisals = [...p.appraisals, mine];
  const thisRound = appraisals.filter((a) => a.round === p.round);
  const notSatisfied = thisRound.filter((a) => a.rating === 'not_satisfied').length * 2 > appraisers.length;
  const satisfied = thisRound.filter((a) => a.rating === 'satisfied').length * 2 > appraisers.length;
  const last = factsOf(p, now, deps.config).unappraised === 1;
  const action: ProposalAction = !last ? 'appraise' : notSatisfied ? 'appraiseReopen' : 'appraiseConclude';
  const note = `${RATING_LABELS[cmd.rating]}${cmd.comment ? `：${cmd.comment}` : ''}`;
  return act(
    deps,
    caller,
    p,
    action,
    (at) => {
      if (action === 'appraise') return { appraisals };
      if (action === 'appraiseConclude') return { appraisals, satisfaction: satisfied ? 'satisfied' : 'basically_satisfied', closedAt: at };
      const due = shanghai(at).add(deps.config.proposal.deadlineMonths, 'month').format('YYYY-MM-DD');
      const clock = startClock(at, calendarDaysBetween(at, endOfShanghaiDay(due)));
      return { appraisals, satisfaction: 'not_satisfied', round: p.round + 1, clock, dueAt: clock.dueAt, resultKind: null, timeliness: null };
    },
    note,
  );
}

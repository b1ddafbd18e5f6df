/**
 * 民情会诊 cases: the group leader sends hard issues from the group's visits to the township
 * committee; the liaison schedules the consultation and records its decision — measures, each
 * with a responsible person and a deadline — or that it goes to the representatives as a
 * proposal (made at once in core/proposals, its number kept on the case); the case is followed
 * until every measure is done. Every change goes through the kernel's runner with the case's
 * kind.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { createNumbered, requestDocId } from '../matters/numbering';
import { runTransition, settle } from '../matters/runner';
import { timelineEvent } from '../matters/timeline';
import { VersionConflict, type Filter } from '../ports/store';
import { createProposalFromCase } from '../proposals/fromCase';
import type { Category } from '../register/item';
import type { Page } from '../register/usecases';
import { checkText } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { endOfShanghaiDay, formatShanghai, shanghaiDate } from '../time';
import { caseEffects, caseKind, factsOf } from './kind';
import { CASE_STATUS_LABELS, caseLifecycle, type CaseAction, type CasePublicAction, type CaseStatus } from './lifecycle';
import { REFUSALS, may, relationsOf, scopeOf } from './permissions';
import type { Measure, VisitCase, VisitGroup, VisitIssue } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** The case as a caller who may see it sees it, with the actions they may take now. */
export function viewCase(c: VisitCase, caller: Caller, now: number) {
  return {
    id: c._id,
    no: c.no,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    groupId: c.groupId,
    groupName: c.groupName,
    townshipId: c.townshipId,
    title: c.title,
    summary: c.summary,
    sentBy: c.sentByName,
    issues: c.issues,
    meeting: c.meeting,
    decision: c.decision,
    decidedAt: c.decidedAt,
    measures: c.measures.map((m) => ({
      ...m,
      done: m.doneAt !== null,
      overdue: m.doneAt === null && now > m.dueAt,
      canComplete: c.status === 'in_progress' && m.doneAt === null && may(caller, 'completeMeasure', { case: c, measure: m }),
    })),
    proposal: c.proposal,
    withdrawReason: c.withdrawReason,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    timeline: c.timeline,
    actions: caseLifecycle.allowedActions(factsOf(c), relationsOf(caller, c)) as CasePublicAction[],
  };
}

export type CaseView = ReturnType<typeof viewCase>;

/** Reads a case the caller may see; anyone else is told it does not exist. */
async function loadCase(deps: Deps, caller: Caller, id: string): Promise<VisitCase> {
  const c = await deps.store.get<VisitCase>('visitCases', id);
  if (!c || !may(caller, 'readCase', c)) throw notFound('该民情会诊');
  return c;
}

type Change = Partial<Omit<VisitCase, '_id' | '_v' | 'status' | 'timeline'>>;

async function act(deps: Deps, caller: Caller, c: VisitCase, action: CaseAction, change: (now: number) => Change, note?: string) {
  const saved = await runTransition(deps, caseKind, caller, c, { action, change, note });
  return viewCase(saved, caller, deps.clock.now());
}

export interface SendCaseCommand {
  requestId: string;
  groupId: string;
  issueIds: string[];
  title: string;
  summary: string;
}

/** Marks the issues as sent to this case (again harmlessly, when a retry finds it done). */
async function markEscalated(deps: Deps, issues: VisitIssue[], caseId: string) {
  await Promise.all(
    issues
      .filter((i) => i.caseId !== caseId)
      .map((i) =>
        {
          // The issue as read with the request; read again only if someone changed it meanwhile.
          let cur: VisitIssue | null = i;
          return retryOnConflict(async () => {
            if (!cur) return;
            const { _v, ...rest } = cur;
            try {
              await deps.store.update<VisitIssue>('visitIssues', cur._id, _v, { ...rest, escalated: 1, caseId });
            } catch (e) {
              if (e instanceof VersionConflict) cur = await deps.store.get<VisitIssue>('visitIssues', i._id);
              throw e;
            }
          }, 5);
        },
      ),
  );
}

/**
 * 提交民情会诊: the group's leader sends one or more of the group's issues not yet sent, with a
 * title and what makes them hard. Numbered at once (`MQ2026-001`); a retry with the same
 * requestId returns the same case.
 */
export async function sendCase(deps: Deps, caller: Caller, cmd: SendCaseCommand) {
  const id = requestDocId('mq', caller.openid, cmd.requestId);
  const ids = [...new Set(cmd.issueIds)];
  const [retried, g, issues] = await Promise.all([
    deps.store.get<VisitCase>('visitCases', id),
    deps.store.get<VisitGroup>('visitGroups', cmd.groupId),
    deps.store.find<VisitIssue>('visitIssues', { where: { _id: { in: ids } }, limit: ids.length }),
  ]);
  if (retried) {
    await markEscalated(deps, issues, retried._id);
    return viewCase(retried, caller, deps.clock.now());
  }
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  if (!may(caller, 'sendCase', g)) throw forbidden(REFUSALS.sendCase);
  if (issues.length !== ids.length || issues.some((i) => i.groupId !== g._id)) throw validationError('所选问题不属于本代表组的走访');
  if (issues.some((i) => i.escalated === 1)) throw invalidState('所选问题中有已提交民情会诊的');
  await checkText(deps, caller, [cmd.title, cmd.summary]);

  const now = deps.clock.now();
  const draft: Omit<VisitCase, '_v' | 'no' | 'year' | 'seq'> = {
    _id: id,
    requestId: cmd.requestId,
    groupId: g._id,
    groupName: g.name,
    townshipId: g.townshipId,
    studioId: g.studioId,
    leaderRepId: g.leaderRepId,
    memberRepIds: g.memberRepIds,
    sentByName: caller.name,
    sentByOpenid: caller.openid,
    title: cmd.title,
    summary: cmd.summary,
    issueIds: ids,
    issues: ids.map((x) => issues.find((i) => i._id === x) as VisitIssue).map((i) => ({ id: i._id, text: i.text, date: i.date, itemNo: i.itemNo })),
    meeting: null,
    decision: null,
    decidedAt: null,
    measures: [],
    proposal: null,
    withdrawReason: null,
    status: 'submitted',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    nextRemindAt: null,
    timeline: [timelineEvent<CaseStatus, 'send'>(now, 'send', caller, null, 'submitted', `${ids.length} 个问题`)],
    effects: [],
    effectsDueAt: null,
  };
  const effects = caseEffects(draft as VisitCase, 'send', now);
  const { doc, created } = await createNumbered<VisitCase>(
    deps,
    { collection: 'visitCases', prefix: deps.config.visitCasePrefix, width: 3 },
    { ...draft, effects, effectsDueAt: effects.length ? now : null },
  );
  await markEscalated(deps, issues, doc._id);
  return viewCase(created ? await settle(deps, 'visitCases', doc) : doc, caller, now);
}

/** 安排会诊: when, where and who attends (again to move it). */
export async function scheduleCase(deps: Deps, caller: Caller, cmd: { id: string; at: number; place: string; attendees?: string }) {
  await checkText(deps, caller, [cmd.place, cmd.attendees ?? '']);
  const c = await loadCase(deps, caller, cmd.id);
  const now = deps.clock.now();
  if (Math.abs(cmd.at - now) > 366 * DAY) throw validationError('会诊时间应在一年以内');
  return act(deps, caller, c, 'schedule', () => ({ meeting: { at: cmd.at, place: cmd.place, attendees: cmd.attendees ?? null } }), `${formatShanghai(cmd.at)}，${cmd.place}`);
}

export interface MeasureInput {
  text: string;
  owner: string;
  ownerRepId?: string;
  deadline: string;
}

/** 登记会诊决定: the decision and its measures, each with its responsible person and deadline. */
export async function decideCase(deps: Deps, caller: Caller, cmd: { id: string; decision: string; measures: MeasureInput[] }) {
  const today = shanghaiDate(deps.clock.now());
  if (cmd.measures.some((m) => m.deadline < today)) throw validationError('措施的完成期限不能早于今天');
  const repIds = [...new Set(cmd.measures.flatMap((m) => (m.ownerRepId ? [m.ownerRepId] : [])))];
  const [c, reps] = await Promise.all([
    loadCase(deps, caller, cmd.id),
    repIds.length ? deps.store.find<Representative>('representatives', { where: { _id: { in: repIds } }, limit: repIds.length }) : Promise.resolve([]),
    checkText(deps, caller, [cmd.decision, ...cmd.measures.flatMap((m) => [m.text, m.owner])]),
  ]);
  if (reps.length !== repIds.length) throw validationError('所选的措施责任党代表不存在');
  const measures: Measure[] = cmd.measures.map((m, i) => ({
    id: `m${i + 1}`,
    text: m.text,
    owner: m.owner,
    ownerRepId: m.ownerRepId ?? null,
    deadline: m.deadline,
    dueAt: endOfShanghaiDay(m.deadline),
    doneAt: null,
    result: null,
    doneBy: null,
  }));
  return act(deps, caller, c, 'decide', (now) => ({ decision: cmd.decision, decidedAt: now, measures }), `${cmd.decision}（${measures.length} 项措施）`);
}

/** 完成措施: its result; the last one closes the case. */
export async function completeMeasure(deps: Deps, caller: Caller, cmd: { id: string; measureId: string; result: string }) {
  await checkText(deps, caller, [cmd.result]);
  const c = await loadCase(deps, caller, cmd.id);
  const measure = c.measures.find((m) => m.id === cmd.measureId);
  if (!measure) throw notFound('该措施');
  if (measure.doneAt !== null) throw invalidState('该措施已登记完成');
  if (c.status === 'in_progress' && !may(caller, 'completeMeasure', { case: c, measure })) throw forbidden(REFUSALS.completeMeasure);
  const last = factsOf(c).pendingMeasures === 1;
  return act(
    deps,
    caller,
    c,
    last ? 'completeLastMeasure' : 'completeMeasure',
    (now) => ({
      measures: c.measures.map((m) => (m.id === measure.id ? { ...m, doneAt: now, result: cmd.result, doneBy: caller.name } : m)),
      ...(last ? { closedAt: now } : {}),
    }),
    `${measure.text}：${cmd.result}`,
  );
}

/** The category most of the issues share (the first one's on a tie). */
function usualCategory(issues: VisitIssue[]): Category {
  const counts = new Map<Category, number>();
  for (const i of issues) counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '其他';
}

/**
 * Who raises a case's proposal unless the liaison names them: the group's leader (when a
 * representative), then the representatives whose visits found the issues, in order.
 */
function defaultProposers(c: VisitCase, issues: VisitIssue[]): string[] {
  const byIssue = c.issueIds.map((id) => issues.find((i) => i._id === id)?.byRepId).filter((x): x is string => !!x);
  return [...new Set([...(c.leaderRepId ? [c.leaderRepId] : []), ...byIssue])];
}

/**
 * 转为代表提议: the consultation found the matter is for a representatives' proposal. The
 * proposal is made first (core/proposals `createProposalFromCase`, once per case: a retry after
 * a failure finds it), raised by `proposerRepIds` (members of the group) or else the leader and
 * the representatives who found the issues; then the case records it — its id and number — with
 * the note. Refused before anything is made when the caller may not, or the case was already
 * turned into one.
 */
export async function caseToProposal(deps: Deps, caller: Caller, cmd: { id: string; note: string; proposerRepIds?: string[] }) {
  const c = await loadCase(deps, caller, cmd.id);
  const facts = factsOf(c);
  const relations = caseKind.relationsOf(caller, c);
  if (!caseLifecycle.transition(facts, 'toProposal', relations)) throw caseLifecycle.refusal(facts, 'toProposal', relations);
  const named = cmd.proposerRepIds ? [...new Set(cmd.proposerRepIds)] : null;
  if (named && named.some((r) => !c.memberRepIds.includes(r))) throw validationError('提议人须是本代表组的党代表');
  const [issues] = await Promise.all([
    deps.store.find<VisitIssue>('visitIssues', { where: { _id: { in: c.issueIds } }, limit: Math.max(1, c.issueIds.length) }),
    checkText(deps, caller, [cmd.note]),
  ]);
  const proposers = named ?? defaultProposers(c, issues);
  if (proposers.length === 0) throw validationError('请选择提议人（本代表组的党代表）');
  const { proposalId, no } = await createProposalFromCase(deps, caller, {
    caseId: c._id,
    caseNo: c.no,
    title: c.title,
    content: `${c.summary}\n\n民情会诊（${c.no}）意见：${cmd.note}\n\n涉及问题：\n${c.issues.map((i, n) => `${n + 1}. ${i.text}`).join('\n')}`,
    studioId: c.studioId,
    category: usualCategory(issues),
    proposerRepIds: proposers,
  });
  return act(
    deps,
    caller,
    c,
    'toProposal',
    (now) => ({ proposal: { note: cmd.note, at: now, byName: caller.name, proposalId, no }, ...(c.status === 'scheduled' ? { closedAt: now } : {}) }),
    `${cmd.note}（代表提议 ${no}）`,
  );
}

/** 撤回: the leader withdraws it before the decision; the issues can be sent again. */
export async function withdrawCase(deps: Deps, caller: Caller, cmd: { id: string; reason: string }) {
  await checkText(deps, caller, [cmd.reason]);
  const [c, issues] = await Promise.all([
    loadCase(deps, caller, cmd.id),
    deps.store.find<VisitIssue>('visitIssues', { where: { caseId: cmd.id }, limit: 100 }),
  ]);
  const saved = await act(deps, caller, c, 'withdraw', (now) => ({ withdrawReason: cmd.reason, closedAt: now }), cmd.reason);
  await Promise.all(
    issues.map(async (i) => {
      const { _v, ...rest } = i;
      try {
        await deps.store.update<VisitIssue>('visitIssues', i._id, _v, { ...rest, escalated: 0, caseId: null });
      } catch (e) {
        if (!(e instanceof VersionConflict)) throw e;
      }
    }),
  );
  return saved;
}

/** One case, for those who may see it. */
export async function getCase(deps: Deps, caller: Caller, id: string) {
  return viewCase(await loadCase(deps, caller, id), caller, deps.clock.now());
}

/** A line of a list. */
const summarize = (c: VisitCase, now: number) => ({
  id: c._id,
  no: c.no,
  status: c.status,
  statusLabel: CASE_STATUS_LABELS[c.status],
  title: c.title,
  groupName: c.groupName,
  issues: c.issues.length,
  meetingAt: c.meeting?.at ?? null,
  measures: c.measures.length,
  measuresDone: c.measures.filter((m) => m.doneAt !== null).length,
  overdue: c.status === 'in_progress' && c.measures.some((m) => m.doneAt === null && now > m.dueAt),
  nextDeadline: c.measures.filter((m) => m.doneAt === null).map((m) => m.deadline).sort()[0] ?? null,
  createdAt: c.createdAt,
});

/** Cases newest first: of the caller's groups, a liaison's townships, every one for an administrator. */
export async function listCases(
  deps: Deps,
  caller: Caller,
  q: { groupId?: string; status?: CaseStatus; page: number; pageSize: number },
): Promise<Page<ReturnType<typeof summarize>>> {
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);
  const where: Filter = { ...scopeOf(caller), ...(q.groupId ? { groupId: q.groupId } : {}), ...(q.status ? { status: q.status } : {}) };
  const [rows, total] = await Promise.all([
    deps.store.find<VisitCase>('visitCases', { where, orderBy: [['createdAt', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('visitCases', where),
  ]);
  const now = deps.clock.now();
  return { items: rows.map((c) => summarize(c, now)), total, page: q.page, pageSize: q.pageSize };
}


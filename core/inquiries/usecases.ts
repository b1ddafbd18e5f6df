/**
 * The inquiry's use cases (党内质询): raise and co-sign, accept or return, clarify, reply and
 * meet (三见面), evaluate round by round, extend, hold to account, the committee's decision.
 * Every change goes through the kernel's runner with the inquiry's kind.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { extendClock, pauseClock, resumeClock, startClock } from '../matters/deadline';
import { createNumbered, requestDocId } from '../matters/numbering';
import { runTransition, settle } from '../matters/runner';
import { timelineEvent } from '../matters/timeline';
import { checkText } from '../register/usecases';
import { inquiryEffects, inquiryKind } from './kind';
import type { InquiryAction, InquiryStatus } from './lifecycle';
import { REFUSALS, factsOf, may, proposersOf } from './permissions';
import type { AccountabilityMeasure, Contact, Inquiry, InquiryArea, InquiryContext, SubjectBody } from './types';
import { viewInquiry, type InquiryView } from './view';

/** Reads an inquiry the caller may see; anyone else is told it does not exist (it is confidential). */
export async function loadInquiry(deps: Deps, caller: Caller, id: string): Promise<Inquiry> {
  const inq = await deps.store.get<Inquiry>('inquiries', id);
  if (!inq || !may(caller, 'read', inq)) throw notFound('该质询');
  return inq;
}

const view = (deps: Deps, caller: Caller, inq: Inquiry): InquiryView => viewInquiry(inq, caller, deps.clock.now(), deps.config);

type Change = Partial<Omit<Inquiry, '_id' | '_v' | 'status' | 'timeline'>>;

async function act(deps: Deps, caller: Caller, inq: Inquiry, action: InquiryAction, change: (now: number) => Change, note?: string) {
  const saved = await runTransition(deps, inquiryKind, caller, inq, { action, change, note });
  return view(deps, caller, saved);
}

export interface RaiseCommand {
  requestId: string;
  subject: { body: SubjectBody; member?: string };
  area: InquiryArea;
  title: string;
  content: string;
  coSigners?: string[];
  attachments?: string[];
  context: InquiryContext;
}

/**
 * 提出质询: a representative raises an inquiry, alone or with co-signers who each co-sign
 * before it is sent. It is numbered (`ZX2026-001`) at once; a retry with the same requestId
 * returns the same inquiry.
 */
export async function raiseInquiry(deps: Deps, caller: Caller, cmd: RaiseCommand): Promise<InquiryView> {
  if (!may(caller, 'raise', null) || !caller.representativeId) throw forbidden(REFUSALS.raise);
  const id = requestDocId('zx', caller.openid, cmd.requestId);
  const coIds = [...new Set(cmd.coSigners ?? [])];
  if (coIds.includes(caller.representativeId)) throw validationError('联名党代表不能包括提出人本人');
  const [retried, ...reps] = await Promise.all([
    deps.store.get<Inquiry>('inquiries', id),
    ...coIds.map((rid) => deps.store.get<Representative>('representatives', rid)),
  ]);
  if (retried) return view(deps, caller, retried as Inquiry);
  if (reps.some((r) => r === null)) throw validationError('所选的联名党代表不存在');
  await checkText(deps, caller, [cmd.title, cmd.content, cmd.subject.member ?? '']);

  const now = deps.clock.now();
  const status: InquiryStatus = coIds.length ? 'cosigning' : 'submitted';
  const draft: Omit<Inquiry, '_v' | 'no' | 'year' | 'seq'> = {
    _id: id,
    requestId: cmd.requestId,
    status,
    leadRepId: caller.representativeId,
    leadName: caller.name,
    coSigners: (reps as Representative[]).map((r) => ({ representativeId: r._id, name: r.name, signedAt: null })),
    participantRepIds: [caller.representativeId, ...coIds],
    subject: { body: cmd.subject.body, member: cmd.subject.member ?? null },
    area: cmd.area,
    title: cmd.title,
    content: cmd.content,
    attachments: cmd.attachments ?? [],
    context: cmd.context,
    contactId: null,
    contactName: null,
    contactUnit: null,
    round: 1,
    clock: null,
    dueAt: null,
    replies: [],
    timeliness: null,
    satisfaction: null,
    meetings: [],
    metAt: null,
    evaluations: [],
    clarifications: [],
    extensions: [],
    accountability: [],
    returnReason: null,
    committeeDecision: null,
    createdAt: now,
    acceptedAt: null,
    updatedAt: now,
    closedAt: null,
    nextRemindAt: null,
    timeline: [timelineEvent<InquiryStatus, 'raise'>(now, 'raise', caller, null, status, coIds.length ? `邀请 ${coIds.length} 位党代表联名` : undefined)],
    effects: [],
    effectsDueAt: null,
  };
  const effects = inquiryEffects(draft as Inquiry, 'raise', now);
  const { doc, created } = await createNumbered<Inquiry>(
    deps,
    { collection: 'inquiries', prefix: deps.config.inquiryPrefix, width: 3 },
    { ...draft, effects: effects, effectsDueAt: effects.length ? now : null },
  );
  return view(deps, caller, created ? await settle(deps, 'inquiries', doc) : doc);
}

/** 联名: a co-signer signs; the last signature sends the inquiry to the administrators. */
export async function cosignInquiry(deps: Deps, caller: Caller, id: string) {
  const inq = await loadInquiry(deps, caller, id);
  if (inq.coSigners.some((c) => c.representativeId === caller.representativeId && c.signedAt !== null)) throw invalidState('您已联名该质询');
  const last = factsOf(inq, deps.clock.now(), deps.config.inquiry.maxRounds).unsigned === 1;
  return act(deps, caller, inq, last ? 'cosignLast' : 'cosign', (now) => ({
    coSigners: inq.coSigners.map((c) => (c.representativeId === caller.representativeId && c.signedAt === null ? { ...c, signedAt: now } : c)),
  }));
}

/** 受理: the administrator accepts it and names the subject's contact; the 30-day clock starts. */
export async function acceptInquiry(deps: Deps, caller: Caller, id: string, contactId: string) {
  const [inq, contact] = await Promise.all([loadInquiry(deps, caller, id), deps.store.get<Contact>('contacts', contactId)]);
  if (!contact) throw validationError('所选的质询对象联系人不存在');
  return act(
    deps,
    caller,
    inq,
    'accept',
    (now) => {
      const clock = startClock(now, deps.config.inquiry.replyDays);
      return { contactId: contact._id, contactName: contact.name, contactUnit: contact.unit, clock, dueAt: clock.dueAt, acceptedAt: now };
    },
    `交${contact.unit} ${contact.name}办理，${deps.config.inquiry.replyDays} 日内书面答复`,
  );
}

/** 退回: not admissible as an inquiry, with the reason. */
export async function returnInquiry(deps: Deps, caller: Caller, id: string, reason: string) {
  await checkText(deps, caller, [reason]);
  const inq = await loadInquiry(deps, caller, id);
  return act(deps, caller, inq, 'return', (now) => ({ returnReason: reason, closedAt: now }), reason);
}

/** 请求补充说明: the contact asks the proposers to clarify; the clock pauses. */
export async function askClarification(deps: Deps, caller: Caller, id: string, question: string) {
  await checkText(deps, caller, [question]);
  const inq = await loadInquiry(deps, caller, id);
  return act(
    deps,
    caller,
    inq,
    'askClarification',
    (now) => ({
      clock: inq.clock && pauseClock(inq.clock, now),
      dueAt: null,
      clarifications: [...inq.clarifications, { round: inq.round, question, askedAt: now, answer: null, answeredAt: null }],
    }),
    `${question}（办理期限暂停计算）`,
  );
}

/** 补充说明: a proposer answers; the clock runs again and the paused days move the due date. */
export async function clarifyInquiry(deps: Deps, caller: Caller, id: string, answer: string) {
  await checkText(deps, caller, [answer]);
  const inq = await loadInquiry(deps, caller, id);
  return act(
    deps,
    caller,
    inq,
    'clarify',
    (now) => {
      const clock = inq.clock && resumeClock(inq.clock, now);
      const clarifications = inq.clarifications.map((c, i) => (i === inq.clarifications.length - 1 ? { ...c, answer, answeredAt: now } : c));
      return { clock, dueAt: clock?.dueAt ?? null, clarifications };
    },
    answer,
  );
}

/** 书面答复: the written reply; on time if by the due date. */
export async function replyInquiry(deps: Deps, caller: Caller, id: string, text: string, attachments: string[] = []) {
  await checkText(deps, caller, [text]);
  const inq = await loadInquiry(deps, caller, id);
  return act(
    deps,
    caller,
    inq,
    'reply',
    (now) => {
      const onTime = inq.clock === null || now <= inq.clock.dueAt;
      return {
        replies: [...inq.replies, { round: inq.round, text, attachments, at: now, byName: caller.name, onTime }],
        timeliness: onTime ? 'on_time' : 'late',
        dueAt: null,
      };
    },
    text,
  );
}

export interface MeetCommand {
  id: string;
  at: number;
  place: string;
  attendees: string;
  summary: string;
}

/** 三见面: the face-to-face explanation, recorded after it took place; evaluation opens. */
export async function meetInquiry(deps: Deps, caller: Caller, cmd: MeetCommand) {
  await checkText(deps, caller, [cmd.place, cmd.attendees, cmd.summary]);
  const inq = await loadInquiry(deps, caller, cmd.id);
  const now = deps.clock.now();
  if (cmd.at > now + 60 * 60 * 1000) throw validationError('见面沟通须在进行后登记，时间不能晚于现在');
  return act(
    deps,
    caller,
    inq,
    'meet',
    (at) => ({
      meetings: [...inq.meetings, { round: inq.round, at: cmd.at, place: cmd.place, attendees: cmd.attendees, summary: cmd.summary, recordedAt: at }],
      metAt: inq.metAt ?? cmd.at,
    }),
    `${cmd.place}：${cmd.summary}`,
  );
}

/**
 * 评价: each proposer once a round. When the last has evaluated: more than half not
 * satisfied opens the next round with a new clock, or after the last round sends it to the
 * committee; otherwise it is closed.
 */
export async function evaluateInquiry(deps: Deps, caller: Caller, id: string, satisfied: boolean, comment?: string) {
  if (comment) await checkText(deps, caller, [comment]);
  const inq = await loadInquiry(deps, caller, id);
  if (inq.evaluations.some((e) => e.round === inq.round && e.representativeId === caller.representativeId)) {
    throw invalidState(`您已对第 ${inq.round} 轮办理作出评价`);
  }
  const now = deps.clock.now();
  const facts = factsOf(inq, now, deps.config.inquiry.maxRounds);
  const proposers = proposersOf(inq);
  const mine = { round: inq.round, representativeId: caller.representativeId ?? '', name: caller.name, satisfied, comment: comment ?? null, at: now };
  const evaluations = [...inq.evaluations, mine];
  const thisRound = evaluations.filter((e) => e.round === inq.round);
  const unsatisfied = thisRound.filter((e) => !e.satisfied).length;
  const notSatisfied = unsatisfied * 2 > proposers.length;
  const action: InquiryAction =
    facts.unevaluated > 1 ? 'evaluate' : !notSatisfied ? 'evaluateConclude' : inq.round < deps.config.inquiry.maxRounds ? 'evaluateNextRound' : 'evaluateToCommittee';
  const note = `${satisfied ? '满意' : '不满意'}${comment ? `：${comment}` : ''}`;
  return act(
    deps,
    caller,
    inq,
    action,
    (at) => {
      if (action === 'evaluate') return { evaluations };
      if (action === 'evaluateConclude') return { evaluations, satisfaction: 'satisfied', closedAt: at };
      if (action === 'evaluateToCommittee') return { evaluations, satisfaction: 'unsatisfied' };
      const clock = startClock(at, deps.config.inquiry.replyDays);
      return { evaluations, satisfaction: 'unsatisfied', round: inq.round + 1, clock, dueAt: clock.dueAt, timeliness: null };
    },
    note,
  );
}

/** 延长办理期限: by the administrator, with a reason, at most once a round. */
export async function extendInquiry(deps: Deps, caller: Caller, id: string, days: number, reason: string) {
  await checkText(deps, caller, [reason]);
  const inq = await loadInquiry(deps, caller, id);
  return act(
    deps,
    caller,
    inq,
    'extend',
    (now) => {
      const clock = inq.clock && extendClock(inq.clock, days);
      return {
        clock,
        dueAt: clock && clock.pausedAt === null ? clock.dueAt : null,
        extensions: [...inq.extensions, { round: inq.round, days, reason, byName: caller.name, at: now }],
      };
    },
    `延长 ${days} 天：${reason}`,
  );
}

/** 问责: criticism or accountability for an overdue, late or unsatisfying handling. */
export async function holdAccountable(deps: Deps, caller: Caller, id: string, measure: AccountabilityMeasure, note: string) {
  await checkText(deps, caller, [note]);
  const inq = await loadInquiry(deps, caller, id);
  return act(
    deps,
    caller,
    inq,
    'holdAccountable',
    (now) => ({ accountability: [...inq.accountability, { round: inq.round, measure, note, byName: caller.name, at: now }] }),
    `${measure}：${note}`,
  );
}

/** 党委（纪委）研究决定: what the committee decided, which closes the inquiry. */
export async function decideInquiry(deps: Deps, caller: Caller, id: string, decision: string) {
  await checkText(deps, caller, [decision]);
  const inq = await loadInquiry(deps, caller, id);
  return act(deps, caller, inq, 'decide', (now) => ({ committeeDecision: decision, closedAt: now }), decision);
}

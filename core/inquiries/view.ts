import type { Config } from '../config';
import type { Caller } from '../members/types';
import { daysLeft, isOverdue } from '../matters/deadline';
import { shanghaiDate } from '../time';
import { INQUIRY_STATUS_LABELS, inquiryLifecycle, type InquiryPublicAction, type InquiryStatus } from './lifecycle';
import { factsOf, relationsOf } from './permissions';
import { INQUIRY_AREA_LABELS, INQUIRY_CONTEXT_LABELS, SUBJECT_BODY_LABELS, type Inquiry } from './types';

/** The inquiry as a caller who may see it sees it, with the actions they may take now. */
export function viewInquiry(inq: Inquiry, caller: Caller, now: number, config: Config) {
  const clock = inq.clock;
  return {
    id: inq._id,
    no: inq.no,
    status: inq.status as InquiryStatus,
    statusLabel: INQUIRY_STATUS_LABELS[inq.status],
    round: inq.round,
    maxRounds: config.inquiry.maxRounds,
    subject: { ...inq.subject, bodyLabel: SUBJECT_BODY_LABELS[inq.subject.body] },
    area: inq.area,
    areaLabel: INQUIRY_AREA_LABELS[inq.area],
    context: inq.context,
    contextLabel: INQUIRY_CONTEXT_LABELS[inq.context],
    title: inq.title,
    content: inq.content,
    attachments: inq.attachments,
    lead: { representativeId: inq.leadRepId, name: inq.leadName },
    coSigners: inq.coSigners.map((c) => ({ representativeId: c.representativeId, name: c.name, signed: c.signedAt !== null, signedAt: c.signedAt })),
    contact: inq.contactId ? { id: inq.contactId, name: inq.contactName, unit: inq.contactUnit } : null,
    clock: clock && {
      dueAt: clock.dueAt,
      dueDate: shanghaiDate(clock.dueAt),
      daysLeft: daysLeft(clock, now),
      paused: clock.pausedAt !== null,
      pausedDays: clock.pausedDays,
      extendedDays: clock.extendedDays,
      overdue: inq.status === 'accepted' && isOverdue(clock, now),
    },
    reply: inq.replies.find((r) => r.round === inq.round) ?? null,
    replies: inq.replies,
    meetings: inq.meetings,
    evaluations: inq.evaluations,
    clarifications: inq.clarifications,
    extensions: inq.extensions,
    accountability: inq.accountability,
    returnReason: inq.returnReason,
    committeeDecision: inq.committeeDecision,
    createdAt: inq.createdAt,
    acceptedAt: inq.acceptedAt,
    updatedAt: inq.updatedAt,
    closedAt: inq.closedAt,
    timeline: inq.timeline,
    actions: inquiryLifecycle.allowedActions(factsOf(inq, now, config.inquiry.maxRounds), relationsOf(caller, inq)) as InquiryPublicAction[],
  };
}

export type InquiryView = ReturnType<typeof viewInquiry>;

/** A line of a list: enough to pick one. */
export function summarizeInquiry(inq: Inquiry, now: number) {
  return {
    id: inq._id,
    no: inq.no,
    status: inq.status,
    statusLabel: INQUIRY_STATUS_LABELS[inq.status],
    round: inq.round,
    title: inq.title,
    subjectLabel: `${SUBJECT_BODY_LABELS[inq.subject.body]}${inq.subject.member ? ` ${inq.subject.member}` : ''}`,
    leadName: inq.leadName,
    contactName: inq.contactName,
    dueDate: inq.clock ? shanghaiDate(inq.clock.dueAt) : null,
    daysLeft: inq.clock && inq.status === 'accepted' ? daysLeft(inq.clock, now) : null,
    overdue: inq.status === 'accepted' && inq.clock !== null && isOverdue(inq.clock, now),
    createdAt: inq.createdAt,
  };
}

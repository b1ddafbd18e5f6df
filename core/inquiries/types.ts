/**
 * The inner-party inquiry (党内质询): representatives inquire of the party committee (党委),
 * the discipline committee (纪委) or their members; the subject answers in writing within 30
 * days and explains face to face (三见面); unsatisfied proposers ask for further handling.
 */
import type { DeadlineClock } from '../matters/deadline';
import type { Numbered } from '../matters/numbering';
import type { MatterDoc } from '../matters/runner';
import type { StoredDoc } from '../ports/store';
import type { InquiryAction, InquiryStatus } from './lifecycle';

/** Whom the inquiry is addressed to. */
export const SUBJECT_BODIES = ['party_committee', 'discipline_committee'] as const;
export type SubjectBody = (typeof SUBJECT_BODIES)[number];
export const SUBJECT_BODY_LABELS: Record<SubjectBody, string> = { party_committee: '党委', discipline_committee: '纪委' };

/** What it may be about (the source's list). */
export const INQUIRY_AREAS = ['policy', 'decisions', 'duties', 'integrity', 'hot_issues'] as const;
export type InquiryArea = (typeof INQUIRY_AREAS)[number];
export const INQUIRY_AREA_LABELS: Record<InquiryArea, string> = {
  policy: '贯彻党的方针政策和上级重大决策部署',
  decisions: '执行党代会、纪委会作出的决定、决议和重大工作部署',
  duties: '履行岗位职责、密切联系党员群众、为群众办实事',
  integrity: '党风廉政建设',
  hot_issues: '党员群众反映集中的热点难点问题',
};

/** Raised during the congress (质询会) or between congresses (专题质询). */
export const INQUIRY_CONTEXTS = ['congress', 'interim'] as const;
export type InquiryContext = (typeof INQUIRY_CONTEXTS)[number];
export const INQUIRY_CONTEXT_LABELS: Record<InquiryContext, string> = { congress: '党代会期间', interim: '党代会闭会期间' };

export const ACCOUNTABILITY_MEASURES = ['批评教育', '追究责任'] as const;
export type AccountabilityMeasure = (typeof ACCOUNTABILITY_MEASURES)[number];

/** 质询对象联系人: the person who answers for the subject; bound to a WeChat account by invitation. */
export interface Contact extends StoredDoc {
  name: string;
  /** Office and post, e.g. 县委办公室 副主任. */
  unit: string;
  body: SubjectBody;
  createdAt: number;
  createdBy: string;
}

export interface CoSigner {
  representativeId: string;
  name: string;
  signedAt: number | null;
}

export interface Meeting {
  round: number;
  at: number;
  place: string;
  attendees: string;
  summary: string;
  recordedAt: number;
}

export interface Evaluation {
  round: number;
  representativeId: string;
  name: string;
  satisfied: boolean;
  comment: string | null;
  at: number;
}

export interface Inquiry extends MatterDoc<InquiryStatus, InquiryAction | 'raise'>, Numbered {
  requestId: string;
  leadRepId: string;
  leadName: string;
  coSigners: CoSigner[];
  /** The lead and every co-signer (signed or not): who may see it, for `has` queries. */
  participantRepIds: string[];
  subject: { body: SubjectBody; member: string | null };
  area: InquiryArea;
  title: string;
  content: string;
  attachments: string[];
  context: InquiryContext;
  contactId: string | null;
  contactName: string | null;
  contactUnit: string | null;
  /** Starts at 1; a majority not satisfied opens the next round with a new clock. */
  round: number;
  clock: DeadlineClock | null;
  /** The running clock's due instant (null while paused or not running): for the overdue queries. */
  dueAt: number | null;
  /** Every round's written reply. */
  replies: Array<{ round: number; text: string; attachments: string[]; at: number; byName: string; onTime: boolean }>;
  /** The latest round's reply: on time or late (grouped by `stats`). */
  timeliness: 'on_time' | 'late' | null;
  /** How evaluation ended: satisfied closes, unsatisfied opens another round. */
  satisfaction: 'satisfied' | 'unsatisfied' | null;
  meetings: Meeting[];
  /** When the first face-to-face explanation took place (any round): counted by `stats`. */
  metAt: number | null;
  evaluations: Evaluation[];
  clarifications: Array<{ round: number; question: string; askedAt: number; answer: string | null; answeredAt: number | null }>;
  extensions: Array<{ round: number; days: number; reason: string; byName: string; at: number }>;
  accountability: Array<{ round: number; measure: AccountabilityMeasure; note: string; byName: string; at: number }>;
  returnReason: string | null;
  committeeDecision: string | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
}

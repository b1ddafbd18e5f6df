/**
 * The shapes the cloud functions answer with (docs/api.md), as far as the pages use them.
 * Times are epoch milliseconds; calendar dates are `YYYY-MM-DD` in Asia/Shanghai.
 */

/** A page of a list action. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One of Xianju's 20 townships and streets. */
export interface Township {
  id: string;
  name: string;
  kind: string;
}

/** A studio as listed. */
export interface StudioSummary {
  id: string;
  name: string;
  kind: string;
  townshipId: string;
  address: string;
  openingHours: string;
}

/** A representative on a studio's wall. */
export interface Representative {
  id: string;
  name: string;
  unit: string;
  photo: string;
  level: string;
  intro: string;
}

/** A studio with its "four on the wall" (四上墙). */
export interface Studio extends StudioSummary {
  townshipName: string;
  phone: string;
  location: { latitude: number; longitude: number } | null;
  duties: string[];
  rules: string[];
  representatives: Representative[];
}

/** What a caller may do with a reception; the resident app renders `book` and `cancelBooking`. */
export type ReceptionAction = 'book' | 'cancelBooking' | 'publish' | 'cancel' | 'close' | 'checkIn' | 'walkIn';

export type BookingStatus = 'booked' | 'waiting' | 'checked_in' | 'cancelled';

/** A resident's place at a reception. */
export interface Booking {
  id: string;
  receptionId: string;
  status: BookingStatus;
  /** The 6-character door code. */
  code: string;
  waitingPosition: number | null;
  question: string | null;
  itemId: string | null;
  createdAt: number;
  checkedInAt: number | null;
}

/** A reception as listed. */
export interface ReceptionSummary {
  id: string;
  studioId: string;
  studioName: string;
  startAt: number;
  endAt: number;
  form: string;
  formLabel: string;
  place: string;
  topic: string;
  status: string;
  capacity: number;
  placesLeft: number;
  waiting: number;
  representatives: Array<{ id: string; name: string; unit: string }>;
}

/** A reception's notice, with the caller's booking and actions. */
export interface Reception extends Omit<ReceptionSummary, 'representatives'> {
  /** `viaStudio`: the phone is the studio's (the representative did not agree to show their own; no WeChat id then). */
  representatives: Array<{ id: string; name: string; unit: string; phone: string; wechat: string; viaStudio?: boolean }>;
  cancelReason: string | null;
  myBooking: Booking | null;
  actions: ReceptionAction[];
}

/** A booking with its reception (`myBookings`; `waitingPosition` is not filled in there). */
export interface BookingWithReception extends Booking {
  reception: ReceptionSummary | null;
}

export type ItemStatus = 'submitted' | 'accepted' | 'in_progress' | 'answered' | 'resolved' | 'closed' | 'rejected';

/** One line of an item's timeline (痕迹化管理). */
export interface ItemEvent {
  at: number;
  action: string;
  actorRole: string;
  actorName: string;
  from: ItemStatus | null;
  to: ItemStatus;
  note?: string;
}

/** A register item (意见建议) as its submitter sees it. */
export interface Item {
  id: string;
  no: string;
  status: ItemStatus;
  statusLabel: string;
  round: number;
  channel: string;
  studioId: string;
  studioName: string;
  category: string;
  content: string;
  /** Masked for everyone but the submitter; `revealable`: this caller may see it in full with `register.showContact` (logged). */
  contact: { name: string | null; phone: string | null; masked: boolean; revealable?: boolean };
  anonymous: boolean;
  /** Photo file IDs (cloud storage, or the local host's `local://uploads/…`). */
  photos?: string[];
  owner: { name: string } | null;
  promise: { deadline: string; note: string; at: number } | null;
  referral: { departmentName: string; deadline: string; note?: string | null; result: string | null; resultAt?: number | null } | null;
  reply: { text: string; at: number; byName: string } | null;
  satisfaction: 'satisfied' | 'unsatisfied' | null;
  feedback: Array<{ round: number; satisfied: boolean; comment: string | null; at: number }>;
  rejectReason: string | null;
  createdAt: number;
  dueAt: number;
  overdue: boolean;
  closeDueAt: number | null;
  closedAt: number | null;
  receptionId?: string | null;
  timeline: ItemEvent[];
  /** What this caller may do now; a resident's only one is `feedback`. */
  actions: string[];
}

/** The categories of the register (docs/api.md, `register.submit`). */
export const CATEGORIES = [
  '民生服务',
  '城乡建设',
  '交通出行',
  '生态环境',
  '教育医疗',
  '社会保障',
  '就业创业',
  '农业农村',
  '党的建设',
  '矛盾纠纷',
  '其他',
] as const;

/** A message in 消息中心 (`members.notices`). */
export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The page it is about (`pages/…/index?id=`), without a leading slash. */
  page: string | null;
  createdAt: number;
  read: boolean;
}

/** A page of 消息中心 with the unread count. */
export interface Notices extends Paged<Notice> {
  unread: number;
}

/** 群众, 党代表, 联络员, 县级管理员, 质询对象联系人: what `members.me` says the caller is. */
export type Role = 'resident' | 'representative' | 'liaison' | 'admin' | 'contact';

/** The caller (`members.me`). */
export interface Me {
  openid: string;
  role: Role;
  representativeId?: string;
  /** For an inquiry subject's contact (质询对象联系人): the contact record bound. */
  contactId?: string;
  /** The studios a representative or liaison serves. */
  studioIds?: string[];
  name: string;
  /** A representative: whether residents see their own mobile and WeChat id (`members.consent`). */
  contactPublic?: boolean;
  /** The cloud storage folder of this caller's photo uploads. */
  uploadDir?: string;
}

/** What `members.bind` answers. */
export interface Binding {
  role: Role;
  studioIds: string[];
  representativeId?: string;
}

/** A one-time invitation code (`members.invite`), valid until `expiresAt`. */
export interface Invitation {
  code: string;
  kind: 'representative' | 'liaison';
  label: string;
  expiresAt: number;
}

/** 工作台 counts (`register.workbench`). */
export interface Workbench {
  new: number;
  mine: number;
  dueSoon: number;
  overdue: number;
  /** "Due soon" means due within this many days. */
  dueSoonDays: number;
}

/** A department items can be referred to (有关单位). */
export interface Department {
  id: string;
  name: string;
}

/** A reception in a representative's or liaison's duties, with what the caller may do. */
export interface Duty extends ReceptionSummary {
  booked: number;
  actions: ReceptionAction[];
}

/** A reception as its representatives on duty and liaison see it: the items raised there come with it. */
export interface StaffReception extends Reception {
  publishedAt: number | null;
  attendance: number | null;
  summary: string | null;
  /** Present only for those who may check in (the server decides). */
  items?: Array<{ id: string; no: string; status: string; category: string; content: string }>;
}

/** A booking just checked in at the door. */
export interface CheckedIn extends Booking {
  reception: ReceptionSummary;
}

/** A rate with its formula, as the back end defines it (docs/api.md, stats). */
export interface Rate {
  numerator: number;
  denominator: number;
  /** One decimal; null when the denominator is 0. */
  percent: number | null;
  formula: string;
}

/** A studio's figures over a period (`register.stats`). */
export interface Stats {
  scope: string;
  id: string | null;
  from: string | null;
  to: string | null;
  collected: number;
  rejected: number;
  open: number;
  answeredOrResolved: number;
  resolved: number;
  overdue: number;
  onTime: number;
  rated: number;
  satisfied: number;
  rates: { answeredOrResolved: Rate; resolved: Rate; onTime: Rate; satisfied: Rate };
}

/** 党内质询 (`inquiries`, docs/api.md): its statuses. */
export type InquiryStatus = 'cosigning' | 'submitted' | 'accepted' | 'clarifying' | 'replied' | 'met' | 'committee' | 'closed' | 'returned';

/** What a caller may do with an inquiry now (its `actions`). */
export type InquiryAction = 'cosign' | 'accept' | 'return' | 'askClarification' | 'clarify' | 'reply' | 'meet' | 'evaluate' | 'decide' | 'extend' | 'holdAccountable';

/** Whom an inquiry is addressed to: 党委 or 纪委. */
export type SubjectBody = 'party_committee' | 'discipline_committee';

/** What an inquiry may be about (the five areas of the source). */
export type InquiryArea = 'policy' | 'decisions' | 'duties' | 'integrity' | 'hot_issues';

/** The 30-day clock of an accepted inquiry, in Shanghai calendar days. */
export interface InquiryClock {
  dueAt: number;
  dueDate: string;
  /** 0 on the due day, negative once overdue; while paused, counted from the pause. */
  daysLeft: number;
  paused: boolean;
  pausedDays: number;
  extendedDays: number;
  overdue: boolean;
}

/** One line of an inquiry's timeline. */
export interface InquiryEvent {
  at: number;
  action: string;
  actorRole: string;
  actorName: string;
  from: InquiryStatus | null;
  to: InquiryStatus;
  note?: string;
}

/** An inquiry in full (`inquiries.get` and every action's answer), with what the caller may do now. */
export interface Inquiry {
  id: string;
  no: string;
  status: InquiryStatus;
  statusLabel: string;
  round: number;
  maxRounds: number;
  subject: { body: SubjectBody; member: string | null; bodyLabel: string };
  area: InquiryArea;
  areaLabel: string;
  context: 'congress' | 'interim';
  contextLabel: string;
  title: string;
  content: string;
  attachments: string[];
  lead: { representativeId: string; name: string };
  coSigners: Array<{ representativeId: string; name: string; signed: boolean; signedAt: number | null }>;
  contact: { id: string; name: string | null; unit: string | null } | null;
  clock: InquiryClock | null;
  reply: InquiryReply | null;
  replies: InquiryReply[];
  meetings: Array<{ round: number; at: number; place: string; attendees: string; summary: string; recordedAt: number }>;
  evaluations: Array<{ round: number; representativeId: string; name: string; satisfied: boolean; comment: string | null; at: number }>;
  clarifications: Array<{ round: number; question: string; askedAt: number; answer: string | null; answeredAt: number | null }>;
  extensions: Array<{ round: number; days: number; reason: string; byName: string; at: number }>;
  accountability: Array<{ round: number; measure: string; note: string; byName: string; at: number }>;
  returnReason: string | null;
  committeeDecision: string | null;
  createdAt: number;
  acceptedAt: number | null;
  updatedAt: number;
  closedAt: number | null;
  timeline: InquiryEvent[];
  actions: InquiryAction[];
}

/** A written reply (书面答复) of one round. */
export interface InquiryReply {
  round: number;
  text: string;
  attachments: string[];
  at: number;
  byName: string;
  onTime: boolean;
}

/** An inquiry as listed (`inquiries.list`; `supervision` adds how often it was held to account). */
export interface InquirySummary {
  id: string;
  no: string;
  status: InquiryStatus;
  statusLabel: string;
  round: number;
  title: string;
  subjectLabel: string;
  leadName: string;
  contactName: string | null;
  dueDate: string | null;
  /** Only while the written reply is awaited (`accepted`). */
  daysLeft: number | null;
  overdue: boolean;
  createdAt: number;
  accountability?: number;
}

/** A contact of an inquiry subject (质询对象联系人), as `inquiries.contacts` lists them. */
export interface InquiryContact {
  id: string;
  name: string;
  unit: string;
  body: SubjectBody;
  bodyLabel: string;
}

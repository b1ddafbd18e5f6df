/**
 * The contract: the shapes the cloud functions answer with (docs/api.md), as far as the pages
 * use them. Times are epoch milliseconds; calendar dates are `YYYY-MM-DD` in Asia/Shanghai.
 *
 * Types only, and no imports: the mini-program imports this file type-only
 * (miniprogram/services/types.ts, `export type { … } from`), so nothing of core's code reaches
 * the pages, and tsconfig.miniprogram.json compiles it without Node's types.
 * test/core/contract.test.ts holds it to the back end: the unions equal core's own, and what the
 * use cases answer is assignable to these shapes (a field renamed or dropped on the server fails
 * the type check).
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
  /** null when the township is missing from the directory. */
  townshipName: string | null;
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

export type ItemStatus = 'submitted' | 'accepted' | 'in_progress' | 'answered' | 'resolved' | 'closed' | 'rejected' | 'merged';

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
  /** Shanghai calendar days to the deadline while open: negative once overdue; null when no longer open. */
  daysLeft?: number | null;
  studioPhone?: string | null;
  urgedAt?: number | null;
  /** In how many days an item chased lately may be chased again. */
  urgeAgainInDays?: number | null;
  /** How many residents raised it (its submitter and those whose duplicates were merged in). */
  raisedBy?: number;
  /** The caller follows it as one of its askers (a duplicate of theirs was merged into it). */
  asker?: boolean;
  /** The duplicates merged into it (staff only). */
  linked?: Array<{ id: string; no: string; content: string; at: number; satisfaction: 'satisfied' | 'unsatisfied' | null }> | null;
  /** On a merged item: where it is handled now, and how that item is doing. */
  mergedInto?: {
    id: string;
    no: string;
    progress: { status: string; statusLabel: string; overdue: boolean; daysLeft: number | null; asksFeedback: boolean; raisedBy: number } | null;
  } | null;
}

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

/** 群众, 党代表, 联络员, 县级管理员, 质询对象联系人, 有关单位: what `members.me` says the caller is. */
export type Role = 'resident' | 'representative' | 'liaison' | 'admin' | 'contact' | 'department';

/** The caller (`members.me`). */
export interface Me {
  openid: string;
  role: Role;
  representativeId?: string;
  /** For an inquiry subject's contact (质询对象联系人): the contact record bound. */
  contactId?: string;
  /** For department staff (有关单位): the department bound. */
  departmentId?: string;
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

/** 签到名单 (`receptions.door`): the bookings holding a place, not yet arrived first. */
export interface DoorList {
  id: string;
  status: string;
  booked: number;
  arrived: number;
  waitingList: number;
  lines: Array<{ code: string; arrived: boolean; seq: number; bookedAt: number; checkedInAt: number | null; question: string | null }>;
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

// ---------------------------------------------------------------------------------------------
// 组团联系服务 (functions `visits` and `sheets`, docs/api.md)

/** The five must-visit categories (必访类别). */
export type MustVisit = 'party_center' | 'pioneer' | 'four_old' | 'petitioner' | 'hardship';

export type VisitMode = 'home' | 'phone' | 'meeting';

/** What a caller may do with a group. */
export type GroupAction = 'record' | 'sendCase' | 'manage' | 'export';

/** 代表组 (`visits.group`; `visits.groups` adds `progress`). */
export interface VisitGroup {
  id: string;
  townshipId: string;
  townshipName: string;
  studioId: string;
  name: string;
  leader: { name: string; post: string | null; representativeId: string | null };
  members: Array<{ representativeId: string; name: string; leader: boolean }>;
  villages: string[];
  sector: string | null;
  target: number;
  actions: GroupAction[];
  progress?: { visited: number; target: number; percent: number | null };
}

/** A household of the register; `phone` is masked for representatives. */
export interface Household {
  id: string;
  groupId: string;
  village: string;
  team: string | null;
  doorNo: string;
  address: string;
  head: string;
  phone: string | null;
  phoneMasked: boolean;
  categories: Array<{ code: MustVisit; label: string }>;
  mustVisit: boolean;
  rep: { representativeId: string; name: string | null } | null;
  note: string | null;
  lastVisitAt: number | null;
  lastVisitDate: string | null;
  visitedThisYear: boolean;
  visits?: VisitRecord[];
}

/** An issue raised on a visit. */
export interface VisitIssueLine {
  id: string;
  text: string;
  category: string;
  outcome: 'solved' | 'registered';
  action: string | null;
  itemId: string | null;
  itemNo: string | null;
  householdId: string | null;
}

/** 走访记录. */
export interface VisitRecord {
  id: string;
  groupId: string;
  groupName: string;
  date: string;
  mode: VisitMode;
  modeLabel: string;
  by: { representativeId: string; name: string };
  with: Array<{ representativeId: string; name: string }>;
  others: string | null;
  households: Array<{ id: string; label: string; head: string }>;
  learned: string;
  photos: string[];
  issues: VisitIssueLine[];
  createdAt: number;
}

/** 走访进度 of a group (`visits.progress`). */
export interface VisitProgress {
  year: number;
  target: number;
  households: { registered: number; visited: number };
  percent: number | null;
  visits: number;
  pace: { expected: number; monthEnd: number; behind: boolean };
  coverage: Array<{ category: MustVisit; label: string; registered: number; visited: number; percent: number | null }>;
  issues: { found: number; solved: number; registered: number; escalated: number };
  groups?: Array<{ id: string; name: string; target: number; households: { visited: number }; percent: number | null }>;
}

/** An issue a leader may send to 民情会诊 (`visits.issues`). */
export interface OpenIssue {
  id: string;
  date: string;
  text: string;
  category: string;
  outcome: 'solved' | 'registered';
  itemNo: string | null;
  byName: string;
  escalated: boolean;
}

export type CaseStatus = 'submitted' | 'scheduled' | 'in_progress' | 'closed' | 'proposed' | 'withdrawn';
export type CaseAction = 'schedule' | 'decide' | 'completeMeasure' | 'toProposal' | 'withdraw';

/** A 民情会诊 case as listed. */
export interface CaseSummary {
  id: string;
  no: string;
  status: CaseStatus;
  statusLabel: string;
  title: string;
  groupName: string;
  issues: number;
  meetingAt: number | null;
  measures: number;
  measuresDone: number;
  overdue: boolean;
  nextDeadline: string | null;
  createdAt: number;
}

export interface CaseMeasure {
  id: string;
  text: string;
  owner: string;
  ownerRepId: string | null;
  deadline: string;
  doneAt: number | null;
  result: string | null;
  doneBy: string | null;
  done: boolean;
  overdue: boolean;
  canComplete: boolean;
}

/** A 民情会诊 case (`visits.case`). */
export interface VisitCase {
  id: string;
  no: string;
  status: CaseStatus;
  statusLabel: string;
  groupId: string;
  groupName: string;
  title: string;
  summary: string;
  sentBy: string;
  issues: Array<{ id: string; text: string; date: string; itemNo: string | null }>;
  meeting: { at: number; place: string; attendees: string | null } | null;
  decision: string | null;
  measures: CaseMeasure[];
  /** Turned into a representatives' proposal: `proposalId` and its number `no` (null on older cases). */
  proposal: { note: string; at: number; byName: string; proposalId: string | null; no?: string | null } | null;
  withdrawReason: string | null;
  createdAt: number;
  closedAt: number | null;
  timeline: Array<{ at: number; action: string; actorName: string; note?: string }>;
  actions: CaseAction[];
}

/** A stored Excel file (`sheets.*`). */
export interface SheetFile {
  fileId: string;
  fileName: string;
}

/** One wrong row of an import (`sheets.importHouseholds`' VALIDATION details). */
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/** One line of a forum's or a proposal's timeline (痕迹化管理). */
export interface MatterEvent {
  at: number;
  action: string;
  actorRole: string;
  actorName: string;
  from: string | null;
  to: string;
  note?: string;
}

/** 党代表论坛 (`forums`, docs/api.md): its levels, statuses and what a caller may do now. */
export type ForumLevel = 'county' | 'township' | 'delegation';
export type ForumStatus = 'draft' | 'published' | 'closed' | 'cancelled';
export type ForumAction = 'publish' | 'cancel' | 'close' | 'submitView';
/** Where a forum stands for a reader. */
export type ForumPhase = 'draft' | 'upcoming' | 'ongoing' | 'ended' | 'held' | 'cancelled';

/** A forum's outcome (论坛成果); `proposalNo` when it became a proposal. */
export interface ForumOutcome {
  title: string;
  content: string;
  asProposal: boolean;
  proposalId: string | null;
  proposalNo: string | null;
}

/** A forum as everyone reads it (`forums.list`, and the public part of `get`). */
export interface ForumSummary {
  id: string;
  level: ForumLevel;
  levelLabel: string;
  studioId: string | null;
  studioName: string | null;
  topic: string;
  description: string;
  startAt: number;
  endAt: number;
  form: string;
  formLabel: string;
  place: string;
  status: ForumStatus;
  statusLabel: string;
  phase: ForumPhase;
  phaseLabel: string;
  representatives: Array<{ id: string; name: string; unit: string }>;
  invitedDepartments: string[];
  cancelReason: string | null;
  /** `host`: presided (主持). */
  attendance: Array<{ id: string; name: string; host: boolean }>;
  summary: string | null;
  outcomes: ForumOutcome[];
  linkedItemCount: number;
}

/** One forum for this caller (`forums.get`): the organiser and participants also get `staff: true` and its part. */
export interface Forum extends ForumSummary {
  viewCount: number;
  viewsOpen: boolean;
  actions: ForumAction[];
  staff: boolean;
  organiserName?: string;
  linkedItems?: Array<{ id: string; no: string; category: string }>;
  timeline?: MatterEvent[];
}

/** A line of `forums.mine`. */
export interface MyForum extends ForumSummary {
  awaitingClose: boolean;
  actions: ForumAction[];
}

/** A view sent to a forum (征集意见), as its organiser reads it. */
export interface ForumViewLine {
  id: string;
  from: string;
  fromRole: 'resident' | 'representative';
  content: string;
  createdAt: number;
}

/** A theme of `forums.suggestTopics`: a category or a repeated word, with a few items saying it. */
export interface TopicTheme {
  count: number;
  category: string;
  word?: string;
  items: Array<{ id: string; no: string }>;
}

/** `forums.suggestTopics`. */
export interface TopicSuggestions {
  total: number;
  analysed: number;
  from: string;
  to: string;
  categories: TopicTheme[];
  words: Array<TopicTheme & { word: string }>;
}

/** 代表提议 (`proposals`, docs/api.md): statuses and what a caller may do now. */
export type ProposalStatus = 'submitted' | 'accepted' | 'dispatched' | 'refused' | 'in_progress' | 'completed' | 'closed' | 'returned' | 'converted';
export type ProposalAction =
  | 'review'
  | 'dispatch'
  | 'accept'
  | 'refuse'
  | 'progress'
  | 'requestExtension'
  | 'approveExtension'
  | 'refuseExtension'
  | 'complete'
  | 'urge'
  | 'appraise';

/** One step of the handling (办理进展), by department. */
export interface ProposalProgress {
  round: number;
  text: string;
  percent: number;
  milestone: string | null;
  department: string;
  at: number;
}

/** What everyone may read of a proposal (`proposals.list` for residents, and every `get`). */
export interface PublicProposal {
  id: string;
  no: string;
  title: string;
  category: string;
  level: ForumLevel;
  levelLabel: string;
  status: ProposalStatus;
  statusLabel: string;
  key: boolean;
  leaderName: string | null;
  forumTopic: string | null;
  leadDepartment: string | null;
  assisting: string[];
  round: number;
  percent: number;
  milestones: Array<{ round: number; milestone: string; percent: number; at: number }>;
  progress: ProposalProgress[];
  result: { round: number; kind: string; label: string; text: string; at: number; onTime: boolean } | null;
  satisfaction: string | null;
  satisfactionLabel: string | null;
  dueDate: string | null;
  overdue: boolean;
  createdAt: number;
  dispatchedAt: number | null;
  closedAt: number | null;
}

/** A proposal for this caller (`proposals.get`): in full (`public: false`) for those who handle or raised it. */
export interface Proposal extends PublicProposal {
  public: boolean;
  actions: ProposalAction[];
  content?: string;
  source?: 'representative' | 'forum' | 'case';
  /** The 民情会诊 case it came from (`source: 'case'`). */
  caseId?: string | null;
  caseNo?: string | null;
  lead?: { representativeId: string; name: string };
  coSigners?: Array<{ representativeId: string; name: string }>;
  appraisers?: string[];
  reviewNote?: string | null;
  returnReason?: string | null;
  item?: { id: string; no: string } | null;
  clock?: { dueAt: number; dueDate: string; daysLeft: number; extendedDays: number; running: boolean; overdue: boolean } | null;
  extensionRequest?: { until: string; reason: string; at: number; byName: string } | null;
  extensions?: Array<{ round: number; until: string; reason: string; approved: boolean; decidedAt: number; decidedBy: string; note: string | null }>;
  refusals?: Array<{ departmentName: string; reason: string; at: number }>;
  results?: Array<{ round: number; kind: string; label: string; text: string; at: number; byName: string; onTime: boolean }>;
  urges?: Array<{ at: number; byName: string; note: string | null }>;
  appraisals?: Array<{ round: number; representativeId: string; name: string; rating: string; label: string; comment: string | null; at: number }>;
  timeline?: MatterEvent[];
}

/** A line of a staff list of proposals. */
export interface ProposalSummary {
  id: string;
  no: string;
  title: string;
  levelLabel: string;
  status: ProposalStatus;
  statusLabel: string;
  key: boolean;
  leaderName: string | null;
  leadName: string;
  leadDepartment: string | null;
  percent: number;
  dueDate: string | null;
  daysLeft: number | null;
  overdue: boolean;
  extensionPending: boolean;
  createdAt: number;
}

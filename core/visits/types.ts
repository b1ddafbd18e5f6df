/**
 * 组团联系服务 (group contact visits): each township divides its representatives into groups
 * (代表组), led as a rule by a member of the township party committee; a group keeps in touch
 * with some villages or communities, or a sector (界别), and visits at least 100 households a
 * year — always the five kinds of must-visit household. What a group learns it solves on the
 * spot or registers; hard matters go to the township committee as 民情会诊 cases.
 */
import type { Category } from '../register/item';
import type { HoldsEffects } from '../matters/effects';
import type { Numbered } from '../matters/numbering';
import type { MatterDoc } from '../matters/runner';
import type { StoredDoc } from '../ports/store';
import type { CaseAction, CaseStatus } from './lifecycle';

/** The five kinds of household that must always be visited (必访户). */
export const MUST_VISIT = ['party_center', 'pioneer', 'four_old', 'petitioner', 'hardship'] as const;
export type MustVisit = (typeof MUST_VISIT)[number];
export const MUST_VISIT_LABELS: Record<MustVisit, string> = {
  party_center: '党员中心户',
  pioneer: '创业创新带头人',
  four_old: '“四老”对象',
  petitioner: '重点信访群众',
  hardship: '特殊困难群众',
};

/** How a visit was made: at home (入户), by phone (电话), a meeting (座谈). */
export const VISIT_MODES = ['home', 'phone', 'meeting'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const VISIT_MODE_LABELS: Record<VisitMode, string> = { home: '入户走访', phone: '电话联系', meeting: '座谈' };

/** 代表组: a township's group of representatives. */
export interface VisitGroup extends StoredDoc {
  townshipId: string;
  townshipName: string;
  /** The township's studio (kind `township`): its liaison staff manage the group. */
  studioId: string;
  name: string;
  /** 组长: a representative, or a named member of the township party committee (post given). */
  leader: { name: string; post: string | null };
  /** The leader when a representative (then also a member); null for a committee member who is not one. */
  leaderRepId: string | null;
  /** Every member representative (the leader included), for `has` queries. */
  memberRepIds: string[];
  members: Array<{ representativeId: string; name: string }>;
  /** 联系村（社区）, or … */
  villages: string[];
  /** … 联系界别. */
  sector: string | null;
  /** Households to visit in a year (at least 100 by the source's rule; the default). */
  target: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
}

/** A household of the township's register that a group looks after (sensitive personal data). */
export interface Household extends StoredDoc {
  townshipId: string;
  studioId: string;
  groupId: string;
  /** 村（社区）, 组, 门牌. */
  village: string;
  team: string | null;
  doorNo: string;
  /** 户主. */
  head: string;
  phone: string | null;
  categories: MustVisit[];
  /** How many must-visit categories: > 0 is a must-visit household (an indexable number). */
  must: number;
  /** 联系代表: the member responsible for it (reminded when it is not visited). */
  repId: string | null;
  repName: string | null;
  note: string | null;
  /** The address normalised: one household per address in a township. */
  addrKey: string;
  /** Village, team and door number with the numbers padded: the register's order. */
  sortKey: string;
  lastVisitAt: number | null;
  /** The Shanghai year of the last visit, 0 when never: "not visited this year" is `< year`. */
  lastVisitYear: number;
  /** Every year it was visited in: the distinct households visited in a year are `has` that year. */
  visitYears: number[];
  /** The import that created it (a repeated import of the same file completes, never doubles). */
  importId: string | null;
  /** When the household reminder looks at it next (must-visit households only). */
  nextRemindAt: number | null;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
}

/** How an issue raised on a visit was dealt with: solved on the spot, or registered as an item. */
export const ISSUE_OUTCOMES = ['solved', 'registered'] as const;
export type IssueOutcome = (typeof ISSUE_OUTCOMES)[number];

export interface VisitIssueLine {
  id: string;
  text: string;
  category: Category;
  outcome: IssueOutcome;
  /** What was done on the spot. */
  action: string | null;
  /** The register item it became (channel `visit`). */
  itemId: string | null;
  itemNo: string | null;
  householdId: string | null;
}

/**
 * 走访记录: one visit by a member of a group. Found by who (`byRepId`), when (`date`) and group.
 * Holds its points (`visit`) as effects until they are granted.
 */
export interface Visit extends HoldsEffects {
  requestId: string;
  groupId: string;
  groupName: string;
  townshipId: string;
  studioId: string;
  /** The Shanghai day of the visit, and its year and month (`2026-11`). */
  date: string;
  year: number;
  month: string;
  byRepId: string;
  byName: string;
  byOpenid: string;
  /** Members of the group who came along, and anyone else. */
  withRepIds: string[];
  withNames: string[];
  others: string | null;
  mode: VisitMode;
  householdIds: string[];
  households: Array<{ id: string; label: string; head: string; categories: MustVisit[] }>;
  learned: string;
  photos: string[];
  issues: VisitIssueLine[];
  createdAt: number;
}

/** One issue raised on a visit, counted for progress and picked for a 民情会诊 case. */
export interface VisitIssue extends StoredDoc, Omit<VisitIssueLine, 'id'> {
  visitId: string;
  groupId: string;
  townshipId: string;
  year: number;
  date: string;
  byRepId: string;
  byName: string;
  /** 1 once sent to 民情会诊 (a number, so grouped counts can use it). */
  escalated: number;
  caseId: string | null;
  createdAt: number;
}

/** A measure decided by the consultation: what, who is responsible, by when. */
export interface Measure {
  id: string;
  text: string;
  /** The person or body responsible (a name, a post). */
  owner: string;
  /** When the one responsible is a representative: they mark it done and are reminded. */
  ownerRepId: string | null;
  deadline: string;
  dueAt: number;
  doneAt: number | null;
  result: string | null;
  doneBy: string | null;
}

/** 民情会诊: hard issues a group leader sends to the township committee, followed until every measure is done. */
export interface VisitCase extends MatterDoc<CaseStatus, CaseAction | 'send'>, Numbered {
  requestId: string;
  groupId: string;
  groupName: string;
  townshipId: string;
  studioId: string;
  /** The group's leader and members when it was sent (who may see and follow it). */
  leaderRepId: string | null;
  memberRepIds: string[];
  sentByName: string;
  sentByOpenid: string;
  title: string;
  summary: string;
  issueIds: string[];
  issues: Array<{ id: string; text: string; date: string; itemNo: string | null }>;
  meeting: { at: number; place: string; attendees: string | null } | null;
  decision: string | null;
  decidedAt: number | null;
  measures: Measure[];
  /**
   * Turned into a representatives' proposal (代表提议): the note, and the proposal core/proposals
   * made of it (`proposalId`, its number `no`; null on cases recorded before proposals existed).
   */
  proposal: { note: string; at: number; byName: string; proposalId: string | null; no?: string | null } | null;
  withdrawReason: string | null;
  createdAt: number;
  closedAt: number | null;
}

/**
 * The representatives' proposal (代表提议): raised by a lead representative with co-signers,
 * or made by a forum's close (党代表论坛) out of one of its outcomes; reviewed by the county's
 * administrators; dispatched to a lead department (主办) and assisting ones (协办), key ones
 * with a county leader leading the supervision (县领导领衔督办); handled to a result with
 * progress, extensions and urging; appraised by its proposers.
 */
import type { DeadlineClock } from '../matters/deadline';
import type { Numbered } from '../matters/numbering';
import type { MatterDoc } from '../matters/runner';
import type { Category } from '../register/item';
import type { ProposalAction, ProposalStatus } from './lifecycle';

/** The level a proposal belongs to, as the forums' (县级, 乡镇（街道）, 代表团). */
export const PROPOSAL_LEVELS = ['county', 'township', 'delegation'] as const;
export type ProposalLevel = (typeof PROPOSAL_LEVELS)[number];
export const LEVEL_LABELS: Record<ProposalLevel, string> = { county: '县级', township: '乡镇（街道）', delegation: '代表团' };

/** 已解决 / 正在解决 / 列入计划 / 留作参考: how a department answers a proposal. */
export const RESULT_KINDS = ['solved', 'being_solved', 'planned', 'for_reference'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
export const RESULT_LABELS: Record<ResultKind, string> = { solved: '已解决', being_solved: '正在解决', planned: '列入计划', for_reference: '留作参考' };

/** 满意 / 基本满意 / 不满意. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'not_satisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basically_satisfied: '基本满意', not_satisfied: '不满意' };

/** What an administrator's review decides: a proposal, an ordinary opinion of the register, or back with a reason. */
export const REVIEW_DECISIONS = ['accept', 'convert', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A proposer: the lead (领衔人) or a co-signer (联名人). `unit` decides who may not appraise (their own department's handling). */
export interface Proposer {
  representativeId: string;
  name: string;
  unit: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

/** One progress update (办理进展), posted by the lead or an assisting department. */
export interface ProgressEntry {
  round: number;
  text: string;
  percent: number;
  /** A named step (节点), shown as a milestone on the progress bar. */
  milestone: string | null;
  departmentId: string;
  departmentName: string;
  at: number;
}

export interface Appraisal {
  round: number;
  /** The appraising representative, or `admin` when none of the proposers may appraise. */
  representativeId: string;
  name: string;
  rating: Rating;
  comment: string | null;
  at: number;
}

export interface Proposal extends MatterDoc<ProposalStatus, ProposalAction | 'raise'>, Numbered {
  requestId: string;
  /** Where it came from: raised by a representative, an outcome of a forum (`forumId`), or a 民情会诊 case (`caseId`). */
  source: 'representative' | 'forum' | 'case';
  forumId: string | null;
  forumTopic: string | null;
  /** The 民情会诊 case it came from (core/visits/cases.ts); absent on proposals from before. */
  caseId?: string | null;
  caseNo?: string | null;
  level: ProposalLevel;
  title: string;
  content: string;
  category: Category;
  /** The lead representative's studio (a township or delegation forum's: its studio): the scope of a liaison's list. */
  studioId: string;
  lead: Proposer;
  coSigners: Proposer[];
  /** The lead and every co-signer: for `has` queries. */
  proposerRepIds: string[];
  /** The administrator's review. */
  reviewNote: string | null;
  /** When turned into a register item (an ordinary opinion): which one. */
  itemId: string | null;
  itemNo: string | null;
  leadDepartment: DepartmentRef | null;
  assisting: DepartmentRef[];
  /** The lead and the assisting departments: for `has` queries (a department's queue). */
  departmentIds: string[];
  /** 重点提议 with a county leader leading the supervision (县领导领衔督办). */
  key: boolean;
  leaderName: string | null;
  /** Starts at 1; a "not satisfied" appraisal sends it back for another round. */
  round: number;
  clock: DeadlineClock | null;
  /** The running clock's due instant (null when not being handled): for the overdue queries. */
  dueAt: number | null;
  /** The latest progress percent (0–100). */
  percent: number;
  progress: ProgressEntry[];
  /** One pending request at a time. */
  extensionRequest: { until: string; reason: string; at: number; byName: string } | null;
  extensions: Array<{ round: number; until: string; reason: string; approved: boolean; decidedAt: number; decidedBy: string; note: string | null }>;
  /** The department's refusals (back to the administrator to redispatch). */
  refusals: Array<{ departmentId: string; departmentName: string; reason: string; at: number }>;
  /** Every round's result. */
  results: Array<{ round: number; kind: ResultKind; text: string; at: number; byName: string; onTime: boolean }>;
  /** The latest round's result kind, flat for grouped counts. */
  resultKind: ResultKind | null;
  timeliness: 'on_time' | 'late' | null;
  urges: Array<{ at: number; byName: string; note: string | null }>;
  lastUrgedAt: number | null;
  appraisals: Appraisal[];
  /** How the last appraisal ended. */
  satisfaction: Rating | null;
  returnReason: string | null;
  createdAt: number;
  acceptedAt: number | null;
  dispatchedAt: number | null;
  closedAt: number | null;
}

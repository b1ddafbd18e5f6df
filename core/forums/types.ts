/**
 * The Party Representative Forum (党代表论坛): held at three levels — county (县级), township
 * (乡镇、街道) and delegation (代表团) — each on one topic (party building, economic and social
 * development, or the hot and hard issues residents raise); representatives discuss it, and
 * what comes out goes forward as representatives' proposals (代表提议).
 */
import type { MatterDoc } from '../matters/runner';
import type { StoredDoc } from '../ports/store';
import type { Category } from '../register/item';
import type { ForumAction, ForumStatus } from './lifecycle';

export const FORUM_LEVELS = ['county', 'township', 'delegation'] as const;
export type ForumLevel = (typeof FORUM_LEVELS)[number];
export const FORUM_LEVEL_LABELS: Record<ForumLevel, string> = { county: '县级党代表论坛', township: '乡镇（街道）党代表论坛', delegation: '代表团党代表论坛' };

/** 论坛形式: at the studio, online, or mobile (at a given place), as receptions. */
export const FORUM_FORMS = ['studio', 'online', 'mobile'] as const;
export type ForumForm = (typeof FORUM_FORMS)[number];
export const FORUM_FORM_LABELS: Record<ForumForm, string> = { studio: '工作室', online: '线上', mobile: '流动' };

/** A representative taking part, as the notice shows them (no phone: the forum is not a reception desk). */
export interface ForumRepresentative {
  id: string;
  name: string;
  unit: string;
}

/** A register item the forum takes up: its submitter hears when the forum is held and what came of it. */
export interface LinkedItem {
  id: string;
  no: string;
  category: Category;
}

/** 论坛成果: one conclusion; `asProposal` ones became proposals at the close. */
export interface Outcome {
  title: string;
  content: string;
  asProposal: boolean;
  category: Category | null;
  proposalId: string | null;
  proposalNo: string | null;
}

export interface Forum extends MatterDoc<ForumStatus, ForumAction | 'schedule'> {
  requestId: string | null;
  level: ForumLevel;
  /** The organising studio of a township or delegation forum; null for a county forum. */
  studioId: string | null;
  studioName: string | null;
  townshipId: string | null;
  topic: string;
  description: string;
  startAt: number;
  endAt: number;
  form: ForumForm;
  place: string;
  representatives: ForumRepresentative[];
  representativeIds: string[];
  invitedDepartments: Array<{ id: string; name: string }>;
  linkedItems: LinkedItem[];
  /**
   * Who to tell when it is published and closed: the openids of the linked items' submitters
   * (walk-in visitors have none). Never shown.
   */
  notify: string[];
  /** Who scheduled it (told while an ended forum is not closed). */
  organiserOpenid: string;
  organiserName: string;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  /** 出席: the representatives who attended, recorded at the close. */
  attendance: ForumRepresentative[];
  attendanceIds: string[];
  /** 主持: the attending representatives who presided, named at the close (absent on older forums: the first attending one). */
  hostRepIds?: string[];
  summary: string | null;
  outcomes: Outcome[];
}

/** Who presided (主持): those the close named, or the first attending representative. */
export const hostsOf = (f: Pick<Forum, 'hostRepIds' | 'attendanceIds'>): string[] => f.hostRepIds ?? f.attendanceIds.slice(0, 1);

/** 征集意见: a view sent on the forum's topic before it (a resident's or a representative's). */
export interface ForumView extends StoredDoc {
  forumId: string;
  openid: string;
  /** A representative's name; residents stay unnamed. */
  fromName: string | null;
  fromRole: 'resident' | 'representative';
  content: string;
  createdAt: number;
}

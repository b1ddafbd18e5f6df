/**
 * A studio's activity record (活动记录): every studio holds at least one activity a month — a
 * reception, a forum, research and inspection, proposals, study and training, work exchange —
 * inviting department heads when needed (the source's 每月至少开展一次活动).
 */
import type { HoldsEffects } from '../matters/effects';

export const ACTIVITY_KINDS = ['reception', 'forum', 'inspection', 'proposal', 'training', 'exchange'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  reception: '接待群众',
  forum: '党代表论坛',
  inspection: '调研视察',
  proposal: '代表提议',
  training: '学习培训',
  exchange: '工作交流',
};

/** Where a record came from: typed in by the studio, or made by closing a reception or a forum. */
export interface ActivitySource {
  kind: 'manual' | 'reception' | 'forum';
  id: string;
}

export interface Activity extends HoldsEffects {
  studioId: string;
  studioName: string;
  townshipId: string;
  /** Shanghai date it took place, and its month and year (the compliance grid counts by month). */
  date: string;
  month: string;
  year: number;
  kind: ActivityKind;
  topic: string;
  repIds: string[];
  reps: Array<{ id: string; name: string }>;
  deptIds: string[];
  depts: Array<{ id: string; name: string }>;
  summary: string;
  photos: string[];
  src: ActivitySource;
  createdBy: string;
  createdName: string;
  createdAt: number;
}

/**
 * The record of an activity, carried with the change that held it (a reception's close, a
 * forum's): written once per key — the activity's id is derived from it — so closing a
 * reception records its activity exactly once, whatever is retried.
 */
export interface ActivityEffect {
  type: 'activity';
  key: string;
  studioId: string;
  date: string;
  kind: ActivityKind;
  topic: string;
  repIds: string[];
  summary: string;
  src: ActivitySource;
  by: string;
  byName: string;
  at: number;
}

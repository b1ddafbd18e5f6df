/**
 * The shapes of the studio-operations functions (`activities`, `roster`, `points`,
 * `dashboard`, `sheets`; docs/api.md), as far as the pages use them.
 */

export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
  formula: string;
}

export interface Activity {
  id: string;
  studioId: string;
  studioName: string;
  date: string;
  kind: string;
  kindLabel: string;
  topic: string;
  representatives: Array<{ id: string; name: string }>;
  departments: Array<{ id: string; name: string }>;
  summary: string;
  source: { kind: string; id: string };
  createdName: string;
}

export type MonthState = 'ok' | 'none' | 'open' | 'future';

export interface ComplianceRow {
  studioId: string;
  studioName: string;
  townshipName: string;
  months: Array<{ month: string; count: number; state: MonthState }>;
  held: number;
  ended: number;
  missing: string[];
  thisMonth: number | null;
}

export interface Compliance {
  year: number;
  scope: { level: string; name: string };
  months: string[];
  rows: ComplianceRow[];
  behind: number;
  rule: string;
}

export interface Commitment {
  code: 'accept' | 'reply' | 'onTime' | 'satisfied';
  days: number | null;
  text: string | null;
  label: string;
  measured?: Rate;
}

export interface Commitments {
  studioId: string;
  published: boolean;
  window: { days: number; from: string; to: string; collected: number };
  items: Commitment[];
  suggested: Commitment[] | null;
}

export interface ShiftView {
  id: string;
  date: string;
  half: 'am' | 'pm';
  halfLabel: string;
  label: string;
  startAt: number;
  representatives: Array<{ id: string; name: string; unit: string }>;
  openDay: { receptionId: string } | null;
}

export interface SwapView {
  id: string;
  shiftLabel: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  toShiftLabel: string | null;
  reason: string;
  status: string;
  statusLabel: string;
  decideReason: string | null;
  actions: Array<'approve' | 'reject' | 'withdraw'>;
}

export interface RosterMonth {
  studioId: string;
  studioName: string;
  month: string;
  perShift: number;
  shifts: ShiftView[];
  representatives: Array<{ id: string; name: string; shifts: number; unavailable: string[] | null }>;
  spread: number;
  swaps: SwapView[];
  actions: string[];
  generated?: number;
  balanced?: boolean;
  understaffed?: string[];
}

export interface DutyToday {
  date: string;
  shifts: Array<{ half: string; halfLabel: string; time: string; representatives: Array<{ name: string; unit: string }>; openDay: { receptionId: string } | null }>;
}

export interface PointRule {
  code: string;
  label: string;
  earnedBy: string;
  points: number;
  cap: number | null;
  approval: 'none' | 'admin';
  enabled: boolean;
  manual: boolean;
}

export interface PointEntry {
  id: string;
  date: string;
  representativeId: string;
  representativeName: string;
  code: string;
  label: string;
  points: number;
  asked: number;
  capped: boolean;
  status: 'granted' | 'pending' | 'rejected';
  note: string;
  source: { kind: string; id: string; ref: string };
  evidence: { text: string; photos: string[] } | null;
  proposedName: string | null;
  rejectReason: string | null;
}

export interface RepPoints {
  representativeId: string;
  name: string;
  unit: string;
  total: number;
  entries: number;
  byRule: Array<{ code: string; label: string; points: number; cap: number | null }>;
}

export interface StudioPoints {
  year: number;
  studioId: string;
  studioName: string;
  total: number;
  representatives: number;
  average: number;
  formula: string;
  lines: RepPoints[];
}

export interface MyPoints extends RepPoints {
  year: number;
  rules: Array<{ code: string; label: string; points: number; cap: number | null; earned: number }>;
}

export interface DashboardRates {
  response: Rate;
  answeredOrResolved: Rate;
  onTime: Rate;
  satisfied: Rate;
}

export interface RankingRow {
  rank: number;
  studioId: string;
  studioName: string;
  townshipName: string;
  score: number;
  parts: {
    compliance: { score: number; held: number; months: number; missing: string[] };
    points: { score: number; total: number; representatives: number; average: number; best: number };
    register: { score: number; collected: number; rates: DashboardRates };
  };
  attention: string[];
}

export interface Ranking {
  year: number;
  final: boolean;
  formula: string[];
  rows: RankingRow[];
  top: Array<{ rank: number; studioId: string; studioName: string; score: number }>;
  attention: Array<{ rank: number; studioId: string; studioName: string; score: number; reasons: string[] }>;
}

export interface StudioScore extends RankingRow {
  year: number;
  formula: string[];
  months: Array<{ month: string; activities: number }>;
  representatives: RepPoints[];
}

export interface Dashboard {
  year: number;
  scope: { level: string; name: string; studios: number };
  totals: { collected: number; rejected: number; answeredOrResolved: number; rates: DashboardRates };
  studios: Array<{ studioId: string; studioName: string; collected: number; rates: DashboardRates; score: number; rank: number | null }>;
  trend: Array<{ month: string; collected: number; answeredOrResolved: number; response: number | null; satisfied: number | null }>;
  categories: Array<{ category: string; count: number }>;
  ranking: { top: Ranking['top']; attention: Ranking['attention']; formula: string[] };
}

/** What an export answers (`sheets.*`). */
export interface ExportFile {
  fileId: string;
  fileName: string;
  rows: number;
}

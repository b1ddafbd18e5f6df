import type { StoredDoc } from '../ports/store';

export const ENTRY_STATUSES = ['granted', 'pending', 'rejected'] as const;
/** granted: counts; pending: a manual entry waiting for an administrator; rejected: refused, counts nothing. */
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** What earned an entry: kind of document, its id, and where in it (timeline index or date). */
export interface EntrySource {
  kind: string;
  id: string;
  ref: string;
}

/** A line of the ledger (积分明细): one per source event and representative. */
export interface PointEntry extends StoredDoc {
  year: number;
  /** Shanghai date it was earned on. */
  date: string;
  at: number;
  repId: string;
  repName: string;
  studioId: string;
  townshipId: string;
  code: string;
  label: string;
  /** What it counts for: the rule's points, less what the yearly cap took; 0 unless granted. */
  points: number;
  /** What the rule (or the manual claim) asked for. */
  asked: number;
  /** The yearly cap took some or all of it. */
  capped: boolean;
  status: EntryStatus;
  src: EntrySource;
  note: string;
  /** A manual entry's evidence (佐证材料) and who proposed it. */
  evidence: { text: string; photos: string[] } | null;
  proposedBy: string | null;
  proposedName: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  rejectReason: string | null;
  createdAt: number;
}

/**
 * A representative's points of a year, kept with every entry in the same transaction: the
 * yearly caps are checked against it, so two entries racing past a cap cannot both count.
 */
export interface PointTotal extends StoredDoc {
  year: number;
  repId: string;
  repName: string;
  studioId: string;
  townshipId: string;
  total: number;
  /** Points counted per rule code. */
  byCode: Record<string, number>;
  /** Entries written (granted, pending or rejected). */
  entries: number;
  updatedAt: number;
}

export const totalId = (year: number, repId: string) => `pt-${year}-${repId}`;

/**
 * The Store port: a narrow, document-shaped database that both the CloudBase database
 * (production) and SQLite (local cloud, tests) can implement with small adapters.
 *
 * Every document has a string `_id` and an integer version `_v` that the store manages:
 * `create` sets it to 1, every `update` checks the expected version and bumps it, so a
 * write that raced another fails with `VersionConflict` instead of being lost.
 *
 * `_v` is the port's name; each adapter keeps the version where its database allows: SQLite
 * in a column of its own, CloudBase in the field `rev` (CloudBase field names may not start
 * with `_`), so `rev` is not available as a field of a document. Field names follow
 * CloudBase's rule everywhere: letters, digits and `_`, at most 32 characters, not starting
 * with `_` (`_id` is the store's).
 */

/** A stored document: `_id` and `_v` are the store's, the rest is the caller's. */
export interface StoredDoc {
  _id: string;
  _v: number;
}

/** What a caller hands to `create`: anything with an `_id`; the store adds `_v`. */
export type NewDoc<T extends StoredDoc> = Omit<T, '_v'>;

/** A scalar that filters compare with. */
export type Scalar = string | number | boolean | null;

/** One field's condition: a plain value means equality. */
export type Condition =
  | Scalar
  | {
      eq?: Scalar;
      ne?: Scalar;
      in?: Scalar[];
      lt?: number | string;
      lte?: number | string;
      gt?: number | string;
      gte?: number | string;
      /** true: the field is present and not null; false: absent or null. */
      exists?: boolean;
      /** The field is an array holding this value (a representative among an inquiry's proposers). */
      has?: Scalar;
      /** The text field contains this text, ignoring case (a search box; not served by an index). */
      contains?: string;
    };

/** Fields (top level or dotted, `referral.departmentId`) and their conditions, all of which must hold. */
export type Filter = Record<string, Condition>;

/** One group of a grouped count. */
export interface GroupCount {
  key: Record<string, Scalar>;
  count: number;
}

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  where?: Filter;
  orderBy?: Array<[field: string, direction: SortDirection]>;
  /** At most 1000 (CloudBase's server-side ceiling); defaults to 100. */
  limit?: number;
  skip?: number;
}

/** Operations allowed inside a transaction: single documents by id only (CloudBase's rule). */
export interface TransactionOps {
  get<T extends StoredDoc>(collection: string, id: string): Promise<T | null>;
  create<T extends StoredDoc>(collection: string, doc: NewDoc<T>): Promise<T>;
  /** Replaces the document, checking `_v` against `expectedVersion`; returns the stored document. */
  update<T extends StoredDoc>(collection: string, id: string, expectedVersion: number, doc: NewDoc<T>): Promise<T>;
  remove(collection: string, id: string): Promise<void>;
}

export interface Store extends TransactionOps {
  find<T extends StoredDoc>(collection: string, options?: FindOptions): Promise<T[]>;
  count(collection: string, where?: Filter): Promise<number>;
  /**
   * Counts of the documents matching `where`, grouped by the values of `fields`
   * (a missing field groups as null). Group on string or number fields only: SQLite reads
   * JSON booleans back as 1/0. Computed by the database, never by loading documents.
   */
  countBy(collection: string, fields: string[], where?: Filter): Promise<GroupCount[]>;
  /**
   * Sets these top-level fields on every document matching `where`, in one request whatever
   * their number (`markRead` of all one's messages); each document changed gets a new
   * version, so a compare-and-swap on a version read before fails as after any update.
   * Returns how many documents it changed. Values are JSON; no other field changes.
   */
  updateWhere(collection: string, where: Filter, set: Record<string, unknown>): Promise<number>;
  /**
   * Runs `work` atomically over single-document operations. On a conflict the whole
   * transaction is undone and the error propagates; callers decide whether to retry.
   */
  transaction<R>(work: (tx: TransactionOps) => Promise<R>): Promise<R>;
}

/** The document already exists (create with a taken `_id`). */
export class DuplicateId extends Error {
  readonly code = 'DUPLICATE_ID';
  constructor(readonly collection: string, readonly id: string) {
    super(`${collection}/${id} already exists`);
    this.name = 'DuplicateId';
  }
}

/** The document changed (or vanished) since it was read. */
export class VersionConflict extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(readonly collection: string, readonly id: string) {
    super(`${collection}/${id} was changed by someone else`);
    this.name = 'VersionConflict';
  }
}

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

/** Collections and the indexes the code's queries need (fields in index order). */
export const COLLECTIONS = {
  townships: [['order']],
  studios: [['townshipId', 'order'], ['kind', 'order'], ['order']],
  representatives: [['studioId', 'name']],
  departments: [['name']],
  members: [['representativeId'], ['role'], ['contactId'], ['departmentId'], ['boundAt'], ['role', 'boundAt'], ['studioIds', 'role']],
  invites: [['approval', 'createdAt']],
  /** The grants log: every role given, revoked, approved (docs/security.md). */
  grants: [['at'], ['subject', 'at']],
  /** The audit of reads: who revealed whose contact, when, on which item. */
  reads: [['at'], ['by', 'at'], ['subject', 'at'], ['itemId', 'at']],
  counters: [],
  /** The codes printed on notices, drawn once (core/codes/notice.ts; by `_id`). */
  codes: [],
  receptions: [
    ['status', 'startAt'],
    ['studioId', 'status', 'startAt'],
    ['townshipId', 'status', 'startAt'],
    ['nextRemindAt'],
    ['effectsDueAt'],
  ],
  bookings: [
    ['receptionId', 'status', 'waitSeq'],
    ['openid', 'createdAt'],
    ['code', 'status'],
  ],
  outbox: [
    ['status', 'nextAttemptAt'],
    ['recipientOpenid', 'createdAt'],
    ['recipientOpenid', 'readAt'],
    // retention: delivered rows by age
    ['status', 'createdAt'],
  ],
  subscriptions: [],
  items: [
    ['createdAt'],
    ['no'],
    ['submitterOpenid', 'createdAt'],
    ['studioId', 'createdAt'],
    ['studioId', 'status', 'createdAt'],
    ['studioId', 'status', 'dueAt', 'createdAt'],
    ['status', 'createdAt'],
    ['status', 'dueAt', 'createdAt'],
    ['status', 'closeDueAt'],
    ['nextRemindAt'],
    ['effectsDueAt'],
    ['ownerRepId', 'createdAt'],
    ['ownerOpenid', 'createdAt'],
    ['townshipId', 'createdAt'],
    ['receptionId', 'createdAt'],
    ['townshipId', 'status', 'dueAt', 'createdAt'],
    // a department's referred items (有关单位)
    ['referral.departmentId', 'dueAt'],
    // retention: finished items whose contact details are still kept, oldest first
    ['erasedAt', 'closedAt'],
    // covering indexes for `stats`: scope, then the grouped fields in GROUP BY order, then the
    // period, so the grouped count reads the index alone, already in group order
    ['status', 'outcome', 'timeliness', 'satisfaction', 'createdAt'],
    ['studioId', 'status', 'outcome', 'timeliness', 'satisfaction', 'createdAt'],
    ['townshipId', 'status', 'outcome', 'timeliness', 'satisfaction', 'createdAt'],
    // covering indexes for the dashboard and the ranking (core/dashboard): a year per studio;
    // a month's range (led by `year`, so SQLite prefers it to `createdAt` alone; a township's
    // months are the county's groups of its studios); the categories of a year
    ['year', 'studioId', 'status', 'outcome', 'timeliness', 'satisfaction', 'acceptDays'],
    ['year', 'createdAt', 'studioId', 'status', 'outcome', 'timeliness', 'satisfaction', 'acceptDays'],
    ['year', 'studioId', 'category'],
  ],
  /** 党内质询; `participantRepIds` is an array (a multikey index in CloudBase). */
  inquiries: [
    ['createdAt'],
    ['status', 'createdAt'],
    ['status', 'dueAt'],
    ['participantRepIds', 'createdAt'],
    ['contactId', 'createdAt'],
    ['contactId', 'status', 'dueAt'],
    ['year', 'status'],
    ['nextRemindAt'],
    ['effectsDueAt'],
  ],
  /** 质询对象联系人. */
  contacts: [['createdAt']],
  /** 组团联系服务 (core/visits): 代表组; `memberRepIds` is an array (multikey in CloudBase). */
  visitGroups: [['townshipId', 'createdAt'], ['memberRepIds', 'createdAt'], ['createdAt']],
  /** Households a group looks after (sensitive: read through core/visits/permissions.ts only). */
  households: [
    ['groupId', 'sortKey'],
    ['groupId', 'must', 'lastVisitYear', 'sortKey'],
    ['groupId', 'lastVisitYear', 'sortKey'],
    ['townshipId', 'addrKey'],
    ['townshipId', 'groupId'],
    ['nextRemindAt'],
  ],
  /** 走访记录: who (`byRepId`), when (`date`), which group; what issue 14's points look up. */
  visits: [
    ['groupId', 'date'],
    ['townshipId', 'date'],
    ['byRepId', 'date'],
    ['householdIds', 'date'],
    ['year', 'townshipId'],
    ['date'],
    // points left on a visit by a cut-off request (the timer drains them)
    ['effectsDueAt'],
  ],
  /** The issues raised on visits, one document each (counted by outcome for progress). */
  visitIssues: [
    ['groupId', 'escalated', 'createdAt'],
    ['groupId', 'year', 'outcome'],
    ['townshipId', 'year', 'groupId'],
    ['year', 'townshipId'],
  ],
  /** 民情会诊 cases, a tracked matter (MQ2026-001). */
  visitCases: [
    ['groupId', 'createdAt'],
    ['townshipId', 'createdAt'],
    ['memberRepIds', 'createdAt'],
    ['status', 'createdAt'],
    ['createdAt'],
  ],
  /** 党代表论坛; `representativeIds` is an array (a multikey index in CloudBase). */
  forums: [
    ['status', 'startAt'],
    ['status', 'endAt', 'startAt'],
    ['level', 'status', 'startAt'],
    ['studioId', 'status', 'startAt'],
    ['studioId', 'startAt'],
    ['townshipId', 'status', 'startAt'],
    ['representativeIds', 'startAt'],
    ['nextRemindAt'],
    ['effectsDueAt'],
  ],
  /** 论坛征集的意见. */
  forumViews: [['forumId', 'createdAt']],
  /** 代表提议; `proposerRepIds` and `departmentIds` are arrays (multikey indexes in CloudBase). */
  proposals: [
    ['createdAt'],
    ['status', 'createdAt'],
    ['level', 'status', 'createdAt'],
    ['proposerRepIds', 'createdAt'],
    ['departmentIds', 'createdAt'],
    ['studioId', 'createdAt'],
    ['dueAt'],
    ['key', 'status', 'createdAt'],
    ['year', 'level', 'status'],
    ['nextRemindAt'],
    ['effectsDueAt'],
  ],
  /** 活动记录 (core/activities): a studio's by date; the compliance grid counts (year, studio, month). */
  activities: [['studioId', 'date', 'createdAt'], ['townshipId', 'date', 'createdAt'], ['date', 'createdAt'], ['year', 'studioId', 'month'], ['month', 'studioId'], ['effectsDueAt']],
  /** 服务承诺, one per studio (by `_id`). */
  commitments: [],
  /** 积分明细 (core/points): a representative's or a studio's entries of a year; pending manual entries. */
  points: [['repId', 'year', 'at'], ['studioId', 'year', 'at'], ['year', 'at'], ['year', 'status', 'at'], ['studioId', 'year', 'status', 'at']],
  /** A representative's points of a year (the caps are checked against it). */
  pointTotals: [['year', 'studioId']],
  /** 积分规则 per year (by `_id`). */
  pointRules: [],
  /** 值班 (core/roster). */
  shifts: [['studioId', 'month', 'startAt'], ['studioId', 'date', 'startAt'], ['month', 'repIds'], ['nextRemindAt']],
  unavailability: [['studioId', 'month']],
  /** 换班申请. */
  swaps: [['studioId', 'month', 'createdAt'], ['studioId', 'status', 'createdAt'], ['effectsDueAt']],
} as const satisfies Record<string, ReadonlyArray<ReadonlyArray<string>>>;

export type CollectionName = keyof typeof COLLECTIONS;

import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { Department, Representative, Studio } from '../directory/types';
import { AppError, contentRejected, forbidden, notFound, rateLimited, validationError } from '../errors';
import type { Caller } from '../members/types';
import { runTransition } from '../matters/runner';
import { timelineEvent, type Actor } from '../matters/timeline';
import type { Filter, StoredDoc, TransactionOps } from '../ports/store';
import { endOfDayAfter, endOfShanghaiDay, formatCalendarDate, shanghaiDate } from '../time';
import { viewItem, type Category, type Channel, type Item, type ItemView } from './item';
import { itemKind } from './kind';
import { OPEN_STATUSES, type Status, type TransitionAction } from './lifecycle';
import { createNumberedItem, itemIdFor, itemNumbering } from './numbering';
import { createNumberedIn, numberingReads, type NumberingGuard } from '../matters/numbering';
import { REFUSALS, isStaffOf, may, ownedBy, relationsOf, scopeOf } from './permissions';
import { checkPhotos } from './photos';
import { dueWindow } from './queue';
import { rateAsAsker, ratesAsAsker, withMergedProgress } from './merge';
import { nextItemRemindAt } from '../notifications/policy';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface SubmitCommand {
  requestId: string;
  studioId: string;
  category: Category;
  content: string;
  contactName?: string;
  contactPhone?: string;
  anonymous?: boolean;
  photos?: string[];
}

/** Registers an opinion for a studio. A retry with the same requestId returns the same item. */
export async function submitItem(deps: Deps, caller: Caller, cmd: SubmitCommand): Promise<ItemView> {
  const now = deps.clock.now();
  const id = itemIdFor(caller.openid, cmd.requestId);
  // One round: a retried request's item and the studio.
  const [retried, studio] = await Promise.all([deps.store.get<Item>('items', id), deps.store.get<Studio>('studios', cmd.studioId)]);
  if (retried) return viewItem(retried, caller, now, deps.config);
  if (!studio) throw validationError('所选的党代表工作室不存在');
  await Promise.all([checkText(deps, caller, [cmd.content, cmd.contactName ?? '']), checkPhotos(deps, caller, cmd.photos ?? [])]);

  const { item } = await registerItem(deps, caller, {
    id,
    requestId: cmd.requestId,
    submitterOpenid: caller.openid,
    channel: 'online',
    studio,
    category: cmd.category,
    content: cmd.content,
    contactName: cmd.contactName ?? null,
    contactPhone: cmd.contactPhone ?? null,
    anonymous: cmd.anonymous ?? false,
    photos: cmd.photos ?? [],
    receptionId: null,
    bookingId: null,
    guard: takeSubmitSlot(deps, caller, now),
  });
  return viewItem(item, caller, now, deps.config);
}

export interface RegisterItemCommand extends NewItemInput {
  /** The item's id: derived from who asked and their request, so a retry finds it. */
  id: string;
  /** A note on the first timeline line (where it was raised). */
  note?: string;
  /** Runs in the numbering transaction before a number is taken (the submit limit). */
  guard?: NumberingGuard;
  /**
   * Registered as already accepted by this representative, who owns it (首问负责): an issue
   * raised on a group visit (组团联系走访), taken on by the visiting representative.
   */
  acceptedBy?: { representativeId: string; name: string };
}

/**
 * The one way an item enters the register, whatever the channel (online, a booking's
 * question, a walk-in at a reception, a visit): its fields, the first timeline line, and the
 * next number, in one transaction. A retried request returns the stored item.
 */
export function registerItem(deps: Deps, actor: Caller, cmd: RegisterItemCommand): Promise<{ item: Item; created: boolean }> {
  return createNumberedItem(deps, itemDraft(deps, actor, cmd), cmd.guard);
}

/**
 * registerItem inside a transaction the caller runs (and retries), with its other writes: a
 * booking and its question's item in one. `registerItemReads` names what it reads, for the
 * caller's first round of reads.
 */
export async function registerItemIn(tx: TransactionOps, deps: Deps, actor: Caller, cmd: RegisterItemCommand): Promise<{ item: Item; created: boolean }> {
  const { doc, created } = await createNumberedIn<Item>(tx, itemNumbering(deps), itemDraft(deps, actor, cmd), cmd.guard);
  return { item: doc, created };
}

export const registerItemReads = (deps: Deps, cmd: { id: string; guard?: NumberingGuard }) =>
  numberingReads(itemNumbering(deps), { _id: cmd.id, createdAt: deps.clock.now() }, cmd.guard);

function itemDraft(deps: Deps, actor: Caller, cmd: RegisterItemCommand): Omit<Item, '_v' | 'no' | 'year' | 'seq'> {
  const { id, note, guard: _guard, acceptedBy, ...input } = cmd;
  const now = deps.clock.now();
  const fields = newItemFields(deps, now, input);
  if (acceptedBy) {
    const owner = { status: 'accepted' as Status, ownerRepId: acceptedBy.representativeId, ownerOpenid: null, ownerName: acceptedBy.name };
    Object.assign(fields, owner, { nextRemindAt: nextItemRemindAt({ ...owner, createdAt: now, dueAt: fields.dueAt }, now, deps.config.reminders) });
  }
  // Separation of duties: staff who submit to their own studio never rate the handling.
  const staffSubmitted = input.submitterOpenid === actor.openid && isStaffOf(actor, input.studio._id);
  return {
    ...fields,
    staffSubmitted,
    erasedAt: null,
    _id: id,
    timeline: [timelineEvent<Status, 'submit'>(now, 'submit', actor, null, fields.status, note)],
    effects: [],
    effectsDueAt: null,
  };
}

interface NewItemInput {
  requestId: string;
  submitterOpenid: string;
  channel: Channel;
  studio: Studio;
  category: Category;
  content: string;
  contactName: string | null;
  contactPhone: string | null;
  anonymous: boolean;
  photos?: string[];
  receptionId: string | null;
  bookingId: string | null;
}

/** The fields of a freshly submitted item, whatever its channel. */
function newItemFields(deps: Deps, now: number, input: NewItemInput) {
  const { studio, photos, ...rest } = input;
  const dueAt = endOfDayAfter(now, deps.config.defaultReplyDays);
  return {
    ...rest,
    photos: photos ?? [],
    studioId: studio._id,
    studioName: studio.name,
    studioPhone: studio.phone,
    townshipId: studio.townshipId,
    status: 'submitted' as Status,
    round: 1,
    ownerRepId: null,
    ownerOpenid: null,
    ownerName: null,
    promise: null,
    referral: null,
    reply: null,
    outcome: null,
    timeliness: null,
    satisfaction: null,
    feedback: [],
    rejectReason: null,
    dueAt,
    closeDueAt: null,
    nextRemindAt: nextItemRemindAt({ status: 'submitted', createdAt: now, dueAt, ownerRepId: null, ownerOpenid: null }, now, deps.config.reminders),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
}

/** Text users typed must pass the content check (msgSecCheck in the cloud). */
export async function checkText(deps: Deps, caller: Caller, texts: string[]): Promise<void> {
  const joined = texts.filter(Boolean).join('\n');
  if (joined && !(await deps.contentCheck.isAcceptable(joined, caller.openid))) throw contentRejected();
}

/** A user's recent submit times (the last day's): the rate limit's own record. */
interface SubmitLog extends StoredDoc {
  at: number[];
}

/** The document holding a resident's recent submits (the submit limit). */
export const submitLogId = (openid: string) => 'submits-' + createHash('sha256').update(openid).digest('hex').slice(0, 30);

/** Refuses with RATE_LIMITED when `at` (the last day's submit times) leaves no slot now. */
function refuseOverLimit(deps: Deps, at: readonly number[], now: number): number[] {
  const { perHour, perDay } = deps.config.submitLimit;
  const lastDay = at.filter((x) => x > now - DAY);
  if (lastDay.filter((x) => x > now - HOUR).length >= perHour) {
    throw rateLimited(`提交过于频繁：每小时最多提交 ${perHour} 条，请稍后再试`);
  }
  if (lastDay.length >= perDay) throw rateLimited(`今天已提交 ${perDay} 条，请明天再试`);
  return lastDay;
}

/**
 * The submit rate limit, checked and recorded in the transaction that stores the item: a
 * burst of concurrent submits cannot all pass a check made before any of them is stored.
 * Every way a resident puts an item into the register takes one (a submit, a booking's
 * question), and forum views (core/forums/views.ts) take theirs from the same budget.
 */
export function takeSubmitSlot(deps: Deps, caller: Caller, now: number) {
  const logId = submitLogId(caller.openid);
  const guard = async (tx: TransactionOps): Promise<void> => {
    const log = await tx.get<SubmitLog>('counters', logId);
    const lastDay = refuseOverLimit(deps, log?.at ?? [], now);
    const next = { _id: logId, at: [...lastDay, now] };
    if (log) await tx.update<SubmitLog>('counters', logId, log._v, next);
    else await tx.create<SubmitLog>('counters', next);
  };
  // Read with the transaction's first reads (the numbering's), in the same round.
  return Object.assign(guard, { reads: [['counters', logId]] as const });
}

/** The submit limit checked without taking a slot: to refuse before changing anything else (a booking). */
export async function checkSubmitSlot(deps: Deps, caller: Caller, now: number): Promise<void> {
  const log = await deps.store.get<SubmitLog>('counters', submitLogId(caller.openid));
  refuseOverLimit(deps, log?.at ?? [], now);
}

/** Reads an item the caller may see, or NOT_FOUND (an item one may not see does not exist for them). */
export async function getItem(deps: Deps, caller: Caller, id: string): Promise<ItemView> {
  const item = await loadVisible(deps, caller, id);
  const view = viewItem(item, caller, deps.clock.now(), deps.config);
  // A merged item shows how the item it went into is doing (one more read, only for those).
  return item.mergedInto ? (await withMergedProgress(deps, caller, [view]))[0] : view;
}

async function loadVisible(deps: Deps, caller: Caller, id: string): Promise<Item> {
  const item = await deps.store.get<Item>('items', id);
  if (!item || !may(caller, 'read', item)) throw notFound('该意见建议');
  return item;
}

type Change = Partial<Omit<Item, '_id' | '_v' | 'status' | 'timeline'>>;

/** Applies one lifecycle action through the kernel's runner (check, change, timeline, effects, compare-and-swap). */
const act = (deps: Deps, actor: Actor, item: Item, action: TransitionAction, change: (now: number) => Change, note?: string): Promise<Item> =>
  runTransition(deps, itemKind, actor, item, { action, change, note });

async function actOn(deps: Deps, caller: Caller, id: string, action: TransitionAction, change: (now: number, item: Item) => Change, note?: string) {
  const item = await loadVisible(deps, caller, id);
  const saved = await act(deps, caller, item, action, (now) => change(now, item), note);
  return viewItem(saved, caller, deps.clock.now(), deps.config);
}

/** 受理: the first representative or liaison to accept owns the item (首问负责). */
export function acceptItem(deps: Deps, caller: Caller, id: string) {
  return actOn(deps, caller, id, 'accept', () =>
    caller.role === 'representative' && caller.representativeId
      ? { ownerRepId: caller.representativeId, ownerOpenid: null, ownerName: caller.name }
      : { ownerRepId: null, ownerOpenid: caller.openid, ownerName: caller.name },
  );
}

/** 交办: the liaison gives the item to one of the studio's representatives. */
export async function assignItem(deps: Deps, caller: Caller, id: string, representativeId: string) {
  const item = await loadVisible(deps, caller, id);
  const rep = await deps.store.get<Representative>('representatives', representativeId);
  if (!rep || rep.studioId !== item.studioId) throw validationError('所选党代表不属于该工作室');
  const saved = await act(deps, caller, item, 'assign', () => ({ ownerRepId: rep._id, ownerOpenid: null, ownerName: rep.name }), `交办给 ${rep.name}`);
  return viewItem(saved, caller, deps.clock.now(), deps.config);
}

const replied = (outcome: 'answered' | 'resolved', reply: string, caller: Caller, deps: Deps) => (now: number, item: Item): Change => ({
  reply: { text: reply, at: now, byName: caller.name },
  outcome,
  timeliness: now <= item.dueAt ? 'on_time' : 'late',
  closeDueAt: now + deps.config.autoCloseDays * DAY,
});

/** 答复: answer the resident (on the spot or after looking into it). */
export async function answerItem(deps: Deps, caller: Caller, id: string, reply: string) {
  await checkText(deps, caller, [reply]);
  return actOn(deps, caller, id, 'answer', replied('answered', reply, caller, deps), reply);
}

/** 办结: the matter was solved; the reply says how. */
export async function resolveItem(deps: Deps, caller: Caller, id: string, reply: string) {
  await checkText(deps, caller, [reply]);
  return actOn(deps, caller, id, 'resolve', replied('resolved', reply, caller, deps), reply);
}

function futureDeadline(deps: Deps, deadline: string): number {
  const today = shanghaiDate(deps.clock.now());
  if (deadline < today) throw validationError('期限不能早于今天');
  const dueAt = endOfShanghaiDay(deadline);
  if (dueAt - deps.clock.now() > 366 * DAY) throw validationError('期限不能超过一年');
  return dueAt;
}

/** 承诺: promise a reply by a date; the date becomes the deadline. */
export async function promiseItem(deps: Deps, caller: Caller, id: string, deadline: string, note: string) {
  const dueAt = futureDeadline(deps, deadline);
  await checkText(deps, caller, [note]);
  return actOn(deps, caller, id, 'promise', (now) => ({ promise: { deadline, note, at: now }, dueAt }), `承诺${formatCalendarDate(deadline)}前办理：${note}`);
}

/** 转交有关单位: refer a hard matter to a department with a deadline. */
export async function referItem(deps: Deps, caller: Caller, id: string, departmentId: string, deadline: string, note?: string) {
  const dueAt = futureDeadline(deps, deadline);
  const dept = await deps.store.get<Department>('departments', departmentId);
  if (!dept) throw validationError('所选的有关单位不存在');
  if (note) await checkText(deps, caller, [note]);
  return actOn(
    deps,
    caller,
    id,
    'refer',
    (now) => ({
      referral: { departmentId, departmentName: dept.name, deadline, note: note ?? null, at: now, result: null, resultAt: null },
      dueAt,
    }),
    `转交${dept.name}，${formatCalendarDate(deadline)}前办理${note ? `：${note}` : ''}`,
  );
}

/** 登记办理结果: what the department reported back. */
export async function recordReferralResult(deps: Deps, caller: Caller, id: string, result: string) {
  await checkText(deps, caller, [result]);
  return actOn(
    deps,
    caller,
    id,
    'recordReferralResult',
    (now, item) => ({ referral: item.referral && { ...item.referral, result, resultAt: now } }),
    result,
  );
}

/** 不予受理: duplicate, out of scope or spam, with the reason. */
export async function rejectItem(deps: Deps, caller: Caller, id: string, reason: string) {
  await checkText(deps, caller, [reason]);
  // A rejection finishes the item: `closedAt` is when, which the retention of contact details counts from.
  return actOn(deps, caller, id, 'reject', (now) => ({ rejectReason: reason, closeDueAt: null, closedAt: now }), reason);
}

/** 催办: the submitter chases an item past its deadline, once every few days; the owner and the liaison are told. */
export function urgeItem(deps: Deps, caller: Caller, id: string) {
  return actOn(deps, caller, id, 'urge', (now) => ({ urgedAt: now }), '反映人催办');
}

/** 评价: satisfied closes the item; not satisfied opens another round. Once per round. */
/** 评价: satisfied closes the item; not satisfied opens another round. Once per round; never by staff of its studio. */
export async function giveFeedback(deps: Deps, caller: Caller, id: string, satisfied: boolean, comment?: string) {
  const [item] = await Promise.all([loadVisible(deps, caller, id), comment ? checkText(deps, caller, [comment]) : undefined]);
  // A resident whose duplicate was merged into this item rates it as one of its askers.
  if (ratesAsAsker(caller, item)) return rateAsAsker(deps, caller, item, satisfied, comment ?? null);
  if (relationsOf(caller, item).has('submitter') && !may(caller, 'feedback', item)) throw forbidden(REFUSALS.feedback);
  const saved = await act(
    deps,
    caller,
    item,
    satisfied ? 'feedbackSatisfied' : 'feedbackUnsatisfied',
    (now) => {
      const feedback = [...item.feedback, { round: item.round, satisfied, comment: comment ?? null, at: now }];
      return satisfied
        ? { feedback, satisfaction: 'satisfied', closedAt: now, closeDueAt: null }
        : {
            feedback,
            satisfaction: 'unsatisfied',
            round: item.round + 1,
            outcome: null,
            timeliness: null,
            closeDueAt: null,
            dueAt: endOfDayAfter(now, deps.config.defaultReplyDays),
          };
    },
    comment,
  );
  return viewItem(saved, caller, deps.clock.now());
}

/** Closes answered or resolved items whose feedback period ran out. Bounded per run. */
export async function autoCloseDue(deps: Deps, limits: { batch: number; deadline: number } = { batch: 200, deadline: Infinity }): Promise<number> {
  const now = deps.clock.now();
  let closed = 0;
  const tried = new Set<string>();
  // Page by page within the run's budget; the items of a page close together, a few at a time.
  while (Date.now() < limits.deadline) {
    const due = await deps.store.find<Item>('items', {
      where: { status: { in: ['answered', 'resolved'] }, closeDueAt: { lte: now } },
      orderBy: [['closeDueAt', 'asc']],
      limit: limits.batch,
    });
    const fresh = due.filter((i) => !tried.has(i._id));
    if (fresh.length === 0) break;
    for (let k = 0; k < fresh.length && Date.now() < limits.deadline; k += AUTO_CLOSE_TOGETHER) {
      const chunk = fresh.slice(k, k + AUTO_CLOSE_TOGETHER);
      for (const item of chunk) tried.add(item._id);
      const done = await Promise.all(
        chunk.map(async (item) => {
          try {
            await act(deps, 'system', item, 'autoClose', (at) => ({ closedAt: at, closeDueAt: null }), `${deps.config.autoCloseDays} 天内未评价，自动办结`);
            return 1;
          } catch (e) {
            // Someone acted on it meanwhile (feedback came in): the next run sees the new state.
            if (!(e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'INVALID_STATE'))) throw e;
            return 0;
          }
        }),
      );
      closed += done.reduce<number>((a, b) => a + b, 0);
    }
    if (due.length < limits.batch) break;
  }
  return closed;
}

/** Items auto-closed at once (each its own transition: the save, its messages, clearing them). */
const AUTO_CLOSE_TOGETHER = 20;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** 我的反映: the caller's own items, newest first; a merged one with the progress of the item it went into. */
export async function listMine(deps: Deps, caller: Caller, page: number, pageSize: number): Promise<Page<ItemView>> {
  const where: Filter = { submitterOpenid: caller.openid };
  const mine = await pageOf(deps, caller, where, [['createdAt', 'desc']], page, pageSize);
  // A duplicate merged into another item shows that item's progress (one read for the page).
  return { ...mine, items: await withMergedProgress(deps, caller, mine.items) };
}

export interface InboxQuery {
  status?: Status;
  overdue?: boolean;
  /** Only the items the caller owns (首问负责 or assigned). */
  mine?: boolean;
  /** Open items due within the reminder window (config.reminders.dueSoonDays), soonest first. */
  dueSoon?: boolean;
  /** `due`: open items only, the most overdue first, then by deadline (the staff queue's order). */
  order?: 'newest' | 'due';
  /** A register number (`XJ2026-000123`) or words of the content. */
  q?: string;
  studioId?: string;
  page: number;
  pageSize: number;
}

/** `XJ2026-000123`, or with the sequence unpadded (`xj2026-123`). */
const ITEM_NUMBER = /^([A-Za-z]{1,6}\d{4})-(\d{1,6})$/;

/** The studio's queue: a representative's or liaison's studios, or every studio for an admin. */
export async function listInbox(deps: Deps, caller: Caller, q: InboxQuery): Promise<Page<ItemView>> {
  if (!may(caller, 'useQueue', null)) throw forbidden(REFUSALS.useQueue);
  if (q.studioId && !may(caller, 'queueOf', q.studioId)) throw forbidden(REFUSALS.queueOf);
  const where: Filter = { ...(q.studioId ? { studioId: q.studioId } : scopeOf(caller)), ...(q.mine ? ownedBy(caller) : {}) };
  if (q.status) where.status = q.status;
  let order: Array<[string, 'asc' | 'desc']> = [['createdAt', 'desc']];
  if (q.overdue && q.dueSoon) throw validationError('“逾期”和“即将到期”不能同时筛选');
  if (q.overdue || q.dueSoon || q.order === 'due') {
    if (q.status && !OPEN_STATUSES.includes(q.status)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (!q.status) where.status = { in: [...OPEN_STATUSES] };
    if (q.overdue || q.dueSoon) where.dueAt = dueWindow(deps, q.overdue ? 'overdue' : 'dueSoon');
    order = [['dueAt', 'asc'], ['createdAt', 'asc']];
  }
  if (q.q) {
    const n = ITEM_NUMBER.exec(q.q);
    if (n) where.no = `${n[1].toUpperCase()}-${n[2].padStart(6, '0')}`;
    else where.content = { contains: q.q };
  }
  return pageOf(deps, caller, where, order, q.page, q.pageSize);
}

async function pageOf(
  deps: Deps,
  caller: Caller,
  where: Filter,
  orderBy: Array<[string, 'asc' | 'desc']>,
  page: number,
  pageSize: number,
): Promise<Page<ItemView>> {
  const [items, total] = await Promise.all([
    deps.store.find<Item>('items', { where, orderBy, limit: pageSize, skip: (page - 1) * pageSize }),
    deps.store.count('items', where),
  ]);
  const now = deps.clock.now();
  return { items: items.map((i) => viewItem(i, caller, now, deps.config)), total, page, pageSize };
}

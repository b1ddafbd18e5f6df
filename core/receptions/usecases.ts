import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Representative, Studio } from '../directory/types';
import { AppError, forbidden, invalidState, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { runTransition } from '../matters/runner';
import { timelineEvent } from '../matters/timeline';
import { enqueue, enqueueIn, outboxIdFor } from '../outbox/outbox';
import { MAX_LIMIT, VersionConflict, type Filter, type TransactionOps } from '../ports/store';
import { viewItem, type Category, type Item } from '../register/item';
import { itemIdFor } from '../register/numbering';
import { checkSubmitSlot, checkText, registerItem, registerItemIn, registerItemReads, takeSubmitSlot, type Page } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import type { Effect, MessageEffect, PointsEffect } from '../matters/effects';
import { activityEffect } from '../activities/record';
import { formatCalendarDate, formatDay, formatShanghai, shanghai, shanghaiDate, startOfShanghaiDay } from '../time';
import { receptionKind, receptionLifecycle, receptionPage, type ReceptionAction } from './kind';
import { inWalkInWindow, may, relationsOf, scopeOf, WALK_IN_WINDOW } from './permissions';
import type { Booking, BookingStatus, DutyRepresentative, Reception, ReceptionForm } from './types';

const HOUR = 60 * 60 * 1000;
const FORM_LABELS: Record<ReceptionForm, string> = { studio: '工作室接待', online: '网上接待', mobile: '流动接待' };

export { receptionPage };

async function loadReception(deps: Deps, id: string): Promise<Reception> {
  const r = await deps.store.get<Reception>('receptions', id);
  if (!r) throw notFound('该接待');
  return r;
}

/** Drafts exist only for the studio's managers; published, cancelled and closed ones for all. */
async function loadVisibleReception(deps: Deps, caller: Caller, id: string): Promise<Reception> {
  const r = await loadReception(deps, id);
  if (!may(caller, 'read', r)) throw notFound('该接待');
  return r;
}

function requireManager(caller: Caller, r: { studioId: string }, what: string) {
  if (!may(caller, 'manage', r)) throw forbidden(`只有本工作室联络员或管理员可以${what}`);
}

/** Publish, cancel or close through the kernel's runner: checked, on the timeline, effects recorded with the save. */
const act = (deps: Deps, caller: Caller, r: Reception, action: ReceptionAction, change: Partial<Reception>, note?: string, effects?: (after: Reception, now: number) => Effect[]) =>
  runTransition(deps, receptionKind, caller, r, { action, change: () => change, note, effects });

export interface ScheduleCommand {
  studioId: string;
  startAt: number;
  endAt: number;
  form: ReceptionForm;
  place?: string;
  topic: string;
  representativeIds: string[];
  capacity: number;
}

/** 安排接待: creates a draft; publishing makes it the public notice. */
export async function scheduleReception(deps: Deps, caller: Caller, cmd: ScheduleCommand) {
  requireManager(caller, cmd, '安排接待');
  const studio = await deps.store.get<Studio>('studios', cmd.studioId);
  if (!studio) throw validationError('所选的党代表工作室不存在');
  const now = deps.clock.now();
  if (cmd.endAt <= cmd.startAt) throw validationError('结束时间应晚于开始时间');
  if (cmd.endAt - cmd.startAt > 12 * HOUR) throw validationError('一次接待不能超过 12 小时');
  if (cmd.startAt <= now) throw validationError('开始时间应晚于现在');
  if (shanghaiDate(cmd.startAt) !== shanghaiDate(cmd.endAt)) throw validationError('接待应在同一天内开始和结束');
  if (cmd.form === 'mobile' && !cmd.place) throw validationError('流动接待请填写接待地点');
  const ids = [...new Set(cmd.representativeIds)];
  const reps = await Promise.all(ids.map((id) => deps.store.get<Representative>('representatives', id)));
  if (reps.some((r) => !r || r.studioId !== studio._id)) throw validationError('值班党代表须为本工作室的党代表');
  await checkText(deps, caller, [cmd.topic, cmd.place ?? '']);
  const reception = await deps.store.create<Reception>('receptions', {
    _id: 'rc' + createHash('sha256').update(`${caller.openid}|${now}|${randomInt(1e9)}`).digest('hex').slice(0, 22),
    studioId: studio._id,
    studioName: studio.name,
    townshipId: studio.townshipId,
    startAt: cmd.startAt,
    endAt: cmd.endAt,
    form: cmd.form,
    place: cmd.place ?? (cmd.form === 'online' ? '线上（小程序内预约后获取参加方式）' : studio.address),
    topic: cmd.topic,
    representativeIds: ids,
    representatives: (reps as Representative[]).map((r) => ({ id: r._id, name: r.name, unit: r.unit, phone: r.phone, wechat: r.wechat })),
    capacity: cmd.capacity,
    booked: 0,
    waiting: 0,
    waitSeq: 0,
    status: 'draft',
    createdBy: caller.openid,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    attendance: null,
    summary: null,
    nextRemindAt: null,
    timeline: [timelineEvent(now, 'schedule', caller, null, 'draft')],
    effects: [],
    effectsDueAt: null,
  });
  return viewReception(deps, caller, reception, null);
}

/** The earliest Shanghai date a reception may start on if published at `now`. */
export const earliestStartDate = (now: number, noticeDays: number): string => shanghai(now).add(noticeDays, 'day').format('YYYY-MM-DD');

/**
 * 发布: the notice must go out at least N calendar days before the reception (the source's
 * 提前 7 天告示), counted in Shanghai dates: a reception on day D+7 may be published
 * until 23:59 on day D.
 */
export async function publishReception(deps: Deps, caller: Caller, id: string) {
  const r = await loadVisibleReception(deps, caller, id);
  requireManager(caller, r, '发布接待');
  if (r.status !== 'draft') throw invalidState('只有草稿状态的接待可以发布');
  const now = deps.clock.now();
  const earliest = earliestStartDate(now, deps.config.noticeDays);
  if (shanghaiDate(r.startAt) < earliest) {
    throw invalidState(
      `接待须提前 ${deps.config.noticeDays} 天公告：今天发布，接待最早只能安排在 ${formatCalendarDate(earliest)}（本次为 ${formatDay(r.startAt)}）`,
      { earliestDate: earliest },
    );
  }
  return viewReception(deps, caller, await act(deps, caller, r, 'publish', { publishedAt: now }), null);
}

export interface ListReceptionsQuery {
  studioId?: string;
  townshipId?: string;
  from?: string;
  page: number;
  pageSize: number;
}

/** Upcoming published receptions, soonest first. */
export async function listReceptions(deps: Deps, q: ListReceptionsQuery): Promise<Page<ReturnType<typeof summary>>> {
  // From the start of the given Shanghai day, or of today: today's receptions stay listed all day.
  const from = startOfShanghaiDay(q.from ?? shanghaiDate(deps.clock.now()));
  const where: Filter = { status: 'published', startAt: { gte: from } };
  if (q.studioId) where.studioId = q.studioId;
  if (q.townshipId) where.townshipId = q.townshipId;
  const [rows, total] = await Promise.all([
    deps.store.find<Reception>('receptions', { where, orderBy: [['startAt', 'asc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('receptions', where),
  ]);
  return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
}

/**
 * 我的接待: for a representative, the upcoming receptions they are on duty at; for liaison
 * staff, every upcoming reception of their studios, drafts included (admins: all studios).
 * Ended receptions not yet closed (结束登记) come first, whatever their day.
 */
export async function listDuties(deps: Deps, caller: Caller, q: { from?: string; page: number; pageSize: number }) {
  if (!may(caller, 'duties', null)) throw forbidden('只有党代表和联络员有接待安排');
  const from = startOfShanghaiDay(q.from ?? shanghaiDate(deps.clock.now()));
  // A representative sees the receptions they are on duty at (the query says so: no list is
  // filtered after a capped read).
  const scope: Filter = { ...scopeOf(caller), ...(caller.role === 'representative' ? { representativeIds: { has: caller.representativeId ?? '' } } : {}) };
  const where: Filter = { ...scope, startAt: { gte: from } };
  // A published reception of an earlier day has ended and waits for 结束登记: it stays
  // listed, first, until it is closed.
  const ended: Filter = { ...scope, startAt: { lt: from }, status: 'published' };
  const start = (q.page - 1) * q.pageSize;
  // One round: the page as if the ended ones were few (they are: a studio closes its
  // receptions), with both counts; the page is read again at the right offsets only when
  // the ended ones reach into it.
  const [firstEnded, firstUpcoming, endedTotal, upcomingTotal] = await Promise.all([
    deps.store.find<Reception>('receptions', { where: ended, orderBy: [['startAt', 'asc']], limit: Math.min(start + q.pageSize, MAX_LIMIT) }),
    deps.store.find<Reception>('receptions', { where, orderBy: [['startAt', 'asc']], limit: Math.min(start + q.pageSize, MAX_LIMIT) }),
    deps.store.count('receptions', ended),
    deps.store.count('receptions', where),
  ]);
  let items: Reception[];
  if (start + q.pageSize <= MAX_LIMIT) {
    items = [...firstEnded, ...firstUpcoming].slice(start, start + q.pageSize);
  } else {
    const fromEnded = start < endedTotal ? await deps.store.find<Reception>('receptions', { where: ended, orderBy: [['startAt', 'asc']], skip: start, limit: q.pageSize }) : [];
    const rest = q.pageSize - fromEnded.length;
    const fromUpcoming = rest > 0 ? await deps.store.find<Reception>('receptions', { where, orderBy: [['startAt', 'asc']], skip: Math.max(0, start - endedTotal), limit: rest }) : [];
    items = [...fromEnded, ...fromUpcoming];
  }
  return {
    items: items.map((r) => ({ ...summary(r), booked: r.booked, actions: receptionActions(deps, caller, r, null) })),
    total: endedTotal + upcomingTotal,
    page: q.page,
    pageSize: q.pageSize,
  };
}

function summary(r: Reception) {
  return {
    id: r._id,
    studioId: r.studioId,
    studioName: r.studioName,
    startAt: r.startAt,
    endAt: r.endAt,
    form: r.form,
    formLabel: FORM_LABELS[r.form],
    place: r.place,
    topic: r.topic,
    status: r.status,
    capacity: r.capacity,
    placesLeft: Math.max(0, r.capacity - r.booked),
    waiting: r.waiting,
    representatives: r.representatives.map((p) => ({ id: p.id, name: p.name, unit: p.unit })),
  };
}

export const bookingIdFor = (receptionId: string, openid: string) =>
  'bk' + createHash('sha256').update(`${receptionId}\u0000${openid}`).digest('hex').slice(0, 30);

const bookingView = (b: Booking) => ({
  id: b._id,
  receptionId: b.receptionId,
  status: b.status,
  code: b.code,
  waitingPosition: null as number | null,
  question: b.question,
  itemId: b.itemId,
  createdAt: b.createdAt,
  checkedInAt: b.checkedInAt,
});

/** What a caller may do with a reception: the lifecycle's actions, booking, and the door's (core/views.ts `ReceptionAction`). */
export type ReceptionCallerAction = ReceptionAction | 'book' | 'cancelBooking' | 'checkIn' | 'walkIn';

/** What the caller may do with the reception now, computed here so pages only render. */
function receptionActions(deps: Deps, caller: Caller, r: Reception, booking: Booking | null): ReceptionCallerAction[] {
  const now = deps.clock.now();
  const out: ReceptionCallerAction[] = [];
  const active = booking !== null && (booking.status === 'booked' || booking.status === 'waiting');
  if (r.status === 'published' && now < r.startAt) out.push(active ? 'cancelBooking' : 'book');
  out.push(...receptionLifecycle.allowedActions(receptionKind.factsOf(r, now, deps.config), relationsOf(caller, r)));
  if (r.status === 'published' && mayCheckIn(caller, r)) {
    out.push('checkIn');
    if (inWalkInWindow(r, now)) out.push('walkIn');
  }
  return out;
}

const mayCheckIn = (caller: Caller, r: Reception) => may(caller, 'checkIn', r);

/** The booking as its owner sees it, with the place in the waiting list while waiting. */
async function bookingWithPosition(deps: Deps, b: Booking) {
  const view = bookingView(b);
  if (b.status === 'waiting' && b.waitSeq !== null) {
    view.waitingPosition = await deps.store.count('bookings', { receptionId: b.receptionId, status: 'waiting', waitSeq: { lte: b.waitSeq } });
  }
  return view;
}

/** A representative on duty as this caller sees them: `viaStudio` when the phone is the studio's. */
export interface DutyContact extends DutyRepresentative {
  viaStudio: boolean;
}

/**
 * The representatives on duty with the contact this caller may see: their own mobile and
 * WeChat id for the reception's staff and for a representative who agreed (`contactPublic`,
 * set by themselves); otherwise the studio's phone and no WeChat id. One round (the
 * representatives' consent and the studio's phone, together) when the caller is not staff.
 */
export async function dutyContacts(deps: Deps, caller: Caller | null, r: Reception): Promise<DutyContact[]> {
  if (caller && may(caller, 'seeDutyContacts', r)) return r.representatives.map((p) => ({ ...p, viaStudio: false }));
  const [reps, studio] = await Promise.all([
    deps.store.find<Representative>('representatives', { where: { _id: { in: r.representativeIds } }, limit: 50 }),
    deps.store.get<Studio>('studios', r.studioId),
  ]);
  const agreed = new Set(reps.filter((x) => x.contactPublic === true).map((x) => x._id));
  return r.representatives.map((p) =>
    agreed.has(p.id) ? { ...p, viaStudio: false } : { ...p, phone: studio?.phone ?? '', wechat: '', viaStudio: true },
  );
}

async function viewReception(deps: Deps, caller: Caller, r: Reception, booking: Booking | null, contacts?: Promise<DutyContact[]>) {
  const [mine, representatives] = await Promise.all([booking ? bookingWithPosition(deps, booking) : null, contacts ?? dutyContacts(deps, caller, r)]);
  return {
    ...summary(r),
    studioName: r.studioName,
    representatives,
    publishedAt: r.publishedAt,
    cancelReason: r.cancelReason,
    attendance: r.attendance,
    summary: r.summary,
    page: receptionPage(r._id),
    myBooking: mine,
    actions: receptionActions(deps, caller, r, booking),
  };
}

/** The notice of a reception, with the caller's booking, and for its managers the items raised there. */
export async function getReception(deps: Deps, caller: Caller, id: string) {
  const r = await loadVisibleReception(deps, caller, id);
  // The booking is read with the reception when the dispatcher reads ahead (functions/receptions.ts).
  return receptionWithItems(deps, caller, r, await deps.store.get<Booking>('bookings', bookingIdFor(r._id, caller.openid)));
}

/** A reception's items shown to its managers: the first ones, with how many there are in all. */
const RECEPTION_ITEMS = 200;

/**
 * The reception as `get` answers it, from documents already read: the duty contacts, the
 * waiting position and, for its managers, the items raised there (with their count, so a
 * long list says there is more) all in one round.
 */
async function receptionWithItems(deps: Deps, caller: Caller, r: Reception, booking: Booking | null, contacts?: Promise<DutyContact[]>) {
  const managed = mayCheckIn(caller, r);
  const [view, items, itemsTotal] = await Promise.all([
    viewReception(deps, caller, r, booking, contacts),
    managed ? deps.store.find<Item>('items', { where: { receptionId: r._id }, orderBy: [['createdAt', 'asc']], limit: RECEPTION_ITEMS }) : [],
    managed ? deps.store.count('items', { receptionId: r._id }) : 0,
  ]);
  if (!managed) return view;
  const now = deps.clock.now();
  return {
    ...view,
    items: items.map((i) => ({ id: i._id, no: i.no, status: viewItem(i, caller, now).statusLabel, category: i.category, content: i.content })),
    itemsTotal,
  };
}

// No 0/O, 1/I/L: the code is read out at the door.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * 预约: one place per person per reception, in a transaction over the reception and the
 * booking documents, so capacity is never exceeded. When full, the booking joins the
 * waiting list. A question becomes a register item (channel `reception`) linked to it.
 */
export async function bookReception(deps: Deps, caller: Caller, cmd: { id: string; requestId: string; question?: string; category?: Category }) {
  const now = deps.clock.now();
  // A question becomes an item of the register: it takes a submit slot like any submit (the
  // slot is taken with the item; checked here first, so that a refusal changes nothing).
  // A retry of a booking whose question is registered already takes nothing.
  const [r0, before, overLimit] = await Promise.all([
    loadVisibleReception(deps, caller, cmd.id),
    cmd.question ? deps.store.get<Booking>('bookings', bookingIdFor(cmd.id, caller.openid)) : null,
    cmd.question ? checkSubmitSlot(deps, caller, now).then(() => null, (e: unknown) => e) : null,
    cmd.question ? checkText(deps, caller, [cmd.question]) : undefined,
  ]);
  const registered = before !== null && before.status !== 'cancelled' && before.itemId !== null;
  if (overLimit && !registered) throw overLimit;
  const bookingId = bookingIdFor(r0._id, caller.openid);
  // Who is on duty, as this caller may see them, and the studio (a question's item is the
  // studio's): read while the transaction starts.
  const contacts = dutyContacts(deps, caller, r0);
  contacts.catch(() => undefined); // awaited in viewReception; a failed booking must not leave it unhandled
  const studioRead = cmd.question ? deps.store.get<Studio>('studios', r0.studioId) : Promise.resolve(null);
  studioRead.catch(() => undefined);
  const question = cmd.question ? questionItem(deps, caller, bookingId, now, cmd.category ?? '其他') : null;
  const messageKey = (status: BookingStatus) => `booking:${bookingId}:${now}:${status}`;

  // One transaction: the place (capacity is never exceeded), the booking, its message, and a
  // question's item with its number and submit slot, so that a crash loses none of them.
  const { booking, reception } = await retryOnConflict(() =>
    deps.store.transaction(async (tx: TransactionOps) => {
      const [r, existing] = await Promise.all([
        tx.get<Reception>('receptions', r0._id),
        tx.get<Booking>('bookings', bookingId),
        // Read in the same round, for the writes below.
        tx.get('outbox', outboxIdFor(messageKey('booked'))),
        tx.get('outbox', outboxIdFor(messageKey('waiting'))),
        ...(question ? registerItemReads(deps, question).map(([c, id]) => tx.get(c, id)) : []),
      ]);
      if (!r) throw notFound('该接待');
      if (existing && existing.status !== 'cancelled') return { booking: existing, reception: r };
      if (r.status !== 'published') throw invalidState(r.status === 'cancelled' ? '该接待已取消' : '该接待不接受预约');
      if (now >= r.startAt) throw invalidState('接待已开始，不能再预约');
      const full = r.booked >= r.capacity;
      const status: BookingStatus = full ? 'waiting' : 'booked';
      const waitSeq = full ? r.waitSeq + 1 : null;
      const studio = question ? await studioRead : null;
      const { _id: rid, _v: rv, ...rrest } = r;
      const doc: Omit<Booking, '_v'> = {
        _id: bookingId,
        receptionId: r._id,
        studioId: r.studioId,
        openid: caller.openid,
        requestId: cmd.requestId,
        status,
        code: existing?.code ?? newCode(),
        waitSeq,
        question: cmd.question ?? null,
        qCategory: cmd.question ? (cmd.category ?? '其他') : null,
        itemId: question && studio ? question.id : null,
        createdAt: now,
        updatedAt: now,
        checkedInAt: null,
        cancelledAt: null,
      };
      // Every write in one round.
      const [reception, booking] = await Promise.all([
        tx.update<Reception>('receptions', rid, rv, {
          ...rrest,
          _id: rid,
          booked: r.booked + (full ? 0 : 1),
          waiting: r.waiting + (full ? 1 : 0),
          waitSeq: waitSeq ?? r.waitSeq,
          updatedAt: now,
        }),
        existing ? tx.update<Booking>('bookings', bookingId, existing._v, doc) : tx.create<Booking>('bookings', doc),
        enqueueIn(tx, {
          dedupeKey: messageKey(status),
          recipientOpenid: caller.openid,
          kind: status === 'booked' ? 'booking_confirmed' : 'booking_waiting',
          title: status === 'booked' ? '预约成功' : '已加入候补',
          body: `${r.studioName} ${formatShanghai(r.startAt)} ${r.topic}${status === 'booked' ? `，签到码 ${doc.code}` : '，有空位时将按顺序为您递补'}`,
          page: receptionPage(r._id),
          createdAt: now,
        }),
        question && studio ? registerItemIn(tx, deps, caller, { ...question, studio, content: cmd.question ?? '', receptionId: r._id, note: `预约 ${formatShanghai(r.startAt)} 接待时提出` }) : null,
      ]);
      return { booking, reception };
    }),
  );

  let saved = booking;
  // A booking made before its question was registered with it (or whose studio was gone).
  if (saved.question && !saved.itemId) saved = await registerQuestion(deps, caller, reception, saved);
  return viewReception(deps, caller, reception, saved, contacts);
}

/** The item a booking's question becomes (its studio and reception filled in when booked). */
function questionItem(deps: Deps, caller: Caller, bookingId: string, now: number, category: Category) {
  return {
    id: itemIdFor(caller.openid, `booking-${bookingId}`),
    requestId: `booking-${bookingId}`,
    submitterOpenid: caller.openid,
    channel: 'reception' as const,
    category,
    content: '',
    contactName: null,
    contactPhone: null,
    anonymous: false,
    bookingId,
    guard: takeSubmitSlot(deps, caller, now),
  };
}

/** Registers the booking's question as an item of the reception's studio, once. */
async function registerQuestion(deps: Deps, caller: Caller, r: Reception, b: Booking): Promise<Booking> {
  const studio = await deps.store.get<Studio>('studios', r.studioId);
  if (!studio || !b.question) return b;
  const now = deps.clock.now();
  const { item } = await registerItem(deps, caller, {
    id: itemIdFor(caller.openid, `booking-${b._id}`),
    requestId: `booking-${b._id}`,
    submitterOpenid: caller.openid,
    channel: 'reception',
    studio,
    category: b.qCategory ?? '其他',
    content: b.question,
    contactName: null,
    contactPhone: null,
    anonymous: false,
    receptionId: r._id,
    bookingId: b._id,
    note: `预约 ${formatShanghai(r.startAt)} 接待时提出`,
    guard: takeSubmitSlot(deps, caller, now),
  });
  const { _id, _v, ...rest } = b;
  try {
    return await deps.store.update<Booking>('bookings', _id, _v, { ...rest, _id, itemId: item._id, updatedAt: now });
  } catch (e) {
    if (e instanceof VersionConflict) return (await deps.store.get<Booking>('bookings', _id)) ?? b;
    throw e;
  }
}

/** 取消预约: frees the place; the first on the waiting list is promoted and told. */
export async function cancelBooking(deps: Deps, caller: Caller, receptionId: string) {
  const r0 = await loadVisibleReception(deps, caller, receptionId);
  const bookingId = bookingIdFor(r0._id, caller.openid);
  const now = deps.clock.now();
  // Read while the cancellation runs: who is on duty (for the answer) and the first on the
  // waiting list, promoted in the same transaction when the place freed is a booked one.
  const contacts = dutyContacts(deps, caller, r0);
  contacts.catch(() => undefined);
  const first = firstWaiting(deps, r0._id);
  first.catch(() => undefined);
  const done = await retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const candidate = (await first.catch(() => null)) ?? null;
      const [b, r, c] = await Promise.all([
        tx.get<Booking>('bookings', bookingId),
        tx.get<Reception>('receptions', r0._id),
        candidate && candidate._id !== bookingId ? tx.get<Booking>('bookings', candidate._id) : null,
        // Its message's row, read now so that writing it takes no round of its own.
        candidate && candidate._id !== bookingId ? tx.get('outbox', outboxIdFor(promotedKey(candidate))) : null,
      ]);
      if (!b || (b.status !== 'booked' && b.status !== 'waiting')) throw invalidState('您没有该接待的有效预约');
      if (!r) throw notFound('该接待');
      if (now >= r.startAt) throw invalidState('接待已开始，不能取消预约');
      const freed = b.status === 'booked';
      let booked = r.booked - (freed ? 1 : 0);
      let waiting = r.waiting - (b.status === 'waiting' ? 1 : 0);
      // The first waiting takes the place freed, if it is still waiting and the place still free.
      const promote = freed && c !== null && c.status === 'waiting' && r.status === 'published' && booked < r.capacity ? c : null;
      if (promote) {
        booked += 1;
        waiting -= 1;
      }
      const { _id: rid, _v: rv, ...rrest } = r;
      const { _id, _v, ...rest } = b;
      const [reception, mine] = await Promise.all([
        tx.update<Reception>('receptions', rid, rv, { ...rrest, _id: rid, booked, waiting, updatedAt: now }),
        tx.update<Booking>('bookings', _id, _v, { ...rest, _id, status: 'cancelled', cancelledAt: now, waitSeq: null, updatedAt: now }),
        promote ? promoteIn(tx, promote, r, now) : null,
      ]);
      return { freed, promoted: promote !== null, reception, mine };
    }),
  );
  // Places still free (the candidate had gone, or more than one place is free): the usual way.
  const more = done.freed && (!done.promoted || done.reception.booked < done.reception.capacity) && done.reception.waiting > 0;
  if (more) {
    await promoteWaiting(deps, r0._id);
    return getReception(deps, caller, r0._id);
  }
  return receptionWithItems(deps, caller, done.reception, done.mine, contacts);
}

const promotedKey = (b: Booking) => `promoted:${b._id}:${b.createdAt}`;

/** The first booking on a reception's waiting list, or null. */
async function firstWaiting(deps: Deps, receptionId: string): Promise<Booking | null> {
  const [candidate] = await deps.store.find<Booking>('bookings', { where: { receptionId, status: 'waiting' }, orderBy: [['waitSeq', 'asc']], limit: 1 });
  return candidate ?? null;
}

/**
 * Moves a waiting booking to booked inside the caller's transaction, with its message
 * written by the same transaction (a crash loses neither). The reception's counts are the
 * caller's to write.
 */
async function promoteIn(tx: TransactionOps, b: Booking, r: Reception, now: number): Promise<void> {
  const { _id, _v, ...rest } = b;
  await Promise.all([
    tx.update<Booking>('bookings', _id, _v, { ...rest, _id, status: 'booked', waitSeq: null, updatedAt: now }),
    enqueueIn(tx, {
      dedupeKey: promotedKey(b),
      recipientOpenid: b.openid,
      kind: 'booking_promoted',
      title: '候补成功',
      body: `${r.studioName} ${formatShanghai(r.startAt)} ${r.topic}：已为您递补预约，签到码 ${b.code}`,
      page: receptionPage(r._id),
      createdAt: now,
    }),
  ]);
}

/**
 * Fills free places from the waiting list, in order. The candidate is found by a query
 * (not allowed inside a CloudBase transaction), then re-read and promoted in one, with its
 * message; it looks again only while places are still free.
 */
export async function promoteWaiting(deps: Deps, receptionId: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const candidate = await firstWaiting(deps, receptionId);
    if (!candidate) return promoted;
    const now = deps.clock.now();
    const result = await retryOnConflict(() =>
      deps.store.transaction(async (tx) => {
        const [r, b] = await Promise.all([
          tx.get<Reception>('receptions', receptionId),
          tx.get<Booking>('bookings', candidate._id),
          tx.get('outbox', outboxIdFor(promotedKey(candidate))),
        ]);
        if (!r || r.status !== 'published' || r.booked >= r.capacity || now >= r.startAt) return 'done' as const;
        if (!b || b.status !== 'waiting') return 'again' as const;
        const { _id: rid, _v: rv, ...rrest } = r;
        await Promise.all([
          tx.update<Reception>('receptions', rid, rv, { ...rrest, _id: rid, booked: r.booked + 1, waiting: r.waiting - 1, updatedAt: now }),
          promoteIn(tx, b, r, now),
        ]);
        return r.booked + 1 < r.capacity && r.waiting - 1 > 0 ? ('more' as const) : ('full' as const);
      }),
    );
    if (result === 'done') return promoted;
    if (result === 'again') continue;
    promoted++;
    if (result === 'full') return promoted;
  }
}

/** 我的预约, newest first, each with its reception. */
export async function myBookings(deps: Deps, caller: Caller, page: number, pageSize: number) {
  const where: Filter = { openid: caller.openid };
  const [rows, total] = await Promise.all([
    deps.store.find<Booking>('bookings', { where, orderBy: [['createdAt', 'desc']], limit: pageSize, skip: (page - 1) * pageSize }),
    deps.store.count('bookings', where),
  ]);
  const [receptions, views] = await Promise.all([
    rows.length ? deps.store.find<Reception>('receptions', { where: { _id: { in: [...new Set(rows.map((b) => b.receptionId))] } }, limit: rows.length }) : [],
    Promise.all(rows.map((b) => bookingWithPosition(deps, b))),
  ]);
  const byId = new Map(receptions.map((r) => [r._id, r]));
  return {
    items: rows.map((b, i) => {
      const r = byId.get(b.receptionId);
      return { ...views[i], reception: r ? summary(r) : null };
    }),
    total,
    page,
    pageSize,
  };
}

/**
 * 取消接待: every booked and waiting resident is told. The message to all of them is recorded
 * with the cancellation in one write, so a function cut off midway loses no one: the timer
 * carries on where it stopped (the outbox's dedupe keys make a repeat harmless).
 */
export async function cancelReception(deps: Deps, caller: Caller, id: string, reason: string) {
  const r = await loadVisibleReception(deps, caller, id);
  requireManager(caller, r, '取消接待');
  if (r.status !== 'draft' && r.status !== 'published') throw invalidState('该接待已取消或已结束');
  const now = deps.clock.now();
  if (r.status === 'published' && now >= r.endAt) throw invalidState('接待已结束，请登记接待情况');
  const saved = await act(deps, caller, r, 'cancel', { cancelledAt: now, cancelReason: reason }, reason, (after, at) =>
    after.publishedAt === null
      ? []
      : [
          {
            type: 'message',
            key: `reception-cancelled:${id}`,
            to: { docs: 'bookings', where: JSON.stringify({ receptionId: id, status: { in: ['booked', 'waiting'] } }), field: 'openid' },
            kind: 'reception_cancelled',
            title: '接待已取消',
            body: `${r.studioName} ${formatShanghai(r.startAt)} ${r.topic} 已取消：${reason}`,
            page: receptionPage(id),
            at,
          },
        ],
  );
  return viewReception(deps, caller, saved, null);
}

/** 签到: a representative on duty or the liaison checks in a booking by its code. */
export async function checkIn(deps: Deps, caller: Caller, code: string) {
  const candidates = await deps.store.find<Booking>('bookings', { where: { code }, limit: 20 });
  const receptions = await Promise.all(candidates.map((b) => deps.store.get<Reception>('receptions', b.receptionId)));
  const index = candidates.findIndex((b, i) => {
    const r = receptions[i];
    return r !== null && r.status === 'published' && mayCheckIn(caller, r);
  });
  if (index < 0) {
    if (caller.role === 'resident') throw forbidden('只有值班党代表或联络员可以签到');
    throw notFound('该签到码对应的预约');
  }
  const b = candidates[index];
  const r = receptions[index] as Reception;
  const now = deps.clock.now();
  if (b.status === 'checked_in') throw invalidState(`该预约已于 ${formatShanghai(b.checkedInAt ?? now)} 签到`);
  if (b.status === 'waiting') throw invalidState('该预约仍在候补中，尚未获得名额');
  if (b.status === 'cancelled') throw invalidState('该预约已取消');
  if (now < r.startAt - 2 * HOUR) throw invalidState(`接待尚未开始，最早可于 ${formatShanghai(r.startAt - 2 * HOUR)} 签到`);
  const { _id, _v, ...rest } = b;
  try {
    const saved = await deps.store.update<Booking>('bookings', _id, _v, {
      ...rest,
      _id,
      status: 'checked_in',
      checkedInAt: now,
      updatedAt: now,
      timeline: [...(b.timeline ?? []), timelineEvent<BookingStatus, 'checkIn'>(now, 'checkIn', caller, 'booked', 'checked_in')],
    });
    return { ...bookingView(saved), reception: summary(r) };
  } catch (e) {
    if (e instanceof VersionConflict) throw new AppError('CONFLICT', '该预约刚被修改，请重试');
    throw e;
  }
}

export interface WalkInCommand {
  id: string;
  requestId: string;
  category: Category;
  content: string;
  contactName?: string;
  contactPhone?: string;
}

/** 现场登记: what an unbooked visitor raised, registered as an item with channel `reception`. */
export async function walkIn(deps: Deps, caller: Caller, cmd: WalkInCommand) {
  const r = await loadVisibleReception(deps, caller, cmd.id);
  if (!mayCheckIn(caller, r)) throw forbidden('只有值班党代表或联络员可以现场登记');
  if (r.status !== 'published') throw invalidState('只能在已发布的接待中登记');
  const now = deps.clock.now();
  if (!inWalkInWindow(r, now)) {
    throw invalidState(
      `现场登记只能在接待现场进行：${formatShanghai(r.startAt - WALK_IN_WINDOW.beforeMs)} 至 ${formatShanghai(r.endAt + WALK_IN_WINDOW.afterMs)}`,
    );
  }
  const [studio] = await Promise.all([deps.store.get<Studio>('studios', r.studioId), checkText(deps, caller, [cmd.content, cmd.contactName ?? ''])]);
  if (!studio) throw notFound('该工作室');
  // The visitor has no WeChat identity here: the item is registered under the reception.
  const submitter = `walkin:${r._id}`;
  const { item } = await registerItem(deps, caller, {
    id: itemIdFor(`${caller.openid}|${r._id}`, cmd.requestId),
    requestId: cmd.requestId,
    submitterOpenid: submitter,
    channel: 'reception',
    studio,
    category: cmd.category,
    content: cmd.content,
    contactName: cmd.contactName ?? null,
    contactPhone: cmd.contactPhone ?? null,
    anonymous: false,
    receptionId: r._id,
    bookingId: null,
    note: `${formatShanghai(r.startAt)} 接待现场登记`,
  });
  return viewItem(item, caller, now, deps.config);
}

/**
 * 接待结束登记: how many residents came, which representatives on duty were there (all of them
 * unless told), and a short summary; the items raised there are listed with it. The close
 * records, with the change, the studio's activity of the month (活动记录, kind 接待群众) and
 * the `reception` points of each representative present: once, whatever is retried.
 */
export async function closeReception(deps: Deps, caller: Caller, id: string, attendance: number, summaryText: string, presentRepIds?: string[]) {
  const r = await loadVisibleReception(deps, caller, id);
  requireManager(caller, r, '登记接待情况');
  if (r.status !== 'published') throw invalidState('只有已发布的接待可以登记结束');
  if (deps.clock.now() < r.endAt) throw invalidState(`接待尚未结束（${formatShanghai(r.endAt)} 结束）`);
  const present = presentRepIds === undefined ? r.representativeIds : [...new Set(presentRepIds)];
  if (present.some((rep) => !r.representativeIds.includes(rep))) throw validationError('到场党代表须为本次接待的值班党代表');
  await checkText(deps, caller, [summaryText]);
  const names = r.representatives.filter((p) => present.includes(p.id)).map((p) => p.name);
  await act(
    deps,
    caller,
    r,
    'close',
    { closedAt: deps.clock.now(), attendance, summary: summaryText, presentRepIds: present },
    `到场群众 ${attendance} 人${names.length ? `，值班党代表 ${names.join('、')}` : ''}：${summaryText}`,
    (after, at) => closeEffects(after, caller, at),
  );
  return getReception(deps, caller, id);
}

/** What a closed reception leaves: its activity record and each present representative's points. */
function closeEffects(r: Reception, caller: Caller, at: number): Effect[] {
  const date = shanghaiDate(r.startAt);
  const present = r.presentRepIds ?? r.representativeIds;
  return [
    activityEffect({
      key: `reception:${r._id}:close`,
      studioId: r.studioId,
      date,
      kind: 'reception',
      topic: r.topic,
      repIds: present,
      summary: `${FORM_LABELS[r.form]}，接待群众 ${r.attendance ?? 0} 人。${r.summary ?? ''}`,
      src: { kind: 'reception', id: r._id },
      by: caller.openid,
      byName: caller.name,
      at,
    }),
    ...present.map(
      (rep): PointsEffect => ({
        type: 'points',
        key: `reception:${r._id}:close:points:${rep}`,
        rep,
        code: 'reception',
        src: { kind: 'reception', id: r._id, ref: date },
        note: `${date} ${r.topic}`,
        at,
      }),
    ),
  ];
}

export { FORM_LABELS };

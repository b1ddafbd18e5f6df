import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import type { OutboxMessage } from '../../core/outbox/outbox';
import type { Store } from '../../core/ports/store';
import type { Item } from '../../core/register/item';
import { installFakeCloudbase, type FakeCloudbase } from '../support/fakeCloudbase';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, type TestApp } from '../support/app';

const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;

/** Shanghai local time → epoch ms. */
const sh = (local: string) => Date.parse(`${local}+08:00`);

interface ReceptionView {
  id: string;
  status: string;
  placesLeft: number;
  waiting: number;
  actions: string[];
  representatives: Array<{ name: string; unit: string; phone: string; wechat: string }>;
  myBooking: null | { id: string; status: string; code: string; waitingPosition: number | null; itemId: string | null };
  items?: Array<{ id: string; no: string }>;
  itemsTotal?: number;
}

const scheduleEvent = (overrides: Record<string, unknown> = {}) => ({
  action: 'schedule',
  studioId: DEV_STUDIO_ID,
  startAt: '2026-11-12T09:00:00+08:00',
  endAt: '2026-11-12T11:30:00+08:00',
  form: 'studio',
  topic: '老旧小区改造意见征集',
  representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
  capacity: 3,
  ...overrides,
});

async function published(t: TestApp, overrides: Record<string, unknown> = {}): Promise<ReceptionView> {
  const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent(overrides));
  return t.ok<ReceptionView>('receptions', liaison, { action: 'publish', id: draft.id });
}

const book = (t: TestApp, openid: string, id: string, extra: Record<string, unknown> = {}) =>
  t.ok<ReceptionView>('receptions', openid, { action: 'book', id, requestId: requestId(), ...extra });

describe('the 7-day notice, in Shanghai calendar days', () => {
  // A reception at 09:00 on day D+7 = 2026-11-09 09:00 Shanghai; day D = 2026-11-02.
  const at = { startAt: '2026-11-09T09:00:00+08:00', endAt: '2026-11-09T11:00:00+08:00' };

  it('may be published until 23:59 on day D, Shanghai time', async () => {
    const t = await makeTestApp({ now: sh('2026-11-01T10:00:00') });
    const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent(at));
    t.clock.set(sh('2026-11-02T23:59:00'));
    const r = await t.ok<ReceptionView>('receptions', liaison, { action: 'publish', id: draft.id });
    expect(r.status).toBe('published');
  });

  it('is refused at 00:30 on day D+1 Shanghai time, though that is still day D in UTC, with the earliest date', async () => {
    const t = await makeTestApp({ now: sh('2026-11-01T10:00:00') });
    const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent(at));
    t.clock.set(sh('2026-11-03T00:30:00'));
    expect(new Date(t.clock.now()).toISOString().slice(0, 10)).toBe('2026-11-02');
    const r = await t.call('receptions', liaison, { action: 'publish', id: draft.id });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_STATE');
    expect(r.error.message).toContain('2026年11月10日');
    expect(r.error.details).toEqual({ earliestDate: '2026-11-10' });
    expect((await t.ok<ReceptionView>('receptions', liaison, { action: 'get', id: draft.id })).status).toBe('draft');
  });

  it('follows the configured notice period', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), config: { noticeDays: 3 } });
    const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent({ startAt: '2026-11-05T09:00:00+08:00', endAt: '2026-11-05T10:00:00+08:00' }));
    expect((await t.ok<ReceptionView>('receptions', liaison, { action: 'publish', id: draft.id })).status).toBe('published');
  });
});

describe('scheduling and access', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });

  it('only the studio liaison or an admin schedules, publishes, cancels and closes', async () => {
    expect(await t.fails('receptions', resident, scheduleEvent())).toBe('FORBIDDEN');
    expect(await t.fails('receptions', rep, scheduleEvent())).toBe('FORBIDDEN');
    expect(await t.fails('receptions', liaison, scheduleEvent({ studioId: 'studio-anzhou', representativeIds: ['rep-anzhou-1'] }))).toBe('FORBIDDEN');
    const draft = await t.ok<ReceptionView>('receptions', admin, scheduleEvent());
    // A draft does not exist for them (issue 11, hole 8); a published reception does, and they are refused.
    expect(await t.fails('receptions', rep, { action: 'publish', id: draft.id })).toBe('NOT_FOUND');
    expect(await t.fails('receptions', resident, { action: 'cancel', id: draft.id, reason: '临时有事' })).toBe('NOT_FOUND');
    await t.ok('receptions', admin, { action: 'publish', id: draft.id });
    expect(await t.fails('receptions', rep, { action: 'cancel', id: draft.id, reason: '临时有事' })).toBe('FORBIDDEN');
    expect(await t.fails('receptions', resident, { action: 'cancel', id: draft.id, reason: '临时有事' })).toBe('FORBIDDEN');
    expect(await t.fails('receptions', resident, { action: 'close', id: draft.id, attendance: 3, summary: '接待顺利' })).toBe('FORBIDDEN');
  });

  it('a draft is invisible to residents until published', async () => {
    const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent());
    expect(await t.fails('receptions', resident, { action: 'get', id: draft.id })).toBe('NOT_FOUND');
    expect((await t.ok('receptions', resident, { action: 'list' })).total).toBe(0);
    await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
    expect((await t.ok('receptions', resident, { action: 'list' })).total).toBe(1);
  });

  it('rejects representatives from another studio, bad times and a mobile reception without a place', async () => {
    expect(await t.fails('receptions', liaison, scheduleEvent({ representativeIds: ['rep-anzhou-1'] }))).toBe('VALIDATION');
    expect(await t.fails('receptions', liaison, scheduleEvent({ endAt: '2026-11-12T08:00:00+08:00' }))).toBe('VALIDATION');
    expect(await t.fails('receptions', liaison, scheduleEvent({ startAt: '2026-11-12 09:00' }))).toBe('VALIDATION');
    expect(await t.fails('receptions', liaison, scheduleEvent({ form: 'mobile' }))).toBe('VALIDATION');
    expect(await t.fails('receptions', liaison, scheduleEvent({ capacity: 0 }))).toBe('VALIDATION');
    expect(await t.fails('receptions', liaison, scheduleEvent({ extra: 1 }))).toBe('VALIDATION');
    expect(await t.store.count('receptions')).toBe(0);
  });

  it('the notice shows each representative with unit and contact — the studio’s phone until they agree to show their own — and places left', async () => {
    const r = await published(t);
    const seen = await t.ok<ReceptionView>('receptions', resident, { action: 'get', id: r.id });
    expect(seen.representatives).toHaveLength(2);
    expect(seen.representatives[0]).toEqual(expect.objectContaining({ name: expect.any(String), unit: expect.any(String), phone: expect.stringMatching(/^0576-/), wechat: '', viaStudio: true }));
    await t.ok('members', rep, { action: 'consent', contactPublic: true });
    const agreed = (await t.ok<ReceptionView>('receptions', resident, { action: 'get', id: r.id })).representatives.find((p) => p.name === '王建华');
    expect(agreed).toEqual(expect.objectContaining({ phone: expect.stringMatching(/^1\d{10}$/), wechat: expect.stringMatching(/.+/), viaStudio: false }));
    expect(seen.placesLeft).toBe(3);
    expect(seen.actions).toEqual(['book']);
  });

  it('lists upcoming receptions by studio and township, soonest first', async () => {
    await published(t, { startAt: '2026-11-20T09:00:00+08:00', endAt: '2026-11-20T10:00:00+08:00' });
    await published(t, { startAt: '2026-11-12T09:00:00+08:00', endAt: '2026-11-12T10:00:00+08:00' });
    const list = await t.ok<{ items: Array<{ startAt: number }>; total: number }>('receptions', resident, { action: 'list', townshipId: 'fuying' });
    expect(list.items.map((i) => i.startAt)).toEqual([sh('2026-11-12T09:00:00'), sh('2026-11-20T09:00:00')]);
    expect((await t.ok('receptions', resident, { action: 'list', studioId: 'studio-anzhou' })).total).toBe(0);
    expect((await t.ok('receptions', resident, { action: 'list', from: '2026-11-15' })).total).toBe(1);
  });
});

describe('booking', () => {
  let t: TestApp;
  let r: ReceptionView;
  beforeEach(async () => {
    t = await makeTestApp();
    r = await published(t);
  });

  it('gives a place and a short door code, once per person', async () => {
    const first = await book(t, resident, r.id);
    expect(first.myBooking).toEqual(expect.objectContaining({ status: 'booked', code: expect.stringMatching(/^[2-9A-Z]{6}$/) }));
    const again = await book(t, resident, r.id);
    expect(again.myBooking?.id).toBe(first.myBooking?.id);
    expect(again.myBooking?.code).toBe(first.myBooking?.code);
    expect(again.placesLeft).toBe(2);
    expect(await t.store.count('bookings', { receptionId: r.id })).toBe(1);
  });

  it('a question given with the booking becomes a register item with channel reception, linked to the booking', async () => {
    const b = await book(t, resident, r.id, { question: '希望小区加装电梯，费用如何分摊？' });
    expect(b.myBooking?.itemId).toEqual(expect.any(String));
    const item = await t.store.get<Item>('items', b.myBooking?.itemId ?? '');
    expect(item).toEqual(expect.objectContaining({ channel: 'reception', receptionId: r.id, bookingId: b.myBooking?.id, submitterOpenid: resident, studioId: DEV_STUDIO_ID }));
    // a retry of the same booking registers nothing twice
    await book(t, resident, r.id, { question: '希望小区加装电梯，费用如何分摊？' });
    expect(await t.store.count('items')).toBe(1);
    const mine = await t.ok('register', resident, { action: 'mine' });
    expect(mine.items[0].channel).toBe('reception');
  });

  it('a booking question goes into the category the resident chose (其他 when none); an unknown category changes nothing', async () => {
    expect(await t.fails('receptions', resident, { action: 'book', id: r.id, requestId: 'bk-cat-bad', question: '村口路灯坏了很久没人修', category: '路灯' })).toBe('VALIDATION');
    expect(await t.store.count('bookings')).toBe(0);
    expect(await t.store.count('items')).toBe(0);
    const chosen = await book(t, resident, r.id, { question: '村口路灯坏了很久没人修', category: '城乡建设' });
    expect((await t.store.get<Item>('items', chosen.myBooking?.itemId ?? ''))?.category).toBe('城乡建设');
    const plain = await book(t, 'resident-plain', r.id, { question: '希望增加公交班次，方便老人进城' });
    expect((await t.store.get<Item>('items', plain.myBooking?.itemId ?? ''))?.category).toBe('其他');
  });

  it('goes on the waiting list when full and is promoted in order when a place frees', async () => {
    for (const who of ['a', 'b', 'c']) await book(t, `resident-${who}`, r.id);
    const w1 = await book(t, 'resident-w1', r.id);
    const w2 = await book(t, 'resident-w2', r.id);
    expect(w1.myBooking).toEqual(expect.objectContaining({ status: 'waiting', waitingPosition: 1 }));
    expect(w2.myBooking).toEqual(expect.objectContaining({ status: 'waiting', waitingPosition: 2 }));
    expect(w2.placesLeft).toBe(0);
    expect((await t.ok('receptions', 'resident-w2', { action: 'myBookings' })).items[0]).toEqual(expect.objectContaining({ status: 'waiting', waitingPosition: 2 }));

    await t.ok('receptions', 'resident-b', { action: 'cancelBooking', id: r.id });
    const after1 = await t.ok<ReceptionView>('receptions', 'resident-w1', { action: 'get', id: r.id });
    const after2 = await t.ok<ReceptionView>('receptions', 'resident-w2', { action: 'get', id: r.id });
    expect(after1.myBooking?.status).toBe('booked');
    expect(after2.myBooking).toEqual(expect.objectContaining({ status: 'waiting', waitingPosition: 1 }));
    expect(after2.placesLeft).toBe(0);
    expect(after2.waiting).toBe(1);

    const promoted = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'booking_promoted' } });
    expect(promoted.map((m) => m.recipientOpenid)).toEqual(['resident-w1']);
  });

  it('a waiting resident who cancels frees no place and promotes nobody', async () => {
    for (const who of ['a', 'b', 'c', 'w']) await book(t, `resident-${who}`, r.id);
    await t.ok('receptions', 'resident-w', { action: 'cancelBooking', id: r.id });
    const view = await t.ok<ReceptionView>('receptions', 'resident-a', { action: 'get', id: r.id });
    expect(view.placesLeft).toBe(0);
    expect(view.waiting).toBe(0);
    expect(await t.fails('receptions', 'resident-w', { action: 'cancelBooking', id: r.id })).toBe('INVALID_STATE');
  });

  it('a resident sees only their own bookings', async () => {
    await book(t, resident, r.id);
    await book(t, 'someone-else', r.id);
    const mine = await t.ok('receptions', resident, { action: 'myBookings' });
    expect(mine.total).toBe(1);
    expect(mine.items[0].waitingPosition).toBeNull();
    expect(mine.items[0].reception.id).toBe(r.id);
    const seen = await t.ok<ReceptionView>('receptions', 'third-person', { action: 'get', id: r.id });
    expect(seen.myBooking).toBeNull();
  });

  it('refuses booking once the reception has started', async () => {
    t.clock.set(sh('2026-11-12T09:05:00'));
    expect(await t.fails('receptions', resident, { action: 'book', id: r.id, requestId: requestId() })).toBe('INVALID_STATE');
  });

  it('cancelling the reception tells every booked and waiting resident through the outbox, once', async () => {
    for (const who of ['a', 'b', 'c', 'w']) await book(t, `resident-${who}`, r.id);
    await t.ok('receptions', liaison, { action: 'cancel', id: r.id, reason: '代表临时参加防汛工作' });
    const told = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'reception_cancelled' } });
    expect(told.map((m) => m.recipientOpenid).sort()).toEqual(['resident-a', 'resident-b', 'resident-c', 'resident-w']);
    expect(told[0].body).toContain('代表临时参加防汛工作');
    expect(await t.fails('receptions', liaison, { action: 'cancel', id: r.id, reason: '再次取消' })).toBe('INVALID_STATE');
    expect(await t.fails('receptions', 'resident-z', { action: 'book', id: r.id, requestId: requestId() })).toBe('INVALID_STATE');
  });
});

describe('at the door', () => {
  let t: TestApp;
  let r: ReceptionView;
  beforeEach(async () => {
    t = await makeTestApp();
    r = await published(t);
  });

  it('a representative on duty checks a booking in by its code, once', async () => {
    const b = await book(t, resident, r.id);
    t.clock.set(sh('2026-11-12T08:50:00'));
    const code = b.myBooking?.code ?? '';
    const checked = await t.ok('receptions', rep, { action: 'checkIn', code: code.toLowerCase() });
    expect(checked.status).toBe('checked_in');
    expect(await t.fails('receptions', liaison, { action: 'checkIn', code })).toBe('INVALID_STATE');
  });

  it('a resident or a representative not on duty cannot check in', async () => {
    const b = await book(t, resident, r.id);
    t.clock.set(sh('2026-11-12T09:10:00'));
    const code = b.myBooking?.code ?? '';
    expect(await t.fails('receptions', 'someone', { action: 'checkIn', code })).toBe('FORBIDDEN');
    // rep-fuying-3 belongs to the studio but is not on duty
    const invite = await t.ok('members', liaison, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' });
    await t.ok('members', 'openid-rep3', { action: 'bind', code: invite.code });
    expect(await t.fails('receptions', 'openid-rep3', { action: 'checkIn', code })).toBe('NOT_FOUND');
    expect((await t.ok<ReceptionView>('receptions', resident, { action: 'get', id: r.id })).myBooking?.status).toBe('booked');
  });

  it('a walk-in visitor is registered as a reception item and listed on the reception with the booked questions', async () => {
    await book(t, resident, r.id, { question: '村道路面破损严重，何时修复？' });
    t.clock.set(sh('2026-11-12T09:30:00'));
    const item = await t.ok('receptions', rep, {
      action: 'walkIn',
      id: r.id,
      requestId: requestId(),
      category: '民生服务',
      content: '独居老人希望社区定期上门探访。',
      contactName: '王阿姨',
      contactPhone: '13900001111',
    });
    expect(item.channel).toBe('reception');
    expect(item.no).toMatch(/^XJ2026-\d{6}$/);
    expect(await t.fails('receptions', resident, { action: 'walkIn', id: r.id, requestId: requestId(), category: '其他', content: '我也想登记一条。' })).toBe('FORBIDDEN');

    t.clock.set(sh('2026-11-12T12:00:00'));
    const closed = await t.ok<ReceptionView>('receptions', liaison, { action: 'close', id: r.id, attendance: 6, summary: '接待群众 6 人，登记意见 2 条。' });
    expect(closed.status).toBe('closed');
    expect(closed.items).toHaveLength(2);
    expect(closed.itemsTotal).toBe(2); // the list says how many there are, so a long one shows there is more
  });

  it('a reception cannot be closed before it ends', async () => {
    t.clock.set(sh('2026-11-12T10:00:00'));
    expect(await t.fails('receptions', liaison, { action: 'close', id: r.id, attendance: 1, summary: '提前结束' })).toBe('INVALID_STATE');
  });
});

describe('the printable notice', () => {
  it('is an A4 HTML page with time, place, topic, representatives, how to book and the mini-program path', async () => {
    const t = await makeTestApp();
    const r = await published(t, { topic: '<script>alert(1)</script>议题' });
    const { html } = await t.ok<{ html: string }>('receptions', resident, { action: 'notice', id: r.id });
    expect(html).toContain('size: A4');
    expect(html).toContain('2026年11月12日（星期四）09:00–11:30');
    expect(html).toContain('福应街道党代表工作室');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(`pages/receptions/detail/index?id=${r.id}`);
    expect(html).not.toMatch(/1380576\d{4}/); // no representative agreed to show their own mobile
    expect(html).toContain('0576-');
  });

  it('does not exist for a draft', async () => {
    const t = await makeTestApp();
    const draft = await t.ok<ReceptionView>('receptions', liaison, scheduleEvent());
    expect(await t.fails('receptions', resident, { action: 'notice', id: draft.id })).toBe('NOT_FOUND');
  });
});

describe.each([
  ['SQLite', async (): Promise<{ store: Store; done(): void }> => {
    const store = createSqliteStore(':memory:');
    return { store, done: () => store.close() };
  }],
  ['CloudBase', async (): Promise<{ store: Store; done(): void }> => {
    const fake: FakeCloudbase = installFakeCloudbase();
    return { store: createCloudBaseStore(fake.db), done: () => fake.restore() };
  }],
])('capacity under concurrency on %s', (_name, open) => {
  it('50 concurrent bookings for 10 places give exactly 10 booked and 40 waiting', async () => {
    const { store, done } = await open();
    try {
      const t = await makeTestApp({ store });
      const r = await published(t, { capacity: 10 });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => t.call('receptions', `crowd-${i}`, { action: 'book', id: r.id, requestId: requestId() })),
      );
      expect(results.filter((x) => !x.ok)).toEqual([]);
      expect(await store.count('bookings', { receptionId: r.id, status: 'booked' })).toBe(10);
      expect(await store.count('bookings', { receptionId: r.id, status: 'waiting' })).toBe(40);
      const view = await t.ok<ReceptionView>('receptions', liaison, { action: 'get', id: r.id });
      expect(view.placesLeft).toBe(0);
      expect(view.waiting).toBe(40);
    } finally {
      done();
    }
  });

  it('5 booked cancelling at once promote exactly the first 5 waiting, in order, each told once', async () => {
    const { store, done } = await open();
    try {
      const t = await makeTestApp({ store });
      const r = await published(t, { capacity: 5 });
      for (let i = 0; i < 5; i++) await book(t, `booked-${i}`, r.id);
      for (let i = 0; i < 8; i++) await book(t, `waiting-${i}`, r.id);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => t.call('receptions', `booked-${i}`, { action: 'cancelBooking', id: r.id })));
      expect(results.filter((x) => !x.ok)).toEqual([]);
      const booked = await store.find<{ _id: string; openid: string; _v: number }>('bookings', { where: { receptionId: r.id, status: 'booked' } });
      expect(booked.map((b) => b.openid).sort()).toEqual(['waiting-0', 'waiting-1', 'waiting-2', 'waiting-3', 'waiting-4']);
      expect(await store.count('bookings', { receptionId: r.id, status: 'waiting' })).toBe(3);
      const view = await t.ok<ReceptionView>('receptions', liaison, { action: 'get', id: r.id });
      expect(view.placesLeft).toBe(0);
      expect(view.waiting).toBe(3);
      const told = await store.find<OutboxMessage>('outbox', { where: { kind: 'booking_promoted' } });
      expect(told.map((m) => m.recipientOpenid).sort()).toEqual(['waiting-0', 'waiting-1', 'waiting-2', 'waiting-3', 'waiting-4']);
    } finally {
      done();
    }
  });
});

it('booking a reception leaves a confirmation in the outbox for the resident', async () => {
  const t = await makeTestApp();
  const r = await published(t);
  await book(t, resident, r.id);
  const msgs = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: resident } });
  expect(msgs.map((m) => m.kind)).toEqual(['booking_confirmed']);
});

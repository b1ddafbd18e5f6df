import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import { COLLECTIONS, type Store } from '../../core/ports/store';
import { installFakeCloudbase, type FakeCloudbase } from '../support/fakeCloudbase';
import type { Item } from '../../core/register/item';
import type { OutboxMessage } from '../../core/outbox/outbox';
import type { Reception } from '../../core/receptions/types';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, submitEvent, type TestApp } from '../support/app';
import { faultyStore } from './support/faultyStore';

/**
 * A transition's effects are recorded with the change (issue 9): a crash between the save and
 * the messages loses nothing, and the timer's second attempt doubles nothing.
 */

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);

const BACKENDS: Array<[string, () => { store: Store; done: () => void }]> = [
  ['SQLite', () => ({ store: createSqliteStore(':memory:'), done: () => undefined })],
  [
    'CloudBase (the real wx-server-sdk, answered in-process)',
    () => {
      const fake: FakeCloudbase = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
      return { store: createCloudBaseStore(fake.db), done: () => fake.restore() };
    },
  ],
];

describe.each(BACKENDS)('on %s', (_name, backend) => {
  let outboxDown = false;
  /** When set, outbox writes succeed this many more times, then fail (a function cut off midway). */
  let outboxWritesLeft: number | null = null;
  let t: TestApp;
  let done: () => void;
  beforeEach(async () => {
    outboxDown = false;
    outboxWritesLeft = null;
    const b = backend();
    done = b.done;
    const store = faultyStore(
      b.store,
      (op, collection) => collection === 'outbox' && op === 'create' && (outboxDown || (outboxWritesLeft !== null && outboxWritesLeft-- <= 0)),
    );
    t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store });
  });
  afterEach(() => {
    t.close();
    done();
  });

  const rowsFor = (openid: string, kind: string) => t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: openid, kind } });

  it('an accept whose message could not be written still succeeds, and the timer sends the message once', async () => {
    const item = await t.ok('register', resident, submitEvent());
    outboxDown = true;
    const accepted = await t.ok('register', rep, { action: 'accept', id: item.id });
    expect(accepted.status).toBe('accepted');
    expect(await rowsFor(resident, 'item_accepted')).toHaveLength(0);
    const stored = await t.store.get<Item>('items', item.id);
    expect(stored?.effects).toHaveLength(1);
    expect(stored?.effectsDueAt).toBeGreaterThanOrEqual(sh('2026-11-02T10:00:00'));
    expect(stored?.effectsDueAt).toBeLessThan(sh('2026-11-02T10:00:05'));

    outboxDown = false;
    t.clock.set(sh('2026-11-02T10:15:00'));
    const run = await t.app.runTimer('reminders');
    expect(run).toMatchObject({ ok: true, data: { settled: 1 } });
    expect(await rowsFor(resident, 'item_accepted')).toHaveLength(1);
    const after = await t.store.get<Item>('items', item.id);
    expect(after?.effects).toEqual([]);
    expect(after?.effectsDueAt).toBeNull();

    t.clock.set(sh('2026-11-02T10:30:00'));
    await t.app.runTimer('reminders');
    expect(await rowsFor(resident, 'item_accepted')).toHaveLength(1);
  });

  it('effects that were written but not cleared (a crash after the messages) are not written twice', async () => {
    const item = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: item.id });
    // Put the delivered effect back on the document, as if the clearing write never happened.
    const stored = (await t.store.get<Item>('items', item.id)) as Item;
    const { _v, ...fields } = stored;
    const effect = {
      type: 'message' as const,
      key: `item:${item.id}:accept:2:resident`,
      to: { openid: resident },
      kind: 'item_accepted' as const,
      title: '您的反映已受理',
      body: 'x',
      page: null,
      at: sh('2026-11-02T10:00:00'),
    };
    await t.store.update<Item>('items', item.id, _v, { ...fields, effects: [effect], effectsDueAt: effect.at });
    t.clock.set(sh('2026-11-02T10:15:00'));
    await t.app.runTimer('reminders');
    expect(await rowsFor(resident, 'item_accepted')).toHaveLength(1);
    expect((await t.store.get<Item>('items', item.id))?.effects).toEqual([]);
  });

  it('a cancelled reception whose messages could not be written tells every booked and waiting resident once, through the timer', async () => {
    const draft = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: '2026-11-12T09:00:00+08:00',
      endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio',
      topic: '民生实事征集',
      representativeIds: [DEV_REP_ID],
      capacity: 3,
    });
    await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
    const residents = Array.from({ length: 5 }, (_, i) => `resident-${i}`);
    for (const r of residents) await t.ok('receptions', r, { action: 'book', id: draft.id, requestId: requestId() });

    outboxDown = true;
    const cancelled = await t.ok('receptions', liaison, { action: 'cancel', id: draft.id, reason: '场地临时维修' });
    expect(cancelled.status).toBe('cancelled');
    expect(await t.store.count('outbox', { kind: 'reception_cancelled' })).toBe(0);
    // the cancellation cannot be repeated, but nothing depends on repeating it
    expect(await t.fails('receptions', liaison, { action: 'cancel', id: draft.id, reason: '再取消一次' })).toBe('INVALID_STATE');

    outboxDown = false;
    t.clock.set(sh('2026-11-02T10:15:00'));
    await t.app.runTimer('reminders');
    const told = (await t.store.find<OutboxMessage>('outbox', { where: { kind: 'reception_cancelled' } })).map((m) => m.recipientOpenid).sort();
    expect(told).toEqual([...residents].sort()); // 3 booked and 2 waiting
    await t.app.runTimer('reminders');
    expect(await t.store.count('outbox', { kind: 'reception_cancelled' })).toBe(5);
    expect((await t.store.get<Reception>('receptions', draft.id))?.effects).toEqual([]);
  });

  it('a reception cancel cut off after two of its messages tells the rest through the timer, and nobody twice', async () => {
    const draft = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: '2026-11-12T09:00:00+08:00',
      endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio',
      topic: '民生实事征集',
      representativeIds: [DEV_REP_ID],
      capacity: 4,
    });
    await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
    const residents = Array.from({ length: 6 }, (_, i) => `resident-${i}`);
    for (const r of residents) await t.ok('receptions', r, { action: 'book', id: draft.id, requestId: requestId() });

    outboxWritesLeft = 2;
    const cancelled = await t.ok('receptions', liaison, { action: 'cancel', id: draft.id, reason: '场地临时维修' });
    expect(cancelled.status).toBe('cancelled');
    const first = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'reception_cancelled' } });
    expect(first).toHaveLength(2);
    // What is left to do stays on the reception for the timer.
    expect((await t.store.get<Reception>('receptions', draft.id))?.effects).toHaveLength(1);

    outboxWritesLeft = null;
    t.clock.set(sh('2026-11-02T10:15:00'));
    await t.app.runTimer('reminders');
    const told = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'reception_cancelled' } });
    expect(told.map((m) => m.recipientOpenid).sort()).toEqual([...residents].sort()); // 4 booked and 2 waiting, each once
    // The two told before the cut keep their own message (the same rows, not second ones).
    expect(told.filter((m) => first.some((f) => f._id === m._id))).toHaveLength(2);
    expect((await t.store.get<Reception>('receptions', draft.id))?.effects).toEqual([]);
  });

  it('receptions keep a timeline: schedule, publish, close, each with who and when; check-ins on the booking', async () => {
    const draft = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: '2026-11-12T09:00:00+08:00',
      endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio',
      topic: '民生实事征集',
      representativeIds: [DEV_REP_ID],
      capacity: 3,
    });
    await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
    const booked = await t.ok('receptions', resident, { action: 'book', id: draft.id, requestId: requestId() });
    t.clock.set(sh('2026-11-12T09:10:00'));
    await t.ok('receptions', rep, { action: 'checkIn', code: booked.myBooking.code });
    t.clock.set(sh('2026-11-12T11:30:00'));
    await t.ok('receptions', liaison, { action: 'close', id: draft.id, attendance: 1, summary: '收集意见 1 条' });
    const r = (await t.store.get<Reception>('receptions', draft.id)) as Reception;
    expect(r.timeline.map((e) => [e.action, e.from, e.to, e.actorRole])).toEqual([
      ['schedule', null, 'draft', 'liaison'],
      ['publish', 'draft', 'published', 'liaison'],
      ['close', 'published', 'closed', 'liaison'],
    ]);
    expect(r.timeline[2].at).toBeGreaterThanOrEqual(sh('2026-11-12T11:30:00'));
    expect(r.timeline[2].at).toBeLessThan(sh('2026-11-12T11:30:05'));
    const booking = await t.store.get<{ _id: string; _v: number; timeline: Array<{ action: string; actorName: string; at: number }> }>('bookings', booked.myBooking.id);
    expect(booking?.timeline).toEqual([expect.objectContaining({ action: 'checkIn', actorName: '王建华', from: 'booked', to: 'checked_in' })]);
  });
});

import type { OutboxMessage } from '../../core/outbox/outbox';
import { NotifierError, type Notifier, type SubscribeMessage } from '../../core/ports/notifier';
import type { Store } from '../../core/ports/store';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, submitEvent, type TestApp } from '../support/app';

const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);
const ALL_TEMPLATES = ['dev-itemProgress', 'dev-todo', 'dev-booking', 'dev-activity'];

/** A notifier the test scripts: records sends, can fail or "crash" on chosen calls. */
function scriptedNotifier() {
  const sent: SubscribeMessage[] = [];
  let behaviour: (msg: SubscribeMessage, n: number) => void = () => undefined;
  const notifier: Notifier & { sent: SubscribeMessage[]; act(b: typeof behaviour): void } = {
    sent,
    act(b) {
      behaviour = b;
    },
    async send(msg) {
      behaviour(msg, sent.length);
      sent.push(msg);
    },
  };
  return notifier;
}

async function consentAll(t: TestApp, openid: string, times = 5) {
  for (let i = 0; i < times; i++) await t.ok('members', openid, { action: 'subscribe', templateIds: ALL_TEMPLATES });
}

/** Runs the timer at a Shanghai time and answers what it reported. */
async function runAt(t: TestApp, local: string) {
  t.clock.set(sh(local));
  const r = await t.app.runTimer('reminders');
  if (!r.ok) throw new Error(r.error.message);
  return r.data as { delivery: { sent: number; skipped: number; quiet: boolean; digests: number } };
}

/** The outbox as (recipient, kind) pairs in creation order, optionally since a count. */
async function messages(store: Store): Promise<Array<[string, string]>> {
  const rows = await store.find<OutboxMessage>('outbox', { orderBy: [['createdAt', 'asc'], ['kind', 'asc']], limit: 1000 });
  // The studio's monthly activity reminder (from the 20th) has its own test: test/core/activities.test.ts.
  return rows.filter((m) => m.kind !== 'activity_missing').map((m) => [m.recipientOpenid, m.kind]);
}

describe('reminders over a whole item life', () => {
  it('tells each person exactly what the policy says, when it says', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
    const seen: Array<[string, string]> = [];
    const expectNew = async (expected: Array<[string, string]>) => {
      const all = await messages(t.store);
      expect(all.slice(seen.length).sort()).toEqual([...expected].sort());
      seen.push(...all.slice(seen.length));
    };

    const item = await t.ok('register', resident, submitEvent());
    await runAt(t, '2026-11-04T23:00:00');
    await expectNew([]); // still within the 2 days to accept

    await runAt(t, '2026-11-05T09:00:00');
    await expectNew([[liaison, 'item_not_accepted']]);
    await runAt(t, '2026-11-06T09:00:00');
    await expectNew([]); // once

    await t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: DEV_REP_ID });
    await expectNew([
      [rep, 'item_assigned'],
      [resident, 'item_accepted'],
    ]);
    await t.ok('register', rep, { action: 'promise', id: item.id, deadline: '2026-11-10', note: '已联系社区现场查看' });
    await expectNew([]);

    await runAt(t, '2026-11-08T09:00:00');
    await expectNew([]); // deadline 11-10 23:59 is more than 2 days away
    await runAt(t, '2026-11-09T09:00:00');
    await expectNew([[rep, 'item_due_soon']]);

    await runAt(t, '2026-11-11T09:00:00');
    await expectNew([
      [rep, 'item_overdue'],
      [liaison, 'studio_item_overdue'],
    ]);
    await runAt(t, '2026-11-11T15:00:00');
    await expectNew([]); // once a day
    await runAt(t, '2026-11-12T09:00:00');
    await expectNew([
      [rep, 'item_overdue'],
      [liaison, 'studio_item_overdue'],
    ]);

    await runAt(t, '2026-11-18T09:00:00'); // more than 7 days past 11-10
    await expectNew([
      [rep, 'item_overdue'],
      [liaison, 'studio_item_overdue'],
      [admin, 'item_supervise'],
    ]);
    await runAt(t, '2026-11-19T09:00:00');
    await expectNew([
      [rep, 'item_overdue'],
      [liaison, 'studio_item_overdue'],
    ]); // supervision once a week
    await runAt(t, '2026-11-23T09:00:00'); // a new week (Monday)
    await expectNew([
      [rep, 'item_overdue'],
      [liaison, 'studio_item_overdue'],
      [admin, 'item_supervise'],
    ]);

    await t.ok('register', rep, { action: 'answer', id: item.id, reply: '已安排维修，本周内修复。' });
    await expectNew([[resident, 'item_answered']]);
    await t.ok('register', resident, { action: 'feedback', id: item.id, satisfied: false, comment: '还没修好' });
    await expectNew([
      [resident, 'item_reopened'],
      [liaison, 'item_reopened_liaison'],
      [rep, 'item_reopened_liaison'],
    ]);
    await t.ok('register', rep, { action: 'resolve', id: item.id, reply: '路灯已修复。' });
    await expectNew([[resident, 'item_resolved']]);
    await t.ok('register', resident, { action: 'feedback', id: item.id, satisfied: true });
    await runAt(t, '2026-12-20T09:00:00');
    await expectNew([]); // closed: nothing more, ever

    const referred = await t.ok('register', resident, submitEvent());
    await t.ok('register', liaison, { action: 'accept', id: referred.id });
    await t.ok('register', liaison, { action: 'refer', id: referred.id, departmentId: 'dept-jiaotong', deadline: '2026-12-30' });
    const refMsgs = (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: resident, kind: 'item_referred' } }));
    expect(refMsgs).toHaveLength(1);
    expect(refMsgs[0].body).toContain('交通运输局');
  });
});

describe('reminders of a reception', () => {
  it('the day before at 09:00: booked residents and representatives on duty, not the waiting list', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
    const draft = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: '2026-11-12T09:00:00+08:00',
      endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio',
      topic: '民生实事征集',
      representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
      capacity: 1,
    });
    await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
    await t.ok('receptions', resident, { action: 'book', id: draft.id, requestId: requestId() });
    await t.ok('receptions', 'waiting-resident', { action: 'book', id: draft.id, requestId: requestId() });
    const before = (await messages(t.store)).length;

    await runAt(t, '2026-11-11T08:59:00');
    expect((await messages(t.store)).length).toBe(before);
    await runAt(t, '2026-11-11T09:00:00');
    const after = (await messages(t.store)).slice(before);
    // rep-fuying-2 has no bound WeChat account: nobody to tell.
    expect(after.sort()).toEqual([
      [rep, 'duty_tomorrow'],
      [resident, 'reception_tomorrow'],
    ]);
    await runAt(t, '2026-11-11T18:00:00');
    expect((await messages(t.store)).length).toBe(before + 2);
  });
});

describe('delivery', () => {
  let t: TestApp;
  let notifier: ReturnType<typeof scriptedNotifier>;
  beforeEach(async () => {
    notifier = scriptedNotifier();
    t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), notifier });
  });

  /** Three messages for the resident: accepted, answered, and one more item accepted. */
  async function threeForResident() {
    const a = await t.ok('register', resident, submitEvent());
    const b = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    await t.ok('register', rep, { action: 'answer', id: a.id, reply: '已答复您的问题。' });
    await t.ok('register', rep, { action: 'accept', id: b.id });
  }

  it('sends one digest per recipient per run instead of a burst', async () => {
    await consentAll(t, resident);
    await threeForResident();
    const r = await runAt(t, '2026-11-02T10:05:00');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0].openid).toBe(resident);
    expect(Object.values(notifier.sent[0].data).map((v) => v.value)).toContain('您有 3 条新提醒');
    expect(r.delivery.sent).toBe(3);
    expect(await t.store.count('outbox', { status: 'sent' })).toBe(3);
  });

  it('holds messages in quiet hours (22:00–08:00 Shanghai) and sends them at 08:00', async () => {
    await consentAll(t, resident);
    t.clock.set(sh('2026-11-02T21:50:00'));
    await threeForResident();
    expect((await runAt(t, '2026-11-02T22:00:00')).delivery.quiet).toBe(true);
    await runAt(t, '2026-11-03T07:59:00');
    expect(notifier.sent).toHaveLength(0);
    expect(await t.store.count('outbox', { status: 'pending' })).toBe(3);
    await runAt(t, '2026-11-03T08:00:00');
    expect(notifier.sent).toHaveLength(1);
  });

  it('without consent the message is skipped and stays in the in-app notice list, unread', async () => {
    await threeForResident();
    const r = await runAt(t, '2026-11-02T10:05:00');
    expect(notifier.sent).toHaveLength(0);
    expect(r.delivery.skipped).toBe(3);
    const notices = await t.ok('members', resident, { action: 'notices' });
    expect(notices.total).toBe(3);
    expect(notices.unread).toBe(3);
    const marked = await t.ok('members', resident, { action: 'markRead', ids: [notices.items[0].id] });
    expect(marked.unread).toBe(2);
    expect((await t.ok('members', resident, { action: 'markRead', all: true })).unread).toBe(0);
    // one cannot mark someone else's messages
    await t.ok('register', resident, submitEvent());
    expect((await t.ok('members', 'someone-else', { action: 'markRead', ids: [notices.items[1].id] })).marked).toBe(0);
  });

  it('markRead all marks every unread message, past any page size (1,205 of them), and nobody else\'s', async () => {
    const row = (k: number, to: string) => ({
      _id: `ob-test-${to}-${k}`,
      dedupeKey: `test:${to}:${k}`,
      recipientOpenid: to,
      kind: 'item_accepted' as const,
      title: '已受理',
      body: `第 ${k} 条`,
      page: null,
      createdAt: k,
      status: 'skipped' as const,
      attempts: 1,
      nextAttemptAt: k,
      lastError: null,
      sentAt: null,
      readAt: null,
    });
    for (let k = 0; k < 1205; k++) await t.store.create<OutboxMessage>('outbox', row(k, resident));
    for (let k = 0; k < 3; k++) await t.store.create<OutboxMessage>('outbox', row(k, 'someone-else'));
    const r = await t.ok('members', resident, { action: 'markRead', all: true });
    expect(r).toEqual({ marked: 1205, unread: 0 });
    expect(await t.store.count('outbox', { recipientOpenid: resident, readAt: null })).toBe(0);
    expect(await t.store.count('outbox', { recipientOpenid: 'someone-else', readAt: null })).toBe(3);
    // Marking again marks nothing.
    expect((await t.ok('members', resident, { action: 'markRead', all: true })).marked).toBe(0);
  });

  it('a send consumes a grant: with one grant, the second run skips', async () => {
    await consentAll(t, resident, 1);
    const a = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    await runAt(t, '2026-11-02T10:05:00');
    await t.ok('register', rep, { action: 'answer', id: a.id, reply: '已答复您的问题。' });
    await runAt(t, '2026-11-02T10:20:00');
    expect(notifier.sent).toHaveLength(1);
    expect((await t.store.find<OutboxMessage>('outbox', { where: { kind: 'item_answered' } }))[0].status).toBe('skipped');
  });

  it('retries with backoff and ends failed with the error after the last try', async () => {
    await consentAll(t, resident);
    const a = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    notifier.act(() => {
      throw new NotifierError('system busy', true, -1);
    });
    const row = async () => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: resident } }))[0];

    await runAt(t, '2026-11-02T10:00:05');
    const first = await row();
    expect(first).toEqual(expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'system busy' }));
    expect(first.nextAttemptAt - sh('2026-11-02T10:01:05')).toBeLessThan(1000); // 1 minute later
    await runAt(t, '2026-11-02T10:00:50'); // before the backoff: not tried
    expect((await row()).attempts).toBe(1);
    // then 5, 30 and 120 minutes
    for (const at of ['10:01:06', '10:06:07', '10:36:08', '12:36:09']) await runAt(t, `2026-11-02T${at}`);
    expect(await row()).toEqual(expect.objectContaining({ status: 'failed', attempts: 5, lastError: 'system busy' }));
    await runAt(t, '2026-11-03T12:00:00');
    expect((await row()).attempts).toBe(5);
  });

  it('a user who refused the template (43101) is skipped, not retried', async () => {
    await consentAll(t, resident);
    const a = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    notifier.act(() => {
      throw new NotifierError('user refuse to accept the msg', false, 43101);
    });
    await runAt(t, '2026-11-02T10:05:00');
    expect((await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: resident } }))[0].status).toBe('skipped');
  });
});

describe('a run that dies half-way', () => {
  it('followed by full runs sends nothing twice', async () => {
    const notifier = scriptedNotifier();
    const base = createSqliteStore(':memory:');
    // The store the app sees: the real one, which "dies" on the 2nd reminder bookkeeping write.
    let failItemsUpdate = -1;
    const store: Store = {
      ...base,
      update: async (collection, id, v, doc) => {
        if (collection === 'items' && failItemsUpdate >= 0 && failItemsUpdate-- === 0) throw new Error('process killed');
        return base.update(collection, id, v, doc);
      },
    };
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store, notifier });
    for (const who of [resident, liaison, rep]) await consentAll(t, who, 10);
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await t.ok('register', `resident-${i}`, submitEvent()));
    for (const it of items) await t.ok('register', liaison, { action: 'assign', id: it.id, representativeId: DEV_REP_ID });

    // Planning dies after the first item's messages, before its bookkeeping.
    t.clock.set(sh('2026-11-30T09:00:00'));
    failItemsUpdate = 0;
    const died = await t.app.runTimer('reminders');
    expect(died.ok).toBe(false);

    // Delivery dies right after a successful send, before the row is marked.
    notifier.act((msg, n) => {
      if (n === 0) {
        notifier.sent.push(msg);
        throw new Error('process killed after sending');
      }
    });
    expect((await t.app.runTimer('reminders')).ok).toBe(false);
    notifier.act(() => undefined);

    for (const at of ['2026-11-30T09:15:00', '2026-11-30T09:30:00', '2026-11-30T10:00:00']) await runAt(t, at);

    const rows = await base.find<OutboxMessage>('outbox', { limit: 1000 });
    const keys = rows.map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    // each person got each message in at most one send; every sendable message went out or is accounted for
    const sendsPerRecipient = new Map<string, number>();
    for (const s of notifier.sent) sendsPerRecipient.set(s.openid, (sendsPerRecipient.get(s.openid) ?? 0) + 1);
    for (const [, n] of sendsPerRecipient) expect(n).toBe(1);
    expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]);
    expect(rows.filter((r) => r.status === 'failed').map((r) => r.lastError)).toEqual(
      rows.filter((r) => r.status === 'failed').map(() => '投递过程中断，为避免重复发送未再重试'),
    );
    // the overdue reminders of all three items were planned despite the crash
    expect(rows.filter((r) => r.kind === 'item_overdue')).toHaveLength(3);
  });
});

import type { Item } from '../../core/register/item';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import { faultyStore } from './support/faultyStore';
import { DEV_IDENTITIES, DEV_REP_ID, makeTestApp, submitEvent, type TestApp } from '../support/app';

/** Duplicates merged, not rejected (issue 16, point 5): one item, many askers, each surveyed. */

const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;
const neighbour = 'resident-neighbour';
const stranger = 'resident-stranger';
const REPLY = '已联系街道城管中队，路灯本周内修复。';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterEach(() => t.close());

const messages = async (openid: string, kind?: string) =>
  (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: openid, ...(kind ? { kind } : {}) } })).map((m) => m.kind);

/** The first item, and a neighbour's duplicate of it. */
async function twoReports() {
  const first = await t.ok('register', resident, submitEvent());
  const dup = await t.ok('register', neighbour, submitEvent({ content: '我们楼下那盏路灯也坏了，晚上很黑。', contactName: '赵芳', contactPhone: '13900001111' }));
  return { first, dup };
}

describe('merging a duplicate into an existing item', () => {
  it('the duplicate becomes merged, its resident follows the existing item and is told at each step', async () => {
    const { first, dup } = await twoReports();
    const merged = await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id, note: '同一盏路灯' });
    expect(merged).toMatchObject({ status: 'merged', statusLabel: '已合并办理', mergedInto: { id: first.id, no: first.no, progress: { status: 'submitted', raisedBy: 2 } } });
    expect(merged.timeline.at(-1)).toMatchObject({ action: 'merge', from: 'submitted', to: 'merged', note: `与 ${first.no} 是同一件事，合并办理：同一盏路灯` });
    expect(await messages(neighbour, 'item_merged')).toHaveLength(1);

    // 我的反映 of the neighbour: their own item, with the progress of the one it went into
    const mine = await t.ok('register', neighbour, { action: 'mine', page: 1, pageSize: 10 });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: dup.id, mergedInto: { id: first.id, progress: { statusLabel: '已提交' } } });

    // they read the existing item: its progress and how many raised it, no one's contact
    const seen = await t.ok('register', neighbour, { action: 'get', id: first.id });
    expect(seen).toMatchObject({ raisedBy: 2, asker: true, linked: null, contact: { name: null, phone: null, masked: true } });
    expect(seen.actions).toEqual([]);

    await t.ok('register', rep, { action: 'accept', id: first.id });
    await t.ok('register', rep, { action: 'answer', id: first.id, reply: REPLY });
    expect(await messages(neighbour)).toEqual(expect.arrayContaining(['item_merged', 'item_accepted', 'item_answered']));
    expect(await messages(resident)).toEqual(expect.arrayContaining(['item_accepted', 'item_answered']));
    const answered = await t.ok('register', neighbour, { action: 'get', id: first.id });
    expect(answered.reply.text).toBe(REPLY);
    expect(answered.actions).toEqual(['feedback']);
  });

  it('each asker gives their own feedback: it never moves the item, and the statistics count every answer', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    await t.ok('register', rep, { action: 'accept', id: first.id });
    await t.ok('register', rep, { action: 'answer', id: first.id, reply: REPLY });

    const rated = await t.ok('register', neighbour, { action: 'feedback', id: first.id, satisfied: false, comment: '修得太慢' });
    expect(rated).toMatchObject({ status: 'answered', satisfaction: 'unsatisfied', feedback: [{ round: 1, satisfied: false, comment: '修得太慢' }] });
    expect(rated.actions).toEqual([]);
    expect(await t.fails('register', neighbour, { action: 'feedback', id: first.id, satisfied: true })).toBe('INVALID_STATE');
    expect(await messages(liaison, 'item_asker_unsatisfied')).toHaveLength(1);
    // the submitter is still asked for their own, and sees only their own
    const own = await t.ok('register', resident, { action: 'get', id: first.id });
    expect(own).toMatchObject({ status: 'answered', feedback: [], actions: ['feedback'] });
    const closed = await t.ok('register', resident, { action: 'feedback', id: first.id, satisfied: true });
    expect(closed.status).toBe('closed');

    const stored = await t.store.get<Item>('items', dup.id);
    expect(stored).toMatchObject({ status: 'merged', satisfaction: 'unsatisfied', content: dup.content });
    const stats = await t.ok('register', admin, { action: 'stats', scope: 'county' });
    expect(stats).toMatchObject({ collected: 2, merged: 1, rated: 2, satisfied: 1 });
    expect(stats.rates.satisfied).toMatchObject({ numerator: 1, denominator: 2 });
    expect(stats.rates.answeredOrResolved).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('an asker merged into an answered item rates it, also after its submitter closed it', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', rep, { action: 'accept', id: first.id });
    await t.ok('register', rep, { action: 'answer', id: first.id, reply: REPLY });
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    // their own item says where it went and that they are asked to rate it
    const own = await t.ok('register', neighbour, { action: 'get', id: dup.id });
    expect(own.mergedInto.progress).toMatchObject({ status: 'answered', asksFeedback: true });
    await t.ok('register', resident, { action: 'feedback', id: first.id, satisfied: true });
    const rated = await t.ok('register', neighbour, { action: 'feedback', id: first.id, satisfied: true });
    expect(rated).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect(rated.timeline.at(-1)).toMatchObject({ action: 'askerFeedback', from: 'closed', to: 'closed', actorName: '群众' });
  });

  it('a closed item is not merged into: the duplicate is handled on its own', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', rep, { action: 'accept', id: first.id });
    await t.ok('register', rep, { action: 'answer', id: first.id, reply: REPLY });
    await t.ok('register', resident, { action: 'feedback', id: first.id, satisfied: true });
    expect(await t.fails('register', liaison, { action: 'merge', id: dup.id, intoId: first.id })).toBe('INVALID_STATE');
    expect((await t.store.get<Item>('items', dup.id))?.status).toBe('submitted');
  });

  it('the staff see how many raised it and the merged items with their content; the submitter sees only the count', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    const staff = await t.ok('register', rep, { action: 'get', id: first.id });
    expect(staff.raisedBy).toBe(2);
    expect(staff.linked).toEqual([{ id: dup.id, no: dup.no, content: dup.content, at: expect.any(Number), satisfaction: null }]);
    expect(staff.timeline.at(-1)).toMatchObject({ action: 'absorb', from: 'submitted', to: 'submitted', note: '又一位群众反映了此事，已合并办理' });
    const submitter = await t.ok('register', resident, { action: 'get', id: first.id });
    expect(submitter).toMatchObject({ raisedBy: 2, asker: false, linked: null });
    expect(JSON.stringify(submitter)).not.toContain('赵芳');
    expect(JSON.stringify(submitter)).not.toContain(dup.no);
    // the merged item itself stays readable to the staff, contact masked as ever
    const theDup = await t.ok('register', liaison, { action: 'get', id: dup.id });
    expect(theDup).toMatchObject({ status: 'merged', content: dup.content, contact: { name: '赵*', masked: true } });
  });
});

describe('merging is idempotent and refused where it makes no sense', () => {
  it('merging again changes nothing and tells no one twice', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    const again = await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    expect(again.status).toBe('merged');
    const stored = await t.store.get<Item>('items', first.id);
    expect(stored?.askers).toHaveLength(1);
    expect(stored?.timeline.filter((e) => e.action === 'absorb')).toHaveLength(1);
    expect(await messages(neighbour, 'item_merged')).toHaveLength(1);
  });

  it('refuses another studio\'s item, itself, a merged item, and merging an item others went into', async () => {
    const { first, dup } = await twoReports();
    const other = (await t.store.find<{ _id: string; _v: number }>('studios', { limit: 5 })).find((s) => s._id !== 'studio-fuying');
    const elsewhere = await t.ok('register', stranger, submitEvent({ studioId: other?._id }));
    expect(await t.fails('register', admin, { action: 'merge', id: dup.id, intoId: elsewhere.id })).toBe('VALIDATION');
    expect(await t.fails('register', liaison, { action: 'merge', id: dup.id, intoId: dup.id })).toBe('VALIDATION');
    const third = await t.ok('register', stranger, submitEvent({ content: '第三位：路灯还是不亮，请尽快修。' }));
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    expect(await t.fails('register', liaison, { action: 'merge', id: third.id, intoId: dup.id })).toBe('INVALID_STATE');
    expect(await t.fails('register', liaison, { action: 'merge', id: dup.id, intoId: third.id })).toBe('INVALID_STATE');
    expect(await t.fails('register', liaison, { action: 'merge', id: first.id, intoId: third.id })).toBe('INVALID_STATE');
    expect(await t.fails('register', liaison, { action: 'merge', id: third.id, intoId: first.id, junk: 1 })).toBe('VALIDATION');
    // nothing changed by the refusals
    expect((await t.store.get<Item>('items', third.id))?.status).toBe('submitted');
    expect((await t.store.get<Item>('items', first.id))?.askers).toHaveLength(1);
  });

  it('the owner may merge; a representative who does not own it and residents may not', async () => {
    const { first, dup } = await twoReports();
    expect(await t.fails('register', rep, { action: 'merge', id: dup.id, intoId: first.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', neighbour, { action: 'merge', id: dup.id, intoId: first.id })).toBe('NOT_FOUND');
    await t.ok('register', liaison, { action: 'assign', id: dup.id, representativeId: DEV_REP_ID });
    expect((await t.ok('register', rep, { action: 'merge', id: dup.id, intoId: first.id })).status).toBe('merged');
  });
});

describe('access of an asker', () => {
  it('an asker cannot act as the owner or the submitter, and a stranger sees nothing', async () => {
    const { first, dup } = await twoReports();
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    await t.ok('register', rep, { action: 'accept', id: first.id });
    expect(await t.fails('register', neighbour, { action: 'answer', id: first.id, reply: '我自己答复一下' })).toBe('FORBIDDEN');
    expect(await t.fails('register', neighbour, { action: 'showContact', id: first.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', neighbour, { action: 'feedback', id: first.id, satisfied: true })).toBe('INVALID_STATE');
    expect(await t.fails('register', stranger, { action: 'get', id: first.id })).toBe('NOT_FOUND');
    expect(await t.fails('register', stranger, { action: 'get', id: dup.id })).toBe('NOT_FOUND');
    const strangers = await t.ok('register', stranger, { action: 'mine', page: 1, pageSize: 10 });
    expect(strangers.items).toEqual([]);
  });
});

describe('a crash after the merge is saved', () => {
  it('the messages stay on the items and the timer sends them once', async () => {
    t.close();
    let down = false;
    t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: faultyStore(createSqliteStore(':memory:'), (op, c) => down && c === 'outbox' && op === 'create') });
    const { first, dup } = await twoReports();
    down = true;
    await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    expect((await t.store.get<Item>('items', first.id))?.effects).toHaveLength(1);
    down = false;
    t.clock.set(Date.parse('2026-11-02T10:15:00+08:00'));
    await t.app.runTimer('reminders');
    await t.app.runTimer('reminders');
    expect(await messages(neighbour, 'item_merged')).toHaveLength(1);
  });
});

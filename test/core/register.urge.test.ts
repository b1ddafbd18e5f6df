import type { OutboxMessage } from '../../core/outbox/outbox';
import { DEV_IDENTITIES, DEV_REP_ID, makeTestApp, submitEvent, type TestApp } from '../support/app';

/** Honest deadlines (issue 16): days left, the studio's phone, 催办 once every 3 days; the staff queue's order and search. */

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);
const DAY = 24 * 3600 * 1000;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterEach(() => t.close());

const urgedTo = async () => (await t.store.find<OutboxMessage>('outbox', { where: { kind: 'item_urged' } })).map((m) => m.recipientOpenid).sort();

describe('催办 (urging) an overdue item', () => {
  it('the resident sees the days left and the studio\'s phone, and may urge only once it is overdue', async () => {
    const item = await t.ok('register', resident, submitEvent());
    await t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: DEV_REP_ID });
    const fresh = await t.ok('register', resident, { action: 'get', id: item.id });
    expect(fresh).toMatchObject({ daysLeft: 15, overdue: false, studioPhone: expect.stringMatching(/^0576-/) });
    expect(fresh.actions).not.toContain('urge');
    expect(await t.fails('register', resident, { action: 'urge', id: item.id })).toBe('INVALID_STATE');

    t.clock.set(sh('2026-11-20T10:00:00')); // due 2026-11-17: 3 days overdue
    const late = await t.ok('register', resident, { action: 'get', id: item.id });
    expect(late).toMatchObject({ daysLeft: -3, overdue: true });
    expect(late.actions).toContain('urge');
    const urged = await t.ok('register', resident, { action: 'urge', id: item.id });
    expect(urged.timeline.at(-1)).toMatchObject({ action: 'urge', actorRole: 'resident', from: 'accepted', to: 'accepted', note: '反映人催办' });
    expect(urged.status).toBe('accepted');
    expect(urged.actions).not.toContain('urge');
    expect(await urgedTo()).toEqual([rep, liaison].sort());
  });

  it('once every 3 days: a second urge the next day is refused, three days later it is taken', async () => {
    const item = await t.ok('register', resident, submitEvent());
    t.clock.set(sh('2026-11-20T10:00:00'));
    await t.ok('register', resident, { action: 'urge', id: item.id });
    t.clock.set(sh('2026-11-21T10:00:00'));
    expect(await t.fails('register', resident, { action: 'urge', id: item.id })).toBe('INVALID_STATE');
    // The dev clock runs on from each set: the first urge was a few ms after 10:00, so a minute past the 3 days.
    t.clock.set(sh('2026-11-20T10:01:00') + 3 * DAY);
    await t.ok('register', resident, { action: 'urge', id: item.id });
    // not accepted yet: no owner, only the studio's liaison is told, twice
    expect(await urgedTo()).toEqual([liaison, liaison]);
  });

  it('only the submitter urges: staff are refused, other residents are told it does not exist', async () => {
    const item = await t.ok('register', resident, submitEvent());
    t.clock.set(sh('2026-11-20T10:00:00'));
    expect(await t.fails('register', liaison, { action: 'urge', id: item.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'someone-else', { action: 'urge', id: item.id })).toBe('NOT_FOUND');
    expect(await urgedTo()).toEqual([]);
  });

  it('an answered item cannot be urged', async () => {
    const item = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: item.id });
    t.clock.set(sh('2026-11-20T10:00:00'));
    await t.ok('register', rep, { action: 'answer', id: item.id, reply: '已联系街道城管中队，路灯本周内修复。' });
    expect(await t.fails('register', resident, { action: 'urge', id: item.id })).toBe('INVALID_STATE');
  });
});

describe('the staff queue', () => {
  it('order "due": open items only, the most overdue first, then by deadline', async () => {
    const a = await t.ok('register', resident, submitEvent({ content: '第一件：小区门口的路灯坏了。' }));
    t.clock.set(sh('2026-11-05T10:00:00'));
    const b = await t.ok('register', resident, submitEvent({ content: '第二件：垃圾清运不及时。' }));
    const c = await t.ok('register', resident, submitEvent({ content: '第三件：已经答复的那件。' }));
    await t.ok('register', rep, { action: 'accept', id: b.id });
    await t.ok('register', rep, { action: 'promise', id: b.id, deadline: '2026-11-06', note: '明天答复' });
    await t.ok('register', rep, { action: 'accept', id: c.id });
    await t.ok('register', rep, { action: 'answer', id: c.id, reply: '已经答复了这一件。' });
    t.clock.set(sh('2026-11-18T10:00:00'));
    const queue = await t.ok('register', liaison, { action: 'inbox', order: 'due' });
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    expect(queue.items.map((i: { daysLeft: number }) => i.daysLeft)).toEqual([-12, -1]);
    expect((await t.ok('register', liaison, { action: 'inbox' })).items.map((i: { id: string }) => i.id)).toEqual([c.id, b.id, a.id]);
  });

  it('searches by number (padded or not) or by words of the content, within the caller\'s studios', async () => {
    const a = await t.ok('register', resident, submitEvent({ content: '城东路口红绿灯时间太短。' }));
    const b = await t.ok('register', resident, submitEvent({ content: '小区垃圾清运不及时。' }));
    await t.ok('register', resident, submitEvent({ studioId: 'studio-anzhou', content: '安洲的红绿灯也有问题。' }));
    const ids = async (q: string) => (await t.ok('register', liaison, { action: 'inbox', q })).items.map((i: { id: string }) => i.id);
    expect(await ids(b.no)).toEqual([b.id]);
    expect(await ids('xj2026-1')).toEqual([a.id]);
    expect(await ids('红绿灯')).toEqual([a.id]);
    expect(await ids('没有这种内容')).toEqual([]);
    expect(await t.fails('register', liaison, { action: 'inbox', q: 'x'.repeat(51) })).toBe('VALIDATION');
  });
});

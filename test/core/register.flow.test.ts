import type { ItemEvent, ItemView } from '../../core/register/item';
import { makeTestApp, type TestApp } from '../support/app';
import { accepted, answered, sorted, stored, submitted } from '../support/register';

/**
 * An item's life through the `register` function, as the clients drive it (issue 2, items 4
 * and 5): the table-driven lifecycle test lives in lifecycle.test.ts.
 */

const DAY = 24 * 3600 * 1000;
const NOW = '2026-11-02T10:00:00+08:00';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: NOW });
});
afterEach(() => t.close());

const get = (openid: string, id: string) => t.ok<ItemView>('register', openid, { action: 'get', id });
const steps = (timeline: ItemEvent[]) => timeline.map((e) => [e.action, e.actorRole, e.from, e.to]);

describe('the full lifecycle through the functions', () => {
  it('submit → accept → answer → unsatisfied → resolve → satisfied → closed, each step on the timeline', async () => {
    const item = await submitted(t);
    expect(item).toMatchObject({ no: 'XJ2026-000001', status: 'submitted', round: 1, channel: 'online', studioId: 'studio-fuying' });
    expect(item.studioName).toBe('福应街道党代表工作室');

    // 首问负责: the first to accept owns it; a second accept is refused and changes nothing.
    const acc = await t.ok<ItemView>('register', 'dev-rep', { action: 'accept', id: item.id });
    expect(acc.status).toBe('accepted');
    expect(acc.owner).toEqual({ name: '王建华' });
    const afterAccept = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'accept', id: item.id })).toBe('INVALID_STATE');
    expect(await stored(t, item.id)).toEqual(afterAccept);
    expect(afterAccept?.ownerRepId).toBe('rep-fuying-1');

    const ans = await t.ok<ItemView>('register', 'dev-rep', { action: 'answer', id: item.id, reply: '路灯已报修，三天内修好。' });
    expect(ans.status).toBe('answered');
    expect(ans.reply).toMatchObject({ text: '路灯已报修，三天内修好。', byName: '王建华' });
    expect(ans.closeDueAt).toBe(ans.reply!.at + 7 * DAY);

    // The resident reads the answer and the timeline.
    const seen = await get('dev-resident', item.id);
    expect(seen.reply?.text).toBe('路灯已报修，三天内修好。');
    expect(seen.actions).toEqual(['feedback']);

    const reopened = await t.ok<ItemView>('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: false, comment: '一周了还没修' });
    expect(reopened).toMatchObject({ status: 'in_progress', round: 2, satisfaction: 'unsatisfied', closeDueAt: null });
    expect(reopened.feedback).toEqual([expect.objectContaining({ round: 1, satisfied: false, comment: '一周了还没修' })]);
    // a second feedback in the same round is refused
    const afterFeedback = await stored(t, item.id);
    expect(await t.fails('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: true })).toBe('INVALID_STATE');
    expect(await stored(t, item.id)).toEqual(afterFeedback);
    // the owner keeps the item in the new round
    expect(sorted((await get('dev-rep', item.id)).actions)).toEqual(['answer', 'promise', 'resolve']);

    const res = await t.ok<ItemView>('register', 'dev-rep', { action: 'resolve', id: item.id, reply: '路灯已更换，夜间照明恢复。' });
    expect(res).toMatchObject({ status: 'resolved', round: 2 });

    const closed = await t.ok<ItemView>('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: true });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'satisfied', actions: [] });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.feedback.map((f) => [f.round, f.satisfied])).toEqual([
      [1, false],
      [2, true],
    ]);
    const afterClose = await stored(t, item.id);
    expect(await t.fails('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: false })).toBe('INVALID_STATE');
    expect(await stored(t, item.id)).toEqual(afterClose);

    const { timeline } = await get('dev-resident', item.id);
    expect(steps(timeline)).toEqual([
      ['submit', 'resident', null, 'submitted'],
      ['accept', 'representative', 'submitted', 'accepted'],
      ['answer', 'representative', 'accepted', 'answered'],
      ['feedbackUnsatisfied', 'resident', 'answered', 'in_progress'],
      ['resolve', 'representative', 'in_progress', 'resolved'],
      ['feedbackSatisfied', 'resident', 'resolved', 'closed'],
    ]);
    expect(timeline.map((e) => e.actorName)).toEqual(['反映人', '王建华', '王建华', '反映人', '王建华', '反映人']);
    expect(timeline[2].note).toBe('路灯已报修，三天内修好。');
    expect(timeline[3].note).toBe('一周了还没修');
    expect(timeline[4].note).toBe('路灯已更换，夜间照明恢复。');
    for (const e of timeline) expect(typeof e.at).toBe('number');
  });

  it('the liaison assigns an item to a representative, who then owns it', async () => {
    const item = await submitted(t);
    const view = await t.ok<ItemView>('register', 'dev-liaison', { action: 'assign', id: item.id, representativeId: 'rep-fuying-1' });
    expect(view).toMatchObject({ status: 'accepted', owner: { name: '王建华' } });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'assign', actorRole: 'liaison', actorName: '福应街道联络员', from: 'submitted', to: 'accepted', note: '交办给 王建华' });
    expect((await stored(t, item.id))?.ownerRepId).toBe('rep-fuying-1');
  });

  it('cannot assign to a representative of another studio', async () => {
    const item = await submitted(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'assign', id: item.id, representativeId: 'rep-anzhou-1' })).toBe('VALIDATION');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('a liaison who accepts owns the item and answers it', async () => {
    const item = await accepted(t, 'dev-liaison');
    expect(item.owner).toEqual({ name: '福应街道联络员' });
    const done = await t.ok<ItemView>('register', 'dev-liaison', { action: 'answer', id: item.id, reply: '已当场解答。' });
    expect(done.timeline.at(-1)).toMatchObject({ action: 'answer', actorRole: 'liaison', from: 'accepted', to: 'answered' });
  });
});

describe('promise', () => {
  it('sets the deadline to the end of that day in Shanghai', async () => {
    const item = await accepted(t, 'dev-rep');
    const view = await t.ok<ItemView>('register', 'dev-rep', { action: 'promise', id: item.id, deadline: '2026-11-10', note: '协调物业后答复' });
    expect(view.status).toBe('in_progress');
    expect(view.dueAt).toBe(Date.parse('2026-11-10T23:59:59.999+08:00'));
    expect(view.dueAt).toBe(Date.parse('2026-11-10T15:59:59.999Z'));
    expect(view.promise).toMatchObject({ deadline: '2026-11-10', note: '协调物业后答复' });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'promise', from: 'accepted', to: 'in_progress', note: '承诺2026年11月10日前办理：协调物业后答复' });
  });

  it('may be for today but not for a day already past in Shanghai', async () => {
    // 00:30 on 3 November in Shanghai is still 2 November in UTC.
    t.clock.set(Date.parse('2026-11-03T00:30:00+08:00'));
    const item = await accepted(t, 'dev-rep');
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-rep', { action: 'promise', id: item.id, deadline: '2026-11-02', note: '尽快办理' })).toBe('VALIDATION');
    expect(await stored(t, item.id)).toEqual(before);
    const view = await t.ok<ItemView>('register', 'dev-rep', { action: 'promise', id: item.id, deadline: '2026-11-03', note: '今天办理' });
    expect(view.dueAt).toBe(Date.parse('2026-11-03T23:59:59.999+08:00'));
  });

  it('cannot be more than a year ahead', async () => {
    const item = await accepted(t, 'dev-rep');
    expect(await t.fails('register', 'dev-rep', { action: 'promise', id: item.id, deadline: '2027-12-31', note: '明年再说' })).toBe('VALIDATION');
  });
});

describe('refer to a department', () => {
  it('sets the referral and its deadline, then records the department’s result, then resolves', async () => {
    const item = await accepted(t, 'dev-liaison');
    const referred = await t.ok<ItemView>('register', 'dev-liaison', {
      action: 'refer',
      id: item.id,
      departmentId: 'dept-zhujian',
      deadline: '2026-11-30',
      note: '涉及老旧小区改造',
    });
    expect(referred.status).toBe('in_progress');
    expect(referred.referral).toMatchObject({ departmentId: 'dept-zhujian', departmentName: '县住建局', deadline: '2026-11-30', note: '涉及老旧小区改造', result: null });
    expect(referred.dueAt).toBe(Date.parse('2026-11-30T23:59:59.999+08:00'));
    expect(referred.timeline.at(-1)).toMatchObject({ action: 'refer', from: 'accepted', to: 'in_progress', note: '转交县住建局，2026年11月30日前办理：涉及老旧小区改造' });

    const recorded = await t.ok<ItemView>('register', 'dev-liaison', { action: 'recordReferralResult', id: item.id, result: '已纳入明年改造计划' });
    expect(recorded.status).toBe('in_progress');
    expect(recorded.referral).toMatchObject({ result: '已纳入明年改造计划' });
    expect(recorded.referral?.resultAt).toEqual(expect.any(Number));
    // the result is recorded once per referral
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'recordReferralResult', id: item.id, result: '再记一次' })).toBe('INVALID_STATE');
    expect(await stored(t, item.id)).toEqual(before);

    const resolved = await t.ok<ItemView>('register', 'dev-liaison', { action: 'resolve', id: item.id, reply: '已纳入改造计划，明年上半年完工。' });
    expect(resolved.status).toBe('resolved');
  });

  it('to an unknown department is refused', async () => {
    const item = await accepted(t, 'dev-liaison');
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'refer', id: item.id, departmentId: 'dept-nope', deadline: '2026-11-30' })).toBe('VALIDATION');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('an admin may refer and record the result', async () => {
    const item = await accepted(t, 'dev-rep');
    await t.ok('register', 'dev-admin', { action: 'refer', id: item.id, departmentId: 'dept-jiaotong', deadline: '2026-11-30' });
    const v = await t.ok<ItemView>('register', 'dev-admin', { action: 'recordReferralResult', id: item.id, result: '交通局已处理' });
    expect(v.referral?.result).toBe('交通局已处理');
    expect(v.timeline.at(-1)).toMatchObject({ action: 'recordReferralResult', actorRole: 'admin' });
  });
});

describe('reject', () => {
  it('ends the item with the reason, which the resident reads', async () => {
    const item = await submitted(t);
    const view = await t.ok<ItemView>('register', 'dev-liaison', { action: 'reject', id: item.id, reason: '与XJ2026-000001重复' });
    expect(view).toMatchObject({ status: 'rejected', rejectReason: '与XJ2026-000001重复', actions: [] });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'reject', actorRole: 'liaison', from: 'submitted', to: 'rejected', note: '与XJ2026-000001重复' });
    expect((await get('dev-resident', item.id)).rejectReason).toBe('与XJ2026-000001重复');

    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'reject', id: item.id, reason: '再驳回' })).toBe('INVALID_STATE');
    expect(await t.fails('register', 'dev-rep', { action: 'accept', id: item.id })).toBe('INVALID_STATE');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('is not possible once the item is answered', async () => {
    const item = await answered(t);
    expect(await t.fails('register', 'dev-liaison', { action: 'reject', id: item.id, reason: '不予受理' })).toBe('INVALID_STATE');
  });
});

describe('auto-close', () => {
  it('closes an answered item with no feedback after 7 days, not before', async () => {
    const item = await answered(t);

    t.clock.advance(7 * DAY - 60_000);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { autoClosed: 0 } });
    expect((await get('dev-resident', item.id)).status).toBe('answered');

    t.clock.advance(2 * 60_000);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    const view = await get('dev-resident', item.id);
    expect(view).toMatchObject({ status: 'closed', actions: [], satisfaction: null });
    expect(view.closedAt).toEqual(expect.any(Number));
    expect(view.timeline.at(-1)).toMatchObject({ action: 'autoClose', actorRole: 'system', actorName: '系统', from: 'answered', to: 'closed' });

    // the resident can no longer rate it, and a second run finds nothing to do
    expect(await t.fails('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: false })).toBe('INVALID_STATE');
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { autoClosed: 0 } });
  });

  it('closes a resolved item too, but leaves rated, reopened and open items alone', async () => {
    const resolved = await accepted(t);
    await t.ok('register', 'dev-rep', { action: 'resolve', id: resolved.id, reply: '已解决' });
    const rated = await answered(t, 'dev-rep', 'resident-b');
    await t.ok('register', 'resident-b', { action: 'feedback', id: rated.id, satisfied: true });
    const reopened = await answered(t, 'dev-rep', 'resident-c');
    await t.ok('register', 'resident-c', { action: 'feedback', id: reopened.id, satisfied: false });
    const open = await submitted(t, 'resident-d');
    // what the lifecycle owns (the reminder planner may move nextRemindAt: not this test's concern)
    const lifecycle = async (id: string) => {
      const { status, round, closedAt, closeDueAt, satisfaction, timeline } = (await stored(t, id))!;
      return { status, round, closedAt, closeDueAt, satisfaction, timeline };
    };
    const before = await Promise.all([rated, reopened, open].map((i) => lifecycle(i.id)));

    t.clock.advance(8 * DAY);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    expect((await stored(t, resolved.id))?.status).toBe('closed');
    expect(await Promise.all([rated, reopened, open].map((i) => lifecycle(i.id)))).toEqual(before);
    expect(before.map((b) => b.status)).toEqual(['closed', 'in_progress', 'submitted']);
  });

  it('follows the configured number of days', async () => {
    t.close();
    t = await makeTestApp({ now: NOW, config: { autoCloseDays: 3 } });
    const item = await answered(t);
    t.clock.advance(3 * DAY + 60_000);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    expect((await stored(t, item.id))?.status).toBe('closed');
  });
});

import type { Activity } from '../../core/activities/types';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { DEV_IDENTITIES, makeTestApp, submitEvent, type TestApp } from '../support/app';
import { closedReception, recordEvent, rid, sh } from '../support/ops';
import { bindMember } from '../support/register';

/** 活动记录 (issue 14, point 1) and 服务承诺 (point 3). */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
});
afterEach(() => t.close());

const toLiaison = async () => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: liaison, kind: 'activity_missing' }, limit: 100 })).map((m) => m.dedupeKey);

describe('activity records', () => {
  it('closing a reception records its activity once, with the representatives present, and it cannot be typed in again', async () => {
    const r = await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2'], present: ['rep-fuying-2'] });
    const list = await t.ok('activities', liaison, { action: 'list', studioId: 'studio-fuying' });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ date: '2026-11-10', kind: 'reception', kindLabel: '接待群众', representatives: [{ id: 'rep-fuying-2', name: '陈素芬' }], source: { kind: 'reception', id: r.id } });
    expect(list.items[0].summary).toContain('接待群众 12 人');
    expect(await t.fails('receptions', liaison, { action: 'close', id: r.id, attendance: 12, summary: '再登记一次。' })).toBe('INVALID_STATE');
    expect(await t.store.count('activities')).toBe(1);
    expect(await t.fails('activities', liaison, recordEvent({ kind: 'reception', date: '2026-11-10' }))).toBe('VALIDATION');
  });

  it('a liaison records an activity of the studio with departments invited; a retry answers the same record', async () => {
    const ev = recordEvent({ kind: 'inspection', topic: '调研农村饮水安全', departmentIds: ['dept-nongye'], representativeIds: ['rep-fuying-1'] });
    const a = await t.ok('activities', liaison, ev);
    expect(a).toMatchObject({ kind: 'inspection', kindLabel: '调研视察', departments: [{ id: 'dept-nongye', name: '县农业农村局' }], createdName: '福应街道联络员' });
    expect((await t.ok('activities', liaison, ev)).id).toBe(a.id);
    expect(await t.store.count('activities')).toBe(1);
    expect(await t.ok('activities', rep, { action: 'get', id: a.id })).toMatchObject({ topic: '调研农村饮水安全' });
  });

  it('refuses a representative of another studio, a future date, a date before last month, residents and representatives — recording nothing', async () => {
    expect(await t.fails('activities', liaison, recordEvent({ representativeIds: ['rep-baita-1'] }))).toBe('VALIDATION');
    expect(await t.fails('activities', liaison, recordEvent({ date: '2026-11-03' }))).toBe('VALIDATION');
    expect(await t.fails('activities', liaison, recordEvent({ date: '2026-09-30' }))).toBe('VALIDATION');
    expect(await t.ok('activities', liaison, recordEvent({ date: '2026-10-01' }))).toMatchObject({ date: '2026-10-01' });
    expect(await t.fails('activities', liaison, recordEvent({ studioId: 'studio-baita' }))).toBe('FORBIDDEN');
    expect(await t.fails('activities', rep, recordEvent())).toBe('FORBIDDEN');
    expect(await t.fails('activities', resident, { action: 'list', studioId: 'studio-fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('activities', liaison, recordEvent({ kind: 'party' }))).toBe('VALIDATION');
    expect(await t.store.count('activities')).toBe(1);
  });
});

describe('the compliance grid and the 20th-of-month reminder', () => {
  it('shows the months each studio had no activity, and the current month as still open', async () => {
    await t.ok('activities', liaison, recordEvent({ date: '2026-10-15' }));
    const grid = await t.ok('activities', admin, { action: 'compliance', year: 2026 });
    expect(grid.rows).toHaveLength(37);
    const fuying = grid.rows.find((r: { studioId: string }) => r.studioId === 'studio-fuying');
    expect(fuying.months.map((m: { state: string }) => m.state)).toEqual(['none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'ok', 'open', 'future']);
    expect(fuying).toMatchObject({ held: 1, ended: 10, thisMonth: 0 });
    expect(fuying.missing).toHaveLength(9);
    expect(grid.behind).toBe(37);
    // A township's liaison sees the studios of their township only.
    const own = await t.ok('activities', liaison, { action: 'compliance', year: 2026 });
    expect(own.rows.every((r: { townshipId: string }) => r.townshipId === 'fuying')).toBe(true);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(await t.fails('activities', liaison, { action: 'compliance', townshipId: 'baita' })).toBe('FORBIDDEN');
  });

  it('on the 20th the liaison of a studio without an activity this month is told, once; a studio with one is not', async () => {
    await bindMember(t, 'wx-liaison-baita', 'liaison', 'studio-baita');
    t.clock.set(sh('2026-11-19T10:00:00'));
    await t.app.runTimer('reminders');
    expect(await toLiaison()).toEqual([]);
    await t.ok('activities', 'wx-liaison-baita', recordEvent({ studioId: 'studio-baita', date: '2026-11-18', representativeIds: ['rep-baita-1'] }));
    t.clock.set(sh('2026-11-20T08:00:00'));
    await t.app.runTimer('reminders');
    expect(await toLiaison()).toEqual([]); // before the daily hour
    t.clock.set(sh('2026-11-20T09:15:00'));
    await t.app.runTimer('reminders');
    expect(await toLiaison()).toEqual(['activity-missing:studio-fuying:2026-11:dev-liaison']);
    const baita = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: 'wx-liaison-baita', kind: 'activity_missing' } });
    expect(baita).toEqual([]);
    t.clock.set(sh('2026-11-21T09:15:00'));
    await t.app.runTimer('reminders');
    expect(await toLiaison()).toHaveLength(1);
    t.clock.set(sh('2026-12-20T09:15:00'));
    await t.app.runTimer('reminders');
    expect(await toLiaison()).toEqual(['activity-missing:studio-fuying:2026-11:dev-liaison', 'activity-missing:studio-fuying:2026-12:dev-liaison']);
  });
});

describe('service commitments', () => {
  it('a studio publishes its commitments and each shows the figure measured over the last 90 days', async () => {
    // Four items: two accepted the same day, one three days later, one still waiting.
    const items = [];
    for (let i = 0; i < 4; i++) items.push(await t.ok('register', `resident-c${i}`, submitEvent()));
    await t.ok('register', rep, { action: 'accept', id: items[0].id });
    await t.ok('register', liaison, { action: 'assign', id: items[1].id, representativeId: 'rep-fuying-1' });
    await t.ok('register', rep, { action: 'answer', id: items[0].id, reply: '已答复。' });
    t.clock.set(sh('2026-11-05T10:00:00'));
    await t.ok('register', rep, { action: 'accept', id: items[2].id });
    expect(await t.fails('activities', rep, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }] })).toBe('FORBIDDEN');
    expect(await t.fails('activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept' }] })).toBe('VALIDATION');
    const before = await t.ok('activities', resident, { action: 'commitments', studioId: 'studio-fuying' });
    expect(before).toMatchObject({ published: false, items: [] });
    expect(before.suggested.map((c: { label: string }) => c.label)).toEqual(['2 日内受理', '7 日内答复', '按期答复办结', '群众满意']);
    await t.ok('activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7, text: '一般问题 7 日内答复' }] });
    const after = await t.ok('activities', resident, { action: 'commitments', studioId: 'studio-fuying' });
    expect(after.published).toBe(true);
    expect(after.window).toMatchObject({ days: 90, collected: 4 });
    expect(after.items[0]).toMatchObject({ label: '2 日内受理', measured: { numerator: 2, denominator: 4, percent: 50 } });
    expect(after.items[1]).toMatchObject({ label: '7 日内答复', text: '一般问题 7 日内答复', measured: { numerator: 1, denominator: 4, percent: 25 } });
    expect(after.items[0].measured.formula).toContain('2 日内受理');
  });

  it('the kind records when an item first left submitted, whoever moved it, and later moves keep it', async () => {
    const item = await t.ok('register', resident, submitEvent());
    t.clock.set(sh('2026-11-04T10:00:00'));
    await t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: 'rep-fuying-1' });
    t.clock.set(sh('2026-11-06T10:00:00'));
    await t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: 'rep-fuying-2' });
    const doc = await t.store.get<{ _id: string; _v: number; acceptedAt: number; acceptDays: number }>('items', item.id);
    expect(doc?.acceptDays).toBe(2);
    // The dev clock runs on from the instant set: the first assign's time, not the second's.
    expect(doc?.acceptedAt).toBeGreaterThanOrEqual(sh('2026-11-04T10:00:00'));
    expect(doc?.acceptedAt).toBeLessThan(sh('2026-11-04T10:01:00'));
  });
});

describe('records made by effects are cut-off safe', () => {
  it('a retried effect of the same close finds the record it made', async () => {
    const r = await closedReception(t);
    const [a] = await t.store.find<Activity>('activities', { limit: 5 });
    expect(a.src).toEqual({ kind: 'reception', id: r.id });
    const { recordActivityEffects } = await import('../../core/activities/record');
    const again = await recordActivityEffects(t.app.deps, [
      { type: 'activity', key: `reception:${r.id}:close`, studioId: 'studio-fuying', date: a.date, kind: 'reception', topic: a.topic, repIds: a.repIds, summary: a.summary, src: a.src, by: liaison, byName: '联络员', at: t.clock.now() },
    ]);
    expect(again).toBe(0);
    expect(await t.store.count('activities')).toBe(1);
    expect(rid()).toMatch(/^ops-/);
  });
});

import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import { COLLECTIONS } from '../../core/ports/store';
import { WEIGHTS } from '../../core/ranking/score';
import { DEV_IDENTITIES, makeTestApp, submitEvent, type TestApp } from '../support/app';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { closedReception, recordEvent, sh } from '../support/ops';
import { bindMember } from '../support/register';

/** 数据看板 and 示范工作室评比 (issue 14, points 5 and 6). */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;
const baitaLiaison = 'wx-liaison-baita';
const baitaRep = 'wx-rep-baita-1';

/**
 * A small history through the functions: in 福应 five items in October (accepted the same day,
 * four answered on time, one rejected), one still waiting; in 白塔 two items accepted three days
 * late, one answered late; a reception and a training in 福应.
 */
async function history(t: TestApp) {
  await bindMember(t, baitaLiaison, 'liaison', 'studio-baita');
  await bindMember(t, baitaRep, 'representative', 'rep-baita-1');
  t.clock.set(sh('2026-10-08T10:00:00'));
  const f = [];
  for (let i = 0; i < 6; i++) f.push(await t.ok('register', `resident-f${i}`, submitEvent({ category: i < 3 ? '交通出行' : '民生服务' })));
  for (const item of f.slice(0, 4)) {
    await t.ok('register', rep, { action: 'accept', id: item.id });
    await t.ok('register', rep, { action: 'answer', id: item.id, reply: '已答复。' });
  }
  await t.ok('register', liaison, { action: 'reject', id: f[4].id, reason: '与已登记事项重复' });
  await t.ok('register', 'resident-f0', { action: 'feedback', id: f[0].id, satisfied: true });
  await t.ok('register', 'resident-f1', { action: 'feedback', id: f[1].id, satisfied: false, comment: '还没修好' });
  const b = [];
  for (let i = 0; i < 2; i++) b.push(await t.ok('register', `resident-b${i}`, submitEvent({ studioId: 'studio-baita', category: '农业农村' })));
  t.clock.set(sh('2026-10-11T10:00:00'));
  for (const item of b) await t.ok('register', baitaRep, { action: 'accept', id: item.id });
  t.clock.set(sh('2026-10-30T10:00:00'));
  await t.ok('register', baitaRep, { action: 'answer', id: b[0].id, reply: '已答复。' });
  t.clock.set(sh('2026-10-10T10:00:00'));
  await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2'] }); // on 10-18
  t.clock.set(sh('2026-11-02T10:00:00'));
  await t.ok('activities', liaison, recordEvent({ date: '2026-10-20' }));
}

describe('the dashboard and the ranking', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp({ now: sh('2026-10-08T10:00:00') });
    await history(t);
  });
  afterEach(() => t.close());

  it('counts every studio\'s figures as register.stats does, with 响应率 from when items left submitted', async () => {
    const d = await t.ok('dashboard', admin, { action: 'overview', year: 2026 });
    expect(d.scope).toMatchObject({ level: 'county', studios: 37 });
    const fuying = d.studios.find((s: { studioId: string }) => s.studioId === 'studio-fuying');
    const stats = await t.ok('register', admin, { action: 'stats', scope: 'studio', id: 'studio-fuying', from: '2026-01-01', to: '2026-12-31' });
    expect(fuying.collected).toBe(stats.collected);
    expect(fuying.collected).toBe(6);
    expect(fuying.rates.answeredOrResolved).toMatchObject({ numerator: 3, denominator: 5, percent: 60 });
    expect(fuying.rates.answeredOrResolved.numerator).toBe(stats.rates.answeredOrResolved.numerator);
    expect(fuying.rates.onTime).toMatchObject({ numerator: stats.rates.onTime.numerator, denominator: stats.rates.onTime.denominator });
    expect(fuying.rates.satisfied).toMatchObject({ numerator: 1, denominator: 2, percent: 50 });
    expect(fuying.rates.response).toMatchObject({ numerator: 4, denominator: 5, percent: 80 });
    const baita = d.studios.find((s: { studioId: string }) => s.studioId === 'studio-baita');
    expect(baita.rates.response).toMatchObject({ numerator: 0, denominator: 2, percent: 0 });
    expect(baita.rates.onTime).toMatchObject({ numerator: 0, denominator: 1 });
    expect(d.totals.collected).toBe(8);
    expect(d.totals.rates.response.formula).toContain('2 日内受理');
  });

  it('has a trend by month and a breakdown by category that add up to what was collected', async () => {
    const d = await t.ok('dashboard', admin, { action: 'overview', year: 2026 });
    expect(d.trend).toHaveLength(12);
    expect(d.trend.reduce((a: number, m: { collected: number }) => a + m.collected, 0)).toBe(8);
    expect(d.trend[9]).toMatchObject({ month: '2026-10', collected: 8 });
    // Most first; a tie in the register's order of categories.
    expect(d.categories).toEqual([
      { category: '民生服务', count: 3 },
      { category: '交通出行', count: 3 },
      { category: '农业农村', count: 2 },
    ]);
  });

  it('gives a township\'s liaison the township\'s studios only, and residents and representatives no dashboard', async () => {
    const d = await t.ok('dashboard', baitaLiaison, { action: 'overview', year: 2026 });
    expect(d.scope).toMatchObject({ level: 'township', townshipId: 'baita' });
    expect(d.studios.every((s: { townshipId: string }) => s.townshipId === 'baita')).toBe(true);
    expect(d.totals.collected).toBe(2);
    expect(d.categories).toEqual([{ category: '农业农村', count: 2 }]);
    expect(d.trend[9].collected).toBe(2);
    expect(await t.fails('dashboard', baitaLiaison, { action: 'overview', townshipId: 'fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('dashboard', rep, { action: 'overview' })).toBe('FORBIDDEN');
    expect(await t.fails('dashboard', resident, { action: 'overview' })).toBe('FORBIDDEN');
    expect((await t.ok('dashboard', admin, { action: 'overview', townshipId: 'baita' })).totals.collected).toBe(2);
  });

  it('ranks every studio with a score whose parts add up, each part down to its entries', async () => {
    const r = await t.ok('dashboard', rep, { action: 'ranking', year: 2026 });
    expect(r.rows).toHaveLength(37);
    expect(r.formula[0]).toContain('总分');
    for (const row of r.rows) expect(row.score).toBeCloseTo(row.parts.compliance.score + row.parts.points.score + row.parts.register.score, 0);
    expect(r.rows[0].studioId).toBe('studio-fuying');
    expect(r.top[0]).toMatchObject({ rank: 1, studioId: 'studio-fuying' });
    const one = await t.ok('dashboard', liaison, { action: 'studio', studioId: 'studio-fuying', year: 2026 });
    // 活动达标: October is the only ended month with activities (a reception, a training) out of 10.
    expect(one.parts.compliance).toMatchObject({ held: 1, months: 10 });
    expect(one.parts.compliance.score).toBe(Math.round((1 / 10) * WEIGHTS.compliance * 10) / 10);
    expect(one.months[9]).toEqual({ month: '2026-10', activities: 2 });
    const acts = await t.ok(one.drill.activities.fn, liaison, { action: one.drill.activities.action, ...one.drill.activities.params });
    expect(acts.total).toBe(2);
    // 履职积分: the studio's total is its ledger's sum; the best average in the county gets the whole weight.
    const ledger = await t.ok(one.drill.points.fn, liaison, { action: one.drill.points.action, ...one.drill.points.params, pageSize: 50 });
    const sum = ledger.items.reduce((a: number, e: { points: number }) => a + e.points, 0);
    expect(one.parts.points.total).toBe(sum);
    expect(one.parts.points.average).toBe(Math.round((sum / 5) * 10) / 10);
    expect(one.parts.points.score).toBe(WEIGHTS.points);
    expect(one.representatives.reduce((a: number, l: { total: number }) => a + l.total, 0)).toBe(sum);
    // 办理成效: from the same rates as the register's stats.
    const stats = await t.ok(one.drill.register.fn, liaison, { action: one.drill.register.action, ...one.drill.register.params });
    expect(one.parts.register.collected).toBe(stats.collected);
    const expected = 0.6 * WEIGHTS.answeredOrResolved + (stats.rates.onTime.percent / 100) * WEIGHTS.onTime + 0.5 * WEIGHTS.satisfied + 0.8 * WEIGHTS.response;
    expect(one.parts.register.score).toBeCloseTo(expected, 1);
  });

  it('lists the studios needing attention with their reasons', async () => {
    const r = await t.ok('dashboard', admin, { action: 'ranking', year: 2026 });
    const baita = r.attention.find((a: { studioId: string }) => a.studioId === 'studio-baita');
    expect(baita.reasons).toEqual(expect.arrayContaining(['10 个月无活动（1月、2月、3月、4月、5月、6月、7月、8月、9月、10月）', '答复或解决率 50% 低于 90%', '响应率 0% 低于 80%']));
    expect(r.attention.find((a: { studioId: string }) => a.studioId === 'studio-nanfeng').reasons).toContain('全年未收集意见建议');
    expect(await t.fails('dashboard', resident, { action: 'ranking' })).toBe('FORBIDDEN');
    expect(await t.fails('dashboard', rep, { action: 'studio', studioId: 'studio-baita' })).toBe('FORBIDDEN');
    const township = await t.ok('dashboard', baitaLiaison, { action: 'ranking', townshipId: 'baita' });
    expect(township.rows.every((x: { townshipId: string }) => x.townshipId === 'baita')).toBe(true);
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('the dashboard, the ranking and the compliance grid answer as on SQLite', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: sh('2026-10-08T10:00:00'), store: createCloudBaseStore(fake.db) });
    const s = await makeTestApp({ now: sh('2026-10-08T10:00:00') });
    try {
      await history(c);
      await history(s);
      for (const t of [c, s]) t.clock.set(sh('2026-11-02T10:00:00'));
      const strip = (x: unknown) => JSON.parse(JSON.stringify(x));
      const [dc, ds] = await Promise.all([c.ok('dashboard', admin, { action: 'overview', year: 2026 }), s.ok('dashboard', admin, { action: 'overview', year: 2026 })]);
      expect(strip(dc)).toEqual(strip(ds));
      expect(strip(await c.ok('dashboard', admin, { action: 'ranking', year: 2026 }))).toEqual(strip(await s.ok('dashboard', admin, { action: 'ranking', year: 2026 })));
      expect(strip(await c.ok('activities', admin, { action: 'compliance', year: 2026 }))).toEqual(strip(await s.ok('activities', admin, { action: 'compliance', year: 2026 })));
      expect(strip(await c.ok('points', admin, { action: 'studio', studioId: 'studio-fuying' }))).toEqual(strip(await s.ok('points', admin, { action: 'studio', studioId: 'studio-fuying' })));
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      s.close();
      fake.restore();
    }
  });
});

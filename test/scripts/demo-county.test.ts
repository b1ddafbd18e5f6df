import { buildCountyDemo } from '../../scripts/demo-county-build';
import { DEV_IDENTITIES, makeTestApp } from '../support/app';

/**
 * `npm run demo:county` at a small scale (issue 14, point 8): the history is made through the
 * functions, and the county's `stats` then answers exactly what was planned. The full run's
 * figures are in docs/performance.md.
 */
const sh = (local: string) => Date.parse(`${local}+08:00`);

it('a small county year: stats answers the items collected and the share answered or resolved that were planned', async () => {
  const until = sh('2026-12-01T21:00:00');
  const t = await makeTestApp({ now: until });
  try {
    const r = await buildCountyDemo(t.app, t.clock, { year: 2026, until, representatives: 160, items: 300, answered: 292, attendances: 1200, gaps: 3, forums: 40 });
    expect(r).toMatchObject({ representatives: 160, items: 300, answeredOrResolved: 292, open: 8 });
    expect(r.attendances).toBeGreaterThanOrEqual(1200);
    const stats = await t.ok('register', DEV_IDENTITIES.admin, { action: 'stats', scope: 'county' });
    expect(stats).toMatchObject({ collected: 300, answeredOrResolved: 292, rejected: 0 });
    expect(stats.rates.answeredOrResolved.percent).toBe(97.3);
    // Every closed reception is an activity; the grid shows the months left empty.
    const grid = await t.ok('activities', DEV_IDENTITIES.admin, { action: 'compliance', year: 2026 });
    expect(grid.rows.reduce((a: number, row: { missing: string[] }) => a + row.missing.length, 0)).toBe(3);
    expect(await t.store.count('activities', { kind: 'reception' })).toBe(r.receptions);
    const dash = await t.ok('dashboard', DEV_IDENTITIES.admin, { action: 'overview', year: 2026 });
    expect(dash.totals.collected).toBe(300);
    expect(dash.trend.reduce((a: number, m: { collected: number }) => a + m.collected, 0)).toBe(300);
    expect(dash.totals.rates.response.percent).toBeGreaterThan(80);
    expect(await t.store.count('points')).toBeGreaterThan(0);
    // Forums closed: each township or delegation forum is its studio's activity, and everyone present earned forum points.
    expect(r.forums).toBe(40);
    expect(await t.store.count('activities', { kind: 'forum' })).toBe(await t.store.count('forums', { status: 'closed', level: { in: ['township', 'delegation'] } }));
    expect(await t.store.count('points', { code: 'forum_held' })).toBe(r.forums);
    expect(await t.store.count('points', { code: 'forum_attended' })).toBeGreaterThan(r.forums);
    expect(await t.store.count('shifts')).toBeGreaterThan(0);
  } finally {
    t.close();
  }
}, 120_000);

import http from 'node:http';
import { readSheet } from '../../core/sheets/xlsx';
import { startLocalHost, type LocalHost } from '../support/localHost';

/**
 * Issue 14's "How it is checked", over HTTP on the real local host (what `npm start` runs), as
 * a new user would try it with the dev identities and the dev clock.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const setClock = (now: string) => host.request('POST', '/dev/clock', { body: { now } });
const timer = () => host.request('POST', '/dev/timers/reminders');
async function ok(fn: string, openid: string, event: Record<string, unknown>) {
  const r = await host.call(fn, openid, event);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${r.status} ${r.text}\n${host.output()}`);
  return r.body.data;
}
async function bind(openid: string, invite: Record<string, unknown>) {
  const { code } = await ok('members', 'dev-admin', { action: 'invite', ...invite });
  await ok('members', openid, { action: 'bind', code });
}
/** The bytes at a path of the host (an export under /files/…). */
function download(path: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, host.url), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const LIAISON_ANZHOU = 'e2e-liaison-anzhou';
const REP2 = 'e2e-rep-fuying-2';

it('activities, points, the roster, a swap, the ranking and the register export, as issue 14 checks them', async () => {
  await setClock('2026-12-01T10:00:00+08:00');
  await bind(LIAISON_ANZHOU, { kind: 'liaison', studioIds: ['studio-anzhou'] });
  await bind(REP2, { kind: 'representative', representativeId: 'rep-fuying-2' });

  // A studio with no activity this month shows in the compliance grid.
  const grid = await ok('activities', 'dev-admin', { action: 'compliance', year: 2026 });
  const anzhou = grid.rows.find((r: { studioId: string }) => r.studioId === 'studio-anzhou');
  expect(anzhou.months[11]).toEqual({ month: '2026-12', count: 0, state: 'open' });
  expect(anzhou.missing).toHaveLength(11);

  // A generated roster: every shift 2 representatives, shifts spread within one of each other.
  const roster = await ok('roster', 'dev-liaison', { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 2, 3, 4, 5], halves: ['am'] });
  expect(roster.generated).toBe(22);
  expect(roster.shifts.every((s: { representatives: unknown[] }) => s.representatives.length === 2)).toBe(true);
  const counts = roster.representatives.map((r: { shifts: number }) => r.shifts);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

  // A swap is asked by the representative and approved by the liaison.
  const mine = roster.shifts.find((s: { representatives: Array<{ id: string }> }) => s.representatives.some((r) => r.id === 'rep-fuying-1') && !s.representatives.some((r) => r.id === 'rep-fuying-2'));
  const swap = await ok('roster', 'dev-rep', { action: 'requestSwap', requestId: 'e2e-swap-000001', shiftId: mine.id, toRepId: 'rep-fuying-2', reason: '当天参加县里会议' });
  expect((await host.call('roster', 'dev-rep', { action: 'decideSwap', id: swap.id, outcome: 'approve' })).status).toBe(403);
  expect(await ok('roster', 'dev-liaison', { action: 'decideSwap', id: swap.id, outcome: 'approve' })).toMatchObject({ status: 'approved' });
  const after = await ok('roster', REP2, { action: 'month', studioId: 'studio-fuying', month: '2026-12' });
  expect(after.shifts.find((s: { id: string }) => s.id === mine.id).representatives.map((r: { id: string }) => r.id)).toContain('rep-fuying-2');

  // Closing a reception adds an activity and points to the representatives who attended.
  const r = await ok('receptions', 'dev-liaison', {
    action: 'schedule',
    studioId: 'studio-fuying',
    startAt: '2026-12-09T09:00:00+08:00',
    endAt: '2026-12-09T11:00:00+08:00',
    form: 'studio',
    topic: '冬季供暖与老旧小区改造',
    representativeIds: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'],
    capacity: 20,
  });
  await ok('receptions', 'dev-liaison', { action: 'publish', id: r.id });
  await setClock('2026-12-09T12:00:00+08:00');
  await ok('receptions', 'dev-liaison', { action: 'close', id: r.id, attendance: 16, summary: '接待群众 16 人，登记意见 3 条。', representativeIds: ['rep-fuying-1', 'rep-fuying-3'] });
  const acts = await ok('activities', 'dev-liaison', { action: 'list', studioId: 'studio-fuying', from: '2026-12-01', to: '2026-12-31' });
  expect(acts.items).toEqual([expect.objectContaining({ kind: 'reception', date: '2026-12-09', source: { kind: 'reception', id: r.id } })]);
  const ledger = async (representativeId: string) => ok('points', 'dev-liaison', { action: 'ledger', representativeId, year: 2026 });
  expect((await ledger('rep-fuying-1')).items).toEqual([expect.objectContaining({ code: 'reception', points: 2, source: { kind: 'reception', id: r.id, ref: '2026-12-09' } })]);
  expect((await ledger('rep-fuying-2')).total).toBe(0);

  // Running the timer twice adds no points twice.
  await timer();
  await timer();
  expect((await ledger('rep-fuying-1')).total).toBe(1);
  expect(await ok('points', 'dev-rep', { action: 'mine', year: 2026 })).toMatchObject({ total: 2 });

  // On the 20th the liaison of the studio without an activity this month is reminded; 福应 has one.
  await setClock('2026-12-20T09:15:00+08:00');
  await timer();
  const outbox = await host.request('GET', '/dev/outbox');
  const missing = outbox.body.data.filter((m: { kind: string }) => m.kind === 'activity_missing');
  expect(missing.map((m: { recipientOpenid: string }) => m.recipientOpenid)).toEqual([LIAISON_ANZHOU]);
  expect(missing[0].body).toContain('安洲街道');

  // The ranking lists studios with scores whose entries add up.
  const ranking = await ok('dashboard', 'dev-admin', { action: 'ranking', year: 2026 });
  expect(ranking.rows).toHaveLength(37);
  for (const row of ranking.rows) {
    const parts = row.parts.compliance.score + row.parts.points.score + row.parts.register.score;
    expect(Math.abs(row.score - parts)).toBeLessThanOrEqual(0.15);
  }
  const fuying = ranking.rows.find((x: { studioId: string }) => x.studioId === 'studio-fuying');
  const entries = await ok('points', 'dev-admin', { action: 'ledger', studioId: 'studio-fuying', year: 2026, pageSize: 50 });
  expect(fuying.parts.points.total).toBe(entries.items.reduce((a: number, e: { points: number }) => a + e.points, 0));
  expect(fuying.parts.points.total).toBe(4);
  const studio = await ok('points', 'dev-admin', { action: 'studio', studioId: 'studio-fuying', year: 2026 });
  expect(studio.lines.reduce((a: number, l: { total: number }) => a + l.total, 0)).toBe(fuying.parts.points.total);

  // The register export opens as an xlsx with the paper's columns and one row per item of the period.
  for (const [i, content] of ['城东路口红绿灯时间太短，老人过马路来不及。', '小区门口路灯坏了一个多月。'].entries()) {
    await ok('register', `e2e-resident-${i}`, { action: 'submit', requestId: `e2e-export-00${i}`, studioId: 'studio-fuying', category: '交通出行', content });
  }
  const out = await ok('sheets', 'dev-liaison', { action: 'register', scope: 'studio', id: 'studio-fuying', from: '2026-12-01', to: '2026-12-31' });
  expect(out.fileId).toMatch(/^local:\/\/files\//);
  const file = await download(`/files/${out.fileId.replace('local://files/', '')}`);
  expect(file.status).toBe(200);
  expect(file.type).toContain('spreadsheetml');
  const sheet = await readSheet(file.bytes, out.columns.map((header: string) => ({ key: header, header, required: true })));
  expect(sheet.missing).toEqual([]);
  expect(out.columns).toEqual(['编号', '登记时间', '渠道', '工作室', '反映人', '联系电话', '反映内容', '类别', '接待（受理）人', '办理方式', '答复（办理）情况', '答复时间', '办理状态', '满意度']);
  expect(sheet.rows.map((x) => x.values['反映内容'])).toEqual(['城东路口红绿灯时间太短，老人过马路来不及。', '小区门口路灯坏了一个多月。']);
}, 120_000);

import { memoryFiles } from '../../core/ports/files';
import { readSheet } from '../../core/sheets/xlsx';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { closedReception, recordEvent, sh } from '../support/ops';

/** Excel exports of studio operations (issue 14, point 7): activities, the points ledger, the ranking. */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
});
afterEach(() => t.close());

const sheetOf = async (fileId: string, headers: string[], sheet?: string) => {
  const bytes = (t.app.deps.files as ReturnType<typeof memoryFiles>).files.get(fileId)?.bytes;
  if (!bytes) throw new Error(`no file ${fileId}`);
  return readSheet(bytes, headers.map((header) => ({ key: header, header, required: true })), sheet);
};

it('activities: one row per activity of the period, with its kind, representatives and source', async () => {
  await t.ok('activities', liaison, recordEvent({ date: '2026-10-20' }));
  await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2'] });
  await t.ok('activities', liaison, recordEvent({ date: '2026-11-10', kind: 'exchange', topic: '与安洲街道工作室交流', representativeIds: ['rep-fuying-4'] }));
  const out = await t.ok('sheets', liaison, { action: 'activities', studioId: 'studio-fuying', from: '2026-11-01', to: '2026-11-30' });
  expect(out).toMatchObject({ rows: 2, fileName: '活动记录-福应街道党代表工作室-2026-11-01至2026-11-30.xlsx' });
  const sheet = await sheetOf(out.fileId, out.columns);
  expect(sheet.rows.map((r) => [r.values['日期'], r.values['活动类型'], r.values['来源']])).toEqual([
    ['2026-11-10', '接待群众', '接待结束登记'],
    ['2026-11-10', '工作交流', '登记'],
  ]);
  expect(sheet.rows[0].values['参加党代表']).toBe('王建华、陈素芬');
  expect(await t.fails('sheets', resident, { action: 'activities', studioId: 'studio-fuying', from: '2026-11-01', to: '2026-11-30' })).toBe('FORBIDDEN');
  expect(await t.fails('sheets', liaison, { action: 'activities', studioId: 'studio-fuying', from: '2026-11-30', to: '2026-11-01' })).toBe('VALIDATION');
});

it('points: the year\'s entries and each representative\'s total, which add up', async () => {
  await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2'] });
  await t.ok('activities', liaison, recordEvent({ date: '2026-11-10' }));
  const out = await t.ok('sheets', liaison, { action: 'points', studioId: 'studio-fuying', year: 2026 });
  expect(out.rows).toBe(5);
  const entries = await sheetOf(out.fileId, out.columns, '积分明细');
  const totals = await sheetOf(out.fileId, ['党代表', '工作室', '年度积分', '明细条数'], '积分汇总');
  const sum = (name: string) => entries.rows.filter((r) => r.values['党代表'] === name).reduce((a, r) => a + Number(r.values['计分']), 0);
  for (const row of totals.rows) expect(Number(row.values['年度积分'])).toBe(sum(String(row.values['党代表'])));
  expect(totals.rows.find((r) => r.values['党代表'] === '王建华')?.values['年度积分']).toBe('3');
  expect(await t.fails('sheets', rep, { action: 'points', year: 2026 })).toBe('FORBIDDEN');
  expect((await t.ok('sheets', admin, { action: 'points', year: 2026 })).rows).toBe(5);
});

it('ranking: every studio in rank order with its parts, and the formula on its own sheet', async () => {
  await closedReception(t);
  const out = await t.ok('sheets', admin, { action: 'ranking', year: 2026 });
  expect(out.rows).toBe(37);
  const sheet = await sheetOf(out.fileId, out.columns);
  expect(sheet.rows.map((r) => Number(r.values['名次']))).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
  expect(sheet.rows[0].values['工作室']).toBe('福应街道党代表工作室');
  const formula = await sheetOf(out.fileId, ['评分公式'], '评分公式');
  expect(String(formula.rows[0].values['评分公式'])).toContain('总分');
  expect(await t.fails('sheets', resident, { action: 'ranking' })).toBe('FORBIDDEN');
});

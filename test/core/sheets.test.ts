import { memoryFiles } from '../../core/ports/files';
import { readSheet } from '../../core/sheets/xlsx';
import { DEV_IDENTITIES, makeTestApp, submitEvent, type TestApp } from '../support/app';

/** The register exported as the paper form 《党员群众意见建议记录表》 (issue 14, point 7). */

const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);
const PAPER = ['编号', '登记时间', '渠道', '工作室', '反映人', '联系电话', '反映内容', '类别', '接待（受理）人', '办理方式', '答复（办理）情况', '答复时间', '办理状态', '满意度'];

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-10-31T10:00:00+08:00' });
});
afterEach(() => t.close());

const files = () => (t.app.deps.files as ReturnType<typeof memoryFiles>).files;
const sheetOf = async (fileId: string) => {
  const bytes = files().get(fileId)?.bytes;
  if (!bytes) throw new Error(`no file ${fileId}`);
  return readSheet(bytes, PAPER.map((header) => ({ key: header, header, required: true })));
};

it('a liaison exports the studio\'s register of a period: the paper\'s columns, one row per item of the period', async () => {
  await t.ok('register', resident, submitEvent({ content: '十月的最后一天提交的意见，不在导出范围内。' }));
  t.clock.set(sh('2026-11-02T10:00:00'));
  const a = await t.ok('register', resident, submitEvent());
  await t.ok('register', rep, { action: 'accept', id: a.id });
  await t.ok('register', rep, { action: 'answer', id: a.id, reply: '已联系街道城管中队，路灯本周内修复。' });
  await t.ok('register', 'resident-2', submitEvent({ anonymous: true, contactName: undefined, contactPhone: undefined, studioId: 'studio-fuying' }));
  await t.ok('register', 'resident-3', submitEvent({ studioId: 'studio-anzhou' }));

  const out = await t.ok('sheets', liaison, { action: 'register', scope: 'studio', id: 'studio-fuying', from: '2026-11-01', to: '2026-11-30' });
  expect(out).toMatchObject({ rows: 2, columns: PAPER });
  const sheet = await sheetOf(out.fileId);
  expect(sheet.missing).toEqual([]);
  expect(sheet.rows.map((r) => r.values['编号'])).toEqual(['XJ2026-000002', 'XJ2026-000003']);
  const first = sheet.rows[0].values;
  // Masked for the liaison too: a whole register in a file would get round the audit of reads
  // (issue 11); one contact at a time is revealed, and logged, by register.showContact.
  expect(first).toMatchObject({ 渠道: '网上', 反映人: '李*', 联系电话: '138****5678', '接待（受理）人': '王建华', 办理状态: '已答复', '答复（办理）情况': '已联系街道城管中队，路灯本周内修复。' });
  expect(sheet.rows[1].values['反映人']).toBe('匿名');
});

it('a representative\'s export masks names and phones; a resident may not export; a backwards period is refused', async () => {
  await t.ok('register', resident, submitEvent());
  const out = await t.ok('sheets', rep, { action: 'register', scope: 'studio', id: 'studio-fuying', from: '2026-10-01', to: '2026-10-31' });
  const row = (await sheetOf(out.fileId)).rows[0].values;
  expect(row['联系电话']).toBe('138****5678');
  expect(row['反映人']).toBe('李*');
  expect(await t.fails('sheets', resident, { action: 'register', scope: 'studio', id: 'studio-fuying', from: '2026-10-01', to: '2026-10-31' })).toBe('FORBIDDEN');
  expect(await t.fails('sheets', liaison, { action: 'register', scope: 'studio', id: 'studio-anzhou', from: '2026-10-01', to: '2026-10-31' })).toBe('FORBIDDEN');
  expect(await t.fails('sheets', admin, { action: 'register', scope: 'county', from: '2026-11-01', to: '2026-10-01' })).toBe('VALIDATION');
  expect(files().size).toBe(1);
});

it('the county export covers every studio', async () => {
  await t.ok('register', resident, submitEvent());
  await t.ok('register', 'resident-3', submitEvent({ studioId: 'studio-anzhou' }));
  const out = await t.ok('sheets', admin, { action: 'register', scope: 'county', from: '2026-10-01', to: '2026-10-31' });
  expect(out.rows).toBe(2);
  expect(out.fileName).toBe('党员群众意见建议记录表-仙居县-2026-10-01至2026-10-31.xlsx');
});

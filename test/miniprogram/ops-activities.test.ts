import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { closedReception } from '../support/ops';

/** 活动记录, 登记活动 and 活动达标情况 (pages/ops), on the real functions. */

const { representative: rep, liaison, admin } = DEV_IDENTITIES;
const ACTIVITIES = 'pages/ops/activities/index';
const RECORD = 'pages/ops/activity-record/index';
const COMPLIANCE = 'pages/ops/compliance/index';

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

/** wx.cloud.downloadFile and wx.openDocument as WeChat would answer them; what was opened is kept. */
function documents() {
  const wx = (globalThis as any).wx;
  const opened: Array<{ filePath: string; fileType: string }> = [];
  const fetched: string[] = [];
  wx.cloud.downloadFile = async ({ fileID }: { fileID: string }) => (fetched.push(fileID), { tempFilePath: `wxfile://tmp/${fetched.length}.xlsx`, statusCode: 200 });
  wx.openDocument = async (o: { filePath: string; fileType: string }) => void opened.push(o);
  return { opened, fetched };
}

it('a liaison sees the month without activity, the year at a glance, and goes to 登记活动', async () => {
  backend.as(liaison);
  const page = await openPage(ACTIVITIES);
  expect(text(find(page, '.this-month'))).toBe('本月尚无活动');
  expect(page.querySelectorAll('.cell')).toHaveLength(12);
  expect(page.querySelectorAll('.cell--none')).toHaveLength(10);
  expect(exists(page, '.cell--open')).toBe(true);
  expect(text(page)).toContain('还没有活动记录');
  await tapButton(page, '.record');
  expect(backend.navigations.pop()).toBe('/pages/ops/activity-record/index?studioId=studio-fuying');
});

it('登记活动 records a training with the representatives chosen, refuses a missing summary at the form, and the list shows it', async () => {
  backend.as(liaison);
  const form = await openPage(RECORD, { studioId: 'studio-fuying' });
  // Receptions and forums record themselves when closed: the kinds offered are the other four.
  expect(form.querySelectorAll('.kind').map((k) => text(k))).toEqual(['学习培训', '调研视察', '代表提议', '工作交流']);
  await type(form, '.topic', '学习党的二十届四中全会精神');
  await tapText(form, '.rep', '王建华');
  await tapText(form, '.rep', '陈素芬');
  await tapButton(form, '.submit');
  expect(text(find(form, '.form-error'))).toBe('请填写活动情况（至少 5 个字）');
  expect(await backend.t.store.count('activities')).toBe(0);
  await type(form, '.summary', '集中学习并交流履职体会。');
  await tapButton(form, '.submit');
  expect(text(form)).toContain('活动已登记');
  expect(text(form)).toContain('参加：王建华、陈素芬');
  const [a] = await backend.t.store.find<{ _id: string; _v: number; kind: string; repIds: string[] }>('activities', {});
  expect(a).toMatchObject({ kind: 'training', repIds: ['rep-fuying-1', 'rep-fuying-2'] });
  expect(await backend.t.store.count('points', { code: 'training' })).toBe(2);

  const list = await openPage(ACTIVITIES);
  expect(text(find(list, '.this-month'))).toBe('本月已开展活动 1 次');
  expect(text(find(list, '.activity'))).toContain('学习党的二十届四中全会精神');
  expect(text(find(list, '.activity'))).toContain('参加：王建华、陈素芬');
});

it('a closed reception shows as an activity recorded by its close', async () => {
  await closedReception(backend.t);
  backend.as(rep);
  const page = await openPage(ACTIVITIES);
  expect(text(find(page, '.activity'))).toContain('接待结束登记时自动记录');
  expect(text(find(page, '.activity'))).toContain('接待群众');
  // A representative reads, and does not record or open the county grid.
  expect(exists(page, '.record')).toBe(false);
  expect(exists(page, '.go-compliance')).toBe(false);
});

it('a resident gets no permission', async () => {
  const page = await openPage(ACTIVITIES);
  expect(page.data.state).toBe('forbidden');
  expect(text(page)).toContain('只有党代表、联络员和管理员可以查看活动记录');
});

it('exports the year\'s activities and opens the sheet', async () => {
  const docs = documents();
  backend.as(liaison);
  const page = await openPage(ACTIVITIES);
  await tapButton(page, '.export');
  expect(docs.fetched).toHaveLength(1);
  expect(docs.opened).toEqual([expect.objectContaining({ fileType: 'xlsx' })]);
  expect(exists(page, '.export-error')).toBe(false);
});

it('the county grid lists every studio, those behind first, and opens a studio\'s records', async () => {
  backend.as(admin);
  const page = await openPage(COMPLIANCE);
  expect(page.querySelectorAll('.row')).toHaveLength(37);
  expect(text(find(page, '.behind'))).toBe('37 个工作室有月份未开展活动');
  await tap(page, '.row');
  expect(backend.navigations.pop()).toMatch(/^\/pages\/ops\/activities\/index\?studioId=studio-/);
});

it('工作台 leads to the studio operations: a representative\'s four, the liaison\'s six', async () => {
  backend.as(rep);
  const mine = await openPage('pages/staff/workbench/index');
  expect(mine.querySelectorAll('.ops .entry')).toHaveLength(4);
  expect(exists(mine, '.entry--dashboard')).toBe(false);
  await tap(mine, '.entry--roster');
  expect(backend.navigations.pop()).toBe('/pages/ops/roster/index');
  backend.as(liaison);
  const desk = await openPage('pages/staff/workbench/index');
  expect(desk.querySelectorAll('.ops .entry')).toHaveLength(6);
  await tap(desk, '.entry--dashboard');
  expect(backend.navigations.pop()).toBe('/pages/dashboard/index/index');
  expect(text(find(desk, '.entry--dashboard'))).toContain('本乡镇（街道）');
});

import { openPage, startBackend, tap, text, type, type Backend, type View } from './support/harness';
import { publishedReception } from './support/receptions';

describe('首页', () => {
  let backend: Backend;
  let page: View;
  beforeEach(async () => {
    backend = await startBackend();
    page = await openPage('pages/home/index/index');
  });

  it('lists the studios of all 20 townships and streets', () => {
    expect(page.querySelectorAll('.township')).toHaveLength(20);
    expect(text(page)).toContain('福应街道党代表工作室');
    expect(text(page)).toContain('工作室 · 20 个乡镇（街道）');
  });

  it('finds a township or a studio as the resident types', async () => {
    await type(page, '.search', '白塔');
    let groups = page.querySelectorAll('.township');
    expect(groups).toHaveLength(1);
    expect(text(groups[0])).toContain('白塔镇');

    await type(page, '.search', '人民医院');
    groups = page.querySelectorAll('.township');
    expect(groups.map((g) => text(g))).toEqual([expect.stringContaining('安洲街道1 个工作室县人民医院党代表工作室')]);

    await type(page, '.search', '火星');
    expect(page.querySelectorAll('.township')).toHaveLength(0);
    expect(text(page)).toContain('没有找到“火星”相关的工作室');
  });

  it('opens a studio and the submit form', async () => {
    await tap(page, '.studio');
    expect(backend.navigations.pop()).toBe('/pages/studios/detail/index?id=studio-fuying');
    await tap(page, '.hero__cta', '.t-button');
    expect(backend.navigations.pop()).toBe('/pages/items/submit/index');
  });

  it('says when no reception is announced', () => {
    expect(text(page)).toContain('近期暂无接待安排');
  });
});

describe('首页 with receptions announced', () => {
  it('shows the next receptions, soonest first, and opens the notice', async () => {
    const backend = await startBackend();
    await publishedReception(backend.t, { topic: '流动接待进村', form: 'mobile', place: '福应街道某村文化礼堂', startAt: '2026-11-20T09:00:00+08:00', endAt: '2026-11-20T11:00:00+08:00' });
    const sooner = await publishedReception(backend.t);
    const page = await openPage('pages/home/index/index');
    const rows = page.querySelectorAll('.reception');
    expect(rows.map((r) => text(r))).toEqual([
      expect.stringContaining('老旧小区改造意见征集2026年11月12日 周四 09:00–11:30福应街道党代表工作室'),
      expect.stringContaining('流动接待进村'),
    ]);
    await tap(page, '.reception');
    expect(backend.navigations.pop()).toBe(`/pages/receptions/detail/index?id=${sooner.id}`);
  });
});

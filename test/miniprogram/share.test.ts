import { DEV_IDENTITIES, DEV_STUDIO_ID } from '../support/app';
import { forumIn } from '../support/forums';
import { exists, openPage, openUrl, startBackend, tapButton, text, type Backend } from './support/harness';
import { publishedReception } from './support/receptions';

/**
 * Sharing (issue 16 point 6): 接待公告, 工作室 and 党代表论坛 give a chat share card (title, the
 * page with its id) and open from it — or from the printed notice's 小程序码, whose id comes as
 * an URL-encoded `scene` — for someone who never used the mini-program; an id that leads nowhere
 * says so and offers 首页.
 */

const wx = () => (globalThis as any).wx;
/** Someone opening the mini-program for the first time, from a share in a group chat. */
const NEWCOMER = 'newcomer-from-a-group-chat';

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});

type Shares = { onShareAppMessage(): { title: string; path: string; imageUrl?: string }; onShareTimeline?(): { title: string; query: string } };
const shareOf = (page: { instance: unknown }) => page.instance as Shares;

describe('接待公告 shared to a chat', () => {
  it('gives a card “<studio> · <day>接待” opening this reception, which a newcomer opens and can book', async () => {
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    const card = shareOf(page).onShareAppMessage();
    expect(card).toEqual({ title: '福应街道党代表工作室 · 11月12日接待', path: `/pages/receptions/detail/index?id=${r.id}` });
    expect(exists(page, '.share-btn')).toBe(true);

    backend.as(NEWCOMER);
    const opened = await openUrl(card.path);
    expect(text(opened)).toContain('老旧小区改造意见征集');
    expect(text(opened)).toContain('2026年11月12日 周四 09:00–11:30');
    await tapButton(opened, '.book');
    expect(text(opened)).toContain('已预约');
    const mine = await backend.t.ok('receptions', NEWCOMER, { action: 'myBookings', page: 1, pageSize: 10 });
    expect(mine.items.map((b: { receptionId?: string; reception?: { id: string } }) => b.receptionId ?? b.reception?.id)).toEqual([r.id]);
  });

  it('opens from the notice’s 小程序码: the id in an URL-encoded scene', async () => {
    const r = await publishedReception(backend.t);
    backend.as(NEWCOMER);
    const page = await openPage('pages/receptions/detail/index', { scene: encodeURIComponent(r.id) });
    expect(text(page)).toContain('老旧小区改造意见征集');
    expect(shareOf(page).onShareAppMessage().path).toBe(`/pages/receptions/detail/index?id=${r.id}`);
  });

  it('a cancelled reception opens with its reason, and its card says 已取消', async () => {
    const r = await publishedReception(backend.t);
    await backend.t.ok('receptions', DEV_IDENTITIES.liaison, { action: 'cancel', id: r.id, reason: '因台风预警改期' });
    backend.as(NEWCOMER);
    const page = await openUrl(`/pages/receptions/detail/index?id=${r.id}`);
    expect(text(page)).toContain('接待已取消：因台风预警改期');
    expect(exists(page, '.book')).toBe(false);
    expect(shareOf(page).onShareAppMessage().title).toBe('福应街道党代表工作室 · 11月12日接待（已取消）');
  });

  it('an unknown or mangled id says the reception was not found and offers 首页', async () => {
    const relaunch = jest.spyOn(wx(), 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'reLaunch:ok' }));
    backend.as(NEWCOMER);
    const queries: Array<Record<string, string>> = [{ id: 'rc-no-such-reception' }, { id: '<script>' }, {}];
    for (const query of queries) {
      const page = await openPage('pages/receptions/detail/index', query);
      expect(text(page)).toMatch(/该接待不存在或您无权查看|格式不正确|链接中没有接待编号/);
      expect(text(page)).toContain('可以在首页查看近期的接待安排');
      expect(text(page)).not.toContain('重新加载');
      await tapButton(page, '.go-home');
    }
    expect(relaunch.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual(Array(3).fill('/pages/home/index/index'));
  });
});

describe('工作室 shared to a chat and 朋友圈', () => {
  it('gives its name and township, opening the studio for a newcomer; 朋友圈 gets the same query', async () => {
    const page = await openPage('pages/studios/detail/index', { id: DEV_STUDIO_ID });
    const card = shareOf(page).onShareAppMessage();
    expect(card).toEqual({ title: '福应街道党代表工作室（福应街道）', path: `/pages/studios/detail/index?id=${DEV_STUDIO_ID}` });
    expect(shareOf(page).onShareTimeline?.()).toEqual({ title: card.title, query: `id=${DEV_STUDIO_ID}` });

    backend.as(NEWCOMER);
    const opened = await openUrl(card.path);
    expect(text(opened)).toContain('福应街道党代表工作室');
    expect(text(opened)).toContain('王建华');
  });

  it('an unknown studio says so', async () => {
    backend.as(NEWCOMER);
    const page = await openPage('pages/studios/detail/index', { id: 'studio-nowhere' });
    expect(text(page)).toContain('该工作室不存在或您无权查看');
    expect(text(page)).toContain('可以在首页按乡镇（街道）查找工作室');
    expect(exists(page, '.go-home')).toBe(true);
  });
});

describe('党代表论坛 shared to a chat', () => {
  it('gives host, day and topic, and opens from the share or the 小程序码 for a newcomer', async () => {
    const { id } = await forumIn(backend.t, 'published');
    const page = await openPage('pages/forums/detail/index', { id });
    const card = shareOf(page).onShareAppMessage();
    expect(card).toEqual({ title: '福应街道党代表工作室党代表论坛 · 11月20日：破解城东片区停车难', path: `/pages/forums/detail/index?id=${id}` });
    expect(shareOf(page).onShareTimeline?.().query).toBe(`id=${id}`);

    backend.as(NEWCOMER);
    expect(text(await openUrl(card.path))).toContain('破解城东片区停车难');
    expect(text(await openPage('pages/forums/detail/index', { scene: encodeURIComponent(id) }))).toContain('破解城东片区停车难');
    expect(text(await openPage('pages/forums/detail/index', { id: 'forum-gone' }))).toContain('这次论坛可能尚未公告、已被撤回');
  });
});

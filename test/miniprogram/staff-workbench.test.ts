import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, text, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

const { representative: rep, liaison } = DEV_IDENTITIES;
const DAY = 24 * 3600_000;

const count = (page: View, name: string) => text(find(page, `.count--${name}`));
const cards = (page: View) => page.querySelectorAll('.card').map((c) => text(c));

let residents = 0;
/** `n` items submitted `daysAgo` days before the test clock's now, a minute apart, each by another resident (submits are rate-limited per person). */
async function submitted(backend: Backend, n: number, daysAgo = 0, content = '小区门口的路灯坏了一个多月，晚上出行不安全。') {
  const now = backend.t.clock.now();
  backend.t.clock.set(now - daysAgo * DAY);
  const out = [];
  for (let i = 0; i < n; i++) {
    backend.t.clock.set(backend.t.clock.now() + 60_000);
    out.push(await backend.t.ok('register', `resident-${++residents}`, submitEvent({ content: `${content}（${daysAgo} 天前第 ${i + 1} 条）` })));
  }
  backend.t.clock.set(now);
  return out;
}

describe('工作台', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  it('a resident who opens the workbench by its path sees no permission and no counts', async () => {
    const page = await openPage('pages/staff/workbench/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有党代表、联络员和管理员可以使用工作台');
    expect(exists(page, '.counts')).toBe(false);
    expect(exists(page, '.state', '.retry')).toBe(false);
    expect(text(page)).not.toContain('待受理');
    await tap(page, '.go-bind', '.t-button');
    expect(backend.navigations.pop()).toBe('/pages/staff/bind/index');
  });

  it('a resident gets no permission in the queue and the duties too, and never sees a staff entry on 首页', async () => {
    const queue = await openPage('pages/staff/queue/index', { filter: 'new' });
    expect(queue.data.state).toBe('forbidden');
    expect(text(queue)).toContain('只有党代表、联络员和管理员可以使用工作台');
    expect(exists(queue, '.filters')).toBe(false);
    const duties = await openPage('pages/staff/duties/index');
    expect(text(duties)).toContain('只有党代表和联络员有接待安排');

    const home = await openPage('pages/home/index/index');
    expect(exists(home, '.staff-entry')).toBe(false);
    expect(text(home)).not.toContain('工作台');
    expect(text(home)).toContain('党代表、联络员绑定身份');
  });

  it('首页 shows a representative the way to the workbench', async () => {
    backend.as(rep);
    const home = await openPage('pages/home/index/index');
    expect(text(find(home, '.staff-entry'))).toContain('党代表工作台');
    expect(exists(home, '.bind-entry')).toBe(false);
    await tap(home, '.staff-entry');
    expect(backend.navigations.pop()).toBe('/pages/staff/workbench/index');
  });

  it('shows who the caller is and the four counts as the back end counts them, each opening the matching queue', async () => {
    const [old] = await submitted(backend, 1, 14); // due tomorrow: within 2 days
    await submitted(backend, 1, 20); // overdue
    await submitted(backend, 2); // new today
    await backend.t.ok('register', rep, { action: 'accept', id: old.id });

    backend.as(rep);
    const page = await openPage('pages/staff/workbench/index');
    expect(text(page)).toContain('王建华党代表');
    expect(text(page)).toContain('福应街道党代表工作室');
    expect(count(page, 'new')).toBe('3待受理');
    expect(count(page, 'mine')).toBe('1我负责的');
    expect(count(page, 'due-soon')).toBe('12 天内到期');
    expect(count(page, 'overdue')).toBe('1已超期');
    // A representative has no liaison entries.
    expect(exists(page, '.entry--schedule')).toBe(false);
    expect(exists(page, '.entry--invite')).toBe(false);

    for (const [name, filter] of [['new', 'new'], ['mine', 'mine'], ['due-soon', 'dueSoon'], ['overdue', 'overdue']]) {
      await tap(page, `.count--${name}`);
      expect(backend.navigations.pop()).toBe(`/pages/staff/queue/index?filter=${filter}`);
    }

    const soon = await openPage('pages/staff/queue/index', { filter: 'dueSoon' });
    expect(cards(soon)).toEqual([expect.stringContaining('14 天前第 1 条')]);
    expect(text(soon)).toContain('共 1 条，按答复期限排列');
    const over = await openPage('pages/staff/queue/index', { filter: 'overdue' });
    expect(cards(over)).toEqual([expect.stringContaining('超期 5 天')]);
    expect(cards(over)[0]).toContain('20 天前第 1 条');
    const fresh = await openPage('pages/staff/queue/index', { filter: 'new' });
    expect(fresh.querySelectorAll('.card')).toHaveLength(3);
    expect(backend.sent.filter((s) => s.data.action === 'inbox').at(-1)?.data).toEqual({ action: 'inbox', status: 'submitted', order: 'due', page: 1, pageSize: 10 });
  });

  it('a liaison sees the entries to schedule, invite and statistics', async () => {
    backend.as(liaison);
    const page = await openPage('pages/staff/workbench/index');
    expect(text(page)).toContain('福应街道联络员联络员');
    for (const entry of ['queue', 'duties', 'stats', 'schedule', 'invite']) expect(exists(page, `.entry--${entry}`)).toBe(true);
    await tap(page, '.entry--schedule');
    expect(backend.navigations.pop()).toBe('/pages/staff/schedule/index');
    await tap(page, '.entry--invite');
    expect(backend.navigations.pop()).toBe('/pages/staff/invite/index');
    await tap(page, '.entry--stats');
    expect(backend.navigations.pop()).toBe('/pages/staff/stats/index');
    await tap(page, '.entry--duties');
    expect(backend.navigations.pop()).toBe('/pages/staff/duties/index');
  });
});

describe('待办事项', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
    backend.as(rep);
  });

  it('says when a filter has nothing', async () => {
    const page = await openPage('pages/staff/queue/index', { filter: 'overdue' });
    expect(page.data.state).toBe('empty');
    expect(text(page)).toContain('没有超期的事项');
  });

  it('loads 10 at a time, more at the bottom, pulls to refresh, and switches filter and status', async () => {
    const items = await submitted(backend, 5, 1);
    await submitted(backend, 5, 2);
    await submitted(backend, 2, 3);
    await backend.t.ok('register', rep, { action: 'accept', id: items[0].id });

    const page = await openPage('pages/staff/queue/index');
    expect(page.querySelectorAll('.card')).toHaveLength(10);
    expect(text(find(page, '.filters'))).toContain('待受理11');
    page.instance.onReachBottom();
    await backend.settle();
    expect(page.querySelectorAll('.card')).toHaveLength(12);
    expect(text(page)).toContain('没有更多了');

    await submitted(backend, 1);
    const stop = jest.spyOn((globalThis as any).wx, 'stopPullDownRefresh');
    page.instance.onPullDownRefresh();
    await backend.settle();
    expect(stop).toHaveBeenCalled();
    expect(page.querySelectorAll('.card')).toHaveLength(10);
    expect(text(find(page, '.filters'))).toContain('待受理12');

    find(page, '.status-picker').dispatchEvent('change', { detail: { value: '2' } }); // 已受理
    await backend.settle();
    expect(cards(page)).toEqual([expect.stringContaining('已受理')]);
    expect(backend.sent.filter((s) => s.data.action === 'inbox').at(-1)?.data).toMatchObject({ status: 'accepted' });

    await tap(page, '.filter-mine');
    expect(page.data.filter).toBe('mine');
    expect(backend.sent.filter((s) => s.data.action === 'inbox').at(-1)?.data).toMatchObject({ mine: true, status: 'accepted' });
    expect(cards(page)).toHaveLength(1);
  });
});

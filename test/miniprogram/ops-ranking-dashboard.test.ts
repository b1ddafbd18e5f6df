import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, text, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { closedReception, recordEvent } from '../support/ops';
import { submitEvent } from '../support/app';

/** 工作室评比, 评分明细, 数据看板 (with uCharts on a canvas) and 服务承诺, on the real functions. */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

/** A few items answered and a reception closed in 福应. */
async function history() {
  for (let i = 0; i < 3; i++) {
    const item = await backend.t.ok('register', `resident-d${i}`, submitEvent({ category: i ? '交通出行' : '民生服务' }));
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    await backend.t.ok('register', rep, { action: 'answer', id: item.id, reply: '已答复。' });
  }
  const now = backend.t.clock.now();
  await closedReception(backend.t);
  backend.t.clock.set(now);
  await backend.t.ok('activities', liaison, recordEvent({ date: '2026-11-01' }));
}

/** A canvas node whose 2d context records what is drawn on it, for wx.createSelectorQuery. */
function canvases() {
  const drawn: Record<string, string[]> = {};
  const wx = (globalThis as any).wx;
  wx.createSelectorQuery = () => {
    let id = '';
    const q = {
      in: () => q,
      select: (sel: string) => ((id = sel.replace('#', '')), q),
      fields: () => q,
      exec: (cb: (res: unknown[]) => void) => {
        const texts: string[] = (drawn[id] = []);
        const ctx = new Proxy({} as Record<string, unknown>, {
          get: (_t, name) => (name === 'measureText' ? (s: string) => ({ width: String(s).length * 12 }) : (...args: unknown[]) => void (name === 'fillText' && texts.push(String(args[0])))),
          set: () => true,
        });
        cb([{ node: { width: 0, height: 0, getContext: () => ctx }, width: 343, height: 220 }]);
      },
    };
    return q;
  };
  wx.getWindowInfo = () => ({ pixelRatio: 2 });
  return drawn;
}

it('the ranking shows the formula, the top five, those needing attention with reasons, and every studio', async () => {
  await history();
  backend.as(rep);
  const page = await openPage('pages/ops/ranking/index');
  expect(text(find(page, '.formula'))).toContain('总分 = 活动达标 30 + 履职积分 30 + 办理成效 40');
  expect(page.querySelectorAll('.top-line')).toHaveLength(5);
  expect(text(find(page, '.top-line'))).toContain('福应街道党代表工作室');
  expect(page.querySelectorAll('.row')).toHaveLength(37);
  expect(text(find(page, '.attention'))).toContain('全年未收集意见建议');
  await tap(page, '.top-line');
  expect(backend.navigations.pop()).toBe('/pages/ops/score/index?studioId=studio-fuying');
});

it('a studio\'s score explains each part and opens its entries', async () => {
  await history();
  backend.as(liaison);
  const page = await openPage('pages/ops/score/index', { studioId: 'studio-fuying' });
  const s = page.data.s;
  expect(s.score).toBeCloseTo(s.parts.compliance.score + s.parts.points.score + s.parts.register.score, 0);
  expect(text(find(page, '.compliance'))).toContain('10 个已结束的月份中 0 个月开展了活动');
  expect(text(find(page, '.register'))).toContain('本年收集意见建议 3 条');
  expect(text(find(page, '.register'))).toContain('答复或解决率100%');
  await tap(page, '.open-ledger');
  expect(backend.navigations.pop()).toBe('/pages/ops/points-ledger/index?studioId=studio-fuying');
  expect(await openPage('pages/ops/score/index', { studioId: 'studio-baita' }).then((p) => p.data.state)).toBe('forbidden');
});

it('the county dashboard draws the trend and the categories with uCharts, and writes the same numbers as tables', async () => {
  await history();
  const drawn = canvases();
  backend.as(admin);
  const page = await openPage('pages/dashboard/index/index');
  expect(text(find(page, '.collected'))).toBe('收集意见建议 3 条，已答复或解决 3 条');
  expect(page.data.drawn).toEqual({ trend: true, categories: true });
  expect(drawn.trend).toEqual(expect.arrayContaining(['1月', '11月', '收集', '答复或解决']));
  expect(drawn.categories).toEqual(expect.arrayContaining(['交通出行', '民生服务']));
  const rows = page.querySelectorAll('.trend-row');
  expect(rows).toHaveLength(12);
  expect(text(rows[10])).toBe('11月33100%—');
  expect(page.querySelectorAll('.category-row').map((r) => text(r))).toEqual(['交通出行2', '民生服务1']);
  expect(page.querySelectorAll('.studio-row')).toHaveLength(37);
  expect(text(find(page, '.rates'))).toContain('响应率100%3 / 3');
  expect(exists(page, '.export-register')).toBe(true);
});

it('a township\'s liaison gets the township\'s dashboard; residents and representatives none', async () => {
  canvases();
  backend.as(liaison);
  const page = await openPage('pages/dashboard/index/index');
  expect(page.data.d.scope.level).toBe('township');
  expect(exists(page, '.export-register')).toBe(false);
  backend.as(rep);
  expect((await openPage('pages/dashboard/index/index')).data.state).toBe('forbidden');
  backend.as(resident);
  expect((await openPage('pages/dashboard/index/index')).data.state).toBe('forbidden');
});

it('the liaison publishes the studio\'s commitments and sees each beside its measured figure', async () => {
  await history();
  backend.as(liaison);
  const page = await openPage('pages/ops/commitments/index');
  expect(text(find(page, '.not-published'))).toBe('尚未发布服务承诺');
  await tapButton(page, '.publish');
  const lines = page.querySelectorAll('.line');
  expect(lines.map((l) => text(l).split(/\d+(\.\d)?%|—/)[0])).toEqual(['2 日内受理', '7 日内答复', '按期答复办结', '群众满意']);
  expect(text(lines[0])).toContain('2 日内受理100%3 / 3');
  expect(await backend.t.store.count('commitments')).toBe(1);
});

it('the studio page shows who is on duty today and the commitments with their figures', async () => {
  await history();
  await backend.t.ok('activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }] });
  await backend.t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-11', weekdays: [1, 2, 3, 4, 5], halves: ['am', 'pm'] });
  backend.t.clock.set(Date.parse('2026-11-03T10:00:00+08:00'));
  const page = await openPage('pages/studios/detail/index', { id: 'studio-fuying' });
  const lines = page.querySelectorAll('.duty__line');
  expect(lines.map((l) => text(l).slice(0, 14))).toEqual(['上午 08:30–11:30', '下午 14:00–17:00']);
  expect(text(find(page, '.commitments'))).toContain('2 日内受理100%');
  backend.t.clock.set(Date.parse('2026-11-07T10:00:00+08:00'));
  const weekend = await openPage('pages/studios/detail/index', { id: 'studio-fuying' });
  expect(text(find(weekend, '.no-duty'))).toBe('今天没有安排党代表驻室值班');
});

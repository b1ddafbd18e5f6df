import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { closedReception } from '../support/ops';
import { forumIn } from '../support/forums';

/** 履职积分, 积分明细, 申报积分 and 审核 (pages/ops), on the real functions. */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

it('a representative sees their total by rule against its cap, and the entries it adds up from with their sources', async () => {
  await closedReception(backend.t, { reps: ['rep-fuying-1', 'rep-fuying-2'] });
  backend.as(rep);
  const page = await openPage('pages/ops/points/index');
  expect(text(find(page, '.hero__total'))).toBe('2分');
  expect(text(page)).toContain('参加接待2 / 40 分');
  expect(text(find(page, '.rules'))).toContain('来源只规定“量化积分考核”');
  expect(exists(page, '.propose')).toBe(false);
  await tap(page, '.mine');
  expect(backend.navigations.pop()).toBe('/pages/ops/points-ledger/index?representativeId=rep-fuying-1');

  const ledger = await openPage('pages/ops/points-ledger/index', { representativeId: 'rep-fuying-1' });
  expect(text(find(ledger, '.summary'))).toBe('共 1 条，合计 2 分');
  expect(text(find(ledger, '.entry'))).toContain('来源：接待');
  expect(text(find(ledger, '.entry'))).toContain('已计分');
});

it('a forum presided shows in the ledger as 主持党代表论坛 with its source 论坛', async () => {
  await forumIn(backend.t, 'closed');
  backend.as(rep);
  const ledger = await openPage('pages/ops/points-ledger/index', { representativeId: 'rep-fuying-1' });
  expect(text(find(ledger, '.summary'))).toBe('共 1 条，合计 3 分');
  expect(text(find(ledger, '.entry'))).toContain('主持党代表论坛');
  expect(text(find(ledger, '.entry'))).toContain('来源：论坛');
});

it('a liaison sees the studio\'s representatives with totals that add up to the studio\'s, and opens one', async () => {
  await closedReception(backend.t, { reps: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'] });
  backend.as(liaison);
  const page = await openPage('pages/ops/points/index');
  expect(text(find(page, '.studio-total'))).toContain('6分');
  expect(text(find(page, '.studio-total'))).toContain('5 位党代表，人均 1.2 分');
  const reps = page.querySelectorAll('.rep');
  expect(reps).toHaveLength(5);
  expect(reps.map((r) => text(r)).filter((t) => t.includes('2 分'))).toHaveLength(3);
  await tap(page, '.rep');
  expect(backend.navigations.pop()).toMatch(/^\/pages\/ops\/points-ledger\/index\?representativeId=rep-fuying-\d$/);
});

it('a liaison proposes points with evidence; the administrator approves them and they count', async () => {
  backend.as(liaison);
  const form = await openPage('pages/ops/points-propose/index', { studioId: 'studio-fuying' });
  expect(form.querySelectorAll('.n')).toHaveLength(5);
  await tapText(form, '.n', '3 分');
  await type(form, '.note', '参加县人大视察');
  await tapButton(form, '.submit');
  expect(text(find(form, '.form-error'))).toBe('请填写佐证材料（至少 5 个字）');
  await type(form, '.evidence', '县人大办公室通知及现场照片');
  await tapButton(form, '.submit');
  expect(text(form)).toContain('已提交，待县级管理员审核');
  const [entry] = await backend.t.store.find<{ _id: string; _v: number; status: string; asked: number; repId: string }>('points', {});
  expect(entry).toMatchObject({ status: 'pending', asked: 3 });

  backend.as(admin);
  const review = await openPage('pages/ops/points-review/index');
  expect(text(find(review, '.count'))).toBe('1 条待审核');
  expect(text(find(review, '.claim'))).toContain('佐证：县人大办公室通知及现场照片');
  await tapButton(review, '.approve');
  expect(review.data.state).toBe('empty');
  const after = await backend.t.store.get<{ _id: string; _v: number; status: string; points: number }>('points', entry._id);
  expect(after).toMatchObject({ status: 'granted', points: 3 });
});

it('a refusal of a proposal needs its reason', async () => {
  await backend.t.ok('points', liaison, { action: 'propose', requestId: 'mp-propose-0001', representativeId: 'rep-fuying-2', code: 'manual', points: 2, date: '2026-11-01', note: '参加视察', evidence: '通知及照片材料' });
  backend.as(admin);
  const review = await openPage('pages/ops/points-review/index');
  await tapButton(review, '.reject');
  await tapButton(review, '.reject');
  expect(text(find(review, '.action-error'))).toBe('请填写不通过的理由');
  await type(review, '.reason', '佐证材料不足');
  await tapButton(review, '.reject');
  expect(review.data.state).toBe('empty');
  expect(await backend.t.store.count('points', { status: 'rejected' })).toBe(1);
});

it('a resident gets no permission, and a representative cannot open the review', async () => {
  backend.as(resident);
  expect((await openPage('pages/ops/points/index')).data.state).toBe('forbidden');
  backend.as(rep);
  expect((await openPage('pages/ops/points-review/index')).data.state).toBe('forbidden');
});

it('结束登记 asks which representatives on duty were there: only they earn the reception\'s points', async () => {
  const t = backend.t;
  const startAt = t.clock.now() + 8 * 86400_000;
  const r = await t.ok('receptions', liaison, { action: 'schedule', studioId: 'studio-fuying', startAt, endAt: startAt + 2 * 3600_000, form: 'studio', topic: '十一月驻室接待', representativeIds: ['rep-fuying-1', 'rep-fuying-2'], capacity: 20 });
  await t.ok('receptions', liaison, { action: 'publish', id: r.id });
  t.clock.set(startAt + 3 * 3600_000);
  backend.as(liaison);
  const page = await openPage('pages/staff/reception/index', { id: r.id });
  await tapButton(page, '.open-close');
  expect(page.querySelectorAll('.present-rep.chip--on').map((c) => text(c))).toEqual(['王建华', '陈素芬']);
  await tapText(page, '.present-rep', '陈素芬');
  await type(page, '.attendance', '9');
  await type(page, '.summary', '接待群众 9 人，登记意见 2 条。');
  await tapButton(page, '.send-close');
  const entries = await t.store.find<{ _id: string; _v: number; repId: string; code: string }>('points', {});
  expect(entries.map((e) => [e.repId, e.code])).toEqual([['rep-fuying-1', 'reception']]);
  expect(await t.store.count('activities', { kind: 'reception' })).toBe(1);
});

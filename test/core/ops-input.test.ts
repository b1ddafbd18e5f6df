import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { CHINESE } from '../support/register';

/** Hostile input to the studio-operations actions: VALIDATION, a Chinese message naming the field, nothing stored. */

const { liaison, admin } = DEV_IDENTITIES;
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterAll(() => t.close());

const CASES: Array<[string, string, Record<string, unknown>, string]> = [
  ['activities', liaison, { action: 'record', requestId: 'bad-input-0001', studioId: 'studio-fuying', date: '2026-11-31', kind: 'training', topic: '学习', representativeIds: [], summary: '集中学习。' }, '日期'],
  ['activities', liaison, { action: 'record', requestId: 'bad-input-0002', studioId: 'studio-fuying', date: '2026-11-02', kind: 'party', topic: '学习', representativeIds: [], summary: '集中学习。' }, '类型'],
  ['activities', liaison, { action: 'record', requestId: 'bad-input-0003', studioId: 'studio-fuying', date: '2026-11-02', kind: 'training', topic: '学习', representativeIds: [], summary: '集中学习。', extra: 1 }, ''],
  ['activities', admin, { action: 'compliance', year: 1800 }, '年份'],
  ['activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [] }, '服务承诺'],
  ['activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 100 }] }, '服务承诺'],
  ['roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-13' }, '月份'],
  ['roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [0] }, '星期'],
  ['roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', halves: ['night'] }, '时段'],
  ['roster', liaison, { action: 'unavailable', month: '2026-12', dates: ['12/01/2026'] }, '日期'],
  ['roster', liaison, { action: 'requestSwap', requestId: 'bad-input-0004', shiftId: 'x', toRepId: 'rep-fuying-2', reason: '' }, '换班理由'],
  ['roster', liaison, { action: 'decideSwap', id: 'sw1', outcome: 'maybe' }, '审批结果'],
  ['roster', liaison, { action: 'openDay', shiftId: 'x', topic: '开放日', capacity: 0 }, '名额'],
  ['points', admin, { action: 'saveRules', year: 2026, rules: [{ code: 'Bad Code', points: 1, cap: null, enabled: true }] }, '积分规则'],
  ['points', liaison, { action: 'propose', requestId: 'bad-input-0005', representativeId: 'rep-fuying-2', code: 'manual', points: 0, date: '2026-11-01', note: '视察', evidence: '通知及照片' }, '分值'],
  ['points', liaison, { action: 'propose', requestId: 'bad-input-0006', representativeId: 'rep-fuying-2', code: 'manual', points: 2, date: '2026-11-01', note: '视察', evidence: '短' }, '佐证材料'],
  ['points', admin, { action: 'decide', id: 'pm1', approve: 'yes' }, '是否通过'],
  ['points', admin, { action: 'ledger', status: 'lost' }, '状态'],
  ['dashboard', admin, { action: 'overview', year: 'this' }, '年份'],
  ['dashboard', admin, { action: 'studio', studioId: '../etc' }, '工作室'],
  ['sheets', admin, { action: 'points', year: 99999 }, '年份'],
  ['sheets', liaison, { action: 'activities', studioId: 'studio-fuying', from: '2026-11-01' }, '结束日期'],
];

it.each(CASES)('%s %j is refused', async (fn, who, event, label) => {
  const before = await Promise.all(['activities', 'shifts', 'points', 'pointRules', 'commitments', 'swaps', 'receptions'].map((c) => t.store.count(c)));
  const r = await t.call(fn, who, event);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('VALIDATION');
  expect(r.error.message).toMatch(CHINESE);
  if (label) expect(r.error.message).toContain(label);
  expect(await Promise.all(['activities', 'shifts', 'points', 'pointRules', 'commitments', 'swaps', 'receptions'].map((c) => t.store.count(c)))).toEqual(before);
});

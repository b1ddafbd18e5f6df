import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { PointsEffect } from '../../core/matters/effects';
import { deliverEffects } from '../../core/matters/effects';
import { entryId, grantPoints } from '../../core/points/ledger';
import { DEFAULT_RULES } from '../../core/points/rules';
import type { PointEntry, PointTotal } from '../../core/points/types';
import { COLLECTIONS } from '../../core/ports/store';
import type { Reception } from '../../core/receptions/types';
import { DEV_IDENTITIES, makeTestApp, submitEvent, type TestApp } from '../support/app';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { closedReception, recordEvent, rid, sh } from '../support/ops';
import { bindMember } from '../support/register';
import { faultyStore } from './support/faultyStore';

/** 量化积分 (issue 14, point 4): a ledger where every entry points to the event that earned it, once. */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;
const rep2 = 'wx-rep-fuying-2';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
  await bindMember(t, rep2, 'representative', 'rep-fuying-2');
});
afterEach(() => t.close());

const entriesOf = (repId: string) => t.store.find<PointEntry>('points', { where: { repId }, orderBy: [['at', 'asc']], limit: 1000 });
const totalOf = (repId: string, year = 2026) => t.store.get<PointTotal>('pointTotals', `pt-${year}-${repId}`);
const rule = (code: string) => DEFAULT_RULES.find((r) => r.code === code)!;

describe('points earned from events', () => {
  it('closing a reception earns the reception points of the representatives present, and only theirs, each pointing to the reception', async () => {
    const r = await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'], present: ['rep-fuying-1', 'rep-fuying-3'] });
    const one = await entriesOf('rep-fuying-1');
    expect(one).toEqual([expect.objectContaining({ code: 'reception', points: rule('reception').points, status: 'granted', src: { kind: 'reception', id: r.id, ref: '2026-11-10' } })]);
    expect(await entriesOf('rep-fuying-3')).toHaveLength(1);
    expect(await entriesOf('rep-fuying-2')).toEqual([]);
    expect((await t.store.get<Reception>('receptions', r.id))?.presentRepIds).toEqual(['rep-fuying-1', 'rep-fuying-3']);
  });

  it('refuses a representative present who was not on duty, and closes nothing', async () => {
    const startAt = t.clock.now() + 8 * 86400_000;
    const r = await t.ok('receptions', liaison, { action: 'schedule', studioId: 'studio-fuying', startAt, endAt: startAt + 3600_000, form: 'studio', topic: '接待', representativeIds: ['rep-fuying-1'], capacity: 5 });
    await t.ok('receptions', liaison, { action: 'publish', id: r.id });
    t.clock.set(startAt + 2 * 3600_000);
    expect(await t.fails('receptions', liaison, { action: 'close', id: r.id, attendance: 3, summary: '接待群众三人。', representativeIds: ['rep-fuying-2'] })).toBe('VALIDATION');
    expect((await t.store.get<Reception>('receptions', r.id))?.status).toBe('published');
    expect(await t.store.count('points')).toBe(0);
  });

  it('a close whose points could not be written still closes; the timer writes them once, and a second run adds nothing', async () => {
    let down = false;
    t.close();
    t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store: faultyStore((await import('../../core/adapters/sqlite/store')).createSqliteStore(':memory:'), (op, c) => down && c === 'points' && op === 'create') });
    const startAt = t.clock.now() + 8 * 86400_000;
    const r = await t.ok('receptions', liaison, { action: 'schedule', studioId: 'studio-fuying', startAt, endAt: startAt + 3600_000, form: 'studio', topic: '接待', representativeIds: ['rep-fuying-1', 'rep-fuying-2'], capacity: 5 });
    await t.ok('receptions', liaison, { action: 'publish', id: r.id });
    t.clock.set(startAt + 2 * 3600_000);
    down = true;
    const closed = await t.ok('receptions', liaison, { action: 'close', id: r.id, attendance: 3, summary: '接待群众三人。' });
    expect(closed.status).toBe('closed');
    expect(await t.store.count('points')).toBe(0);
    expect((await t.store.get<Reception>('receptions', r.id))?.effects?.length).toBeGreaterThan(0);
    down = false;
    t.clock.advance(60_000);
    expect((await t.app.runTimer('reminders')).ok).toBe(true);
    expect(await t.store.count('points')).toBe(2);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true });
    expect(await t.store.count('points')).toBe(2);
    expect((await totalOf('rep-fuying-1'))?.total).toBe(rule('reception').points);
    expect(await t.store.count('activities')).toBe(1);
  });

  it('the same effect delivered twice writes one entry and counts once', async () => {
    const e: PointsEffect = { type: 'points', key: 'test:twice', rep: 'rep-fuying-1', code: 'reception', src: { kind: 'reception', id: 'rc-x', ref: '2026-11-02' }, note: '测试', at: t.clock.now() };
    expect(await deliverEffects(t.app.deps, [e])).toBe(1);
    expect(await deliverEffects(t.app.deps, [e, e])).toBe(0);
    expect(await t.store.get<PointEntry>('points', entryId('test:twice'))).toMatchObject({ points: 2 });
    expect((await totalOf('rep-fuying-1'))?.total).toBe(2);
  });

  it('an item answered on time earns its owner answer_on_time; a late answer earns nothing', async () => {
    const onTime = await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: onTime.id });
    await t.ok('register', rep, { action: 'answer', id: onTime.id, reply: '已联系城管中队，本周修复。' });
    const late = await t.ok('register', 'resident-2', submitEvent());
    await t.ok('register', rep, { action: 'accept', id: late.id });
    t.clock.set(sh('2026-11-30T10:00:00'));
    await t.ok('register', rep, { action: 'resolve', id: late.id, reply: '已修复。' });
    const entries = await entriesOf('rep-fuying-1');
    expect(entries).toEqual([expect.objectContaining({ code: 'answer_on_time', points: 1, src: expect.objectContaining({ kind: 'item', id: onTime.id }) })]);
  });

  it('an item owned by a liaison earns no representative anything', async () => {
    const item = await t.ok('register', resident, submitEvent());
    await t.ok('register', liaison, { action: 'accept', id: item.id });
    await t.ok('register', liaison, { action: 'answer', id: item.id, reply: '已答复。' });
    expect(await t.store.count('points')).toBe(0);
  });

  it('an inquiry earns each proposer the inquiry points when accepted, not when returned', async () => {
    const raise = (co: string[]) => ({ action: 'raise', requestId: rid('inq'), subject: { body: 'party_committee' }, area: 'hot_issues', title: '城区交通拥堵治理', content: '党员群众反映城区上下班高峰拥堵严重，县委部署的治堵工作进展如何？', coSigners: co, context: 'interim' });
    const a = await t.ok('inquiries', rep, raise(['rep-fuying-2']));
    await t.ok('inquiries', rep2, { action: 'cosign', id: a.id });
    const b = await t.ok('inquiries', rep, raise([]));
    await t.ok('inquiries', admin, { action: 'return', id: b.id, reason: '属于具体信访事项' });
    expect(await t.store.count('points')).toBe(0);
    await t.ok('inquiries', admin, { action: 'accept', id: a.id, contactId: 'ct-xianwei-ban' });
    expect((await entriesOf('rep-fuying-1')).map((e) => [e.code, e.points, e.src.id])).toEqual([['inquiry', 3, a.id]]);
    expect((await entriesOf('rep-fuying-2')).map((e) => e.code)).toEqual(['inquiry']);
  });

  it('a training activity earns each representative present the training points', async () => {
    const act = await t.ok('activities', liaison, recordEvent({ representativeIds: ['rep-fuying-1', 'rep-fuying-4'] }));
    expect((await entriesOf('rep-fuying-4')).map((e) => [e.code, e.src.kind, e.src.id])).toEqual([['training', 'activity', act.id]]);
    await t.ok('activities', liaison, recordEvent({ kind: 'exchange', representativeIds: ['rep-fuying-5'] }));
    expect(await entriesOf('rep-fuying-5')).toEqual([]);
  });
});

describe('yearly caps', () => {
  it('stop counting at the cap: the entry past it is written with 0 points and says the cap took it', async () => {
    const cap = rule('training').cap!;
    for (let i = 0; i < cap + 2; i++) await t.ok('activities', liaison, recordEvent({ representativeIds: ['rep-fuying-1'], topic: `专题学习第 ${i + 1} 次` }));
    const entries = await entriesOf('rep-fuying-1');
    expect(entries).toHaveLength(cap + 2);
    expect(entries.filter((e) => e.points > 0)).toHaveLength(cap);
    expect(entries.filter((e) => e.capped && e.points === 0)).toHaveLength(2);
    expect((await totalOf('rep-fuying-1'))).toMatchObject({ total: cap * rule('training').points, byCode: { training: cap }, entries: cap + 2 });
  });

  const race = async (target: TestApp) => {
    const cap = rule('training').cap!;
    const effects: PointsEffect[] = Array.from({ length: cap + 6 }, (_, i) => ({
      type: 'points',
      key: `race:${i}`,
      rep: 'rep-fuying-1',
      code: 'training',
      src: { kind: 'activity', id: `ac-race-${i}`, ref: '2026-11-02' },
      note: '并发测试',
      at: target.clock.now(),
    }));
    // Every effect on its own, all at once: each one's transaction races the others on the total.
    await Promise.all(effects.map((e) => grantPoints(target.app.deps, [e])));
    const entries = await target.store.find<PointEntry>('points', { where: { repId: 'rep-fuying-1' }, limit: 100 });
    const total = await target.store.get<PointTotal>('pointTotals', 'pt-2026-rep-fuying-1');
    return { cap, entries, total };
  };

  it('hold under entries racing past the cap (SQLite)', async () => {
    const { cap, entries, total } = await race(t);
    expect(entries).toHaveLength(cap + 6);
    expect(entries.reduce((a, e) => a + e.points, 0)).toBe(cap);
    expect(total).toMatchObject({ total: cap, entries: cap + 6 });
  });

  it('hold under entries racing past the cap on CloudBase, where the total\'s transaction conflicts and runs again', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store: createCloudBaseStore(fake.db) });
    try {
      const { cap, entries, total } = await race(c);
      expect(entries).toHaveLength(cap + 6);
      expect(entries.reduce((a, e) => a + e.points, 0)).toBe(cap);
      expect(total).toMatchObject({ total: cap, entries: cap + 6 });
      // The race happened: more transactions were started than entries written.
      expect(fake.requests.filter((r) => r.action === 'database.startTransaction').length).toBeGreaterThan(cap + 6);
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

describe('manual entries (申报) and their approval', () => {
  const propose = (over: Record<string, unknown> = {}) => ({
    action: 'propose',
    requestId: rid('pm'),
    representativeId: 'rep-fuying-2',
    code: 'manual',
    points: 3,
    date: '2026-10-28',
    note: '参加县人大视察农村饮水工程',
    evidence: '县人大办公室通知及现场照片',
    ...over,
  });

  it('a liaison proposes with evidence; it counts nothing until an administrator approves, then counts within the cap', async () => {
    const p = await t.ok('points', liaison, propose());
    expect(p).toMatchObject({ status: 'pending', points: 0, asked: 3, evidence: { text: '县人大办公室通知及现场照片', photos: [] } });
    expect((await totalOf('rep-fuying-2'))?.total).toBe(0);
    const pending = await t.ok('points', admin, { action: 'ledger', status: 'pending' });
    expect(pending.items.map((e: { id: string }) => e.id)).toEqual([p.id]);
    expect(await t.fails('points', liaison, { action: 'decide', id: p.id, approve: true })).toBe('FORBIDDEN');
    const ok = await t.ok('points', admin, { action: 'decide', id: p.id, approve: true });
    expect(ok).toMatchObject({ status: 'granted', points: 3 });
    expect((await totalOf('rep-fuying-2'))?.total).toBe(3);
    expect(await t.fails('points', admin, { action: 'decide', id: p.id, approve: true })).toBe('INVALID_STATE');
    expect((await totalOf('rep-fuying-2'))?.total).toBe(3);
  });

  it('a refusal needs a reason and counts nothing', async () => {
    const p = await t.ok('points', liaison, propose());
    expect(await t.fails('points', admin, { action: 'decide', id: p.id, approve: false })).toBe('VALIDATION');
    expect(await t.ok('points', admin, { action: 'decide', id: p.id, approve: false, reason: '佐证材料不足' })).toMatchObject({ status: 'rejected', points: 0, rejectReason: '佐证材料不足' });
    expect((await totalOf('rep-fuying-2'))?.total).toBe(0);
  });

  it('is refused for another studio, a non-manual rule, more than the rule allows, or a future date — and writes nothing', async () => {
    expect(await t.fails('points', liaison, propose({ representativeId: 'rep-baita-1' }))).toBe('FORBIDDEN');
    expect(await t.fails('points', rep, propose())).toBe('FORBIDDEN');
    expect(await t.fails('points', liaison, propose({ code: 'reception' }))).toBe('VALIDATION');
    expect(await t.fails('points', liaison, propose({ points: 6 }))).toBe('VALIDATION');
    expect(await t.fails('points', liaison, propose({ date: '2026-11-03' }))).toBe('VALIDATION');
    expect(await t.fails('points', liaison, propose({ evidence: '' }))).toBe('VALIDATION');
    expect(await t.store.count('points')).toBe(0);
  });

  it('a retried proposal answers the same entry', async () => {
    const ev = propose();
    const a = await t.ok('points', liaison, ev);
    const b = await t.ok('points', liaison, ev);
    expect(b.id).toBe(a.id);
    expect(await t.store.count('points')).toBe(1);
  });
});

describe('rules per year', () => {
  it('the defaults say where their numbers come from; an administrator changes a year, and what is earned from then on follows', async () => {
    const rules = await t.ok('points', rep, { action: 'rules' });
    expect(rules).toMatchObject({ year: 2026, saved: false });
    expect(rules.source).toContain('量化积分考核');
    expect(rules.rules.map((r: { code: string }) => r.code)).toEqual(DEFAULT_RULES.map((r) => r.code));
    expect(await t.fails('points', liaison, { action: 'saveRules', year: 2026, rules: [{ code: 'reception', points: 5, cap: 50, enabled: true }] })).toBe('FORBIDDEN');
    expect(await t.fails('points', admin, { action: 'saveRules', year: 2026, rules: [{ code: 'nothing', points: 5, cap: 50, enabled: true }] })).toBe('VALIDATION');
    expect(await t.fails('points', admin, { action: 'saveRules', year: 2026, rules: [{ code: 'reception', points: 5, cap: 3, enabled: true }] })).toBe('VALIDATION');
    const saved = await t.ok('points', admin, { action: 'saveRules', year: 2026, rules: [{ code: 'reception', points: 5, cap: 50, enabled: true }, { code: 'training', points: 1, cap: 6, enabled: false }] });
    expect(saved.rules.find((r: { code: string }) => r.code === 'reception')).toMatchObject({ points: 5, cap: 50 });
    await closedReception(t, { reps: ['rep-fuying-1'] });
    await t.ok('activities', liaison, recordEvent({ date: '2026-11-10', representativeIds: ['rep-fuying-1'] }));
    expect((await entriesOf('rep-fuying-1')).map((e) => [e.code, e.points])).toEqual([['reception', 5]]);
    // Another year keeps the defaults.
    expect((await t.ok('points', rep, { action: 'rules', year: 2027 })).rules.find((r: { code: string }) => r.code === 'reception').points).toBe(2);
  });
});

describe('totals drill down to their entries', () => {
  it('a studio\'s total is the sum of its representatives\' totals, and each of those the sum of its entries', async () => {
    await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2'] });
    await t.ok('activities', liaison, recordEvent({ date: '2026-11-10' }));
    const studio = await t.ok('points', liaison, { action: 'studio', studioId: 'studio-fuying' });
    expect(studio.lines).toHaveLength(5);
    expect(studio.total).toBe(studio.lines.reduce((a: number, l: { total: number }) => a + l.total, 0));
    expect(studio.total).toBe(2 * 2 + 3 * 1);
    for (const line of studio.lines) {
      const ledger = await t.ok('points', liaison, { action: 'ledger', representativeId: line.representativeId, pageSize: 50 });
      expect(ledger.items.reduce((a: number, e: { points: number }) => a + e.points, 0)).toBe(line.total);
    }
    const mine = await t.ok('points', rep, { action: 'mine' });
    expect(mine).toMatchObject({ total: 3, byRule: [{ code: 'reception', points: 2 }, { code: 'training', points: 1 }] });
    const studioLedger = await t.ok('points', liaison, { action: 'ledger', studioId: 'studio-fuying', pageSize: 50 });
    expect(studioLedger.total).toBe(5);
  });

  it('a representative reads their own and their studio\'s, never another studio\'s; residents nothing', async () => {
    expect(await t.fails('points', rep, { action: 'studio', studioId: 'studio-baita' })).toBe('FORBIDDEN');
    expect(await t.fails('points', rep, { action: 'ledger', representativeId: 'rep-baita-1' })).toBe('FORBIDDEN');
    expect(await t.fails('points', resident, { action: 'mine' })).toBe('FORBIDDEN');
    expect(await t.fails('points', resident, { action: 'rules' })).toBe('FORBIDDEN');
    expect(await t.fails('points', rep, { action: 'overview' })).toBe('FORBIDDEN');
    const overview = await t.ok('points', admin, { action: 'overview' });
    expect(overview.studios).toHaveLength(37);
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('rules, a manual entry proposed and approved, totals and the ledger stay within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store: createCloudBaseStore(fake.db) });
    try {
      await c.ok('points', admin, { action: 'saveRules', year: 2026, rules: [{ code: 'manual', points: 4, cap: 6, enabled: true }] });
      const first = await c.ok('points', liaison, { action: 'propose', requestId: rid('pm'), representativeId: 'rep-fuying-2', code: 'manual', points: 4, date: '2026-10-30', note: '参加视察', evidence: '通知及现场照片' });
      const second = await c.ok('points', liaison, { action: 'propose', requestId: rid('pm'), representativeId: 'rep-fuying-2', code: 'manual', points: 4, date: '2026-10-31', note: '参加调研', evidence: '通知及现场照片' });
      await c.ok('points', admin, { action: 'decide', id: first.id, approve: true });
      expect(await c.ok('points', admin, { action: 'decide', id: second.id, approve: true })).toMatchObject({ points: 2, capped: true });
      expect(await c.ok('points', liaison, { action: 'studio', studioId: 'studio-fuying' })).toMatchObject({ total: 6 });
      expect((await c.ok('points', liaison, { action: 'ledger', representativeId: 'rep-fuying-2' })).total).toBe(2);
      await c.ok('activities', liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7, text: '一般问题 7 日内答复' }] });
      expect((await c.ok('activities', resident, { action: 'commitments', studioId: 'studio-fuying' })).items).toHaveLength(2);
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

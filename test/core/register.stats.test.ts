import type { NewDoc } from '../../core/ports/store';
import type { Item, ItemView } from '../../core/register/item';
import type { Stats } from '../../core/register/stats';
import { makeTestApp, type TestApp } from '../support/app';
import { bindMember, submitted } from '../support/register';

/**
 * Statistics (issue 2, item 8): every figure and rate for a known register, per studio,
 * township and county, over Shanghai calendar periods; who may see which scope.
 */

const at = (iso: string) => Date.parse(iso);

let t: TestApp;

const stats = (openid: string, q: Record<string, unknown>) => t.ok<Stats>('register', openid, { action: 'stats', ...q });

/** The figures without the echo of the query, to compare with a table. */
const figures = (s: Stats) => ({
  collected: s.collected,
  rejected: s.rejected,
  open: s.open,
  answeredOrResolved: s.answeredOrResolved,
  resolved: s.resolved,
  overdue: s.overdue,
  onTime: s.onTime,
  rated: s.rated,
  satisfied: s.satisfied,
});
const percents = (s: Stats) => ({
  answeredOrResolved: s.rates.answeredOrResolved.percent,
  resolved: s.rates.resolved.percent,
  onTime: s.rates.onTime.percent,
  satisfied: s.rates.satisfied.percent,
});

describe('stats over a known register', () => {
  /*
   * 福应街道 studio (township 福应街道):
   *   H  submitted 2026-11-01 23:30 Shanghai, resolved, rated satisfied         → closed
   *   A  answered on time, no feedback yet                                         → answered
   *   B  resolved on time, no feedback yet                                         → resolved
   *   C  answered on time, rated satisfied                                         → closed
   *   D  answered on time, rated unsatisfied: reopened, round 2, past its new due → in_progress, overdue
   *   E  rejected as a duplicate                                                   → rejected
   *   F  never handled, past the 15-day reply period                              → submitted, overdue
   *   G  accepted, answered after its deadline                                     → answered, late
   *   A–G are submitted 2026-11-02 00:10 Shanghai, which is still 1 November in UTC.
   * 县教育局 studio (also in 福应街道): J answered on time, rated satisfied → closed.
   * 安洲街道 studio (township 安洲街道): K rejected; L resolved on time, no feedback.
   * "Now" is 2026-11-20 10:00 Shanghai: the 15-day reply period of A–G ended 2026-11-17.
   */
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await makeTestApp({ now: '2026-11-01T23:30:00+08:00' });
    await bindMember(t, 'liaison-other', 'liaison', ['studio-jiaoyu', 'studio-anzhou']);
    ids = {};
    let n = 0;
    const submit = async (key: string, studioId = 'studio-fuying') => {
      const item = await submitted(t, `resident-${key}-${n++}`, { studioId });
      ids[key] = item.id;
      return item;
    };
    const submitter = async (key: string) => (await t.store.get<Item>('items', ids[key]))!.submitterOpenid;
    const act = (openid: string, event: Record<string, unknown>) => t.ok<ItemView>('register', openid, event);
    const feedback = async (key: string, satisfied: boolean) => act(await submitter(key), { action: 'feedback', id: ids[key], satisfied });

    // 1 November, 23:30 Shanghai
    await submit('H');
    await act('dev-liaison', { action: 'accept', id: ids.H });
    await act('dev-liaison', { action: 'resolve', id: ids.H, reply: '已协调解决' });
    await feedback('H', true);

    // 2 November, 00:10 Shanghai (1 November, 16:10 UTC)
    t.clock.set(at('2026-11-02T00:10:00+08:00'));
    for (const key of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) await submit(key);
    for (const key of ['A', 'B', 'C', 'D', 'G']) await act('dev-rep', { action: 'accept', id: ids[key] });
    for (const key of ['A', 'C', 'D']) await act('dev-rep', { action: 'answer', id: ids[key], reply: '已当场答复' });
    await act('dev-rep', { action: 'resolve', id: ids.B, reply: '已解决' });
    await feedback('C', true);
    await feedback('D', false);
    await act('dev-liaison', { action: 'reject', id: ids.E, reason: '重复反映' });

    await submit('J', 'studio-jiaoyu');
    await act('liaison-other', { action: 'accept', id: ids.J });
    await act('liaison-other', { action: 'answer', id: ids.J, reply: '已答复' });
    await feedback('J', true);
    await submit('K', 'studio-anzhou');
    await act('liaison-other', { action: 'reject', id: ids.K, reason: '不属于受理范围' });
    await submit('L', 'studio-anzhou');
    await act('liaison-other', { action: 'accept', id: ids.L });
    await act('liaison-other', { action: 'resolve', id: ids.L, reply: '已解决' });

    // 20 November: G is answered late; D and F are overdue.
    t.clock.set(at('2026-11-20T10:00:00+08:00'));
    await act('dev-rep', { action: 'answer', id: ids.G, reply: '迟到的答复' });
  });
  afterAll(() => t.close());

  it('the register holds what the scenario says', async () => {
    const status = async (k: string) => (await t.store.get<Item>('items', ids[k]))!.status;
    expect(await Promise.all(['H', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'J', 'K', 'L'].map(status))).toEqual([
      'closed', 'answered', 'resolved', 'closed', 'in_progress', 'rejected', 'submitted', 'answered', 'closed', 'rejected', 'resolved',
    ]);
    expect((await t.store.get<Item>('items', ids.G))!.timeliness).toBe('late');
  });

  it('for a studio, over all time', async () => {
    const s = await stats('dev-admin', { scope: 'studio', id: 'studio-fuying' });
    expect(s).toMatchObject({ scope: 'studio', id: 'studio-fuying', from: null, to: null });
    expect(figures(s)).toEqual({
      collected: 8,
      rejected: 1,
      open: 2,
      answeredOrResolved: 5,
      resolved: 2,
      overdue: 2,
      onTime: 4,
      rated: 3,
      satisfied: 2,
    });
    expect(s.rates.answeredOrResolved).toEqual({
      numerator: 5,
      denominator: 7,
      percent: 71.4,
      formula: expect.stringContaining('答复或解决率'),
    });
    expect(s.rates.resolved).toMatchObject({ numerator: 2, denominator: 7, percent: 28.6 });
    expect(s.rates.onTime).toMatchObject({ numerator: 4, denominator: 5, percent: 80 });
    expect(s.rates.satisfied).toMatchObject({ numerator: 2, denominator: 3, percent: 66.7 });
    for (const r of Object.values(s.rates)) expect(r.formula).toMatch(/=.*÷/);
  });

  it('for a studio, one Shanghai day: 2 November holds A–G, though they were made on 1 November UTC', async () => {
    const s = await stats('dev-liaison', { scope: 'studio', id: 'studio-fuying', from: '2026-11-02', to: '2026-11-02' });
    expect(s).toMatchObject({ from: '2026-11-02', to: '2026-11-02' });
    expect(figures(s)).toEqual({
      collected: 7,
      rejected: 1,
      open: 2,
      answeredOrResolved: 4,
      resolved: 1,
      overdue: 2,
      onTime: 3,
      rated: 2,
      satisfied: 1,
    });
    expect(percents(s)).toEqual({ answeredOrResolved: 66.7, resolved: 16.7, onTime: 75, satisfied: 50 });
  });

  it('for a studio, 1 November in Shanghai holds only H', async () => {
    const s = await stats('dev-rep', { scope: 'studio', id: 'studio-fuying', from: '2026-11-01', to: '2026-11-01' });
    expect(figures(s)).toEqual({
      collected: 1,
      rejected: 0,
      open: 0,
      answeredOrResolved: 1,
      resolved: 1,
      overdue: 0,
      onTime: 1,
      rated: 1,
      satisfied: 1,
    });
    expect(percents(s)).toEqual({ answeredOrResolved: 100, resolved: 100, onTime: 100, satisfied: 100 });
  });

  it('open-ended periods: from alone and to alone', async () => {
    expect((await stats('dev-admin', { scope: 'studio', id: 'studio-fuying', from: '2026-11-02' })).collected).toBe(7);
    expect((await stats('dev-admin', { scope: 'studio', id: 'studio-fuying', to: '2026-11-01' })).collected).toBe(1);
    expect((await stats('dev-admin', { scope: 'county', from: '2026-11-03' })).collected).toBe(0);
    expect((await stats('dev-admin', { scope: 'county', to: '2026-10-31' })).collected).toBe(0);
  });

  it('an empty period has no rates, not zeros', async () => {
    const s = await stats('dev-admin', { scope: 'county', from: '2025-01-01', to: '2025-12-31' });
    expect(s.collected).toBe(0);
    expect(percents(s)).toEqual({ answeredOrResolved: null, resolved: null, onTime: null, satisfied: null });
    expect(s.rates.answeredOrResolved.formula).toMatch(/答复或解决率/);
  });

  it('for a township: its studios together', async () => {
    const s = await stats('dev-admin', { scope: 'township', id: 'fuying' });
    expect(figures(s)).toEqual({
      collected: 9,
      rejected: 1,
      open: 2,
      answeredOrResolved: 6,
      resolved: 2,
      overdue: 2,
      onTime: 5,
      rated: 4,
      satisfied: 3,
    });
    expect(percents(s)).toEqual({ answeredOrResolved: 75, resolved: 25, onTime: 83.3, satisfied: 75 });

    const anzhou = await stats('dev-admin', { scope: 'township', id: 'anzhou' });
    expect(figures(anzhou)).toEqual({
      collected: 2,
      rejected: 1,
      open: 0,
      answeredOrResolved: 1,
      resolved: 1,
      overdue: 0,
      onTime: 1,
      rated: 0,
      satisfied: 0,
    });
    expect(percents(anzhou)).toEqual({ answeredOrResolved: 100, resolved: 100, onTime: 100, satisfied: null });
  });

  it('for the county: everything', async () => {
    const s = await stats('dev-admin', { scope: 'county' });
    expect(figures(s)).toEqual({
      collected: 11,
      rejected: 2,
      open: 2,
      answeredOrResolved: 7,
      resolved: 3,
      overdue: 2,
      onTime: 6,
      rated: 4,
      satisfied: 3,
    });
    expect(s.rates.answeredOrResolved).toMatchObject({ numerator: 7, denominator: 9, percent: 77.8 });
    expect(percents(s)).toEqual({ answeredOrResolved: 77.8, resolved: 33.3, onTime: 85.7, satisfied: 75 });
    const day = await stats('dev-admin', { scope: 'county', from: '2026-11-02', to: '2026-11-02' });
    expect(day.collected).toBe(10);
  });

  it('an item that closes later keeps counting as answered and rated', async () => {
    t.clock.set(at('2026-11-30T10:00:00+08:00'));
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true });
    const s = await stats('dev-admin', { scope: 'county' });
    expect(figures(s)).toMatchObject({ collected: 11, answeredOrResolved: 7, resolved: 3, onTime: 6, rated: 4, satisfied: 3 });
  });
});

describe('who may see which statistics', () => {
  beforeAll(async () => {
    t = await makeTestApp();
    await submitted(t);
    await bindMember(t, 'rep-anzhou-user', 'representative', 'rep-anzhou-1');
  });
  afterAll(() => t.close());

  const cases: Array<[string, Record<string, unknown>, 'ok' | string]> = [
    ['dev-resident', { scope: 'studio', id: 'studio-fuying' }, 'FORBIDDEN'],
    ['dev-resident', { scope: 'township', id: 'fuying' }, 'FORBIDDEN'],
    ['dev-resident', { scope: 'county' }, 'FORBIDDEN'],
    ['dev-rep', { scope: 'studio', id: 'studio-fuying' }, 'ok'],
    ['dev-rep', { scope: 'studio', id: 'studio-anzhou' }, 'FORBIDDEN'],
    ['dev-rep', { scope: 'township', id: 'fuying' }, 'FORBIDDEN'],
    ['dev-rep', { scope: 'county' }, 'FORBIDDEN'],
    ['rep-anzhou-user', { scope: 'studio', id: 'studio-anzhou' }, 'ok'],
    ['rep-anzhou-user', { scope: 'studio', id: 'studio-fuying' }, 'FORBIDDEN'],
    ['dev-liaison', { scope: 'studio', id: 'studio-fuying' }, 'ok'],
    ['dev-liaison', { scope: 'studio', id: 'studio-anzhou' }, 'FORBIDDEN'],
    ['dev-liaison', { scope: 'township', id: 'fuying' }, 'FORBIDDEN'],
    ['dev-liaison', { scope: 'county' }, 'FORBIDDEN'],
    ['dev-admin', { scope: 'studio', id: 'studio-anzhou' }, 'ok'],
    ['dev-admin', { scope: 'township', id: 'baita' }, 'ok'],
    ['dev-admin', { scope: 'county' }, 'ok'],
    ['dev-admin', { scope: 'studio', id: 'studio-nowhere' }, 'NOT_FOUND'],
    ['dev-admin', { scope: 'township', id: 'nowhere' }, 'NOT_FOUND'],
    ['dev-admin', { scope: 'studio' }, 'VALIDATION'],
  ];
  it.each(cases)('%s asking %j: %s', async (openid, q, expected) => {
    const r = await t.call('register', openid, { action: 'stats', ...q });
    if (expected === 'ok') {
      expect(r).toMatchObject({ ok: true, data: { scope: q.scope } });
    } else {
      expect(r).toMatchObject({ ok: false, error: { code: expected } });
    }
  });
});

describe('the source’s figures', () => {
  afterAll(() => t.close());

  it('7,364 collected of which 7,162 answered or resolved is 97.3%', async () => {
    t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
    const base = at('2026-03-01T09:00:00+08:00');
    const docs: Array<NewDoc<Item>> = Array.from({ length: 7364 }, (_, i) => {
      const replied = i < 7162;
      const outcome = replied ? (i % 3 === 0 ? 'resolved' : 'answered') : null;
      return {
        _id: `src-${i}`,
        no: `XJ2026-${String(i + 1).padStart(6, '0')}`,
        year: 2026,
        seq: i + 1,
        requestId: `src-req-${i}`,
        submitterOpenid: `src-resident-${i % 997}`,
        channel: i % 2 ? 'reception' : 'online',
        studioId: 'studio-fuying',
        studioName: '福应街道党代表工作室',
        townshipId: 'fuying',
        category: '其他',
        content: '历史登记的意见建议',
        contactName: null,
        contactPhone: null,
        anonymous: false,
        photos: [],
        status: replied ? 'closed' : 'in_progress',
        round: 1,
        ownerRepId: null,
        ownerOpenid: null,
        ownerName: null,
        promise: null,
        referral: null,
        reply: null,
        outcome,
        timeliness: replied ? 'on_time' : null,
        satisfaction: null,
        feedback: [],
        rejectReason: null,
        dueAt: base + 30 * 86400_000 + i * 60_000,
        closeDueAt: null,
        nextRemindAt: null,
        createdAt: base + i * 60_000,
        updatedAt: base + i * 60_000,
        closedAt: null,
        receptionId: null,
        bookingId: null,
        timeline: [],
      };
    });
    await t.store.transaction(async (tx) => {
      for (const d of docs) await tx.create<Item>('items', d);
    });

    const s = await stats('dev-admin', { scope: 'county' });
    expect(s.collected).toBe(7364);
    expect(s.answeredOrResolved).toBe(7162);
    expect(s.rates.answeredOrResolved).toEqual({
      numerator: 7162,
      denominator: 7364,
      percent: 97.3,
      formula: expect.stringContaining('÷'),
    });
    expect(s.open).toBe(202);
    expect(s.overdue).toBe(202);
    expect(s.resolved).toBe(Math.ceil(7162 / 3));
    expect((await stats('dev-admin', { scope: 'studio', id: 'studio-fuying' })).rates.answeredOrResolved.percent).toBe(97.3);
  });
});

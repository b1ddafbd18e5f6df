import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { COLLECTIONS } from '../../core/ports/store';
import { shareShifts } from '../../core/roster/fair';
import type { Shift } from '../../core/roster/types';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { rid, sh } from '../support/ops';
import { bindMember } from '../support/register';

/** 驻点轮值 (issue 14, point 2). */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;
const rep2 = 'wx-rep-fuying-2';
const FUYING = ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3', 'rep-fuying-4', 'rep-fuying-5'];

/** A deterministic pseudo-random sequence (mulberry32) for the property checks. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sharing shifts fairly (core/roster/fair.ts)', () => {
  it('gives every shift its representatives, never an unavailable one, and every count within one of the others — over 300 random months', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      const n = 3 + Math.floor(rnd() * 14);
      const reps = Array.from({ length: n }, (_, i) => `r${i}`);
      const perShift = 1 + Math.floor(rnd() * 3);
      const shifts = Array.from({ length: 8 + Math.floor(rnd() * 36) }, () => ({
        // Each representative is away on about one shift in five, never all at once.
        available: reps.filter(() => rnd() > 0.2),
      })).filter((s) => s.available.length >= perShift);
      const r = shareShifts({ reps, perShift, shifts });
      r.assigned.forEach((a, i) => {
        expect(a).toHaveLength(perShift);
        expect(new Set(a).size).toBe(perShift);
        for (const x of a) expect(shifts[i].available).toContain(x);
      });
      const counts = Object.values(r.counts);
      if (r.balanced) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(r.understaffed).toEqual([]);
    }
  });

  it('is balanced whenever the unavailable dates allow it (the flow is exact, not greedy)', () => {
    // Date order with the least-served first would put a on shift 0, and then a again on
    // shift 1 (a alone is available): a 2, b 0. The flow gives shift 0 to b.
    const r = shareShifts({ reps: ['a', 'b', 'c'], perShift: 1, shifts: [{ available: ['a', 'b'] }, { available: ['a'] }, { available: ['c'] }] });
    expect(r.balanced).toBe(true);
    expect(r.assigned).toEqual([['b'], ['a'], ['c']]);
  });

  it('says when an even share is impossible, and still fills every seat with the least spread', () => {
    const reps = ['a', 'b', 'c'];
    const shifts = Array.from({ length: 6 }, (_, i) => ({ available: i === 0 ? ['a', 'b', 'c'] : ['b', 'c'] }));
    const r = shareShifts({ reps, perShift: 2, shifts });
    expect(r.balanced).toBe(false);
    expect(r.assigned.every((a) => a.length === 2)).toBe(true);
    // a takes the one shift it can; b and c share the rest as evenly as the seats allow.
    expect(r.counts.a).toBe(1);
    expect([r.counts.b, r.counts.c].sort()).toEqual([5, 6]);
  });

  it('reports a shift with too few representatives available instead of failing', () => {
    const r = shareShifts({ reps: ['a', 'b'], perShift: 2, shifts: [{ available: ['a'] }, { available: ['a', 'b'] }] });
    expect(r.understaffed).toEqual([0]);
    expect(r.assigned).toEqual([['a'], ['a', 'b']]);
  });

  it('gives the same roster for the same input', () => {
    const input = { reps: ['a', 'b', 'c', 'd'], perShift: 2, shifts: Array.from({ length: 10 }, () => ({ available: ['a', 'b', 'c', 'd'] })) };
    expect(shareShifts(input)).toEqual(shareShifts(input));
  });
});

describe('the roster through the functions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp({ now: sh('2026-11-25T10:00:00') });
    await bindMember(t, rep2, 'representative', 'rep-fuying-2');
  });
  afterEach(() => t.close());

  const shifts = () => t.store.find<Shift>('shifts', { where: { studioId: 'studio-fuying', month: '2026-12' }, orderBy: [['startAt', 'asc']], limit: 200 });

  it('generates December: 2 representatives a shift, never on a date they marked, every count within one', async () => {
    await t.ok('roster', rep, { action: 'unavailable', month: '2026-12', dates: ['2026-12-01', '2026-12-02', '2026-12-03'] });
    expect(await t.fails('roster', rep, { action: 'generate', studioId: 'studio-fuying', month: '2026-12' })).toBe('FORBIDDEN');
    const g = await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 2, 3, 4, 5], halves: ['am', 'pm'] });
    const byName = new Map(g.representatives.map((r: { id: string; shifts: number }) => [r.id, r.shifts]));
    expect(g).toMatchObject({ generated: 46, balanced: true, understaffed: [], spread: 1 });
    const all = await shifts();
    expect(all).toHaveLength(46);
    for (const s of all) {
      expect(s.repIds).toHaveLength(2);
      expect(new Set(s.repIds).size).toBe(2);
      if (['2026-12-01', '2026-12-02', '2026-12-03'].includes(s.date)) expect(s.repIds).not.toContain('rep-fuying-1');
    }
    const counts = FUYING.map((id) => all.filter((s) => s.repIds.includes(id)).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(92);
    expect(FUYING.map((id) => byName.get(id))).toEqual(counts);
    // Saturdays and Sundays have none; every shift is at 08:30 or 14:00 Shanghai.
    expect(all.some((s) => s.date === '2026-12-05')).toBe(false);
    expect(all[0]).toMatchObject({ date: '2026-12-01', half: 'am', startAt: sh('2026-12-01T08:30:00'), endAt: sh('2026-12-01T11:30:00') });
  });

  it('refuses to overwrite a generated month unless asked; replacing keeps open days', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [3], halves: ['am'] });
    expect(await t.fails('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [3], halves: ['am'] })).toBe('CONFLICT');
    const [first] = await shifts();
    await t.ok('roster', liaison, { action: 'openDay', shiftId: first._id, topic: '党代表开放日', capacity: 30 });
    const again = await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [3, 5], halves: ['am'], replace: true });
    expect(again.generated).toBe(8);
    const all = await shifts();
    expect(all).toHaveLength(9);
    expect(all.find((s) => s._id === first._id)?.openDay).not.toBeNull();
    expect(await t.fails('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-10', weekdays: [3], halves: ['am'] })).toBe('VALIDATION');
    expect(await t.fails('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-13', weekdays: [3], halves: ['am'] })).toBe('VALIDATION');
  });

  it('a swap is asked by the representative, told to the liaison, approved, and the shifts change hands', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 3, 5], halves: ['am'] });
    const all = await shifts();
    const mine = all.find((s) => s.repIds.includes('rep-fuying-1') && !s.repIds.includes('rep-fuying-2'))!;
    const theirs = all.find((s) => s.repIds.includes('rep-fuying-2') && !s.repIds.includes('rep-fuying-1'))!;
    expect(await t.fails('roster', rep2, { action: 'requestSwap', requestId: rid(), shiftId: mine._id, toRepId: 'rep-fuying-2', reason: '临时有事' })).toBe('VALIDATION');
    const w = await t.ok('roster', rep, { action: 'requestSwap', requestId: rid(), shiftId: mine._id, toRepId: 'rep-fuying-2', toShiftId: theirs._id, reason: '当天参加县里会议' });
    expect(w).toMatchObject({ status: 'pending', actions: ['withdraw'] });
    const told = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'swap_requested' }, limit: 10 });
    expect(told.map((m) => m.recipientOpenid).sort()).toEqual([liaison, rep2].sort());
    expect(await t.fails('roster', rep, { action: 'decideSwap', id: w.id, outcome: 'approve' })).toBe('FORBIDDEN');
    const month = await t.ok('roster', liaison, { action: 'month', studioId: 'studio-fuying', month: '2026-12' });
    expect(month.swaps[0].actions.sort()).toEqual(['approve', 'reject']);
    const ok = await t.ok('roster', liaison, { action: 'decideSwap', id: w.id, outcome: 'approve' });
    expect(ok.status).toBe('approved');
    const after = await shifts();
    expect(after.find((s) => s._id === mine._id)?.repIds).toContain('rep-fuying-2');
    expect(after.find((s) => s._id === mine._id)?.repIds).not.toContain('rep-fuying-1');
    expect(after.find((s) => s._id === theirs._id)?.repIds).toContain('rep-fuying-1');
    const decided = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'swap_decided' }, limit: 10 });
    expect(decided.map((m) => m.recipientOpenid).sort()).toEqual([rep, rep2].sort());
    expect(await t.fails('roster', liaison, { action: 'decideSwap', id: w.id, outcome: 'approve' })).toBe('INVALID_STATE');
  });

  it('a swap whose shift changed hands meanwhile is refused on approval and changes nothing; a refusal needs a reason; a withdrawal stops it', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 3, 5], halves: ['am'] });
    const all = await shifts();
    const mine = all.filter((s) => s.repIds.includes('rep-fuying-1') && !s.repIds.includes('rep-fuying-3'));
    const a = await t.ok('roster', rep, { action: 'requestSwap', requestId: rid(), shiftId: mine[0]._id, toRepId: 'rep-fuying-3', reason: '出差' });
    const b = await t.ok('roster', liaison, { action: 'requestSwap', requestId: rid(), shiftId: mine[0]._id, fromRepId: 'rep-fuying-1', toRepId: 'rep-fuying-3', reason: '出差（联络员代为申请）' });
    await t.ok('roster', liaison, { action: 'decideSwap', id: a.id, outcome: 'approve' });
    expect(await t.fails('roster', liaison, { action: 'decideSwap', id: b.id, outcome: 'approve' })).toBe('INVALID_STATE');
    expect((await t.ok('roster', liaison, { action: 'month', studioId: 'studio-fuying', month: '2026-12' })).swaps.find((s: { id: string }) => s.id === b.id).status).toBe('pending');
    expect(await t.fails('roster', liaison, { action: 'decideSwap', id: b.id, outcome: 'reject' })).toBe('VALIDATION');
    expect(await t.ok('roster', liaison, { action: 'decideSwap', id: b.id, outcome: 'reject', reason: '已由周跃进代班' })).toMatchObject({ status: 'rejected', decideReason: '已由周跃进代班' });
    const c = await t.ok('roster', rep, { action: 'requestSwap', requestId: rid(), shiftId: mine[1]._id, toRepId: 'rep-fuying-3', reason: '出差' });
    expect(await t.ok('roster', rep, { action: 'decideSwap', id: c.id, outcome: 'withdraw' })).toMatchObject({ status: 'withdrawn' });
    expect(await t.fails('roster', resident, { action: 'decideSwap', id: c.id, outcome: 'withdraw' })).toBe('NOT_FOUND');
  });

  it('reminds the representatives on the shift the day before at 09:00, once', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [2], halves: ['am'] });
    const [first] = await shifts(); // Tuesday 2026-12-01
    expect(first.nextRemindAt).toBe(sh('2026-11-30T09:00:00'));
    const duty = async () => (await t.store.find<OutboxMessage>('outbox', { where: { kind: 'duty_tomorrow' }, limit: 100 })).map((m) => m.recipientOpenid).sort();
    t.clock.set(sh('2026-11-30T08:50:00'));
    await t.app.runTimer('reminders');
    expect(await duty()).toEqual([]);
    t.clock.set(sh('2026-11-30T09:05:00'));
    await t.app.runTimer('reminders');
    // Only the representatives with a bound WeChat account can be told: dev-rep and rep2.
    const bound = first.repIds.map((id) => ({ 'rep-fuying-1': rep, 'rep-fuying-2': rep2 })[id as 'rep-fuying-1']).filter(Boolean);
    expect(await duty()).toEqual([...bound].sort());
    await t.app.runTimer('reminders');
    expect(await duty()).toHaveLength(bound.length);
  });

  it('the studio page\'s today: who is on duty today, open to everyone', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 2, 3, 4, 5], halves: ['am', 'pm'] });
    t.clock.set(sh('2026-12-02T10:00:00'));
    const today = await t.ok('roster', resident, { action: 'today', studioId: 'studio-fuying' });
    expect(today).toMatchObject({ date: '2026-12-02' });
    expect(today.shifts.map((s: { halfLabel: string; time: string }) => `${s.halfLabel} ${s.time}`)).toEqual(['上午 08:30–11:30', '下午 14:00–17:00']);
    expect(today.shifts[0].representatives).toHaveLength(2);
    expect(today.shifts[0].representatives[0]).toEqual({ name: expect.any(String), unit: expect.any(String) });
    t.clock.set(sh('2026-12-05T10:00:00'));
    expect((await t.ok('roster', resident, { action: 'today', studioId: 'studio-fuying' })).shifts).toEqual([]);
  });

  it('an open day is published like a reception: the 7-day notice holds, residents can book it, and its representatives get the reception\'s reminder only', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [3], halves: ['am'] });
    const all = await shifts(); // Wednesdays: 12-02, 09, 16, 23, 30
    t.clock.set(sh('2026-11-26T10:00:00')); // 12-02 is 6 days away now
    const soon = await t.call('roster', liaison, { action: 'openDay', shiftId: all[0]._id, topic: '开放日', capacity: 30 });
    expect(soon).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { earliestDate: '2026-12-03' } } });
    expect(await t.store.count('receptions')).toBe(0);
    const open = await t.ok('roster', liaison, { action: 'openDay', shiftId: all[1]._id, topic: '党代表开放日：听民声', capacity: 30 });
    expect(open.reception).toMatchObject({ status: 'published', startAt: sh('2026-12-09T08:30:00'), topic: '党代表开放日：听民声' });
    expect(open.reception.representatives.map((r: { id: string }) => r.id)).toEqual(all[1].repIds);
    const listed = await t.ok('receptions', resident, { action: 'list', studioId: 'studio-fuying' });
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(open.reception.id);
    await t.ok('receptions', resident, { action: 'book', id: open.reception.id, requestId: rid() });
    expect(await t.fails('roster', liaison, { action: 'openDay', shiftId: all[1]._id, topic: '再公告一次', capacity: 30 })).toBe('INVALID_STATE');
    const other = FUYING.find((id) => !all[1].repIds.includes(id))!;
    expect(await t.fails('roster', liaison, { action: 'requestSwap', requestId: rid(), shiftId: all[1]._id, fromRepId: all[1].repIds[0], toRepId: other, reason: '有事' })).toBe('INVALID_STATE');
    expect((await t.store.get<Shift>('shifts', all[1]._id))?.nextRemindAt).toBeNull();
  });

  it('marking dates: only in the month, only for oneself (or the liaison for the studio), and the shifts already given on them are listed', async () => {
    await t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 2, 3, 4, 5], halves: ['am'] });
    const mine = (await shifts()).filter((s) => s.repIds.includes('rep-fuying-1'));
    const r = await t.ok('roster', rep, { action: 'unavailable', month: '2026-12', dates: [mine[0].date] });
    expect(r.conflicts.map((s: { id: string }) => s.id)).toEqual([mine[0]._id]);
    expect(await t.fails('roster', rep, { action: 'unavailable', month: '2026-12', dates: ['2027-01-04'] })).toBe('VALIDATION');
    expect(await t.fails('roster', rep, { action: 'unavailable', month: '2026-12', dates: ['2026-12-04'], representativeId: 'rep-fuying-3' })).toBe('FORBIDDEN');
    expect(await t.ok('roster', liaison, { action: 'unavailable', month: '2026-12', dates: ['2026-12-04'], representativeId: 'rep-fuying-3' })).toMatchObject({ dates: ['2026-12-04'] });
    const month = await t.ok('roster', rep, { action: 'month', studioId: 'studio-fuying', month: '2026-12' });
    expect(month.representatives.find((x: { id: string }) => x.id === 'rep-fuying-3').unavailable).toBeNull();
    expect(month.representatives.find((x: { id: string }) => x.id === 'rep-fuying-1').unavailable).toEqual([mine[0].date]);
    expect(await t.fails('roster', resident, { action: 'month', studioId: 'studio-fuying', month: '2026-12' })).toBe('FORBIDDEN');
    expect(await t.fails('roster', admin, { action: 'month', studioId: 'studio-fuying', month: '12-2026' })).toBe('VALIDATION');
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('generate, swap and approve stay within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: sh('2026-11-25T10:00:00'), store: createCloudBaseStore(fake.db) });
    try {
      await bindMember(c, rep2, 'representative', 'rep-fuying-2');
      await c.ok('roster', rep, { action: 'unavailable', month: '2026-12', dates: ['2026-12-02'] });
      const g = await c.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-12', weekdays: [1, 3, 5], halves: ['am', 'pm'] });
      expect(g.balanced).toBe(true);
      const month = await c.ok('roster', rep, { action: 'month', studioId: 'studio-fuying', month: '2026-12' });
      const mine = month.shifts.find((s: { representatives: Array<{ id: string }> }) => s.representatives.some((r) => r.id === 'rep-fuying-1') && !s.representatives.some((r) => r.id === 'rep-fuying-2'));
      const w = await c.ok('roster', rep, { action: 'requestSwap', requestId: rid(), shiftId: mine.id, toRepId: 'rep-fuying-2', reason: '临时出差' });
      await c.ok('roster', liaison, { action: 'decideSwap', id: w.id, outcome: 'approve' });
      c.clock.set(sh('2026-11-30T09:05:00'));
      expect((await c.app.runTimer('reminders')).ok).toBe(true);
      expect((await c.ok('roster', resident, { action: 'today', studioId: 'studio-fuying' })).shifts).toEqual([]);
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

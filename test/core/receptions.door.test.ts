/**
 * 签到名单 (`receptions.door`, issue 16 point 8): who booked and who has arrived, for those who
 * check in at the door and nobody else.
 */
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, type TestApp } from '../support/app';
import { bindMember } from '../support/register';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;

interface Door {
  booked: number;
  arrived: number;
  waitingList: number;
  lines: Array<{ code: string; arrived: boolean; seq: number; question: string | null; checkedInAt: number | null }>;
}

async function reception(t: TestApp, capacity = 2, publish = true): Promise<string> {
  const draft = await t.ok<{ id: string }>('receptions', liaison, {
    action: 'schedule',
    studioId: DEV_STUDIO_ID,
    startAt: '2026-11-12T09:00:00+08:00',
    endAt: '2026-11-12T11:30:00+08:00',
    form: 'studio',
    topic: '老旧小区改造意见征集',
    representativeIds: [DEV_REP_ID],
    capacity,
  });
  if (publish) await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
  return draft.id;
}
const book = async (t: TestApp, openid: string, id: string, question?: string): Promise<string> =>
  (await t.ok('receptions', openid, { action: 'book', id, requestId: requestId(), ...(question ? { question } : {}) })).myBooking.code;

describe('签到名单', () => {
  it('lists the bookings holding a place, not yet arrived first in booking order, with 已到 N / 预约 M, and leaves out the waiting and the cancelled', async () => {
    const t = await makeTestApp();
    const id = await reception(t, 3);
    const a = await book(t, 'resident-a', id, '小区加装电梯的费用如何分摊？');
    t.clock.set(t.clock.now() + 60_000);
    const b = await book(t, 'resident-b', id);
    t.clock.set(t.clock.now() + 60_000);
    await book(t, 'resident-c', id);
    await t.ok('receptions', 'resident-c', { action: 'cancelBooking', id });
    await book(t, 'resident-d', id);
    await book(t, 'resident-e', id); // full: waiting
    const before = await t.ok<Door>('receptions', rep, { action: 'door', id });
    expect(before).toMatchObject({ booked: 3, arrived: 0, waitingList: 1 });
    expect(before.lines.map((l) => [l.seq, l.code, l.arrived])).toEqual([
      [1, a, false],
      [2, b, false],
      [3, expect.any(String), false],
    ]);
    expect(before.lines[0].question).toBe('小区加装电梯的费用如何分摊？');

    t.clock.set(Date.parse('2026-11-12T08:55:00+08:00'));
    await t.ok('receptions', rep, { action: 'checkIn', code: b });
    const after = await t.ok<Door>('receptions', liaison, { action: 'door', id });
    expect(after).toMatchObject({ booked: 3, arrived: 1 });
    expect(after.lines.map((l) => [l.code, l.arrived])).toEqual([
      [a, false],
      [after.lines[1].code, false],
      [b, true],
    ]);
    expect(after.lines[2].checkedInAt! - Date.parse('2026-11-12T08:55:00+08:00')).toBeLessThan(1000);
    // Nothing that names the residents' WeChat accounts.
    expect(JSON.stringify(after)).not.toMatch(/resident-|openid/);
  });

  it('is refused to residents and to another studio\'s liaison, and a draft or unknown reception is not found for a representative', async () => {
    const t = await makeTestApp();
    const id = await reception(t);
    expect(await t.fails('receptions', resident, { action: 'door', id })).toBe('FORBIDDEN');
    await bindMember(t, 'liaison-baita', 'liaison', 'studio-baita');
    expect(await t.fails('receptions', 'liaison-baita', { action: 'door', id })).toBe('FORBIDDEN');
    const draft = await reception(t, 2, false);
    expect(await t.fails('receptions', rep, { action: 'door', id: draft })).toBe('NOT_FOUND');
    expect(await t.fails('receptions', rep, { action: 'door', id: 'rc-none' })).toBe('NOT_FOUND');
    const bad = await t.call('receptions', rep, { action: 'door', id: '../x' });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    expect(bad.ok ? '' : bad.error.message).toMatch(/格式不正确/);
  });
});

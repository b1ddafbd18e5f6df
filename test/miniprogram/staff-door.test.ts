import { DEV_IDENTITIES, exists, find, openPage, startBackend, tapButton, text, type Backend, type View } from './support/harness';
import { bookAs, publishedReception } from './support/receptions';
import { phoneClockFollowsBackend } from './support/staff';

/**
 * 接待现场 on the day (issue 16 point 8): the door's list of who booked, arrived or not yet, with
 * "已到 N / 预约 M"; check-in by tapping a line (after a confirmation) and by scanning, both
 * moving the line to 已到.
 */

const { representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});

const lines = (page: View) => page.querySelectorAll('.door-line').map((l) => text(l));

/** Taps the line of the door's list holding `code`, as a finger would. */
async function tapLine(page: View, code: string): Promise<void> {
  const line = page.querySelectorAll('.door-line').find((l) => text(l).includes(code));
  if (!line) throw new Error(`no line holds ${code}`);
  line.dispatchEvent('tap');
  await backend.settle();
}

async function onTheDay() {
  const r = await publishedReception(backend.t, { capacity: 3 });
  const first = await bookAs(backend.t, 'resident-a', r.id);
  await backend.t.ok('receptions', 'resident-b', { action: 'book', id: r.id, requestId: 'book-door-b-0001', question: '村口路灯坏了三个月没人修。' });
  backend.t.clock.set(Date.parse('2026-11-12T08:50:00+08:00'));
  phoneClockFollowsBackend(backend);
  return { r, first: first.myBooking.code as string };
}

describe('接待现场: the door\'s list', () => {
  it('shows who booked, 未到 in booking order with their question, and 已到 0 / 预约 2, after 扫码签到', async () => {
    await onTheDay();
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: (await backend.t.ok('receptions', rep, { action: 'duties' })).items[0].id });
    expect(text(find(page, '.arrivals'))).toContain('已到 0 / 预约 2');
    const shown = lines(page);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/第 1 位 · 签到码 [0-9A-Z]{6}\s*未到/);
    expect(shown[1]).toContain('第 2 位');
    expect(shown[1]).toContain('预约时的问题：村口路灯坏了三个月没人修。');
    const page_ = text(page);
    expect(page_.indexOf('扫码签到')).toBeLessThan(page_.indexOf('签到名单'));
    expect(page_.indexOf('签到名单')).toBeLessThan(page_.indexOf('值班党代表'));
  });

  it('a tap on a line asks, then checks that booking in: the line moves to 已到 and the count follows', async () => {
    const { r, first } = await onTheDay();
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    const modal = jest.spyOn(wx(), 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true }).mockResolvedValueOnce({ confirm: true, cancel: false });
    await tapLine(page, first);
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '为其签到' });
    expect((modal.mock.calls[0][0] as { content: string }).content).toContain(first);
    expect(text(find(page, '.arrivals'))).toContain('已到 0 / 预约 2'); // declined: nothing changed
    await tapLine(page, first);
    expect(text(find(page, '.arrivals'))).toContain('已到 1 / 预约 2');
    const shown = lines(page);
    expect(shown[0]).toContain('未到');
    expect(shown[1]).toContain(first);
    expect(shown[1]).toContain('已到');
    expect(shown[1]).toContain('2026年11月12日 08:50 签到');
    const mine = await backend.t.ok('receptions', 'resident-a', { action: 'get', id: r.id });
    expect(mine.myBooking.status).toBe('checked_in');
    // A tap on an arrived line checks nothing again.
    const calls = backend.sent.length;
    await tapLine(page, first);
    expect(backend.sent.length).toBe(calls);
  });

  it('a scanned code moves its line to 已到 too, for the liaison', async () => {
    const { r, first } = await onTheDay();
    backend.as(liaison);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    jest.spyOn(wx(), 'scanCode').mockResolvedValueOnce({ result: first, errMsg: 'scanCode:ok' });
    await tapButton(page, '.scan');
    await backend.settle();
    expect(text(find(page, '.arrivals'))).toContain('已到 1 / 预约 2');
    expect(lines(page).find((l) => l.includes(first))).toContain('已到');
  });

  it('with no bookings it says so and points to 现场登记', async () => {
    const r = await publishedReception(backend.t);
    backend.t.clock.set(Date.parse('2026-11-12T08:50:00+08:00'));
    phoneClockFollowsBackend(backend);
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(text(find(page, '.arrivals'))).toContain('已到 0 / 预约 0');
    expect(text(page)).toContain('还没有群众预约');
    expect(exists(page, '.door-line')).toBe(false);
  });
});

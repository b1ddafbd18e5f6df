import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, text, type, type Backend, type View } from './support/harness';
import { bookAs, publishedReception } from './support/receptions';
import { phoneClockFollowsBackend } from './support/staff';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const at = (iso: string) => Date.parse(iso);

/** Where a text first appears in the page (to check what comes first). */
const position = (page: View, s: string) => {
  const i = text(page).indexOf(s);
  if (i < 0) throw new Error(`the page does not show ${s}`);
  return i;
};

describe('接待安排: an ended reception stays until 结束登记', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('the day after, the liaison sees it first and marked; closing it takes it off the list', async () => {
    const ended = await publishedReception(backend.t);
    await publishedReception(backend.t, { topic: '农村道路养护', startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00' });
    backend.t.clock.set(at('2026-11-13T10:00:00+08:00'));
    phoneClockFollowsBackend(backend);

    backend.as(liaison);
    let page = await openPage('pages/staff/duties/index');
    const cards = page.querySelectorAll('.card');
    expect(cards.map((c) => text(c))).toEqual([expect.stringContaining('老旧小区改造意见征集'), expect.stringContaining('农村道路养护')]);
    expect(text(cards[0])).toContain('待结束登记');
    expect(text(cards[0])).toContain('接待已结束，请填写接待人数和小结');
    expect(cards[0].dom.className).toContain('card--awaiting');
    expect(text(cards[1])).toContain('已公告');
    expect(cards[1].dom.className).not.toContain('card--awaiting');

    await tap(page, '.card');
    expect(backend.navigations.pop()).toBe(`/pages/staff/reception/index?id=${ended.id}`);
    const desk = await openPage('pages/staff/reception/index', { id: ended.id });
    expect(text(find(desk, '.notice-awaiting'))).toContain('接待已结束');
    expect(text(find(desk, '.head__status'))).toBe('待结束登记');
    await tapButton(desk, '.open-close');
    await type(desk, '.attendance', '9');
    await type(desk, '.summary', '接待群众 9 人，登记意见 3 条。');
    await tapButton(desk, '.send-close');
    expect(text(desk)).toContain('接待群众 9 人');

    page = await openPage('pages/staff/duties/index');
    expect(page.querySelectorAll('.card').map((c) => text(c))).toEqual([expect.stringContaining('农村道路养护')]);
  });

  it('the representative on duty sees it marked as waiting for the liaison, and may still register walk-ins', async () => {
    await publishedReception(backend.t);
    backend.t.clock.set(at('2026-11-14T09:00:00+08:00'));
    phoneClockFollowsBackend(backend);
    backend.as(rep);
    const page = await openPage('pages/staff/duties/index');
    const [card] = page.querySelectorAll('.card');
    expect(text(card)).toContain('待结束登记');
    expect(text(card)).toContain('待联络员结束登记；仍可现场登记');
  });

  it('a closed or cancelled reception of an earlier day is not listed', async () => {
    const closed = await publishedReception(backend.t);
    const cancelled = await publishedReception(backend.t, { topic: '取消的接待', startAt: '2026-11-11T09:00:00+08:00', endAt: '2026-11-11T10:00:00+08:00' });
    await backend.t.ok('receptions', liaison, { action: 'cancel', id: cancelled.id, reason: '临时有会' });
    backend.t.clock.set(at('2026-11-12T15:00:00+08:00'));
    await backend.t.ok('receptions', liaison, { action: 'close', id: closed.id, attendance: 3, summary: '接待 3 人' });
    backend.t.clock.set(at('2026-11-13T09:00:00+08:00'));
    phoneClockFollowsBackend(backend);
    backend.as(liaison);
    const page = await openPage('pages/staff/duties/index');
    expect(page.data.state).toBe('empty');
  });
});

describe('接待现场 on the day: the door first', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('on the day, 扫码签到 and who booked and arrived come before the reception\'s details', async () => {
    const r = await publishedReception(backend.t);
    const first = await bookAs(backend.t, resident, r.id);
    await bookAs(backend.t, 'resident-2', r.id);
    backend.t.clock.set(at('2026-11-12T08:50:00+08:00'));
    phoneClockFollowsBackend(backend);
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(position(page, '扫码签到')).toBeLessThan(position(page, '值班党代表'));
    expect(position(page, '扫码签到')).toBeLessThan(position(page, '本次接待收集的意见建议'));
    expect(text(find(page, '.arrivals'))).toContain('已到 0 / 预约 2');

    const scan = jest.spyOn((globalThis as any).wx, 'scanCode').mockResolvedValueOnce({ result: first.myBooking.code, errMsg: 'scanCode:ok' });
    await tapButton(page, '.scan');
    expect(scan).toHaveBeenCalled();
    expect(text(find(page, '.checked'))).toContain(`✓ ${first.myBooking.code} 已签到`);
    expect(text(find(page, '.arrivals'))).toContain('已到 1 / 预约 2');
  });

  it('before the day, the details come first and check-in after them', async () => {
    const r = await publishedReception(backend.t);
    phoneClockFollowsBackend(backend);
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(exists(page, '.scan')).toBe(true);
    expect(position(page, '值班党代表')).toBeLessThan(position(page, '扫码签到'));
  });
});

import { DEV_IDENTITIES, openPage, startBackend, tap, text, type Backend } from './support/harness';
import { bookAs, publishedReception } from './support/receptions';

describe('我的预约', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('says when there is none', async () => {
    const page = await openPage('pages/receptions/mine/index');
    expect(text(page)).toContain('还没有预约过接待');
  });

  it('lists the bookings with their door code or place on the waiting list, and opens the notice', async () => {
    const a = await publishedReception(backend.t);
    const b = await publishedReception(backend.t, { topic: '流动接待进村', form: 'mobile', place: '福应街道某村文化礼堂', capacity: 1, startAt: '2026-11-13T14:00:00+08:00', endAt: '2026-11-13T16:00:00+08:00' });
    const booked = await bookAs(backend.t, DEV_IDENTITIES.resident, a.id);
    await bookAs(backend.t, 'another-resident', b.id);
    await bookAs(backend.t, DEV_IDENTITIES.resident, b.id);

    const page = await openPage('pages/receptions/mine/index');
    const cards = page.querySelectorAll('.card');
    expect(cards).toHaveLength(2);
    expect(text(cards[0])).toContain('流动接待进村');
    expect(text(cards[0])).toContain('候补中');
    expect(text(cards[0])).toContain('候补第 1 位');
    expect(text(cards[1])).toContain('老旧小区改造意见征集');
    expect(text(cards[1])).toContain(`签到码 ${booked.myBooking.code}`);

    await tap(page, '.card');
    expect(backend.navigations.pop()).toBe(`/pages/receptions/detail/index?id=${b.id}`);
  });

  it('shows that a booked reception was cancelled by the studio', async () => {
    const r = await publishedReception(backend.t);
    await bookAs(backend.t, DEV_IDENTITIES.resident, r.id);
    await backend.t.ok('receptions', DEV_IDENTITIES.liaison, { action: 'cancel', id: r.id, reason: '代表临时参加防汛工作' });
    const page = await openPage('pages/receptions/mine/index');
    expect(text(page)).toContain('该接待已取消');
  });
});

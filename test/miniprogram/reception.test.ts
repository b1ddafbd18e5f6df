import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { bookAs, publishedReception } from './support/receptions';

const wx = () => (globalThis as any).wx;

describe('接待公告', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('shows the notice: time, place, form, topic and the representatives on duty with unit and contact', async () => {
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    const shown = text(page);
    expect(shown).toContain('老旧小区改造意见征集');
    expect(shown).toContain('11月12日 周四 09:00–11:30');
    expect(shown).toContain('仙居县福应街道文化路25号党员服务中心二楼');
    expect(shown).toContain('工作室接待');
    expect(shown).toContain('王建华');
    expect(shown).toContain('福应街道党工委副书记');
    // No representative agreed to show their own mobile: residents get the studio's phone.
    expect(shown).toMatch(/拨打工作室电话 0576-\d{8}/);
    expect(shown).not.toMatch(/电话 1\d{10}/);
    expect(shown).toContain('共 20 位，余 20 位');
    await backend.t.ok('members', DEV_IDENTITIES.representative, { action: 'consent', contactPublic: true });
    const agreed = text(await openPage('pages/receptions/detail/index', { id: r.id }));
    expect(agreed).toMatch(/拨打电话 1\d{10}/);
  });

  it('books a place and shows the door code as text and as a QR code', async () => {
    const consent = jest.spyOn(wx(), 'requestSubscribeMessage');
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    expect(exists(page, '.question-hint')).toBe(false);
    await type(page, '.question', '小区加装电梯的费用如何分摊？');
    // Typing a question says it becomes an item, and asks its category (其他 unless chosen).
    expect(text(find(page, '.question-hint'))).toContain('登记为本工作室的意见建议');
    await tapText(page, '.question-category', '城乡建设');
    await tapButton(page, '.book');
    expect(consent).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['dev-booking', 'dev-activity'] }));

    const booked = backend.t.ok('receptions', DEV_IDENTITIES.resident, { action: 'get', id: r.id });
    const code: string = (await booked).myBooking.code;
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    expect(text(page)).toContain('已预约');
    expect(text(page)).toContain(code);
    expect(find(page, '.qr').data.value).toBe(code);
    expect(text(page)).toContain('我的问题：小区加装电梯的费用如何分摊？');
    const item = await backend.t.store.get<{ _id: string; _v: number; category: string; content: string; channel: string }>('items', (await booked).myBooking.itemId);
    expect(item).toEqual(expect.objectContaining({ category: '城乡建设', content: '小区加装电梯的费用如何分摊？', channel: 'reception' }));
    await tap(page, '.booking__item');
    expect(backend.navigations.pop()).toBe(`/pages/items/detail/index?id=${encodeURIComponent(item!._id)}`);
    // The only thing left to do is to cancel.
    expect(page.querySelector('.book')).toBeUndefined();
    expect(page.querySelector('.cancel')).toBeDefined();
  });

  it('joins the waiting list when the reception is full, and shows the place in the queue', async () => {
    const r = await publishedReception(backend.t, { capacity: 1 });
    await bookAs(backend.t, 'another-resident', r.id);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    expect(text(page)).toContain('名额已满，加入候补');
    await tapButton(page, '.book');
    expect(text(page)).toContain('候补中');
    expect(text(page)).toContain('候补第 1 位');
    expect(page.querySelector('.qr')).toBeUndefined();
  });

  it('cancels a booking after asking, and offers to book again', async () => {
    const r = await publishedReception(backend.t);
    await bookAs(backend.t, DEV_IDENTITIES.resident, r.id);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.cancel');
    expect(modal).toHaveBeenCalled();
    expect(text(page)).toContain('预约参加');
    expect(text(page)).toContain('余 20 位');
    expect(page.querySelector('.qr')).toBeUndefined();
  });

  it('says why a booking was refused, and keeps the question typed', async () => {
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/receptions/detail/index', { id: r.id });
    await type(page, '.question', '想问问停车位的事情');
    backend.t.clock.set(r.startAt + 60_000);
    await tapButton(page, '.book');
    expect(find(page, '.action-error').dom.textContent).toBe('接待已开始，不能再预约');
    expect(page.data.question).toBe('想问问停车位的事情');
  });

  it('a reception not published shows the back end\'s message', async () => {
    const draft = await backend.t.ok('receptions', DEV_IDENTITIES.liaison, {
      action: 'schedule',
      studioId: 'studio-fuying',
      startAt: '2026-11-20T09:00:00+08:00',
      endAt: '2026-11-20T10:00:00+08:00',
      form: 'studio',
      topic: '草稿接待',
      representativeIds: ['rep-fuying-1'],
      capacity: 5,
    });
    const page = await openPage('pages/receptions/detail/index', { id: draft.id });
    expect(text(page)).toContain('该接待不存在或您无权查看');
    // Reloading cannot help: the page offers 首页 instead (a shared page has no page behind it).
    expect(text(page)).toContain('回到首页');
    expect(text(page)).not.toContain('重新加载');
  });
});

import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

/** Honest deadlines (issue 16, point 3): residents' 已超期 / 催办 / the studio's phone; the staff queue's order, search and 下一件. */

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;
const sh = (local: string) => Date.parse(`${local}+08:00`);
const cards = (page: View) => page.querySelectorAll('.card').map((c) => text(c));

describe('a resident\'s overdue item', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  it('says the days left while in time, then 已超期 N 天 with the studio\'s phone and 催办, once every 3 days', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: 'rep-fuying-1' });
    let page = await openPage('pages/items/detail/index', { id: item.id });
    expect(text(find(page, '.days-left'))).toBe('剩 15 天');
    expect(exists(page, '.overdue')).toBe(false);
    expect(exists(page, '.urge')).toBe(false);
    expect(exists(page, '.call-studio')).toBe(false);

    backend.t.clock.set(sh('2026-11-20T10:00:00')); // due 2026-11-17
    page = await openPage('pages/items/detail/index', { id: item.id });
    expect(text(find(page, '.overdue'))).toBe('已超期 3 天');
    expect(find(page, '.overdue').dom.className).toContain('tag--alarm');
    const call = jest.spyOn(wx(), 'makePhoneCall').mockImplementation(() => undefined);
    await tapButton(page, '.call-studio');
    expect(call).toHaveBeenCalledWith({ phoneNumber: item.studioPhone });
    expect(text(page)).toContain(`拨打工作室电话 ${item.studioPhone}`);

    const toast = jest.spyOn(wx(), 'showToast');
    await tapButton(page, '.urge');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'urge', id: item.id });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已催办，工作室会尽快办理' }));
    expect(text(find(page, '.urge-wait')).trim()).toBe('3 天后可再次催办');
    expect(exists(page, '.urge')).toBe(false);
    expect(page.querySelectorAll('.event__label').map((n) => text(n))[0]).toBe('催办反映人');

    // The waiting line is no button: a tap sends nothing.
    const sent = backend.sent.length;
    await tap(page, '.urge-wait');
    expect(backend.sent.length).toBe(sent);

    backend.t.clock.set(sh('2026-11-22T10:30:00'));
    page = await openPage('pages/items/detail/index', { id: item.id });
    expect(text(find(page, '.urge-wait')).trim()).toBe('1 天后可再次催办');
    backend.t.clock.set(sh('2026-11-23T10:00:01'));
    page = await openPage('pages/items/detail/index', { id: item.id });
    expect(text(find(page, '.urge', '.t-button')).trim()).toBe('催办');
  });

  it('我的反映 says 已超期 N 天 on the overdue row and urges from the list; rows in time say the days left', async () => {
    const late = await backend.t.ok('register', resident, submitEvent({ content: '第一件：小区门口的路灯坏了。' }));
    backend.t.clock.set(sh('2026-11-12T10:00:00'));
    await backend.t.ok('register', resident, submitEvent({ content: '第二件：垃圾清运不及时。' }));
    backend.t.clock.set(sh('2026-11-20T10:00:00'));
    const mine = await openPage('pages/items/mine/index');
    const [newer, older] = cards(mine);
    expect(newer).toContain('剩 7 天');
    expect(newer).not.toContain('催办');
    expect(older).toContain('已超期 3 天');
    expect(older).toContain(`拨打 ${late.studioPhone}`);
    const toast = jest.spyOn(wx(), 'showToast');
    await tap(mine, '.chase-urge');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'urge', id: late.id });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已催办，工作室会尽快办理' }));
    expect(cards(mine)[1]).toContain('3 天后可再次催办');
    // the tap on 催办 did not open the item
    expect(backend.navigations).toEqual([]);
  });

  it('a refused 催办 says why in Chinese', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.t.clock.set(sh('2026-11-20T10:00:00'));
    const page = await openPage('pages/items/detail/index', { id: item.id });
    // Meanwhile, chased from another phone.
    await backend.t.ok('register', resident, { action: 'urge', id: item.id });
    const toast = jest.spyOn(wx(), 'showToast');
    await tapButton(page, '.urge');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringMatching(/[\u4e00-\u9fa5]/) }));
  });
});

describe('the staff queue', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
    backend.as(liaison);
  });

  /** Three items: one due 11-17, one promised for 11-06, one answered. */
  async function three() {
    const a = await backend.t.ok('register', resident, submitEvent({ content: '第一件：小区门口的路灯坏了。' }));
    backend.t.clock.set(sh('2026-11-05T10:00:00'));
    const b = await backend.t.ok('register', resident, submitEvent({ content: '第二件：垃圾清运不及时。' }));
    const c = await backend.t.ok('register', resident, submitEvent({ content: '第三件：已经答复的那件。' }));
    await backend.t.ok('register', rep, { action: 'accept', id: b.id });
    await backend.t.ok('register', rep, { action: 'promise', id: b.id, deadline: '2026-11-06', note: '明天答复' });
    await backend.t.ok('register', rep, { action: 'accept', id: c.id });
    await backend.t.ok('register', rep, { action: 'answer', id: c.id, reply: '已经答复了这一件。' });
    const d = await backend.t.ok('register', resident, submitEvent({ content: '第四件：公交站台的棚子漏雨。' }));
    return { a, b, c, d };
  }

  it('lists open items the most overdue first, then by deadline, saying 超期 N 天 / 剩 N 天', async () => {
    const { a, b, d } = await three();
    backend.t.clock.set(sh('2026-11-18T10:00:00'));
    const page = await openPage('pages/staff/queue/index');
    expect(backend.sent.filter((s) => s.data.action === 'inbox').at(-1)?.data).toEqual({ action: 'inbox', order: 'due', page: 1, pageSize: 10 });
    const shown = cards(page);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toContain(b.no);
    expect(shown[0]).toContain('超期 12 天');
    expect(shown[1]).toContain(a.no);
    expect(shown[1]).toContain('超期 1 天');
    expect(shown[2]).toContain(d.no);
    expect(shown[2]).toContain('剩 2 天');
    expect(page.querySelectorAll('.card__overdue')).toHaveLength(2);
    expect(text(page)).toContain('超期的在前');
  });

  it('searches by number or words after a pause in typing, and says when nothing is found', async () => {
    const { a, c } = await three();
    const page = await openPage('pages/staff/queue/index');
    const inboxCalls = () => backend.sent.filter((s) => s.data.action === 'inbox');
    const before = inboxCalls().length;
    const typeSearch = (value: string) => find(page, '.search__input').dispatchEvent('input', { detail: { value } });
    for (const v of ['路', '路灯']) typeSearch(v);
    await new Promise((r) => setTimeout(r, 500));
    await backend.settle();
    expect(inboxCalls().slice(before).map((s) => s.data)).toEqual([{ action: 'inbox', q: '路灯', page: 1, pageSize: 10 }]);
    expect(cards(page)).toEqual([expect.stringContaining(a.no)]);

    // a number finds an answered item too (typed as the keyboard's 搜索 sends it)
    page.instance.onSearch({ detail: { value: c.no.toLowerCase().replace('-000', '-') } });
    page.instance.search();
    await backend.settle();
    expect(cards(page)).toEqual([expect.stringContaining(c.no)]);

    page.instance.onSearch({ detail: { value: '没有这回事' } });
    page.instance.search();
    await backend.settle();
    expect(page.data.state).toBe('empty');
    expect(text(page)).toContain('没有找到与“没有这回事”相关的事项');

    await tap(page, '.search__clear');
    expect(cards(page)).toHaveLength(3);
  });

  it('after an action on an item opened from the queue, offers the next one (下一件)', async () => {
    const { a, b, d } = await three();
    backend.t.clock.set(sh('2026-11-18T10:00:00'));
    const queue = await openPage('pages/staff/queue/index');
    await tap(queue, '.card');
    const url = backend.navigations.pop();
    expect(url).toBe(`/pages/staff/item/index?id=${b.id}&queue=all`);

    const page = await openPage('pages/staff/item/index', { id: b.id, queue: 'all' });
    expect(exists(page, '.next')).toBe(false);
    expect(text(find(page, '.overdue'))).toBe('超期 12 天');
    await tapButton(page, '.action-answer');
    await tapText(page, '.template', '已协调解决');
    await tapButton(page, '.send-reply');
    expect(find(page, '.status').dom.textContent).toBe('已答复');
    // b left the queue: the next is the most overdue one left
    expect(text(find(page, '.next'))).toContain(a.no);
    expect(text(find(page, '.next'))).toContain('超期 1 天');
    const redirect = jest.spyOn(wx(), 'redirectTo');
    await tapButton(page, '.open-next');
    expect(redirect).toHaveBeenCalledWith({ url: `/pages/staff/item/index?id=${a.id}&queue=all` });

    // accepting a keeps it in the queue: the next is the one after it
    const second = await openPage('pages/staff/item/index', { id: a.id, queue: 'all' });
    await tapButton(second, '.action-accept');
    expect(text(find(second, '.next'))).toContain(d.no);

    // opened from elsewhere (a message), no offer
    const plain = await openPage('pages/staff/item/index', { id: d.id });
    await tapButton(plain, '.action-accept');
    expect(exists(plain, '.next')).toBe(false);
  });

  it('says when the queue has nothing left', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    const page = await openPage('pages/staff/item/index', { id: item.id, queue: 'new' });
    await tapButton(page, '.action-accept');
    expect(text(find(page, '.next'))).toContain('待办队列里没有其他事项了');
  });
});

import { DEV_IDENTITIES, openPage, startBackend, tap, tapButton, text, type Backend } from './support/harness';
import { submitEvent } from '../support/app';
import { bookAs, publishedReception } from './support/receptions';

const { resident, representative: rep } = DEV_IDENTITIES;

describe('消息中心', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('says when there is none', async () => {
    const page = await openPage('pages/notices/index/index');
    expect(text(page)).toContain('暂无消息');
  });

  it('lists the messages newest first with the unread ones marked; opening one marks it read and opens its page', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    const r = await publishedReception(backend.t);
    await bookAs(backend.t, resident, r.id);

    const home = await openPage('pages/home/index/index');
    expect(text(home.querySelector('.notices')!)).toBe('消息2');

    const page = await openPage('pages/notices/index/index');
    const rows = page.querySelectorAll('.notice');
    expect(rows).toHaveLength(2);
    expect(text(rows[0])).toContain('预约成功');
    expect(text(rows[1])).toContain(item.no);
    expect(text(page)).toContain('2 条未读');

    await tap(page, '.notice');
    expect(backend.navigations.pop()).toBe(`/pages/receptions/detail/index?id=${r.id}`);
    expect(text(page)).toContain('1 条未读');
    expect((await backend.t.ok('members', resident, { action: 'notices' })).unread).toBe(1);

    await tapButton(page, '.read-all');
    expect(text(page)).toContain('全部已读');
    expect((await backend.t.ok('members', resident, { action: 'notices' })).unread).toBe(0);
  });

  it('a message about an item opens the item page the back end names', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    const page = await openPage('pages/notices/index/index');
    await tap(page, '.notice');
    const url = backend.navigations.pop()!;
    expect(url).toBe(`/pages/items/detail/index?id=${item.id}`);
    expect(backend.sent.filter((s) => s.data.action === 'markRead')).toHaveLength(1);
  });
});

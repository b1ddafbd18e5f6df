import { DEV_IDENTITIES, find, openPage, startBackend, tapButton, tapText, text, type, type Backend } from './support/harness';
import { submitEvent } from '../support/app';

const { resident, representative: rep } = DEV_IDENTITIES;

/** An item of the resident's that representative 王建华 accepted and answered, through the app. */
async function answeredItem(backend: Backend): Promise<string> {
  const item = await backend.t.ok('register', resident, submitEvent());
  await backend.t.ok('register', rep, { action: 'accept', id: item.id });
  await backend.t.ok('register', rep, { action: 'answer', id: item.id, reply: '已联系路灯所，本周内修复。' });
  return item.id;
}

describe('办理进度 and feedback', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('shows number, status, the reply, what happens next and the timeline', async () => {
    const id = await answeredItem(backend);
    const page = await openPage('pages/items/detail/index', { id });
    const shown = text(page);
    expect(shown).toContain('XJ2026-000001');
    expect(shown).toContain('已答复');
    expect(shown).toContain('已联系路灯所，本周内修复。');
    expect(shown).toContain('王建华');
    expect(shown).toContain('请对答复作出评价；2026年11月9日 前未评价的将自动办结');
    // Newest first: answered, accepted, submitted.
    const events = page.querySelectorAll('.event__label').map((n) => String(n.dom.textContent));
    expect(events).toEqual(['答复王建华', '受理王建华', '提交反映反映人']);
  });

  it('shows the photos sent with the item and opens them full screen', async () => {
    // Uploaded by the resident under their own folder (members.me's uploadDir), as 我要反映 does.
    const { uploadDir } = await backend.t.ok('members', resident, { action: 'me' });
    const photos = [backend.t.cloudStorage.put(`${uploadDir}/202611/a.jpg`), backend.t.cloudStorage.put(`${uploadDir}/202611/b.jpg`)];
    const item = await backend.t.ok('register', resident, submitEvent({ photos }));
    const page = await openPage('pages/items/detail/index', { id: item.id });
    const shown = page.querySelectorAll('.photo');
    expect(shown.map((n) => n.dom.getAttribute('src') ?? n.data)).toHaveLength(2);
    const preview = jest.spyOn((globalThis as any).wx, 'previewImage').mockImplementation(() => undefined);
    await tapText(page, '.photo', '');
    expect(preview).toHaveBeenCalledWith({ urls: photos, current: photos[0] });
  });

  it('gives satisfied feedback on an answered item and sees it closed', async () => {
    const id = await answeredItem(backend);
    const page = await openPage('pages/items/detail/index', { id });
    await tapText(page, '.choice', '满意');
    await type(page, '.comment', '修得很快，谢谢');
    await tapButton(page, '.send');

    expect(find(page, '.status').dom.textContent).toBe('已办结');
    expect(text(page)).toContain('已办结，感谢您的参与。');
    expect(text(page)).toContain('第 1 轮：满意，修得很快，谢谢');
    expect(page.querySelector('.feedback')).toBeUndefined();

    const mine = await openPage('pages/items/mine/index');
    expect(text(mine.querySelectorAll('.card')[0])).toContain('已办结');
  });

  it('not satisfied sends it back to the studio for another round', async () => {
    const id = await answeredItem(backend);
    const page = await openPage('pages/items/detail/index', { id });
    await tapText(page, '.choice', '不满意');
    await type(page, '.comment', '晚上还是黑的');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(text(page)).toContain('第 1 轮：不满意，晚上还是黑的');
    expect(page.querySelector('.feedback')).toBeUndefined();
  });

  it('asks for a choice before sending feedback', async () => {
    const id = await answeredItem(backend);
    const page = await openPage('pages/items/detail/index', { id });
    await tapButton(page, '.send');
    expect(find(page, '.feedback-error').dom.textContent).toBe('请选择满意或不满意');
    expect(backend.sent.filter((s) => s.data.action === 'feedback')).toHaveLength(0);
  });

  it('an item still being handled asks for no feedback', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    await backend.t.ok('register', rep, { action: 'promise', id: item.id, deadline: '2026-11-20', note: '已联系路灯所' });
    const page = await openPage('pages/items/detail/index', { id: item.id });
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(text(page)).toContain('承诺于 2026年11月20日 前答复。');
    expect(page.querySelector('.feedback')).toBeUndefined();
  });

  it("someone else's item is not shown: the page says so", async () => {
    const item = await backend.t.ok('register', 'another-resident', submitEvent());
    const page = await openPage('pages/items/detail/index', { id: item.id });
    expect(text(page)).toContain('不存在或您无权查看');
    expect(text(page)).not.toContain(item.no);
  });
});

describe('我的反映', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('says when there is nothing yet, and offers 我要反映', async () => {
    const page = await openPage('pages/items/mine/index');
    expect(text(page)).toContain('您还没有反映过意见建议');
    await tapButton(page, '.submit');
    expect(backend.navigations.pop()).toBe('/pages/items/submit/index');
  });

  it('loads 10 at a time, more at the bottom, and pulls to refresh', async () => {
    for (let i = 1; i <= 12; i++) {
      backend.t.clock.set(backend.t.clock.now() + 13 * 60_000); // at most 5 an hour
      await backend.t.ok('register', resident, submitEvent({ content: `第 ${i} 条：小区门口的路灯坏了。` }));
    }
    const page = await openPage('pages/items/mine/index');
    expect(page.querySelectorAll('.card')).toHaveLength(10);
    expect(text(page.querySelectorAll('.card')[0])).toContain('第 12 条');

    page.instance.onReachBottom();
    await backend.settle();
    expect(page.querySelectorAll('.card')).toHaveLength(12);
    expect(text(page)).toContain('没有更多了');
    page.instance.onReachBottom();
    await backend.settle();
    expect(backend.sent.filter((s) => s.data.action === 'mine')).toHaveLength(2); // nothing more to ask for

    backend.t.clock.set(backend.t.clock.now() + 60 * 60_000);
    await backend.t.ok('register', resident, submitEvent({ content: '第 13 条：垃圾桶不够用。' }));
    const stop = jest.spyOn((globalThis as any).wx, 'stopPullDownRefresh');
    page.instance.onPullDownRefresh();
    await backend.settle();
    expect(stop).toHaveBeenCalled();
    expect(page.querySelectorAll('.card')).toHaveLength(10);
    expect(text(page.querySelectorAll('.card')[0])).toContain('第 13 条');
  });

  it('marks the items that wait for the resident\'s feedback', async () => {
    const id = await answeredItem(backend);
    const page = await openPage('pages/items/mine/index');
    expect(text(page.querySelectorAll('.card')[0])).toContain('已答复，请评价');
    expect(page.querySelectorAll('.card')[0].dom.getAttribute('data-id')).toBe(id);
  });
});

import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { forumIn, parkingItems } from '../support/forums';

/**
 * The staff pages of 党代表论坛 (issue 12): a liaison picks a theme residents raise, schedules a
 * township forum linking its items, publishes it, reads the views, closes it with an outcome
 * as a proposal; a representative sees the forums they take part in; buttons from `actions`.
 */

const { representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;
const sh = (local: string) => Date.parse(`${local}+08:00`);
const buttons = (page: View) => page.querySelectorAll('.action').map((b) => text(find(b, '.t-button')).trim());

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

describe('the liaison', () => {
  it('schedules a forum from the theme residents raise most, linking its items, and publishes it', async () => {
    const items = await parkingItems(backend.t);
    backend.as(liaison);
    const bench = await openPage('pages/staff/workbench/index');
    await tap(bench, '.entry--forums');
    expect(backend.navigations.pop()).toBe('/pages/staff/forums/index');
    const list = await openPage('pages/staff/forums/index');
    expect(list.data.state).toBe('empty');
    await tapButton(list, '.schedule');
    expect(backend.navigations.pop()).toBe('/pages/staff/forum-schedule/index');

    const form = await openPage('pages/staff/forum-schedule/index');
    expect(form.querySelectorAll('.level').map((l) => text(l).trim())).toEqual(['乡镇（街道）论坛', '代表团论坛']);
    const themes = form.querySelectorAll('.theme').map((t) => text(t).trim());
    expect(themes[0]).toBe('停车 · 3 件');
    expect(backend.sent.find((s) => s.data.action === 'suggestTopics')?.data).toEqual({ action: 'suggestTopics', scope: 'township', id: 'fuying' });

    await tapButton(form, '.send');
    expect(form.data.errors).toEqual(expect.objectContaining({ topic: '请填写论坛主题', representativeIds: '请至少选择一位参加论坛的党代表' }));
    expect(backend.sent.some((s) => s.data.action === 'schedule')).toBe(false);

    await tapText(form, '.theme', '停车 · 3 件');
    expect(form.data.topic).toBe('聚焦停车问题');
    expect(form.querySelectorAll('.linked-item').map((i) => text(i).trim()).sort()).toEqual(items.map((i) => `${i.no} ✕`).sort());
    await tap(form, '.linked-item'); // one taken off again
    await type(form, '.topic', '破解城东片区停车难');
    find(form, '.date-picker').dispatchEvent('change', { detail: { value: '2026-11-20' } });
    await tapText(form, '.rep', '王建华');
    await tapText(form, '.rep', '陈素芬');
    await tapText(form, '.dept', '县住建局');
    await tapButton(form, '.send');
    const sent = backend.sent.filter((s) => s.data.action === 'schedule').at(-1)?.data;
    expect(sent).toEqual(
      expect.objectContaining({
        level: 'township',
        studioId: 'studio-fuying',
        topic: '破解城东片区停车难',
        startAt: '2026-11-20T14:00:00+08:00',
        endAt: '2026-11-20T16:30:00+08:00',
        representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
        invitedDepartmentIds: ['dept-zhujian'],
      }),
    );
    expect(sent?.itemIds).toHaveLength(2);
    const url = backend.navigations.pop() ?? '';
    expect(url).toMatch(/^\/pages\/staff\/forum\/index\?id=fm/);
    const id = decodeURIComponent(url.split('id=')[1]);

    const page = await openPage('pages/staff/forum/index', { id });
    expect(find(page, '.status').dom.textContent).toBe('草稿');
    expect(page.querySelectorAll('.linked-item')).toHaveLength(2);
    expect(buttons(page)).toEqual(['发布公告', '取消论坛']);
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.action-publish');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布公告' }));
    expect(find(page, '.status').dom.textContent).toBe('即将举行');
    expect(buttons(page)).toEqual(['取消论坛']);
    await tap(page, '.open-notice');
    expect(backend.navigations.pop()).toBe(`/pages/staff/forum-notice/index?id=${id}`);
    const notice = await openPage('pages/staff/forum-notice/index', { id });
    // <rich-text> draws its nodes itself: what it is given is the notice, its styles inline.
    expect(notice.data.state).toBe('ready');
    expect(notice.data.nodes).toContain('党代表论坛公告');
    expect(notice.data.nodes).toContain('破解城东片区停车难');
    expect(notice.data.nodes).not.toContain('class="sub"');
    expect(notice.data.nodes).not.toContain('打印公告');
  });

  it('reads the views residents sent, without their names, and closes the ended forum with an outcome as a proposal', async () => {
    const { id } = await forumIn(backend.t, 'published', { views: 2 });
    await backend.t.ok('forums', rep, { action: 'submitView', id, requestId: 'rep-view-000001', content: '可推行机关单位停车位夜间向居民开放。' });
    backend.as(liaison);
    let page = await openPage('pages/staff/forum/index', { id });
    expect(text(find(page, '.views'))).toContain('征集的意见（3 条）');
    expect(page.querySelectorAll('.view-line').map((v) => text(v))).toEqual([
      expect.stringContaining('王建华'),
      expect.stringContaining('群众'),
      expect.stringContaining('群众'),
    ]);
    expect(text(find(page, '.views'))).not.toContain('resident-view');
    expect(exists(page, '.action-close')).toBe(false);

    backend.t.clock.set(sh('2026-11-20T17:00:00'));
    page = await openPage('pages/staff/forum/index', { id });
    expect(find(page, '.status').dom.textContent).toBe('已结束，待登记成果');
    expect(buttons(page)).toEqual(['登记论坛成果']);
    await tapButton(page, '.action-close');
    // Everyone invited is marked as attended to start from.
    expect(page.data.attended).toEqual({ 'rep-fuying-1': true, 'rep-fuying-2': true });
    expect(page.querySelectorAll('.attended').every((a) => String(a.dom.className).includes('choice--on'))).toBe(true);
    // The first invited presides to start from; the organiser says it was the second.
    expect(page.querySelectorAll('.host').map((h) => String(h.dom.className).includes('choice--on'))).toEqual([true, false]);
    await tap(page, '.host');
    await tapButton(page, '.send');
    expect(text(find(page, '.panel-close'))).toContain('请选择主持论坛的党代表');
    await tapText(page, '.host', text(page.querySelectorAll('.host')[1]));
    expect(text(find(page, '.panel-close'))).toContain('请填写论坛情况');
    await type(page, '.summary', '与会党代表和群众代表围绕停车难充分讨论，形成两项成果。');
    await type(page, '.outcome-title', '规划建设城东公共停车场');
    await type(page, '.outcome-content', '建议县住建局牵头规划建设城东公共停车场，缓解老旧小区停车难。');
    await tap(page, '.as-proposal');
    await tap(page, '.add-outcome');
    const titles = page.querySelectorAll('.outcome-title');
    expect(titles).toHaveLength(2);
    await tapButton(page, '.send');
    const close = backend.sent.filter((s) => s.data.action === 'close').at(-1)?.data;
    expect(close).toEqual(
      expect.objectContaining({
        attendance: ['rep-fuying-1', 'rep-fuying-2'],
        hostRepIds: ['rep-fuying-2'],
        outcomes: [{ title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场，缓解老旧小区停车难。', asProposal: true }],
      }),
    );
    expect(find(page, '.status').dom.textContent).toBe('已举行');
    expect(text(find(page, '.results'))).toContain('已转为代表提议 TY2026-001');
    expect(page.data.f?.attendance).toEqual([
      expect.objectContaining({ id: 'rep-fuying-1', host: false }),
      expect.objectContaining({ id: 'rep-fuying-2', host: true }),
    ]);
    await tap(page, '.outcome-proposal');
    expect(backend.navigations.pop()).toMatch(/^\/pages\/staff\/proposal\/index\?id=ty/);
  });

  it('cancels a published forum with the reason', async () => {
    const { id } = await forumIn(backend.t, 'published');
    backend.as(liaison);
    const page = await openPage('pages/staff/forum/index', { id });
    await tapButton(page, '.action-cancel');
    await tapButton(page, '.send');
    expect(text(find(page, '.panel-cancel-forum'))).toContain('请填写取消原因');
    await type(page, '.cancel-reason', '因台风预警改期举行');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('已取消');
    expect(text(find(page, '.cancelled'))).toContain('因台风预警改期举行');
    expect(buttons(page)).toEqual([]);
  });
});

describe('a representative taking part', () => {
  it('sees the forum in their list, reads the views, and has nothing to publish or close', async () => {
    const { id } = await forumIn(backend.t, 'published', { views: 1 });
    backend.as(rep);
    const list = await openPage('pages/staff/forums/index');
    expect(exists(list, '.schedule')).toBe(false);
    expect(list.querySelectorAll('.row').map((r) => r.dom.dataset.id)).toEqual([id]);
    const page = await openPage('pages/staff/forum/index', { id });
    expect(buttons(page)).toEqual([]);
    expect(text(find(page, '.views'))).toContain('征集的意见（1 条）');
  });

  it('a resident on the staff page of a forum is sent to its public page', async () => {
    const { id } = await forumIn(backend.t, 'published');
    backend.as(DEV_IDENTITIES.resident);
    await openPage('pages/staff/forum/index', { id });
    expect(backend.navigations.pop()).toBe(`/pages/forums/detail/index?id=${id}`);
  });
});

import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, text, type, type Backend } from './support/harness';
import { forumIn, proposalIn } from '../support/forums';

/**
 * The residents' pages of issue 12: upcoming forums, sending a view, the outcomes of a held
 * forum, and the progress of proposals (a progress bar and its milestones), with nothing
 * personal on them.
 */

const { resident } = DEV_IDENTITIES;

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});

describe('党代表论坛 for residents', () => {
  it('lists upcoming forums; a resident opens one and sends a view, sent once even when the answer is lost', async () => {
    const { id } = await forumIn(backend.t, 'published');
    backend.as(resident);
    const list = await openPage('pages/forums/list/index');
    expect(find(list, '.tab--on').dom.textContent.trim()).toBe('即将举行');
    const rows = list.querySelectorAll('.row');
    expect(rows.map((r) => r.dom.dataset.id)).toEqual([id]);
    expect(text(rows[0])).toContain('破解城东片区停车难');
    expect(text(rows[0])).toContain('2026年11月20日 周五 14:00–16:30');
    expect(text(rows[0])).toContain('即将举行');
    await tap(list, '.row');
    expect(backend.navigations.pop()).toBe(`/pages/forums/detail/index?id=${id}`);

    const page = await openPage('pages/forums/detail/index', { id });
    expect(text(find(page, '.head'))).toContain('乡镇（街道）党代表论坛');
    expect(text(find(page, '.people'))).toContain('王建华（福应街道党工委副书记）');
    expect(text(find(page, '.people'))).toContain('列席单位：县住建局');
    await tapButton(page, '.send');
    expect(text(find(page, '.send-error'))).toBe('请填写您的意见');
    expect(backend.sent.some((s) => s.data.action === 'submitView')).toBe(false);

    await type(page, '.view-content', '建议利用城东公园地下空间建设公共停车场。');
    backend.loseNextAnswer();
    await tapButton(page, '.send');
    expect(text(find(page, '.send-error'))).toContain('网络不给力');
    expect(page.data.content).toBe('建议利用城东公园地下空间建设公共停车场。');
    await tapButton(page, '.send');
    const sends = backend.sent.filter((s) => s.data.action === 'submitView');
    expect(sends).toHaveLength(2);
    expect(sends[1].data.requestId).toBe(sends[0].data.requestId);
    expect(await backend.t.store.count('forumViews')).toBe(1);
    expect(text(find(page, '.views'))).toContain('已收到党员群众意见 1 条');
    expect(exists(page, '.manage')).toBe(false);
  });

  it('a held forum shows its summary, attendance and outcomes, linking the proposal it became; no resident is named', async () => {
    const { id, proposalId } = await forumIn(backend.t, 'closed', { views: 2 });
    backend.as(resident);
    const list = await openPage('pages/forums/list/index', { when: 'past' });
    expect(text(find(list, '.row'))).toContain('形成成果 2 项，其中 1 项转为代表提议');
    const page = await openPage('pages/forums/detail/index', { id });
    expect(find(page, '.phase').dom.textContent.trim()).toBe('已举行');
    expect(text(find(page, '.results'))).toContain('出席党代表：王建华、陈素芬');
    expect(text(find(page, '.results'))).toContain('2. 推行错时共享停车');
    expect(exists(page, '.send')).toBe(false);
    await tap(page, '.outcome__proposal');
    expect(backend.navigations.pop()).toBe(`/pages/proposals/detail/index?id=${proposalId}`);
    for (const personal of ['张一', '张二', '13912345000']) expect(text(page)).not.toContain(personal);
  });

  it('a cancelled forum says why, with the reason in red', async () => {
    const { id } = await forumIn(backend.t, 'cancelled');
    backend.as(resident);
    const page = await openPage('pages/forums/detail/index', { id });
    expect(text(find(page, '.cancelled'))).toContain('因台风预警改期举行');
    expect(find(page, '.phase').dom.className).toContain('tag--alarm');
  });
});

describe('代表提议 for residents', () => {
  it('lists proposals past review with their departments and a progress bar; the page shows the milestones and the progress by department', async () => {
    const id = await proposalIn(backend.t, 'in_progress');
    await proposalIn(backend.t, 'submitted', '尚未审查的提议');
    backend.as(resident);
    const list = await openPage('pages/proposals/list/index');
    const rows = list.querySelectorAll('.row');
    expect(rows.map((r) => r.dom.dataset.id)).toEqual([id]);
    expect(text(rows[0])).toContain('主办：县住建局 协办：县交通运输局');
    expect(text(rows[0])).toContain('40%');
    expect(text(rows[0])).toContain('重点');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'list', public: true, page: 1, pageSize: 10 });

    const page = await openPage('pages/proposals/detail/index', { id });
    expect(text(find(page, '.head'))).toContain('TY2026-001');
    expect(text(find(page, '.units'))).toContain('张副县长领衔督办');
    expect(text(find(page, '.units'))).toContain('办理期限：2027年2月2日');
    const bar = find(page, '.progress');
    expect(text(bar)).toContain('40%');
    expect(text(bar)).toContain('选址论证');
    expect(text(find(page, '.progress-list'))).toContain('完成城东片区停车需求调查和选址论证');
    expect(text(page)).not.toContain('王建华');
    expect(text(page)).not.toContain('陈素芬');
    expect(exists(page, '.handle')).toBe(false);
  });

  it('the result once completed; a proposal not yet public is not found', async () => {
    const done = await proposalIn(backend.t, 'completed');
    const hidden = await proposalIn(backend.t, 'submitted');
    backend.as(resident);
    const page = await openPage('pages/proposals/detail/index', { id: done });
    expect(text(find(page, '.result'))).toContain('办理结果：已解决');
    expect(text(find(page, '.progress'))).toContain('100%');
    const missing = await openPage('pages/proposals/detail/index', { id: hidden });
    expect(missing.data.state).toBe('notFound');
  });

  it('a proposer is offered the handling page', async () => {
    const id = await proposalIn(backend.t, 'completed');
    backend.as(DEV_IDENTITIES.representative);
    const page = await openPage('pages/proposals/detail/index', { id });
    await tap(page, '.handle');
    expect(backend.navigations.pop()).toBe(`/pages/staff/proposal/index?id=${id}`);
  });
});

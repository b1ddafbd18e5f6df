import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { proposalIn, SECOND_REP } from '../support/forums';

/**
 * The staff pages of 代表提议 (issue 12): a representative raises and follows a proposal, the
 * administrator reviews, dispatches and urges it, the department takes it, reports progress,
 * asks for time and completes it, the proposers appraise it; buttons from `actions` only.
 */

const { resident, representative: rep, admin, department: dept } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;

/** The action buttons the page shows, by their labels, in order. */
const buttons = (page: View) => page.querySelectorAll('.action').map((b) => text(find(b, '.t-button')).trim());

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

describe('a representative', () => {
  it('raises a proposal from the workbench, with the back end\'s errors at the field and one request on a retry', async () => {
    backend.as(rep);
    const bench = await openPage('pages/staff/workbench/index');
    await tap(bench, '.entry--proposals');
    expect(backend.navigations.pop()).toBe('/pages/staff/proposals/index');
    const list = await openPage('pages/staff/proposals/index');
    expect(list.querySelectorAll('.tab').map((t) => text(t).trim())).toEqual(['全部', '待评价']);
    expect(list.data.state).toBe('empty');
    await tapButton(list, '.raise');
    expect(backend.navigations.pop()).toBe('/pages/staff/proposal-raise/index');

    const form = await openPage('pages/staff/proposal-raise/index');
    expect(form.querySelectorAll('.rep').map((r) => text(r).trim())).toContain('陈素芬');
    expect(form.querySelectorAll('.rep').map((r) => text(r).trim())).not.toContain('王建华');
    await tapButton(form, '.send');
    expect(text(form)).toContain('请选择类别');
    expect(text(form)).toContain('请填写提议标题');
    await tapText(form, '.category', '交通出行');
    await type(form, '.title', '加快城东片区停车设施建设');
    await type(form, '.content', '太短了');
    await tapText(form, '.rep', '陈素芬');
    await tapButton(form, '.send');
    expect(form.data.errors.content).toContain('提议内容至少 20 个字');
    expect(await backend.t.store.count('proposals')).toBe(0);

    await type(form, '.content', '城东片区老旧小区集中，停车位缺口大，建议规划建设公共停车场并推进错时共享停车。');
    backend.loseNextAnswer();
    await tapButton(form, '.send');
    expect(text(form)).toContain('网络不给力');
    await tapButton(form, '.send');
    expect(await backend.t.store.count('proposals')).toBe(1);
    const raises = backend.sent.filter((s) => s.data.action === 'raise');
    expect(raises.at(-1)?.data).toEqual(expect.objectContaining({ requestId: raises.at(-2)?.data.requestId, level: 'township', category: '交通出行', coSigners: ['rep-fuying-2'] }));
    const url = backend.navigations.pop() ?? '';
    expect(url).toMatch(/^\/pages\/staff\/proposal\/index\?id=ty/);

    const page = await openPage('pages/staff/proposal/index', { id: decodeURIComponent(url.split('id=')[1]) });
    expect(find(page, '.status').dom.textContent).toBe('待审查');
    expect(text(page)).toContain('提议人：王建华、陈素芬');
    expect(buttons(page)).toEqual([]);
  });

  it('appraises a completed proposal: not satisfied sends it back for round 2', async () => {
    const id = await proposalIn(backend.t, 'completed');
    backend.as(rep);
    const list = await openPage('pages/staff/proposals/index');
    await tap(list, '.tab-appraise');
    expect(list.querySelectorAll('.row').map((r) => r.dom.dataset.id)).toEqual([id]);
    const page = await openPage('pages/staff/proposal/index', { id });
    expect(text(find(page, '.results'))).toContain('已解决');
    expect(buttons(page)).toEqual(['评价']);
    await tapButton(page, '.action-appraise');
    await tapButton(page, '.send');
    expect(text(find(page, '.panel-appraise'))).toContain('请选择评价');
    await tapText(page, '.rating', '不满意');
    await type(page, '.appraise-comment', '小区内部停车问题没有解决');
    await tapButton(page, '.send');
    expect(text(find(page, '.appraisals'))).toContain('不满意');
    expect(buttons(page)).toEqual([]);
    backend.as(SECOND_REP);
    const his = await openPage('pages/staff/proposal/index', { id });
    await tapButton(his, '.action-appraise');
    await tapText(his, '.rating', '不满意');
    await tapButton(his, '.send');
    expect(find(his, '.status').dom.textContent).toBe('办理中');
    expect(text(find(his, '.head'))).toContain('第 2 轮办理');
  });
});

describe('the administrator', () => {
  it('reviews and dispatches with the forms, a key proposal under a county leader', async () => {
    const id = await proposalIn(backend.t, 'submitted');
    backend.as(admin);
    const list = await openPage('pages/staff/proposals/index');
    expect(list.querySelectorAll('.tab').map((t) => text(t).trim())).toEqual(['待审查', '待交办', '单位退回', '督办', '重点', '全部']);
    expect(list.querySelectorAll('.row').map((r) => r.dom.dataset.id)).toEqual([id]);
    const page = await openPage('pages/staff/proposal/index', { id });
    expect(buttons(page)).toEqual(['审查']);
    await tapButton(page, '.action-review');
    await tapText(page, '.decision', '退回');
    await tapButton(page, '.send');
    expect(text(find(page, '.panel-review'))).toContain('退回须说明理由');
    await tapText(page, '.decision', '立案');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('已立案，待交办');
    expect(buttons(page)).toEqual(['交办']);

    await tapButton(page, '.action-dispatch');
    await tapButton(page, '.send');
    expect(text(find(page, '.panel-dispatch'))).toContain('请选择主办单位');
    await tapText(page, '.lead-choice', '县住建局');
    // The lead is not offered as an assisting one.
    expect(page.querySelectorAll('.assisting-choice').map((c) => text(c).trim())).not.toContain('县住建局');
    await tapText(page, '.assisting-choice', '县交通运输局');
    await tapText(page, '.key-choice', '重点提议');
    await type(page, '.leader-name', '张副县长');
    await tapButton(page, '.send');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'dispatch', id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' });
    expect(find(page, '.status').dom.textContent).toBe('已交办，待签收');
    expect(text(find(page, '.units'))).toContain('主办 县住建局；协办 县交通运输局');
    expect(text(find(page, '.head'))).toContain('张副县长领衔督办');
    expect(text(find(page, '.clock'))).toContain('办理期限 2027年2月2日');
  });

  it('urges once; a second urging within 3 days shows the back end\'s refusal', async () => {
    const id = await proposalIn(backend.t, 'in_progress');
    backend.as(admin);
    const page = await openPage('pages/staff/proposal/index', { id });
    expect(buttons(page)).toEqual(['催办']);
    await tapButton(page, '.action-urge');
    await type(page, '.urge-note', '请加快进度');
    await tapButton(page, '.send');
    expect(text(find(page, '.history'))).toContain('催办：请加快进度');
    // Urging again now is not offered; the back end refuses it if sent anyway.
    expect(buttons(page)).toEqual([]);
    const r = await backend.t.call('proposals', admin, { action: 'urge', id });
    expect(r.ok).toBe(false);
  });
});

describe('department staff', () => {
  it('find the proposal in their queue, take it, report progress with a milestone and ask for more time', async () => {
    const id = await proposalIn(backend.t, 'dispatched');
    backend.as(dept);
    const bench = await openPage('pages/staff/workbench/index');
    expect(backend.navigations.pop()).toBe('/pages/staff/department/index');
    expect(bench.data.state).not.toBe('ready');
    const queue = await openPage('pages/staff/department/index');
    expect(text(find(queue, '.who'))).toBe('县住建局');
    expect(queue.querySelectorAll('.proposal-row').map((r) => r.dom.dataset.id)).toEqual([id]);
    await tap(queue, '.proposal-row');
    expect(backend.navigations.pop()).toBe(`/pages/staff/proposal/index?id=${id}`);

    const page = await openPage('pages/staff/proposal/index', { id });
    expect(buttons(page)).toEqual(['签收', '退回交办']);
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.action-accept');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '签收' }));
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(buttons(page)).toEqual(['报告进展', '申请延期', '办复']);

    await tapButton(page, '.action-progress');
    await tapText(page, '.percent', '40%');
    await type(page, '.milestone', '选址论证');
    await type(page, '.progress-text', '完成城东片区停车需求调查和选址论证');
    await tapButton(page, '.send');
    expect(text(find(page, '.progress'))).toContain('40%');
    expect(text(find(page, '.progress'))).toContain('选址论证');

    await tapButton(page, '.action-requestExtension');
    find(page, '.until').dispatchEvent('change', { detail: { value: '2027-03-31' } });
    await type(page, '.extension-reason', '停车场选址需履行规划调整程序');
    await tapButton(page, '.send');
    expect(text(find(page, '.extension-request'))).toContain('申请延期至 2027年3月31日');
    expect(buttons(page)).toEqual(['报告进展', '办复']);

    backend.as(admin);
    const his = await openPage('pages/staff/proposal/index', { id });
    expect(buttons(his)).toEqual(['同意延期', '不同意延期', '催办']);
    await tapButton(his, '.action-approveExtension');
    await tapButton(his, '.send');
    expect(text(find(his, '.clock'))).toContain('办理期限 2027年3月31日');
  });

  it('complete it with a result; an assisting department only reports progress; a refusal leaves the public page', async () => {
    const id = await proposalIn(backend.t, 'in_progress');
    backend.as(dept);
    const page = await openPage('pages/staff/proposal/index', { id });
    await tapButton(page, '.action-complete');
    await tapText(page, '.result-choice', '已解决');
    await type(page, '.complete-text', '已建成');
    await tapButton(page, '.send');
    expect(page.data.errors.text).toContain('办复内容至少 10 个字');
    await type(page, '.complete-text', '城东公共停车场已建成投用，新增车位 320 个。');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('已办复，待评价');

    const { code } = await backend.t.ok('members', admin, { action: 'invite', kind: 'department', departmentId: 'dept-jiaotong' });
    await backend.t.ok('members', 'wx-jiaotong', { action: 'bind', code });
    const other = await proposalIn(backend.t, 'in_progress', '推进城区停车诱导系统建设');
    backend.as('wx-jiaotong');
    const assisting = await openPage('pages/staff/proposal/index', { id: other });
    expect(buttons(assisting)).toEqual(['报告进展']);

    const third = await proposalIn(backend.t, 'dispatched', '规范城区共享单车停放');
    backend.as(dept);
    const p3 = await openPage('pages/staff/proposal/index', { id: third });
    await tapButton(p3, '.action-refuse');
    await type(p3, '.refuse-reason', '共享单车管理属综合行政执法部门职责');
    await tapButton(p3, '.send');
    expect(backend.navigations.pop()).toBe(`/pages/proposals/detail/index?id=${third}`);
  });

  it('have the items referred to their department and record the result on the item\'s page', async () => {
    const item = await backend.t.ok('register', 'resident-lamp', { action: 'submit', requestId: 'req-lamp-000001', studioId: 'studio-fuying', category: '城乡建设', content: '城东路 3 号门口路灯坏了一个多月，晚上出行不安全。', contactName: '李明', contactPhone: '13812345678' });
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    await backend.t.ok('register', DEV_IDENTITIES.liaison, { action: 'refer', id: item.id, departmentId: 'dept-zhujian', deadline: '2026-11-20' });
    backend.as(dept);
    const queue = await openPage('pages/staff/department/index');
    await tap(queue, '.tab-items');
    expect(text(find(queue, '.tab-items'))).toBe('转交事项（1）');
    expect(text(find(queue, '.item-row'))).toContain('办理期限 2026年11月20日');
    await tap(queue, '.item-row');
    expect(backend.navigations.pop()).toBe(`/pages/staff/item/index?id=${item.id}`);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    expect(text(page)).not.toContain('13812345678');
    await tapButton(page, '.action-result');
    await type(page, '.result', '路灯属县住建局管养，已于 11 月 5 日修复。');
    await tapButton(page, '.send-result');
    expect(text(page)).toContain('办理结果：路灯属县住建局管养，已于 11 月 5 日修复。');
    expect(exists(page, '.action-result')).toBe(false);
    expect((await backend.t.ok('register', dept, { action: 'referred', pending: true })).total).toBe(0);
  });
});

describe('who is sent where', () => {
  it('a resident on the staff page of a public proposal is sent to its progress page; of a hidden one, told it does not exist', async () => {
    const shown = await proposalIn(backend.t, 'in_progress');
    const hidden = await proposalIn(backend.t, 'submitted');
    backend.as(resident);
    await openPage('pages/staff/proposal/index', { id: shown });
    expect(backend.navigations.pop()).toBe(`/pages/proposals/detail/index?id=${shown}`);
    const page = await openPage('pages/staff/proposal/index', { id: hidden });
    expect(page.data.state).toBe('notFound');
    backend.as(resident);
    const list = await openPage('pages/staff/department/index');
    expect(list.data.state).toBe('forbidden');
  });
});

import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/**
 * 党内质询 pages (issue 9): the contact's queue with the days left, raising with a co-signer,
 * the administrator's acceptance and supervision list, buttons from `actions`, confidentiality.
 */

const { resident, representative: rep, admin, contact } = DEV_IDENTITIES;
/** 周跃进 (rep-fuying-3), bound in each test through the real invitation flow. */
const cosigner = 'wx-rep-fuying-3';
const wx = () => (globalThis as any).wx;
const DAY = 24 * 3600_000;

let seq = 0;
const raiseEvent = (over: Record<string, unknown> = {}) => ({
  action: 'raise',
  requestId: `inq-page-${(seq++).toString().padStart(4, '0')}`,
  subject: { body: 'party_committee' },
  area: 'hot_issues',
  title: '城区交通拥堵治理进展',
  content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？',
  context: 'interim',
  ...over,
});

/** The text of the first element inside `node` whose class names end in `cls` (page classes carry the page's prefix). */
const part = (node: View, cls: string): string | undefined =>
  node.dom.querySelector(`[class$="${cls}"], [class*="${cls} "]`)?.textContent?.trim();

/** The action buttons the page shows, by their labels, in order. */
const buttons = (page: View) => page.querySelectorAll('.action').map((b) => text(find(b, '.t-button')).trim());

async function bind(backend: Backend, openid: string, representativeId: string) {
  const { code } = await backend.t.ok('members', admin, { action: 'invite', kind: 'representative', representativeId });
  await backend.t.ok('members', openid, { action: 'bind', code });
}

/** Raised by 王建华 alone and accepted with dev-contact (陈立新) as the contact. */
async function accepted(backend: Backend, over: Record<string, unknown> = {}) {
  const q = await backend.t.ok('inquiries', rep, raiseEvent(over));
  return backend.t.ok('inquiries', admin, { action: 'accept', id: q.id, contactId: 'ct-xianwei-ban' });
}

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
  await bind(backend, cosigner, 'rep-fuying-3');
});

describe("the contact's queue", () => {
  it('lists what awaits a written reply with the days left, the most urgent first, and the contact replies', async () => {
    const older = await accepted(backend, { title: '农村饮用水安全保障情况' });
    backend.t.clock.set(backend.t.clock.now() + 20 * DAY);
    const newer = await accepted(backend, { title: '城区停车难问题整治' });
    backend.t.clock.set(backend.t.clock.now() + 13 * DAY);
    // The older one is due 2026-12-02, now 2026-12-05: 3 days overdue. The newer one: 17 days left.

    backend.as(contact);
    const list = await openPage('pages/staff/inquiries/index');
    expect(list.querySelectorAll('.tab').map((t) => text(t).trim())).toEqual(['待答复', '待见面沟通', '全部']);
    expect(find(list, '.tab--on').dom.textContent.trim()).toBe('待答复');
    const rows = list.querySelectorAll('.row');
    expect(rows.map((r) => r.dom.dataset.id)).toEqual([older.id, newer.id]);
    expect(part(rows[0], 'row__title')).toBe('农村饮用水安全保障情况');
    expect(part(rows[0], 'row__left')).toBe('已超期 3 天');
    expect(rows[0].dom.innerHTML).toContain('row__left--danger');
    expect(part(rows[1], 'row__left')).toBe('剩 17 天');
    expect(rows[1].dom.innerHTML).not.toContain('row__left--danger');
    expect(part(rows[1], 'row__due')).toBe('答复期限 2026年12月22日');
    expect(backend.sent.filter((s) => s.name === 'inquiries').map((s) => s.data)).toEqual([
      { action: 'list', order: 'due', page: 1, pageSize: 10 },
    ]);

    await tap(list, '.row');
    expect(backend.navigations.pop()).toBe(`/pages/staff/inquiry/index?id=${older.id}`);
    const page = await openPage('pages/staff/inquiry/index', { id: older.id });
    expect(text(find(page, '.clock__big')).trim()).toBe('已超期 3 天');
    expect(text(page)).toContain('书面答复期限 2026年12月2日');
    expect(buttons(page)).toEqual(['请求补充说明', '书面答复']);

    await tapButton(page, '.action-reply');
    expect(text(find(page, '.send', '.t-button')).trim()).toBe('提交书面答复');
    await tapButton(page, '.send');
    expect(part(find(page, '.panel-reply'), 'inq-error')).toBe('请填写书面答复');
    expect(backend.sent.at(-1)?.data.action).toBe('get');

    // Too short: the back end's message at the field, and what was typed stays.
    await type(page, '.reply-text', '正在研究。');
    await tapButton(page, '.send');
    expect(part(find(page, '.panel-reply'), 'inq-error')).toContain('书面答复至少 20 个字');
    expect(page.data.f.reply.text).toBe('正在研究。');
    expect(page.data.panel).toBe('reply');

    const reply = '经研究，县委已部署农村饮用水提升工程，今年完成 12 个村的管网改造，明年全面覆盖，具体安排见附表。';
    await type(page, '.reply-text', reply);
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('已书面答复');
    expect(text(find(page, '.replies'))).toContain(reply);
    expect(text(find(page, '.replies'))).toContain('逾期答复');
    expect(exists(page, '.clock')).toBe(false);
    expect(buttons(page)).toEqual(['登记见面沟通']);
    expect(newer.status).toBe('accepted');
  });

  it('records the face-to-face explanation; evaluation is not offered to the contact', async () => {
    const q = await accepted(backend);
    await backend.t.ok('inquiries', contact, { action: 'reply', id: q.id, text: '经研究，县委已部署交通治堵三年行动，今年完成主干道信号灯优化和两个停车场建设。' });
    backend.as(contact);
    const page = await openPage('pages/staff/inquiry/index', { id: q.id });
    await tapButton(page, '.action-meet');
    // Today and the hour, and who takes part, to start from.
    expect(page.data.f.meet.date).toBe('2026-11-02');
    expect(page.data.f.meet.attendees).toBe('陈立新、王建华');
    find(page, '.meet-time').dispatchEvent('change', { detail: { value: '09:30' } });
    await type(page, '.meet-place', '县委办公室会议室');
    await type(page, '.meet-summary', '当面说明治堵工作进展和后续安排。');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('已见面沟通');
    expect(text(find(page, '.meetings'))).toContain('县委办公室会议室');
    expect(backend.sent.at(-1)?.data).toEqual(
      expect.objectContaining({ action: 'meet', at: '2026-11-02T09:30:00+08:00', place: '县委办公室会议室', attendees: '陈立新、王建华' }),
    );
    expect(buttons(page)).toEqual(['登记见面沟通']);
    expect(exists(page, '.action-evaluate')).toBe(false);

    // The lead is the one asked to evaluate.
    backend.as(rep);
    const lead = await openPage('pages/staff/inquiry/index', { id: q.id });
    expect(buttons(lead)).toEqual(['评价']);
  });
});

describe('raising with a co-signer', () => {
  it('王建华 raises an inquiry with 周跃进, who co-signs it from his list; a retry raises nothing twice', async () => {
    backend.as(rep);
    const bench = await openPage('pages/staff/workbench/index');
    await tap(bench, '.entry--inquiries');
    expect(backend.navigations.pop()).toBe('/pages/staff/inquiries/index');

    const list = await openPage('pages/staff/inquiries/index');
    expect(list.data.state).toBe('empty');
    expect(text(list)).toContain('暂无党内质询');
    await tapButton(list, '.raise');
    expect(backend.navigations.pop()).toBe('/pages/staff/inquiry-raise/index');

    const form = await openPage('pages/staff/inquiry-raise/index');
    expect(form.querySelectorAll('.area').map((a) => text(a).trim())).toEqual([
      '贯彻党的方针政策和上级重大决策部署',
      '执行党代会、纪委会作出的决定、决议和重大工作部署',
      '履行岗位职责、密切联系党员群众、为群众办实事',
      '党风廉政建设',
      '党员群众反映集中的热点难点问题',
    ]);
    // His own studio's representatives, himself left out.
    const reps = form.querySelectorAll('.rep').map((r) => text(r).trim());
    expect(reps).toContain('周跃进');
    expect(reps).not.toContain('王建华');

    const scroll = jest.spyOn(wx(), 'pageScrollTo');
    await tapButton(form, '.send');
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-body' }));
    expect(text(form)).toContain('请选择质询对象');
    expect(text(form)).toContain('请选择质询方面');
    expect(backend.sent.some((s) => s.data.action === 'raise')).toBe(false);

    await tapText(form, '.body', '党委');
    await tapText(form, '.area', '党员群众反映集中的热点难点问题');
    await type(form, '.title', '城区交通拥堵治理进展');
    await type(form, '.content', '太短了');
    await tapText(form, '.rep', '周跃进');
    expect(form.querySelectorAll('.chosen-rep').map((r) => text(r).trim())).toEqual(['周跃进 ✕']);
    scroll.mockClear();
    await tapButton(form, '.send');
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-title' }));
    // The back end's length rule, at the field; nothing raised.
    expect(form.data.errors.content).toContain('质询内容至少 20 个字');
    expect(text(form)).toContain(form.data.errors.content);
    expect(form.data.content).toBe('太短了');
    expect(await backend.t.store.count('inquiries')).toBe(0);

    await type(form, '.content', '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？');
    backend.loseNextAnswer();
    await tapButton(form, '.send');
    expect(text(form)).toContain('网络不给力');
    await tapButton(form, '.send');
    expect(await backend.t.store.count('inquiries')).toBe(1);
    const raises = backend.sent.filter((s) => s.data.action === 'raise');
    expect(raises[raises.length - 1].data.requestId).toBe(raises[raises.length - 2].data.requestId);
    expect(raises.at(-1)?.data).toEqual(expect.objectContaining({ subject: { body: 'party_committee' }, area: 'hot_issues', context: 'interim', coSigners: ['rep-fuying-3'] }));
    const url = backend.navigations.pop() ?? '';
    expect(url).toMatch(/^\/pages\/staff\/inquiry\/index\?id=zx/);

    // 王建华 sees it waiting for the signature, with nothing to do.
    const id = decodeURIComponent(url.split('id=')[1]);
    let page = await openPage('pages/staff/inquiry/index', { id });
    expect(find(page, '.status').dom.textContent).toBe('待联名');
    expect(text(find(page, '.cosigner'))).toContain('周跃进待联名');
    expect(buttons(page)).toEqual([]);

    // 周跃进, from his list's 待联名.
    backend.as(cosigner);
    const his = await openPage('pages/staff/inquiries/index');
    await tap(his, '.tab-cosigning');
    expect(his.querySelectorAll('.row')).toHaveLength(1);
    page = await openPage('pages/staff/inquiry/index', { id });
    expect(buttons(page)).toEqual(['联名']);
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.action-cosign');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('王建华') }));
    expect(find(page, '.status').dom.textContent).toBe('待受理');
    expect(text(find(page, '.cosigner'))).toContain('已联名');
    expect(buttons(page)).toEqual([]);
  });
});

describe('the administrator', () => {
  it('accepts an inquiry naming the contact, and keeps the supervision list the digest opens', async () => {
    const q = await backend.t.ok('inquiries', rep, raiseEvent());
    backend.as(admin);
    const bench = await openPage('pages/staff/workbench/index');
    expect(exists(bench, '.entry--inquiries')).toBe(true);

    const list = await openPage('pages/staff/inquiries/index');
    expect(list.querySelectorAll('.tab').map((t) => text(t).trim())).toEqual(['全部', '待受理', '督办']);
    await tap(list, '.tab-submitted');
    expect(list.querySelectorAll('.row')).toHaveLength(1);
    expect(exists(list, '.raise')).toBe(false);

    const page = await openPage('pages/staff/inquiry/index', { id: q.id });
    expect(buttons(page)).toEqual(['受理', '退回']);
    await tapButton(page, '.action-accept');
    const choices = page.querySelectorAll('.contact-choice').map((c) => text(c));
    expect(choices[0]).toContain('陈立新 · 党委');
    await tapButton(page, '.send');
    expect(part(find(page, '.panel-accept'), 'inq-error')).toBe('请选择质询对象联系人');
    await tap(page, '.contact-choice');
    await tapButton(page, '.send');
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(text(find(page, '.contact'))).toContain('陈立新 · 县委办公室 副主任');
    expect(text(find(page, '.clock__big')).trim()).toBe('剩 30 天');
    expect(buttons(page)).toEqual(['延长办理期限']);

    // 35 days later it is overdue: the digest's link opens the supervision list.
    backend.t.clock.set(backend.t.clock.now() + 35 * DAY);
    const sup = await openPage('pages/staff/inquiries/index', { view: 'supervision' });
    expect(find(sup, '.tab--on').dom.textContent.trim()).toBe('督办');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'supervision', page: 1, pageSize: 10 });
    expect(part(find(sup, '.row'), 'row__left')).toBe('已超期 5 天');
    expect(text(sup)).toContain('逾期未书面答复的质询 1 件');

    const overdue = await openPage('pages/staff/inquiry/index', { id: q.id });
    expect(buttons(overdue)).toEqual(['延长办理期限', '问责']);
    await tapButton(overdue, '.action-holdAccountable');
    await tapText(overdue, '.measure', '批评教育');
    await type(overdue, '.accountable-note', '逾期未书面答复，约谈县委办公室负责人。');
    await tapButton(overdue, '.send');
    expect(text(find(overdue, '.accountability'))).toContain('批评教育：逾期未书面答复，约谈县委办公室负责人。');
  });
});

describe('confidentiality and entry points', () => {
  it('a resident and another representative opening an inquiry see that it does not exist', async () => {
    const q = await accepted(backend);
    await bind(backend, 'wx-rep-other', 'rep-fuying-2');
    for (const who of [resident, 'wx-rep-other']) {
      backend.as(who);
      const page = await openPage('pages/staff/inquiry/index', { id: q.id });
      expect(page.data.state).toBe('notFound');
      expect(text(page)).toContain('该质询不存在或您无权查看');
      expect(text(page)).not.toContain(q.no);
      expect(text(page)).not.toContain(q.title);
      expect(exists(page, '.action')).toBe(false);
      expect(exists(page, '.state', '.retry')).toBe(false);
    }
  });

  it('a resident opening the list sees no permission; a contact opening the workbench is taken to the queue', async () => {
    const list = await openPage('pages/staff/inquiries/index');
    expect(list.data.state).toBe('forbidden');
    expect(text(list)).toContain('只有党代表、质询对象联系人和管理员可以查看质询');

    backend.as(contact);
    await openPage('pages/staff/workbench/index');
    expect(backend.navigations.pop()).toBe('/pages/staff/inquiries/index');
    const home = await openPage('pages/home/index/index');
    expect(text(find(home, '.staff-entry'))).toContain('党内质询');
    await tap(home, '.staff-entry');
    expect(backend.navigations.pop()).toBe('/pages/staff/inquiries/index');
  });
});

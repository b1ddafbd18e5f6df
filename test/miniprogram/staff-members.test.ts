import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

const { representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;

describe('邀请党代表 and 绑定身份', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  it('the liaison makes a code for 陈素芬, shows it large, as a QR code and to copy; she binds with it and has her workbench', async () => {
    backend.as(liaison);
    const invite = await openPage('pages/staff/invite/index');
    expect(text(invite)).toContain('福应街道党代表工作室的党代表');
    expect(invite.querySelectorAll('.rep').length).toBeGreaterThanOrEqual(2);
    invite.querySelectorAll('.rep').find((r) => text(r).includes('陈素芬'))!.dispatchEvent('tap');
    await backend.settle();
    const code: string = find(invite, '.invitation__code').dom.textContent;
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(text(find(invite, '.invitation'))).toContain('党代表 陈素芬的邀请码');
    expect(text(find(invite, '.invitation'))).toContain('有效期至 2026年11月9日 10:00');
    expect(find(invite, '.qr').data.value).toBe(code);
    const clip = jest.spyOn(wx(), 'setClipboardData');
    await tapButton(invite, '.copy');
    expect(clip).toHaveBeenCalledWith(expect.objectContaining({ data: code }));

    // 陈素芬 on her own phone: a resident until she binds.
    backend.as('chen-sufen-openid');
    const home = await openPage('pages/home/index/index');
    await tap(home, '.bind-entry');
    expect(backend.navigations.pop()).toBe('/pages/staff/bind/index');
    const bind = await openPage('pages/staff/bind/index');
    expect(text(bind)).toContain('当前身份：群众');
    await type(bind, '.code', code.toLowerCase());
    await tapButton(bind, '.bind');
    expect(text(bind)).toContain('绑定成功');
    expect(text(bind)).toContain('您的身份：党代表 陈素芬');
    expect(text(bind)).toContain('福应街道党代表工作室');
    await tapButton(bind, '.open-workbench');
    expect(backend.navigations.pop()).toBe('/pages/staff/workbench/index');

    const bench = await openPage('pages/staff/workbench/index');
    expect(bench.data.state).toBe('ready');
    expect(text(bench)).toContain('陈素芬党代表');
    const after = await openPage('pages/home/index/index');
    expect(text(find(after, '.staff-entry'))).toContain('党代表工作台');

    // The code was for one use.
    backend.as('someone-else');
    const again = await openPage('pages/staff/bind/index');
    await type(again, '.code', code);
    await tapButton(again, '.bind');
    // A used code answers as an unknown one: no help to someone guessing codes.
    expect(find(again, '.bind-error').dom.textContent).toBe('邀请码不正确或已失效，请向联络员核对');
  });

  it('binds by scanning the invitation QR code, and checks the code before sending', async () => {
    const inv = await backend.t.ok('members', liaison, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' });
    backend.as('zhou-openid');
    const page = await openPage('pages/staff/bind/index');
    await type(page, '.code', 'ABC');
    await tapButton(page, '.bind');
    expect(find(page, '.bind-error').dom.textContent).toBe('邀请码为 8 位字母或数字');
    expect(backend.sent.filter((s) => s.data.action === 'bind')).toHaveLength(0);

    jest.spyOn(wx(), 'scanCode').mockResolvedValueOnce({ result: inv.code, scanType: 'QR_CODE', charSet: 'utf8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    await tapButton(page, '.scan');
    expect(text(page)).toContain('您的身份：党代表 周跃进');
  });

  it('a representative may not invite', async () => {
    backend.as(rep);
    const page = await openPage('pages/staff/invite/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有联络员或管理员可以生成邀请码');
    expect(exists(page, '.rep')).toBe(false);
  });
});

describe('工作室统计', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
    const answered = await backend.t.ok('register', 'resident-1', submitEvent());
    await backend.t.ok('register', rep, { action: 'accept', id: answered.id });
    await backend.t.ok('register', rep, { action: 'answer', id: answered.id, reply: '已联系路灯所，本周内修复。' });
    const duplicate = await backend.t.ok('register', 'resident-2', submitEvent());
    await backend.t.ok('register', liaison, { action: 'reject', id: duplicate.id, reason: '重复反映' });
    await backend.t.ok('register', 'resident-3', submitEvent());
  });

  const rates = (page: Awaited<ReturnType<typeof openPage>>) => page.querySelectorAll('.rate').map((r) => text(r));

  it('shows this month: the figures and each rate with its percent and the formula from the back end', async () => {
    backend.as(liaison);
    const page = await openPage('pages/staff/stats/index');
    expect(backend.sent.find((s) => s.data.action === 'stats')?.data).toEqual({ action: 'stats', scope: 'studio', id: 'studio-fuying', from: '2026-11-01', to: '2026-11-02' });
    expect(text(page)).toContain('统计范围：2026年11月1日 至 2026年11月2日');
    expect(text(find(page, '.figures'))).toContain('3收集');
    expect(text(find(page, '.figures'))).toContain('1不予受理');
    expect(rates(page)).toEqual([
      expect.stringContaining('答复或解决率50%1 / 2答复或解决率 = 已答复或已解决 ÷ (收集 − 不予受理 − 合并)'),
      expect.stringContaining('解决率0%0 / 2解决率 = 已解决 ÷ (收集 − 不予受理 − 合并)'),
      expect.stringContaining('按期答复率100%1 / 1按期答复率 = 在期限内答复或解决 ÷ 已答复或已解决'),
      expect.stringContaining('满意率—0 / 0满意率 = 评价满意 ÷ 已评价'),
    ]);
  });

  it('this year, and a chosen period between two dates', async () => {
    backend.as(rep); // a studio's representatives see its statistics too
    const page = await openPage('pages/staff/stats/index');
    await tapText(page, '.period', '本年');
    expect(backend.sent.filter((s) => s.data.action === 'stats').at(-1)?.data).toMatchObject({ from: '2026-01-01', to: '2026-11-02' });
    expect(text(page)).toContain('2026年1月1日 至 2026年11月2日');

    await tapText(page, '.period', '自选时段');
    find(page, '.from-picker').dispatchEvent('change', { detail: { value: '2026-10-01' } });
    find(page, '.to-picker').dispatchEvent('change', { detail: { value: '2026-10-31' } });
    await tapButton(page, '.query');
    expect(backend.sent.filter((s) => s.data.action === 'stats').at(-1)?.data).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(text(page)).toContain('该时段没有收集到意见建议');
    expect(exists(page, '.rate')).toBe(false);

    find(page, '.from-picker').dispatchEvent('change', { detail: { value: '2026-11-05' } });
    await tapButton(page, '.query');
    expect(find(page, '.query-error').dom.textContent).toBe('开始日期不能晚于结束日期');
  });

  it('a resident gets no permission', async () => {
    const page = await openPage('pages/staff/stats/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有党代表、联络员和管理员可以查看工作室统计');
    expect(exists(page, '.rate')).toBe(false);
    expect(backend.sent.filter((s) => s.data.action === 'stats')).toHaveLength(0);
  });
});

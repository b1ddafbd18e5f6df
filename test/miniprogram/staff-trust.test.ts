import type { Item } from '../../core/register/item';
import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, text, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

/** 人员与权限 (the roster, revocation, approvals, a representative's consent) and 查看完整号码 on 事项办理 (issue 11). */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;

async function bindRep(backend: Backend, openid: string, representativeId: string) {
  const { code } = await backend.t.ok('members', admin, { action: 'invite', kind: 'representative', representativeId });
  await backend.t.ok('members', openid, { action: 'bind', code });
}

describe('人员与权限', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
    await bindRep(backend, 'chen-openid', 'rep-fuying-2');
  });

  it('a liaison sees the studio’s people, revokes 陈素芬 and hands her open item to 王建华', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', 'chen-openid', { action: 'accept', id: item.id });
    backend.as(liaison);
    const page = await openPage('pages/staff/members/index');
    expect(page.data.state).toBe('ready');
    const names = page.querySelectorAll('.member__name').map((n) => text(n));
    expect(names).toEqual(expect.arrayContaining(['陈素芬', '王建华', '福应街道联络员（本人）']));
    expect(text(page)).toContain('本工作室人员 · 3 人');
    // Not oneself: no 撤销 on the liaison's own row.
    expect(page.querySelectorAll('.revoke')).toHaveLength(2);
    expect(text(page.querySelectorAll('.member').find((m) => text(m).includes('（本人）'))!)).not.toContain('撤销身份');

    const chen = () => page.querySelectorAll('.member').find((m) => text(m).includes('陈素芬'))!;
    expect(text(page.querySelectorAll('.member')[0])).toContain('陈素芬'); // the newest first: its 撤销身份 is the first
    await tap(page, '.revoke');
    expect(text(chen())).toContain('不指定：事项退回工作室待办');
    const options: string[] = page.data.successorNames;
    find(page, '.successor-picker').dispatchEvent('change', { detail: { value: options.indexOf('王建华（党代表）') } });
    await backend.settle();
    await tapButton(page, '.confirm-revoke');
    expect(find(page, '.notice').dom.textContent).toBe('已撤销身份，1 件事项已移交接替人');
    expect(page.querySelectorAll('.member__name').map((n) => text(n))).not.toContain('陈素芬');
    expect(backend.sent.find((s) => s.data.action === 'revoke')?.data).toMatchObject({ id: 'chen-openid', successorId: rep });
    const stored = (await backend.t.store.get<Item>('items', item.id)) as Item;
    expect([stored.ownerRepId, stored.ownerName]).toEqual(['rep-fuying-1', '王建华']);
  });

  it('an administrator approves a liaison’s invitation of another liaison', async () => {
    const inv = await backend.t.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: ['studio-fuying'] });
    backend.as(admin);
    const page = await openPage('pages/staff/members/index');
    expect(text(page)).toContain('待审核的联络员邀请 · 1');
    expect(text(find(page, '.invite'))).toContain('福应街道联络员邀请新的联络员（福应街道党代表工作室）');
    await tapButton(page, '.approve');
    expect(find(page, '.notice').dom.textContent).toBe(`邀请码 ${inv.code} 已审核通过，现在可以使用`);
    expect(exists(page, '.invite')).toBe(false);
    await backend.t.ok('members', 'new-liaison', { action: 'bind', code: inv.code });
    expect(text(await openPage('pages/staff/members/index'))).toContain('全县人员');
  });

  it('a representative sets, by themselves, whether residents see their own mobile and WeChat id', async () => {
    backend.as(rep);
    const page = await openPage('pages/staff/members/index');
    expect(text(page)).toContain('向群众公开我的手机号和微信号');
    expect(text(page)).toContain('群众在接待公告上看到的是工作室电话');
    expect(exists(page, '.member')).toBe(false);
    await tap(page, '.consent__row');
    expect(find(page, '.consent__switch').data.value).toBe(true);
    expect((await backend.t.ok('members', rep, { action: 'me' })).contactPublic).toBe(true);
    expect(text(page)).toContain('群众在接待公告上可以看到您本人的手机号和微信号');
  });

  it('a resident gets no permission and no list', async () => {
    const page = await openPage('pages/staff/members/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有联络员或管理员可以管理人员');
    expect(backend.sent.filter((s) => s.data.action === 'list')).toHaveLength(0);
  });

  it('the workbench leads there: 人员与权限 for the liaison, 我的联系方式 for a representative', async () => {
    backend.as(liaison);
    const bench = await openPage('pages/staff/workbench/index');
    await tap(bench, '.entry--members');
    expect(backend.navigations.pop()).toBe('/pages/staff/members/index');
    backend.as(rep);
    expect(text(await openPage('pages/staff/workbench/index'))).toContain('我的联系方式');
  });
});

describe('事项办理: the resident’s number only through 查看完整号码, which is logged', () => {
  it('the liaison sees it masked, confirms, and sees it in full to call; the read is in the audit', async () => {
    const backend = await startBackend();
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.as(liaison);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    expect(text(find(page, '.contact'))).toContain('138****5678');
    expect(text(find(page, '.contact'))).toContain('每次查看都会留下记录');
    expect(exists(page, '.contact__call')).toBe(false);
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.contact__reveal');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('查看将被记录') }));
    expect(text(find(page, '.contact'))).toContain('13812345678');
    expect(text(find(page, '.contact'))).toContain('本次查看已记录');
    const call = jest.spyOn(wx(), 'makePhoneCall').mockImplementation(() => undefined);
    await tapButton(page, '.contact__call');
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13812345678' });
    expect((await backend.t.ok('members', admin, { action: 'audit', log: 'reads' })).items[0]).toMatchObject({ by: liaison, itemId: item.id });
  });

  it('a representative has no 查看完整号码', async () => {
    const backend = await startBackend();
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.as(rep);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    expect(exists(page, '.contact__reveal')).toBe(false);
    expect(text(find(page, '.contact'))).toContain('仅本工作室联络员可查看完整号码');
  });
});

describe('我的反映: a resident deletes the name and phone they left', () => {
  it('confirms, and every item they sent keeps its content without the contact; staff see it anonymous', async () => {
    const backend = await startBackend();
    const item = await backend.t.ok('register', resident, submitEvent());
    const page = await openPage('pages/items/mine/index');
    const modal = jest.spyOn(wx(), 'showModal');
    await tap(page, '.forget');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('反映内容和办理进度保留') }));
    await backend.settle();
    expect(find(page, '.forget-done').dom.textContent).toMatch(/^已删除 1 条反映中的姓名和电话/);
    const stored = (await backend.t.store.get<Item>('items', item.id)) as Item;
    expect([stored.contactName, stored.contactPhone, stored.anonymous]).toEqual([null, null, true]);
    expect(stored.content).toBe(item.content);
  });
});

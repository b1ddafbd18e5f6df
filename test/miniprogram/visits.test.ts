import type { Household } from '../../core/visits/types';
import { bindPeople, groups, households, imported, leader, member, otherRep } from '../support/visits';
import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/**
 * 走访 and 登记走访 (issue 13): a member sees the group's progress to 100 and its households
 * with the filters, records a visit in a few taps, and a record made offline is kept on the
 * phone and sent once the network returns — never twice.
 */

const { resident } = DEV_IDENTITIES;
let backend: Backend;
let groupId = '';
const wxAny = () => (globalThis as any).wx as Record<string, any>;
let networkListeners: Array<(r: { isConnected: boolean }) => void> = [];

beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
  networkListeners = [];
  wxAny().onNetworkStatusChange = (cb: (r: { isConnected: boolean }) => void) => networkListeners.push(cb);
  wxAny().offNetworkStatusChange = (cb: (r: { isConnected: boolean }) => void) => (networkListeners = networkListeners.filter((x) => x !== cb));
  wxAny().showToast = () => undefined;
  wxAny().showModal = () => undefined;
  await bindPeople(backend.t);
  const { g } = await groups(backend.t);
  groupId = g.id;
  await imported(backend.t, groupId, households(20));
});

const rows = (page: View) => page.querySelectorAll('.household').map((r) => text(r).trim());
const stored = () => backend.t.store.find<Household>('households', { where: { groupId }, orderBy: [['sortKey', 'asc']], limit: 50 });

describe('走访', () => {
  it('shows the group\'s progress to 100, the households, and filters to must-visit and not visited this year', async () => {
    const hh = await stored();
    await backend.t.ok('visits', member, { action: 'recordVisit', requestId: 'visit-test-000001', groupId, date: '2026-11-02', mode: 'home', householdIds: [hh[0]._id, hh[1]._id], learned: '了解家庭生产生活情况。' });
    backend.as(member);
    const page = await openPage('pages/staff/visits/index');
    expect(text(find(page, '.group-name'))).toBe('城东片代表组');
    expect(text(find(page, '.visited'))).toBe('今年已走访 2 / 100 户');
    expect(find(page, '.bar__fill').dom.getAttribute('style')).toContain('width: 2%');
    expect(text(find(page, '.pace'))).toContain('按进度月初应达 84 户，已落后');
    expect(page.data.total).toBe(20);
    expect(rows(page)).toHaveLength(20);

    await tap(page, '.filter-must');
    expect(rows(page)).toHaveLength(5);
    expect(rows(page)[0]).toMatch(/党员中心户|创业创新带头人|“四老”对象|重点信访群众|特殊困难群众/);
    await tap(page, '.filter-unvisited');
    expect(page.data.total).toBe(5 - hh.slice(0, 2).filter((h) => h.must > 0).length);
    await tap(page, '.filter-must');
    expect(page.data.total).toBe(18);

    await tap(page, '.household');
    expect(backend.navigations.pop()).toMatch(new RegExp(`^/pages/staff/visit-record/index\\?groupId=${groupId}&householdId=hh`));
    await tapButton(page, '.record');
    expect(backend.navigations.pop()).toBe(`/pages/staff/visit-record/index?groupId=${groupId}`);
  });

  it('a representative of no group is told so; a resident sees no permission', async () => {
    const inv = await backend.t.ok('members', DEV_IDENTITIES.admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-5' });
    await backend.t.ok('members', 'wx-rep-none', { action: 'bind', code: inv.code });
    backend.as('wx-rep-none');
    const none = await openPage('pages/staff/visits/index');
    expect(text(find(none, '.no-group'))).toContain('您还没有加入代表组');
    backend.as(resident);
    const page = await openPage('pages/staff/visits/index');
    expect(page.data.state).toBe('forbidden');
    expect(exists(page, '.household')).toBe(false);
  });
});

describe('登记走访', () => {
  it('from a household: type what was learned, add an issue registered and one solved, send — the items are in the studio\'s queue', async () => {
    const [h] = await stored();
    backend.as(member);
    const page = await openPage('pages/staff/visit-record/index', { groupId, householdId: h._id });
    expect(text(find(page, '.chosen'))).toContain(h.head);
    await type(page, '.learned', '老人身体尚好，希望多组织文体活动。');
    await tap(page, '.open-issue');
    await type(page, '.issue-text', '村里到镇上的公交班次太少。');
    await tapText(page, '.issue-category', '交通出行');
    await tap(page, '.outcome-registered');
    await tapButton(page, '.add-issue');
    await tap(page, '.open-issue');
    await type(page, '.issue-text', '门前路灯不亮，晚上出行不便。');
    await tapText(page, '.issue-category', '城乡建设');
    await tap(page, '.outcome-solved');
    await tapButton(page, '.add-issue');
    expect(text(find(page, '.field-error'))).toBe('请填写当场是怎么解决的');
    await type(page, '.issue-action', '当场联系电工修好');
    await tapButton(page, '.add-issue');
    await tapText(page, '.member', '周跃进');
    await tapButton(page, '.submit');

    expect(text(find(page, '.done'))).toContain('走访已登记');
    expect(text(find(page, '.done'))).toContain('已登记办理：XJ2026-000001');
    const sent = backend.sent.filter((s) => s.data.action === 'recordVisit');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ groupId, householdIds: [h._id], withRepIds: ['rep-fuying-3'], mode: 'home', date: '2026-11-02' });
    const queue = await backend.t.ok('register', DEV_IDENTITIES.liaison, { action: 'inbox' });
    expect(queue.items.map((i: { channel: string; status: string }) => [i.channel, i.status])).toEqual([['visit', 'accepted']]);
    expect(backend.storage.get('visit-drafts')).toBeUndefined();
  });

  it('offline, the record stays on the phone; when the network returns it is sent once, though two resends race', async () => {
    const [, h] = await stored();
    backend.as(member);
    const page = await openPage('pages/staff/visit-record/index', { groupId, householdId: h._id });
    await type(page, '.learned', '电话联系，老人说一切都好。');
    await tapText(page, '.mode', '电话联系');
    backend.offline();
    await tapButton(page, '.submit');
    expect(text(find(page, '.done'))).toContain('已保存在手机上');
    expect((backend.storage.get('visit-drafts') as unknown[]).length).toBe(1);
    expect(await backend.t.store.count('visits')).toBe(0);

    backend.offline(false);
    // The network comes back while the page is also shown again: both resend.
    networkListeners.forEach((cb) => cb({ isConnected: true }));
    page.instance.onShow();
    await backend.settle();
    expect(await backend.t.store.count('visits')).toBe(1);
    expect(backend.storage.get('visit-drafts')).toBeUndefined();
    // the answer of a resend was lost: the next one finds the same visit
    expect(backend.sent.filter((s) => s.data.action === 'recordVisit').map((s) => s.data.requestId).every((r, _i, all) => r === all[0])).toBe(true);
  });

  it('a lost answer and a resend from 走访 make one visit', async () => {
    const [, , h] = await stored();
    backend.as(member);
    const page = await openPage('pages/staff/visit-record/index', { groupId, householdId: h._id });
    await type(page, '.learned', '入户了解了家里的情况。');
    backend.loseNextAnswer();
    await tapButton(page, '.submit');
    expect(text(find(page, '.done'))).toContain('已保存在手机上');
    expect(await backend.t.store.count('visits')).toBe(1);
    const visits = await openPage('pages/staff/visits/index');
    // WeChat shows a page right after loading it: the draft goes out then.
    visits.instance.onShow();
    await backend.settle();
    expect(visits.data.drafts).toBe(0);
    expect(await backend.t.store.count('visits')).toBe(1);
    expect(text(find(visits, '.visited'))).toBe('今年已走访 1 / 100 户');
  });

  it('asks for a household and what was learned at the fields; adds a new household; chooses from the register', async () => {
    backend.as(member);
    const page = await openPage('pages/staff/visit-record/index', { groupId });
    await tapButton(page, '.submit');
    expect(text(find(page, '.field-error'))).toBe('请选择走访的住户，或新增一户');
    expect(backend.scrolls.pop()).toEqual({ selector: '#field-households' });
    await tapButton(page, '.open-picker');
    expect(page.querySelectorAll('.pick-row').length).toBe(20);
    await tap(page, '.pick-row');
    await tapButton(page, '.close-picker');
    await tapButton(page, '.open-new');
    await type(page, '.new-village', '下叶村');
    await type(page, '.new-door', '99号');
    await tapButton(page, '.add-new');
    expect(text(find(page, '.new-form'))).toContain('请填写户主姓名');
    await type(page, '.new-head', '新住户');
    await tapButton(page, '.add-new');
    expect(page.querySelectorAll('.chosen')).toHaveLength(2);
    await tapButton(page, '.submit');
    expect(text(find(page, '.field-error'))).toBe('了解情况至少 5 个字');
    await type(page, '.learned', '在村委会座谈，了解低保户情况。');
    await tapButton(page, '.submit');
    expect(text(find(page, '.done'))).toContain('走访 2 户');
    expect(await backend.t.store.count('households', { groupId })).toBe(21);
  });

  it('the leader and members may record; anyone else sees why not', async () => {
    backend.as(leader);
    expect((await openPage('pages/staff/visit-record/index', { groupId })).data.state).toBe('ready');
    backend.as(otherRep);
    const other = await openPage('pages/staff/visit-record/index', { groupId });
    expect(other.data.state).toBe('error');
    expect(text(other)).toContain('该代表组不存在或您无权查看');
    backend.as(DEV_IDENTITIES.liaison);
    const liaison = await openPage('pages/staff/visit-record/index', { groupId });
    expect(liaison.data.state).toBe('forbidden');
  });
});

import type { memoryFiles } from '../../core/ports/files';
import type { Proposal } from '../../core/proposals/types';
import type { Household } from '../../core/visits/types';
import { bindPeople, groups, households, imported, leader, liaison, member, member3, sheetOf } from '../support/visits';
import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/**
 * The liaison's 代表组 pages and 民情会诊 (issue 13): groups of a township with their bars, a
 * group made through the form, its progress with the coverage of each must-visit category, the
 * import of a sheet (errors by row, nothing imported), households added and changed; a case sent
 * by the leader, scheduled and decided by the liaison, its measures done until it closes.
 */

let backend: Backend;
const wxAny = () => (globalThis as any).wx as Record<string, any>;
const files = () => (backend.t.app.deps.files as ReturnType<typeof memoryFiles>).files;
let opened: string[] = [];

beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
  wxAny().showToast = () => undefined;
  wxAny().navigateBack = (o: { fail?: () => void }) => o.fail?.();
  wxAny().showModal = async () => ({ confirm: true });
  opened = [];
  wxAny().openDocument = (o: { filePath: string; success?: () => void }) => {
    opened.push(o.filePath);
    o.success?.();
  };
  wxAny().cloud.downloadFile = async ({ fileID }: { fileID: string }) => ({ tempFilePath: `tmp://${fileID}` });
  await bindPeople(backend.t);
});

/** The phone has these sheets to choose (`wx.chooseMessageFile`); uploading one puts it where the back end reads it. */
function sheetsOnPhone(byPath: Record<string, Buffer>) {
  wxAny().chooseMessageFile = async () => {
    const path = Object.keys(byPath)[0];
    return { tempFiles: [{ path, name: path.split('/').pop(), size: byPath[path].length, type: 'file' }] };
  };
  wxAny().cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => {
    const fileID = backend.t.cloudStorage.put(cloudPath, byPath[filePath]);
    backend.uploads.push(cloudPath);
    return { fileID };
  };
}

const rowsOf = (page: View, selector: string) => page.querySelectorAll(selector).map((r) => text(r).trim());

describe('代表组 (liaison)', () => {
  it('the township\'s groups with their bars; a new group through the form opens the group page', async () => {
    await groups(backend.t);
    backend.as(liaison);
    const page = await openPage('pages/staff/groups/index');
    expect(text(find(page, '.summary'))).toContain('福应街道今年走访');
    expect(text(find(page, '.summary'))).toContain('0 / 200 户');
    expect(rowsOf(page, '.group-row').map((r) => r.slice(0, 6))).toEqual(['城东片代表组', '城西片代表组']);
    expect(rowsOf(page, '.group-row')[0]).toContain('0 / 100 户');
    await tapButton(page, '.create');
    expect(backend.navigations.pop()).toBe('/pages/staff/group-edit/index?townshipId=fuying');

    const form = await openPage('pages/staff/group-edit/index', { townshipId: 'fuying' });
    // those already in a group are marked and cannot be chosen
    expect(text(form)).toContain('已在城东片代表组');
    await tapButton(form, '.save');
    expect(text(find(form, '.field-error'))).toBe('代表组名称至少 2 个字');
    await type(form, '.name', '工商界代表组');
    await tapText(form, '.leader-kind', '乡镇党委委员');
    await type(form, '.leader-name', '李明德');
    await type(form, '.leader-post', '街道党工委委员');
    await tapButton(form, '.save');
    expect(text(find(form, '.field-error'))).toBe('请至少选择一位组员');
    const free = form.querySelectorAll('.member').find((m) => text(m).includes('吴雪芳'));
    free?.dispatchEvent('tap');
    await backend.settle();
    await type(form, '.sector', '工商界');
    await tapButton(form, '.save');
    expect(backend.navigations.pop()).toMatch(/^\/pages\/staff\/group\/index\?id=vg/);
    const created = (await backend.t.ok('visits', liaison, { action: 'groups', townshipId: 'fuying' })).items.find((g: { name: string }) => g.name === '工商界代表组');
    expect(created).toMatchObject({ leader: { name: '李明德', post: '街道党工委委员', representativeId: null }, sector: '工商界', target: 100 });
    expect(created.members.map((m: { name: string }) => m.name)).toEqual(['吴雪芳']);
  });

  it('a representative or a resident is refused the management pages', async () => {
    backend.as(member);
    expect((await openPage('pages/staff/groups/index')).data.state).toBe('forbidden');
    backend.as(DEV_IDENTITIES.resident);
    expect((await openPage('pages/staff/groups/index')).data.state).toBe('forbidden');
  });
});

describe('代表组详情', () => {
  it('imports a sheet: two wrong rows listed by row number and nothing imported; the fixed sheet fills the register', async () => {
    const { g } = await groups(backend.t);
    const bad = households(20);
    bad[4] = { ...bad[4], phone: '12345' };
    bad[11] = { ...bad[11], categories: '五保户' };
    sheetsOnPhone({ '/tmp/住户名册.xlsx': await sheetOf(bad) });
    backend.as(liaison);
    const page = await openPage('pages/staff/group/index', { id: g.id });
    expect(text(find(page, '.visited'))).toBe('0 / 100 户');
    await tapButton(page, '.import');
    expect(text(find(page, '.import-result'))).toContain('表格有 2 行有误（共 20 行），未导入任何住户');
    expect(rowsOf(page, '.import-error')).toEqual(['第 8 行 联系电话「12345」不是手机号或固定电话', expect.stringMatching(/^第 15 行 必访类别「五保户」不认识/)]);
    expect(await backend.t.store.count('households')).toBe(0);

    sheetsOnPhone({ '/tmp/住户名册-改.xlsx': await sheetOf(households(20)) });
    await tapButton(page, '.import');
    expect(text(find(page, '.import-result'))).toContain('已导入 20 户');
    expect(page.data.total).toBe(20);
    expect(backend.uploads.every((p) => /^imports\/households\/\d{6}\/.+\.xlsx$/.test(p))).toBe(true);
    // the liaison sees phones in full
    expect(rowsOf(page, '.household')[0]).toMatch(/1380000\d{4}/);
  });

  it('shows a member the progress with the coverage of each category; members record and export, only the liaison manages', async () => {
    const { g } = await groups(backend.t);
    await imported(backend.t, g.id, households(20));
    const hh = await backend.t.store.find<Household>('households', { where: { groupId: g.id, must: { gt: 0 } }, limit: 10 });
    await backend.t.ok('visits', member, { action: 'recordVisit', requestId: 'visit-test-000010', groupId: g.id, date: '2026-11-02', mode: 'home', householdIds: [hh[0]._id], learned: '了解家庭情况，老人身体尚好。', issues: [{ text: '公交班次太少，老人看病不便。', category: '交通出行', outcome: 'registered' }] });
    backend.as(member);
    const page = await openPage('pages/staff/group/index', { id: g.id });
    expect(text(find(page, '.visited'))).toBe('1 / 100 户');
    const coverage = rowsOf(page, '.coverage');
    expect(coverage).toHaveLength(5);
    expect(coverage.filter((c) => c.endsWith('1 / 1 户'))).toHaveLength(1);
    expect(text(find(page, '.issues'))).toBe('发现 1 个 · 当场解决 0 · 登记办理 1 · 提交会诊 0');
    expect(exists(page, '.manage')).toBe(false);
    // a member's list shows the phone masked
    expect(rowsOf(page, '.household').some((r) => /138\*\*\*\*\d{4}/.test(r))).toBe(true);
    await tapButton(page, '.ledger');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^tmp:\/\/mem:\/\/exports\/visits\/group-/);
    await tapButton(page, '.record');
    expect(backend.navigations.pop()).toBe(`/pages/staff/visit-record/index?groupId=${g.id}`);
  });

  it('the template downloads and opens', async () => {
    const { g } = await groups(backend.t);
    backend.as(liaison);
    const page = await openPage('pages/staff/group/index', { id: g.id });
    await tapButton(page, '.template');
    expect(opened).toEqual(['tmp://mem://templates/households-v1.xlsx']);
  });
});

describe('住户', () => {
  it('the liaison adds a household at the fields it needs, then changes it; a member sees it read-only', async () => {
    const { g } = await groups(backend.t);
    backend.as(liaison);
    const add = await openPage('pages/staff/household/index', { groupId: g.id });
    await type(add, '.village', '下叶村');
    await tapButton(add, '.save');
    expect(text(find(add, '.field-error'))).toBe('请填写门牌号');
    await type(add, '.door', '12号');
    await type(add, '.head', '张建国');
    await type(add, '.phone', '13812345678');
    await tapText(add, '.category', '特殊困难群众');
    await tapText(add, '.rep', '陈素芬');
    await tapButton(add, '.save');
    const [h] = await backend.t.store.find<Household>('households', { limit: 5 });
    expect(h).toMatchObject({ village: '下叶村', doorNo: '12号', head: '张建国', phone: '13812345678', categories: ['hardship'], repId: 'rep-fuying-2' });

    const edit = await openPage('pages/staff/household/index', { groupId: g.id, id: h._id });
    await tapText(edit, '.rep', '陈素芬'); // none any more
    await type(edit, '.phone', '');
    await tapButton(edit, '.save');
    expect(await backend.t.store.get<Household>('households', h._id)).toMatchObject({ repId: null, phone: null });

    backend.as(member);
    const view = await openPage('pages/staff/household/index', { groupId: g.id, id: h._id });
    expect(exists(view, '.save')).toBe(false);
    expect(text(find(view, '.about'))).toContain('张建国');
    await tapButton(view, '.record');
    expect(backend.navigations.pop()).toBe(`/pages/staff/visit-record/index?groupId=${g.id}&householdId=${h._id}`);
  });
});

describe('民情会诊 pages', () => {
  it('the leader sends an issue; the liaison schedules and decides two measures; the member and the liaison complete them and it closes', async () => {
    const { g } = await groups(backend.t);
    await imported(backend.t, g.id, households(4));
    const [h] = await backend.t.store.find<Household>('households', { limit: 1 });
    await backend.t.ok('visits', member, { action: 'recordVisit', requestId: 'visit-test-000020', groupId: g.id, date: '2026-11-02', mode: 'home', householdIds: [h._id], learned: '了解家庭情况，老人身体尚好。', issues: [{ text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' }] });

    backend.as(leader);
    const list = await openPage('pages/staff/cases/index');
    await tapButton(list, '.send');
    expect(backend.navigations.pop()).toBe(`/pages/staff/case-send/index?groupId=${g.id}`);
    const send = await openPage('pages/staff/case-send/index', { groupId: g.id });
    await tapButton(send, '.send');
    expect(text(find(send, '.field-error'))).toBe('请至少选择一个问题');
    await tap(send, '.issue');
    await type(send, '.title', '下叶村公交线路调整');
    await type(send, '.summary', '涉及县交通运输局和公交公司，代表组协调未果。');
    await tapButton(send, '.send');
    const caseUrl = backend.navigations.pop() as string;
    expect(caseUrl).toMatch(/^\/pages\/staff\/case\/index\?id=mq/);
    const id = decodeURIComponent(caseUrl.split('id=')[1]);

    backend.as(liaison);
    let page = await openPage('pages/staff/case/index', { id });
    expect(text(find(page, '.status'))).toBe('待会诊');
    await tapButton(page, '.action-schedule');
    await tapButton(page, '.send');
    expect(text(find(page, '.form-error'))).toBe('请填写会诊地点');
    await type(page, '.place', '福应街道会议室');
    await tapButton(page, '.send');
    expect(text(find(page, '.status'))).toBe('已安排会诊');
    await tapButton(page, '.action-decide');
    await type(page, '.decision-text', '调整 3 路公交线路并加密班次');
    await type(page, '.measure-text', '公交公司调整 3 路线路');
    await type(page, '.measure-owner', '县公交公司');
    await tap(page, '.add-measure');
    const texts = page.querySelectorAll('.measure-text');
    const inner = (v: View) => v.querySelector('.t-input__control') as View;
    inner(texts[1]).dispatchEvent('input', { detail: { value: '收集村民乘车需求', cursor: 8, keyCode: 0 } });
    await backend.settle();
    page.querySelectorAll('.owner-rep').filter((c) => text(c).trim() === '陈素芬')[1].dispatchEvent('tap');
    await backend.settle();
    await tapButton(page, '.send');
    expect(text(find(page, '.status'))).toBe('措施落实中');
    expect(exists(page, '.complete-m1')).toBe(true);

    backend.as(member);
    page = await openPage('pages/staff/case/index', { id });
    expect(exists(page, '.complete-m1')).toBe(false);
    await tapButton(page, '.complete-m2');
    await type(page, '.result', '已收集 36 户乘车需求');
    await tapButton(page, '.send');
    expect(text(page)).toContain('已收集 36 户乘车需求');

    backend.as(liaison);
    page = await openPage('pages/staff/case/index', { id });
    await tapButton(page, '.complete-m1');
    await type(page, '.result', '3 路公交已改线，班次加密');
    await tapButton(page, '.send');
    expect(text(find(page, '.status'))).toBe('已办结');
    expect(text(find(page, '.timeline'))).toContain('完成最后一项措施，办结');
    await tapButton(page, '.action-toProposal');
    await type(page, '.proposal-note', '线路长期运营需县级统筹');
    await tapButton(page, '.send');
    expect(text(find(page, '.proposal'))).toContain('已形成代表提议');
    const link = text(find(page, '.proposal-link'));
    const stored = (await backend.t.store.find<Proposal>('proposals', { where: { caseId: id } }))[0];
    expect(link).toContain(`代表提议 ${stored.no}`);
    expect(stored.no).toMatch(/^TY2026-\d{3}$/);
    await tap(page, '.proposal-link');
    expect(backend.navigations.pop()).toBe(`/pages/staff/proposal/index?id=${encodeURIComponent(stored._id)}`);
    // The proposal says which case it came from, and leads back to it.
    const proposal = await openPage('pages/staff/proposal/index', { id: stored._id });
    expect(text(find(proposal, '.from-case'))).toBe(`来自民情会诊 ${(await backend.t.store.get<{ _id: string; _v: number; no: string }>('visitCases', id))?.no} ›`);
    await tap(proposal, '.from-case');
    expect(backend.navigations.pop()).toBe(`/pages/staff/case/index?id=${encodeURIComponent(id)}`);

    backend.as(member3);
    const mine = await openPage('pages/staff/cases/index');
    expect(rowsOf(mine, '.case-row')[0]).toContain('已办结');
    expect(exists(mine, '.send')).toBe(false);
  });

  it('a case is not found for anyone outside its group, its township\'s liaison and administrators', async () => {
    backend.as(DEV_IDENTITIES.resident);
    const page = await openPage('pages/staff/case/index', { id: 'mq-nothing' });
    expect(page.data.state).toBe('error');
    expect(text(page)).toContain('该民情会诊不存在或您无权查看');
    const list = await openPage('pages/staff/cases/index');
    expect(list.data.state).toBe('forbidden');
  });
});

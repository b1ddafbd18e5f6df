import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

/** Duplicates merged, not rejected (issue 16, point 5): the liaison's merge and the resident following the merged item. */

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const neighbour = 'resident-neighbour';
const wx = () => (globalThis as any).wx;

describe('合并到已有事项', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  async function twoReports() {
    const first = await backend.t.ok('register', resident, submitEvent());
    const dup = await backend.t.ok('register', neighbour, submitEvent({ content: '我们楼下那盏路灯也坏了，晚上很黑。', contactName: '赵芳', contactPhone: '13900001111' }));
    return { first, dup };
  }

  it('the liaison finds the existing item by its number and merges the duplicate into it', async () => {
    const { first, dup } = await twoReports();
    backend.as(liaison);
    const page = await openPage('pages/staff/item/index', { id: dup.id });
    await tapButton(page, '.action-merge');
    await tapButton(page, '.send-merge');
    expect(find(page, '.action-error').dom.textContent).toBe('请先搜索并选择要并入的事项');
    page.instance.onMergeQuery({ detail: { value: first.no } });
    await tapButton(page, '.merge-find');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'inbox', q: first.no, studioId: first.studioId, page: 1, pageSize: 10 });
    expect(page.querySelectorAll('.merge-result').map((r) => text(r))).toEqual([expect.stringContaining(first.no)]);
    expect(find(page, '.merge-result').dom.className).toContain('merge-result--on');
    await type(page, '.merge-note', '同一盏路灯');
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.send-merge');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining(`本件将与 ${first.no} 合并办理`) }));
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'merge', id: dup.id, intoId: first.id, note: '同一盏路灯' });
    expect(find(page, '.status').dom.textContent).toBe('已合并办理');
    expect(text(page)).toContain(`与 ${first.no} 是同一件事，已合并办理`);
    expect(exists(page, '.action-merge')).toBe(false);

    // the existing item lists what was merged into it, content included
    const target = await openPage('pages/staff/item/index', { id: first.id });
    expect(text(target)).toContain('2 位群众反映了此事');
    expect(text(find(target, '.linked'))).toContain('合并的反映（1 件）');
    expect(text(find(target, '.linked'))).toContain('我们楼下那盏路灯也坏了');
    await tap(target, '.linked__item');
    expect(backend.navigations.pop()).toBe(`/pages/staff/item/index?id=${dup.id}`);
  });

  it('a search that finds nothing says so and merges nothing', async () => {
    const { dup } = await twoReports();
    backend.as(liaison);
    const page = await openPage('pages/staff/item/index', { id: dup.id });
    await tapButton(page, '.action-merge');
    page.instance.onMergeQuery({ detail: { value: '没有这回事' } });
    await tapButton(page, '.merge-find');
    expect(text(page)).toContain('没有找到本工作室的相关事项');
    await tapButton(page, '.send-merge');
    expect(backend.sent.filter((s) => s.data.action === 'merge')).toHaveLength(0);
  });

  it('the resident whose item was merged follows the existing item in 我的反映, reads its reply and gives their own feedback', async () => {
    const { first, dup } = await twoReports();
    await backend.t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id });
    backend.as(neighbour);

    let mine = await openPage('pages/items/mine/index');
    const card = text(find(mine, '.card'));
    expect(card).toContain(dup.no);
    expect(card).toContain('已提交');
    expect(card).toContain(`与 ${first.no} 是同一件事，合并办理 · 2 位群众反映了此事`);
    await tap(mine, '.card');
    expect(backend.navigations.pop()).toBe(`/pages/items/detail/index?id=${first.id}`);

    // their own item says where it went
    const own = await openPage('pages/items/detail/index', { id: dup.id });
    expect(text(own)).toContain(`与 ${first.no} 是同一件事，已合并办理，目前已提交。`);
    await tapButton(own, '.open-merged');
    expect(backend.navigations.pop()).toBe(`/pages/items/detail/index?id=${first.id}`);

    let page = await openPage('pages/items/detail/index', { id: first.id });
    expect(text(page)).toContain('2 位群众反映了此事');
    expect(text(page)).not.toContain('李');
    expect(text(page)).not.toContain('138');

    await backend.t.ok('register', rep, { action: 'accept', id: first.id });
    await backend.t.ok('register', rep, { action: 'answer', id: first.id, reply: '已联系路灯所，本周内修复。' });
    mine = await openPage('pages/items/mine/index');
    expect(text(find(mine, '.card'))).toContain('已答复，请评价');

    page = await openPage('pages/items/detail/index', { id: first.id });
    expect(text(page)).toContain('已联系路灯所，本周内修复。');
    // an asker's rating does not reopen the item: the page does not promise it
    expect(text(page)).toContain('2 位群众反映了此事，您反映的同一件事在此合并办理');
    expect(text(find(page, '.head__next'))).toBe('请对答复作出评价，您的评价会告诉工作室。');
    await tapText(page, '.choice', '不满意');
    await type(page, '.comment', '修得太慢');
    await tapButton(page, '.send');
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'feedback', id: first.id, satisfied: false, comment: '修得太慢' });
    // their feedback, not the submitter's; the item stays answered for its submitter to rate
    expect(find(page, '.status').dom.textContent).toBe('已答复');
    expect(text(page)).toContain('第 1 轮：不满意，修得太慢');
    expect(page.querySelector('.feedback')).toBeUndefined();

    backend.as(resident);
    const theirs = await openPage('pages/items/detail/index', { id: first.id });
    expect(exists(theirs, '.feedback')).toBe(true);
    expect(text(theirs)).not.toContain('修得太慢');
  });
});

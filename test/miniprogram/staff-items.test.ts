import { DEV_IDENTITIES, exists, find, openPage, openUrl, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;

/** The action buttons the page shows, by their labels (TDesign's button is a virtual host: its text is in the inner button). */
const buttons = (page: View) => page.querySelectorAll('.action').map((b) => text(find(b, '.t-button')).trim());

describe('事项办理: liaison assigns, the representative answers, the resident sees it', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  it('a liaison assigns an item to 王建华, he answers from his queue with a template, and the resident reads the answer', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());

    // The liaison, from the queue of new items.
    backend.as(liaison);
    const queue = await openPage('pages/staff/queue/index', { filter: 'new' });
    expect(text(queue)).toContain(item.no);
    await tap(queue, '.card');
    // with the queue it came from, for 下一件 (issue 16)
    expect(backend.navigations.pop()).toBe(`/pages/staff/item/index?id=${item.id}&queue=new`);

    let page = await openPage('pages/staff/item/index', { id: item.id });
    // The liaison sees the resident's contact masked, and may reveal it (logged: issue 11).
    expect(text(page)).toContain('李*');
    expect(text(page)).toContain('138****5678');
    expect(text(page)).not.toContain('13812345678');
    expect(buttons(page)).toEqual(['受理（首问负责）', '交办党代表', '合并到已有事项', '不予受理']);
    await tapButton(page, '.action-assign');
    expect(page.querySelectorAll('.rep').map((r) => text(r))).toEqual(expect.arrayContaining(['王建华', '陈素芬']));
    await tapButton(page, '.send-assign');
    expect(find(page, '.action-error').dom.textContent).toBe('请选择交办的党代表');
    await tapText(page, '.rep', '王建华');
    await tapButton(page, '.send-assign');
    expect(find(page, '.status').dom.textContent).toBe('已受理');
    expect(text(page)).toContain('负责人 王建华');
    expect(text(page)).toContain('交办福应街道联络员'); // the timeline's words are core's (generated constants)
    expect(backend.sent.at(-1)?.data).toEqual({ action: 'assign', id: item.id, representativeId: 'rep-fuying-1' });

    // 王建华, from his workbench: the item is his.
    backend.as(rep);
    const bench = await openPage('pages/staff/workbench/index');
    expect(text(find(bench, '.count--mine'))).toBe('1我负责的');
    await tap(bench, '.count--mine');
    expect(backend.navigations.pop()).toBe('/pages/staff/queue/index?filter=mine');
    const mine = await openPage('pages/staff/queue/index', { filter: 'mine' });
    expect(mine.querySelectorAll('.card')).toHaveLength(1);

    page = await openPage('pages/staff/item/index', { id: item.id });
    // A representative sees the contact only as the back end masks it.
    expect(text(page)).toContain('李*');
    expect(text(page)).toContain('138****5678');
    expect(text(page)).not.toContain('13812345678');
    expect(text(page)).toContain('联系方式已隐去部分信息');
    expect(exists(page, '.contact__call')).toBe(false);
    expect(buttons(page)).toEqual(['答复', '承诺办理', '办结', '合并到已有事项']);

    await tapButton(page, '.action-answer');
    await tapText(page, '.template', '已协调解决');
    expect(page.data.reply).toBe('感谢您的反映。经现场查看核实，问题已协调解决，请您留意。如仍有问题，欢迎继续反映。');
    await type(page, '.reply', '感谢您的反映。路灯已于今日修复，请您留意。');
    await tapButton(page, '.send-reply');
    expect(find(page, '.status').dom.textContent).toBe('已答复');
    expect(text(page)).toContain('答复：感谢您的反映。路灯已于今日修复，请您留意。');
    expect(buttons(page)).toEqual([]);
    expect(exists(page, '.handling')).toBe(false);

    // The resident's own page shows the answer and asks for feedback.
    backend.as(resident);
    const detail = await openPage('pages/items/detail/index', { id: item.id });
    expect(find(detail, '.status').dom.textContent).toBe('已答复');
    expect(text(detail)).toContain('感谢您的反映。路灯已于今日修复，请您留意。');
    expect(text(detail)).toContain('王建华');
    expect(exists(detail, '.feedback')).toBe(true);
    expect(exists(detail, '.open-handling')).toBe(false);
  });

  it('a representative accepts first (首问负责) after confirming, promises a date, then resolves', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.as(rep);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    expect(buttons(page)).toEqual(['受理（首问负责）']);
    const modal = jest.spyOn(wx(), 'showModal');
    await tapButton(page, '.action-accept');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('首问负责') }));
    expect(find(page, '.status').dom.textContent).toBe('已受理');
    expect(text(page)).toContain('负责人 王建华');

    await tapButton(page, '.action-promise');
    await tapButton(page, '.send-promise');
    expect(find(page, '.action-error').dom.textContent).toBe('请选择承诺答复的日期');
    find(page, '.promise-date').dispatchEvent('change', { detail: { value: '2026-11-20' } });
    await type(page, '.promise-note', '已联系路灯所，等待配件');
    await tapButton(page, '.send-promise');
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(text(page)).toContain('承诺于 2026年11月20日 前答复：已联系路灯所，等待配件');
    expect(text(page)).toContain('答复期限 2026年11月20日');

    await tapButton(page, '.action-resolve');
    await tapButton(page, '.send-reply');
    expect(find(page, '.action-error').dom.textContent).toBe('请填写办结说明');
    await type(page, '.reply', '路灯已更换，恢复照明。');
    await tapButton(page, '.send-reply');
    expect(find(page, '.status').dom.textContent).toBe('已解决');

    // A second representative who opens it later has nothing to do.
    backend.as(liaison);
    const again = await openPage('pages/staff/item/index', { id: item.id });
    expect(buttons(again)).toEqual([]);
  });

  it('the liaison refers an item to a department with a deadline and records the result', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', liaison, { action: 'accept', id: item.id });
    backend.as(liaison);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    expect(buttons(page)).toEqual(expect.arrayContaining(['转交有关单位', '不予受理']));
    await tapButton(page, '.action-refer');
    const names: string[] = page.data.departmentNames;
    expect(names).toContain('县交通运输局');
    find(page, '.department-picker').dispatchEvent('change', { detail: { value: String(names.indexOf('县交通运输局')) } });
    find(page, '.refer-date').dispatchEvent('change', { detail: { value: '2026-11-25' } });
    await type(page, '.refer-note', '请核实路灯产权单位');
    await tapButton(page, '.send-refer');
    expect(find(page, '.status').dom.textContent).toBe('办理中');
    expect(text(page)).toContain('已转交县交通运输局，办理期限 2026年11月25日；请核实路灯产权单位');
    expect(text(page)).toContain('等待有关单位反馈');

    await tapButton(page, '.action-result');
    await type(page, '.result', '交通局已安排更换路灯');
    await tapButton(page, '.send-result');
    expect(text(page)).toContain('办理结果：交通局已安排更换路灯');
    expect(buttons(page)).not.toContain('登记办理结果');
  });

  it('the liaison rejects a duplicate with a preset reason; a custom reason must be written', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.as(liaison);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    await tapButton(page, '.action-reject');
    expect(page.querySelectorAll('.reject-reason').map((n) => text(n))).toEqual(['重复反映', '不属于受理范围', '无效信息', '其他原因']);
    await tapText(page, '.reject-reason', '其他原因');
    await tapButton(page, '.send-reject');
    expect(find(page, '.action-error').dom.textContent).toBe('请填写不予受理的理由');
    await tapText(page, '.reject-reason', '重复反映');
    await type(page, '.reject-detail', '已并入 XJ2026-000001 办理');
    await tapButton(page, '.send-reject');
    expect(find(page, '.status').dom.textContent).toBe('不予受理');
    expect(text(page)).toContain('不予受理：重复反映：已并入 XJ2026-000001 办理');
    expect(buttons(page)).toEqual([]);
  });

  it("a refused action keeps the panel and says why in the back end's words", async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    await backend.t.ok('register', rep, { action: 'accept', id: item.id });
    backend.as(rep);
    const page = await openPage('pages/staff/item/index', { id: item.id });
    await tapButton(page, '.action-answer');
    await type(page, '.reply', '已处理');
    // Meanwhile the liaison answered it.
    await backend.t.ok('register', liaison, { action: 'answer', id: item.id, reply: '联络员已答复。' });
    await tapButton(page, '.send-reply');
    expect(find(page, '.action-error').dom.textContent).toBe('该事项当前为“已答复”，不能答复');
    expect(page.data.reply).toBe('已处理');
  });

  it('a representative who opens the resident\'s item page from a message is taken to 事项办理', async () => {
    const item = await backend.t.ok('register', resident, submitEvent());
    backend.as(rep);
    const detail = await openUrl(`/pages/items/detail/index?id=${item.id}`);
    await tapButton(detail, '.open-handling');
    expect(backend.navigations.pop()).toBe(`/pages/staff/item/index?id=${item.id}`);
  });

  it("someone else's item through the staff path is not shown; the resident's own shows no staff buttons", async () => {
    const other = await backend.t.ok('register', 'another-resident', submitEvent());
    const own = await backend.t.ok('register', resident, submitEvent());
    let page = await openPage('pages/staff/item/index', { id: other.id });
    expect(text(page)).toContain('不存在或您无权查看');
    page = await openPage('pages/staff/item/index', { id: own.id });
    expect(buttons(page)).toEqual([]);
  });
});

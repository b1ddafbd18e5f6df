import { CLOUD_BACKEND, DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, testConfig, text, type, type Backend } from './support/harness';
import { bookAs, publishedReception } from './support/receptions';
import { phoneClockFollowsBackend } from './support/staff';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const wx = () => (globalThis as any).wx;
const at = (iso: string) => Date.parse(iso);

describe('接待安排 and the reception desk', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
  });

  it('a representative sees the receptions he is on duty at; the liaison sees drafts too and can schedule', async () => {
    const onDuty = await publishedReception(backend.t);
    await publishedReception(backend.t, { topic: '别人值班的接待', representativeIds: ['rep-fuying-3'] });
    await backend.t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: 'studio-fuying',
      startAt: '2026-11-20T09:00:00+08:00',
      endAt: '2026-11-20T10:00:00+08:00',
      form: 'studio',
      topic: '草稿接待',
      representativeIds: ['rep-fuying-1'],
      capacity: 5,
    });

    backend.as(rep);
    let page = await openPage('pages/staff/duties/index');
    let cards = page.querySelectorAll('.card').map((c) => text(c));
    expect(cards).toEqual([expect.stringContaining('老旧小区改造意见征集')]);
    expect(cards[0]).toContain('11月12日 周四 09:00–11:30');
    expect(cards[0]).toContain('已公告');
    expect(cards[0]).toContain('签到 · 现场登记');
    expect(exists(page, '.schedule')).toBe(false);
    await tap(page, '.card');
    expect(backend.navigations.pop()).toBe(`/pages/staff/reception/index?id=${onDuty.id}`);

    backend.as(liaison);
    page = await openPage('pages/staff/duties/index');
    cards = page.querySelectorAll('.card').map((c) => text(c));
    expect(cards).toHaveLength(3);
    expect(cards[2]).toContain('草稿接待');
    expect(cards[2]).toContain('草稿·未公告');
    await tapButton(page, '.schedule');
    expect(backend.navigations.pop()).toBe('/pages/staff/schedule/index');
  });

  it('says when a representative has no duty', async () => {
    backend.as(rep);
    const page = await openPage('pages/staff/duties/index');
    expect(page.data.state).toBe('empty');
    expect(text(page)).toContain('近期没有您值班的接待');
  });

  it('at the door, a representative checks in a booking by typing its code and sees the question raised with it', async () => {
    const r = await publishedReception(backend.t);
    const booking = await backend.t.ok('receptions', resident, { action: 'book', id: r.id, requestId: 'book-at-the-door-1', question: '小区加装电梯的费用如何分摊？' });
    const code: string = booking.myBooking.code;
    backend.t.clock.set(at('2026-11-12T08:30:00+08:00'));

    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(text(page)).toContain('老旧小区改造意见征集');
    expect(text(page)).toContain('共 20 位，已预约 1 位');
    expect(text(find(page, '.raised'))).toContain('小区加装电梯的费用如何分摊？');

    await tapButton(page, '.check-in');
    expect(find(page, '.check-error').dom.textContent).toBe('签到码为 6 位字母或数字');
    await type(page, '.code', code.toLowerCase());
    await tapButton(page, '.check-in');
    expect(text(find(page, '.checked'))).toContain(`✓ ${code} 已签到`);
    expect(text(find(page, '.checked'))).toContain('预约时的问题：小区加装电梯的费用如何分摊？');
    expect(page.data.code).toBe('');
    expect(backend.sent.filter((c) => c.data.action === 'checkIn').at(-1)?.data).toEqual({ action: 'checkIn', code });
    const mine = await backend.t.ok('receptions', resident, { action: 'get', id: r.id });
    expect(mine.myBooking.status).toBe('checked_in');

    // The same code again: the back end says when it was checked in.
    await type(page, '.code', code);
    await tapButton(page, '.check-in');
    expect(find(page, '.check-error').dom.textContent).toBe(`该预约已于 2026年11月12日 08:30 签到`);
  });

  it('checks in by scanning the QR code of 接待公告 (wx.scanCode), and says when a scan holds no code', async () => {
    const r = await publishedReception(backend.t);
    const booking = await bookAs(backend.t, resident, r.id);
    const code: string = booking.myBooking.code;
    backend.t.clock.set(at('2026-11-12T08:30:00+08:00'));

    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    const scan = jest.spyOn(wx(), 'scanCode').mockResolvedValueOnce({ result: code, scanType: 'QR_CODE', charSet: 'utf8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    await tapButton(page, '.scan');
    expect(scan).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true }));
    expect(text(find(page, '.checked'))).toContain(`✓ ${code} 已签到`);
    expect((await backend.t.ok('receptions', resident, { action: 'get', id: r.id })).myBooking.status).toBe('checked_in');

    scan.mockResolvedValueOnce({ result: 'https://example.com/whatever', scanType: 'QR_CODE', charSet: 'utf8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    await tapButton(page, '.scan');
    expect(find(page, '.check-error').dom.textContent).toContain('未识别到签到码');
  });

  it('too early at the door: the back end says from when check-in opens', async () => {
    const r = await publishedReception(backend.t);
    const booking = await bookAs(backend.t, resident, r.id);
    backend.as(rep);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    await type(page, '.code', booking.myBooking.code);
    await tapButton(page, '.check-in');
    expect(find(page, '.check-error').dom.textContent).toBe('接待尚未开始，最早可于 2026年11月12日 07:00 签到');
  });

  it('registers a walk-in visitor in a few taps; the item is listed with the reception', async () => {
    const r = await publishedReception(backend.t);
    backend.t.clock.set(at('2026-11-12T09:30:00+08:00'));
    backend.as(rep);
    const desk = await openPage('pages/staff/reception/index', { id: r.id });
    await tapButton(desk, '.walk-in');
    expect(backend.navigations.pop()).toBe(`/pages/staff/walkin/index?id=${r.id}`);

    const page = await openPage('pages/staff/walkin/index', { id: r.id });
    expect(text(page)).toContain('老旧小区改造意见征集');
    await tapButton(page, '.submit');
    expect(find(page, '.form-error').dom.textContent).toBe('请选择类别');
    await tapText(page, '.chip', '民生服务');
    await type(page, '.content', '独居老人希望社区定期上门探访。');
    await type(page, '.name', '王阿姨');
    await type(page, '.phone', '13900001111');
    // A double tap registers once.
    find(page, '.submit', '.t-button').dispatchEvent('tap');
    find(page, '.submit', '.t-button').dispatchEvent('tap');
    await backend.settle();
    expect(backend.sent.filter((s) => s.data.action === 'walkIn')).toHaveLength(1);
    expect(text(page)).toContain('已登记');
    expect(text(page)).toMatch(/编号 XJ2026-\d{6}/);
    const sent = backend.sent.find((s) => s.data.action === 'walkIn')!.data;
    expect(sent).toMatchObject({ id: r.id, category: '民生服务', content: '独居老人希望社区定期上门探访。', contactName: '王阿姨', contactPhone: '13900001111' });
    const itemId: string = page.data.done.id;
    await tapButton(page, '.open-item');
    expect(backend.navigations.pop()).toBe(`/pages/staff/item/index?id=${itemId}`);

    await tapButton(page, '.again');
    expect(page.data.content).toBe('');
    expect(page.data.requestId).not.toBe(sent.requestId);

    const again = await openPage('pages/staff/reception/index', { id: r.id });
    expect(text(find(again, '.raised'))).toContain('独居老人希望社区定期上门探访。');
    const item = await backend.t.ok('register', rep, { action: 'get', id: itemId });
    expect(item.channel).toBe('reception');
    expect(item.receptionId).toBe(r.id);
  });

  it('a representative not on duty, or a resident, gets no permission at the desk', async () => {
    const r = await publishedReception(backend.t, { representativeIds: ['rep-fuying-3'] });
    backend.as(rep);
    let page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有本次接待的值班党代表和本工作室联络员可以使用接待现场');
    expect(exists(page, '.scan')).toBe(false);
    backend.as(resident);
    page = await openPage('pages/staff/walkin/index', { id: r.id });
    expect(text(page)).toContain('只有值班党代表或联络员可以现场登记');
    expect(exists(page, '.submit')).toBe(false);
  });

  it('the liaison cancels a reception with a reason, and closes one after it ended with attendance and a summary', async () => {
    const a = await publishedReception(backend.t);
    const b = await publishedReception(backend.t, { topic: '流动接待进村', form: 'mobile', place: '福应街道某村文化礼堂', startAt: '2026-11-13T14:00:00+08:00', endAt: '2026-11-13T16:00:00+08:00' });
    backend.as(liaison);

    let page = await openPage('pages/staff/reception/index', { id: b.id });
    await tapButton(page, '.open-cancel');
    await tapButton(page, '.send-cancel');
    expect(find(page, '.action-error').dom.textContent).toContain('请填写取消原因');
    await type(page, '.cancel-reason', '代表临时参加防汛工作，改期另行通知');
    await tapButton(page, '.send-cancel');
    expect(text(page)).toContain('接待已取消：代表临时参加防汛工作，改期另行通知');
    expect(text(page)).toContain('已取消');
    expect(exists(page, '.open-cancel')).toBe(false);

    backend.t.clock.set(at('2026-11-12T12:00:00+08:00'));
    page = await openPage('pages/staff/reception/index', { id: a.id });
    expect(exists(page, '.open-cancel')).toBe(false);
    await tapButton(page, '.open-close');
    await type(page, '.attendance', '8');
    await type(page, '.summary', '接待群众 8 人，登记意见 2 条，当场答复 1 条。');
    await tapButton(page, '.send-close');
    expect(text(page)).toContain('已结束');
    expect(text(page)).toContain('接待群众 8 人。接待群众 8 人，登记意见 2 条，当场答复 1 条。');
    expect(exists(page, '.open-close')).toBe(false);
  });

  it('previews the printable notice of a published reception', async () => {
    const r = await publishedReception(backend.t);
    backend.as(liaison);
    const desk = await openPage('pages/staff/reception/index', { id: r.id });
    await tapButton(desk, '.open-notice');
    expect(backend.navigations.pop()).toBe(`/pages/staff/notice/index?id=${r.id}`);

    const page = await openPage('pages/staff/notice/index', { id: r.id });
    const nodes: string = page.data.nodes;
    expect(nodes).toContain('接待公告');
    expect(nodes).toContain('老旧小区改造意见征集');
    expect(nodes).toContain('王建华');
    expect(nodes).not.toContain('<style');
    expect(nodes).not.toContain('打印公告</button>');
    // In a CloudBase environment there is no address to print from.
    expect(exists(page, '.copy-url')).toBe(false);
    expect(text(page)).toContain('张贴在工作室的 A4 公告');
  });

  describe('on the local cloud', () => {
    afterEach(() => {
      testConfig.backend = CLOUD_BACKEND;
    });
    it("the notice's print address is the local host's", () => {
      testConfig.backend = { mode: 'local', baseUrl: 'http://127.0.0.1:3000', devOpenid: liaison };
      const { printableNoticeUrl } = require('../../miniprogram/services/cloud');
      expect(printableNoticeUrl('rc123')).toBe('http://127.0.0.1:3000/receptions/rc123/notice');
      testConfig.backend = CLOUD_BACKEND;
      expect(printableNoticeUrl('rc123')).toBeNull();
    });
  });
});

describe('安排接待 and the 7-day notice', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend(); // 2026-11-02 10:00 Shanghai
    phoneClockFollowsBackend(backend);
    backend.as(liaison);
  });

  /** Fills the form for a reception on `date`. */
  async function fill(page: Awaited<ReturnType<typeof openPage>>, date: string) {
    find(page, '.date-picker').dispatchEvent('change', { detail: { value: date } });
    find(page, '.start-picker').dispatchEvent('change', { detail: { value: '09:00' } });
    find(page, '.end-picker').dispatchEvent('change', { detail: { value: '11:00' } });
    await tapText(page, '.form', '流动接待');
    await type(page, '.place', '福应街道某村文化礼堂');
    await type(page, '.topic', '流动接待进村');
    await tapText(page, '.rep', '王建华');
    await tapText(page, '.rep', '陈素芬');
    await type(page, '.capacity', '30');
  }

  it('explains the rule before anything is sent, and publishes a reception 8 days out', async () => {
    const page = await openPage('pages/staff/schedule/index');
    expect(text(find(page, '.rule'))).toContain('接待须提前 7 天公告');
    expect(text(find(page, '.rule'))).toContain('今天发布，最早可安排在 2026年11月9日 周一');
    // The date starts at the earliest allowed.
    expect(page.data.date).toBe('2026-11-09');

    await fill(page, '2026-11-10');
    expect(exists(page, '.too-soon')).toBe(false);
    await tapButton(page, '.publish');
    expect(text(page)).toContain('接待已发布');
    expect(text(page)).toContain('11月10日 周二 09:00–11:00');

    const scheduled = backend.sent.find((s) => s.data.action === 'schedule')!.data;
    expect(scheduled).toEqual({
      action: 'schedule',
      studioId: 'studio-fuying',
      startAt: '2026-11-10T09:00:00+08:00',
      endAt: '2026-11-10T11:00:00+08:00',
      form: 'mobile',
      place: '福应街道某村文化礼堂',
      topic: '流动接待进村',
      representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
      capacity: 30,
    });
    // Residents see it.
    const list = await backend.t.ok('receptions', resident, { action: 'list' });
    expect(list.items.map((r: any) => r.topic)).toEqual(['流动接待进村']);
    await tapButton(page, '.open-notice');
    expect(backend.navigations.pop()).toMatch(/^\/pages\/staff\/notice\/index\?id=rc/);
  });

  it('warns about a reception 3 days out before submitting, then shows the refusal as the back end words it', async () => {
    const page = await openPage('pages/staff/schedule/index');
    await fill(page, '2026-11-05');
    expect(text(find(page, '.too-soon'))).toContain('所选日期 2026年11月5日 周四 距今不足 7 天，发布时将被拒绝');
    await tapButton(page, '.publish');
    expect(find(page, '.form-error').dom.textContent).toBe('接待须提前 7 天公告：今天发布，接待最早只能安排在 2026年11月9日（本次为 2026年11月5日）');
    expect(text(page)).toContain('已保存为草稿');
    expect(page.data.done).toBeNull();
    expect((await backend.t.ok('receptions', resident, { action: 'list' })).items).toHaveLength(0);

    // Trying again unchanged publishes the same draft again rather than making another.
    await tapButton(page, '.publish');
    expect(backend.sent.filter((s) => s.data.action === 'schedule')).toHaveLength(1);
    expect(backend.sent.filter((s) => s.data.action === 'publish')).toHaveLength(2);

    // The draft waits on the desk, where publishing explains the rule again.
    await tap(page, '.draft-saved');
    const url = backend.navigations.pop()!;
    const desk = await openPage('pages/staff/reception/index', { id: url.split('id=')[1] });
    expect(text(desk)).toContain('草稿·未公告');
    expect(text(find(desk, '.rule'))).toContain('本次接待距今不足 7 天，发布将被拒绝');
    await tapButton(desk, '.publish');
    expect(find(desk, '.action-error').dom.textContent).toContain('接待最早只能安排在 2026年11月9日');
  });

  it('checks the form before sending', async () => {
    const page = await openPage('pages/staff/schedule/index');
    await tapText(page, '.form', '流动接待');
    await tapButton(page, '.publish');
    expect(find(page, '.form-error').dom.textContent).toBe('流动接待请填写接待地点');
    await type(page, '.place', '某村文化礼堂');
    await tapButton(page, '.publish');
    expect(find(page, '.form-error').dom.textContent).toBe('请填写接待主题');
    await type(page, '.topic', '流动接待进村');
    await tapButton(page, '.publish');
    expect(find(page, '.form-error').dom.textContent).toBe('请至少选择一位值班党代表');
    expect(backend.sent.filter((s) => s.data.action === 'schedule')).toHaveLength(0);
  });

  it('a representative may not schedule', async () => {
    backend.as(rep);
    const page = await openPage('pages/staff/schedule/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有工作室联络员可以安排接待');
    expect(exists(page, '.publish')).toBe(false);
  });
});

import { DEV_IDENTITIES, exists, find, openPage, openUrl, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { DRAFT_KEY, HOME_TOWNSHIP_KEY, LAST_STUDIO_KEY } from '../../miniprogram/utils/keys';

const wx = () => (globalThis as any).wx;
const submits = (b: Backend) => b.sent.filter((s) => s.name === 'register' && s.data.action === 'submit');

/** Fills the form the way a resident does: a category chip, the content, name and phone. */
async function fill(page: View, content = '城东路口红绿灯时间太短，老人过马路来不及。') {
  await tapText(page, '.chip', '交通出行');
  await type(page, '.content', content);
  await type(page, '.name', '李明');
  await type(page, '.phone', '13812345678');
}

describe('我要反映', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('submits an opinion from the form, then finds it in 我的反映 as 已提交', async () => {
    const consent = jest.spyOn(wx(), 'requestSubscribeMessage').mockImplementation((opts: any) => {
      opts.success({ 'dev-itemProgress': 'accept', errMsg: 'requestSubscribeMessage:ok' });
      opts.complete();
    });
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    expect(text(page)).toContain('福应街道党代表工作室'); // preselected from the studio page
    await fill(page);
    expect(text(page)).toContain('21 / 1000'); // the character count

    await tapButton(page, '.submit');
    // The consent dialog asks for the back end's progress template, and the acceptance is recorded.
    expect(consent).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['dev-itemProgress'] }));
    expect(backend.sent).toContainEqual(expect.objectContaining({ name: 'members', data: { action: 'subscribe', templateIds: ['dev-itemProgress'] } }));
    expect(text(page)).toContain('提交成功');
    expect(text(page)).toContain('编号 XJ2026-000001');
    expect(submits(backend)[0].data).toEqual({
      action: 'submit',
      requestId: expect.stringMatching(/^op-[a-z0-9]+-[a-z0-9]+$/),
      studioId: 'studio-fuying',
      category: '交通出行',
      content: '城东路口红绿灯时间太短，老人过马路来不及。',
      contactName: '李明',
      contactPhone: '13812345678',
    });

    await tapButton(page, '.done__open');
    const detailUrl = backend.navigations.pop()!;
    expect(detailUrl).toMatch(/^\/pages\/items\/detail\/index\?id=it/);

    const mine = await openPage('pages/items/mine/index');
    const rows = mine.querySelectorAll('.card');
    expect(rows).toHaveLength(1);
    expect(text(rows[0])).toContain('XJ2026-000001');
    expect(text(rows[0])).toContain('已提交');
    expect(text(rows[0])).toContain('城东路口红绿灯时间太短');

    await tapText(mine, '.card', text(rows[0]).trim());
    expect(backend.navigations.pop()).toBe(detailUrl);
    const detail = await openUrl(detailUrl);
    expect(text(detail)).toContain('XJ2026-000001');
    expect(text(detail)).toContain('已提交');
    expect(text(detail)).toContain('福应街道党代表工作室将尽快受理，最迟 2026年11月17日 前答复');
    expect(text(detail)).toContain('提交反映');
  });

  it('a refused or failed consent dialog does not hold up the submit', async () => {
    jest.spyOn(wx(), 'requestSubscribeMessage').mockImplementation((opts: any) => {
      opts.fail({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' });
      opts.complete();
    });
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    await tapButton(page, '.submit');
    expect(text(page)).toContain('提交成功');
    expect(backend.sent.filter((s) => s.data.action === 'subscribe')).toHaveLength(0);
  });

  it('a double tap on 提交 registers one item', async () => {
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    const button = find(page, '.submit', '.t-button');
    button.dispatchEvent('tap');
    button.dispatchEvent('tap');
    await backend.settle();
    expect(submits(backend)).toHaveLength(1);
    expect(text(page)).toContain('提交成功');
    expect((await backend.t.ok('register', DEV_IDENTITIES.resident, { action: 'mine' })).total).toBe(1);
  });

  it('a second tap that lands before the button shows its spinner submits nothing more', async () => {
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    // What two taps in one frame do in WeChat, where the view renders `loading` later than the logic layer sets it.
    page.instance.submit();
    page.instance.submit();
    await backend.settle();
    expect(submits(backend)).toHaveLength(1);
    expect(text(page)).toContain('提交成功');
  });

  it('a lost answer keeps what was typed, says why, and the retry registers the same one item', async () => {
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    backend.loseNextAnswer();
    await tapButton(page, '.submit');
    // Not a field's fault: said above 提交, in the bar that is always on screen.
    expect(text(find(page, '.form-error'))).toBe('网络不给力，请稍后重试');
    expect(find(page, '.form-error').dom.parentElement.className).toContain('footer-bar');
    expect(page.data).toEqual(expect.objectContaining({ category: '交通出行', content: '城东路口红绿灯时间太短，老人过马路来不及。', contactName: '李明', contactPhone: '13812345678' }));

    await tapButton(page, '.submit');
    expect(text(page)).toContain('编号 XJ2026-000001');
    const [first, retry] = submits(backend);
    expect(retry.data.requestId).toBe(first.data.requestId);
    expect((await backend.t.ok('register', DEV_IDENTITIES.resident, { action: 'mine' })).total).toBe(1);
  });

  it('writes what is missing under its field and scrolls there, the studio first, and sends nothing', async () => {
    const page = await openPage('pages/items/submit/index');
    await tapButton(page, '.submit');
    expect(text(find(page, '.studio-error'))).toBe('请选择工作室');
    expect(backend.scrolls.at(-1)).toEqual({ selector: '#field-studio' });
    expect(exists(page, '.studio-search')).toBe(true); // the list opens to choose from

    await type(page, '.studio-search', '安洲');
    await tapText(page, '.studio-option', '安洲街道党代表工作室');
    expect(text(find(page, '.studio-choice__name'))).toBe('安洲街道党代表工作室');
    expect(exists(page, '.studio-error')).toBe(false);
    await tapButton(page, '.submit');
    expect(text(find(page, '.category-error'))).toBe('请选择反映类别');
    expect(backend.scrolls.at(-1)).toEqual({ selector: '#field-category' });

    await tapText(page, '.chip', '民生服务');
    await type(page, '.content', '太短');
    await tapButton(page, '.submit');
    expect(text(find(page, '.content-error'))).toBe('反映内容至少 5 个字');
    expect(backend.scrolls.at(-1)).toEqual({ selector: '#field-content' });
    expect(exists(page, '.category-error')).toBe(false); // one problem at a time, where it is

    await type(page, '.content', '小区门口的路灯坏了一个多月。');
    await type(page, '.phone', '12345');
    await tapButton(page, '.submit');
    expect(text(find(page, '.contact-error'))).toBe('请填写正确的手机号或固定电话');
    expect(backend.scrolls.at(-1)).toEqual({ selector: '#field-contact' });
    expect(submits(backend)).toHaveLength(0);
  });

  it('shows the content check\'s refusal under the content, scrolled to, and keeps the text', async () => {
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page, '有人在小区里组织赌博，影响很坏。');
    await tapButton(page, '.submit');
    expect(text(find(page, '.content-error'))).toBe('内容含有不适宜发布的信息，请修改后再提交');
    expect(backend.scrolls.at(-1)).toEqual({ selector: '#field-content' });
    expect(page.data.content).toBe('有人在小区里组织赌博，影响很坏。');
    expect(text(page)).not.toContain('提交成功');
  });

  it('anonymous: no name or phone is asked or sent', async () => {
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await tapText(page, '.chip', '生态环境');
    await type(page, '.content', '河道里有人倾倒建筑垃圾。');
    find(page, '.anonymous', '.t-switch').dispatchEvent('tap');
    await backend.settle();
    expect(page.querySelector('.name')).toBeUndefined();
    await tapButton(page, '.submit');
    expect(submits(backend)[0].data).toEqual(expect.objectContaining({ anonymous: true }));
    expect(submits(backend)[0].data).not.toHaveProperty('contactPhone');
  });

  it('the resident\'s submits per hour are limited, and the page says so', async () => {
    for (let i = 0; i < 5; i++) {
      const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
      await fill(page, `第 ${i + 1} 条：小区门口的路灯坏了。`);
      await tapButton(page, '.submit');
      expect(text(page)).toContain('提交成功');
    }
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page, '第 6 条：小区门口的路灯坏了。');
    await tapButton(page, '.submit');
    expect(text(find(page, '.form-error'))).toBe('提交过于频繁：每小时最多提交 5 条，请稍后再试');
    expect(text(page)).not.toContain('提交成功');
  });
});

describe('我要反映 with photos', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('takes up to 3 photos, uploads each once, and the item keeps their file IDs', async () => {
    let n = 0;
    const choose = jest.spyOn(wx(), 'chooseMedia').mockImplementation((opts: any) =>
      Promise.resolve({ tempFiles: Array.from({ length: opts.count }, () => ({ tempFilePath: `wxfile://tmp/photo-${++n}.jpg` })), type: 'image', errMsg: 'chooseMedia:ok' }),
    );
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    await tap(page, '.photo--add');
    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ count: 3, mediaType: ['image'] }));
    expect(page.querySelectorAll('.photo__img')).toHaveLength(3);
    expect(page.querySelector('.photo--add')).toBeUndefined();
    await tapText(page, '.photo__remove', '×');
    expect(page.querySelectorAll('.photo__img')).toHaveLength(2);

    await tapButton(page, '.submit');
    expect(backend.uploads).toHaveLength(2);
    // Under the resident's own folder (members.me's uploadDir), where the back end checks it.
    const { uploadDir } = await backend.t.ok('members', DEV_IDENTITIES.resident, { action: 'me' });
    expect(backend.uploads[0]).toMatch(new RegExp(`^${uploadDir}/\\d{6}/.+\\.jpg$`));
    const ids = backend.uploads.map((p) => `cloud://test-env.7465-test-env/${p}`);
    expect(submits(backend)[0].data.photos).toEqual(ids);
    expect(text(page)).toContain('提交成功');
    const mine = await backend.t.ok('register', DEV_IDENTITIES.resident, { action: 'mine' });
    expect(mine.items[0].photos).toEqual(ids);
  });

  it('a submit that fails after the upload keeps the photos and does not upload them again', async () => {
    jest.spyOn(wx(), 'chooseMedia').mockImplementation(() =>
      Promise.resolve({ tempFiles: [{ tempFilePath: 'wxfile://tmp/only.jpg' }], type: 'image', errMsg: 'chooseMedia:ok' }),
    );
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page, '含有赌博内容的反映，会被内容检查拒绝。');
    await tap(page, '.photo--add');
    await tapButton(page, '.submit');
    expect(text(find(page, '.content-error'))).toContain('不适宜');
    expect(page.querySelectorAll('.photo__img')).toHaveLength(1);
    await type(page, '.content', '路口的护栏被撞坏了，请尽快修复。');
    await tapButton(page, '.submit');
    expect(backend.uploads).toHaveLength(1); // not uploaded again
    expect(text(page)).toContain('提交成功');
  });
});

describe('我要反映: the studio, from a searchable list', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('lists the studios by township and finds them by a township\'s or a studio\'s name', async () => {
    const page = await openPage('pages/items/submit/index');
    expect(text(find(page, '.studio-choice'))).toContain('请选择工作室');
    await tap(page, '.studio-choice');
    expect(page.querySelectorAll('.studio-group')).toHaveLength(20);
    expect(page.querySelectorAll('.studio-option')).toHaveLength(page.data.studios.length);

    await type(page, '.studio-search', '白塔');
    expect(page.querySelectorAll('.studio-group__name').map((g) => text(g))).toEqual(['白塔镇']);
    await type(page, '.studio-search', '人民医院');
    expect(page.querySelectorAll('.studio-option').map((o) => text(o))).toEqual(['县人民医院党代表工作室']);
    await type(page, '.studio-search', '火星');
    expect(page.querySelectorAll('.studio-option')).toHaveLength(0);
    expect(text(page)).toContain('没有找到“火星”相关的工作室');
  });

  it('a chosen studio reads as chosen, not as a placeholder, and is sent', async () => {
    const page = await openPage('pages/items/submit/index');
    await tap(page, '.studio-choice');
    await type(page, '.studio-search', '白塔');
    await tapText(page, '.studio-option', '白塔镇党代表工作室');
    expect(exists(page, '.studio-search')).toBe(false); // the list closes
    expect(find(page, '.studio-choice').dom.className).toContain('studio-choice--chosen');
    expect(text(find(page, '.studio-choice__name'))).toBe('白塔镇党代表工作室');
    expect(text(find(page, '.studio-choice__hint'))).toBe('白塔镇');
    expect(exists(page, '.studio-choice__placeholder')).toBe(false);

    await fill(page);
    await tapButton(page, '.submit');
    expect(submits(backend)[0].data.studioId).toBe('studio-baita');
  });

  it('starts with the studio last sent to', async () => {
    const first = await openPage('pages/items/submit/index', { studioId: 'studio-baita' });
    await fill(first);
    await tapButton(first, '.submit');
    expect(backend.storage.get(LAST_STUDIO_KEY)).toBe('studio-baita');

    const page = await openPage('pages/items/submit/index');
    expect(page.data.studioId).toBe('studio-baita');
    expect(text(find(page, '.studio-choice'))).toContain('白塔镇党代表工作室');
    expect(text(find(page, '.studio-choice__hint'))).toContain('您上次反映给这里');
  });

  it('else starts with the studio of the resident\'s township, the one of the last studio page opened', async () => {
    await openPage('pages/studios/detail/index', { id: 'studio-baita' });
    expect(backend.storage.get(HOME_TOWNSHIP_KEY)).toBe('baita');
    const page = await openPage('pages/items/submit/index');
    expect(page.data.studioId).toBe('studio-baita');
    expect(text(find(page, '.studio-choice__hint'))).toContain('按您所在的白塔镇预选');
  });

  it('coming from a studio page, that studio wins over the last one used', async () => {
    backend.storage.set(LAST_STUDIO_KEY, 'studio-baita');
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    expect(page.data.studioId).toBe('studio-fuying');
    expect(text(find(page, '.studio-choice__name'))).toBe('福应街道党代表工作室');
  });
});

describe('我要反映: what was typed survives a failure', () => {
  it('a failed submit keeps a draft on the phone; the form opened again has it back, and the retry registers one item', async () => {
    const backend = await startBackend();
    const page = await openPage('pages/items/submit/index', { studioId: 'studio-fuying' });
    await fill(page);
    backend.loseNextAnswer();
    await tapButton(page, '.submit');
    expect(backend.storage.get(DRAFT_KEY)).toEqual(expect.objectContaining({ category: '交通出行', content: '城东路口红绿灯时间太短，老人过马路来不及。', contactPhone: '13812345678' }));

    // The resident leaves and comes back later.
    const again = await openPage('pages/items/submit/index');
    expect(text(again)).toContain('已恢复您上次未提交成功的内容');
    expect(again.data).toEqual(expect.objectContaining({ studioId: 'studio-fuying', category: '交通出行', content: '城东路口红绿灯时间太短，老人过马路来不及。', contactName: '李明', contactPhone: '13812345678' }));
    await tapButton(again, '.submit');
    expect(text(again)).toContain('提交成功');
    expect(backend.storage.has(DRAFT_KEY)).toBe(false);
    const [first, retry] = submits(backend);
    expect(retry.data.requestId).toBe(first.data.requestId); // the lost answer had registered it: still one item
    expect((await backend.t.ok('register', DEV_IDENTITIES.resident, { action: 'mine' })).total).toBe(1);
  });
});

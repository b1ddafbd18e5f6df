import { find, openPage, startBackend, tap, text, type Backend } from './support/harness';
import { submitEvent } from '../support/app';
import { TEXT_SIZE_KEY } from '../../miniprogram/utils/keys';

const wx = () => (globalThis as any).wx;
const LARGE_BODY = '--care-body: 36rpx';

/** The page-root style a page renders (`<page-meta page-style>`, its first node), from j-component's tree. */
function pageStyle(page: any): string {
  const nodes: any[] = page._exparserNode.shadowRoot.childNodes;
  const meta = nodes.find((n) => n._vt?.tagName === 'page-meta');
  if (!meta) throw new Error('the page has no <page-meta>');
  const attrs: Array<{ name: string; value: unknown }> = meta._vt.attrs;
  return String(attrs.find((a) => a.name === 'pageStyle')?.value ?? '');
}

describe('关怀模式: large text', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('标准 by default: the page root sets no larger sizes', async () => {
    const page = await openPage('pages/home/index/index');
    expect(page.data.textSize).toBe('standard');
    expect(pageStyle(page)).toBe('');
    expect(find(page, '.size-standard').dom.className).toContain('text-size__choice--on');
  });

  it('大字 on 首页 enlarges the page at once, is remembered, and every page opened after follows it', async () => {
    const home = await openPage('pages/home/index/index');
    await tap(home, '.size-large');
    expect(backend.storage.get(TEXT_SIZE_KEY)).toBe('large');
    expect(pageStyle(home)).toContain(LARGE_BODY);
    expect(find(home, '.size-large').dom.className).toContain('text-size__choice--on');

    const item = await backend.t.ok('register', 'dev-resident', submitEvent());
    for (const [route, query] of [
      ['pages/items/detail/index', { id: item.id }],
      ['pages/items/submit/index', {}],
      ['pages/staff/workbench/index', {}],
    ] as const) {
      const page = await openPage(route, query);
      expect([route, pageStyle(page)]).toEqual([route, expect.stringContaining(LARGE_BODY)]);
    }

    await tap(home, '.size-standard');
    expect(backend.storage.get(TEXT_SIZE_KEY)).toBe('standard');
    expect(pageStyle(home)).toBe('');
    expect(pageStyle(await openPage('pages/items/mine/index'))).toBe('');
  });

  it('follows WeChat\'s own font size until the resident chooses', async () => {
    const real = wx().getAppBaseInfo();
    const baseInfo = jest.spyOn(wx(), 'getAppBaseInfo').mockReturnValue({ ...real, fontSizeSetting: 22 });
    let page = await openPage('pages/home/index/index');
    expect(page.data.textSize).toBe('large');
    expect(pageStyle(page)).toContain(LARGE_BODY);

    baseInfo.mockReturnValue({ ...real, fontSizeSetting: 17 }); // iOS's default
    page = await openPage('pages/home/index/index');
    expect(page.data.textSize).toBe('standard');

    baseInfo.mockReturnValue({ ...real, fontSizeSetting: 22 });
    await tap(page, '.size-standard'); // the resident's choice wins over WeChat's setting
    page = await openPage('pages/notices/index/index');
    expect(pageStyle(page)).toBe('');
    expect(text(await openPage('pages/home/index/index'))).toContain('字体大小');
  });
});

import { openPage, startBackend, tap, text, type Backend } from './support/harness';
import { submitEvent } from '../support/app';
import { publishedReception } from './support/receptions';

/** Every page, with what it needs to show something. */
const PAGES: Array<[string, string, (b: Backend) => Promise<Record<string, string>>]> = [
  ['首页', 'pages/home/index/index', async () => ({})],
  ['工作室', 'pages/studios/detail/index', async () => ({ id: 'studio-fuying' })],
  ['接待公告', 'pages/receptions/detail/index', async (b) => ({ id: (await publishedReception(b.t)).id })],
  ['我的预约', 'pages/receptions/mine/index', async () => ({})],
  ['我要反映', 'pages/items/submit/index', async () => ({ studioId: 'studio-fuying' })],
  ['我的反映', 'pages/items/mine/index', async () => ({})],
  ['办理进度', 'pages/items/detail/index', async (b) => ({ id: (await b.t.ok('register', 'dev-resident', submitEvent())).id })],
];

describe.each(PAGES)('%s when the network fails', (_name, route, setup) => {
  it('shows loading, then says why in plain Chinese, and 重新加载 loads it', async () => {
    const backend = await startBackend();
    const query = await setup(backend);
    backend.dropNextCall();
    const page = await openPage(route, query, { wait: false });
    expect(page.data.state).toBe('loading');
    expect(text(page)).toContain('加载中');
    await backend.settle();
    expect(page.data.state).toBe('error');
    expect(text(page)).toContain('网络不给力，请稍后重试');

    await tap(page, '.state', '.retry', '.t-button');
    expect(page.data.state).not.toBe('error');
    expect(text(page)).not.toContain('网络不给力');
  });
});

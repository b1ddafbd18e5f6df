/**
 * Pages under miniprogram-simulate, wired to the real back end: the mini-program is
 * configured for the cloud, and `wx.cloud.callFunction` runs the real functions
 * (`createApp(...).call`) on an in-memory SQLite store with the Xianju demo data, as the
 * WeChat user the test chooses (support/backend.ts). Nothing of the back end is mocked.
 *
 * Type-checked by tsconfig.json (node + jest, no DOM): the DOM and j-component are reached
 * through the small `View` interface (support/view.ts).
 */
import type { FileStore } from '../../../core/ports/files';
import { DEV_IDENTITIES, makeTestApp } from '../../support/app';
import { currentBackend, wireBackend, type Backend } from './backend';
import { renderPage, requireBuiltComponents, type Simulate } from './pages';
import type { View } from './view';

/**
 * miniprogram-simulate, required rather than imported: its typings bring the mini-program's
 * globals (`wx`, its own `require`) into whatever program reads them, and this file is
 * type-checked with the node tests.
 */
const simulate = require('miniprogram-simulate') as Simulate;

export { DEV_IDENTITIES };
export type { Backend, View };
export { MP_ROOT } from './pages';
export { exists, find, tap, tapButton, tapText, text, type } from './view';

requireBuiltComponents();

/**
 * What miniprogram/config.ts says during the tests: the cloud. The same object is the
 * module, so a test may change a switch before it opens a page.
 */
export const CLOUD_BACKEND = { mode: 'cloud', envId: 'test-env' };
export const testConfig = {
  backend: CLOUD_BACKEND as Record<string, string>,
};
jest.doMock('../../../miniprogram/config', () => testConfig);

const wxGlobal = () => (globalThis as any).wx as Record<string, any>;

/** The real app behind `wx.cloud`, as `dev-resident` unless told otherwise. */
export async function startBackend(options: { now?: string; files?: FileStore } = {}): Promise<Backend> {
  jest.restoreAllMocks(); // a test's stubs of wx.* end with it
  const t = await makeTestApp({ ...(options.now ? { now: options.now } : {}), ...(options.files ? { files: options.files } : {}) });
  const wx = wxGlobal();
  const backend = wireBackend(t, wx);
  for (const method of ['navigateTo', 'redirectTo']) {
    jest.spyOn(wx, method).mockImplementation((opts: any) => {
      backend.navigations.push(opts.url);
      return Promise.resolve({ errMsg: `${method}:ok` });
    });
  }
  return backend;
}

/**
 * Opens a page as WeChat would: renders it, then calls its onLoad with the query, and waits
 * for its calls to answer (unless `wait` is false: the page is still loading then).
 */
export async function openPage(route: string, query: Record<string, string> = {}, { wait = true } = {}): Promise<View> {
  // simulate runs each component's script by require(); jest keeps required modules, so a
  // page or component opened before would not register again without a fresh registry.
  jest.resetModules();
  const page = renderPage(simulate, route);
  page.instance.onLoad(query);
  if (wait) await currentBackend()?.settle();
  return page;
}

/** Opens the page a URL names (`/pages/x/y/index?id=1`). */
export function openUrl(url: string): Promise<View> {
  const [route, search = ''] = url.replace(/^\//, '').split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return openPage(route, query);
}

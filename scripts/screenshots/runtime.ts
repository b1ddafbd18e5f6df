/**
 * The pages of miniprogram/ under miniprogram-simulate in a plain Node process (tsx), as the
 * page tests run them under jest: a jsdom window, the page's TypeScript run as WeChat would
 * run its compiled JavaScript, `config.ts` saying "cloud", and `wx.cloud.callFunction`
 * answered by the real functions on an in-memory SQLite store with the demo data
 * (test/miniprogram/support/backend.ts).
 *
 * Import this module before anything that needs `window` or `wx`: it installs them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEV_IDENTITIES, makeTestApp } from '../../test/support/app';
import { wireBackend, type Backend } from '../../test/miniprogram/support/backend';
import { MP_ROOT, renderPage, requireBuiltComponents, type RenderedPage, type Simulate } from '../../test/miniprogram/support/pages';

const g = globalThis as Record<string, any>;

// A browser-like global scope for j-component, as jest-environment-jsdom gives the tests.
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: Record<string, unknown>) => { window: Record<string, any> } };
const jsdom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' });
for (const key of Object.getOwnPropertyNames(jsdom.window)) {
  if (key in g) continue;
  try {
    g[key] = jsdom.window[key];
  } catch {
    // a read-only window property
  }
}
// Node has its own Event, CustomEvent and EventTarget: jsdom's must win, or its nodes refuse the events.
for (const key of ['Event', 'CustomEvent', 'EventTarget', 'UIEvent', 'MouseEvent', 'TouchEvent', 'KeyboardEvent', 'FocusEvent', 'Node', 'Element', 'HTMLElement', 'NodeFilter', 'MutationObserver']) {
  if (jsdom.window[key]) g[key] = jsdom.window[key];
}
g.window = jsdom.window;
g.document = jsdom.window.document;
// What WeChat gives every page and component that miniprogram-simulate leaves out (as test/miniprogram/support/setup.ts).
g.getApp = () => ({});
g.getCurrentPages = () => [];

requireBuiltComponents();

// miniprogram-simulate runs a component's script with `require(path)` (no extension): Node
// would find `index.json` before tsx finds `index.ts`. Run the TypeScript source when there is one.
const simUtils = require('miniprogram-simulate/src/utils') as { runJs(file: string): void; transformRpx(css: string): string };
const runJs = simUtils.runJs;
simUtils.runJs = (file: string) => {
  const ts = `${file}.ts`;
  if (!fs.existsSync(ts)) return runJs(file);
  require(ts);
  delete require.cache[require.resolve(ts)];
};
// simulate turns 1rpx into 1px; a 375 px wide phone shows 1rpx as 0.5px. The jsdom tree does
// not lay anything out, so this only changes the CSS the pictures are taken with.
export const halfRpx = (css: string) => css.replace(/(-?\d*\.?\d+)rpx/gi, (_m, n: string) => `${Number(n) / 2}px`);
simUtils.transformRpx = halfRpx;
// j-component converts inline styles (`style="height: 160rpx"`) with its own copy.
(require(require.resolve('j-component/src/tool/utils', { paths: [path.dirname(require.resolve('miniprogram-simulate'))] })) as { transformRpx(css: string): string }).transformRpx = halfRpx;

const simulate = require('miniprogram-simulate') as Simulate;

const CONFIG_PATH = path.join(MP_ROOT, 'config.ts');

/** Forgets every module of miniprogram/ (as jest.resetModules does) and says "cloud" in config.ts again. */
function freshModules() {
  for (const key of Object.keys(require.cache)) if (key.startsWith(MP_ROOT + path.sep)) delete require.cache[key];
  const mod = new (require('node:module') as { new (id: string): NodeJS.Module })(CONFIG_PATH);
  mod.filename = CONFIG_PATH;
  mod.loaded = true;
  mod.exports = { backend: { mode: 'cloud', envId: 'screenshots' } };
  require.cache[CONFIG_PATH] = mod;
}

export type Who = 'resident' | 'representative' | 'liaison' | 'admin';
export { DEV_IDENTITIES };

const realNow = Date.now.bind(Date);

/** The real app behind `wx.cloud` at the back end's clock `now`, with the phone's clock following it. */
export async function startBackend(now = '2026-11-02T10:00:00+08:00'): Promise<Backend> {
  Date.now = realNow;
  // Lists of several items of one resident: the hourly submit limit would stop them at 5.
  const t = await makeTestApp({ now, config: { submitLimit: { perHour: 100, perDay: 100 } } });
  const wx = g.wx as Record<string, any>;
  const backend = wireBackend(t, wx);
  for (const method of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch']) {
    wx[method] = (opts: { url: string }) => {
      backend.navigations.push(opts.url);
      return Promise.resolve({ errMsg: `${method}:ok` });
    };
  }
  for (const method of ['showToast', 'showModal', 'stopPullDownRefresh', 'setNavigationBarTitle', 'makePhoneCall', 'setClipboardData', 'openLocation', 'previewImage']) {
    const original = wx[method];
    wx[method] = (opts: Record<string, any> = {}) => {
      if (method === 'showModal') return Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
      if (method === 'setNavigationBarTitle') navigationTitle = String(opts.title ?? '');
      if (method === 'showToast') toast = String(opts.title ?? '');
      return typeof original === 'function' ? original(opts) : Promise.resolve({ errMsg: `${method}:ok` });
    };
  }
  navigationTitle = '';
  toast = '';
  return backend;
}

let navigationTitle = '';
let toast = '';

/**
 * Staff pages compute display dates from the phone's clock: make it the back end's (after the
 * setup moved it). The DevClock reads `Date.now` too, so it is set again against the new clock.
 */
export function syncPhoneClock(backend: Backend): void {
  const serverNow = backend.t.clock.now();
  const startedAt = realNow();
  Date.now = () => serverNow + (realNow() - startedAt);
  backend.t.clock.set(serverNow);
}

/** The title the page set with `wx.setNavigationBarTitle` ('' when it did not). */
export const pageTitle = () => navigationTitle;
/** The last toast the page showed ('' when none). */
export const lastToast = () => toast;

/** Opens a page as WeChat would (renders it, then onLoad with the query), waiting for its calls unless `wait` is false. */
export async function openPage(backend: Backend, route: string, query: Record<string, string> = {}, { wait = true } = {}): Promise<RenderedPage> {
  freshModules();
  const page = renderPage(simulate, route);
  page.instance.onLoad(query);
  if (wait) await backend.settle();
  return page;
}

/** The page's own `.json` (navigation title, pull-down). */
export function pageJson(route: string): { navigationBarTitleText?: string; usingComponents?: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(MP_ROOT, `${route}.json`), 'utf8'));
}

/** The app's `window` settings (navigation bar colours and default title). */
export function appWindow(): { navigationBarTitleText?: string; navigationBarBackgroundColor?: string; navigationBarTextStyle?: string; backgroundColor?: string } {
  return JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')).window ?? {};
}

export { MP_ROOT };

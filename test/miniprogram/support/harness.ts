/**
 * Pages under miniprogram-simulate, wired to the real back end: the mini-program is
 * configured for the cloud, and `wx.cloud.callFunction` runs the real functions
 * (`createApp(...).call`) on an in-memory SQLite store with the Xianju demo data, as the
 * WeChat user the test chooses. Nothing of the back end is mocked.
 *
 * Type-checked by tsconfig.json (node + jest, no DOM): the DOM and j-component are reached
 * through the small `View` interface below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../../support/app';

/**
 * miniprogram-simulate, required rather than imported: its typings bring the mini-program's
 * globals (`wx`, its own `require`) into whatever program reads them, and this file is
 * type-checked with the node tests.
 */
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, options: { rootPath: string; usingComponents: Record<string, string>; compilerOptions: { maxBuffer: number } }): string;
  render(id: string): unknown;
};

export { DEV_IDENTITIES };

export const MP_ROOT = path.resolve(__dirname, '../../../miniprogram');
if (!fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm', 'tdesign-miniprogram'))) {
  throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build` (npm install runs it too)');
}

/**
 * What miniprogram/config.ts says during the tests: the cloud. The same object is the
 * module, so a test may change a switch before it opens a page.
 */
export const CLOUD_BACKEND = { mode: 'cloud', envId: 'test-env' };
export const testConfig = {
  backend: CLOUD_BACKEND as Record<string, string>,
};
jest.doMock('../../../miniprogram/config', () => testConfig);

/** A rendered page or one of its nodes (j-component's wrapper). */
export interface View {
  readonly dom: any;
  readonly data: any;
  readonly instance: any;
  querySelector(selector: string): View | undefined;
  querySelectorAll(selector: string): View[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
}

const wxGlobal = () => (globalThis as any).wx as Record<string, any>;
const clone = <T>(x: T): T => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

export interface Backend {
  t: TestApp;
  /** Every event the mini-program sent, in order. */
  sent: Array<{ name: string; data: Record<string, any>; openid: string }>;
  /** Where the pages navigated to, in order. */
  navigations: string[];
  /** Photos uploaded to cloud storage (cloudPath). */
  uploads: string[];
  /** The WeChat user the mini-program runs as from now on. */
  as(openid: string): void;
  /** The next call fails as a lost network would: the back end never sees it. */
  dropNextCall(): void;
  /** The next call reaches the back end and is done there, but its answer is lost. */
  loseNextAnswer(): void;
  /** Waits until every call the pages started has answered and the pages have rendered. */
  settle(): Promise<void>;
}

let current: Backend | null = null;

/** The real app behind `wx.cloud`, as `dev-resident` unless told otherwise. */
export async function startBackend(options: { now?: string } = {}): Promise<Backend> {
  jest.restoreAllMocks(); // a test's stubs of wx.* end with it
  const t = await makeTestApp(options.now ? { now: options.now } : {});
  let openid: string = DEV_IDENTITIES.resident;
  let inflight = 0;
  let drop = false;
  let lose = false;
  const backend: Backend = {
    t,
    sent: [],
    navigations: [],
    uploads: [],
    as: (id) => {
      openid = id;
    },
    dropNextCall: () => {
      drop = true;
    },
    loseNextAnswer: () => {
      lose = true;
    },
    async settle() {
      let quiet = 0;
      for (let i = 0; i < 200 && quiet < 3; i++) {
        await new Promise((r) => setTimeout(r, 0));
        quiet = inflight === 0 ? quiet + 1 : 0;
      }
    },
  };
  const wx = wxGlobal();
  wx.cloud = {
    init() {},
    async callFunction(param: { name: string; data: Record<string, unknown> }) {
      inflight++;
      try {
        await Promise.resolve();
        if (drop) {
          drop = false;
          throw { errMsg: 'cloud.callFunction:fail request:fail timeout' };
        }
        const data = clone(param.data);
        backend.sent.push({ name: param.name, data, openid });
        const result = clone(await t.app.call(param.name, data, openid));
        if (lose) {
          lose = false;
          throw { errMsg: 'cloud.callFunction:fail request:fail socket closed' };
        }
        return { result, errMsg: 'cloud.callFunction:ok', requestID: `req-${backend.sent.length}` };
      } finally {
        inflight--;
      }
    },
    async uploadFile(param: { cloudPath: string; filePath: string }) {
      backend.uploads.push(param.cloudPath);
      return { fileID: `cloud://test-env.7465-test-env/${param.cloudPath}`, statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
    },
  };
  for (const method of ['navigateTo', 'redirectTo']) {
    jest.spyOn(wx, method).mockImplementation((opts: any) => {
      backend.navigations.push(opts.url);
      return Promise.resolve({ errMsg: `${method}:ok` });
    });
  }
  current = backend;
  return backend;
}

/** `t-button` → `/miniprogram_npm/tdesign-miniprogram/button/button`, for every npm component the sources use. */
function npmComponents(): Record<string, string> {
  const map: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') walk(file);
      } else if (entry.name.endsWith('.json')) {
        const using: Record<string, string> = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents ?? {};
        for (const [tag, target] of Object.entries(using)) {
          if (target.startsWith('/') || target.startsWith('.')) continue;
          const resolved = `/miniprogram_npm/${target}`;
          if (map[tag] && map[tag] !== resolved) throw new Error(`${tag} names two components: ${map[tag]} and ${resolved}`);
          map[tag] = resolved;
        }
      }
    }
  };
  walk(MP_ROOT);
  return map;
}

/**
 * Opens a page as WeChat would: renders it, then calls its onLoad with the query, and waits
 * for its calls to answer (unless `wait` is false: the page is still loading then).
 */
export async function openPage(route: string, query: Record<string, string> = {}, { wait = true } = {}): Promise<View> {
  // simulate runs each component's script by require(); jest keeps required modules, so a
  // page or component opened before would not register again without a fresh registry.
  jest.resetModules();
  const id = simulate.load(path.join(MP_ROOT, route), {
    rootPath: MP_ROOT,
    usingComponents: npmComponents(),
    compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
  });
  const page = simulate.render(id) as unknown as View & { attach(parent: unknown): void };
  page.attach((globalThis as any).document.createElement('parent-wrapper'));
  page.instance.onLoad(query);
  if (wait) await current?.settle();
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

/** The node at the end of a path of selectors, each looked up inside the previous one (TDesign's insides included). */
export function find(view: View, ...selectors: string[]): View {
  let node = view;
  for (const selector of selectors) {
    const next = node.querySelector(selector);
    if (!next) throw new Error(`nothing matches ${selectors.join(' → ')} (stopped at ${selector})`);
    node = next;
  }
  return node;
}

/** Whether a path of selectors matches anything. */
export function exists(view: View, ...selectors: string[]): boolean {
  try {
    find(view, ...selectors);
    return true;
  } catch {
    return false;
  }
}

/** Taps what the selectors name, as a finger would, and waits for what it started. */
export async function tap(view: View, ...selectors: string[]): Promise<void> {
  find(view, ...selectors).dispatchEvent('tap');
  await current?.settle();
}

/** Taps a TDesign button (a virtual host: the tap lands on its inner `<button>`). */
export function tapButton(view: View, selector: string): Promise<void> {
  return tap(view, selector, '.t-button');
}

/** Taps the first node matching `selector` whose text is `label` (a chip, a choice). */
export async function tapText(view: View, selector: string, label: string): Promise<void> {
  const node = view.querySelectorAll(selector).find((n) => String(n.dom.textContent).trim() === label);
  if (!node) throw new Error(`no ${selector} reads ${label}`);
  node.dispatchEvent('tap');
  await current?.settle();
}

/** Types `value` into a TDesign input or textarea (`selector` names the t-input / t-textarea). */
export async function type(view: View, selector: string, value: string): Promise<void> {
  const field = find(view, selector);
  // The native field inside t-input, t-textarea and t-search.
  const inner = ['.t-input__control', '.t-textarea__wrapper-inner', '.t-input__keyword'].map((c) => field.querySelector(c)).find(Boolean);
  if (!inner) throw new Error(`${selector} has no input or textarea`);
  inner.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await current?.settle();
}

/** What the page shows, as one string. */
export function text(view: View): string {
  return String(view.dom.textContent ?? '').replace(/\s+/g, ' ');
}

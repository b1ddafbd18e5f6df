/**
 * The real functions behind the mini-program's `wx.cloud`, with no jest in it: the page tests
 * (harness.ts) and `npm run screenshots` (scripts/screenshots) wire pages the same way.
 * `wx.cloud.callFunction` runs the real app (`createApp(...).call`) on the test app's
 * in-memory SQLite store, as the WeChat user chosen with `as`. Storage is an in-memory map
 * per backend, so what a page remembers (the last studio, the text size) starts empty.
 */
import type { TestApp } from '../../support/app';
import { DEV_IDENTITIES } from '../../support/app';

export interface Backend {
  t: TestApp;
  /** Every event the mini-program sent, in order. */
  sent: Array<{ name: string; data: Record<string, any>; openid: string }>;
  /** Where the pages navigated to, in order. */
  navigations: string[];
  /** Photos uploaded to cloud storage (cloudPath). */
  uploads: string[];
  /** What `wx.pageScrollTo` was asked, in order (a selector or a scrollTop). */
  scrolls: Array<{ selector?: string; scrollTop?: number }>;
  /** The phone's storage (`wx.setStorageSync` / `wx.getStorageSync`). */
  storage: Map<string, unknown>;
  /** The WeChat user the mini-program runs as from now on. */
  as(openid: string): void;
  /** The next call fails as a lost network would: the back end never sees it. */
  dropNextCall(): void;
  /** The next call reaches the back end and is done there, but its answer is lost. */
  loseNextAnswer(): void;
  /** From now on every call fails as a lost network would (`false` to end it). */
  offline(on?: boolean): void;
  /** From now on no call answers (the page stays loading). */
  hang(): void;
  /** Waits until every call the pages started has answered and the pages have rendered. */
  settle(): Promise<void>;
}

let current: Backend | null = null;

/** The backend the pages run against now (the last one wired). */
export const currentBackend = (): Backend | null => current;

const clone = <T>(x: T): T => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

/**
 * Puts the test app behind `wx` (miniprogram-simulate's global): `wx.cloud`, storage,
 * `pageScrollTo`. Navigation is left to the caller (jest spies in the tests, plain
 * replacements in the screenshots).
 */
export function wireBackend(t: TestApp, wx: Record<string, any>): Backend {
  let openid: string = DEV_IDENTITIES.resident;
  let inflight = 0;
  let drop = false;
  let lose = false;
  let down = false;
  let hung = false;
  const storage = new Map<string, unknown>();
  const backend: Backend = {
    t,
    sent: [],
    navigations: [],
    uploads: [],
    scrolls: [],
    storage,
    as: (id) => {
      openid = id;
    },
    dropNextCall: () => {
      drop = true;
    },
    loseNextAnswer: () => {
      lose = true;
    },
    offline: (on = true) => {
      down = on;
    },
    hang: () => {
      hung = true;
    },
    async settle() {
      let quiet = 0;
      for (let i = 0; i < 200 && quiet < 3; i++) {
        await new Promise((r) => setTimeout(r, 0));
        quiet = inflight === 0 || hung ? quiet + 1 : 0;
      }
    },
  };
  wx.cloud = {
    init() {},
    async callFunction(param: { name: string; data: Record<string, unknown> }) {
      if (hung) return new Promise(() => undefined);
      inflight++;
      try {
        await Promise.resolve();
        if (drop || down) {
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
      // Into the test app's cloud storage (a JPEG's first bytes), where the back end checks it.
      return { fileID: t.cloudStorage.put(param.cloudPath), statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
    },
  };
  wx.setStorageSync = (key: string, value: unknown) => {
    storage.set(key, clone(value));
  };
  wx.getStorageSync = (key: string) => (storage.has(key) ? clone(storage.get(key)) : '');
  wx.removeStorageSync = (key: string) => {
    storage.delete(key);
  };
  wx.pageScrollTo = (opts: { selector?: string; scrollTop?: number; success?: () => void; complete?: () => void }) => {
    backend.scrolls.push(opts.selector !== undefined ? { selector: opts.selector } : { scrollTop: opts.scrollTop });
    opts.success?.();
    opts.complete?.();
    return Promise.resolve({ errMsg: 'pageScrollTo:ok' });
  };
  current = backend;
  return backend;
}

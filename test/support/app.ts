import { createApp, type App } from '../../core/app';
import { createSqliteStore, type SqliteStore } from '../../core/adapters/sqlite/store';
import { defaultConfig, type Config } from '../../core/config';
import type { Envelope } from '../../core/errors';
import { DevClock } from '../../core/ports/clock';
import { wordListContentCheck } from '../../core/ports/contentCheck';
import { logNotifier, type Notifier } from '../../core/ports/notifier';
import type { FileStore } from '../../core/ports/files';
import type { Codes } from '../../core/ports/codes';
import { fakeCloudStorage, testFiles, type FakeCloudStorage } from './cloudStorage';
import type { Store } from '../../core/ports/store';
import { seedDemoData } from '../../local/seed';
import { qrCodes } from '../../core/adapters/qr/codes';

export { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID } from '../../local/seed';

export interface TestApp {
  app: App;
  store: Store;
  clock: DevClock;
  /** Cloud storage in memory: photos the mini-program uploads (test/support/cloudStorage.ts). */
  cloudStorage: FakeCloudStorage;
  /** Calls a function as `openid`; answers the envelope. */
  call(fn: string, openid: string | undefined, event: Record<string, unknown>): Promise<Envelope<unknown>>;
  /** Calls and expects success: returns `data` (typed by the caller). */
  ok<T = any>(fn: string, openid: string, event: Record<string, unknown>): Promise<T>;
  /** Calls and expects failure: returns the error code. */
  fails(fn: string, openid: string | undefined, event: Record<string, unknown>): Promise<string>;
  close(): void;
}

/** The real app on a fresh in-memory SQLite store with the Xianju demo data and a settable clock. */
export async function makeTestApp(options: { now?: string | number; config?: Partial<Config>; store?: Store; notifier?: Notifier; files?: FileStore; codes?: Codes } = {}): Promise<TestApp> {
  const store: Store = options.store ?? createSqliteStore(':memory:');
  await seedDemoData(store);
  const clock = new DevClock();
  clock.set(typeof options.now === 'string' ? Date.parse(options.now) : options.now ?? Date.parse('2026-11-02T10:00:00+08:00'));
  const notifier = options.notifier ?? logNotifier();
  const cloudStorage = fakeCloudStorage();
  const files = options.files ?? testFiles(cloudStorage);
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier, files, codes: options.codes ?? qrCodes(), config: { ...defaultConfig, ...options.config } });
  const call = (fn: string, openid: string | undefined, event: Record<string, unknown>) => app.call(fn, event, openid);
  return {
    app,
    store,
    clock,
    cloudStorage,
    call,
    async ok(fn, openid, event) {
      const r = await call(fn, openid, event);
      if (!r.ok) throw new Error(`${fn}.${String(event.action)} as ${openid} failed: ${r.error.code} ${r.error.message}`);
      return r.data as any;
    },
    async fails(fn, openid, event) {
      const r = await call(fn, openid, event);
      if (r.ok) throw new Error(`${fn}.${String(event.action)} as ${openid} should have failed`);
      return r.error.code;
    },
    close: () => {
      if ('close' in store) (store as SqliteStore).close();
    },
  };
}

let seq = 0;
/** A fresh requestId for a submit. */
export const requestId = () => `req-${Date.now().toString(36)}-${(seq++).toString(36).padStart(4, '0')}`;

/** A valid submit event, with overrides. */
export const submitEvent = (overrides: Record<string, unknown> = {}) => ({
  action: 'submit',
  requestId: requestId(),
  studioId: 'studio-fuying',
  category: '交通出行',
  content: '小区门口的路灯坏了一个多月，晚上出行不安全。',
  contactName: '李明',
  contactPhone: '13812345678',
  ...overrides,
});

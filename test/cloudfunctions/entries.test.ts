/**
 * Each deployed cloud function entry (cloudfunctions/<name>/index.ts), called as the cloud
 * calls it: `main(event)` with the caller's identity in the WeChat context
 * (`cloud.getWXContext()` reads WX_CONTEXT_KEYS / WX_OPENID from the environment), the REAL
 * wx-server-sdk building the database and the openapi, and only the SDK's request layer
 * answered in-process:
 * - the database by test/support/fakeCloudbase (seeded with the Xianju demo data through the
 *   CloudBase Store adapter);
 * - `security.msgSecCheck` (and subscribe messages) by a fake WeChat answering the SDK's
 *   `wx.openApi` request with the protobuf envelope the SDK decodes, so the ContentCheck
 *   adapter reads the verdict the way it will in production;
 * - every TCP connection attempt is refused and recorded: nothing may reach the network.
 *
 * The timer entry runs only from its trigger (SOURCE `wx_trigger`, no user, the SCF timer
 * event); everything else is FORBIDDEN.
 *
 * Then every bundle `cloudfunctions/<name>/index.js` (what is uploaded, built by
 * `node scripts/build.mjs`) is loaded in a plain Node process: it exports `main`, answers an
 * event, requires nothing but Node built-ins and wx-server-sdk, and knows its own actions only.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules, createRequire } from 'module';
import * as net from 'net';
import * as path from 'path';
import cloud = require('wx-server-sdk');
import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import { FUNCTIONS, type FunctionName } from '../../core/app';
import type { Store } from '../../core/ports/store';
import type { Item } from '../../core/register/item';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, seedDemoData } from '../../local/seed';
import { resetForTests } from '../../cloudfunctions/runtime';
import { wechatCodes, type WxacodeOpenApi } from '../../core/adapters/wechat/codes';
import { installFakeCloudbase, type FakeCloudbase } from '../support/fakeCloudbase';

const ROOT = path.resolve(__dirname, '..', '..');
/** Path resolution only: modules themselves are loaded with jest's `require`, the registry the SDK lives in. */
const resolve = createRequire(__filename).resolve;
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;

type Envelope<T = any> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };
type Main = (event: unknown) => Promise<Envelope>;

/** An entry's TypeScript source (not the bundle `npm run build` puts beside it, tested below). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const entry = (name: string): Main => (require(path.join(FUNCTIONS_DIR, name, 'index.ts')) as { main: Main }).main;
const directoryMain = entry('directory');
const membersMain = entry('members');
const registerMain = entry('register');
const remindersMain = entry('reminders');

// ---------------------------------------------------------------------------------------------
// The WeChat context: what getWXContext() reads in a deployed function.

const savedEnv = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID, appid: process.env.WX_APPID, source: process.env.TCB_SOURCE };

/** A call from the mini-program (`wx.cloud.callFunction`), as `openid`. */
function as(openid: string | undefined, source = 'wx_client'): void {
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
  process.env.WX_APPID = 'wx5a1b2c3d4e5f6a7b';
  process.env.TCB_SOURCE = source;
  if (openid === undefined) delete process.env.WX_OPENID;
  else process.env.WX_OPENID = openid;
}

/**
 * A run by the function's timer trigger: no user, SOURCE `wx_trigger` (getWXContext's SOURCE is
 * the platform's TCB_SOURCE), and the SCF timer event. With `contextKeys: false` the platform
 * sets no WeChat context keys at all (getWXContext answers `{}`).
 */
function asTimerTrigger({ contextKeys = true } = {}): void {
  if (contextKeys) process.env.WX_CONTEXT_KEYS = 'WX_APPID';
  else delete process.env.WX_CONTEXT_KEYS;
  delete process.env.WX_OPENID;
  process.env.TCB_SOURCE = 'wx_trigger';
}

const REMINDERS_TRIGGER = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'reminders', 'config.json'), 'utf8')) as { triggers: Array<{ name: string; type: string }> }
).triggers[0];
const timerEvent = (overrides: Record<string, unknown> = {}) => ({
  Type: 'Timer',
  TriggerName: REMINDERS_TRIGGER.name,
  Time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  Message: '',
  ...overrides,
});

/** reminders main() as its trigger runs it. */
async function runTimer(): Promise<Envelope> {
  asTimerTrigger();
  return remindersMain(timerEvent());
}

async function ok<T = any>(main: Main, openid: string, event: Record<string, unknown>): Promise<T> {
  as(openid);
  const r = await main(event);
  if (!r.ok) throw new Error(`${String(event.action)} as ${openid}: ${r.error.code} ${r.error.message}`);
  expect(Object.keys(r).sort()).toEqual(['data', 'ok']);
  return r.data as T;
}

async function code(main: Main, openid: string | undefined, event: unknown): Promise<string> {
  as(openid);
  const r = await main(event);
  if (r.ok) throw new Error(`${JSON.stringify(event)} as ${openid} should have failed`);
  expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
  expect(JSON.stringify(r.error)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return r.error.code;
}

// ---------------------------------------------------------------------------------------------
// No network: every TCP connect is refused and recorded.

const connectAttempts: unknown[] = [];
const originalConnect = net.Socket.prototype.connect;

function blockNetwork(): void {
  net.Socket.prototype.connect = function blockedConnect(this: net.Socket, ...args: unknown[]) {
    connectAttempts.push(args[0]);
    process.nextTick(() => this.destroy(new Error('entries.test: network access is blocked')));
    return this;
  } as typeof net.Socket.prototype.connect;
}

// ---------------------------------------------------------------------------------------------
// The SDK's cloud-platform preflight. @cloudbase/node-sdk's init() fires, without awaiting it,
// `GET http://metadata.tencentyun.com/latest/meta-data/app-id` (30 ms timeout) to learn whether
// it runs inside Tencent Cloud. Outside it that lookup fails and is ignored, but it is a real
// DNS lookup and connection attempt: answer it as "not in Tencent Cloud" without the network.

const METADATA = '@cloudbase/node-sdk/dist/utils/metadata';
const restoreMetadata: Array<() => void> = [];

function metadataModules(): Array<{ lookupAppId: () => Promise<string> }> {
  const wxDir = path.dirname(resolve('wx-server-sdk'));
  const paths = new Set([resolve(METADATA, { paths: [wxDir] })]);
  try {
    paths.add(resolve(METADATA));
  } catch {
    // no top-level copy
  }
  return [...paths].map((p) => require(p) as { lookupAppId: () => Promise<string> });
}

function skipCloudPlatformPreflight(): void {
  for (const mod of metadataModules()) {
    const original = mod.lookupAppId;
    mod.lookupAppId = async () => '';
    restoreMetadata.push(() => {
      mod.lookupAppId = original;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// A fake WeChat openapi behind the SDK's own request layer.

interface OpenApiCall {
  apiName: string;
  requestData: Buffer;
}
const openApiCalls: OpenApiCall[] = [];
const RISKY_WORDS = ['赌博', '毒品'];
/** What the fake WeChat draws for a 小程序码: JPEG bytes, answered as an image (not JSON). */
const WXACODE_IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** `CommOpenApiResp { bytes respData = 1; string contentType = 2; }`, as wx-server-sdk decodes it. */
function openApiResponse(json: unknown, contentType = 'application/json'): Buffer {
  const data = Buffer.isBuffer(json) ? json : Buffer.from(JSON.stringify(json));
  const type = Buffer.from(contentType);
  return Buffer.concat([Buffer.from([0x0a]), varint(data.length), data, Buffer.from([0x12]), varint(type.length), type]);
}

type RequestFn = (args: { params?: { action?: string; apiName?: string; requestData?: unknown } }) => Promise<unknown>;
let apiModule: { request: RequestFn } | undefined;
let blockedRequest: RequestFn | undefined;

/** Answers wx-server-sdk's `wx.openApi` requests; anything else goes on to fakeCloudbase's blocker. */
function installFakeOpenApi(): void {
  const wxDir = path.dirname(resolve('wx-server-sdk'));
  const requesterPath = resolve('@cloudbase/node-sdk/dist/utils/tcbapirequester', { paths: [wxDir] });
  apiModule = require(requesterPath) as { request: RequestFn };
  blockedRequest = apiModule.request;
  apiModule.request = async (args) => {
    const params = args?.params;
    if (params?.action === 'wx.openApi' && Buffer.isBuffer(params.requestData)) {
      const requestData = params.requestData;
      openApiCalls.push({ apiName: String(params.apiName), requestData });
      if (params.apiName === 'security.msgSecCheck') {
        const risky = RISKY_WORDS.some((w) => requestData.includes(Buffer.from(w)));
        return openApiResponse({
          errcode: 0,
          errmsg: 'ok',
          result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20012 : 100 },
          detail: [],
          trace_id: 'fake-trace',
        });
      }
      if (params.apiName === 'subscribeMessage.send') return openApiResponse({ errcode: 0, errmsg: 'ok' });
      if (params.apiName === 'wxacode.getUnlimited') return openApiResponse(WXACODE_IMAGE, 'image/jpeg');
    }
    return blockedRequest!(args);
  };
}

// ---------------------------------------------------------------------------------------------

let fake: FakeCloudbase;
let store: Store;

beforeAll(async () => {
  blockNetwork();
  skipCloudPlatformPreflight();
  // Before any main() runs: runtime.ts builds its app (cloud.init + cloud.database()) on first use.
  fake = installFakeCloudbase();
  installFakeOpenApi();
  resetForTests();
  store = createCloudBaseStore(fake.db);
  await seedDemoData(store);
});

afterAll(() => {
  resetForTests();
  if (apiModule && blockedRequest) apiModule.request = blockedRequest;
  fake?.restore();
  for (const undo of restoreMetadata) undo();
  net.Socket.prototype.connect = originalConnect;
  for (const [key, value] of [
    ['WX_CONTEXT_KEYS', savedEnv.keys],
    ['WX_OPENID', savedEnv.openid],
    ['WX_APPID', savedEnv.appid],
    ['TCB_SOURCE', savedEnv.source],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

afterEach(() => {
  expect(connectAttempts).toEqual([]);
  expect(fake.unhandledRejections).toEqual([]);
});

let seq = 0;
const requestId = () => `cf-${Date.now().toString(36)}-${seq++}`;
const submitEvent = (overrides: Record<string, unknown> = {}) => ({
  action: 'submit',
  requestId: requestId(),
  studioId: DEV_STUDIO_ID,
  category: '交通出行',
  content: '学校门口上下学时段车辆拥堵，希望增设临时停车点。',
  contactName: '李四',
  contactPhone: '13900001111',
  ...overrides,
});

describe('the cloud function entries through the real wx-server-sdk', () => {
  it('directory.townships answers the 20 townships and streets of Xianju from the CloudBase database', async () => {
    const towns = await ok<Array<{ id: string; name: string }>>(directoryMain, resident, { action: 'townships' });
    expect(towns).toHaveLength(20);
    expect(towns.map((t) => t.name)).toEqual(expect.arrayContaining(['福应街道', '安洲街道', '双庙乡']));
    expect(fake.requests.some((r) => r.action === 'database.getDocument')).toBe(true);
  });

  it('members.me tells who the WeChat context says the caller is (numeric-looking openids stay strings)', async () => {
    expect(await ok(membersMain, rep, { action: 'me' })).toMatchObject({ openid: rep, role: 'representative', representativeId: DEV_REP_ID });
    expect(await ok(membersMain, liaison, { action: 'me' })).toMatchObject({ openid: liaison, role: 'liaison', studioIds: [DEV_STUDIO_ID] });
    expect(await ok(membersMain, admin, { action: 'me' })).toMatchObject({ role: 'admin' });
    // getWXContext turns digit-only values into numbers; the entry passes the openid on as a string.
    expect(await ok(membersMain, '10086', { action: 'me' })).toMatchObject({ openid: '10086', role: 'resident' });
  });

  it('register.submit as dev-resident goes through msgSecCheck with the caller\'s openid, and dev-liaison sees it in register.inbox', async () => {
    const before = openApiCalls.length;
    const item = await ok<{ id: string; no: string; status: string }>(registerMain, resident, submitEvent());
    expect(item.status).toBe('submitted');
    expect(item.no).toMatch(/^XJ20\d\d-000001$/);

    const checks = openApiCalls.slice(before);
    expect(checks.map((c) => c.apiName)).toEqual(['security.msgSecCheck']);
    expect(checks[0].requestData.includes(Buffer.from(`"${resident}"`))).toBe(true);
    expect(checks[0].requestData.includes(Buffer.from('学校门口'))).toBe(true);

    const inbox = await ok<{ items: Array<{ id: string }>; total: number }>(registerMain, liaison, { action: 'inbox' });
    expect(inbox.items.map((i) => i.id)).toContain(item.id);
    const stored = fake.collections.docs('items');
    expect(stored.map((d) => d._id)).toContain(item.id);
    expect(stored.find((d) => d._id === item.id)).toMatchObject({ submitterOpenid: resident });
  });

  it('a risky text (msgSecCheck suggest "risky") is CONTENT_REJECTED and nothing is stored', async () => {
    const count = fake.collections.docs('items').length;
    expect(await code(registerMain, resident, submitEvent({ content: '有人在村口组织赌博，请有关部门查处。' }))).toBe('CONTENT_REJECTED');
    expect(fake.collections.docs('items')).toHaveLength(count);
  });

  it('identity comes from the WeChat context only: forged openid / userInfo fields in the event change nothing', async () => {
    // The platform adds userInfo to a client's event; a forged one must not make an admin.
    expect(await code(registerMain, resident, { action: 'stats', scope: 'county', userInfo: { openId: admin, appId: 'wx0' } })).toBe('FORBIDDEN');
    expect(await ok(membersMain, resident, { action: 'me', userInfo: { openId: admin } })).toMatchObject({ openid: resident, role: 'resident' });
    expect(await code(registerMain, resident, { action: 'inbox', userInfo: { openId: liaison } })).toBe('FORBIDDEN');
    // Other identity-looking fields are not accepted at all.
    for (const forged of [{ openid: admin }, { OPENID: admin }, { openId: admin }, { callerOpenid: admin }]) {
      const c = await code(registerMain, resident, { action: 'stats', scope: 'county', ...forged });
      expect(['VALIDATION', 'FORBIDDEN']).toContain(c);
    }
    // And the admin really may (so the refusals above are about identity).
    expect(await ok(registerMain, admin, { action: 'stats', scope: 'county' })).toMatchObject({ collected: 1 });
  });

  it('without an openid in the WeChat context every function answers UNAUTHENTICATED', async () => {
    expect(await code(registerMain, undefined, { action: 'mine' })).toBe('UNAUTHENTICATED');
    expect(await code(membersMain, undefined, { action: 'me' })).toBe('UNAUTHENTICATED');
    expect(await code(directoryMain, undefined, { action: 'townships' })).toBe('UNAUTHENTICATED');
    delete process.env.WX_CONTEXT_KEYS;
    process.env.WX_OPENID = resident; // set, but not declared as a context key: not an identity
    expect(await registerMain({ action: 'mine' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('bad events answer VALIDATION', async () => {
    expect(await code(registerMain, resident, { action: 'nope' })).toBe('VALIDATION');
    expect(await code(registerMain, resident, {})).toBe('VALIDATION');
    expect(await code(registerMain, resident, null)).toBe('VALIDATION');
    expect(await code(registerMain, resident, submitEvent({ category: 'x' }))).toBe('VALIDATION');
  });

  it('reminders main() runs the timer: an answered item whose feedback period ran out is closed', async () => {
    expect(await runTimer()).toMatchObject({ ok: true, data: { autoClosed: 0 } });

    const item = await ok<{ id: string }>(registerMain, resident, submitEvent({ content: '村里的垃圾桶太少，希望增加几个分类垃圾桶。' }));
    await ok(registerMain, liaison, { action: 'assign', id: item.id, representativeId: DEV_REP_ID });
    await ok(registerMain, rep, { action: 'answer', id: item.id, reply: '已协调环卫所本周增设四组分类垃圾桶。' });
    expect(await runTimer()).toMatchObject({ ok: true, data: { autoClosed: 0 } });

    // Eight days pass (the cloud runs on the system clock): move the item's close date back.
    const doc = await store.get<Item>('items', item.id);
    const { _v, ...rest } = doc!;
    await store.update<Item>('items', doc!._id, _v, { ...rest, closeDueAt: Date.now() - 1000 });

    expect(await runTimer()).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    const closed = await ok<{ status: string; timeline: Array<{ action: string; actorRole: string }> }>(registerMain, resident, {
      action: 'get',
      id: item.id,
    });
    expect(closed.status).toBe('closed');
    expect(closed.timeline[closed.timeline.length - 1]).toMatchObject({ action: 'autoClose', actorRole: 'system' });
  });

  it('only the timer trigger runs the timer: a call from the mini-program is FORBIDDEN and touches nothing', async () => {
    expect(REMINDERS_TRIGGER.type).toBe('timer');
    const item = await ok<{ id: string }>(registerMain, resident, submitEvent({ content: '公园健身器材损坏多日，希望尽快维修。' }));
    await ok(registerMain, liaison, { action: 'assign', id: item.id, representativeId: DEV_REP_ID });
    await ok(registerMain, rep, { action: 'answer', id: item.id, reply: '已通知街道城管科本周内维修。' });
    const doc = await store.get<Item>('items', item.id);
    const { _v, ...rest } = doc!;
    await store.update<Item>('items', doc!._id, _v, { ...rest, closeDueAt: Date.now() - 1000 });
    const outbox = fake.collections.docs('outbox');

    const refused: Array<[string, () => void, unknown]> = [
      ['a resident calling from the mini-program', () => as(resident), {}],
      ['a resident sending the timer event', () => as(resident), timerEvent()],
      ['an admin sending the timer event', () => as(admin), timerEvent()],
      ['the timer event with SOURCE forged in it', () => as(resident), timerEvent({ SOURCE: 'wx_trigger' })],
      ['a function called by a function the mini-program called', () => as(resident, 'wx_client,scf'), timerEvent()],
      ['the HTTP API, without a user', () => as(undefined, 'wx_http'), timerEvent()],
      ['the console test button, without a user', () => as(undefined, 'wx_devtools'), timerEvent()],
      ['a trigger event naming another trigger', asTimerTrigger, timerEvent({ TriggerName: 'someOtherTrigger' })],
      ['a trigger run whose event is not a timer event', asTimerTrigger, { action: 'run' }],
      ['a trigger run with no event', asTimerTrigger, undefined],
    ];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const [who, context, event] of refused) {
        context();
        const before = fake.requests.length;
        const r = await remindersMain(event);
        expect([who, r]).toEqual([who, { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } }]);
        expect([who, fake.requests.length]).toEqual([who, before]); // refused before any database request
      }
      // Each refusal is logged, with where the call came from and never who made it.
      expect(warn).toHaveBeenCalledTimes(refused.length);
      expect(JSON.stringify(warn.mock.calls)).not.toContain(resident);
      expect(warn.mock.calls[0][1]).toEqual({ source: 'wx_client', type: null, trigger: null });
    } finally {
      warn.mockRestore();
    }
    expect(fake.collections.docs('outbox')).toEqual(outbox);
    expect((await store.get<Item>('items', item.id))?.status).toBe('answered');

    // The trigger itself, with or without WeChat context keys set by the platform.
    asTimerTrigger({ contextKeys: false });
    expect(await remindersMain(timerEvent())).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    expect((await store.get<Item>('items', item.id))?.status).toBe('closed');
    asTimerTrigger();
    expect(await remindersMain(timerEvent())).toMatchObject({ ok: true, data: { autoClosed: 0 } });
  });

  it('every field name stored in the CloudBase database follows CloudBase\'s rule (no leading underscore but _id)', () => {
    const bad: string[] = [];
    const walk = (value: unknown, path: string, top: boolean): void => {
      if (Array.isArray(value)) return value.forEach((v) => walk(v, path, false));
      if (typeof value !== 'object' || value === null) return;
      for (const [k, v] of Object.entries(value)) {
        const p = path ? `${path}.${k}` : k;
        if (!(top && k === '_id') && (!/^[A-Za-z0-9][A-Za-z0-9_]*$/.test(k) || p.length > 32)) bad.push(p);
        walk(v, p, false);
      }
    };
    const names = fake.collections.names();
    expect(names).toEqual(expect.arrayContaining(['items', 'outbox', 'counters', 'members']));
    for (const name of names) for (const doc of fake.collections.docs(name)) walk(doc, '', true);
    expect(bad).toEqual([]);
  });

  it('every callable entry in cloudfunctions/ exports main and answers an unknown action with the list of its actions', async () => {
    const entries = fs
      .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
      .map((d) => d.name);
    expect(entries).toEqual(expect.arrayContaining(['directory', 'members', 'register', 'reminders']));
    for (const name of entries) {
      const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'config.json'), 'utf8')) as { triggers?: unknown[] };
      const pkg = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      expect(Object.keys(pkg.dependencies ?? {})).toEqual(['wx-server-sdk']);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(FUNCTIONS_DIR, name, 'index.ts')) as { main?: unknown };
      expect(typeof mod.main).toBe('function');
      as(resident);
      const r = await (mod.main as Main)({ action: 'noSuchAction' });
      if (config.triggers?.length) {
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } }); // a timer: only its trigger
        continue;
      }
      // The entry knows its own function's actions and nothing else.
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { actions: Object.keys(FUNCTIONS[name as FunctionName]) } } });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The uploaded bundles.

describe('the 小程序码 adapter through the real wx-server-sdk', () => {
  it('calls wxacode.getUnlimited with the id as scene, the page without parameters and check_path false, and answers the image', async () => {
    const before = openApiCalls.length;
    const codes = wechatCodes(cloud.openapi as unknown as WxacodeOpenApi);
    const image = await codes.image({ page: 'pages/receptions/detail/index', id: 'rc0123456789abcdef012345' });
    expect(image).toEqual({ bytes: WXACODE_IMAGE, contentType: 'image/jpeg' });
    const sent = openApiCalls.slice(before);
    expect(sent.map((c) => c.apiName)).toEqual(['wxacode.getUnlimited']);
    // The SDK sends key/value pairs, each value JSON: the keys as WeChat names them.
    const body = sent[0].requestData.toString('latin1');
    for (const part of ['scene', '"rc0123456789abcdef012345"', 'page', '"pages/receptions/detail/index"', 'check_path', 'false', 'env_version', '"release"']) expect(body).toContain(part);
  });
});

describe('the bundles cloudfunctions/<name>/index.js', () => {
  const bundles = fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name);
  const bundle = (name: string) => path.join(FUNCTIONS_DIR, name, 'index.js');

  beforeAll(() => {
    // What `npm install` (postinstall) and `npm run build` do; the bundles are not committed.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }, 60000);

  it.each(bundles)('%s requires only Node built-ins and wx-server-sdk (no better-sqlite3, no core files)', (name) => {
    const text = fs.readFileSync(bundle(name), 'utf8');
    const required = new Set<string>();
    for (const m of text.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) required.add(m[2]);
    const builtins = new Set([...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
    const outside = [...required].filter((r) => r !== 'wx-server-sdk' && !builtins.has(r));
    expect(outside).toEqual([]);
    expect(required).toContain('wx-server-sdk');
    expect(text).not.toMatch(/better-sqlite3|better_sqlite3/);
  });

  it('each bundle is its own function: register ≤ 300 KB, reminders ≤ 150 KB, zod\'s Chinese messages only', () => {
    const size = (name: string) => fs.statSync(bundle(name)).size;
    expect(size('register')).toBeLessThanOrEqual(300 * 1024);
    expect(size('reminders')).toBeLessThanOrEqual(150 * 1024);
    const register = fs.readFileSync(bundle('register'), 'utf8');
    expect(register).toContain('期望'); // zod's zh-CN locale ("无效输入：期望 …")
    expect(register).not.toMatch(/Ung(ü|\\xFC|\\u00FC)ltige Eingabe/); // and not, say, its German one
    expect(register).not.toContain('签到码为 6 位字母或数字'); // a receptions schema's message
    // The timer validates no input: no zod at all.
    expect(fs.readFileSync(bundle('reminders'), 'utf8')).not.toContain('期望');
  });

  it.each(bundles)('%s loads in a plain Node process, exports main, and answers an event without touching the network', (name) => {
    // A clean process, as the cloud loads it: record every require the bundle itself makes,
    // refuse all connections, and call main with no WeChat context (UNAUTHENTICATED comes
    // before any database request; a timer refuses a call that is not its trigger) and with an
    // unknown action (VALIDATION, listing the function's own actions).
    const file = bundle(name);
    const script = `
      const Module = require('module');
      const net = require('net');
      const bundle = ${JSON.stringify(file)};
      const required = [];
      const load = Module._load;
      Module._load = function (request, parent, isMain) {
        if (parent && parent.filename === bundle) required.push(request);
        return load.apply(this, arguments);
      };
      const connects = [];
      net.Socket.prototype.connect = function (options) {
        connects.push(typeof options === 'object' && options ? String(options.host || options.path) : String(options));
        throw new Error('network blocked');
      };
      // The SDK's cloud-platform preflight (metadata.tencentyun.com), answered "not in Tencent Cloud".
      const wxDir = require('path').dirname(require.resolve('wx-server-sdk', { paths: [${JSON.stringify(path.dirname(file))}] }));
      require(require.resolve('@cloudbase/node-sdk/dist/utils/metadata', { paths: [wxDir] })).lookupAppId = async () => '';
      process.on('unhandledRejection', (e) => { console.log(JSON.stringify({ unhandled: String(e) })); process.exit(1); });
      delete process.env.WX_CONTEXT_KEYS;
      delete process.env.WX_OPENID;
      delete process.env.TCB_SOURCE;
      const mod = require(bundle);
      (async () => {
        const unauthenticated = await mod.main({ action: ${JSON.stringify(name in FUNCTIONS ? Object.keys(FUNCTIONS[name as FunctionName])[0] : 'run')} });
        const unknown = await mod.main({ action: 'noSuchAction' });
        const loaded = Object.keys(require.cache).filter((f) => /better-sqlite3/.test(f));
        console.log(JSON.stringify({ exports: Object.keys(mod), main: typeof mod.main, required, loaded, connects, unauthenticated, unknown }));
      })();
    `;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      exports: string[];
      main: string;
      required: string[];
      loaded: string[];
      connects: string[];
      unauthenticated: Envelope;
      unknown: Envelope;
    };
    expect(result.main).toBe('function');
    expect(result.exports).toContain('main');
    const builtins = new Set([...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
    expect(result.required.filter((r) => r !== 'wx-server-sdk' && !builtins.has(r))).toEqual([]);
    expect(result.loaded).toEqual([]);
    expect(result.connects).toEqual([]);
    if (name in FUNCTIONS) {
      expect(result.unauthenticated).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(result.unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { actions: Object.keys(FUNCTIONS[name as FunctionName]) } } });
    } else {
      expect(result.unauthenticated).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(result.unknown).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

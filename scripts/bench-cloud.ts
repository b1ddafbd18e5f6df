/**
 * `npm run bench:cloud`: what every action costs on CloudBase, counted in database round trips.
 *
 * The app runs on the CloudBase Store adapter through the REAL wx-server-sdk; only the SDK's
 * request layer is answered in-process (test/support/fakeCloudbase, the contract tests' fake).
 * Every action of every function in `FUNCTIONS` (core/app.ts) is called once after a scenario
 * has made realistic state through the app itself (submits, accepts, bookings…, answered at no
 * latency). For the measured call every database request waits a fixed latency (`--latency`,
 * 15 ms by default) and the bench counts:
 * - requests: database requests sent;
 * - rounds: sequential rounds, a round being a batch of requests started before any of them was
 *   answered (what a user waits for is rounds × the round trip);
 * - openapi: msgSecCheck, subscribe-message and wxacode calls and cloud-storage reads and writes
 *   (network calls too, given the same latency, not counted as rounds);
 * - wall time in milliseconds at that latency.
 * Then the `reminders` timer runs over 10, 100, 300 and 1,000 due items (made through the app)
 * and the bench checks that a run stays within the function's budget and leaves nothing due and
 * nothing deliverable behind (at 1,000 due: within a few runs, 15 minutes apart).
 *
 * Each figure is compared with its limit from issue 10 ("What must exist", points 2 and 3) and
 * printed PASS or FAIL; figures go to `.data/bench-cloud.json`. A FAIL does not fail the process
 * unless `--strict` is given.
 *
 * Flags: --latency=MS (15), --strict, --only=register,members.markRead (functions or actions to run),
 * --timer=10,100,300,1000 (due counts; --timer=none skips the timer), --out=FILE, --trace (every
 * request of each measured call).
 */
import { memoryFiles, type FileStore } from '../core/ports/files';
import { wechatCodes } from '../core/adapters/wechat/codes';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCloudBaseStore } from '../core/adapters/cloudbase/store';
import { createApp, FUNCTIONS, type App } from '../core/app';
import { defaultConfig } from '../core/config';
import type { Envelope } from '../core/errors';
import type { Representative, Studio } from '../core/directory/types';
import type { OutboxMessage } from '../core/outbox/outbox';
import { DevClock } from '../core/ports/clock';
import { wordListContentCheck, type ContentCheck } from '../core/ports/contentCheck';
import type { Notifier } from '../core/ports/notifier';
import { COLLECTIONS, type Store } from '../core/ports/store';
import { templateIds } from '../core/notifications/templates';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, seedDemoData } from '../local/seed';
import { installFakeCloudbase, type FakeCloudbase } from '../test/support/fakeCloudbase';
import { writeWorkbook } from '../core/sheets/xlsx';
import { HOUSEHOLD_COLUMNS } from '../core/visits/sheet';

// ---------------------------------------------------------------------------------------------
// Flags

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1];
const LATENCY = Number(flag('latency') ?? 15);
const STRICT = argv.includes('--strict');
/** --trace: print every database request of each measured call (action, collection, query). */
const TRACE = argv.includes('--trace');
const ONLY = flag('only')?.split(',').filter(Boolean);
const TIMER_SIZES = flag('timer') === 'none' ? [] : (flag('timer') ?? '10,100,300,1000').split(',').map(Number);
const OUT = flag('out') ?? path.join('.data', 'bench-cloud.json');
if (!Number.isFinite(LATENCY) || LATENCY < 0) throw new Error('--latency must be a number of milliseconds');

// ---------------------------------------------------------------------------------------------
// The limits of issue 10

/** Issue 10 point 3: one run with 300 due finishes within this (the deploy guide's timeout). */
const TIMER_BUDGET_MS = 20_000;
/** At 1,000 due, the work may take this many runs (15 minutes apart), each within the budget. */
const TIMER_RUNS_AT_1000 = 5;
const READ_LIMIT = 2;

const { resident, representative: rep, liaison, admin, department: dept } = DEV_IDENTITIES;
const NOW = Date.parse('2026-11-02T10:00:00+08:00'); // a Monday morning in Xianju
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The app on the CloudBase adapter, with the network calls counted

interface Bench {
  fake: FakeCloudbase;
  store: Store;
  clock: DevClock;
  app: App;
  openapi: { calls: number };
  /** The files behind the counted Files port (an upload put there directly costs no request). */
  memory: ReturnType<typeof memoryFiles>;
  /** Calls as `openid` and expects success. */
  ok<T = any>(fn: string, openid: string, event: Record<string, unknown>): Promise<T>;
  /** A fresh resident openid. */
  resident(): string;
  /** A fresh request id. */
  requestId(): string;
}

async function makeBench(fake: FakeCloudbase): Promise<Bench> {
  fake.reset();
  fake.latencyMs = 0;
  const store = createCloudBaseStore(fake.db);
  await seedDemoData(store);
  const clock = new DevClock();
  clock.set(NOW);
  const openapi = { calls: 0 };
  const words = wordListContentCheck();
  // msgSecCheck and subscribeMessage.send are network calls too: same latency, counted apart.
  const contentCheck: ContentCheck = {
    async isAcceptable(text, openid) {
      openapi.calls++;
      if (fake.latencyMs > 0) await sleep(fake.latencyMs);
      return words.isAcceptable(text, openid);
    },
  };
  const notifier: Notifier = {
    async send() {
      openapi.calls++;
      if (fake.latencyMs > 0) await sleep(fake.latencyMs);
    },
  };
  // wxacode.getUnlimited answers a small PNG; storage (the kept codes, exports) is counted with the open APIs.
  const codes = wechatCodes({
    wxacode: {
      async getUnlimited() {
        openapi.calls++;
        if (fake.latencyMs > 0) await sleep(fake.latencyMs);
        return { contentType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), errCode: 0 };
      },
    },
  });
  const memory = memoryFiles();
  const counted = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    openapi.calls++;
    if (fake.latencyMs > 0) await sleep(fake.latencyMs);
    return f(...a);
  };
  const files: FileStore = { save: counted(memory.save), read: counted(memory.read), stat: counted(memory.stat) };
  const app = createApp({ store, clock, contentCheck, notifier, files, codes, config: defaultConfig });
  let seq = 0;
  return {
    fake,
    store,
    clock,
    app,
    openapi,
    memory,
    async ok(fn, openid, event) {
      const r = await app.call(fn, event, openid);
      if (!r.ok) throw new Error(`setup: ${fn}.${String(event.action)} as ${openid}: ${r.error.code} ${r.error.message}`);
      return r.data as any;
    },
    resident: () => `bench-resident-${++seq}`,
    requestId: () => `bench-req-${(++seq).toString(36).padStart(6, '0')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// State made through the app

const submitEvent = (b: Bench, overrides: Record<string, unknown> = {}) => ({
  action: 'submit',
  requestId: b.requestId(),
  studioId: DEV_STUDIO_ID,
  category: '交通出行',
  content: '城东路口红绿灯时间太短，老人过马路来不及。',
  contactName: '李明',
  contactPhone: '13812345678',
  ...overrides,
});

/** An item of 福应街道 submitted by a fresh resident; `then` takes it further. */
async function item(b: Bench, then: Array<'accept' | 'answer' | 'promise' | 'refer'> = []): Promise<{ id: string; by: string }> {
  const by = b.resident();
  const { id } = await b.ok<{ id: string }>('register', by, submitEvent(b));
  for (const step of then) {
    if (step === 'accept') await b.ok('register', rep, { action: 'accept', id });
    if (step === 'answer') await b.ok('register', rep, { action: 'answer', id, reply: '已联系交警部门延长绿灯时间。' });
    if (step === 'promise') await b.ok('register', rep, { action: 'promise', id, deadline: '2026-11-20', note: '协调交警部门调整信号灯' });
    if (step === 'refer') await b.ok('register', liaison, { action: 'refer', id, departmentId: await department(b), deadline: '2026-11-25' });
  }
  return { id, by };
}

async function department(b: Bench): Promise<string> {
  const [d] = await b.store.find<{ _id: string; _v: number }>('departments', { limit: 1 });
  return d._id;
}

/** A published reception of 福应街道 ten days ahead, dev-rep on duty, with `booked` residents booked. */
async function reception(b: Bench, capacity: number, booked = 0, waiting = 0): Promise<{ id: string; residents: string[] }> {
  const startAt = NOW + 10 * DAY;
  const r = await b.ok<{ id: string }>('receptions', liaison, {
    action: 'schedule',
    studioId: DEV_STUDIO_ID,
    startAt,
    endAt: startAt + 2 * HOUR,
    form: 'studio',
    topic: '交通出行专题接待',
    representativeIds: [DEV_REP_ID],
    capacity,
  });
  await b.ok('receptions', liaison, { action: 'publish', id: r.id });
  const residents: string[] = [];
  for (let i = 0; i < booked + waiting; i++) {
    const who = b.resident();
    residents.push(who);
    await b.ok('receptions', who, { action: 'book', id: r.id, requestId: b.requestId() });
  }
  return { id: r.id, residents };
}

/** `count` unread messages for a fresh resident (one per accepted item). */
async function residentWithMessages(b: Bench, count: number): Promise<{ openid: string; ids: string[] }> {
  const openid = b.resident();
  for (let i = 0; i < count; i++) {
    const { id } = await b.ok<{ id: string }>('register', openid, submitEvent(b));
    await b.ok('register', rep, { action: 'accept', id });
    // Five submits an hour and twenty a day per resident: the clock moves on between them.
    if (i % 5 === 4) b.clock.advance(7 * HOUR);
  }
  const rows = await b.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: openid }, limit: 1000 });
  b.clock.set(NOW);
  return { openid, ids: rows.map((m) => m._id) };
}

/** A households sheet of `n` rows in the template's layout (下叶村, door numbers from `from`). */
async function householdSheet(b: Bench, n: number, from = 1): Promise<string> {
  const rows = Array.from({ length: n }, (_, k) => ({
    village: '下叶村',
    team: `${((from + k) % 4) + 1}组`,
    doorNo: `${from + k}号`,
    head: `住户${from + k}`,
    phone: '13800001234',
    categories: (from + k) % 4 === 1 ? '党员中心户、特殊困难群众' : '',
    rep: '',
    note: '',
  }));
  const bytes = await writeWorkbook([{ name: '住户名册', title: ['住户名册导入模板'], columns: HOUSEHOLD_COLUMNS, rows }]);
  const fileId = `local://uploads/${String(from).padStart(8, '0')}${'0'.repeat(24)}.xlsx`;
  b.memory.files.set(fileId, { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return fileId;
}

/** 组团联系服务: dev-rep leads a group of 福应街道 with rep-fuying-2 (bench-member), `n` households imported; answers their ids. */
async function visitGroup(b: Bench, n = 20): Promise<{ groupId: string; member: string; hh: string[] }> {
  const member = 'bench-member';
  const { code } = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
  await b.ok('members', member, { action: 'bind', code });
  const g = await b.ok<{ id: string }>('visits', liaison, {
    action: 'createGroup',
    townshipId: 'fuying',
    name: '城东片代表组',
    leader: { representativeId: DEV_REP_ID },
    memberIds: ['rep-fuying-2', 'rep-fuying-3'],
    villages: ['下叶村'],
  });
  if (n) await b.ok('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: await householdSheet(b, n) });
  const list = await b.ok<{ items: Array<{ id: string }> }>('visits', liaison, { action: 'households', groupId: g.id, pageSize: 50 });
  return { groupId: g.id, member, hh: list.items.map((h) => h.id) };
}

const visitEvent = (b: Bench, groupId: string, householdIds: string[], over: Record<string, unknown> = {}) => ({
  action: 'recordVisit',
  requestId: b.requestId(),
  groupId,
  date: '2026-11-02',
  mode: 'home',
  householdIds,
  learned: '了解家庭生产生活情况，老人身体尚好。',
  ...over,
});

const REGISTERED = { text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' };

/** A 民情会诊 case of the group taken to `stage`. */
async function visitCase(b: Bench, stage: 'submitted' | 'scheduled' | 'in_progress'): Promise<{ id: string; groupId: string; member: string }> {
  const { groupId, member, hh } = await visitGroup(b, 4);
  const v = await b.ok<{ issues: Array<{ id: string }> }>('visits', member, visitEvent(b, groupId, [hh[0]], { issues: [REGISTERED] }));
  const c = await b.ok<{ id: string }>('visits', rep, { action: 'sendCase', requestId: b.requestId(), groupId, issueIds: [v.issues[0].id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，请街道党工委会诊。' });
  if (stage !== 'submitted') await b.ok('visits', liaison, { action: 'scheduleCase', id: c.id, at: NOW + 3 * DAY, place: '福应街道会议室' });
  if (stage === 'in_progress') {
    await b.ok('visits', liaison, {
      action: 'decideCase',
      id: c.id,
      decision: '调整线路并加密班次',
      measures: [
        { text: '调整 3 路线路', owner: '县公交公司', deadline: '2026-12-31' },
        { text: '收集乘车需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' },
      ],
    });
  }
  return { id: c.id, groupId, member };
}

/** A township forum of 福应街道 on 20 November (dev-rep and 陈素芬 taking part, two parking items linked), taken to `stage`. */
async function forum(b: Bench, stage: 'draft' | 'published' | 'ended' = 'published', views = 0): Promise<{ id: string; itemIds: string[] }> {
  const itemIds: string[] = [];
  for (const content of ['小区停车位太少，晚上车辆乱停占用消防通道。', '城东路两边停车难，接送孩子的车辆把路堵死了。']) {
    itemIds.push((await b.ok<{ id: string }>('register', b.resident(), submitEvent(b, { content }))).id);
  }
  const f = await b.ok<{ id: string }>('forums', liaison, {
    action: 'schedule',
    level: 'township',
    studioId: DEV_STUDIO_ID,
    topic: '破解城东片区停车难',
    description: '围绕城东片区老旧小区停车难问题，听取党代表和群众意见，形成对策建议。',
    startAt: NOW + 18 * DAY,
    endAt: NOW + 18 * DAY + 2 * HOUR,
    form: 'studio',
    representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
    invitedDepartmentIds: ['dept-zhujian'],
    itemIds,
  });
  if (stage === 'draft') return { id: f.id, itemIds };
  await b.ok('forums', liaison, { action: 'publish', id: f.id });
  for (let i = 0; i < views; i++) await b.ok('forums', b.resident(), { action: 'submitView', id: f.id, requestId: b.requestId(), content: '建议建设公共停车场。' });
  if (stage === 'ended') b.clock.set(NOW + 18 * DAY + 3 * HOUR);
  return { id: f.id, itemIds };
}

const PROPOSAL_STAGES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'extension', 'completed'] as const;

/** A proposal raised by dev-rep with 陈素芬 (bound as bench-chen), taken to `stage`: dispatched to 县住建局 (dev-dept) with 县交通运输局 assisting. */
async function proposal(b: Bench, stage: (typeof PROPOSAL_STAGES)[number]): Promise<string> {
  const bound = await b.store.get('members', 'bench-chen');
  if (!bound) {
    const { code } = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
    await b.ok('members', 'bench-chen', { action: 'bind', code });
  }
  const { id } = await b.ok<{ id: string }>('proposals', rep, {
    action: 'raise',
    requestId: b.requestId(),
    title: '加快城东片区停车设施建设',
    content: '城东片区老旧小区集中，停车位缺口大，建议规划建设公共停车场并推进错时共享停车。',
    category: '交通出行',
    level: 'township',
    coSigners: ['rep-fuying-2'],
  });
  const at = PROPOSAL_STAGES.indexOf(stage);
  if (at >= 1) await b.ok('proposals', admin, { action: 'review', id, decision: 'accept' });
  if (at >= 2) await b.ok('proposals', admin, { action: 'dispatch', id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' });
  if (at >= 3) await b.ok('proposals', dept, { action: 'accept', id });
  if (at >= 3) await b.ok('proposals', dept, { action: 'progress', id, text: '完成选址论证', percent: 40, milestone: '选址论证' });
  if (stage === 'extension') await b.ok('proposals', dept, { action: 'requestExtension', id, until: '2027-03-31', reason: '选址需履行规划调整程序' });
  if (stage === 'completed') await b.ok('proposals', dept, { action: 'complete', id, result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Scenarios: one or more per action

interface Call {
  openid: string;
  event: Record<string, unknown>;
}

interface Scenario {
  fn: string;
  action: string;
  /** What makes this case particular ("with a question", "30 booked"). */
  variant?: string;
  /** Issue 10's limit on sequential rounds, when it sets one. */
  limit?: number;
  /** Makes the state and returns the call to measure. */
  prepare(b: Bench): Promise<Call>;
}

const read = (fn: string, action: string, prepare: Scenario['prepare'], variant?: string): Scenario => ({ fn, action, variant, limit: READ_LIMIT, prepare });
/** A read by a representative (the limit set when finding who they are took 2 rounds; it is one read now, docs/performance.md). */
const repRead = (fn: string, action: string, prepare: Scenario['prepare'], variant = 'a representative'): Scenario => ({ fn, action, variant, limit: READ_LIMIT + 1, prepare });

const SCENARIOS: Scenario[] = [
  // directory
  read('directory', 'townships', async () => ({ openid: resident, event: { action: 'townships' } })),
  read('directory', 'studios', async () => ({ openid: resident, event: { action: 'studios', townshipId: 'fuying' } })),
  read('directory', 'studio', async () => ({ openid: resident, event: { action: 'studio', id: DEV_STUDIO_ID } })),
  read('directory', 'departments', async () => ({ openid: resident, event: { action: 'departments' } })),

  // members
  read('members', 'me', async () => ({ openid: rep, event: { action: 'me' } }), 'a representative'),
  {
    fn: 'members',
    action: 'invite',
    prepare: async () => ({ openid: admin, event: { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' } }),
  },
  {
    fn: 'members',
    action: 'bind',
    variant: 'a representative code',
    prepare: async (b) => {
      const { code } = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' });
      return { openid: b.resident(), event: { action: 'bind', code } };
    },
  },
  read('members', 'templates', async () => ({ openid: resident, event: { action: 'templates' } })),
  read('members', 'list', async () => ({ openid: liaison, event: { action: 'list' } }), 'a liaison, one studio'),
  read('members', 'list', async () => ({ openid: admin, event: { action: 'list' } }), 'an administrator'),
  {
    fn: 'members',
    action: 'revoke',
    variant: 'a representative owning 5 open items, to a successor',
    prepare: async (b) => {
      const { code } = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' });
      await b.ok('members', 'bench-rep-3', { action: 'bind', code });
      for (let i = 0; i < 5; i++) {
        const { id } = await b.ok<{ id: string }>('register', b.resident(), submitEvent(b));
        await b.ok('register', 'bench-rep-3', { action: 'accept', id });
      }
      return { openid: liaison, event: { action: 'revoke', id: 'bench-rep-3', successorId: rep } };
    },
  },
  {
    fn: 'members',
    action: 'invite',
    variant: 'a liaison by a liaison (pending, admins told)',
    prepare: async () => ({ openid: liaison, event: { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] } }),
  },
  read('members', 'pending', async (b) => {
    await b.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] });
    return { openid: admin, event: { action: 'pending' } };
  }, 'one pending'),
  {
    fn: 'members',
    action: 'decide',
    prepare: async (b) => {
      const { code } = await b.ok<{ code: string }>('members', liaison, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] });
      return { openid: admin, event: { action: 'decide', code, approve: true } };
    },
  },
  read('members', 'audit', async (b) => {
    for (let i = 0; i < 3; i++) await b.ok('register', liaison, { action: 'showContact', id: (await item(b)).id });
    return { openid: admin, event: { action: 'audit', log: 'reads' } };
  }, 'reads'),
  read('members', 'audit', async () => ({ openid: admin, event: { action: 'audit', log: 'grants' } }), 'grants'),
  { fn: 'members', action: 'consent', prepare: async () => ({ openid: rep, event: { action: 'consent', contactPublic: true } }) },
  {
    fn: 'members',
    action: 'forgetMe',
    variant: '3 items, their messages',
    prepare: async (b) => {
      const who = b.resident();
      for (let i = 0; i < 3; i++) {
        const { id } = await b.ok<{ id: string }>('register', who, submitEvent(b));
        await b.ok('register', rep, { action: 'accept', id });
      }
      return { openid: who, event: { action: 'forgetMe', confirm: true } };
    },
  },
  {
    fn: 'members',
    action: 'subscribe',
    variant: 'four templates',
    prepare: async () => ({ openid: rep, event: { action: 'subscribe', templateIds: Object.values(templateIds()) } }),
  },
  read('members', 'notices', async (b) => ({ openid: (await residentWithMessages(b, 5)).openid, event: { action: 'notices' } }), '5 messages'),
  {
    fn: 'members',
    action: 'markRead',
    variant: '20 ids',
    limit: 4,
    prepare: async (b) => {
      const { openid, ids } = await residentWithMessages(b, 20);
      return { openid, event: { action: 'markRead', ids } };
    },
  },
  {
    fn: 'members',
    action: 'markRead',
    variant: 'all, 100 unread',
    limit: 4,
    prepare: async (b) => ({ openid: (await residentWithMessages(b, 100)).openid, event: { action: 'markRead', all: true } }),
  },

  // register
  { fn: 'register', action: 'submit', limit: 6, prepare: async (b) => ({ openid: b.resident(), event: submitEvent(b) }) },
  read('register', 'mine', async (b) => {
    const { by } = await item(b, ['accept']);
    return { openid: by, event: { action: 'mine' } };
  }),
  read('register', 'get', async (b) => {
    const { id, by } = await item(b, ['accept', 'answer']);
    return { openid: by, event: { action: 'get', id } };
  }, 'by its submitter'),
  read('register', 'inbox', async () => ({ openid: liaison, event: { action: 'inbox' } }), 'the liaison'),
  {
    fn: 'register',
    action: 'showContact',
    variant: 'logged and throttled',
    limit: 6,
    prepare: async (b) => ({ openid: liaison, event: { action: 'showContact', id: (await item(b)).id } }),
  },
  read('register', 'workbench', async () => ({ openid: rep, event: { action: 'workbench' } }), 'a representative'),
  read('register', 'stats', async () => ({ openid: liaison, event: { action: 'stats', scope: 'studio', id: DEV_STUDIO_ID } }), 'a studio'),
  read('register', 'stats', async () => ({ openid: admin, event: { action: 'stats', scope: 'county' } }), 'the county'),
  { fn: 'register', action: 'accept', limit: 5, prepare: async (b) => ({ openid: rep, event: { action: 'accept', id: (await item(b)).id } }) },
  {
    fn: 'register',
    action: 'assign',
    variant: 'first',
    limit: 5,
    prepare: async (b) => ({ openid: liaison, event: { action: 'assign', id: (await item(b)).id, representativeId: DEV_REP_ID } }),
  },
  {
    fn: 'register',
    action: 'answer',
    limit: 5,
    prepare: async (b) => ({ openid: rep, event: { action: 'answer', id: (await item(b, ['accept'])).id, reply: '已联系交警部门延长绿灯时间。' } }),
  },
  {
    fn: 'register',
    action: 'promise',
    limit: 5,
    prepare: async (b) => ({
      openid: rep,
      event: { action: 'promise', id: (await item(b, ['accept'])).id, deadline: '2026-11-20', note: '协调交警部门调整信号灯' },
    }),
  },
  {
    fn: 'register',
    action: 'refer',
    limit: 5,
    prepare: async (b) => ({
      openid: liaison,
      event: { action: 'refer', id: (await item(b, ['accept'])).id, departmentId: await department(b), deadline: '2026-11-25', note: '请交警大队核实' },
    }),
  },
  {
    fn: 'register',
    action: 'recordReferralResult',
    prepare: async (b) => ({
      openid: liaison,
      event: { action: 'recordReferralResult', id: (await item(b, ['accept', 'refer'])).id, result: '交警大队已调整配时方案。' },
    }),
  },
  {
    fn: 'register',
    action: 'resolve',
    limit: 5,
    prepare: async (b) => ({ openid: rep, event: { action: 'resolve', id: (await item(b, ['accept', 'promise'])).id, reply: '信号灯配时已调整，绿灯延长 10 秒。' } }),
  },
  {
    fn: 'register',
    action: 'reject',
    prepare: async (b) => ({ openid: liaison, event: { action: 'reject', id: (await item(b)).id, reason: '与已登记事项重复' } }),
  },
  {
    fn: 'register',
    action: 'merge',
    variant: 'a duplicate into an open item',
    prepare: async (b) => ({ openid: liaison, event: { action: 'merge', id: (await item(b)).id, intoId: (await item(b, ['accept'])).id } }),
  },
  {
    fn: 'register',
    action: 'feedback',
    variant: 'by an asker (a merged duplicate)',
    prepare: async (b) => {
      const dup = await item(b);
      const { id } = await item(b, ['accept']);
      await b.ok('register', liaison, { action: 'merge', id: dup.id, intoId: id });
      await b.ok('register', rep, { action: 'answer', id, reply: '已联系交警部门延长绿灯时间。' });
      return { openid: dup.by, event: { action: 'feedback', id, satisfied: true } };
    },
  },
  {
    fn: 'register',
    action: 'mine',
    // One more round, only for a page holding a merged item: the items it went into, in one query.
    variant: 'with a merged duplicate',
    limit: READ_LIMIT + 1,
    prepare: async (b) => {
      const dup = await item(b);
      await b.ok('register', liaison, { action: 'merge', id: dup.id, intoId: (await item(b, ['accept'])).id });
      return { openid: dup.by, event: { action: 'mine' } };
    },
  },
  {
    fn: 'register',
    action: 'feedback',
    variant: 'not satisfied',
    limit: 5,
    prepare: async (b) => {
      const { id, by } = await item(b, ['accept', 'answer']);
      return { openid: by, event: { action: 'feedback', id, satisfied: false, comment: '绿灯还是太短' } };
    },
  },
  {
    fn: 'register',
    action: 'feedback',
    variant: 'satisfied',
    limit: 5,
    prepare: async (b) => {
      const { id, by } = await item(b, ['accept', 'answer']);
      return { openid: by, event: { action: 'feedback', id, satisfied: true } };
    },
  },

  // receptions
  {
    fn: 'receptions',
    action: 'schedule',
    prepare: async () => {
      const startAt = NOW + 10 * DAY;
      return {
        openid: liaison,
        event: { action: 'schedule', studioId: DEV_STUDIO_ID, startAt, endAt: startAt + 2 * HOUR, form: 'studio', topic: '民生实事专题接待', representativeIds: [DEV_REP_ID], capacity: 30 },
      };
    },
  },
  {
    fn: 'receptions',
    action: 'publish',
    prepare: async (b) => {
      const startAt = NOW + 10 * DAY;
      const r = await b.ok<{ id: string }>('receptions', liaison, {
        action: 'schedule',
        studioId: DEV_STUDIO_ID,
        startAt,
        endAt: startAt + 2 * HOUR,
        form: 'studio',
        topic: '民生实事专题接待',
        representativeIds: [DEV_REP_ID],
        capacity: 30,
      });
      return { openid: liaison, event: { action: 'publish', id: r.id } };
    },
  },
  read('receptions', 'list', async (b) => {
    await reception(b, 30);
    return { openid: resident, event: { action: 'list', studioId: DEV_STUDIO_ID } };
  }),
  read('receptions', 'get', async (b) => {
    const r = await reception(b, 30, 5);
    return { openid: r.residents[0], event: { action: 'get', id: r.id } };
  }, 'a booked resident'),
  read('receptions', 'get', async (b) => {
    const r = await reception(b, 30, 1);
    await b.ok('receptions', r.residents[0], { action: 'book', id: r.id, requestId: b.requestId(), question: '城东路口的红绿灯能否延长？' });
    return { openid: liaison, event: { action: 'get', id: r.id } };
  }, 'the liaison, with its items'),
  {
    fn: 'receptions',
    action: 'book',
    limit: 6,
    prepare: async (b) => ({ openid: b.resident(), event: { action: 'book', id: (await reception(b, 30, 5)).id, requestId: b.requestId() } }),
  },
  {
    fn: 'receptions',
    action: 'book',
    variant: 'with a question',
    limit: 8,
    prepare: async (b) => ({
      openid: b.resident(),
      event: { action: 'book', id: (await reception(b, 30, 5)).id, requestId: b.requestId(), question: '城东路口的红绿灯能否延长？' },
    }),
  },
  {
    fn: 'receptions',
    action: 'cancelBooking',
    variant: 'promoting from the waiting list',
    limit: 8,
    prepare: async (b) => {
      const r = await reception(b, 5, 5, 3);
      return { openid: r.residents[0], event: { action: 'cancelBooking', id: r.id } };
    },
  },
  read('receptions', 'duties', async (b) => {
    await reception(b, 30);
    return { openid: rep, event: { action: 'duties' } };
  }, 'a representative'),
  read('receptions', 'myBookings', async (b) => {
    const who = b.resident();
    for (let i = 0; i < 3; i++) {
      const r = await reception(b, 30);
      await b.ok('receptions', who, { action: 'book', id: r.id, requestId: b.requestId() });
    }
    return { openid: who, event: { action: 'myBookings' } };
  }, '3 bookings'),
  {
    fn: 'receptions',
    action: 'cancel',
    variant: '30 booked',
    prepare: async (b) => ({ openid: liaison, event: { action: 'cancel', id: (await reception(b, 30, 30)).id, reason: '因台风预警取消' } }),
  },
  {
    fn: 'receptions',
    action: 'cancel',
    variant: '500 booked',
    limit: 10,
    prepare: async (b) => ({ openid: liaison, event: { action: 'cancel', id: (await reception(b, 500, 500)).id, reason: '因台风预警取消' } }),
  },
  {
    fn: 'receptions',
    action: 'checkIn',
    limit: 4,
    prepare: async (b) => {
      const r = await reception(b, 30, 5);
      const { myBooking } = await b.ok<{ myBooking: { code: string } }>('receptions', r.residents[0], { action: 'get', id: r.id });
      b.clock.set(NOW + 10 * DAY - HOUR); // the door opens two hours before
      return { openid: rep, event: { action: 'checkIn', code: myBooking.code } };
    },
  },
  {
    fn: 'receptions',
    action: 'walkIn',
    prepare: async (b) => {
      const r = await reception(b, 30, 5);
      b.clock.set(NOW + 10 * DAY + HOUR); // at the reception: walk-ins are registered there only
      return {
        openid: rep,
        event: { action: 'walkIn', id: r.id, requestId: b.requestId(), category: '城乡建设', content: '小区门口道路破损，雨天积水严重。', contactName: '王芳' },
      };
    },
  },
  repRead('receptions', 'door', async (b) => {
    const r = await reception(b, 30, 5);
    return { openid: rep, event: { action: 'door', id: r.id } };
  }, 'a representative on duty, 5 booked'),
  {
    fn: 'receptions',
    action: 'close',
    prepare: async (b) => {
      const r = await reception(b, 30, 5);
      b.clock.set(NOW + 10 * DAY + 3 * HOUR);
      return { openid: liaison, event: { action: 'close', id: r.id, attendance: 12, summary: '接待群众 12 人，收集意见 5 条。' } };
    },
  },
  // The first notice of a reception draws its 小程序码 (wxacode, upload, one more round to keep it); later ones read it back.
  { ...read('receptions', 'notice', async (b) => ({ openid: resident, event: { action: 'notice', id: (await reception(b, 30, 5)).id } }), 'first: draws the code'), limit: READ_LIMIT + 1 },
  read(
    'receptions',
    'notice',
    async (b) => {
      const id = (await reception(b, 30, 5)).id;
      await b.ok('receptions', resident, { action: 'notice', id });
      return { openid: resident, event: { action: 'notice', id } };
    },
    'the code kept',
  ),

  // visits (组团联系服务)
  repRead('visits', 'groups', async (b) => ((await visitGroup(b)), { openid: rep, event: { action: 'groups' } })),
  read('visits', 'groups', async (b) => ((await visitGroup(b)), { openid: liaison, event: { action: 'groups', townshipId: 'fuying' } }), 'the liaison'),
  repRead('visits', 'group', async (b) => ({ openid: rep, event: { action: 'group', id: (await visitGroup(b, 0)).groupId } })),
  {
    fn: 'visits',
    action: 'createGroup',
    prepare: async () => ({
      openid: liaison,
      event: { action: 'createGroup', townshipId: 'fuying', name: '城东片代表组', leader: { representativeId: DEV_REP_ID }, memberIds: ['rep-fuying-2', 'rep-fuying-3'], villages: ['下叶村'] },
    }),
  },
  { fn: 'visits', action: 'updateGroup', prepare: async (b) => ({ openid: liaison, event: { action: 'updateGroup', id: (await visitGroup(b, 0)).groupId, memberIds: ['rep-fuying-2', 'rep-fuying-5'], target: 120 } }) },
  { fn: 'visits', action: 'candidates', prepare: async () => ({ openid: liaison, event: { action: 'candidates', townshipId: 'fuying' } }) },
  repRead('visits', 'households', async (b) => ({ openid: rep, event: { action: 'households', groupId: (await visitGroup(b)).groupId, must: true, unvisited: true } }), '20 imported, a representative'),
  read('visits', 'household', async (b) => ({ openid: liaison, event: { action: 'household', id: (await visitGroup(b)).hh[0] } })),
  {
    fn: 'visits',
    action: 'addHousehold',
    prepare: async (b) => ({ openid: liaison, event: { action: 'addHousehold', groupId: (await visitGroup(b, 0)).groupId, village: '下叶村', team: '3组', doorNo: '12号', head: '张建国', categories: ['party_center'] } }),
  },
  { fn: 'visits', action: 'updateHousehold', prepare: async (b) => ({ openid: liaison, event: { action: 'updateHousehold', id: (await visitGroup(b, 2)).hh[0], categories: ['hardship'], note: '独居老人' } }) },
  { fn: 'visits', action: 'removeHousehold', prepare: async (b) => ({ openid: liaison, event: { action: 'removeHousehold', id: (await visitGroup(b, 2)).hh[0] } }) },
  {
    fn: 'visits',
    action: 'recordVisit',
    variant: 'one household, no issue',
    prepare: async (b) => {
      const { groupId, member, hh } = await visitGroup(b, 4);
      return { openid: member, event: visitEvent(b, groupId, [hh[0]]) };
    },
  },
  {
    fn: 'visits',
    action: 'recordVisit',
    variant: 'a new household, one issue solved, one registered',
    prepare: async (b) => {
      const { groupId, member, hh } = await visitGroup(b, 4);
      return {
        openid: member,
        event: visitEvent(b, groupId, [hh[0]], {
          newHouseholds: [{ village: '下叶村', team: '5组', doorNo: '88号', head: '周玉兰', categories: ['hardship'] }],
          issues: [{ text: '门前路灯不亮，晚上出行不便。', category: '城乡建设', outcome: 'solved', action: '当场联系村委电工修好' }, { ...REGISTERED, householdId: hh[0] }],
        }),
      };
    },
  },
  read('visits', 'visits', async (b) => {
    const { groupId, member, hh } = await visitGroup(b, 4);
    for (const h of hh) await b.ok('visits', member, visitEvent(b, groupId, [h]));
    return { openid: liaison, event: { action: 'visits', groupId } };
  }, '4 visits'),
  repRead('visits', 'visit', async (b) => {
    const { groupId, member, hh } = await visitGroup(b, 4);
    const v = await b.ok<{ id: string }>('visits', member, visitEvent(b, groupId, [hh[0]]));
    return { openid: rep, event: { action: 'visit', id: v.id } };
  }),
  repRead('visits', 'issues', async (b) => {
    const { groupId, member, hh } = await visitGroup(b, 4);
    await b.ok('visits', member, visitEvent(b, groupId, [hh[0]], { issues: [REGISTERED] }));
    return { openid: rep, event: { action: 'issues', groupId, open: true } };
  }),
  repRead('visits', 'progress', async (b) => {
    const { groupId, member, hh } = await visitGroup(b);
    for (const h of hh.slice(0, 6)) await b.ok('visits', member, visitEvent(b, groupId, [h]));
    return { openid: rep, event: { action: 'progress', scope: 'group', id: groupId } };
  }, 'a group, a representative'),
  read('visits', 'progress', async (b) => ((await visitGroup(b)), { openid: liaison, event: { action: 'progress', scope: 'township', id: 'fuying' } }), 'a township'),
  read('visits', 'progress', async (b) => ((await visitGroup(b)), { openid: admin, event: { action: 'progress', scope: 'county' } }), 'the county'),
  {
    fn: 'visits',
    action: 'sendCase',
    prepare: async (b) => {
      const { groupId, member, hh } = await visitGroup(b, 4);
      const v = await b.ok<{ issues: Array<{ id: string }> }>('visits', member, visitEvent(b, groupId, [hh[0]], { issues: [REGISTERED] }));
      return { openid: rep, event: { action: 'sendCase', requestId: b.requestId(), groupId, issueIds: [v.issues[0].id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，请街道党工委会诊。' } };
    },
  },
  read('visits', 'cases', async (b) => ((await visitCase(b, 'submitted')), { openid: liaison, event: { action: 'cases' } }), 'the liaison'),
  repRead('visits', 'case', async (b) => ({ openid: rep, event: { action: 'case', id: (await visitCase(b, 'in_progress')).id } })),
  { fn: 'visits', action: 'scheduleCase', prepare: async (b) => ({ openid: liaison, event: { action: 'scheduleCase', id: (await visitCase(b, 'submitted')).id, at: NOW + 3 * DAY, place: '福应街道会议室' } }) },
  {
    fn: 'visits',
    action: 'decideCase',
    variant: 'two measures',
    prepare: async (b) => ({
      openid: liaison,
      event: {
        action: 'decideCase',
        id: (await visitCase(b, 'scheduled')).id,
        decision: '调整线路并加密班次',
        measures: [
          { text: '调整 3 路线路', owner: '县公交公司', deadline: '2026-12-31' },
          { text: '收集乘车需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' },
        ],
      },
    }),
  },
  {
    fn: 'visits',
    action: 'completeMeasure',
    variant: 'by its representative',
    prepare: async (b) => {
      const c = await visitCase(b, 'in_progress');
      return { openid: c.member, event: { action: 'completeMeasure', id: c.id, measureId: 'm2', result: '已收集 36 户乘车需求' } };
    },
  },
  { fn: 'visits', action: 'toProposal', prepare: async (b) => ({ openid: liaison, event: { action: 'toProposal', id: (await visitCase(b, 'scheduled')).id, note: '需县级统筹，建议形成代表提议' } }) },
  { fn: 'visits', action: 'withdrawCase', prepare: async (b) => ({ openid: rep, event: { action: 'withdrawCase', id: (await visitCase(b, 'submitted')).id, reason: '已由村里自筹解决' } }) },

  // sheets
  { fn: 'sheets', action: 'householdTemplate', prepare: async () => ({ openid: liaison, event: { action: 'householdTemplate' } }) },
  {
    fn: 'sheets',
    action: 'importHouseholds',
    variant: '100 rows',
    prepare: async (b) => {
      const { groupId } = await visitGroup(b, 0);
      return { openid: liaison, event: { action: 'importHouseholds', groupId, fileId: await householdSheet(b, 100, 1000) } };
    },
  },
  {
    fn: 'sheets',
    action: 'visitLedger',
    variant: 'a group, 6 visits',
    prepare: async (b) => {
      const { groupId, member, hh } = await visitGroup(b);
      for (const h of hh.slice(0, 6)) await b.ok('visits', member, visitEvent(b, groupId, [h]));
      return { openid: liaison, event: { action: 'visitLedger', scope: 'group', id: groupId, year: 2026 } };
    },
  },
  // register: department staff (有关单位)
  read('register', 'referred', async (b) => {
    const { id } = await item(b, ['accept']);
    await b.ok('register', liaison, { action: 'refer', id, departmentId: 'dept-zhujian', deadline: '2026-11-25' });
    return { openid: dept, event: { action: 'referred', pending: true } };
  }, 'a department'),
  {
    fn: 'members',
    action: 'invite',
    variant: 'department staff',
    prepare: async () => ({ openid: admin, event: { action: 'invite', kind: 'department', departmentId: 'dept-jiaotong' } }),
  },

  // forums (党代表论坛)
  {
    fn: 'forums',
    action: 'suggestTopics',
    variant: 'a township, 20 items',
    limit: 3,
    prepare: async (b) => {
      for (let i = 0; i < 20; i++) await b.ok('register', b.resident(), submitEvent(b, { content: i % 2 ? '小区停车位太少，车辆乱停占用消防通道。' : '城东路口红绿灯时间太短，老人过马路来不及。' }));
      return { openid: liaison, event: { action: 'suggestTopics', scope: 'township', id: 'fuying' } };
    },
  },
  {
    fn: 'forums',
    action: 'schedule',
    variant: '2 representatives, 2 linked items',
    prepare: async (b) => {
      const itemIds = [(await item(b)).id, (await item(b)).id];
      return {
        openid: liaison,
        event: { action: 'schedule', requestId: b.requestId(), level: 'township', studioId: DEV_STUDIO_ID, topic: '破解城东片区停车难', description: '围绕停车难听取党代表和群众意见。', startAt: NOW + 18 * DAY, endAt: NOW + 18 * DAY + 2 * HOUR, form: 'studio', representativeIds: [DEV_REP_ID, 'rep-fuying-2'], invitedDepartmentIds: ['dept-zhujian'], itemIds },
      };
    },
  },
  { fn: 'forums', action: 'publish', limit: 6, prepare: async (b) => ({ openid: liaison, event: { action: 'publish', id: (await forum(b, 'draft')).id } }) },
  { fn: 'forums', action: 'cancel', variant: '3 views', prepare: async (b) => ({ openid: liaison, event: { action: 'cancel', id: (await forum(b, 'published', 3)).id, reason: '因台风预警改期' } }) },
  {
    fn: 'forums',
    action: 'submitView',
    limit: 7,
    prepare: async (b) => ({ openid: b.resident(), event: { action: 'submitView', id: (await forum(b)).id, requestId: b.requestId(), content: '建议利用城东公园地下空间建设停车场。' } }),
  },
  read('forums', 'views', async (b) => ({ openid: liaison, event: { action: 'views', id: (await forum(b, 'published', 5)).id } }), '5 views'),
  {
    fn: 'forums',
    action: 'close',
    variant: '2 outcomes, 1 as a proposal',
    prepare: async (b) => {
      const { id } = await forum(b, 'ended', 2);
      return {
        openid: liaison,
        event: {
          action: 'close',
          id,
          attendance: [DEV_REP_ID, 'rep-fuying-2'],
          summary: '与会党代表围绕停车难充分讨论，形成两项成果。',
          outcomes: [
            { title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场。', asProposal: true },
            { title: '推行错时共享停车', content: '由街道协调机关单位夜间开放停车位。', asProposal: false },
          ],
        },
      };
    },
  },
  read('forums', 'list', async (b) => {
    await forum(b);
    return { openid: resident, event: { action: 'list' } };
  }),
  read('forums', 'get', async (b) => ({ openid: resident, event: { action: 'get', id: (await forum(b, 'published', 2)).id } }), 'a resident'),
  read('forums', 'mine', async (b) => {
    await forum(b);
    return { openid: liaison, event: { action: 'mine' } };
  }, 'the liaison'),
  { ...read('forums', 'notice', async (b) => ({ openid: resident, event: { action: 'notice', id: (await forum(b)).id } }), 'first: draws the code'), limit: READ_LIMIT + 1 },
  read(
    'forums',
    'notice',
    async (b) => {
      const id = (await forum(b)).id;
      await b.ok('forums', resident, { action: 'notice', id });
      return { openid: resident, event: { action: 'notice', id } };
    },
    'the code kept',
  ),

  // proposals (代表提议)
  { fn: 'proposals', action: 'raise', variant: 'with a co-signer', limit: 10, prepare: async (b) => {
    await proposal(b, 'submitted');
    return { openid: rep, event: { action: 'raise', requestId: b.requestId(), title: '推进城区垃圾分类', content: '建议在城区老旧小区全面推行垃圾分类定时定点投放，配齐分类设施。', category: '生态环境', level: 'township', coSigners: ['rep-fuying-2'] } };
  } },
  { fn: 'proposals', action: 'review', variant: 'accept', limit: 6, prepare: async (b) => ({ openid: admin, event: { action: 'review', id: await proposal(b, 'submitted'), decision: 'accept' } }) },
  { fn: 'proposals', action: 'review', variant: 'convert into an item', prepare: async (b) => ({ openid: admin, event: { action: 'review', id: await proposal(b, 'submitted'), decision: 'convert' } }) },
  {
    fn: 'proposals',
    action: 'dispatch',
    variant: 'lead and assisting',
    limit: 6,
    prepare: async (b) => ({ openid: admin, event: { action: 'dispatch', id: await proposal(b, 'accepted'), leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' } }),
  },
  { fn: 'proposals', action: 'accept', limit: 6, prepare: async (b) => ({ openid: dept, event: { action: 'accept', id: await proposal(b, 'dispatched') } }) },
  { fn: 'proposals', action: 'refuse', limit: 6, prepare: async (b) => ({ openid: dept, event: { action: 'refuse', id: await proposal(b, 'dispatched'), reason: '不属于本单位职责' } }) },
  { fn: 'proposals', action: 'progress', limit: 6, prepare: async (b) => ({ openid: dept, event: { action: 'progress', id: await proposal(b, 'in_progress'), text: '完成方案设计', percent: 60, milestone: '方案设计' } }) },
  { fn: 'proposals', action: 'requestExtension', limit: 6, prepare: async (b) => ({ openid: dept, event: { action: 'requestExtension', id: await proposal(b, 'in_progress'), until: '2027-03-31', reason: '选址需履行规划调整程序' } }) },
  { fn: 'proposals', action: 'approveExtension', limit: 6, prepare: async (b) => ({ openid: admin, event: { action: 'approveExtension', id: await proposal(b, 'extension') } }) },
  { fn: 'proposals', action: 'refuseExtension', limit: 6, prepare: async (b) => ({ openid: admin, event: { action: 'refuseExtension', id: await proposal(b, 'extension'), reason: '请按期办复' } }) },
  { fn: 'proposals', action: 'complete', limit: 6, prepare: async (b) => ({ openid: dept, event: { action: 'complete', id: await proposal(b, 'in_progress'), result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' } }) },
  { fn: 'proposals', action: 'urge', limit: 6, prepare: async (b) => ({ openid: admin, event: { action: 'urge', id: await proposal(b, 'in_progress'), note: '请加快进度' } }) },
  {
    fn: 'proposals',
    action: 'appraise',
    variant: 'the last, not satisfied',
    limit: 7,
    prepare: async (b) => {
      const id = await proposal(b, 'completed');
      await b.ok('proposals', rep, { action: 'appraise', id, rating: 'not_satisfied' });
      return { openid: 'bench-chen', event: { action: 'appraise', id, rating: 'not_satisfied' } };
    },
  },
  read('proposals', 'list', async (b) => {
    await proposal(b, 'in_progress');
    return { openid: resident, event: { action: 'list' } };
  }, 'the public list'),
  read('proposals', 'list', async (b) => {
    await proposal(b, 'in_progress');
    return { openid: dept, event: { action: 'list' } };
  }, 'a department'),
  read('proposals', 'get', async (b) => ({ openid: dept, event: { action: 'get', id: await proposal(b, 'in_progress') } }), 'the lead department'),
  read('proposals', 'stats', async (b) => {
    await proposal(b, 'completed');
    return { openid: admin, event: { action: 'stats', year: 2026 } };
  }),
  // activities (issue 14)
  {
    fn: 'activities',
    action: 'record',
    variant: 'a training, 3 representatives (their points)',
    prepare: async (b) => ({ openid: liaison, event: activityEvent(b) }),
  },
  read('activities', 'list', async (b) => (await activityHistory(b), { openid: liaison, event: { action: 'list', studioId: DEV_STUDIO_ID } }), 'a studio'),
  read('activities', 'get', async (b) => ({ openid: rep, event: { action: 'get', id: (await b.ok<{ id: string }>('activities', liaison, activityEvent(b))).id } })),
  read('activities', 'compliance', async (b) => (await activityHistory(b), { openid: admin, event: { action: 'compliance', year: 2026 } }), 'the county'),
  read('activities', 'commitments', async (b) => {
    await b.ok('activities', liaison, COMMITMENTS);
    for (let i = 0; i < 5; i++) await item(b, ['accept', 'answer']);
    return { openid: resident, event: { action: 'commitments', studioId: DEV_STUDIO_ID } };
  }, 'published, 5 items'),
  { fn: 'activities', action: 'publishCommitments', prepare: async () => ({ openid: liaison, event: COMMITMENTS }) },

  // roster (issue 14)
  { fn: 'roster', action: 'generate', variant: 'a month, weekdays, 2 halves (44 shifts)', prepare: async () => ({ openid: liaison, event: GENERATE }) },
  read('roster', 'month', async (b) => (await b.ok('roster', liaison, GENERATE), { openid: rep, event: { action: 'month', studioId: DEV_STUDIO_ID, month: '2026-12' } })),
  { fn: 'roster', action: 'unavailable', prepare: async (b) => (await b.ok('roster', liaison, GENERATE), { openid: rep, event: { action: 'unavailable', month: '2026-12', dates: ['2026-12-01', '2026-12-02'] } }) },
  read('roster', 'today', async (b) => {
    await b.ok('roster', liaison, GENERATE);
    b.clock.set(Date.parse('2026-12-01T10:00:00+08:00'));
    return { openid: resident, event: { action: 'today', studioId: DEV_STUDIO_ID } };
  }),
  {
    fn: 'roster',
    action: 'requestSwap',
    prepare: async (b) => ({ openid: rep, event: { action: 'requestSwap', requestId: b.requestId(), shiftId: await shiftOf(b), toRepId: 'rep-fuying-5', reason: '当天参加县里会议' } }),
  },
  {
    fn: 'roster',
    action: 'decideSwap',
    variant: 'approve',
    prepare: async (b) => {
      const w = await b.ok<{ id: string }>('roster', rep, { action: 'requestSwap', requestId: b.requestId(), shiftId: await shiftOf(b), toRepId: 'rep-fuying-5', reason: '当天参加县里会议' });
      return { openid: liaison, event: { action: 'decideSwap', id: w.id, outcome: 'approve' } };
    },
  },
  {
    fn: 'roster',
    action: 'openDay',
    prepare: async (b) => {
      const m = await b.ok<{ shifts: Array<{ id: string }> }>('roster', liaison, GENERATE);
      return { openid: liaison, event: { action: 'openDay', shiftId: m.shifts[m.shifts.length - 1].id, topic: '党代表开放日', capacity: 30 } };
    },
  },

  // points (issue 14)
  read('points', 'rules', async () => ({ openid: rep, event: { action: 'rules' } })),
  { fn: 'points', action: 'saveRules', prepare: async () => ({ openid: admin, event: { action: 'saveRules', year: 2027, rules: [{ code: 'reception', points: 3, cap: 48, enabled: true }] } }) },
  read('points', 'mine', async (b) => (await activityHistory(b), { openid: rep, event: { action: 'mine' } })),
  read('points', 'studio', async (b) => (await activityHistory(b), { openid: liaison, event: { action: 'studio', studioId: DEV_STUDIO_ID } })),
  read('points', 'overview', async (b) => (await activityHistory(b), { openid: admin, event: { action: 'overview' } }), 'the county'),
  read('points', 'ledger', async (b) => (await activityHistory(b), { openid: liaison, event: { action: 'ledger', representativeId: DEV_REP_ID } }), 'a representative'),
  { fn: 'points', action: 'propose', prepare: async (b) => ({ openid: liaison, event: proposeEvent(b) }) },
  {
    fn: 'points',
    action: 'decide',
    variant: 'approve',
    prepare: async (b) => ({ openid: admin, event: { action: 'decide', id: (await b.ok<{ id: string }>('points', liaison, proposeEvent(b))).id, approve: true } }),
  },

  // dashboard (issue 14): the county's figures, 20 items and 3 activities
  read('dashboard', 'overview', async (b) => (await dashboardHistory(b), { openid: admin, event: { action: 'overview', year: 2026 } }), 'the county'),
  read('dashboard', 'overview', async (b) => (await dashboardHistory(b), { openid: liaison, event: { action: 'overview', year: 2026 } }), 'a township'),
  read('dashboard', 'ranking', async (b) => (await dashboardHistory(b), { openid: admin, event: { action: 'ranking', year: 2026 } })),
  read('dashboard', 'studio', async (b) => (await dashboardHistory(b), { openid: liaison, event: { action: 'studio', studioId: DEV_STUDIO_ID, year: 2026 } })),

  // sheets
  { fn: 'sheets', action: 'register', variant: '20 items', prepare: async (b) => (await dashboardHistory(b), { openid: liaison, event: { action: 'register', scope: 'studio', id: DEV_STUDIO_ID, from: '2026-11-01', to: '2026-11-30' } }) },
  { fn: 'sheets', action: 'activities', prepare: async (b) => (await activityHistory(b), { openid: liaison, event: { action: 'activities', studioId: DEV_STUDIO_ID, from: '2026-11-01', to: '2026-11-30' } }) },
  { fn: 'sheets', action: 'points', prepare: async (b) => (await activityHistory(b), { openid: liaison, event: { action: 'points', studioId: DEV_STUDIO_ID, year: 2026 } }) },
  { fn: 'sheets', action: 'ranking', prepare: async (b) => (await dashboardHistory(b), { openid: admin, event: { action: 'ranking', year: 2026 } }) },
];

const COMMITMENTS = { action: 'publishCommitments', studioId: DEV_STUDIO_ID, items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7 }, { code: 'onTime' }, { code: 'satisfied' }] };
const GENERATE = { action: 'generate', studioId: DEV_STUDIO_ID, month: '2026-12', weekdays: [1, 2, 3, 4, 5], halves: ['am', 'pm'] };

const activityEvent = (b: Bench) => ({
  action: 'record',
  requestId: b.requestId(),
  studioId: DEV_STUDIO_ID,
  date: '2026-11-02',
  kind: 'training',
  topic: '党代表履职能力培训',
  representativeIds: [DEV_REP_ID, 'rep-fuying-2', 'rep-fuying-3'],
  summary: '集中学习履职规范并交流体会。',
});

const proposeEvent = (b: Bench) => ({
  action: 'propose',
  requestId: b.requestId(),
  representativeId: 'rep-fuying-2',
  code: 'manual',
  points: 3,
  date: '2026-11-01',
  note: '参加县人大视察',
  evidence: '县人大办公室视察通知及现场照片',
});

/** Three trainings and a closed reception in 福应: activities, points. */
async function activityHistory(b: Bench) {
  for (let i = 0; i < 3; i++) await b.ok('activities', liaison, activityEvent(b));
  const r = await reception(b, 30, 5);
  b.clock.set(NOW + 10 * DAY + 3 * HOUR);
  await b.ok('receptions', liaison, { action: 'close', id: r.id, attendance: 12, summary: '接待群众 12 人。' });
}

/** 20 items answered in 福应, and the activities. */
async function dashboardHistory(b: Bench) {
  for (let i = 0; i < 20; i++) await item(b, ['accept', 'answer']);
  await activityHistory(b);
}

/** A December shift of dev-rep's (the month generated first). */
async function shiftOf(b: Bench): Promise<string> {
  const m = await b.ok<{ shifts: Array<{ id: string; representatives: Array<{ id: string }> }> }>('roster', liaison, GENERATE);
  return (m.shifts.find((s) => s.representatives.some((r) => r.id === DEV_REP_ID) && !s.representatives.some((r) => r.id === 'rep-fuying-5')) as { id: string }).id;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Measure {
  requests: number;
  rounds: number;
  openapi: number;
  ms: number;
}

async function measure<T>(b: Bench, work: () => Promise<T>): Promise<{ result: T; m: Measure }> {
  b.fake.resetCounters();
  const calls = b.openapi.calls;
  b.fake.latencyMs = LATENCY;
  const t0 = process.hrtime.bigint();
  try {
    const result = await work();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (TRACE) {
      for (const r of b.fake.requests) {
        const p = (r.params ?? {}) as Record<string, unknown>;
        console.log(`    ${r.action} ${String(p.collectionName ?? '')} ${JSON.stringify(p.query ?? p.docId ?? '').slice(0, 100)}`);
      }
    }
    return { result, m: { requests: b.fake.requests.length, rounds: b.fake.rounds, openapi: b.openapi.calls - calls, ms } };
  } finally {
    b.fake.latencyMs = 0;
  }
}

interface ActionRow extends Measure {
  name: string;
  fn: string;
  action: string;
  variant: string | null;
  limit: number | null;
  verdict: 'PASS' | 'FAIL' | 'no limit' | 'ERROR' | 'no scenario';
  error?: string;
}

async function benchActions(fake: FakeCloudbase): Promise<ActionRow[]> {
  const rows: ActionRow[] = [];
  for (const [fn, def] of Object.entries(FUNCTIONS)) {
    if (ONLY && !ONLY.some((o) => o === fn || o.startsWith(`${fn}.`))) continue;
    for (const action of Object.keys(def)) {
      if (ONLY && !ONLY.includes(fn) && !ONLY.includes(`${fn}.${action}`)) continue;
      const scenarios = SCENARIOS.filter((s) => s.fn === fn && s.action === action);
      const base = { fn, action, requests: 0, rounds: 0, openapi: 0, ms: 0 };
      if (scenarios.length === 0) {
        rows.push({ ...base, name: `${fn}.${action}`, variant: null, limit: null, verdict: 'no scenario' });
        continue;
      }
      for (const s of scenarios) {
        const name = `${fn}.${action}${s.variant ? ` (${s.variant})` : ''}`;
        const b = await makeBench(fake); // each case on fresh data: one case's state never weighs on another
        if (TRACE) console.log(`\n  ${name}`);
        try {
          const call = await s.prepare(b);
          const { result, m } = await measure(b, () => b.app.call(fn, call.event, call.openid));
          const env = result as Envelope<unknown>;
          const verdict = !env.ok ? 'ERROR' : s.limit === undefined ? 'no limit' : m.rounds <= s.limit ? 'PASS' : 'FAIL';
          rows.push({ ...base, ...m, name, variant: s.variant ?? null, limit: s.limit ?? null, verdict, ...(env.ok ? {} : { error: `${env.error.code} ${env.error.message}` }) });
        } catch (e) {
          rows.push({ ...base, name, variant: s.variant ?? null, limit: s.limit ?? null, verdict: 'ERROR', error: e instanceof Error ? e.message : String(e) });
        }
        process.stdout.write('.');
      }
    }
  }
  process.stdout.write('\n');
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The reminders timer under load

interface TimerRun extends Measure {
  run: number;
  dueLeft: number;
  deliverableLeft: number;
  data: unknown;
}

interface TimerRow {
  due: number;
  pendingAtStart: number;
  runs: TimerRun[];
  verdict: 'PASS' | 'FAIL' | 'ERROR';
  claim: string;
  error?: string;
}

/**
 * Staff of ten studios bound through invitations (福应街道 keeps the dev identities), each with
 * consent to every template; `due` items spread over those studios, submitted by distinct
 * residents and taken to a mix of states; then 16 days pass, so that every item is due:
 * 4 in 10 still submitted (not accepted, and overdue), 3 in 10 accepted and overdue, 2 in 10
 * promised for tomorrow (due soon), 1 in 10 answered with its feedback period over (auto-close).
 */
async function timerState(b: Bench, due: number): Promise<{ at: number }> {
  const studios = (await b.store.find<Studio>('studios', { orderBy: [['order', 'asc']], limit: 100 })).slice(0, 10);
  const ids = Object.values(templateIds());
  const staff: Array<{ studioId: string; rep: string; repId: string }> = [];
  for (const s of studios) {
    if (s._id === DEV_STUDIO_ID) {
      staff.push({ studioId: s._id, rep, repId: DEV_REP_ID });
    } else {
      const [r] = await b.store.find<Representative>('representatives', { where: { studioId: s._id }, limit: 1 });
      const repCode = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'representative', representativeId: r._id });
      await b.ok('members', `rep-of-${s._id}`, { action: 'bind', code: repCode.code });
      const liaisonCode = await b.ok<{ code: string }>('members', admin, { action: 'invite', kind: 'liaison', studioIds: [s._id] });
      await b.ok('members', `liaison-of-${s._id}`, { action: 'bind', code: liaisonCode.code });
      staff.push({ studioId: s._id, rep: `rep-of-${s._id}`, repId: r._id });
    }
  }
  for (const who of [...staff.map((s) => s.rep), ...staff.filter((s) => s.studioId !== DEV_STUDIO_ID).map((s) => `liaison-of-${s.studioId}`), liaison, admin]) {
    await b.ok('members', who, { action: 'subscribe', templateIds: ids });
  }
  for (let i = 0; i < due; i++) {
    const s = staff[i % staff.length];
    const { id } = await b.ok<{ id: string }>('register', b.resident(), submitEvent(b, { studioId: s.studioId }));
    const kind = i % 10;
    if (kind >= 4) await b.ok('register', s.rep, { action: 'accept', id });
    if (kind === 7 || kind === 8) await b.ok('register', s.rep, { action: 'promise', id, deadline: '2026-11-19', note: '协调有关部门办理' });
    if (kind === 9) await b.ok('register', s.rep, { action: 'answer', id, reply: '已协调解决。' });
  }
  // The timer ran every 15 minutes meanwhile: what the setup itself sent is delivered.
  b.clock.set(NOW + HOUR);
  await b.app.runTimer('reminders');
  return { at: NOW + 16 * DAY };
}

async function leftOver(b: Bench): Promise<{ dueLeft: number; deliverableLeft: number }> {
  const now = b.clock.now();
  const [reminders, closes, deliverable] = await Promise.all([
    b.store.count('items', { nextRemindAt: { lte: now } }),
    b.store.count('items', { status: { in: ['answered', 'resolved'] }, closeDueAt: { lte: now } }),
    b.store.count('outbox', { status: 'pending', nextAttemptAt: { lte: now } }),
  ]);
  return { dueLeft: reminders + closes, deliverableLeft: deliverable };
}

async function benchTimer(fake: FakeCloudbase, due: number): Promise<TimerRow> {
  const maxRuns = due >= 1000 ? TIMER_RUNS_AT_1000 : 1;
  const claim =
    due >= 1000
      ? `done within ${maxRuns} runs 15 min apart, each ≤ ${TIMER_BUDGET_MS / 1000} s`
      : `one run ≤ ${TIMER_BUDGET_MS / 1000} s leaves nothing due, nothing deliverable`;
  const row: TimerRow = { due, pendingAtStart: 0, runs: [], verdict: 'FAIL', claim };
  try {
    const b = await makeBench(fake);
    const { at } = await timerState(b, due);
    b.clock.set(at);
    row.pendingAtStart = await b.store.count('outbox', { status: 'pending' });
    const before = await leftOver(b);
    if (before.dueLeft < due) throw new Error(`only ${before.dueLeft} of ${due} items are due`);
    for (let run = 1; run <= maxRuns; run++) {
      b.clock.set(at + (run - 1) * 15 * 60_000);
      const { result, m } = await measure(b, () => b.app.runTimer('reminders'));
      if (!result.ok) throw new Error(`reminders: ${result.error.code} ${result.error.message}`);
      row.runs.push({ run, ...m, ...(await leftOver(b)), data: result.data });
      process.stdout.write('.');
      const last = row.runs[row.runs.length - 1];
      if (last.dueLeft === 0 && last.deliverableLeft === 0) break;
    }
    const last = row.runs[row.runs.length - 1];
    const inBudget = row.runs.every((r) => r.ms <= TIMER_BUDGET_MS);
    row.verdict = inBudget && last.dueLeft === 0 && last.deliverableLeft === 0 ? 'PASS' : 'FAIL';
  } catch (e) {
    row.verdict = 'ERROR';
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Output

function table(head: string[], rows: string[][], right: number[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
  console.log(`bench:cloud — CloudBase adapter through the real wx-server-sdk, ${LATENCY} ms per request (node ${process.version}, ${os.cpus().length} cores)`);
  const started = Date.now();
  let actions: ActionRow[] = [];
  const timer: TimerRow[] = [];
  try {
    actions = await benchActions(fake);
    console.log(
      table(
        ['action', 'requests', 'rounds', 'openapi', `wall @${LATENCY} ms`, 'limit', 'verdict'],
        actions.map((r) => [
          r.name,
          r.verdict === 'no scenario' || r.verdict === 'ERROR' ? '–' : String(r.requests),
          r.verdict === 'no scenario' || r.verdict === 'ERROR' ? '–' : String(r.rounds),
          r.verdict === 'no scenario' || r.verdict === 'ERROR' ? '–' : String(r.openapi),
          r.verdict === 'no scenario' || r.verdict === 'ERROR' ? '–' : fmtMs(r.ms),
          r.limit === null ? '–' : `≤ ${r.limit}`,
          r.verdict + (r.error ? `: ${r.error}` : ''),
        ]),
        [1, 2, 3, 4],
      ),
    );
    for (const due of TIMER_SIZES) timer.push(await benchTimer(fake, due));
    if (timer.length) {
      process.stdout.write('\n');
      console.log(
        table(
          ['reminders', 'pending msgs', 'run', 'requests', 'rounds', 'openapi', `wall @${LATENCY} ms`, 'due left', 'deliverable left', 'claim', 'verdict'],
          timer.flatMap((t) =>
            t.runs.length === 0
              ? [[`${t.due} due`, String(t.pendingAtStart), '–', '–', '–', '–', '–', '–', '–', t.claim, `${t.verdict}: ${t.error ?? ''}`]]
              : t.runs.map((r, i) => [
                  i === 0 ? `${t.due} due` : '',
                  i === 0 ? String(t.pendingAtStart) : '',
                  String(r.run),
                  String(r.requests),
                  String(r.rounds),
                  String(r.openapi),
                  fmtMs(r.ms),
                  String(r.dueLeft),
                  String(r.deliverableLeft),
                  i === 0 ? t.claim : '',
                  i === t.runs.length - 1 ? t.verdict + (t.error ? `: ${t.error}` : '') : '',
                ]),
          ),
          [1, 2, 3, 4, 5, 6, 7, 8],
        ),
      );
    }
  } finally {
    fake.restore();
  }
  const failed = [...actions.filter((r) => r.verdict === 'FAIL' || r.verdict === 'ERROR' || r.verdict === 'no scenario'), ...timer.filter((t) => t.verdict !== 'PASS')];
  const limited = actions.filter((r) => r.limit !== null);
  console.log(
    `\n${limited.filter((r) => r.verdict === 'PASS').length} of ${limited.length} action limits PASS; ` +
      `${timer.filter((t) => t.verdict === 'PASS').length} of ${timer.length} timer claims PASS; ` +
      `${actions.filter((r) => r.verdict === 'no scenario').length} actions without a scenario; ${actions.filter((r) => r.verdict === 'ERROR').length} errors ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(
    OUT,
    JSON.stringify({ date: new Date().toISOString(), commit: commit(), node: process.version, latencyMs: LATENCY, budgetMs: TIMER_BUDGET_MS, actions, timer }, null, 2),
  );
  console.log(`figures written to ${OUT}`);
  if (STRICT && failed.length) {
    console.error(`--strict: ${failed.length} FAIL, ERROR or missing`);
    process.exit(1);
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

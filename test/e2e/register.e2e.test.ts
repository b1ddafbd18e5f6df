/**
 * The check, over HTTP, as a new user would do it: the REAL local cloud
 * (`tsx local/main.ts`, what `npm start` runs) on a free port with its own SQLite file.
 *
 * One item goes the whole way: dev-resident submits → dev-liaison sees it in the inbox and
 * assigns it to dev-rep's representative → dev-rep answers → the resident reads the answer and
 * the timeline, is not satisfied (round 2) → dev-rep resolves → the resident is satisfied
 * (closed) → dev-admin's county stats count it. Every forbidden or malformed step on the way
 * answers the right code and HTTP status and leaves the item as it was. Then the host is
 * stopped and started again and nothing is lost; the dev clock and timer close an answered
 * item nobody rated; concurrency, the submit rate limit and a database fault (INTERNAL, no
 * stack trace in the body) are tried last.
 *
 * The tests of this file run in order and share the host and the item.
 */
import Database from 'better-sqlite3';
import { startLocalHost, type HttpAnswer, type LocalHost } from '../support/localHost';

jest.setTimeout(60000);

const RESIDENT = 'dev-resident';
const REP = 'dev-rep';
const LIAISON = 'dev-liaison';
const ADMIN = 'dev-admin';
const OTHER = 'e2e-other-resident';
const STUDIO = 'studio-fuying';
const REP_ID = 'rep-fuying-1';
const DAY = 24 * 60 * 60 * 1000;

/** The codes and statuses of DESIGN.md "Local cloud" (written out here, not imported from core). */
const STATUS_OF: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  CONTENT_REJECTED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

interface TimelineEvent {
  at: number;
  action: string;
  actorRole: string;
  actorName: string;
  from: string | null;
  to: string;
  note?: string;
}
interface ItemView {
  id: string;
  no: string;
  status: string;
  round: number;
  studioId: string;
  content: string;
  contact: { name: string | null; phone: string | null; masked: boolean; revealable: boolean };
  owner: { name: string } | null;
  reply: { text: string; at: number; byName: string } | null;
  satisfaction: string | null;
  feedback: Array<{ round: number; satisfied: boolean; comment: string | null }>;
  closedAt: number | null;
  closeDueAt: number | null;
  timeline: TimelineEvent[];
  actions: string[];
}
interface Page {
  items: ItemView[];
  total: number;
}
interface Stats {
  collected: number;
  rejected: number;
  open: number;
  answeredOrResolved: number;
  resolved: number;
  rated: number;
  satisfied: number;
  rates: Record<string, { numerator: number; denominator: number; percent: number | null; formula: string }>;
}

let host: LocalHost;
/** Every answer of a function or dev endpoint, checked for the envelope at the end as well. */
const answers: Array<{ what: string; r: HttpAnswer }> = [];

/** Checks the envelope of DESIGN.md: `{ok:true,data}` with 200, or `{ok:false,error:{code,message,details?}}` with its status. */
function expectEnvelope(what: string, r: HttpAnswer): void {
  answers.push({ what, r });
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = r.body as Record<string, unknown>;
  expect(typeof body).toBe('object');
  if (body.ok === true) {
    expect(Object.keys(body).sort()).toEqual(['data', 'ok']);
    expect(r.status).toBe(200);
  } else {
    expect(body.ok).toBe(false);
    expect(Object.keys(body).sort()).toEqual(['error', 'ok']);
    const error = body.error as Record<string, unknown>;
    expect(Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
    expect(Object.keys(STATUS_OF)).toContain(error.code);
    expect(typeof error.message).toBe('string');
    expect((error.message as string).length).toBeGreaterThan(0);
    expect(r.status).toBe(STATUS_OF[error.code as string]);
    expect(r.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|Error:/);
  }
}

/** Calls and expects success; returns `data`. */
async function ok<T = any>(fn: string, openid: string, event: Record<string, unknown>): Promise<T> {
  const r = await host.call(fn, openid, event);
  const what = `${fn}.${String(event.action)} as ${openid}`;
  if (r.status !== 200) throw new Error(`${what}: expected 200, got ${r.status} ${r.text}`);
  expectEnvelope(what, r);
  return r.body.data as T;
}

/** Sends anything and expects the error `code` with its HTTP status; returns the error. */
async function refused(
  code: keyof typeof STATUS_OF,
  fn: string,
  openid: string | undefined,
  event: unknown,
): Promise<{ code: string; message: string; details?: unknown }> {
  const r = await host.call(fn, openid, event);
  const what = `${fn} ${typeof event === 'string' ? event : JSON.stringify(event)} as ${openid ?? '(no openid)'}`;
  if (r.body?.error?.code !== code) throw new Error(`${what}: expected ${code}, got ${r.status} ${r.text}`);
  expectEnvelope(what, r);
  expect(r.status).toBe(STATUS_OF[code]);
  return r.body.error;
}

let seq = 0;
const freshRequestId = () => `e2e-${Date.now().toString(36)}-${process.pid}-${seq++}`;

const submitEvent = (overrides: Record<string, unknown> = {}) => ({
  action: 'submit',
  requestId: freshRequestId(),
  studioId: STUDIO,
  category: '城乡建设',
  content: '小区门口的路灯坏了三盏，晚上出行不安全，希望尽快修复。',
  contactName: '张三丰',
  contactPhone: '13812345678',
  ...overrides,
});

const get = (openid: string, id: string) => ok<ItemView>('register', openid, { action: 'get', id });
const countyStats = () => ok<Stats>('register', ADMIN, { action: 'stats', scope: 'county' });

/** What the item looks like to everyone involved, for before/after comparisons. */
async function snapshot(id: string) {
  return {
    resident: await get(RESIDENT, id),
    liaison: await get(LIAISON, id),
    rep: await get(REP, id),
    admin: await get(ADMIN, id),
  };
}

beforeAll(async () => {
  host = await startLocalHost();
});

afterAll(async () => {
  await host?.dispose();
});

// Shared by the steps below, in order.
let baseline: Stats;
let submitRequestId: string;
let item: ItemView;
let repName: string;

describe('the register over HTTP, end to end', () => {
  it('answers /health and starts with no items', async () => {
    const health = await host.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, data: { now: expect.any(Number) } });
    baseline = await countyStats();
    expect(baseline.collected).toBe(0);
    const me = await ok<{ role: string; representativeId?: string; name: string }>('members', REP, { action: 'me' });
    expect(me.role).toBe('representative');
    expect(me.representativeId).toBe(REP_ID);
    repName = me.name;
  });

  it('a resident submits: numbered, submitted, one timeline event, full contact for the submitter; a retry gives the same item', async () => {
    const event = submitEvent();
    submitRequestId = event.requestId;
    item = await ok<ItemView>('register', RESIDENT, event);
    expect(item.status).toBe('submitted');
    expect(item.no).toMatch(/^XJ20\d\d-\d{6}$/);
    expect(item.studioId).toBe(STUDIO);
    expect(item.contact).toEqual({ name: '张三丰', phone: '13812345678', masked: false, revealable: false });
    expect(item.timeline).toHaveLength(1);
    expect(item.timeline[0]).toMatchObject({ action: 'submit', from: null, to: 'submitted', actorRole: 'resident' });
    expect(item.actions).toEqual([]);

    const retried = await ok<ItemView>('register', RESIDENT, { ...event });
    expect(retried.id).toBe(item.id);
    expect(retried.no).toBe(item.no);
    const mine = await ok<Page>('register', RESIDENT, { action: 'mine' });
    expect(mine.total).toBe(1);
    expect(mine.items.map((i) => i.id)).toEqual([item.id]);
  });

  it("the item is in the liaison's inbox with the contact masked, which the liaison may reveal (logged); the studio's representative sees it masked", async () => {
    const inbox = await ok<Page>('register', LIAISON, { action: 'inbox' });
    const mineInInbox = inbox.items.find((i) => i.id === item.id);
    expect(mineInInbox).toBeDefined();
    expect(mineInInbox!.contact).toEqual({ name: '张**', phone: '138****5678', masked: true, revealable: true });
    expect(mineInInbox!.actions).toEqual(expect.arrayContaining(['accept', 'assign', 'reject']));

    const submitted = await ok<Page>('register', LIAISON, { action: 'inbox', status: 'submitted' });
    expect(submitted.items.map((i) => i.id)).toContain(item.id);

    const repView = await get(REP, item.id);
    expect(repView.contact).toEqual({ name: '张**', phone: '138****5678', masked: true, revealable: false });
    expect(repView.actions).toEqual(['accept']);
  });

  it('refuses every forbidden or malformed step with the right code and status, and the item stays as it was', async () => {
    const before = await snapshot(item.id);

    // Who may not.
    await refused('NOT_FOUND', 'register', OTHER, { action: 'get', id: item.id });
    await refused('NOT_FOUND', 'register', OTHER, { action: 'feedback', id: item.id, satisfied: false });
    await refused('FORBIDDEN', 'register', RESIDENT, { action: 'inbox' });
    await refused('FORBIDDEN', 'register', RESIDENT, { action: 'assign', id: item.id, representativeId: REP_ID });
    await refused('FORBIDDEN', 'register', RESIDENT, { action: 'stats', scope: 'county' });
    await refused('FORBIDDEN', 'register', REP, { action: 'reject', id: item.id, reason: '重复反映，已合并处理' });
    await refused('FORBIDDEN', 'register', REP, { action: 'assign', id: item.id, representativeId: REP_ID });
    await refused('FORBIDDEN', 'register', REP, { action: 'stats', scope: 'county' });
    // Not now.
    await refused('INVALID_STATE', 'register', RESIDENT, { action: 'feedback', id: item.id, satisfied: true });
    await refused('INVALID_STATE', 'register', LIAISON, { action: 'answer', id: item.id, reply: '已联系城管部门处理。' });

    // Who are you.
    await refused('UNAUTHENTICATED', 'register', undefined, { action: 'get', id: item.id });
    await refused('UNAUTHENTICATED', 'register', '', { action: 'get', id: item.id });
    // The identity is the header's, never the body's.
    const forged = await host.call('register', OTHER, { action: 'get', id: item.id, openid: RESIDENT });
    expectEnvelope('forged openid', forged);
    expect(forged.body.ok).toBe(false);
    await refused('NOT_FOUND', 'register', OTHER, { action: 'get', id: item.id, userInfo: { openId: RESIDENT, appId: 'wx0' } });
    await refused('FORBIDDEN', 'register', RESIDENT, { action: 'stats', scope: 'county', userInfo: { openId: ADMIN } });

    // Malformed.
    await refused('VALIDATION', 'register', RESIDENT, '{"action": "get", "id": ');
    await refused('VALIDATION', 'register', RESIDENT, '[1, 2]');
    await refused('VALIDATION', 'register', RESIDENT, { action: 'frobnicate', id: item.id });
    await refused('VALIDATION', 'register', RESIDENT, { id: item.id });
    await refused('VALIDATION', 'register', RESIDENT, { action: 'get', id: '../../etc/passwd' });
    await refused('VALIDATION', 'register', LIAISON, { action: 'assign', id: item.id });
    await refused('VALIDATION', 'register', LIAISON, { action: 'reject', id: item.id, reason: '' });
    await refused('VALIDATION', 'register', LIAISON, { action: 'answer', id: item.id, reply: '' });
    // A representative of another studio cannot be given the item.
    const other = await ok<{ representatives: Array<{ id: string }> }>('directory', RESIDENT, { action: 'studio', id: 'studio-anzhou' });
    expect(other.representatives.length).toBeGreaterThan(0);
    await refused('VALIDATION', 'register', LIAISON, { action: 'assign', id: item.id, representativeId: other.representatives[0].id });
    await refused('NOT_FOUND', 'nosuchfunction', RESIDENT, { action: 'get', id: item.id });

    // Bad submits create nothing.
    const invalid = await refused('VALIDATION', 'register', RESIDENT, submitEvent({ category: '不存在的类别' }));
    expect(invalid.message).toMatch(/[\u4e00-\u9fa5]/); // a Chinese message
    await refused('VALIDATION', 'register', RESIDENT, submitEvent({ content: '短' }));
    await refused('VALIDATION', 'register', RESIDENT, submitEvent({ contactPhone: '12345' }));
    await refused('VALIDATION', 'register', RESIDENT, submitEvent({ studioId: 'studio-nowhere' }));
    await refused('CONTENT_REJECTED', 'register', RESIDENT, submitEvent({ content: '有人在小区里组织赌博活动，请尽快处理。' }));
    expect((await ok<Page>('register', RESIDENT, { action: 'mine' })).total).toBe(1);

    // Paths that are not functions.
    const notFound = await host.request('GET', '/nowhere');
    expectEnvelope('GET /nowhere', notFound);
    expect(notFound.status).toBe(404);
    const getFn = await host.request('GET', '/functions/register');
    expectEnvelope('GET /functions/register', getFn);
    expect(getFn.status).toBe(404);

    expect(await snapshot(item.id)).toEqual(before);
  });

  it("the liaison assigns it to dev-rep's representative, who may now answer, promise and resolve", async () => {
    const assigned = await ok<ItemView>('register', LIAISON, { action: 'assign', id: item.id, representativeId: REP_ID });
    expect(assigned.status).toBe('accepted');
    expect(assigned.owner).toEqual({ name: repName });
    const repView = await get(REP, item.id);
    expect(repView.actions).toEqual(expect.arrayContaining(['answer', 'promise', 'resolve']));
    expect(repView.actions).not.toContain('reject');
    expect(repView.actions).not.toContain('assign');
  });

  it('an empty answer or one by the wrong person is refused and changes nothing', async () => {
    const before = await snapshot(item.id);
    await refused('VALIDATION', 'register', REP, { action: 'answer', id: item.id, reply: '' });
    await refused('VALIDATION', 'register', REP, { action: 'answer', id: item.id, reply: '    ' });
    await refused('VALIDATION', 'register', REP, { action: 'answer', id: item.id });
    await refused('FORBIDDEN', 'register', REP, { action: 'reject', id: item.id, reason: '不属于本工作室受理范围' });
    await refused('FORBIDDEN', 'register', RESIDENT, { action: 'answer', id: item.id, reply: '我自己答复我自己。' });
    await refused('NOT_FOUND', 'register', OTHER, { action: 'answer', id: item.id, reply: '我来答复一下。' });
    expect(await snapshot(item.id)).toEqual(before);
  });

  it('dev-rep answers; the resident reads the answer and the timeline and may give feedback', async () => {
    const reply = '已联系街道城管中队，路灯将于本周内修复。';
    const answered = await ok<ItemView>('register', REP, { action: 'answer', id: item.id, reply });
    expect(answered.status).toBe('answered');
    await refused('INVALID_STATE', 'register', REP, { action: 'answer', id: item.id, reply: '再答复一次可以吗？' });

    const seen = await get(RESIDENT, item.id);
    expect(seen.status).toBe('answered');
    expect(seen.reply).toMatchObject({ text: reply, byName: repName });
    expect(seen.timeline.map((e) => [e.action, e.from, e.to])).toEqual([
      ['submit', null, 'submitted'],
      ['assign', 'submitted', 'accepted'],
      ['answer', 'accepted', 'answered'],
    ]);
    expect(seen.timeline.map((e) => e.actorRole)).toEqual(['resident', 'liaison', 'representative']);
    for (const e of seen.timeline) expect(e.at).toEqual(expect.any(Number));
    expect(seen.actions).toEqual(['feedback']);
  });

  it('unsatisfied feedback reopens the item for round 2; feedback twice in a round is refused', async () => {
    const reopened = await ok<ItemView>('register', RESIDENT, {
      action: 'feedback',
      id: item.id,
      satisfied: false,
      comment: '一周过去了，路灯还是没有修好。',
    });
    expect(reopened.status).toBe('in_progress');
    expect(reopened.round).toBe(2);
    expect(reopened.feedback).toEqual([expect.objectContaining({ round: 1, satisfied: false })]);

    const before = await snapshot(item.id);
    await refused('INVALID_STATE', 'register', RESIDENT, { action: 'feedback', id: item.id, satisfied: true });
    await refused('VALIDATION', 'register', RESIDENT, { action: 'feedback', id: item.id, satisfied: 'yes' });
    expect(await snapshot(item.id)).toEqual(before);
  });

  it('dev-rep resolves it; satisfied feedback closes it', async () => {
    const resolved = await ok<ItemView>('register', REP, { action: 'resolve', id: item.id, reply: '三盏路灯已全部更换为LED灯并恢复照明。' });
    expect(resolved.status).toBe('resolved');
    const closed = await ok<ItemView>('register', RESIDENT, { action: 'feedback', id: item.id, satisfied: true });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toEqual(expect.any(Number));
    expect(closed.actions).toEqual([]);
    expect(closed.timeline.map((e) => [e.action, e.from, e.to])).toEqual([
      ['submit', null, 'submitted'],
      ['assign', 'submitted', 'accepted'],
      ['answer', 'accepted', 'answered'],
      ['feedbackUnsatisfied', 'answered', 'in_progress'],
      ['resolve', 'in_progress', 'resolved'],
      ['feedbackSatisfied', 'resolved', 'closed'],
    ]);

    const before = await snapshot(item.id);
    await refused('INVALID_STATE', 'register', LIAISON, { action: 'reject', id: item.id, reason: '已办结的事项不能不予受理' });
    await refused('INVALID_STATE', 'register', RESIDENT, { action: 'feedback', id: item.id, satisfied: false });
    expect(await snapshot(item.id)).toEqual(before);
    item = closed;
  });

  it("dev-admin's county stats count it: collected, answered or resolved, satisfied", async () => {
    const stats = await countyStats();
    expect(stats.collected - baseline.collected).toBe(1);
    expect(stats.answeredOrResolved - baseline.answeredOrResolved).toBe(1);
    expect(stats.resolved - baseline.resolved).toBe(1);
    expect(stats.rated - baseline.rated).toBe(1);
    expect(stats.satisfied - baseline.satisfied).toBe(1);
    expect(stats.open).toBe(baseline.open);
    expect(stats.rates.answeredOrResolved).toMatchObject({ numerator: 1, denominator: 1, percent: 100 });
    expect(stats.rates.answeredOrResolved.formula).toEqual(expect.any(String));

    const studio = await ok<Stats>('register', LIAISON, { action: 'stats', scope: 'studio', id: STUDIO });
    expect(studio).toMatchObject({ collected: 1, answeredOrResolved: 1, satisfied: 1 });
    const township = await ok<Stats>('register', ADMIN, { action: 'stats', scope: 'township', id: 'fuying' });
    expect(township).toMatchObject({ collected: 1, answeredOrResolved: 1, satisfied: 1 });
    await refused('FORBIDDEN', 'register', LIAISON, { action: 'stats', scope: 'county' });
    await refused('FORBIDDEN', 'register', LIAISON, { action: 'stats', scope: 'studio', id: 'studio-anzhou' });
  });

  it('loses nothing when the host is stopped and started again', async () => {
    const before = {
      item: await snapshot(item.id),
      mine: await ok<Page>('register', RESIDENT, { action: 'mine' }),
      inbox: await ok<Page>('register', LIAISON, { action: 'inbox' }),
      stats: await countyStats(),
    };
    await host.restart();
    const after = {
      item: await snapshot(item.id),
      mine: await ok<Page>('register', RESIDENT, { action: 'mine' }),
      inbox: await ok<Page>('register', LIAISON, { action: 'inbox' }),
      stats: await countyStats(),
    };
    expect(after).toEqual(before);
    expect(after.item.resident.timeline).toHaveLength(6);

    // The submit is still idempotent after the restart, and numbering carries on without a gap.
    const retried = await ok<ItemView>('register', RESIDENT, submitEvent({ requestId: submitRequestId }));
    expect(retried.id).toBe(item.id);
    const next = await ok<ItemView>('register', RESIDENT, submitEvent({ content: '公园的健身器材有松动，存在安全隐患。' }));
    const seqOf = (no: string) => Number(no.split('-')[1]);
    expect(seqOf(next.no)).toBe(seqOf(item.no) + 1);
  });
});

describe('the dev clock and the reminders timer', () => {
  it('POST /dev/clock moves time; an answered item with no feedback closes itself after 7 days', async () => {
    const fresh = await ok<ItemView>('register', RESIDENT, submitEvent({ content: '菜市场周边早上车辆乱停，堵塞通道。' }));
    await ok('register', LIAISON, { action: 'assign', id: fresh.id, representativeId: REP_ID });
    const answered = await ok<ItemView>('register', REP, { action: 'answer', id: fresh.id, reply: '已请交警中队早高峰加强巡查。' });
    expect(answered.closeDueAt).toEqual(expect.any(Number));

    const early = await host.request('POST', '/dev/timers/reminders');
    expectEnvelope('reminders (now)', early);
    expect(early.body.data).toMatchObject({ autoClosed: 0 });
    expect((await get(RESIDENT, fresh.id)).status).toBe('answered');

    const later = new Date(answered.reply!.at + 8 * DAY).toISOString();
    const set = await host.request('POST', '/dev/clock', { body: { now: later } });
    expectEnvelope('POST /dev/clock', set);
    expect(Date.parse(set.body.data.now)).toBeGreaterThanOrEqual(Date.parse(later));
    const read = await host.request('GET', '/dev/clock');
    expect(Date.parse(read.body.data.now) - Date.parse(later)).toBeLessThan(60000);
    const health = await host.request('GET', '/health');
    expect(health.body.data.now).toBeGreaterThanOrEqual(Date.parse(later));

    const run = await host.request('POST', '/dev/timers/reminders');
    expectEnvelope('reminders (+8 days)', run);
    expect(run.body.data).toMatchObject({ autoClosed: 1 });

    const closed = await get(RESIDENT, fresh.id);
    expect(closed.status).toBe('closed');
    expect(closed.timeline[closed.timeline.length - 1]).toMatchObject({ action: 'autoClose', actorRole: 'system', from: 'answered', to: 'closed' });
    await refused('INVALID_STATE', 'register', RESIDENT, { action: 'feedback', id: fresh.id, satisfied: true });
    // The item closed earlier is not touched again.
    expect((await get(RESIDENT, item.id)).timeline).toHaveLength(6);

    const again = await host.request('POST', '/dev/timers/reminders');
    expect(again.body.data).toMatchObject({ autoClosed: 0 });
  });

  it('refuses a bad clock, an unknown timer and a malformed clock body', async () => {
    const bad = await host.request('POST', '/dev/clock', { body: { now: 'next tuesday' } });
    expectEnvelope('bad clock', bad);
    expect(bad.status).toBe(400);
    const malformed = await host.request('POST', '/dev/clock', { body: '{"now":' });
    expectEnvelope('malformed clock', malformed);
    expect(malformed.status).toBe(400);
    const timer = await host.request('POST', '/dev/timers/nosuchtimer');
    expectEnvelope('unknown timer', timer);
    expect(timer.status).toBe(404);
  });
});

describe('faults', () => {
  it('two people answering at once: one wins, the other is refused, no lost write', async () => {
    const it1 = await ok<ItemView>('register', OTHER, submitEvent({ content: '小区电梯经常停运，老人上下楼困难。' }));
    await ok('register', LIAISON, { action: 'assign', id: it1.id, representativeId: REP_ID });
    const [a, b] = await Promise.all([
      host.call('register', REP, { action: 'answer', id: it1.id, reply: '党代表答复：已联系物业检修。' }),
      host.call('register', LIAISON, { action: 'answer', id: it1.id, reply: '联络员答复：已转物业公司处理。' }),
    ]);
    expectEnvelope('concurrent answer (rep)', a);
    expectEnvelope('concurrent answer (liaison)', b);
    const wins = [a, b].filter((r) => r.body.ok);
    const losses = [a, b].filter((r) => !r.body.ok);
    expect(wins).toHaveLength(1);
    expect(['CONFLICT', 'INVALID_STATE']).toContain(losses[0].body.error.code);
    const after = await get(OTHER, it1.id);
    expect(after.timeline.filter((e) => e.action === 'answer')).toHaveLength(1);
    expect(after.reply!.text).toBe(wins[0].body.data.reply.text);
  });

  it('submits are rate-limited per user (RATE_LIMITED 429) and the refused one is not stored', async () => {
    const flood = 'e2e-flood-resident';
    for (let i = 0; i < 5; i++) await ok('register', flood, submitEvent({ content: `第 ${i + 1} 条测试意见：道路积水需要疏通。` }));
    await refused('RATE_LIMITED', 'register', flood, submitEvent({ content: '第 6 条测试意见：道路积水需要疏通。' }));
    expect((await ok<Page>('register', flood, { action: 'mine' })).total).toBe(5);
  });

  it('a database fault answers INTERNAL 500 with a plain message and no stack trace, and a retry then succeeds once', async () => {
    // Another connection holds the write lock: the host's write fails after its busy timeout.
    const db = new Database(host.dataFile);
    const event = submitEvent({ content: '数据库被锁住时提交的意见，应当稍后重试成功。' });
    let r: HttpAnswer;
    try {
      db.exec('BEGIN IMMEDIATE');
      r = await host.call('register', RESIDENT, event);
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    }
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expectEnvelope('submit during a database fault', r);
    expect(r.text).not.toMatch(/SQLITE|sqlite|busy|locked|stack|\bat\b/i);
    // The details went to the host's log instead.
    expect(host.output()).toMatch(/SQLITE_BUSY|database is locked/);

    const retried = await ok<ItemView>('register', RESIDENT, event);
    const mine = await ok<Page>('register', RESIDENT, { action: 'mine', pageSize: 50 });
    expect(mine.items.filter((i) => i.id === retried.id)).toHaveLength(1);
    // The failed attempt took no number: the county's numbers are still 1..N without a gap.
    const all = await ok<Page>('register', ADMIN, { action: 'inbox', pageSize: 50 });
    expect(all.total).toBe(all.items.length);
    const seqs = all.items.map((i) => Number(i.no.split('-')[1])).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: all.total }, (_, i) => i + 1));
  });

  it('an oversized body is refused with an error envelope, not a dropped connection', async () => {
    const r = await host.call('register', RESIDENT, JSON.stringify(submitEvent({ content: '长'.repeat(200 * 1024) })));
    expectEnvelope('oversized body', r);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
  });

  it('no error body anywhere in this run carried a stack trace or a file path', () => {
    expect(answers.length).toBeGreaterThan(50);
    for (const { what, r } of answers) {
      if (r.body?.ok === false) expect({ what, text: r.text }).toEqual({ what, text: expect.not.stringMatching(/\n\s+at |\.ts:\d+|\/work\/|node_modules/) });
    }
  });
});

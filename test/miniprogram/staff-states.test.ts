import { DEV_IDENTITIES, exists, openPage, startBackend, tap, text, type Backend } from './support/harness';
import { publishedReception } from './support/receptions';
import { phoneClockFollowsBackend } from './support/staff';
import { submitEvent } from '../support/app';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;

/** Every staff page, who opens it, and what it needs to show something. */
const PAGES: Array<[string, string, string, (b: Backend) => Promise<Record<string, string>>]> = [
  ['工作台', 'pages/staff/workbench/index', rep, async () => ({})],
  ['待办事项', 'pages/staff/queue/index', rep, async (b) => (await b.t.ok('register', resident, submitEvent()), {})],
  ['事项办理', 'pages/staff/item/index', rep, async (b) => ({ id: (await b.t.ok('register', resident, submitEvent())).id })],
  ['接待安排', 'pages/staff/duties/index', rep, async (b) => (await publishedReception(b.t), {})],
  ['接待现场', 'pages/staff/reception/index', rep, async (b) => ({ id: (await publishedReception(b.t)).id })],
  // Walk-ins are registered at the reception only (issue 11): on its morning.
  ['现场登记', 'pages/staff/walkin/index', rep, async (b) => { const r = await publishedReception(b.t); b.t.clock.set(Date.parse('2026-11-12T09:30:00+08:00')); return { id: r.id }; }],
  ['安排接待', 'pages/staff/schedule/index', liaison, async () => ({})],
  ['接待公告（打印）', 'pages/staff/notice/index', liaison, async (b) => ({ id: (await publishedReception(b.t)).id })],
  ['邀请党代表', 'pages/staff/invite/index', liaison, async () => ({})],
  ['工作室统计', 'pages/staff/stats/index', liaison, async () => ({})],
  ['绑定身份', 'pages/staff/bind/index', resident, async () => ({})],
];

describe.each(PAGES)('%s when the network fails', (_name, route, who, setup) => {
  it('shows loading, then says why in plain Chinese, and 重新加载 loads it', async () => {
    const backend = await startBackend();
    phoneClockFollowsBackend(backend);
    const query = await setup(backend);
    backend.as(who);
    backend.dropNextCall();
    const page = await openPage(route, query, { wait: false });
    expect(page.data.state).toBe('loading');
    expect(text(page)).toContain('加载中');
    await backend.settle();
    expect(page.data.state).toBe('error');
    expect(text(page)).toContain('网络不给力，请稍后重试');

    await tap(page, '.state', '.retry', '.t-button');
    expect(page.data.state).toBe('ready');
    expect(text(page)).not.toContain('网络不给力');
  });
});

/** The staff pages a resident might open by their path, and what each says. */
const FORBIDDEN: Array<[string, string, string, (b: Backend) => Promise<Record<string, string>>]> = [
  ['工作台', 'pages/staff/workbench/index', '只有党代表、联络员和管理员可以使用工作台', async () => ({})],
  ['待办事项', 'pages/staff/queue/index', '只有党代表、联络员和管理员可以使用工作台', async () => ({})],
  ['接待安排', 'pages/staff/duties/index', '只有党代表和联络员有接待安排', async () => ({})],
  ['接待现场', 'pages/staff/reception/index', '只有本次接待的值班党代表和本工作室联络员可以使用接待现场', async (b) => ({ id: (await publishedReception(b.t)).id })],
  ['现场登记', 'pages/staff/walkin/index', '只有值班党代表或联络员可以现场登记', async (b) => ({ id: (await publishedReception(b.t)).id })],
  ['安排接待', 'pages/staff/schedule/index', '只有工作室联络员可以安排接待', async () => ({})],
  ['邀请党代表', 'pages/staff/invite/index', '只有联络员或管理员可以生成邀请码', async () => ({})],
  ['工作室统计', 'pages/staff/stats/index', '只有党代表、联络员和管理员可以查看工作室统计', async () => ({})],
];

describe.each(FORBIDDEN)('%s opened by a resident', (_name, route, message, setup) => {
  it('shows no permission in Chinese, with nothing to retry', async () => {
    const backend = await startBackend();
    const query = await setup(backend);
    const page = await openPage(route, query);
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain(message);
    expect(exists(page, '.state', '.retry')).toBe(false);
  });
});

describe('empty states', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
    phoneClockFollowsBackend(backend);
    backend.as(rep);
  });

  it('待办事项 with nothing in the studio', async () => {
    const page = await openPage('pages/staff/queue/index');
    expect(page.data.state).toBe('empty');
    expect(text(page)).toContain('暂无待办事项');
  });

  it('接待安排 with no duty', async () => {
    const page = await openPage('pages/staff/duties/index');
    expect(text(page)).toContain('近期没有您值班的接待');
  });

  it('接待现场 before anything was raised', async () => {
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/staff/reception/index', { id: r.id });
    expect(text(page)).toContain('本次接待收集的意见建议（0）');
    expect(exists(page, '.raised-empty')).toBe(true);
  });

  it('工作室统计 for a period with nothing collected', async () => {
    const page = await openPage('pages/staff/stats/index');
    expect(text(page)).toContain('该时段没有收集到意见建议');
  });
});

import { DEV_IDENTITIES, exists, openPage, startBackend, tap, text, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/** The 党内质询 pages' loading, error, empty and no-permission states, and paging. */

const { resident, representative: rep, liaison, admin, contact } = DEV_IDENTITIES;

let seq = 0;
const raise = (b: Backend, title = '城区交通拥堵治理进展') =>
  b.t.ok('inquiries', rep, {
    action: 'raise',
    requestId: `inq-state-${(seq++).toString().padStart(4, '0')}`,
    subject: { body: 'discipline_committee' },
    area: 'integrity',
    title,
    content: '请县纪委说明今年以来对基层“微腐败”问题的监督检查情况和处理结果，以及下一步的工作安排。',
    context: 'congress',
  });

const PAGES: Array<[string, string, string, (b: Backend) => Promise<Record<string, string>>]> = [
  ['质询列表', 'pages/staff/inquiries/index', rep, async (b) => (await raise(b), {})],
  ['质询详情', 'pages/staff/inquiry/index', rep, async (b) => ({ id: (await raise(b)).id })],
  ['提出质询', 'pages/staff/inquiry-raise/index', rep, async () => ({})],
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

describe('no permission', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it.each([
    ['a resident', resident],
    ['a liaison', liaison],
  ])('%s opening the list sees the back end refuse it, with nothing to retry', async (_who, openid) => {
    backend.as(openid);
    const page = await openPage('pages/staff/inquiries/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有党代表、质询对象联系人和管理员可以查看质询');
    expect(exists(page, '.state', '.retry')).toBe(false);
    expect(exists(page, '.tab')).toBe(false);
  });

  it('a representative opening the supervision list by its path is refused', async () => {
    backend.as(rep);
    const page = await openPage('pages/staff/inquiries/index', { view: 'supervision' });
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有县级管理员可以督办质询');
  });

  it.each([
    ['an administrator', admin],
    ['a contact', contact],
    ['a resident', resident],
  ])('%s opening 提出质询 is told only representatives raise inquiries', async (_who, openid) => {
    backend.as(openid);
    const page = await openPage('pages/staff/inquiry-raise/index');
    expect(page.data.state).toBe('forbidden');
    expect(text(page)).toContain('只有党代表可以提出质询');
  });
});

describe('empty lists', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it.each([
    ["the contact's 待答复", contact, undefined, '没有待书面答复的质询'],
    ["the administrator's 督办", admin, 'supervision', '没有逾期未答复的质询'],
    ["a representative's list", rep, undefined, '暂无党内质询'],
  ])('%s says so', async (_name, openid, view, message) => {
    backend.as(openid);
    const page = await openPage('pages/staff/inquiries/index', view ? { view } : {});
    expect(page.data.state).toBe('empty');
    expect(text(page)).toContain(message);
  });
});

it('the administrator list loads 10 at a time and the next at the bottom', async () => {
  const backend = await startBackend();
  for (let i = 1; i <= 12; i++) await raise(backend, `质询第 ${i} 件党风廉政问题`);
  backend.as(admin);
  const page = await openPage('pages/staff/inquiries/index');
  expect(page.querySelectorAll('.row')).toHaveLength(10);
  // Newest first, as the back end lists them.
  expect(page.data.rows[0].no).toBe('ZX2026-012');
  expect(text(page)).not.toContain('没有更多了');
  page.instance.onReachBottom();
  await backend.settle();
  expect(page.querySelectorAll('.row')).toHaveLength(12);
  expect(text(page)).toContain('没有更多了');
  expect(backend.sent.at(-1)?.data).toEqual({ action: 'list', page: 2, pageSize: 10 });
});

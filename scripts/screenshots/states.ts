/**
 * The registry of screenshots: one entry per page × state, saying who opens the page, what
 * the back end holds first (made through the real functions), and what is tapped after it
 * loads. A page added to app.json needs one entry here at least
 * (test/miniprogram/screenshots.test.ts checks it without Chromium).
 *
 * Loaded by the jest test too: nothing here may start a browser or install globals.
 */
import type { TestApp } from '../../test/support/app';
import type { Backend } from '../../test/miniprogram/support/backend';
import { find, tap, tapButton, tapText, type, type View } from '../../test/miniprogram/support/view';
import { book, clockAt, crowd, DEV_IDENTITIES, itemIn, reception } from './scenarios';
import { HOME_TOWNSHIP_KEY } from '../../miniprogram/utils/keys';

export type Who = keyof typeof DEV_IDENTITIES;

export interface ShotContext {
  backend: Backend;
  t: TestApp;
  /** What the setup keeps for the taps after (codes, ids). */
  vars: Record<string, string>;
}

export interface Shot {
  /** The page as app.json names it. */
  page: string;
  /** Its state in a few words (part of the file name). */
  state: string;
  /** Who opens it (a resident unless told). */
  as?: Who;
  /** The back end's clock at the start (2026-11-02 10:00 Shanghai unless told). */
  now?: string;
  /** The large-text mode chosen on 首页 (关怀模式). */
  large?: boolean;
  /** `offline`: every call fails (the error state); `hang`: no call answers (loading). */
  network?: 'offline' | 'hang';
  /** What exists before the page opens; answers the page's query. */
  setup?(ctx: ShotContext): Promise<Record<string, string> | void>;
  /** What is done on the page once it has loaded. */
  act?(page: View, ctx: ShotContext): Promise<void>;
  /** Also shown in README: written to docs/screenshots/<docs>.png by `npm run screenshots -- --docs`. */
  docs?: string;
}

/** The file name of a shot: `items-detail--answered`. */
export const shotName = (s: Shot) =>
  `${s.page.replace(/^pages\//, '').replace(/\/index$/, '').replace(/\//g, '-')}--${s.state}${s.as && s.as !== 'resident' && !s.state.includes(s.as) ? `-${s.as}` : ''}${s.large ? '-large' : ''}`;

const HOME = 'pages/home/index/index';
const STUDIO = 'pages/studios/detail/index';
const RECEPTION = 'pages/receptions/detail/index';
const BOOKINGS = 'pages/receptions/mine/index';
const SUBMIT = 'pages/items/submit/index';
const MY_ITEMS = 'pages/items/mine/index';
const ITEM = 'pages/items/detail/index';
const NOTICES = 'pages/notices/index/index';
const WORKBENCH = 'pages/staff/workbench/index';
const QUEUE = 'pages/staff/queue/index';
const STAFF_ITEM = 'pages/staff/item/index';
const DUTIES = 'pages/staff/duties/index';
const DESK = 'pages/staff/reception/index';
const WALKIN = 'pages/staff/walkin/index';
const SCHEDULE = 'pages/staff/schedule/index';
const NOTICE = 'pages/staff/notice/index';
const INVITE = 'pages/staff/invite/index';
const STATS = 'pages/staff/stats/index';
const BIND = 'pages/staff/bind/index';
const INQUIRIES = 'pages/staff/inquiries/index';
const INQUIRY = 'pages/staff/inquiry/index';
const RAISE_INQUIRY = 'pages/staff/inquiry-raise/index';
const MEMBERS = 'pages/staff/members/index';

/** 陈素芬 bound as a representative of 福应街道 (she owns one item), and a liaison's invitation of a liaison waiting for approval. */
async function someMembers(t: TestApp) {
  const { admin, liaison } = DEV_IDENTITIES;
  const { code } = await t.ok('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
  await t.ok('members', 'shot-chen', { action: 'bind', code });
  const item = await itemIn(t, 'submitted');
  await t.ok('register', 'shot-chen', { action: 'accept', id: item.id });
  await t.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: ['studio-fuying'] });
}

let inquirySeq = 0;
/** An inquiry by 王建华 (周跃进 invited to co-sign at `cosigning`), taken to `stage` through the real functions. */
async function inquiryIn(t: TestApp, stage: 'cosigning' | 'submitted' | 'accepted' | 'replied' | 'met' | 'returned', title = '城区交通拥堵治理进展') {
  const { representative: rep, admin, contact } = DEV_IDENTITIES;
  const q = await t.ok('inquiries', rep, {
    action: 'raise',
    requestId: `shot-inquiry-${(inquirySeq++).toString().padStart(4, '0')}`,
    subject: { body: 'party_committee' },
    area: 'hot_issues',
    title,
    content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？',
    context: 'interim',
    ...(stage === 'cosigning' ? { coSigners: ['rep-fuying-3'] } : {}),
  });
  if (stage === 'cosigning' || stage === 'submitted') return q;
  if (stage === 'returned') return t.ok('inquiries', admin, { action: 'return', id: q.id, reason: '属于具体问题线索，请通过信访举报渠道反映' });
  const a = await t.ok('inquiries', admin, { action: 'accept', id: q.id, contactId: 'ct-xianwei-ban' });
  if (stage === 'accepted') return a;
  const r = await t.ok('inquiries', contact, { action: 'reply', id: q.id, text: '经研究，县委已部署交通治堵三年行动，今年完成主干道信号灯优化和两个停车场建设，明年继续推进。' });
  if (stage === 'replied') return r;
  return t.ok('inquiries', contact, { action: 'meet', id: q.id, at: t.clock.now(), place: '县委办公室会议室', attendees: '陈立新、王建华', summary: '当面说明治堵工作进展和后续安排。' });
}
const inquiryQuery = (stage: Parameters<typeof inquiryIn>[1]) => async ({ t }: ShotContext) => ({ id: (await inquiryIn(t, stage)).id });
/** Two awaiting a reply: one 3 days overdue, one with 17 days left. */
async function contactQueue(t: TestApp) {
  await inquiryIn(t, 'accepted', '农村饮用水安全保障情况');
  t.clock.set(t.clock.now() + 20 * 86_400_000);
  await inquiryIn(t, 'accepted', '城区停车难问题整治');
  await inquiryIn(t, 'replied', '老旧小区加装电梯推进情况');
  t.clock.set(t.clock.now() + 13 * 86_400_000);
}

const itemQuery = (status: Parameters<typeof itemIn>[1]) => async ({ t }: ShotContext) => ({ id: (await itemIn(t, status)).id });
const receptionQuery = (options: Parameters<typeof reception>[1] = {}) => async ({ t }: ShotContext) => ({ id: (await reception(t, options)).id });

/** A few items of every kind for lists. */
async function someItems(t: TestApp) {
  for (const s of ['submitted', 'accepted', 'promised', 'answered', 'closed', 'rejected'] as const) await itemIn(t, s);
}

/** The three states every page loading data has. */
const basics = (page: string, as: Who, setup?: Shot['setup']): Shot[] => [
  { page, state: 'loading', as, network: 'hang', setup },
  { page, state: 'error', as, network: 'offline', setup },
];

export const SHOTS: Shot[] = [
  // 首页
  { page: HOME, state: 'ready' },
  { page: HOME, state: 'ready', large: true, docs: 'home-large-text' },
  { page: HOME, state: 'staff', as: 'liaison' },
  { page: HOME, state: 'receptions', setup: async ({ t }) => void (await reception(t), await reception(t, { startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00', topic: '农村道路养护', capacity: 1 })) },
  { page: HOME, state: 'search-none', act: async (p) => type(p, '.search', '火星') },
  ...basics(HOME, 'resident'),

  // 工作室
  { page: STUDIO, state: 'ready', setup: async ({ t }) => (await reception(t), { id: 'studio-fuying' }) },
  { page: STUDIO, state: 'ready', large: true, setup: async () => ({ id: 'studio-fuying' }) },
  { page: STUDIO, state: 'not-found', setup: async () => ({ id: 'studio-none' }) },
  ...basics(STUDIO, 'resident', async () => ({ id: 'studio-fuying' })),

  // 接待公告
  { page: RECEPTION, state: 'bookable', setup: receptionQuery() },
  { page: RECEPTION, state: 'bookable', large: true, setup: receptionQuery() },
  { page: RECEPTION, state: 'booked', setup: async ({ t }) => { const r = await reception(t); await book(t, r.id, undefined, '小区加装电梯的补贴怎么申请？'); return { id: r.id }; } },
  { page: RECEPTION, state: 'full', setup: async ({ t }) => { const r = await reception(t, { capacity: 1 }); await crowd(t, r.id, 1); return { id: r.id }; } },
  { page: RECEPTION, state: 'waiting', setup: async ({ t }) => { const r = await reception(t, { capacity: 1 }); await crowd(t, r.id, 2); await book(t, r.id); return { id: r.id }; } },
  {
    page: RECEPTION,
    state: 'checked-in',
    setup: async ({ t }) => {
      const r = await reception(t);
      const b = await book(t, r.id);
      clockAt(t, '2026-11-12T09:10:00+08:00');
      await t.ok('receptions', DEV_IDENTITIES.representative, { action: 'checkIn', code: b.myBooking.code });
      return { id: r.id };
    },
  },
  { page: RECEPTION, state: 'cancelled', setup: async ({ t }) => { const r = await reception(t); await book(t, r.id); await t.ok('receptions', DEV_IDENTITIES.liaison, { action: 'cancel', id: r.id, reason: '值班代表临时参加县里会议，改期另行通知' }); return { id: r.id }; } },
  { page: RECEPTION, state: 'book-error', setup: receptionQuery(), act: async (p) => { await type(p, '.question', '太短'); await tapButton(p, '.book'); } },
  ...basics(RECEPTION, 'resident', receptionQuery()),

  // 我的预约
  { page: BOOKINGS, state: 'empty' },
  { page: BOOKINGS, state: 'booked', large: true, setup: async ({ t }) => void (await book(t, (await reception(t)).id)) },
  {
    page: BOOKINGS,
    state: 'list',
    setup: async ({ t }) => {
      const a = await reception(t);
      await book(t, a.id, undefined, '小区加装电梯的补贴怎么申请？');
      const b = await reception(t, { capacity: 1, startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00', topic: '农村道路养护' });
      await crowd(t, b.id, 1);
      await book(t, b.id);
      const c = await reception(t, { startAt: '2026-11-13T09:00:00+08:00', endAt: '2026-11-13T11:00:00+08:00', topic: '垃圾分类' });
      await book(t, c.id);
      await t.ok('receptions', DEV_IDENTITIES.resident, { action: 'cancelBooking', id: c.id });
    },
  },
  ...basics(BOOKINGS, 'resident'),

  // 我要反映
  { page: SUBMIT, state: 'ready' },
  { page: SUBMIT, state: 'ready', large: true, setup: async () => ({ studioId: 'studio-fuying' }) },
  { page: SUBMIT, state: 'from-studio', setup: async () => ({ studioId: 'studio-fuying' }) },
  { page: SUBMIT, state: 'no-studio', act: async (p) => tapButton(p, '.submit'), docs: 'submit-error-at-field' },
  { page: SUBMIT, state: 'studio-search', act: async (p) => { await tap(p, '.studio-choice'); await type(p, '.studio-search', '白塔'); } },
  { page: SUBMIT, state: 'township-default', setup: async ({ backend }) => void backend.storage.set(HOME_TOWNSHIP_KEY, 'baita') },
  {
    page: SUBMIT,
    state: 'network-fail',
    setup: async () => ({ studioId: 'studio-fuying' }),
    act: async (p, { backend }) => {
      await tapText(p, '.chip', '交通出行');
      await type(p, '.content', '城东路口红绿灯时间太短，老人过马路来不及。');
      backend.dropNextCall();
      await tapButton(p, '.submit');
    },
  },
  { page: SUBMIT, state: 'missing-field', setup: async () => ({ studioId: 'studio-fuying' }), act: async (p) => { await tapText(p, '.chip', '交通出行'); await tapButton(p, '.submit'); } },
  { page: SUBMIT, state: 'refused', setup: async () => ({ studioId: 'studio-fuying' }), act: async (p) => { await tapText(p, '.chip', '矛盾纠纷'); await type(p, '.content', '有人在小区里组织赌博，影响很坏。'); await tapButton(p, '.submit'); } },
  {
    page: SUBMIT,
    state: 'done',
    setup: async () => ({ studioId: 'studio-fuying' }),
    act: async (p) => {
      await tapText(p, '.chip', '交通出行');
      await type(p, '.content', '城东路口红绿灯时间太短，老人过马路来不及。');
      await tapButton(p, '.submit');
    },
  },
  ...basics(SUBMIT, 'resident'),

  // 我的反映
  { page: MY_ITEMS, state: 'empty' },
  { page: MY_ITEMS, state: 'list', setup: async ({ t }) => someItems(t) },
  { page: MY_ITEMS, state: 'list', large: true, setup: async ({ t }) => someItems(t) },
  ...basics(MY_ITEMS, 'resident'),

  // 办理进度, each status
  ...(['submitted', 'accepted', 'promised', 'referred', 'answered', 'resolved', 'closed', 'rejected', 'reopened'] as const).map((s): Shot => ({ page: ITEM, state: s, setup: itemQuery(s), ...(s === 'answered' ? { docs: 'item-answered' } : {}) })),
  { page: ITEM, state: 'answered', large: true, setup: itemQuery('answered') },
  { page: ITEM, state: 'overdue', setup: async ({ t }) => { const i = await itemIn(t, 'accepted'); clockAt(t, '2026-11-25T10:00:00+08:00'); return { id: i.id }; } },
  { page: ITEM, state: 'feedback-chosen', setup: itemQuery('answered'), act: async (p) => { await tap(p, '.choice--no'); } },
  { page: ITEM, state: 'handles', as: 'representative', setup: itemQuery('accepted') },
  { page: ITEM, state: 'not-found', setup: async () => ({ id: 'it-none' }) },
  ...basics(ITEM, 'resident', itemQuery('submitted')),

  // 消息中心
  { page: NOTICES, state: 'empty' },
  { page: NOTICES, state: 'list', setup: async ({ t }) => { await itemIn(t, 'answered'); const r = await reception(t); await book(t, r.id); } },
  { page: NOTICES, state: 'list', large: true, setup: async ({ t }) => { await itemIn(t, 'answered'); const r = await reception(t); await book(t, r.id); } },
  ...basics(NOTICES, 'resident'),

  // 工作台
  { page: WORKBENCH, state: 'representative', as: 'representative', setup: async ({ t }) => someItems(t) },
  { page: WORKBENCH, state: 'liaison', as: 'liaison', setup: async ({ t }) => { await someItems(t); clockAt(t, '2026-11-25T10:00:00+08:00'); } },
  { page: WORKBENCH, state: 'liaison', as: 'liaison', large: true, setup: async ({ t }) => someItems(t) },
  { page: WORKBENCH, state: 'admin', as: 'admin', setup: async ({ t }) => someItems(t) },
  { page: WORKBENCH, state: 'forbidden', as: 'resident' },
  ...basics(WORKBENCH, 'representative'),

  // 待办事项
  { page: QUEUE, state: 'all', as: 'liaison', setup: async ({ t }) => someItems(t) },
  { page: QUEUE, state: 'all', as: 'liaison', large: true, setup: async ({ t }) => someItems(t) },
  { page: QUEUE, state: 'overdue', as: 'liaison', setup: async ({ t }) => { await someItems(t); clockAt(t, '2026-11-25T10:00:00+08:00'); return { filter: 'overdue' }; } },
  { page: QUEUE, state: 'mine', as: 'representative', setup: async ({ t }) => (await someItems(t), { filter: 'mine' }) },
  { page: QUEUE, state: 'due-soon', as: 'liaison', setup: async ({ t }) => { await someItems(t); clockAt(t, '2026-11-14T10:00:00+08:00'); return { filter: 'dueSoon' }; } },
  { page: QUEUE, state: 'empty', as: 'liaison' },
  { page: QUEUE, state: 'forbidden', as: 'resident' },
  ...basics(QUEUE, 'liaison'),

  // 事项办理
  { page: STAFF_ITEM, state: 'submitted', as: 'liaison', setup: itemQuery('submitted') },
  { page: STAFF_ITEM, state: 'submitted', as: 'liaison', large: true, setup: itemQuery('submitted') },
  { page: STAFF_ITEM, state: 'assign', as: 'liaison', setup: itemQuery('submitted'), act: async (p) => tapButton(p, '.action-assign') },
  { page: STAFF_ITEM, state: 'answer', as: 'representative', setup: itemQuery('accepted'), act: async (p) => { await tapButton(p, '.action-answer'); await tapText(p, '.template', '政策解答'); } },
  { page: STAFF_ITEM, state: 'reject', as: 'liaison', setup: itemQuery('submitted'), act: async (p) => tapButton(p, '.action-reject') },
  { page: STAFF_ITEM, state: 'referred', as: 'liaison', setup: itemQuery('referred') },
  { page: STAFF_ITEM, state: 'overdue', as: 'representative', setup: async ({ t }) => { const i = await itemIn(t, 'accepted'); clockAt(t, '2026-11-25T10:00:00+08:00'); return { id: i.id }; } },
  { page: STAFF_ITEM, state: 'closed', as: 'liaison', setup: itemQuery('closed') },
  { page: STAFF_ITEM, state: 'contact-revealed', as: 'liaison', setup: itemQuery('submitted'), act: async (p) => tapButton(p, '.contact__reveal') },
  { page: STAFF_ITEM, state: 'not-found', as: 'resident', setup: itemQuery('submitted') },
  ...basics(STAFF_ITEM, 'liaison', itemQuery('submitted')),

  // 接待安排
  {
    page: DUTIES,
    state: 'liaison',
    as: 'liaison',
    docs: 'staff-duties-awaiting-close',
    setup: async ({ t }) => {
      await reception(t, { startAt: '2026-11-03T09:00:00+08:00', endAt: '2026-11-03T11:00:00+08:00', topic: '秋冬季消防安全', draft: true });
      const ended = await reception(t, { topic: '老旧小区改造意见征集' });
      await reception(t, { startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00', topic: '农村道路养护' });
      await reception(t, { startAt: '2026-11-27T09:00:00+08:00', endAt: '2026-11-27T11:00:00+08:00', topic: '垃圾分类', draft: true });
      await crowd(t, ended.id, 3);
      clockAt(t, '2026-11-13T10:00:00+08:00');
    },
  },
  { page: DUTIES, state: 'representative', large: true, setup: async ({ t }) => void (await reception(t)) },
  { page: DUTIES, state: 'representative', as: 'representative', setup: async ({ t }) => void (await reception(t), await reception(t, { startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00', topic: '农村道路养护' })) },
  { page: DUTIES, state: 'empty', as: 'representative' },
  { page: DUTIES, state: 'forbidden', as: 'resident' },
  ...basics(DUTIES, 'liaison'),

  // 接待现场
  {
    page: DESK,
    state: 'on-the-day',
    as: 'representative',
    setup: async ({ t }) => {
      const r = await reception(t);
      await crowd(t, r.id, 4);
      clockAt(t, '2026-11-12T09:05:00+08:00');
      return { id: r.id };
    },
  },
  {
    page: DESK,
    state: 'checked-in',
    as: 'representative',
    docs: 'staff-reception-door',
    setup: async (ctx) => {
      const r = await reception(ctx.t);
      const codes = await crowd(ctx.t, r.id, 4);
      clockAt(ctx.t, '2026-11-12T09:05:00+08:00');
      ctx.vars.codes = codes.map((c) => c.code).join(',');
      return { id: r.id };
    },
    act: async (p, { vars }) => {
      for (const code of vars.codes.split(',').slice(0, 2)) {
        await type(p, '.code', code);
        await tapButton(p, '.check-in');
      }
    },
  },
  { page: DESK, state: 'on-the-day', as: 'representative', large: true, setup: async ({ t }) => { const r = await reception(t); await crowd(t, r.id, 2); clockAt(t, '2026-11-12T09:05:00+08:00'); return { id: r.id }; } },
  { page: DESK, state: 'draft', as: 'liaison', setup: receptionQuery({ draft: true }) },
  { page: DESK, state: 'draft-too-soon', as: 'liaison', setup: receptionQuery({ draft: true, startAt: '2026-11-05T09:00:00+08:00', endAt: '2026-11-05T11:00:00+08:00' }) },
  {
    page: DESK,
    state: 'ended-close',
    as: 'liaison',
    setup: async ({ t }) => {
      const r = await reception(t);
      await crowd(t, r.id, 3);
      clockAt(t, '2026-11-12T15:00:00+08:00');
      return { id: r.id };
    },
    act: async (p) => tapButton(p, '.open-close'),
  },
  {
    page: DESK,
    state: 'closed',
    as: 'liaison',
    setup: async ({ t }) => {
      const r = await reception(t);
      clockAt(t, '2026-11-12T15:00:00+08:00');
      await t.ok('receptions', DEV_IDENTITIES.liaison, { action: 'close', id: r.id, attendance: 12, summary: '接待群众 12 人，登记意见 5 条，当场答复 3 条。' });
      return { id: r.id };
    },
  },
  { page: DESK, state: 'forbidden', as: 'resident', setup: receptionQuery() },
  ...basics(DESK, 'representative', receptionQuery()),

  // 现场登记
  { page: WALKIN, state: 'ready', as: 'representative', setup: async ({ t }) => { const r = await reception(t); clockAt(t, '2026-11-12T09:30:00+08:00'); return { id: r.id }; } },
  { page: WALKIN, state: 'missing-field', as: 'representative', setup: async ({ t }) => { const r = await reception(t); clockAt(t, '2026-11-12T09:30:00+08:00'); return { id: r.id }; }, act: async (p) => tapButton(p, '.submit') },
  { page: WALKIN, state: 'ready', as: 'representative', large: true, setup: async ({ t }) => { const r = await reception(t); clockAt(t, '2026-11-12T09:30:00+08:00'); return { id: r.id }; } },
  { page: WALKIN, state: 'forbidden', as: 'resident', setup: receptionQuery() },
  ...basics(WALKIN, 'representative', receptionQuery()),

  // 安排接待
  { page: SCHEDULE, state: 'ready', as: 'liaison' },
  { page: SCHEDULE, state: 'too-soon', as: 'liaison', act: async (p) => { find(p, '.date-picker').dispatchEvent('change', { detail: { value: '2026-11-05' } }); await Promise.resolve(); } },
  { page: SCHEDULE, state: 'forbidden', as: 'resident' },
  ...basics(SCHEDULE, 'liaison'),

  // 接待公告（打印）
  { page: NOTICE, state: 'ready', as: 'liaison', setup: receptionQuery() },
  ...basics(NOTICE, 'liaison', receptionQuery()),

  // 邀请党代表
  { page: INVITE, state: 'ready', as: 'liaison' },
  { page: INVITE, state: 'code', as: 'liaison', act: async (p) => tap(p, '.rep') },
  { page: INVITE, state: 'forbidden', as: 'representative' },

  // 人员与权限
  { page: MEMBERS, state: 'liaison', as: 'liaison', setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'liaison', as: 'liaison', large: true, setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'revoking', as: 'liaison', setup: async ({ t }) => someMembers(t), act: async (p) => tap(p, '.revoke') },
  { page: MEMBERS, state: 'admin', as: 'admin', setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'consent', as: 'representative' },
  { page: MEMBERS, state: 'forbidden', as: 'resident' },
  ...basics(MEMBERS, 'liaison'),
  ...basics(INVITE, 'liaison'),

  // 工作室统计
  { page: STATS, state: 'month', as: 'liaison', setup: async ({ t }) => someItems(t) },
  { page: STATS, state: 'empty', as: 'liaison' },
  { page: STATS, state: 'forbidden', as: 'resident' },
  ...basics(STATS, 'liaison'),

  // 绑定身份
  { page: BIND, state: 'ready' },
  { page: BIND, state: 'wrong-code', act: async (p) => { await type(p, '.code', 'ABCDEFGH'); await tapButton(p, '.bind'); } },
  {
    page: BIND,
    state: 'done',
    act: async (p, { t }) => {
      const inv = await t.ok('members', DEV_IDENTITIES.liaison, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
      await type(p, '.code', inv.code);
      await tapButton(p, '.bind');
    },
  },
  ...basics(BIND, 'resident'),

  // 党内质询
  { page: INQUIRIES, state: 'queue', as: 'contact', setup: async ({ t }) => contactQueue(t) },
  { page: INQUIRIES, state: 'queue', as: 'contact', large: true, setup: async ({ t }) => contactQueue(t) },
  { page: INQUIRIES, state: 'mine', as: 'representative', setup: async ({ t }) => void (await inquiryIn(t, 'cosigning'), await inquiryIn(t, 'met', '老旧小区加装电梯推进情况')) },
  { page: INQUIRIES, state: 'supervision', as: 'admin', setup: async ({ t }) => (await contactQueue(t), { view: 'supervision' }) },
  { page: INQUIRIES, state: 'empty', as: 'contact' },
  { page: INQUIRIES, state: 'forbidden', as: 'resident' },
  ...basics(INQUIRIES, 'contact'),

  // 质询详情
  { page: INQUIRY, state: 'accepted', as: 'contact', setup: inquiryQuery('accepted') },
  { page: INQUIRY, state: 'accepted', as: 'contact', large: true, setup: inquiryQuery('accepted') },
  { page: INQUIRY, state: 'reply', as: 'contact', setup: inquiryQuery('accepted'), act: async (p) => { await tapButton(p, '.action-reply'); await type(p, '.reply-text', '正在研究。'); await tapButton(p, '.send'); } },
  { page: INQUIRY, state: 'meet', as: 'contact', setup: inquiryQuery('replied'), act: async (p) => tapButton(p, '.action-meet') },
  { page: INQUIRY, state: 'accept', as: 'admin', setup: inquiryQuery('submitted'), act: async (p) => tapButton(p, '.action-accept') },
  { page: INQUIRY, state: 'cosigning', as: 'representative', setup: inquiryQuery('cosigning') },
  { page: INQUIRY, state: 'evaluate', as: 'representative', setup: inquiryQuery('met'), act: async (p) => { await tapButton(p, '.action-evaluate'); await tapText(p, '.eval-choice', '不满意'); } },
  { page: INQUIRY, state: 'overdue', as: 'admin', setup: async ({ t }) => { const q = await inquiryIn(t, 'accepted'); clockAt(t, '2026-12-07T10:00:00+08:00'); return { id: q.id }; }, act: async (p) => tapButton(p, '.action-holdAccountable') },
  { page: INQUIRY, state: 'returned', as: 'representative', setup: inquiryQuery('returned') },
  { page: INQUIRY, state: 'not-found', as: 'resident', setup: inquiryQuery('accepted') },
  ...basics(INQUIRY, 'contact', inquiryQuery('accepted')),

  // 提出质询
  { page: RAISE_INQUIRY, state: 'ready', as: 'representative' },
  { page: RAISE_INQUIRY, state: 'ready', as: 'representative', large: true },
  { page: RAISE_INQUIRY, state: 'errors', as: 'representative', act: async (p) => { await tapText(p, '.rep', '周跃进'); await tapButton(p, '.send'); } },
  { page: RAISE_INQUIRY, state: 'forbidden', as: 'admin' },
  ...basics(RAISE_INQUIRY, 'representative'),
];

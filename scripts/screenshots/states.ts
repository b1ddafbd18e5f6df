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
import { submitEvent } from '../../test/support/app';
import { closedReception, recordEvent } from '../../test/support/ops';
import { HOME_TOWNSHIP_KEY } from '../../miniprogram/utils/keys';
import { groupEvent, households as householdRows, imported, sheetOf } from '../../test/support/visits';
import { forumIn, parkingItems, proposalIn, type ProposalStage } from '../../test/support/forums';

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
const FORUMS = 'pages/forums/list/index';
const FORUM = 'pages/forums/detail/index';
const PROPOSALS = 'pages/proposals/list/index';
const PROPOSAL = 'pages/proposals/detail/index';
const STAFF_FORUMS = 'pages/staff/forums/index';
const SCHEDULE_FORUM = 'pages/staff/forum-schedule/index';
const STAFF_FORUM = 'pages/staff/forum/index';
const FORUM_NOTICE = 'pages/staff/forum-notice/index';
const STAFF_PROPOSALS = 'pages/staff/proposals/index';
const STAFF_PROPOSAL = 'pages/staff/proposal/index';
const RAISE_PROPOSAL = 'pages/staff/proposal-raise/index';
const DEPARTMENT = 'pages/staff/department/index';

const forumQuery = (stage: Parameters<typeof forumIn>[1], views = 0) => async ({ t }: ShotContext) => ({ id: (await forumIn(t, stage, { views })).id });
const proposalQuery = (stage: ProposalStage) => async ({ t }: ShotContext) => ({ id: await proposalIn(t, stage) });
/** A few proposals at different stages, for lists. */
async function someProposals(t: TestApp) {
  await proposalIn(t, 'closed', '推进城区垃圾分类');
  await proposalIn(t, 'in_progress');
  await proposalIn(t, 'dispatched', '规范城区共享单车停放');
}
/** An item of 福应街道 referred to 县住建局 (dev-dept), waiting for its result. */
async function referredItem(t: TestApp) {
  const item = await itemIn(t, 'accepted');
  await t.ok('register', DEV_IDENTITIES.liaison, { action: 'refer', id: item.id, departmentId: 'dept-zhujian', deadline: '2026-11-20', note: '请核实路灯产权并维修' });
  return item;
}

/**
 * Duplicates merged (issue 16): a neighbour raised the street lamp first; the resident's own
 * report of it was merged into theirs by the liaison, which the representative then answered
 * (unless `answered` is false). The clock at 2026-11-05.
 */
async function mergedPair(t: TestApp, answered = true): Promise<{ first: { id: string; no: string }; dup: { id: string; no: string } }> {
  const { liaison, representative } = DEV_IDENTITIES;
  const first = await t.ok('register', 'shot-neighbour', submitEvent({ content: '幸福小区 3 号楼前的路灯坏了一个多月，晚上出行不安全。', contactName: '赵芳', contactPhone: '13900001111' }));
  clockAt(t, '2026-11-04T09:00:00+08:00');
  const dup = await itemIn(t, 'submitted', { content: '我家楼下那盏路灯不亮了，老人晚上下楼怕摔。' });
  await t.ok('register', liaison, { action: 'merge', id: dup.id, intoId: first.id, note: '同一盏路灯' });
  if (answered) {
    await t.ok('register', representative, { action: 'accept', id: first.id });
    await t.ok('register', representative, { action: 'answer', id: first.id, reply: '已联系路灯所，3 号楼前的路灯已于 11 月 5 日修复。' });
  }
  clockAt(t, '2026-11-05T10:00:00+08:00');
  return { first, dup };
}

/** Three open items of 福应街道, one of them 8 days overdue and urged: the queue's order at 2026-11-25. */
async function overdueQueue(t: TestApp) {
  const { resident } = DEV_IDENTITIES;
  const late = await itemIn(t, 'accepted');
  clockAt(t, '2026-11-12T10:00:00+08:00');
  await itemIn(t, 'submitted', { content: '城东路公交站台的遮雨棚漏雨，等车的老人被淋湿。' });
  clockAt(t, '2026-11-20T10:00:00+08:00');
  await itemIn(t, 'submitted', { content: '菜市场门口早上车辆乱停，堵住了人行道。' });
  clockAt(t, '2026-11-25T10:00:00+08:00');
  await t.ok('register', resident, { action: 'urge', id: late.id });
  return late;
}

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

const ACTIVITIES = 'pages/ops/activities/index';
const RECORD_ACTIVITY = 'pages/ops/activity-record/index';
const COMPLIANCE = 'pages/ops/compliance/index';
const ROSTER = 'pages/ops/roster/index';
const COMMITMENTS = 'pages/ops/commitments/index';
const POINTS = 'pages/ops/points/index';
const POINTS_LEDGER = 'pages/ops/points-ledger/index';
const POINTS_PROPOSE = 'pages/ops/points-propose/index';
const POINTS_REVIEW = 'pages/ops/points-review/index';
const RANKING = 'pages/ops/ranking/index';
const SCORE = 'pages/ops/score/index';
const DASHBOARD = 'pages/dashboard/index/index';

/**
 * Studio operations made through the functions: 福应's items answered, a reception closed
 * (its activity and points), a training in October; the clock back at 2026-11-02 10:00.
 */
async function opsHistory(t: TestApp) {
  const { representative: rep, liaison } = DEV_IDENTITIES;
  const now = t.clock.now();
  t.clock.set(Date.parse('2026-10-08T10:00:00+08:00'));
  for (const [i, category] of (['交通出行', '民生服务', '交通出行', '城乡建设'] as const).entries()) {
    const item = await t.ok('register', `shot-resident-${i}`, submitEvent({ category }));
    await t.ok('register', rep, { action: 'accept', id: item.id });
    await t.ok('register', rep, { action: 'answer', id: item.id, reply: '已联系有关部门处理。' });
  }
  await closedReception(t, { reps: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'], topic: '十月驻室接待' });
  t.clock.set(now);
  await t.ok('activities', liaison, recordEvent({ date: '2026-10-28', representativeIds: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-4'] }));
}

const generateNovember = (t: TestApp) =>
  t.ok('roster', DEV_IDENTITIES.liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-11', weekdays: [1, 3, 5], halves: ['am', 'pm'] });

/** A swap asked by 王建华 for one of his November shifts. */
async function swapAsked(t: TestApp) {
  const m = await generateNovember(t);
  const mine = m.shifts.find((s: { representatives: Array<{ id: string }> }) => s.representatives.some((r) => r.id === 'rep-fuying-1'));
  const other = ['rep-fuying-2', 'rep-fuying-3', 'rep-fuying-4', 'rep-fuying-5'].find((id) => !mine.representatives.some((r: { id: string }) => r.id === id));
  await t.ok('roster', DEV_IDENTITIES.representative, { action: 'requestSwap', requestId: 'shot-swap-000001', shiftId: mine.id, toRepId: other, reason: '当天参加县人大会议' });
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

const VISITS = 'pages/staff/visits/index';
const VISIT_RECORD = 'pages/staff/visit-record/index';
const GROUPS = 'pages/staff/groups/index';
const GROUP = 'pages/staff/group/index';
const GROUP_EDIT = 'pages/staff/group-edit/index';
const HOUSEHOLD = 'pages/staff/household/index';
const CASES = 'pages/staff/cases/index';
const CASE = 'pages/staff/case/index';
const CASE_SEND = 'pages/staff/case-send/index';

let visitSeq = 0;
/**
 * 组团联系服务 for the pictures: 城东片代表组 of 福应街道 led by 王建华 (dev-rep) with 20 households
 * imported, `visited` of them visited (the first with a registered issue), and 城西片代表组.
 */
async function visitGroup(t: TestApp, visited = 6) {
  const g = await t.ok('visits', DEV_IDENTITIES.liaison, groupEvent());
  await t.ok('visits', DEV_IDENTITIES.liaison, groupEvent({ name: '城西片代表组', leader: { representativeId: 'rep-fuying-4' }, memberIds: ['rep-fuying-5'], villages: ['城西社区'] }));
  await imported(t, g.id, householdRows(20));
  const list = await t.ok('visits', DEV_IDENTITIES.liaison, { action: 'households', groupId: g.id, pageSize: 50 });
  const hh: Array<{ id: string; mustVisit: boolean }> = list.items;
  const order = [...hh.filter((h) => h.mustVisit).slice(0, 3), ...hh.filter((h) => !h.mustVisit)].slice(0, visited);
  for (const [i, h] of order.entries()) {
    await t.ok('visits', DEV_IDENTITIES.representative, {
      action: 'recordVisit',
      requestId: `shot-visit-${(visitSeq++).toString().padStart(5, '0')}`,
      groupId: g.id,
      date: '2026-11-02',
      mode: i % 3 === 2 ? 'phone' : 'home',
      householdIds: [h.id],
      learned: '了解家庭生产生活情况，老人身体尚好，子女在外务工。',
      ...(i === 0 ? { issues: [{ text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' }, { text: '门前路灯不亮，晚上出行不便。', category: '城乡建设', outcome: 'solved', action: '当场联系村委电工修好' }] } : {}),
    });
  }
  return { id: g.id as string, hh: hh.map((h) => h.id) };
}

/** A 民情会诊 case of the group taken to `stage`. */
async function visitCase(t: TestApp, stage: 'submitted' | 'scheduled' | 'in_progress' | 'closed' | 'proposed') {
  const { liaison, representative: rep } = DEV_IDENTITIES;
  const g = await visitGroup(t, 2);
  const issues = await t.ok('visits', rep, { action: 'issues', groupId: g.id, open: true });
  const c = await t.ok('visits', rep, { action: 'sendCase', requestId: `shot-case-${(visitSeq++).toString().padStart(5, '0')}`, groupId: g.id, issueIds: [issues.items.find((i: { outcome: string }) => i.outcome === 'registered').id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，代表组协调未果，请街道党工委民情会诊。' });
  if (stage === 'submitted') return { id: c.id as string, groupId: g.id };
  await t.ok('visits', liaison, { action: 'scheduleCase', id: c.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室', attendees: '街道党工委、县交通运输局、公交公司' });
  if (stage === 'scheduled') return { id: c.id as string, groupId: g.id };
  await t.ok('visits', liaison, {
    action: 'decideCase',
    id: c.id,
    decision: '调整 3 路公交线路经过下叶村，并加密班次',
    measures: [
      { text: '公交公司调整 3 路线路经过下叶村', owner: '县公交公司', deadline: '2026-12-31' },
      { text: '代表组收集村民乘车时段需求', owner: '王建华', ownerRepId: 'rep-fuying-1', deadline: '2026-11-20' },
    ],
  });
  if (stage === 'in_progress') return { id: c.id as string, groupId: g.id };
  await t.ok('visits', rep, { action: 'completeMeasure', id: c.id, measureId: 'm2', result: '已收集 36 户村民乘车需求' });
  await t.ok('visits', liaison, { action: 'completeMeasure', id: c.id, measureId: 'm1', result: '3 路公交已改线，班次加密至每小时一班' });
  if (stage === 'proposed') await t.ok('visits', liaison, { action: 'toProposal', id: c.id, note: '线路长期运营需县级统筹，建议形成代表提议' });
  return { id: c.id as string, groupId: g.id };
}
const groupQuery = (visited?: number) => async ({ t }: ShotContext) => ({ id: (await visitGroup(t, visited)).id });
const caseQuery = (stage: Parameters<typeof visitCase>[1]) => async ({ t }: ShotContext) => ({ id: (await visitCase(t, stage)).id });

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
  { page: HOME, state: 'department', as: 'department' },
  { page: HOME, state: 'receptions', setup: async ({ t }) => void (await reception(t), await reception(t, { startAt: '2026-11-20T14:30:00+08:00', endAt: '2026-11-20T16:30:00+08:00', topic: '农村道路养护', capacity: 1 })) },
  { page: HOME, state: 'search-none', act: async (p) => type(p, '.search', '火星') },
  ...basics(HOME, 'resident'),

  // 工作室
  { page: STUDIO, state: 'ready', setup: async ({ t }) => (await reception(t), { id: 'studio-fuying' }) },
  { page: STUDIO, state: 'ready', large: true, setup: async () => ({ id: 'studio-fuying' }) },
  { page: STUDIO, state: 'not-found', setup: async () => ({ id: 'studio-none' }) },
  {
    page: STUDIO,
    state: 'duty-commitments',
    setup: async ({ t }) => {
      await generateNovember(t);
      clockAt(t, '2026-11-04T10:00:00+08:00'); // a Wednesday with shifts
      await t.ok('activities', DEV_IDENTITIES.liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7 }] });
      return { id: 'studio-fuying' };
    },
  },
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
  // A question typed: it becomes an item of the studio, in the category chosen (issue 16).
  { page: RECEPTION, state: 'question-category', setup: receptionQuery(), act: async (p) => { await type(p, '.question', '小区加装电梯的费用如何分摊？'); await tapText(p, '.question-category', '城乡建设'); (globalThis as unknown as { wx: { pageScrollTo(o: { selector: string }): void } }).wx.pageScrollTo({ selector: '.question' }); } },
  // Opened from a share whose reception is gone (issue 16 point 6): the back end's message, a hint, 首页.
  { page: RECEPTION, state: 'shared-missing', setup: async () => ({ id: 'rc-withdrawn-000000000000' }) },
  { page: STUDIO, state: 'shared-missing', setup: async () => ({ id: 'studio-nowhere' }) },
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
  { page: MY_ITEMS, state: 'overdue', setup: async ({ t }) => { await itemIn(t, 'accepted'); clockAt(t, '2026-11-25T10:00:00+08:00'); } },
  { page: MY_ITEMS, state: 'merged', setup: async ({ t }) => { await mergedPair(t); } },
  ...basics(MY_ITEMS, 'resident'),

  // 办理进度, each status
  ...(['submitted', 'accepted', 'promised', 'referred', 'answered', 'resolved', 'closed', 'rejected', 'reopened'] as const).map((s): Shot => ({ page: ITEM, state: s, setup: itemQuery(s), ...(s === 'answered' ? { docs: 'item-answered' } : {}) })),
  { page: ITEM, state: 'answered', large: true, setup: itemQuery('answered') },
  { page: ITEM, state: 'overdue', setup: async ({ t }) => { const i = await itemIn(t, 'accepted'); clockAt(t, '2026-11-25T10:00:00+08:00'); return { id: i.id }; } },
  { page: ITEM, state: 'overdue-urged', setup: async ({ t }) => ({ id: (await overdueQueue(t)).id }) },
  { page: ITEM, state: 'merged', setup: async ({ t }) => ({ id: (await mergedPair(t, false)).dup.id }) },
  { page: ITEM, state: 'asker-answered', setup: async ({ t }) => ({ id: (await mergedPair(t)).first.id }) },
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
  { page: QUEUE, state: 'overdue-first', as: 'liaison', setup: async ({ t }) => { await overdueQueue(t); } },
  {
    page: QUEUE,
    state: 'search-empty',
    as: 'liaison',
    setup: async ({ t }) => someItems(t),
    act: async (p, { backend }) => { p.instance.onSearch({ detail: { value: '没有这件事' } }); p.instance.search(); await backend.settle(); },
  },
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
  {
    page: STAFF_ITEM,
    state: 'merge',
    as: 'liaison',
    setup: async ({ t, vars }) => {
      const first = await t.ok('register', 'shot-neighbour', submitEvent({ content: '幸福小区 3 号楼前的路灯坏了一个多月，晚上出行不安全。' }));
      vars.no = first.no;
      return { id: (await itemIn(t, 'submitted', { content: '我家楼下那盏路灯不亮了，老人晚上下楼怕摔。' })).id };
    },
    act: async (p, { backend, vars }) => { await tapButton(p, '.action-merge'); p.instance.onMergeQuery({ detail: { value: vars.no } }); await tapButton(p, '.merge-find'); await backend.settle(); },
  },
  { page: STAFF_ITEM, state: 'merged-into', as: 'liaison', setup: async ({ t }) => ({ id: (await mergedPair(t)).first.id }) },
  {
    page: STAFF_ITEM,
    state: 'next',
    as: 'liaison',
    // The queue's second item (a new one) accepted: 下一件 is the one after it.
    setup: async ({ t }) => {
      await overdueQueue(t);
      const q = await t.ok('register', DEV_IDENTITIES.liaison, { action: 'inbox', order: 'due', page: 1, pageSize: 10 });
      return { id: q.items[1].id, queue: 'all' };
    },
    act: async (p, { backend }) => { await tapButton(p, '.action-accept'); await backend.settle(); },
  },
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
  ...basics(INVITE, 'liaison'),

  // 人员与权限
  { page: MEMBERS, state: 'liaison', as: 'liaison', setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'liaison', as: 'liaison', large: true, setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'revoking', as: 'liaison', setup: async ({ t }) => someMembers(t), act: async (p) => tap(p, '.revoke') },
  { page: MEMBERS, state: 'admin', as: 'admin', setup: async ({ t }) => someMembers(t) },
  { page: MEMBERS, state: 'consent', as: 'representative' },
  { page: MEMBERS, state: 'forbidden', as: 'resident' },
  ...basics(MEMBERS, 'liaison'),

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

  // 组团走访
  { page: VISITS, state: 'ready', as: 'representative', setup: async ({ t }) => void (await visitGroup(t)), docs: 'visits-progress' },
  { page: VISITS, state: 'ready', as: 'representative', large: true, setup: async ({ t }) => void (await visitGroup(t)) },
  { page: VISITS, state: 'must-unvisited', as: 'representative', setup: async ({ t }) => void (await visitGroup(t)), act: async (p) => { await tap(p, '.filter-must'); await tap(p, '.filter-unvisited'); } },
  { page: VISITS, state: 'no-group', as: 'representative' },
  { page: VISITS, state: 'forbidden', as: 'resident' },
  ...basics(VISITS, 'representative', async ({ t }) => void (await visitGroup(t))),

  // 登记走访
  { page: VISIT_RECORD, state: 'ready', as: 'representative', setup: async ({ t }) => { const g = await visitGroup(t, 0); return { groupId: g.id, householdId: g.hh[1] }; } },
  { page: VISIT_RECORD, state: 'ready', as: 'representative', large: true, setup: async ({ t }) => { const g = await visitGroup(t, 0); return { groupId: g.id, householdId: g.hh[1] }; } },
  {
    page: VISIT_RECORD,
    state: 'issue',
    as: 'representative',
    setup: async ({ t }) => { const g = await visitGroup(t, 0); return { groupId: g.id, householdId: g.hh[1] }; },
    act: async (p) => { await type(p, '.learned', '老人身体尚好，希望村里多组织文体活动。'); await tap(p, '.open-issue'); await type(p, '.issue-text', '村里到镇上的公交班次太少。'); await tapText(p, '.issue-category', '交通出行'); await tap(p, '.outcome-registered'); },
  },
  { page: VISIT_RECORD, state: 'picker', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 3)).id }), act: async (p) => tapButton(p, '.open-picker') },
  { page: VISIT_RECORD, state: 'missing-field', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id }), act: async (p) => tapButton(p, '.submit') },
  {
    page: VISIT_RECORD,
    state: 'queued-offline',
    as: 'representative',
    setup: async ({ t }) => { const g = await visitGroup(t, 0); return { groupId: g.id, householdId: g.hh[1] }; },
    act: async (p, { backend }) => { await type(p, '.learned', '电话联系，老人说一切都好。'); backend.offline(); await tapButton(p, '.submit'); },
    docs: 'visit-record-offline',
  },
  { page: VISIT_RECORD, state: 'done', as: 'representative', setup: async ({ t }) => { const g = await visitGroup(t, 0); return { groupId: g.id, householdId: g.hh[1] }; }, act: async (p) => { await type(p, '.learned', '入户了解了家里的情况，一切都好。'); await tapButton(p, '.submit'); } },
  { page: VISIT_RECORD, state: 'forbidden', as: 'liaison', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id }) },
  ...basics(VISIT_RECORD, 'representative', async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id })),

  // 代表组
  { page: GROUPS, state: 'ready', as: 'liaison', setup: async ({ t }) => void (await visitGroup(t)) },
  { page: GROUPS, state: 'ready', as: 'liaison', large: true, setup: async ({ t }) => void (await visitGroup(t)) },
  { page: GROUPS, state: 'empty', as: 'liaison' },
  { page: GROUPS, state: 'forbidden', as: 'representative' },
  ...basics(GROUPS, 'liaison'),

  // 代表组详情
  { page: GROUP, state: 'liaison', as: 'liaison', setup: groupQuery() },
  { page: GROUP, state: 'member', as: 'representative', setup: groupQuery() },
  { page: GROUP, state: 'member', as: 'representative', large: true, setup: groupQuery() },
  {
    page: GROUP,
    state: 'import-errors',
    as: 'liaison',
    setup: groupQuery(0),
    act: async (p, { t }) => {
      const bad = householdRows(20, 30);
      bad[4] = { ...bad[4], phone: '12345' };
      bad[11] = { ...bad[11], categories: '五保户' };
      const bytes = await sheetOf(bad);
      const w = (globalThis as Record<string, any>).wx;
      w.chooseMessageFile = async () => ({ tempFiles: [{ path: '/tmp/住户名册.xlsx', name: '住户名册.xlsx', size: bytes.length, type: 'file' }] });
      w.cloud.uploadFile = async ({ cloudPath }: { cloudPath: string }) => {
        const fileID = `cloud://screenshots.env/${cloudPath}`;
        (t.app.deps.files as unknown as { files: Map<string, { bytes: Buffer; contentType: string }> }).files.set(fileID, { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        return { fileID };
      };
      await tapButton(p, '.import');
    },
    docs: 'group-import-errors',
  },
  { page: GROUP, state: 'not-found', as: 'resident', setup: groupQuery(0) },
  ...basics(GROUP, 'liaison', groupQuery(0)),

  // 新建 / 编辑代表组
  { page: GROUP_EDIT, state: 'new', as: 'liaison', setup: async ({ t }) => (await visitGroup(t, 0), { townshipId: 'fuying' }) },
  { page: GROUP_EDIT, state: 'errors', as: 'liaison', setup: async () => ({ townshipId: 'fuying' }), act: async (p) => { await type(p, '.name', '工商界代表组'); await tapButton(p, '.save'); } },
  { page: GROUP_EDIT, state: 'edit', as: 'liaison', setup: groupQuery(0) },
  { page: GROUP_EDIT, state: 'forbidden', as: 'representative', setup: groupQuery(0) },
  ...basics(GROUP_EDIT, 'liaison', async () => ({ townshipId: 'fuying' })),

  // 住户
  { page: HOUSEHOLD, state: 'add', as: 'liaison', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id }) },
  { page: HOUSEHOLD, state: 'edit', as: 'liaison', setup: async ({ t }) => { const g = await visitGroup(t, 3); return { groupId: g.id, id: g.hh[0] }; } },
  { page: HOUSEHOLD, state: 'member', as: 'representative', setup: async ({ t }) => { const g = await visitGroup(t, 3); return { groupId: g.id, id: g.hh[0] }; } },
  { page: HOUSEHOLD, state: 'add-forbidden', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id }) },
  ...basics(HOUSEHOLD, 'liaison', async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id })),

  // 民情会诊
  { page: CASES, state: 'leader', as: 'representative', setup: async ({ t }) => void (await visitCase(t, 'in_progress')) },
  { page: CASES, state: 'liaison', as: 'liaison', setup: async ({ t }) => void (await visitCase(t, 'submitted')) },
  { page: CASES, state: 'empty', as: 'liaison' },
  { page: CASES, state: 'forbidden', as: 'resident' },
  ...basics(CASES, 'liaison'),

  // 民情会诊详情
  { page: CASE, state: 'submitted', as: 'liaison', setup: caseQuery('submitted') },
  { page: CASE, state: 'decide', as: 'liaison', setup: caseQuery('scheduled'), act: async (p) => tapButton(p, '.action-decide') },
  { page: CASE, state: 'in-progress', as: 'representative', setup: caseQuery('in_progress'), docs: 'case-measures' },
  { page: CASE, state: 'in-progress', as: 'representative', large: true, setup: caseQuery('in_progress') },
  { page: CASE, state: 'closed', as: 'liaison', setup: caseQuery('closed') },
  // scrolled to the proposal it became (its number opens the proposal)
  { page: CASE, state: 'proposed', as: 'liaison', setup: caseQuery('proposed'), act: async () => void (globalThis as unknown as { wx: { pageScrollTo(o: { selector: string }): void } }).wx.pageScrollTo({ selector: '.proposal' }) },
  { page: CASE, state: 'not-found', as: 'resident', setup: caseQuery('submitted') },
  ...basics(CASE, 'liaison', caseQuery('submitted')),

  // 提交民情会诊
  { page: CASE_SEND, state: 'ready', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 3)).id }) },
  { page: CASE_SEND, state: 'errors', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 3)).id }), act: async (p) => tapButton(p, '.send') },
  { page: CASE_SEND, state: 'empty', as: 'representative', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 0)).id }) },
  { page: CASE_SEND, state: 'forbidden', as: 'liaison', setup: async ({ t }) => ({ groupId: (await visitGroup(t, 3)).id }) },
  ...basics(CASE_SEND, 'representative', async ({ t }) => ({ groupId: (await visitGroup(t, 3)).id })),

  // 提出质询
  { page: RAISE_INQUIRY, state: 'ready', as: 'representative' },
  { page: RAISE_INQUIRY, state: 'ready', as: 'representative', large: true },
  { page: RAISE_INQUIRY, state: 'errors', as: 'representative', act: async (p) => { await tapText(p, '.rep', '周跃进'); await tapButton(p, '.send'); } },
  { page: RAISE_INQUIRY, state: 'forbidden', as: 'admin' },
  ...basics(RAISE_INQUIRY, 'representative'),

  // 党代表论坛 (residents)
  { page: FORUMS, state: 'upcoming', setup: async ({ t }) => void (await forumIn(t, 'published'), await forumIn(t, 'published', { topic: '提升农村饮用水安全' })) },
  { page: FORUMS, state: 'upcoming', large: true, setup: async ({ t }) => void (await forumIn(t, 'published')) },
  { page: FORUMS, state: 'past', setup: async ({ t }) => (await forumIn(t, 'closed'), { when: 'past' }) },
  { page: FORUMS, state: 'empty' },
  ...basics(FORUMS, 'resident'),
  { page: FORUM, state: 'send-view', setup: forumQuery('published', 2) },
  { page: FORUM, state: 'send-view', large: true, setup: forumQuery('published', 2) },
  { page: FORUM, state: 'view-error', setup: forumQuery('published'), act: async (p) => { await type(p, '.view-content', '停车'); await tapButton(p, '.send'); } },
  { page: FORUM, state: 'held', setup: forumQuery('closed', 2) },
  { page: FORUM, state: 'shared-missing', setup: async () => ({ id: 'forum-withdrawn' }) },
  { page: FORUM, state: 'cancelled', setup: forumQuery('cancelled') },
  ...basics(FORUM, 'resident', forumQuery('published')),

  // 代表提议 (residents)
  { page: PROPOSALS, state: 'ready', setup: async ({ t }) => someProposals(t) },
  { page: PROPOSALS, state: 'ready', large: true, setup: async ({ t }) => someProposals(t) },
  { page: PROPOSALS, state: 'empty' },
  ...basics(PROPOSALS, 'resident'),
  { page: PROPOSAL, state: 'in-progress', setup: proposalQuery('in_progress') },
  { page: PROPOSAL, state: 'in-progress', large: true, setup: proposalQuery('in_progress') },
  { page: PROPOSAL, state: 'solved', setup: proposalQuery('closed') },
  { page: PROPOSAL, state: 'not-found', setup: proposalQuery('submitted') },
  ...basics(PROPOSAL, 'resident', proposalQuery('in_progress')),

  // 论坛安排 (staff)
  { page: STAFF_FORUMS, state: 'organiser', as: 'liaison', setup: async ({ t }) => void (await forumIn(t, 'draft'), await forumIn(t, 'published', { topic: '提升农村饮用水安全' })) },
  { page: STAFF_FORUMS, state: 'awaiting-close', as: 'liaison', setup: async ({ t }) => void (await forumIn(t, 'ended')) },
  { page: STAFF_FORUMS, state: 'attending', as: 'representative', setup: async ({ t }) => void (await forumIn(t, 'published')) },
  { page: STAFF_FORUMS, state: 'empty', as: 'liaison' },
  { page: STAFF_FORUMS, state: 'forbidden', as: 'resident' },
  ...basics(STAFF_FORUMS, 'liaison'),
  { page: SCHEDULE_FORUM, state: 'themes', as: 'liaison', setup: async ({ t }) => void (await parkingItems(t)) },
  { page: SCHEDULE_FORUM, state: 'themes', as: 'liaison', large: true, setup: async ({ t }) => void (await parkingItems(t)) },
  { page: SCHEDULE_FORUM, state: 'picked', as: 'liaison', setup: async ({ t }) => void (await parkingItems(t)), act: async (p) => { await tapText(p, '.theme', '停车 · 3 件'); await tapText(p, '.rep', '王建华'); } },
  { page: SCHEDULE_FORUM, state: 'errors', as: 'liaison', act: async (p) => tapButton(p, '.send') },
  { page: SCHEDULE_FORUM, state: 'county', as: 'admin' },
  { page: SCHEDULE_FORUM, state: 'forbidden', as: 'representative' },
  ...basics(SCHEDULE_FORUM, 'liaison'),
  { page: STAFF_FORUM, state: 'draft', as: 'liaison', setup: forumQuery('draft') },
  { page: STAFF_FORUM, state: 'published', as: 'liaison', setup: forumQuery('published', 3) },
  { page: STAFF_FORUM, state: 'published', as: 'liaison', large: true, setup: forumQuery('published', 3) },
  { page: STAFF_FORUM, state: 'close', as: 'liaison', setup: forumQuery('ended', 2), act: async (p) => { await tapButton(p, '.action-close'); await tap(p, '.as-proposal'); } },
  { page: STAFF_FORUM, state: 'held', as: 'liaison', setup: forumQuery('closed', 2) },
  { page: STAFF_FORUM, state: 'cancel', as: 'liaison', setup: forumQuery('published'), act: async (p) => tapButton(p, '.action-cancel') },
  ...basics(STAFF_FORUM, 'liaison', forumQuery('published')),
  { page: FORUM_NOTICE, state: 'ready', as: 'liaison', setup: forumQuery('published') },
  { page: FORUM_NOTICE, state: 'not-published', as: 'liaison', setup: forumQuery('draft') },
  ...basics(FORUM_NOTICE, 'liaison', forumQuery('published')),

  // 代表提议 (staff)
  { page: STAFF_PROPOSALS, state: 'review', as: 'admin', setup: async ({ t }) => void (await proposalIn(t, 'submitted'), await proposalIn(t, 'submitted', '推进城区垃圾分类')) },
  { page: STAFF_PROPOSALS, state: 'review', as: 'admin', large: true, setup: async ({ t }) => void (await proposalIn(t, 'submitted')) },
  { page: STAFF_PROPOSALS, state: 'key', as: 'admin', setup: async ({ t }) => (await someProposals(t), { view: 'key' }) },
  { page: STAFF_PROPOSALS, state: 'mine', as: 'representative', setup: async ({ t }) => someProposals(t) },
  { page: STAFF_PROPOSALS, state: 'empty', as: 'representative' },
  ...basics(STAFF_PROPOSALS, 'admin'),
  { page: STAFF_PROPOSAL, state: 'review', as: 'admin', setup: proposalQuery('submitted'), act: async (p) => tapButton(p, '.action-review') },
  { page: STAFF_PROPOSAL, state: 'dispatch', as: 'admin', setup: proposalQuery('accepted'), act: async (p) => { await tapButton(p, '.action-dispatch'); await tapText(p, '.lead-choice', '县住建局'); await tapText(p, '.key-choice', '重点提议'); } },
  { page: STAFF_PROPOSAL, state: 'take', as: 'department', setup: proposalQuery('dispatched') },
  { page: STAFF_PROPOSAL, state: 'progress', as: 'department', setup: proposalQuery('in_progress'), act: async (p) => { await tapButton(p, '.action-progress'); await tapText(p, '.percent', '60%'); } },
  { page: STAFF_PROPOSAL, state: 'in-progress', as: 'department', large: true, setup: proposalQuery('in_progress') },
  { page: STAFF_PROPOSAL, state: 'extension', as: 'admin', setup: proposalQuery('extension') },
  { page: STAFF_PROPOSAL, state: 'complete', as: 'department', setup: proposalQuery('in_progress'), act: async (p) => { await tapButton(p, '.action-complete'); await tapText(p, '.result-choice', '已解决'); } },
  { page: STAFF_PROPOSAL, state: 'appraise', as: 'representative', setup: proposalQuery('completed'), act: async (p) => { await tapButton(p, '.action-appraise'); await tapText(p, '.rating', '基本满意'); } },
  { page: STAFF_PROPOSAL, state: 'reopened', as: 'department', setup: proposalQuery('reopened') },
  { page: STAFF_PROPOSAL, state: 'not-found', as: 'representative', setup: async ({ t }) => { const id = await proposalIn(t, 'submitted'); return { id: `${id}x` }; } },
  ...basics(STAFF_PROPOSAL, 'department', proposalQuery('in_progress')),
  { page: RAISE_PROPOSAL, state: 'ready', as: 'representative' },
  { page: RAISE_PROPOSAL, state: 'ready', as: 'representative', large: true },
  { page: RAISE_PROPOSAL, state: 'errors', as: 'representative', act: async (p) => { await tapText(p, '.rep', '陈素芬'); await tapButton(p, '.send'); } },
  { page: RAISE_PROPOSAL, state: 'forbidden', as: 'department' },
  ...basics(RAISE_PROPOSAL, 'representative'),

  // 有关单位工作台
  { page: DEPARTMENT, state: 'proposals', as: 'department', setup: async ({ t }) => void (await proposalIn(t, 'dispatched'), await proposalIn(t, 'in_progress', '推进城区停车诱导系统建设'), await referredItem(t)) },
  { page: DEPARTMENT, state: 'proposals', as: 'department', large: true, setup: async ({ t }) => void (await proposalIn(t, 'dispatched')) },
  { page: DEPARTMENT, state: 'items', as: 'department', setup: async ({ t }) => (await referredItem(t), { tab: 'items' }) },
  { page: DEPARTMENT, state: 'empty', as: 'department' },
  { page: DEPARTMENT, state: 'forbidden', as: 'resident' },
  ...basics(DEPARTMENT, 'department'),
  // 活动记录, 登记活动, 活动达标
  { page: ACTIVITIES, state: 'liaison', as: 'liaison', setup: async ({ t }) => opsHistory(t) },
  { page: ACTIVITIES, state: 'liaison', as: 'liaison', large: true, setup: async ({ t }) => opsHistory(t) },
  { page: ACTIVITIES, state: 'none-this-month', as: 'liaison' },
  { page: ACTIVITIES, state: 'representative', as: 'representative', setup: async ({ t }) => opsHistory(t) },
  { page: ACTIVITIES, state: 'forbidden', as: 'resident' },
  ...basics(ACTIVITIES, 'liaison'),
  { page: RECORD_ACTIVITY, state: 'ready', as: 'liaison', setup: async () => ({ studioId: 'studio-fuying' }) },
  { page: RECORD_ACTIVITY, state: 'ready', as: 'liaison', large: true, setup: async () => ({ studioId: 'studio-fuying' }) },
  { page: RECORD_ACTIVITY, state: 'missing-topic', as: 'liaison', setup: async () => ({ studioId: 'studio-fuying' }), act: async (p) => tapButton(p, '.submit') },
  {
    page: RECORD_ACTIVITY,
    state: 'done',
    as: 'liaison',
    setup: async () => ({ studioId: 'studio-fuying' }),
    act: async (p) => {
      await tapText(p, '.kind', '调研视察');
      await type(p, '.topic', '调研农村饮水安全工程');
      await type(p, '.summary', '实地查看三个村的供水站，听取村民意见。');
      await tapText(p, '.rep', '王建华');
      await tapButton(p, '.submit');
    },
  },
  ...basics(RECORD_ACTIVITY, 'liaison', async () => ({ studioId: 'studio-fuying' })),
  { page: COMPLIANCE, state: 'county', as: 'admin', setup: async ({ t }) => opsHistory(t) },
  { page: COMPLIANCE, state: 'township', as: 'liaison', setup: async ({ t }) => opsHistory(t) },
  { page: COMPLIANCE, state: 'forbidden', as: 'resident' },
  ...basics(COMPLIANCE, 'admin'),

  // 驻点值班
  { page: ROSTER, state: 'to-generate', as: 'liaison' },
  { page: ROSTER, state: 'generated', as: 'liaison', setup: async ({ t }) => void (await generateNovember(t)) },
  { page: ROSTER, state: 'swap-pending', as: 'liaison', setup: async ({ t }) => swapAsked(t) },
  { page: ROSTER, state: 'mine', as: 'representative', setup: async ({ t }) => void (await generateNovember(t)) },
  { page: ROSTER, state: 'mine', as: 'representative', large: true, setup: async ({ t }) => void (await generateNovember(t)) },
  { page: ROSTER, state: 'asking-swap', as: 'representative', setup: async ({ t }) => void (await generateNovember(t)), act: async (p) => tap(p, '.shift--mine .ask-swap') },
  { page: ROSTER, state: 'forbidden', as: 'resident' },
  ...basics(ROSTER, 'liaison'),

  // 服务承诺
  { page: COMMITMENTS, state: 'not-published', as: 'liaison', setup: async ({ t }) => opsHistory(t) },
  {
    page: COMMITMENTS,
    state: 'published',
    as: 'liaison',
    setup: async ({ t }) => {
      await opsHistory(t);
      await t.ok('activities', DEV_IDENTITIES.liaison, { action: 'publishCommitments', studioId: 'studio-fuying', items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7 }, { code: 'onTime' }, { code: 'satisfied' }] });
    },
  },
  { page: COMMITMENTS, state: 'forbidden', as: 'resident' },
  ...basics(COMMITMENTS, 'liaison'),

  // 履职积分
  { page: POINTS, state: 'mine', as: 'representative', setup: async ({ t }) => opsHistory(t) },
  { page: POINTS, state: 'mine', as: 'representative', large: true, setup: async ({ t }) => opsHistory(t) },
  { page: POINTS, state: 'studio', as: 'liaison', setup: async ({ t }) => opsHistory(t) },
  { page: POINTS, state: 'forbidden', as: 'resident' },
  ...basics(POINTS, 'representative'),
  { page: POINTS_LEDGER, state: 'entries', as: 'representative', setup: async ({ t }) => (await opsHistory(t), { representativeId: 'rep-fuying-1' }) },
  { page: POINTS_LEDGER, state: 'empty', as: 'representative', setup: async () => ({ representativeId: 'rep-fuying-1' }) },
  ...basics(POINTS_LEDGER, 'representative', async () => ({ representativeId: 'rep-fuying-1' })),
  { page: POINTS_PROPOSE, state: 'ready', as: 'liaison', setup: async () => ({ studioId: 'studio-fuying' }) },
  { page: POINTS_PROPOSE, state: 'missing-evidence', as: 'liaison', setup: async () => ({ studioId: 'studio-fuying' }), act: async (p) => { await type(p, '.note', '参加县人大视察'); await tapButton(p, '.submit'); } },
  ...basics(POINTS_PROPOSE, 'liaison', async () => ({ studioId: 'studio-fuying' })),
  {
    page: POINTS_REVIEW,
    state: 'pending',
    as: 'admin',
    setup: async ({ t }) =>
      void (await t.ok('points', DEV_IDENTITIES.liaison, { action: 'propose', requestId: 'shot-propose-0001', representativeId: 'rep-fuying-2', code: 'manual', points: 3, date: '2026-10-28', note: '参加县人大农村饮水工程视察', evidence: '县人大办公室视察通知及现场照片' })),
  },
  { page: POINTS_REVIEW, state: 'empty', as: 'admin' },
  { page: POINTS_REVIEW, state: 'forbidden', as: 'representative' },
  ...basics(POINTS_REVIEW, 'admin'),

  // 工作室评比, 评分明细
  { page: RANKING, state: 'ready', as: 'representative', setup: async ({ t }) => opsHistory(t) },
  { page: RANKING, state: 'ready', as: 'representative', large: true, setup: async ({ t }) => opsHistory(t) },
  { page: RANKING, state: 'forbidden', as: 'resident' },
  ...basics(RANKING, 'representative'),
  { page: SCORE, state: 'ready', as: 'liaison', setup: async ({ t }) => (await opsHistory(t), { studioId: 'studio-fuying' }) },
  { page: SCORE, state: 'forbidden', as: 'representative', setup: async () => ({ studioId: 'studio-baita' }) },
  ...basics(SCORE, 'liaison', async () => ({ studioId: 'studio-fuying' })),

  // 数据看板
  { page: DASHBOARD, state: 'county', as: 'admin', setup: async ({ t }) => opsHistory(t) },
  { page: DASHBOARD, state: 'county', as: 'admin', large: true, setup: async ({ t }) => opsHistory(t) },
  { page: DASHBOARD, state: 'township', as: 'liaison', setup: async ({ t }) => opsHistory(t) },
  { page: DASHBOARD, state: 'forbidden', as: 'representative' },
  ...basics(DASHBOARD, 'admin'),
];

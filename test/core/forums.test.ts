import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { Forum } from '../../core/forums/types';
import { repeatedWords } from '../../core/forums/topics';
import type { Item } from '../../core/register/item';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { COLLECTIONS } from '../../core/ports/store';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { DEV_IDENTITIES, makeTestApp, submitEvent, type TestApp } from '../support/app';
import { bindMember, CHINESE } from '../support/register';

/** The Party Representative Forum (党代表论坛, issue 12): topics, schedule, notice, views, close into proposals, reminders, privacy. */

const { resident, representative: rep, liaison, admin, department: dept } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);
let seq = 0;
const requestId = () => `fm-req-${(seq++).toString().padStart(4, '0')}`;

/** Opinions on one theme (parking) from three residents, and two on other things. */
const PARKING = [
  '小区停车位太少，晚上车辆乱停占用消防通道，希望增加停车位。',
  '城东路两边停车难，接送孩子的车辆把路堵死了。',
  '老旧小区没有停车场，能否利用空地建一个停车场？',
];
const OTHER = ['菜市场门口垃圾清运不及时，气味很大。', '村里的路灯坏了一个多月，晚上出行不安全。'];

async function themedItems(t: TestApp) {
  const items = [];
  for (const [i, content] of PARKING.entries()) {
    items.push(await t.ok('register', `resident-park-${i}`, submitEvent({ content, category: '交通出行', contactName: `张${'一二三'[i]}`, contactPhone: `1391234500${i}` })));
  }
  await t.ok('register', 'resident-other-1', submitEvent({ content: OTHER[0], category: '生态环境' }));
  await t.ok('register', 'resident-other-2', submitEvent({ content: OTHER[1], category: '城乡建设' }));
  return items;
}

const scheduleEvent = (over: Record<string, unknown> = {}) => ({
  action: 'schedule',
  requestId: requestId(),
  level: 'township',
  studioId: 'studio-fuying',
  topic: '破解城东片区停车难',
  description: '围绕城东片区老旧小区停车难、占用消防通道等群众反映集中的问题，听取党代表和群众意见，形成对策建议。',
  startAt: '2026-11-20T14:00:00+08:00',
  endAt: '2026-11-20T16:30:00+08:00',
  form: 'studio',
  representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
  invitedDepartmentIds: ['dept-zhujian'],
  ...over,
});

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  await bindMember(t, 'wx-rep-fuying-2', 'representative', 'rep-fuying-2');
});
afterEach(() => t.close());

// The studio's monthly activity reminder (on the 20th, core/activities/jobs.ts) is not about forums.
const kinds = async (to: string) =>
  (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: to }, orderBy: [['createdAt', 'asc']], limit: 200 })).map((m) => m.kind).filter((k) => k !== 'activity_missing');

describe('topic suggestions', () => {
  it('put the theme residents raise most first: its category and its word, with the items saying it', async () => {
    const items = await themedItems(t);
    const s = await t.ok('forums', liaison, { action: 'suggestTopics', scope: 'studio', id: 'studio-fuying' });
    expect(s).toMatchObject({ total: 5, analysed: 5, months: 3, from: '2026-08-02', to: '2026-11-02' });
    expect(s.categories[0]).toMatchObject({ category: '交通出行', count: 3 });
    expect(s.categories[0].items.map((i: { no: string }) => i.no).sort()).toEqual(items.map((i) => i.no).sort());
    expect(s.words[0]).toMatchObject({ word: '停车', count: 3, category: '交通出行' });
    expect(s.words[0].items.map((i: { id: string }) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    // 停车位 and 停车场 are in 停车: not listed apart. Words of one item only are not themes.
    expect(s.words.map((w: { word: string }) => w.word)).not.toContain('停车位');
    expect(s.words.every((w: { count: number }) => w.count >= 2)).toBe(true);
  });

  it('drop the stop words, rejected items and items older than the months asked for', async () => {
    const words = repeatedWords(
      ['希望尽快解决问题', '希望尽快解决这个问题', '反映的问题希望解决'].map((content, i) => ({ _id: `i${i}`, no: `N${i}`, content, category: '其他' }) as unknown as Item),
    );
    expect(words).toEqual([]);
    const old = await t.ok('register', 'resident-old', submitEvent({ content: PARKING[0] }));
    t.clock.set(sh('2027-01-15T10:00:00'));
    await themedItems(t);
    const spam = (await t.ok('register', 'resident-spam', submitEvent({ content: '停车停车停车，重复提交的停车内容。' }))).id;
    await t.ok('register', liaison, { action: 'reject', id: spam, reason: '与已登记事项重复' });
    const s = await t.ok('forums', liaison, { action: 'suggestTopics', scope: 'township', id: 'fuying', months: 2 });
    expect(s.total).toBe(5);
    expect(s.words[0].items.map((i: { id: string }) => i.id)).not.toContain(old.id);
    expect(s.words[0].items.map((i: { id: string }) => i.id)).not.toContain(spam);
  });

  it('are for staff of the scope: a liaison of another studio, a resident and a department are refused', async () => {
    await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
    expect(await t.fails('forums', 'liaison-anzhou', { action: 'suggestTopics', scope: 'studio', id: 'studio-fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('forums', 'liaison-anzhou', { action: 'suggestTopics', scope: 'township', id: 'fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('forums', liaison, { action: 'suggestTopics', scope: 'county' })).toBe('FORBIDDEN');
    expect(await t.fails('forums', resident, { action: 'suggestTopics', scope: 'studio', id: 'studio-fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('forums', dept, { action: 'suggestTopics', scope: 'studio', id: 'studio-fuying' })).toBe('FORBIDDEN');
    expect((await t.ok('forums', admin, { action: 'suggestTopics', scope: 'county', months: 12 })).total).toBe(0);
    expect(await t.fails('forums', admin, { action: 'suggestTopics', scope: 'studio' })).toBe('VALIDATION');
    expect(await t.fails('forums', admin, { action: 'suggestTopics', scope: 'county', months: 0 })).toBe('VALIDATION');
  });
});

describe('scheduling and publishing', () => {
  it('township forums by the studio\'s liaison, county ones by an administrator; drafts exist only for the organiser', async () => {
    expect(await t.fails('forums', liaison, scheduleEvent({ level: 'county', studioId: undefined, place: '县行政中心会议室' }))).toBe('FORBIDDEN');
    expect(await t.fails('forums', rep, scheduleEvent())).toBe('FORBIDDEN');
    expect(await t.fails('forums', liaison, scheduleEvent({ studioId: 'studio-anzhou' }))).toBe('FORBIDDEN');
    expect(await t.fails('forums', liaison, scheduleEvent({ studioId: undefined }))).toBe('VALIDATION');
    const county = await t.ok('forums', admin, scheduleEvent({ level: 'county', studioId: undefined, place: '县行政中心会议室' }));
    expect(county).toMatchObject({ level: 'county', levelLabel: '县级党代表论坛', studioName: null, status: 'draft' });
    const draft = await t.ok('forums', liaison, scheduleEvent());
    expect(draft).toMatchObject({ status: 'draft', statusLabel: '草稿', place: expect.stringContaining('仙居县'), actions: ['publish', 'cancel'] });
    expect(await t.fails('forums', resident, { action: 'get', id: draft.id })).toBe('NOT_FOUND');
    expect(await t.fails('forums', rep, { action: 'get', id: draft.id })).toBe('NOT_FOUND');
    expect((await t.ok('forums', resident, { action: 'list' })).total).toBe(0);
  });

  it.each([
    ['an end before its start', { endAt: '2026-11-20T13:00:00+08:00' }],
    ['a start in the past', { startAt: '2026-11-01T14:00:00+08:00', endAt: '2026-11-01T16:00:00+08:00' }],
    ['two days', { endAt: '2026-11-21T10:00:00+08:00' }],
    ['no representative', { representativeIds: [] }],
    ['an unknown representative', { representativeIds: ['rep-nobody'] }],
    ['an unknown department', { invitedDepartmentIds: ['dept-nobody'] }],
    ['an unknown level', { level: 'province' }],
    ['a topic too short', { topic: '停车' }],
  ])('refuses %s with VALIDATION in Chinese and stores nothing', async (_, over) => {
    const r = await t.call('forums', liaison, scheduleEvent(over));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(CHINESE);
    }
    expect(await t.store.count('forums')).toBe(0);
  });

  it('links items the organiser may read; a retry with the same requestId schedules nothing twice', async () => {
    const items = await themedItems(t);
    const anzhou = await t.ok('register', 'resident-anzhou', submitEvent({ studioId: 'studio-anzhou' }));
    expect(await t.fails('forums', liaison, scheduleEvent({ itemIds: [items[0].id, anzhou.id] }))).toBe('VALIDATION');
    const e = scheduleEvent({ itemIds: [items[0].id, items[1].id] });
    const f = await t.ok('forums', liaison, e);
    expect((await t.ok('forums', liaison, e)).id).toBe(f.id);
    expect(await t.store.count('forums')).toBe(1);
    expect(f.linkedItems.map((i: { no: string }) => i.no)).toEqual([items[0].no, items[1].no]);
  });

  it('publishing tells the representatives taking part, the invited department and the linked items\' submitters', async () => {
    const items = await themedItems(t);
    const f = await t.ok('forums', liaison, scheduleEvent({ itemIds: [items[0].id, items[1].id] }));
    const pub = await t.ok('forums', liaison, { action: 'publish', id: f.id });
    expect(pub).toMatchObject({ status: 'published', phase: 'upcoming', phaseLabel: '即将举行', viewsOpen: true });
    expect(await kinds(rep)).toEqual(['forum_invited']);
    expect(await kinds('wx-rep-fuying-2')).toEqual(['forum_invited']);
    expect(await kinds(dept)).toEqual(['forum_department_invited']);
    expect(await kinds('resident-park-0')).toEqual(['forum_linked']);
    expect(await kinds('resident-park-1')).toEqual(['forum_linked']);
    expect(await kinds('resident-park-2')).toEqual([]);
    expect(await t.fails('forums', liaison, { action: 'publish', id: f.id })).toBe('INVALID_STATE');
    expect((await t.ok('forums', resident, { action: 'list' })).items.map((x: { id: string }) => x.id)).toEqual([f.id]);
  });
});

describe('views (征集意见)', () => {
  async function published() {
    const f = await t.ok('forums', liaison, scheduleEvent());
    return t.ok('forums', liaison, { action: 'publish', id: f.id });
  }

  it('residents and representatives send views before it starts; the organiser reads them without residents\' names', async () => {
    const f = await published();
    expect((await t.ok('forums', resident, { action: 'get', id: f.id })).actions).toEqual(['submitView']);
    const e = { action: 'submitView', id: f.id, requestId: requestId(), content: '建议利用城东公园地下空间建设停车场。' };
    const v = await t.ok('forums', resident, e);
    expect((await t.ok('forums', resident, e)).id).toBe(v.id);
    await t.ok('forums', rep, { action: 'submitView', id: f.id, requestId: requestId(), content: '可推行机关单位停车位夜间向居民开放。' });
    expect(await t.fails('forums', dept, { action: 'submitView', id: f.id, requestId: requestId(), content: '有关单位不在征集范围之内。' })).toBe('FORBIDDEN');
    expect(await t.fails('forums', resident, { action: 'submitView', id: f.id, requestId: requestId(), content: '这里有赌博广告' })).toBe('CONTENT_REJECTED');
    const views = await t.ok('forums', liaison, { action: 'views', id: f.id });
    expect(views.total).toBe(2);
    expect(views.items.map((x: { from: string }) => x.from)).toEqual(['王建华', '群众']);
    expect(JSON.stringify(views)).not.toContain(resident);
    expect(await t.fails('forums', resident, { action: 'views', id: f.id })).toBe('FORBIDDEN');
    expect((await t.ok('forums', resident, { action: 'get', id: f.id })).viewCount).toBe(2);
  });

  it('take a slot of the submit limit: the sixth within an hour is refused, and none after the start', async () => {
    const f = await published();
    for (let i = 0; i < 5; i++) await t.ok('forums', 'busy-resident', { action: 'submitView', id: f.id, requestId: requestId(), content: `第 ${i + 1} 条关于停车的意见。` });
    expect(await t.fails('forums', 'busy-resident', { action: 'submitView', id: f.id, requestId: requestId(), content: '第六条关于停车的意见。' })).toBe('RATE_LIMITED');
    // The same budget as the register's submits.
    expect(await t.fails('register', 'busy-resident', submitEvent())).toBe('RATE_LIMITED');
    t.clock.set(sh('2026-11-20T14:05:00'));
    expect(await t.fails('forums', resident, { action: 'submitView', id: f.id, requestId: requestId(), content: '论坛开始以后才提交的意见。' })).toBe('INVALID_STATE');
    expect(await t.store.count('forumViews')).toBe(5);
  });
});

describe('cancel and close', () => {
  it('cancels until it starts, telling those it was announced to', async () => {
    const f = await t.ok('forums', liaison, scheduleEvent());
    await t.ok('forums', liaison, { action: 'publish', id: f.id });
    await t.ok('forums', resident, { action: 'submitView', id: f.id, requestId: requestId(), content: '建议增加停车位。' });
    const c = await t.ok('forums', liaison, { action: 'cancel', id: f.id, reason: '因台风预警改期举行' });
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: '因台风预警改期举行', actions: [] });
    expect(await kinds(resident)).toEqual(['forum_cancelled']);
    expect(await kinds(rep)).toEqual(['forum_invited', 'forum_cancelled']);
    const g = await t.ok('forums', liaison, scheduleEvent());
    await t.ok('forums', liaison, { action: 'publish', id: g.id });
    t.clock.set(sh('2026-11-20T14:30:00'));
    expect(await t.fails('forums', liaison, { action: 'cancel', id: g.id, reason: '已经开始了' })).toBe('INVALID_STATE');
  });

  it('closes once ended: attendance, summary, outcomes; those marked as proposals become proposals once; submitters and view senders told', async () => {
    const items = await themedItems(t);
    const f = await t.ok('forums', liaison, scheduleEvent({ itemIds: [items[0].id, items[1].id] }));
    await t.ok('forums', liaison, { action: 'publish', id: f.id });
    await t.ok('forums', 'resident-viewer', { action: 'submitView', id: f.id, requestId: requestId(), content: '建议错时共享机关停车位。' });
    const close = {
      action: 'close',
      id: f.id,
      attendance: ['rep-fuying-1', 'rep-fuying-2'],
      summary: '与会党代表和群众代表围绕停车难充分讨论，形成两项成果。',
      outcomes: [
        { title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场，缓解老旧小区停车难。', asProposal: true },
        { title: '推行错时共享停车', content: '由街道协调辖区机关单位夜间向居民开放停车位。', asProposal: false },
      ],
    };
    t.clock.set(sh('2026-11-20T15:00:00'));
    expect(await t.fails('forums', liaison, close)).toBe('INVALID_STATE');
    t.clock.set(sh('2026-11-20T17:00:00'));
    expect(await t.fails('forums', rep, close)).toBe('FORBIDDEN');
    // Two taps at once: one closes, and one proposal exists.
    const both = await Promise.all([t.call('forums', liaison, close), t.call('forums', liaison, close)]);
    const done = both.find((r) => r.ok);
    expect(done).toBeDefined();
    expect(await t.store.count('proposals')).toBe(1);
    const closed = (await t.ok('forums', liaison, { action: 'get', id: f.id })) as any;
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已举行', attendance: [{ name: '王建华' }, { name: '陈素芬' }] });
    expect(closed.outcomes[0]).toMatchObject({ asProposal: true, proposalNo: 'TY2026-001' });
    expect(closed.outcomes[1]).toMatchObject({ asProposal: false, proposalNo: null });
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'close', note: expect.stringContaining('TY2026-001') });
    expect(await t.fails('forums', liaison, close)).toBe('INVALID_STATE');
    expect(await t.store.count('proposals')).toBe(1);

    const p = await t.ok('proposals', rep, { action: 'get', id: closed.outcomes[0].proposalId });
    expect(p).toMatchObject({ status: 'submitted', source: 'forum', forumTopic: '破解城东片区停车难', lead: { name: '王建华' }, coSigners: [{ name: '陈素芬' }], category: '交通出行', level: 'township' });
    for (const who of ['resident-park-0', 'resident-park-1', 'resident-viewer']) expect(await kinds(who)).toContain('forum_outcome');
    expect(await kinds('resident-park-2')).toEqual([]);
    expect(await kinds(admin)).toContain('proposal_submitted');
    expect((await t.ok('forums', resident, { action: 'list', when: 'past' })).items.map((x: { id: string }) => x.id)).toEqual([f.id]);
  });
});

describe('reminders', () => {
  it('the representatives the day before; the organiser every morning while an ended forum is not closed', async () => {
    const f = await t.ok('forums', liaison, scheduleEvent());
    await t.ok('forums', liaison, { action: 'publish', id: f.id });
    const run = async (local: string) => {
      t.clock.set(sh(local));
      await t.app.runTimer('reminders');
    };
    await run('2026-11-19T08:30:00');
    await run('2026-11-19T09:05:00');
    await run('2026-11-19T15:00:00');
    expect((await kinds(rep)).filter((k) => k === 'forum_tomorrow')).toHaveLength(1);
    await run('2026-11-20T18:00:00');
    expect(await kinds(liaison)).toEqual([]);
    await run('2026-11-21T09:05:00');
    await run('2026-11-21T12:00:00');
    await run('2026-11-22T09:05:00');
    expect(await kinds(liaison)).toEqual(['forum_not_closed', 'forum_not_closed']);
    t.clock.set(sh('2026-11-22T10:00:00'));
    await t.ok('forums', liaison, { action: 'close', id: f.id, attendance: ['rep-fuying-1'], summary: '论坛如期举行，讨论热烈。', outcomes: [] });
    await run('2026-11-23T09:05:00');
    expect(await kinds(liaison)).toEqual(['forum_not_closed', 'forum_not_closed']);
    expect((await t.store.get<Forum>('forums', f.id))?.nextRemindAt).toBeNull();
  });
});

describe('privacy of the public views', () => {
  it('list, get and the printable notice carry no resident\'s name, phone or openid', async () => {
    const items = await themedItems(t);
    const f = await t.ok('forums', liaison, scheduleEvent({ itemIds: items.map((i) => i.id) }));
    await t.ok('forums', liaison, { action: 'publish', id: f.id });
    await t.ok('forums', 'resident-park-0', { action: 'submitView', id: f.id, requestId: requestId(), content: '我是张一，电话13912345000，建议建停车场。' });
    const seen = [await t.ok('forums', resident, { action: 'list' }), await t.ok('forums', resident, { action: 'get', id: f.id }), await t.ok('forums', resident, { action: 'notice', id: f.id })];
    const text = JSON.stringify(seen);
    for (const personal of ['张一', '张二', '13912345000', '13912345001', 'resident-park', 'submitterOpenid', 'notify', items[0].id]) expect(text).not.toContain(personal);
    expect(seen[1].staff).toBe(false);
    expect(seen[2].html).toContain('破解城东片区停车难');
    expect(await t.fails('forums', resident, { action: 'notice', id: (await t.ok('forums', liaison, scheduleEvent())).id })).toBe('NOT_FOUND');
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('a whole forum — topics, scheduled with items, published, views, reminders, closed into a proposal — stays within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: createCloudBaseStore(fake.db) });
    try {
      await bindMember(c, 'wx-rep-fuying-2', 'representative', 'rep-fuying-2');
      const items = await themedItems(c);
      const s = await c.ok('forums', liaison, { action: 'suggestTopics', scope: 'township', id: 'fuying' });
      expect(s.words[0].word).toBe('停车');
      const f = await c.ok('forums', liaison, scheduleEvent({ itemIds: [items[0].id, items[1].id] }));
      await c.ok('forums', liaison, { action: 'publish', id: f.id });
      await c.ok('forums', resident, { action: 'submitView', id: f.id, requestId: requestId(), content: '建议建设立体停车库。' });
      c.clock.set(sh('2026-11-19T09:30:00'));
      expect((await c.app.runTimer('reminders')).ok).toBe(true);
      c.clock.set(sh('2026-11-20T17:00:00'));
      const closed = await c.ok('forums', liaison, {
        action: 'close',
        id: f.id,
        attendance: ['rep-fuying-1', 'rep-fuying-2'],
        summary: '与会党代表围绕停车难充分讨论，形成成果。',
        outcomes: [{ title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场。', asProposal: true }],
      });
      expect(closed.outcomes[0].proposalNo).toBe('TY2026-001');
      expect(await c.store.count('outbox', { recipientOpenid: 'resident-park-0', kind: 'forum_outcome' })).toBe(1);
      expect((await c.ok('forums', resident, { action: 'list', when: 'past' })).total).toBe(1);
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

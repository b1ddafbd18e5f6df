import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { OutboxMessage } from '../../core/outbox/outbox';
import type { Item } from '../../core/register/item';
import { COLLECTIONS } from '../../core/ports/store';
import { readSheet } from '../../core/sheets/xlsx';
import type { Household, Visit, VisitCase } from '../../core/visits/types';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { makeTestApp, type TestApp } from '../support/app';
import { faultyStore } from './support/faultyStore';
import {
  admin,
  bindPeople,
  groups,
  households,
  imported,
  leader,
  liaison,
  member,
  member3,
  otherRep,
  resident,
  rid,
  visitEvent,
} from '../support/visits';

/** 组团联系服务 (issue 13): visits, progress, 民情会诊, reminders, the ledger. */

const sh = (local: string) => Date.parse(`${local}+08:00`);
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  await bindPeople(t);
});
afterEach(() => t.close());

/** A group of three with 20 imported households (5 must-visit, one of each category); answers them. */
async function setUp(app: TestApp = t) {
  const { g, other } = await groups(app);
  await imported(app, g.id, households(20));
  const list = await app.ok('visits', liaison, { action: 'households', groupId: g.id, pageSize: 50 });
  return { g, other, hh: list.items as Array<{ id: string; address: string; mustVisit: boolean; categories: Array<{ code: string }> }> };
}

const outboxOf = async (openid: string) => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: openid }, orderBy: [['createdAt', 'asc']], limit: 500 })).map((m) => m.kind);

describe('recording a visit (登记走访)', () => {
  it('an issue solved on the spot and one registered: the item is in the studio\'s inbox with channel visit, accepted and owned by the visitor', async () => {
    const { g, hh } = await setUp();
    const v = await t.ok('visits', member, visitEvent(g.id, [hh[0].id], {
      withRepIds: ['rep-fuying-3'],
      issues: [
        { text: '门前路灯不亮，晚上出行不便。', category: '城乡建设', outcome: 'solved', action: '当场联系村委电工修好' },
        { text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' },
      ],
    }));
    expect(v).toMatchObject({ by: { name: '陈素芬' }, with: [{ representativeId: 'rep-fuying-3', name: '周跃进' }], modeLabel: '入户走访' });
    expect(v.issues.map((i: { outcome: string; itemNo: string | null }) => [i.outcome, i.itemNo])).toEqual([['solved', null], ['registered', 'XJ2026-000001']]);

    const inbox = await t.ok('register', liaison, { action: 'inbox' });
    expect(inbox.items).toEqual([expect.objectContaining({ no: 'XJ2026-000001', channel: 'visit', status: 'accepted', owner: { name: '陈素芬' }, studioId: 'studio-fuying' })]);
    const item = inbox.items[0];
    // masked for the liaison too: the full number only through the logged showContact (docs/security.md)
    expect(item.contact).toMatchObject({ name: hh[0].address ? expect.any(String) : null, masked: true });
    // the visitor owns it and takes it further like any other item
    expect((await t.ok('register', member, { action: 'get', id: item.id })).actions).toEqual(expect.arrayContaining(['answer', 'promise', 'resolve']));
    expect(item.timeline[0]).toMatchObject({ action: 'submit', to: 'accepted', actorName: '陈素芬', note: expect.stringContaining('组团联系走访') });
    // no resident is told anything: there is no WeChat identity behind a visit's issue
    expect(await t.store.count('outbox')).toBe(0);

    const stored = await t.store.get<Household>('households', hh[0].id);
    expect(stored).toMatchObject({ lastVisitYear: 2026, visitYears: [2026] });
    expect(stored?.lastVisitAt).toBeGreaterThanOrEqual(sh('2026-11-02T10:00:00'));
  });

  it('sent again with the same requestId (a lost answer) it is the same visit: no second item, no second issue', async () => {
    const { g, hh } = await setUp();
    const e = visitEvent(g.id, [hh[1].id], { issues: [{ text: '希望村里增设垃圾分类点。', category: '生态环境', outcome: 'registered' }] });
    const a = await t.ok('visits', member, e);
    const b = await t.ok('visits', member, e);
    expect(b.id).toBe(a.id);
    expect([await t.store.count('visits'), await t.store.count('items'), await t.store.count('visitIssues')]).toEqual([1, 1, 1]);
  });

  it('cut off after its item was registered, the retry completes it without a second item', async () => {
    const inner = createSqliteStore(':memory:');
    let down = false;
    const c = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: faultyStore(inner, (op, coll) => down && op === 'create' && coll === 'visits') });
    try {
      await bindPeople(c);
      const { g, hh } = await setUp(c);
      const e = visitEvent(g.id, [hh[2].id], {
        newHouseholds: [{ village: '下叶村', team: '5组', doorNo: '88号', head: '新住户', categories: ['hardship'] }],
        issues: [{ text: '希望解决新村饮水管道老化问题。', category: '农业农村', outcome: 'registered', householdId: hh[2].id }],
      });
      down = true;
      expect((await c.call('visits', member, e)).ok).toBe(false);
      expect([await inner.count('items'), await inner.count('visits'), await inner.count('households')]).toEqual([1, 0, 21]);
      down = false;
      const v = await c.ok('visits', member, e);
      expect([await inner.count('items'), await inner.count('visits'), await inner.count('households'), await inner.count('visitIssues')]).toEqual([1, 1, 21, 1]);
      expect(v.households.map((h: { label: string }) => h.label)).toContain('下叶村5组88号');
    } finally {
      c.close();
    }
  });

  it('only the group\'s members record; households of another group, future dates and malformed events are refused with nothing changed', async () => {
    const { g, other, hh } = await setUp();
    const before = async () => [await t.store.count('visits'), await t.store.count('items'), await t.store.get<Household>('households', hh[0].id)];
    const was = await before();
    expect(await t.fails('visits', otherRep, visitEvent(g.id, [hh[0].id]))).toBe('NOT_FOUND');
    expect(await t.fails('visits', liaison, visitEvent(g.id, [hh[0].id]))).toBe('FORBIDDEN');
    expect(await t.fails('visits', resident, visitEvent(g.id, [hh[0].id]))).toBe('NOT_FOUND');
    expect(await t.fails('visits', otherRep, visitEvent(other.id, [hh[0].id]))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { date: '2026-11-03' }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, []))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { withRepIds: ['rep-fuying-4'] }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { issues: [{ text: '路灯坏了很久了。', category: '城乡建设', outcome: 'solved' }] }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { mode: 'visit', learned: '短' }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { photos: ['https://evil.example/a.jpg'] }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, visitEvent(g.id, [hh[0].id], { newHouseholds: [{ village: '下叶村', team: '2组', doorNo: '1号', head: '重复户' }] }))).toBe('VALIDATION');
    expect(await before()).toEqual(was);
  });
});

describe('progress (走访进度)', () => {
  it('12 of 100 households, the visits, the coverage of each must-visit category and the issues, per group, township and county', async () => {
    const { g, hh } = await setUp();
    // Members visit 12 households: all five must-visit ones first (one of each category), one twice.
    const must = hh.filter((h) => h.mustVisit);
    const order = [...must, ...hh.filter((h) => !h.mustVisit)].slice(0, 12);
    for (const [i, h] of order.entries()) {
      await t.ok('visits', i % 2 ? member : member3, visitEvent(g.id, [h.id], i === 0 ? { issues: [{ text: '门前路灯不亮，晚上出行不便。', category: '城乡建设', outcome: 'solved', action: '联系电工修好' }, { text: '公交班次太少，老人看病不便。', category: '交通出行', outcome: 'registered' }] } : {}));
    }
    await t.ok('visits', leader, visitEvent(g.id, [order[0].id], { mode: 'phone' }));
    const p = await t.ok('visits', member, { action: 'progress', scope: 'group', id: g.id });
    expect(p).toMatchObject({ year: 2026, target: 100, households: { registered: 20, visited: 12 }, percent: 12, visits: 13, issues: { found: 2, solved: 1, registered: 1, escalated: 0 } });
    expect(p.coverage).toEqual([
      { category: 'party_center', label: '党员中心户', registered: 1, visited: 1, percent: 100 },
      { category: 'pioneer', label: '创业创新带头人', registered: 1, visited: 1, percent: 100 },
      { category: 'four_old', label: '“四老”对象', registered: 1, visited: 1, percent: 100 },
      { category: 'petitioner', label: '重点信访群众', registered: 1, visited: 1, percent: 100 },
      { category: 'hardship', label: '特殊困难群众', registered: 1, visited: 1, percent: 100 },
    ]);
    // November: by its start 100 × 10 ÷ 12 → 84 households were due
    expect(p.pace).toEqual({ expected: 84, monthEnd: 92, behind: true });

    const town = await t.ok('visits', liaison, { action: 'progress', scope: 'township', id: 'fuying' });
    expect(town).toMatchObject({ target: 200, households: { visited: 12 }, visits: 13 });
    expect(town.groups.map((x: { name: string; households: { visited: number } }) => [x.name, x.households.visited])).toEqual([['城东片代表组', 12], ['城西片代表组', 0]]);
    const county = await t.ok('visits', admin, { action: 'progress', scope: 'county' });
    expect(county.townships.find((x: { id: string }) => x.id === 'fuying')).toMatchObject({ groups: 2, households: { visited: 12 } });
    expect(county.households.visited).toBe(12);
    // the next year starts from nothing
    expect((await t.ok('visits', member, { action: 'progress', scope: 'group', id: g.id, year: 2027 })).households.visited).toBe(0);

    expect(await t.fails('visits', member, { action: 'progress', scope: 'township', id: 'fuying' })).toBe('FORBIDDEN');
    expect(await t.fails('visits', liaison, { action: 'progress', scope: 'county' })).toBe('FORBIDDEN');
    expect(await t.fails('visits', otherRep, { action: 'progress', scope: 'group', id: g.id })).toBe('NOT_FOUND');
    expect(await t.fails('visits', resident, { action: 'progress', scope: 'group', id: g.id })).toBe('FORBIDDEN');
    expect((await t.ok('visits', member, { action: 'households', groupId: g.id, unvisited: true })).total).toBe(8);
  });
});

describe('民情会诊', () => {
  async function withIssue() {
    const { g, hh } = await setUp();
    const v = await t.ok('visits', member, visitEvent(g.id, [hh[0].id], { issues: [{ text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' }] }));
    return { g, hh, issueId: v.issues[0].id as string };
  }
  const sendEvent = (groupId: string, issueIds: string[]) => ({ action: 'sendCase', requestId: rid('mq'), groupId, issueIds, title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，代表组协调未果，请街道党工委会诊。' });

  it('the leader sends an issue; the liaison schedules, records two measures; both done, the case closes', async () => {
    const { g, issueId } = await withIssue();
    expect((await t.ok('visits', leader, { action: 'issues', groupId: g.id, open: true })).items.map((i: { id: string }) => i.id)).toEqual([issueId]);
    expect(await t.fails('visits', member, sendEvent(g.id, [issueId]))).toBe('FORBIDDEN');
    const c = await t.ok('visits', leader, sendEvent(g.id, [issueId]));
    expect(c).toMatchObject({ no: 'MQ2026-001', status: 'submitted', statusLabel: '待会诊', actions: ['withdraw'] });
    expect(await outboxOf(liaison)).toEqual(['visit_case_submitted']);
    expect((await t.ok('visits', leader, { action: 'issues', groupId: g.id, open: true })).total).toBe(0);
    expect(await t.fails('visits', leader, sendEvent(g.id, [issueId]))).toBe('INVALID_STATE');

    expect((await t.ok('visits', liaison, { action: 'case', id: c.id })).actions).toEqual(['schedule']);
    await t.ok('visits', liaison, { action: 'scheduleCase', id: c.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室', attendees: '街道党工委、县交通运输局、公交公司' });
    expect(await outboxOf(member)).toContain('visit_case_scheduled');
    const decided = await t.ok('visits', liaison, {
      action: 'decideCase',
      id: c.id,
      decision: '调整 3 路公交线路并加密班次',
      measures: [
        { text: '公交公司调整 3 路线路经过下叶村', owner: '县公交公司', deadline: '2026-12-31' },
        { text: '代表组收集村民乘车时段需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' },
      ],
    });
    expect(decided).toMatchObject({ status: 'in_progress', measures: [{ id: 'm1', canComplete: true }, { id: 'm2' }] });
    expect(await outboxOf(member)).toContain('visit_measure_assigned');
    // the representative responsible completes theirs only
    const seen = await t.ok('visits', member, { action: 'case', id: c.id });
    expect(seen.measures.map((m: { canComplete: boolean }) => m.canComplete)).toEqual([false, true]);
    expect(await t.fails('visits', member, { action: 'completeMeasure', id: c.id, measureId: 'm1', result: '已经调整好了' })).toBe('FORBIDDEN');
    await t.ok('visits', member, { action: 'completeMeasure', id: c.id, measureId: 'm2', result: '已收集 36 户乘车需求' });
    expect(await t.fails('visits', member, { action: 'completeMeasure', id: c.id, measureId: 'm2', result: '再来一次' })).toBe('INVALID_STATE');
    const closed = await t.ok('visits', liaison, { action: 'completeMeasure', id: c.id, measureId: 'm1', result: '3 路公交已改线，班次加密至每小时一班' });
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已办结' });
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual(['send', 'schedule', 'decide', 'completeMeasure', 'completeLastMeasure']);
    expect(await outboxOf(leader)).toContain('visit_case_closed');
    expect((await t.ok('visits', member, { action: 'progress', scope: 'group', id: g.id })).issues.escalated).toBe(1);

    // the matter may still become a representatives' proposal: made at once, its number kept with the case
    const proposed = await t.ok('visits', liaison, { action: 'toProposal', id: c.id, note: '线路长期运营需县级统筹，建议形成代表提议' });
    expect(proposed).toMatchObject({ status: 'closed', proposal: { note: '线路长期运营需县级统筹，建议形成代表提议', proposalId: expect.stringMatching(/^ty/), no: expect.stringMatching(/^TY2026-/) }, actions: [] });
    expect(await t.fails('visits', liaison, { action: 'toProposal', id: c.id, note: '再一次转为提议' })).toBe('INVALID_STATE');
  });

  it('only its group\'s people, the township\'s liaison and admins know of a case; a withdrawn case frees its issues', async () => {
    const { g, issueId } = await withIssue();
    const c = await t.ok('visits', leader, sendEvent(g.id, [issueId]));
    for (const who of [otherRep, resident]) expect(await t.fails('visits', who, { action: 'case', id: c.id })).toBe('NOT_FOUND');
    expect((await t.ok('visits', otherRep, { action: 'cases' })).total).toBe(0);
    expect((await t.ok('visits', member3, { action: 'cases' })).total).toBe(1);
    expect((await t.ok('visits', admin, { action: 'cases' })).total).toBe(1);
    expect(await t.fails('visits', resident, { action: 'cases' })).toBe('FORBIDDEN');
    expect(await t.fails('visits', liaison, { action: 'decideCase', id: c.id, decision: '直接决定', measures: [{ text: '做点什么吧', owner: '街道', deadline: '2026-12-01' }] })).toBe('INVALID_STATE');
    expect(await t.fails('visits', leader, { action: 'scheduleCase', id: c.id, at: '2026-11-05T14:30:00+08:00', place: '会议室' })).toBe('FORBIDDEN');
    const w = await t.ok('visits', leader, { action: 'withdrawCase', id: c.id, reason: '已与交通局沟通解决' });
    expect(w.status).toBe('withdrawn');
    expect((await t.ok('visits', leader, { action: 'issues', groupId: g.id, open: true })).total).toBe(1);
  });

  it('measures are reminded before their deadline and daily once overdue', async () => {
    const { g, issueId } = await withIssue();
    const c = await t.ok('visits', leader, sendEvent(g.id, [issueId]));
    await t.ok('visits', liaison, { action: 'scheduleCase', id: c.id, at: '2026-11-03T14:30:00+08:00', place: '福应街道会议室' });
    await t.ok('visits', liaison, { action: 'decideCase', id: c.id, decision: '收集需求后调整线路', measures: [{ text: '收集村民乘车需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' }] });
    t.clock.set(sh('2026-11-18T09:05:00'));
    await t.app.runTimer('reminders');
    expect(await outboxOf(member)).toContain('visit_measure_due_soon');
    for (const day of ['2026-11-21T09:05:00', '2026-11-22T09:05:00', '2026-11-22T10:05:00']) {
      t.clock.set(sh(day));
      await t.app.runTimer('reminders');
    }
    expect((await outboxOf(member)).filter((k) => k === 'visit_measure_overdue')).toHaveLength(2);
    expect((await outboxOf(liaison)).filter((k) => k === 'visit_measure_overdue')).toHaveLength(2);
    const listed = await t.ok('visits', liaison, { action: 'cases' });
    expect(listed.items[0]).toMatchObject({ overdue: true, nextDeadline: '2026-11-20', measures: 1, measuresDone: 0 });
  });
});

describe('reminders of group visits', () => {
  it('a must-visit household not visited for 6 months: its 联系代表 is told, again 30 days on, not after a visit', async () => {
    const { g, hh } = await setUp();
    const must = hh.filter((h) => h.mustVisit);
    await t.ok('visits', member, visitEvent(g.id, [must[0].id]));
    t.clock.set(sh('2027-05-02T09:30:00'));
    await t.app.runTimer('reminders');
    const due = (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: member, kind: 'visit_household_due' }, limit: 50 })).map((m) => m.body);
    // the four never visited since their import on 2 November; the one visited then, too
    expect(due).toHaveLength(5);
    expect(due[0]).toMatch(/^下叶村\d组\d+号（.\*+）已 6 个月未走访$/);
    await t.app.runTimer('reminders');
    expect(await t.store.count('outbox', { kind: 'visit_household_due' })).toBe(5);
    t.clock.set(sh('2027-05-10T10:00:00'));
    await t.ok('visits', member, visitEvent(g.id, [must[1].id], { date: '2027-05-10' }));
    t.clock.set(sh('2027-06-02T09:30:00'));
    await t.app.runTimer('reminders');
    expect(await t.store.count('outbox', { kind: 'visit_household_due' })).toBe(9);
    expect((await t.store.get<Household>('households', must[1].id))?.nextRemindAt).toBe(sh('2027-11-10T09:00:00'));
  });

  it('at the start of a month the leader of a group behind pace hears of it, once', async () => {
    const { g, hh } = await setUp();
    await t.ok('visits', member, visitEvent(g.id, hh.slice(0, 3).map((h) => h.id)));
    t.clock.set(sh('2026-12-01T08:00:00'));
    await t.app.runTimer('reminders');
    expect(await outboxOf(leader)).not.toContain('visit_group_behind');
    t.clock.set(sh('2026-12-01T09:15:00'));
    await t.app.runTimer('reminders');
    t.clock.set(sh('2026-12-01T09:30:00'));
    await t.app.runTimer('reminders');
    const msgs = await t.store.find<OutboxMessage>('outbox', { where: { kind: 'visit_group_behind' }, limit: 10 });
    // both groups are behind: 城东 has 3 of the 92 due by December, 城西 (led by 卢文娟) none
    expect(msgs.map((m) => [m.recipientOpenid, m.body]).sort()).toEqual([
      [leader, '城东片代表组今年已走访 3 户，按进度应达 92 户（全年目标 100 户）'],
      [otherRep, '城西片代表组今年已走访 0 户，按进度应达 92 户（全年目标 100 户）'],
    ]);
    expect(msgs.every((m) => m.page === `pages/staff/group/index?id=${m.page?.split('=')[1]}`)).toBe(true);
  });
});

describe('the visit ledger (走访台账)', () => {
  it('one row per visit of the period, in the ledger\'s columns, and the monthly and cumulative summary', async () => {
    const { g, hh } = await setUp();
    t.clock.set(sh('2026-10-20T10:00:00'));
    await t.ok('visits', member, visitEvent(g.id, [hh[0].id, hh[1].id], { date: '2026-10-20', mode: 'meeting' }));
    t.clock.set(sh('2026-11-02T10:00:00'));
    await t.ok('visits', member3, visitEvent(g.id, [hh[0].id], { issues: [{ text: '公交班次太少，老人看病不便。', category: '交通出行', outcome: 'registered' }] }));
    const out = await t.ok('sheets', member, { action: 'visitLedger', scope: 'group', id: g.id, year: 2026 });
    expect(out).toMatchObject({ rows: 2, fileName: '走访台账-福应街道城东片代表组-2026年.xlsx' });
    const bytes = (t.app.deps.files as any).files.get(out.fileId).bytes as Buffer;
    const sheet = await readSheet(bytes, out.columns.map((h: string) => ({ key: h, header: h })));
    expect(sheet.rows.map((r) => [r.values['走访日期'], r.values['走访代表'], r.values['走访方式'], r.values['登记办理（编号）']])).toEqual([
      ['2026-10-20', '陈素芬', '座谈', ''],
      ['2026-11-02', '周跃进', '入户走访', 'XJ2026-000001'],
    ]);
    expect(out.summaryRows).toBe(11);
    const month = await t.ok('sheets', liaison, { action: 'visitLedger', scope: 'township', id: 'fuying', year: 2026, month: 11 });
    expect(month.rows).toBe(1);
    expect(await t.fails('sheets', otherRep, { action: 'visitLedger', scope: 'group', id: g.id, year: 2026 })).toBe('NOT_FOUND');
    expect(await t.fails('sheets', member, { action: 'visitLedger', scope: 'county', year: 2026 })).toBe('FORBIDDEN');
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('a whole round — group, import, visits with an item, progress, a case to its close, the ledger, the timer — stays within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: createCloudBaseStore(fake.db) });
    try {
      await bindPeople(c);
      const { g, hh } = await setUp(c);
      const v = await c.ok('visits', member, visitEvent(g.id, [hh[0].id], {
        newHouseholds: [{ village: '下叶村', team: '5组', doorNo: '88号', head: '新住户', categories: ['hardship'] }],
        issues: [{ text: '公交班次太少，老人看病不便。', category: '交通出行', outcome: 'registered', householdId: hh[0].id }, { text: '门前路灯不亮。', category: '城乡建设', outcome: 'solved', action: '已修好' }],
      }));
      expect(v.issues[0].itemNo).toBe('XJ2026-000001');
      expect((await c.ok('visits', member, { action: 'progress', scope: 'group', id: g.id })).households.visited).toBe(2);
      await c.ok('visits', liaison, { action: 'progress', scope: 'township', id: 'fuying' });
      await c.ok('visits', admin, { action: 'progress', scope: 'county' });
      const cs = await c.ok('visits', leader, { action: 'sendCase', requestId: rid('mq'), groupId: g.id, issueIds: [v.issues[0].id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，请街道党工委会诊。' });
      await c.ok('visits', liaison, { action: 'scheduleCase', id: cs.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室' });
      await c.ok('visits', liaison, { action: 'decideCase', id: cs.id, decision: '调整线路', measures: [{ text: '调整 3 路线路', owner: '县公交公司', deadline: '2026-12-31' }, { text: '收集乘车需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' }] });
      await c.ok('visits', member, { action: 'completeMeasure', id: cs.id, measureId: 'm2', result: '已收集需求' });
      expect((await c.ok('visits', liaison, { action: 'completeMeasure', id: cs.id, measureId: 'm1', result: '3 路已完成改线' })).status).toBe('closed');
      await c.ok('sheets', liaison, { action: 'visitLedger', scope: 'group', id: g.id, year: 2026 });
      c.clock.set(sh('2026-12-01T09:30:00'));
      expect((await c.app.runTimer('reminders')).ok).toBe(true);
      expect((await c.store.get<VisitCase>('visitCases', cs.id))?.status).toBe('closed');
      expect((await c.store.find<Visit>('visits', { limit: 5 })).length).toBe(1);
      expect((await c.store.find<Item>('items', { limit: 5 }))[0].channel).toBe('visit');
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

it('every page a visits message opens is a page of app.json', async () => {
  const app = require('../../miniprogram/app.json') as { subpackages: Array<{ root: string; pages: string[] }> };
  const pages = new Set(app.subpackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)));
  const { g, hh } = await setUp();
  const v = await t.ok('visits', member, visitEvent(g.id, [hh[0].id], { issues: [{ text: '公交班次太少，老人看病不便。', category: '交通出行', outcome: 'registered' }] }));
  const cs = await t.ok('visits', leader, { action: 'sendCase', requestId: rid('mq'), groupId: g.id, issueIds: [v.issues[0].id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，请街道党工委会诊。' });
  await t.ok('visits', liaison, { action: 'scheduleCase', id: cs.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室' });
  t.clock.set(sh('2027-05-02T09:30:00'));
  await t.app.runTimer('reminders');
  const rows = await t.store.find<OutboxMessage>('outbox', { limit: 500 });
  const kinds = new Set(rows.map((m) => m.kind));
  expect([...kinds].filter((k) => k.startsWith('visit_')).sort()).toEqual(['visit_case_scheduled', 'visit_case_submitted', 'visit_group_behind', 'visit_household_due']);
  expect(rows.map((m) => (m.page ?? '').split('?')[0]).filter((p) => p && !pages.has(p))).toEqual([]);
});

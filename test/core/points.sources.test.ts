import { createSqliteStore } from '../../core/adapters/sqlite/store';
import type { Activity } from '../../core/activities/types';
import type { Forum } from '../../core/forums/types';
import { DEFAULT_RULES } from '../../core/points/rules';
import type { PointEntry, PointTotal } from '../../core/points/types';
import type { Proposal } from '../../core/proposals/types';
import type { Visit, VisitCase } from '../../core/visits/types';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { proposalIn } from '../support/forums';
import { rid, sh } from '../support/ops';
import { bindPeople, groups, imported, households, leader, liaison as visitLiaison, member, member3, visitEvent } from '../support/visits';
import { faultyStore, type StoreOp } from './support/faultyStore';

/**
 * Points from the sources that plugged into the ledger (issue 14's hooks): a forum held or
 * attended, a group visit, a proposal accepted and adopted — each once per event, within the
 * yearly caps, whatever is retried or cut off; a forum's close records its studio's activity;
 * a 民情会诊 case turned into a proposal makes the proposal once.
 */

const { liaison, admin, department: dept } = DEV_IDENTITIES;
const rule = (code: string) => DEFAULT_RULES.find((r) => r.code === code)!;

let t: TestApp;
let down: (op: StoreOp, collection: string) => boolean = () => false;
beforeEach(async () => {
  down = () => false;
  t = await makeTestApp({ now: sh('2026-11-02T10:00:00'), store: faultyStore(createSqliteStore(':memory:'), (op, c) => down(op, c)) });
});
afterEach(() => t.close());

const entriesOf = (repId: string, code?: string) => t.store.find<PointEntry>('points', { where: { repId, ...(code ? { code } : {}) }, orderBy: [['at', 'asc']], limit: 1000 });
const totalOf = (repId: string, year = 2026) => t.store.get<PointTotal>('pointTotals', `pt-${year}-${repId}`);

/**
 * A forum scheduled and published now, starting on `day` at 14:00 for two hours, then closed
 * at 17:00 with `attendance` (and `hosts` when given). Leaves the clock at 17:00 that day.
 */
async function heldForum(day: string, o: { attendance?: string[]; hosts?: string[]; level?: 'township' | 'county'; reps?: string[] } = {}) {
  const county = o.level === 'county';
  const reps = o.reps ?? ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'];
  const f = await t.ok('forums', county ? admin : liaison, {
    action: 'schedule',
    requestId: rid('forum'),
    level: county ? 'county' : 'township',
    ...(county ? { place: '县行政中心会议室' } : { studioId: 'studio-fuying' }),
    topic: '破解城东片区停车难',
    description: '围绕城东片区老旧小区停车难问题，听取党代表和群众意见，形成对策建议。',
    startAt: `${day}T14:00:00+08:00`,
    endAt: `${day}T16:00:00+08:00`,
    form: 'studio',
    representativeIds: reps,
  });
  await t.ok('forums', county ? admin : liaison, { action: 'publish', id: f.id });
  t.clock.set(sh(`${day}T17:00:00`));
  const close = {
    action: 'close',
    id: f.id,
    attendance: o.attendance ?? reps,
    ...(o.hosts ? { hostRepIds: o.hosts } : {}),
    summary: '与会党代表围绕停车难充分讨论，形成对策建议。',
    outcomes: [],
  };
  return { id: f.id as string, close, closed: await t.ok('forums', county ? admin : liaison, close) };
}

describe('a forum held', () => {
  it('earns the representative who presided forum_held, the others present forum_attended, nobody absent anything; and records the studio\'s forum activity', async () => {
    const { id, closed } = await heldForum('2026-11-10', { attendance: ['rep-fuying-1', 'rep-fuying-2'] });
    expect(closed.attendance).toEqual([expect.objectContaining({ id: 'rep-fuying-1', host: true }), expect.objectContaining({ id: 'rep-fuying-2', host: false })]);
    expect((await entriesOf('rep-fuying-1')).map((e) => [e.code, e.points, e.src])).toEqual([['forum_held', rule('forum_held').points, { kind: 'forum', id, ref: '2026-11-10' }]]);
    expect((await entriesOf('rep-fuying-2')).map((e) => [e.code, e.points, e.date])).toEqual([['forum_attended', rule('forum_attended').points, '2026-11-10']]);
    expect(await entriesOf('rep-fuying-3')).toEqual([]);

    const acts = await t.store.find<Activity>('activities', { where: { studioId: 'studio-fuying' } });
    expect(acts.map((a) => [a.kind, a.date, a.src, a.repIds])).toEqual([['forum', '2026-11-10', { kind: 'forum', id }, ['rep-fuying-1', 'rep-fuying-2']]]);
    const listed = await t.ok('activities', liaison, { action: 'list', studioId: 'studio-fuying' });
    expect(listed.items.map((a: { kindLabel: string; source: { kind: string } }) => [a.kindLabel, a.source.kind])).toEqual([['党代表论坛', 'forum']]);
  });

  it('the close may name who presided; a host who did not attend is refused and nothing is closed or counted', async () => {
    const f = await t.ok('forums', liaison, {
      action: 'schedule', requestId: rid('forum'), level: 'township', studioId: 'studio-fuying', topic: '老旧小区加装电梯', description: '听取党代表和群众对老旧小区加装电梯的意见建议。',
      startAt: '2026-11-10T14:00:00+08:00', endAt: '2026-11-10T16:00:00+08:00', form: 'studio', representativeIds: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'],
    });
    await t.ok('forums', liaison, { action: 'publish', id: f.id });
    t.clock.set(sh('2026-11-10T17:00:00'));
    const close = { action: 'close', id: f.id, attendance: ['rep-fuying-1', 'rep-fuying-2'], summary: '与会党代表充分讨论，形成对策建议。', outcomes: [] };
    expect(await t.fails('forums', liaison, { ...close, hostRepIds: ['rep-fuying-3'] })).toBe('VALIDATION');
    expect((await t.store.get<Forum>('forums', f.id))?.status).toBe('published');
    expect(await t.store.count('points')).toBe(0);
    expect(await t.store.count('activities')).toBe(0);

    await t.ok('forums', liaison, { ...close, hostRepIds: ['rep-fuying-2'] });
    expect((await entriesOf('rep-fuying-2')).map((e) => e.code)).toEqual(['forum_held']);
    expect((await entriesOf('rep-fuying-1')).map((e) => e.code)).toEqual(['forum_attended']);
  });

  it('a county forum earns its representatives points from every studio but records no studio\'s activity', async () => {
    const { id } = await heldForum('2026-11-12', { level: 'county', reps: ['rep-fuying-1', 'rep-nanfeng-1'] });
    expect((await entriesOf('rep-fuying-1')).map((e) => [e.code, e.src.id])).toEqual([['forum_held', id]]);
    expect((await entriesOf('rep-nanfeng-1')).map((e) => [e.code, e.studioId])).toEqual([['forum_attended', 'studio-nanfeng']]);
    expect(await t.store.count('activities')).toBe(0);
  });

  it('a forum beyond the yearly cap gives nothing: the fifth one presided is written with 0 points, capped', async () => {
    const cap = rule('forum_held').cap as number;
    const forums = Math.ceil(cap / rule('forum_held').points) + 1;
    for (let i = 0; i < forums; i++) await heldForum(`2026-11-${String(10 + 2 * i).padStart(2, '0')}`, { attendance: ['rep-fuying-1'] });
    const held = await entriesOf('rep-fuying-1', 'forum_held');
    expect(held).toHaveLength(forums);
    expect(held.map((e) => e.points).reduce((a, b) => a + b, 0)).toBe(cap);
    expect(held[forums - 1]).toMatchObject({ points: 0, asked: rule('forum_held').points, capped: true, status: 'granted' });
    expect((await totalOf('rep-fuying-1'))?.byCode.forum_held).toBe(cap);
  });

  it('a close sent again answers INVALID_STATE and counts nothing twice', async () => {
    const { close } = await heldForum('2026-11-10');
    expect(await t.fails('forums', liaison, close)).toBe('INVALID_STATE');
    expect(await t.store.count('points')).toBe(3);
    expect(await t.store.count('activities')).toBe(1);
    expect((await totalOf('rep-fuying-2'))?.total).toBe(rule('forum_attended').points);
  });

  it('a close cut off before its points and activity were written still closes; the timer writes them once, a second run adds nothing', async () => {
    down = (op, c) => op === 'create' && (c === 'points' || c === 'activities');
    const { id, closed } = await heldForum('2026-11-10');
    expect(closed.status).toBe('closed');
    expect(await t.store.count('points')).toBe(0);
    expect((await t.store.get<Forum>('forums', id))?.effects?.some((e) => e.type === 'points')).toBe(true);
    down = () => false;
    t.clock.advance(60_000);
    expect((await t.app.runTimer('reminders')).ok).toBe(true);
    expect(await t.store.count('points')).toBe(3);
    expect(await t.store.count('activities')).toBe(1);
    expect((await t.store.get<Forum>('forums', id))?.effects).toEqual([]);
    t.clock.advance(15 * 60_000);
    await t.app.runTimer('reminders');
    expect(await t.store.count('points')).toBe(3);
    expect((await totalOf('rep-fuying-1'))?.total).toBe(rule('forum_held').points);
  });

  it('an activity of kind forum cannot be typed in: forums record themselves when closed', async () => {
    const r = await t.call('activities', liaison, { action: 'record', requestId: rid('act'), studioId: 'studio-fuying', date: '2026-11-02', kind: 'forum', topic: '停车难论坛', representativeIds: ['rep-fuying-1'], summary: '讨论停车难。' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('自动记录') } });
    expect(await t.store.count('activities')).toBe(0);
  });
});

describe('a group visit', () => {
  beforeEach(() => bindPeople(t));

  async function groupWithHouseholds() {
    const { g } = await groups(t);
    await imported(t, g.id, households(4));
    const list = await t.ok('visits', visitLiaison, { action: 'households', groupId: g.id, pageSize: 10 });
    return { g, hh: list.items as Array<{ id: string }> };
  }

  it('earns the visitor and each member who came along the visit points on the visit\'s day, once per visit even when sent again', async () => {
    const { g, hh } = await groupWithHouseholds();
    const event = visitEvent(g.id, [hh[0].id], { date: '2026-10-28', withRepIds: ['rep-fuying-3'] });
    const v = await t.ok('visits', member, event);
    for (const r of ['rep-fuying-2', 'rep-fuying-3']) {
      expect((await entriesOf(r)).map((e) => [e.code, e.points, e.date, e.src])).toEqual([['visit', rule('visit').points, '2026-10-28', { kind: 'visit', id: v.id, ref: '2026-10-28' }]]);
    }
    expect(await entriesOf('rep-fuying-1')).toEqual([]);
    expect((await t.ok('visits', member, event)).id).toBe(v.id);
    expect(await t.store.count('points')).toBe(2);
    await t.ok('visits', member, visitEvent(g.id, [hh[1].id]));
    expect((await totalOf('rep-fuying-2'))?.byCode.visit).toBe(2 * rule('visit').points);
  });

  it('a visit whose points were cut off is stored; its retry grants them, and the timer adds nothing after', async () => {
    const { g, hh } = await groupWithHouseholds();
    const event = visitEvent(g.id, [hh[0].id]);
    down = (op, c) => op === 'create' && c === 'points';
    const v = await t.ok('visits', member, event);
    expect(await t.store.count('points')).toBe(0);
    expect((await t.store.get<Visit>('visits', v.id))?.effects).toHaveLength(1);
    down = () => false;
    await t.ok('visits', member, event);
    expect(await t.store.count('points')).toBe(1);
    expect((await t.store.get<Visit>('visits', v.id))?.effects).toEqual([]);
    t.clock.advance(60_000);
    await t.app.runTimer('reminders');
    expect(await t.store.count('points')).toBe(1);
  });

  it('a visit whose points were cut off and never sent again gets them from the timer, once', async () => {
    const { g, hh } = await groupWithHouseholds();
    down = (op, c) => op === 'create' && c === 'points';
    await t.ok('visits', member, visitEvent(g.id, [hh[0].id], { withRepIds: ['rep-fuying-1'] }));
    down = () => false;
    t.clock.advance(60_000);
    expect(await t.app.runTimer('reminders')).toMatchObject({ ok: true, data: { settled: 1 } });
    expect(await t.store.count('points')).toBe(2);
    t.clock.advance(15 * 60_000);
    await t.app.runTimer('reminders');
    expect(await t.store.count('points')).toBe(2);
  });
});

describe('a proposal', () => {
  it('accepted on review earns the lead and each co-signer proposal_raised; returned or converted earns nothing', async () => {
    const id = await proposalIn(t, 'accepted');
    for (const r of ['rep-fuying-1', 'rep-fuying-2']) expect((await entriesOf(r)).map((e) => [e.code, e.points, e.src.kind, e.src.id])).toEqual([['proposal_raised', rule('proposal_raised').points, 'proposal', id]]);
    const back = await proposalIn(t, 'submitted', '城东菜市场改造');
    await t.ok('proposals', admin, { action: 'review', id: back, decision: 'return', reason: '属于具体事项，请通过意见建议反映' });
    const convert = await proposalIn(t, 'submitted', '城东菜市场门口垃圾清运');
    await t.ok('proposals', admin, { action: 'review', id: convert, decision: 'convert' });
    expect(await t.store.count('points')).toBe(2);
  });

  it('completed as solved earns the lead proposal_adopted once, even when reopened and completed again; co-signers earn no adoption', async () => {
    const id = await proposalIn(t, 'reopened');
    const adopted = () => entriesOf('rep-fuying-1', 'proposal_adopted');
    expect((await adopted()).map((e) => [e.points, e.src.id, e.note])).toEqual([[rule('proposal_adopted').points, id, expect.stringContaining('已解决')]]);
    await t.ok('proposals', dept, { action: 'complete', id, result: 'planned', text: '已列入明年城建计划。' });
    expect(await adopted()).toHaveLength(1);
    expect(await entriesOf('rep-fuying-2', 'proposal_adopted')).toEqual([]);
  });

  it('completed only 留作参考 is answered, not adopted: nothing for the lead', async () => {
    const id = await proposalIn(t, 'dispatched');
    await t.ok('proposals', dept, { action: 'accept', id });
    await t.ok('proposals', dept, { action: 'complete', id, result: 'for_reference', text: '建议留作参考，待条件成熟时研究。' });
    expect(await entriesOf('rep-fuying-1', 'proposal_adopted')).toEqual([]);
    expect((await t.store.get<Proposal>('proposals', id))?.resultKind).toBe('for_reference');
  });
});

describe('民情会诊 → 代表提议', () => {
  beforeEach(() => bindPeople(t));

  /** A case of 城东片代表组 from an issue 陈素芬 found on a visit, scheduled by the liaison. */
  async function scheduledCase() {
    const { g } = await groups(t);
    await imported(t, g.id, households(2));
    const [h] = (await t.ok('visits', visitLiaison, { action: 'households', groupId: g.id, pageSize: 10 })).items;
    const v = await t.ok('visits', member, visitEvent(g.id, [h.id], { issues: [{ text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' }] }));
    const c = await t.ok('visits', leader, { action: 'sendCase', requestId: rid('mq'), groupId: g.id, issueIds: [v.issues[0].id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，代表组协调未果。' });
    await t.ok('visits', visitLiaison, { action: 'scheduleCase', id: c.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室' });
    return c as { id: string; no: string };
  }

  it('makes a proposal raised by the leader and the member who found the issue, in the township studio\'s scope, with the case\'s number; its acceptance earns them proposal_raised', async () => {
    const c = await scheduledCase();
    const done = await t.ok('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '线路调整需县级统筹，建议形成代表提议' });
    expect(done).toMatchObject({ status: 'proposed', proposal: { proposalId: expect.any(String), no: 'TY2026-001' } });
    const p = (await t.store.get<Proposal>('proposals', done.proposal.proposalId)) as Proposal;
    expect(p).toMatchObject({ status: 'submitted', source: 'case', caseId: c.id, caseNo: c.no, level: 'township', category: '交通出行', studioId: 'studio-fuying', title: '下叶村公交线路调整', proposerRepIds: ['rep-fuying-1', 'rep-fuying-2'] });
    expect(p.content).toContain('线路调整需县级统筹');
    expect((await t.ok('proposals', visitLiaison, { action: 'get', id: p._id })).caseNo).toBe(c.no);
    await t.ok('proposals', admin, { action: 'review', id: p._id, decision: 'accept' });
    expect((await entriesOf('rep-fuying-2')).map((e) => e.code)).toEqual(['visit', 'proposal_raised']);
  });

  it('the liaison may name the proposers among the group; someone outside it is refused and nothing is made', async () => {
    const c = await scheduledCase();
    expect(await t.fails('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '建议形成代表提议', proposerRepIds: ['rep-fuying-4'] })).toBe('VALIDATION');
    expect(await t.store.count('proposals')).toBe(0);
    const done = await t.ok('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '建议形成代表提议', proposerRepIds: ['rep-fuying-3'] });
    expect((await t.store.get<Proposal>('proposals', done.proposal.proposalId))?.proposerRepIds).toEqual(['rep-fuying-3']);
    expect(await t.fails('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '再转一次提议' })).toBe('INVALID_STATE');
    expect(await t.store.count('proposals')).toBe(1);
  });

  it('a toProposal cut off after the proposal was made: the retry finds the same proposal and number, and the case records it', async () => {
    const c = await scheduledCase();
    down = (op, coll) => op === 'update' && coll === 'visitCases';
    expect(await t.fails('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '建议形成代表提议' })).toBe('INTERNAL');
    expect(await t.store.count('proposals')).toBe(1);
    expect((await t.store.get<VisitCase>('visitCases', c.id))?.proposal).toBeNull();
    down = () => false;
    const done = await t.ok('visits', visitLiaison, { action: 'toProposal', id: c.id, note: '建议形成代表提议' });
    expect(await t.store.count('proposals')).toBe(1);
    expect(done.proposal.no).toBe('TY2026-001');
    // another proposal takes the next number: the retry spent none
    await proposalIn(t, 'submitted');
    expect((await t.store.find<Proposal>('proposals', { orderBy: [['createdAt', 'asc']] })).map((p) => p.no)).toEqual(['TY2026-001', 'TY2026-002']);
  });
});

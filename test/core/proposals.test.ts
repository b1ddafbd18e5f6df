import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { OutboxMessage } from '../../core/outbox/outbox';
import type { Proposal } from '../../core/proposals/types';
import { COLLECTIONS } from '../../core/ports/store';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { bindMember, CHINESE } from '../support/register';

/** Representatives' proposals (代表提议, issue 12): raise, review, dispatch, handling, extension, urging, appraisal, access. */

const { resident, representative: rep, liaison, admin, department: dept } = DEV_IDENTITIES;
const cosigner = 'wx-rep-fuying-2';
/** Staff of 县交通运输局 (the assisting department) and of 县综合行政执法局 (another). */
const jiaotong = 'wx-dept-jiaotong';
const zhifa = 'wx-dept-zhifa';
const sh = (local: string) => Date.parse(`${local}+08:00`);
const DAY = 24 * 3600_000;
let seq = 0;

const raiseEvent = (over: Record<string, unknown> = {}) => ({
  action: 'raise',
  requestId: `ty-req-${(seq++).toString().padStart(4, '0')}`,
  title: '加快城东片区停车设施建设',
  content: '城东片区老旧小区集中，停车位缺口大，车辆占用消防通道现象突出，建议规划建设公共停车场并推进错时共享停车。',
  category: '交通出行',
  level: 'township',
  ...over,
});

async function bindDepartment(t: TestApp, openid: string, departmentId: string) {
  const { code } = await t.ok('members', admin, { action: 'invite', kind: 'department', departmentId });
  await t.ok('members', openid, { action: 'bind', code });
}

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  await bindMember(t, cosigner, 'representative', 'rep-fuying-2');
  await bindDepartment(t, jiaotong, 'dept-jiaotong');
  await bindDepartment(t, zhifa, 'dept-zonghezhifa');
});
afterEach(() => t.close());

const kinds = async (to: string) => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: to }, orderBy: [['createdAt', 'asc']], limit: 200 })).map((m) => m.kind);
const stored = (id: string) => t.store.get<Proposal>('proposals', id);

/** Raised by 王建华 with 陈素芬 and accepted. */
async function accepted(over: Record<string, unknown> = {}) {
  const p = await t.ok('proposals', rep, raiseEvent({ coSigners: ['rep-fuying-2'], ...over }));
  return t.ok('proposals', admin, { action: 'review', id: p.id, decision: 'accept' });
}

/** Dispatched to 县住建局 (dev-dept) with 县交通运输局 assisting, and taken. */
async function inProgress(over: Record<string, unknown> = {}) {
  const p = await accepted();
  await t.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], ...over });
  return t.ok('proposals', dept, { action: 'accept', id: p.id });
}

describe('raising', () => {
  it('numbers proposals per Shanghai year as TY2026-001, names and tells the co-signers, and tells the administrators', async () => {
    const a = await t.ok('proposals', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
    const b = await t.ok('proposals', rep, raiseEvent());
    expect([a.no, b.no]).toEqual(['TY2026-001', 'TY2026-002']);
    expect(a).toMatchObject({ status: 'submitted', statusLabel: '待审查', lead: { name: '王建华' }, coSigners: [{ name: '陈素芬' }] });
    expect(await kinds(cosigner)).toEqual(['proposal_cosigned']);
    expect(await kinds(admin)).toEqual(['proposal_submitted', 'proposal_submitted']);
  });

  it('a retry with the same requestId returns the same proposal and spends no number', async () => {
    const e = raiseEvent();
    const a = await t.ok('proposals', rep, e);
    expect((await t.ok('proposals', rep, e)).id).toBe(a.id);
    expect((await t.ok('proposals', rep, raiseEvent())).no).toBe('TY2026-002');
  });

  it('only representatives raise (department staff never are proposers); bad input changes nothing', async () => {
    for (const who of [resident, liaison, admin, dept]) expect(await t.fails('proposals', who, raiseEvent())).toBe('FORBIDDEN');
    expect(await t.fails('proposals', rep, raiseEvent({ coSigners: ['rep-fuying-1'] }))).toBe('VALIDATION');
    expect(await t.fails('proposals', rep, raiseEvent({ coSigners: ['rep-nobody'] }))).toBe('VALIDATION');
    for (const over of [{ title: '短' }, { content: '太短了' }, { category: '天气' }, { level: 'province' }, { leadRepId: 'rep-fuying-3' }]) {
      const r = await t.call('proposals', rep, raiseEvent(over));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toMatch(CHINESE);
      }
    }
    expect(await t.store.count('proposals')).toBe(0);
  });
});

describe('review', () => {
  it('accepts, returns with a reason, or turns it into a register item of the lead\'s studio once', async () => {
    const a = await t.ok('proposals', rep, raiseEvent());
    expect(await t.fails('proposals', rep, { action: 'review', id: a.id, decision: 'accept' })).toBe('FORBIDDEN');
    expect((await t.ok('proposals', admin, { action: 'review', id: a.id, decision: 'accept' })).status).toBe('accepted');
    expect(await kinds(rep)).toContain('proposal_accepted');

    const b = await t.ok('proposals', rep, raiseEvent());
    expect(await t.fails('proposals', admin, { action: 'review', id: b.id, decision: 'return' })).toBe('VALIDATION');
    const back = await t.ok('proposals', admin, { action: 'review', id: b.id, decision: 'return', reason: '属于具体诉求，请作为意见建议反映' });
    expect(back).toMatchObject({ status: 'returned', returnReason: '属于具体诉求，请作为意见建议反映' });

    const c = await t.ok('proposals', rep, raiseEvent());
    const converted = await t.ok('proposals', admin, { action: 'review', id: c.id, decision: 'convert', reason: '由工作室直接办理' });
    expect(converted.status).toBe('converted');
    expect(converted.item.no).toBe('XJ2026-000001');
    const item = await t.ok('register', liaison, { action: 'get', id: converted.item.id });
    expect(item).toMatchObject({ studioId: 'studio-fuying', status: 'submitted', category: '交通出行' });
    expect(item.content).toContain('加快城东片区停车设施建设');
    // The lead's account is the item's submitter: they follow it like any opinion.
    expect((await t.ok('register', rep, { action: 'mine' })).items.map((i: { id: string }) => i.id)).toEqual([converted.item.id]);
    expect(await t.fails('proposals', admin, { action: 'review', id: c.id, decision: 'convert' })).toBe('INVALID_STATE');
    expect(await t.store.count('items')).toBe(1);
  });
});

describe('dispatch and the departments', () => {
  it('starts a 3-month clock, tells the lead and assisting departments and the proposers', async () => {
    const p = await accepted();
    const d = await t.ok('proposals', admin, {
      action: 'dispatch',
      id: p.id,
      leadDepartmentId: 'dept-zhujian',
      assistingDepartmentIds: ['dept-jiaotong'],
      key: true,
      leaderName: '张副县长',
    });
    expect(d).toMatchObject({ status: 'dispatched', leadDepartment: '县住建局', assisting: ['县交通运输局'], key: true, leaderName: '张副县长' });
    expect(d.clock).toMatchObject({ dueDate: '2027-02-02', running: true, overdue: false });
    expect(await kinds(dept)).toEqual(['proposal_assigned']);
    expect(await kinds(jiaotong)).toEqual(['proposal_assigned']);
    expect(await kinds(rep)).toContain('proposal_dispatched');
    expect(await kinds(zhifa)).toEqual([]);
    expect(await t.fails('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-zhujian'] })).toBe('VALIDATION');
    expect(await t.fails('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian', deadline: '2026-11-01' })).toBe('VALIDATION');
  });

  it('only the lead department takes it; a refusal goes back to the administrators, who dispatch it again', async () => {
    const p = await accepted();
    await t.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-jiaotong', deadline: '2027-01-31' });
    expect((await t.ok('proposals', jiaotong, { action: 'get', id: p.id })).actions.sort()).toEqual(['accept', 'refuse']);
    expect(await t.fails('proposals', rep, { action: 'accept', id: p.id })).toBe('FORBIDDEN');
    const refused = await t.ok('proposals', jiaotong, { action: 'refuse', id: p.id, reason: '停车场规划建设属住建部门职责' });
    expect(refused.status).toBe('refused');
    expect(await kinds(admin)).toContain('proposal_refused');
    // No longer theirs: the public view only, and not in their list.
    expect((await t.ok('proposals', jiaotong, { action: 'get', id: p.id })).public).toBe(true);
    expect((await t.ok('proposals', jiaotong, { action: 'list' })).total).toBe(0);
    await t.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian' });
    const taken = await t.ok('proposals', dept, { action: 'accept', id: p.id });
    expect(taken.status).toBe('in_progress');
    expect(taken.refusals).toEqual([expect.objectContaining({ departmentName: '县交通运输局', reason: '停车场规划建设属住建部门职责' })]);
  });

  it('a department sees only its own proposals; another department is given the public view', async () => {
    const ours = await inProgress();
    const other = await accepted({ title: '推进城区垃圾分类' });
    await t.ok('proposals', admin, { action: 'dispatch', id: other.id, leadDepartmentId: 'dept-zonghezhifa' });
    expect((await t.ok('proposals', dept, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([ours.id]);
    expect((await t.ok('proposals', jiaotong, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([ours.id]);
    expect((await t.ok('proposals', zhifa, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    const seen = await t.ok('proposals', dept, { action: 'get', id: other.id });
    expect(seen).toMatchObject({ public: true, actions: [] });
    expect(seen.timeline).toBeUndefined();
    expect(await t.fails('proposals', dept, { action: 'progress', id: other.id, text: '越权提交的进展', percent: 10 })).toBe('NOT_FOUND');
  });
});

describe('handling', () => {
  it('lead and assisting departments post progress; proposers are told each time; milestones in the public view', async () => {
    const p = await inProgress();
    await t.ok('proposals', dept, { action: 'progress', id: p.id, text: '完成城东片区停车需求调查', percent: 20, milestone: '需求调查' });
    const after = await t.ok('proposals', jiaotong, { action: 'progress', id: p.id, text: '配合完成周边道路交通组织方案', percent: 40 });
    expect(after.percent).toBe(40);
    expect(after.progress.map((x: { department: string }) => x.department)).toEqual(['县住建局', '县交通运输局']);
    expect((await kinds(rep)).filter((k) => k === 'proposal_progress')).toHaveLength(2);
    expect((await kinds(cosigner)).filter((k) => k === 'proposal_progress')).toHaveLength(2);
    expect(await t.fails('proposals', jiaotong, { action: 'complete', id: p.id, result: 'solved', text: '协办单位不能办复这一提议。' })).toBe('FORBIDDEN');
    expect(await t.fails('proposals', dept, { action: 'progress', id: p.id, text: '进度超过一百', percent: 120 })).toBe('VALIDATION');
    const pub = await t.ok('proposals', resident, { action: 'get', id: p.id });
    expect(pub.milestones).toEqual([expect.objectContaining({ milestone: '需求调查', percent: 20 })]);
  });

  it('one extension request at a time: approved it moves the deadline, refused it stays', async () => {
    const p = await inProgress();
    expect(await t.fails('proposals', dept, { action: 'requestExtension', id: p.id, until: '2027-01-15', reason: '比现在的期限还早' })).toBe('VALIDATION');
    await t.ok('proposals', dept, { action: 'requestExtension', id: p.id, until: '2027-03-31', reason: '停车场选址需履行规划调整程序' });
    expect(await t.fails('proposals', dept, { action: 'requestExtension', id: p.id, until: '2027-04-30', reason: '再申请一次试试' })).toBe('INVALID_STATE');
    expect(await kinds(admin)).toContain('proposal_extension_requested');
    const ok = await t.ok('proposals', admin, { action: 'approveExtension', id: p.id, note: '同意' });
    expect(ok.clock).toMatchObject({ dueDate: '2027-03-31' });
    expect(ok.extensions).toEqual([expect.objectContaining({ approved: true, until: '2027-03-31' })]);
    await t.ok('proposals', dept, { action: 'requestExtension', id: p.id, until: '2027-06-30', reason: '资金需列入明年预算' });
    const no = await t.ok('proposals', admin, { action: 'refuseExtension', id: p.id, reason: '请按期办复，资金问题另行协调' });
    expect(no.clock.dueDate).toBe('2027-03-31');
    expect(no.extensionRequest).toBeNull();
    expect((await kinds(dept)).filter((k) => k === 'proposal_extension_decided')).toHaveLength(2);
  });

  it('urging: at most once every 3 days, each on the timeline and told to the departments', async () => {
    const p = await inProgress();
    expect(await t.fails('proposals', rep, { action: 'urge', id: p.id })).toBe('FORBIDDEN');
    await t.ok('proposals', admin, { action: 'urge', id: p.id, note: '请加快进度' });
    t.clock.set(t.clock.now() + 2 * DAY);
    const r = await t.call('proposals', admin, { action: 'urge', id: p.id });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_STATE');
      expect(r.error.message).toContain('每 3 天最多催办一次');
    }
    t.clock.set(t.clock.now() + 1 * DAY);
    const again = await t.ok('proposals', admin, { action: 'urge', id: p.id });
    expect(again.urges).toHaveLength(2);
    expect(again.timeline.filter((e: { action: string }) => e.action === 'urge')).toHaveLength(2);
    expect((await kinds(jiaotong)).filter((k) => k === 'proposal_urged')).toHaveLength(2);
  });

  it('completed as solved; not satisfied by the proposers sends it back for round 2; satisfied closes it', async () => {
    const p = await inProgress();
    await t.ok('proposals', dept, { action: 'progress', id: p.id, text: '公共停车场主体完工', percent: 100, milestone: '主体完工' });
    t.clock.set(sh('2026-12-20T10:00:00'));
    const done = await t.ok('proposals', dept, { action: 'complete', id: p.id, result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' });
    expect(done).toMatchObject({ status: 'completed', result: { kind: 'solved', label: '已解决', onTime: true } });
    expect(await t.fails('proposals', dept, { action: 'appraise', id: p.id, rating: 'satisfied' })).toBe('FORBIDDEN');
    const half = await t.ok('proposals', rep, { action: 'appraise', id: p.id, rating: 'not_satisfied', comment: '小区内部停车问题没有解决' });
    expect(half.status).toBe('completed');
    expect(await t.fails('proposals', rep, { action: 'appraise', id: p.id, rating: 'satisfied' })).toBe('INVALID_STATE');
    const back = await t.ok('proposals', cosigner, { action: 'appraise', id: p.id, rating: 'not_satisfied' });
    expect(back).toMatchObject({ status: 'in_progress', round: 2, satisfaction: 'not_satisfied' });
    expect(back.clock).toMatchObject({ dueDate: '2027-03-20', running: true });
    expect(await kinds(dept)).toContain('proposal_reopened');

    await t.ok('proposals', dept, { action: 'complete', id: p.id, result: 'being_solved', text: '小区内部挖潜车位方案已制定，正在分批实施。' });
    await t.ok('proposals', rep, { action: 'appraise', id: p.id, rating: 'basically_satisfied' });
    const closed = await t.ok('proposals', cosigner, { action: 'appraise', id: p.id, rating: 'satisfied' });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied' });
    const stats = await t.ok('proposals', admin, { action: 'stats', year: 2026 });
    expect(stats).toMatchObject({ raised: 1, accepted: 1, completed: 1, onTime: 1, results: { being_solved: 1, solved: 0 }, satisfaction: { basically_satisfied: 1 } });
    expect(stats.rates.satisfied.percent).toBe(100);
  });

  it('nobody appraises a proposal their own department handled: the administrator appraises when no proposer may', async () => {
    // 蒋卫东 works for 县综合行政执法局; 郑婷婷 for 县住房和城乡建设局 (not the directory's 县住建局 name).
    await bindMember(t, 'wx-jiang', 'representative', 'rep-zhujian-zhifa-2');
    const p = await t.ok('proposals', 'wx-jiang', raiseEvent());
    await t.ok('proposals', admin, { action: 'review', id: p.id, decision: 'accept' });
    await t.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zonghezhifa' });
    await t.ok('proposals', zhifa, { action: 'accept', id: p.id });
    const done = await t.ok('proposals', zhifa, { action: 'complete', id: p.id, result: 'planned', text: '已列入明年城市管理重点工作计划。' });
    expect(done.appraisers).toEqual(['admin']);
    expect((await t.ok('proposals', 'wx-jiang', { action: 'get', id: p.id })).actions).toEqual([]);
    expect(await t.fails('proposals', 'wx-jiang', { action: 'appraise', id: p.id, rating: 'satisfied' })).toBe('FORBIDDEN');
    expect((await t.ok('proposals', admin, { action: 'get', id: p.id })).actions).toEqual(['appraise']);
    expect((await t.ok('proposals', admin, { action: 'appraise', id: p.id, rating: 'satisfied' })).status).toBe('closed');
  });
});

describe('the public view', () => {
  it('residents read titles, departments, status and progress, never a name or phone, and nothing before review', async () => {
    const hidden = await t.ok('proposals', rep, raiseEvent({ title: '尚未审查的提议' }));
    const p = await inProgress();
    await t.ok('proposals', dept, { action: 'progress', id: p.id, text: '完成选址论证', percent: 40, milestone: '选址论证' });
    expect(await t.fails('proposals', resident, { action: 'get', id: hidden.id })).toBe('NOT_FOUND');
    const list = await t.ok('proposals', resident, { action: 'list' });
    expect(list.public).toBe(true);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const one = await t.ok('proposals', resident, { action: 'get', id: p.id });
    expect(one).toMatchObject({ public: true, percent: 40, leadDepartment: '县住建局', assisting: ['县交通运输局'], actions: [] });
    const text = JSON.stringify([list, one]);
    for (const personal of ['王建华', '陈素芬', '13805761000', '县住建局工作人员', 'openid']) expect(text).not.toContain(personal);
    expect(one.content).toBeUndefined();
    expect(await t.fails('proposals', resident, { action: 'progress', id: p.id, text: '群众不能报告进展', percent: 50 })).toBe('NOT_FOUND');
  });

  it('staff lists go by scope: a representative\'s own, a liaison\'s studio, every one for an administrator', async () => {
    const p = await accepted();
    await bindMember(t, 'wx-other-rep', 'representative', 'rep-fuying-3');
    expect((await t.ok('proposals', rep, { action: 'list' })).total).toBe(1);
    expect((await t.ok('proposals', cosigner, { action: 'list' })).total).toBe(1);
    expect((await t.ok('proposals', 'wx-other-rep', { action: 'list' })).total).toBe(0);
    expect((await t.ok('proposals', liaison, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await t.ok('proposals', admin, { action: 'list', status: 'accepted' })).total).toBe(1);
    // A representative not on it reads the public view.
    expect((await t.ok('proposals', 'wx-other-rep', { action: 'get', id: p.id })).public).toBe(true);
  });
});

describe('reminders', () => {
  const run = async (local: string) => {
    t.clock.set(sh(local));
    await t.app.runTimer('reminders');
  };

  it('the departments 15 and 3 days before the deadline, then once a week while overdue', async () => {
    const p = await inProgress({ deadline: '2026-12-31' });
    await run('2026-12-16T08:30:00');
    expect((await kinds(dept)).filter((k) => k === 'proposal_due_soon')).toHaveLength(0);
    await run('2026-12-16T09:05:00'); // 15 days left
    await run('2026-12-16T15:00:00');
    await run('2026-12-28T09:05:00'); // 3 days left
    expect((await kinds(dept)).filter((k) => k === 'proposal_due_soon')).toHaveLength(2);
    expect((await kinds(jiaotong)).filter((k) => k === 'proposal_due_soon')).toHaveLength(2);
    await run('2027-01-01T09:05:00');
    await run('2027-01-02T09:05:00');
    await run('2027-01-08T09:10:00');
    expect((await kinds(dept)).filter((k) => k === 'proposal_overdue')).toHaveLength(2);
    expect((await t.ok('proposals', admin, { action: 'list', overdue: true })).items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    // Completed: nothing more.
    await t.ok('proposals', dept, { action: 'complete', id: p.id, result: 'planned', text: '已列入明年城建计划，分两期实施。' });
    await run('2027-01-15T09:10:00');
    expect((await kinds(dept)).filter((k) => k === 'proposal_overdue')).toHaveLength(2);
    expect((await stored(p.id))?.nextRemindAt).toBeNull();
  });

  it('the weekly summary of key proposals, per leader, once a week from Monday 09:00', async () => {
    const p = await accepted();
    await t.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian', key: true, leaderName: '张副县长' });
    await run('2026-11-09T08:00:00'); // Monday, before 09:00
    expect((await kinds(admin)).filter((k) => k === 'proposal_key_weekly')).toHaveLength(0);
    await run('2026-11-09T09:15:00');
    await run('2026-11-11T10:00:00'); // Wednesday: the week is done
    await run('2026-11-16T09:00:00'); // the next Monday
    const weekly = (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: admin, kind: 'proposal_key_weekly' }, limit: 10 }));
    expect(weekly).toHaveLength(2);
    expect(weekly[0].title).toBe('张副县长领衔督办：重点提议 1 件');
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('a whole proposal — raised, accepted, dispatched, taken, progress, extension, urged, completed, reopened — stays within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: createCloudBaseStore(fake.db) });
    try {
      await bindMember(c, cosigner, 'representative', 'rep-fuying-2');
      const p = await c.ok('proposals', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
      await c.ok('proposals', admin, { action: 'review', id: p.id, decision: 'accept' });
      await c.ok('proposals', admin, { action: 'dispatch', id: p.id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' });
      await c.ok('proposals', dept, { action: 'accept', id: p.id });
      await c.ok('proposals', dept, { action: 'progress', id: p.id, text: '完成选址论证', percent: 40, milestone: '选址论证' });
      await c.ok('proposals', dept, { action: 'requestExtension', id: p.id, until: '2027-03-31', reason: '选址需履行规划调整程序' });
      await c.ok('proposals', admin, { action: 'approveExtension', id: p.id });
      await c.ok('proposals', admin, { action: 'urge', id: p.id });
      await c.ok('proposals', dept, { action: 'complete', id: p.id, result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' });
      await c.ok('proposals', rep, { action: 'appraise', id: p.id, rating: 'not_satisfied' });
      const back = await c.ok('proposals', cosigner, { action: 'appraise', id: p.id, rating: 'not_satisfied' });
      expect(back).toMatchObject({ status: 'in_progress', round: 2 });
      c.clock.set(sh('2026-11-09T09:30:00'));
      expect((await c.app.runTimer('reminders')).ok).toBe(true);
      expect((await c.ok('proposals', resident, { action: 'list' })).total).toBe(1);
      expect((await c.ok('proposals', dept, { action: 'list' })).total).toBe(1);
      expect((await c.ok('proposals', admin, { action: 'stats' })).byStatus).toMatchObject({ in_progress: 1 });
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});

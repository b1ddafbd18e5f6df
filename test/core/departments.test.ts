import type { OutboxMessage } from '../../core/outbox/outbox';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { accepted, sorted, stored } from '../support/register';

/** Department staff (有关单位, issue 12): bound by invitation, their queue of referred items, recording the result themselves. */

const { resident, liaison, admin, department: dept } = DEV_IDENTITIES;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterEach(() => t.close());

const kinds = async (to: string) => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: to }, orderBy: [['createdAt', 'asc']], limit: 200 })).map((m) => m.kind);

async function referred(departmentId = 'dept-zhujian') {
  const item = await accepted(t);
  return t.ok('register', liaison, { action: 'refer', id: item.id, departmentId, deadline: '2026-11-25', note: '请核实路灯产权并维修' });
}

describe('binding', () => {
  it('an administrator invites a department\'s staff; bound, `me` answers the department', async () => {
    expect(await t.fails('members', liaison, { action: 'invite', kind: 'department', departmentId: 'dept-jiaotong' })).toBe('FORBIDDEN');
    expect(await t.fails('members', admin, { action: 'invite', kind: 'department', departmentId: 'dept-nobody' })).toBe('VALIDATION');
    const invite = await t.ok('members', admin, { action: 'invite', kind: 'department', departmentId: 'dept-jiaotong' });
    expect(invite.label).toBe('有关单位工作人员（县交通运输局）');
    await t.ok('members', 'wx-new-dept', { action: 'bind', code: invite.code });
    expect(await t.ok('members', 'wx-new-dept', { action: 'me' })).toEqual({ openid: 'wx-new-dept', role: 'department', departmentId: 'dept-jiaotong', name: '县交通运输局', uploadDir: expect.stringMatching(/^opinions\/u[0-9a-f]+$/) });
    // Department staff have no studio queue.
    expect(await t.fails('register', 'wx-new-dept', { action: 'inbox' })).toBe('FORBIDDEN');
  });
});

describe('referred items', () => {
  it('a referral tells the department; its staff see the item in their queue, masked, and record the result; the liaison is told', async () => {
    const item = await referred();
    expect(await kinds(dept)).toEqual(['item_referred_department']);
    const queue = await t.ok('register', dept, { action: 'referred', pending: true });
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const seen = await t.ok('register', dept, { action: 'get', id: item.id });
    expect(seen.contact).toMatchObject({ name: '李*', phone: '138****5678', masked: true });
    expect(seen.actions).toEqual(['recordReferralResult']);
    const done = await t.ok('register', dept, { action: 'recordReferralResult', id: item.id, result: '路灯属县住建局管养，已于 11 月 5 日修复。' });
    expect(done.referral).toMatchObject({ result: '路灯属县住建局管养，已于 11 月 5 日修复。' });
    expect(done.timeline.at(-1)).toMatchObject({ action: 'recordReferralResult', actorRole: 'department', actorName: '县住建局' });
    expect(await kinds(liaison)).toContain('item_referral_result');
    expect((await t.ok('register', dept, { action: 'referred', pending: true })).total).toBe(0);
    expect((await t.ok('register', dept, { action: 'referred' })).total).toBe(1);
    expect(await t.fails('register', dept, { action: 'recordReferralResult', id: item.id, result: '再登记一次试试' })).toBe('INVALID_STATE');
    // The liaison answers the resident from it; the department never answers, resolves or rejects.
    expect((await t.ok('register', liaison, { action: 'get', id: item.id })).actions).toEqual(expect.arrayContaining(['answer', 'resolve']));
    for (const action of ['answer', 'resolve'] as const) expect(await t.fails('register', dept, { action, id: item.id, reply: '有关单位不能直接答复群众' })).toBe('FORBIDDEN');
  });

  it('another department, a resident and anyone not on the referral see nothing of it', async () => {
    const item = await referred('dept-jiaotong');
    expect(await t.fails('register', dept, { action: 'get', id: item.id })).toBe('NOT_FOUND');
    expect(await t.fails('register', dept, { action: 'recordReferralResult', id: item.id, result: '越权登记的结果' })).toBe('NOT_FOUND');
    expect((await t.ok('register', dept, { action: 'referred' })).total).toBe(0);
    expect(await t.fails('register', resident, { action: 'referred' })).toBe('FORBIDDEN');
    expect(await t.fails('register', liaison, { action: 'referred' })).toBe('FORBIDDEN');
    expect((await stored(t, item.id))?.referral?.result).toBeNull();
    expect(sorted((await t.ok('register', liaison, { action: 'get', id: item.id })).actions)).toContain('recordReferralResult');
  });
});

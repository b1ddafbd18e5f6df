import type { Inquiry } from '../../core/inquiries/types';
import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { COLLECTIONS } from '../../core/ports/store';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { DEV_IDENTITIES, makeTestApp, type TestApp } from '../support/app';
import { bindMember, CHINESE } from '../support/register';

/** The inner-party inquiry (党内质询, issue 9): raise, co-sign, accept, the 30-day clock, rounds, access. */

const { resident, representative: rep, liaison, admin, contact } = DEV_IDENTITIES;
const cosigner = 'wx-rep-fuying-2';
const sh = (local: string) => Date.parse(`${local}+08:00`);
let seq = 0;

const raiseEvent = (over: Record<string, unknown> = {}) => ({
  action: 'raise',
  requestId: `inq-req-${(seq++).toString().padStart(4, '0')}`,
  subject: { body: 'party_committee' },
  area: 'hot_issues',
  title: '城区交通拥堵治理进展',
  content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？',
  context: 'interim',
  ...over,
});

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  await bindMember(t, cosigner, 'representative', 'rep-fuying-2');
});
afterEach(() => t.close());

const stored = (id: string) => t.store.get<Inquiry>('inquiries', id);
const kinds = async (to: string) => (await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: to }, orderBy: [['createdAt', 'asc']], limit: 200 })).map((m) => m.kind);

/** Raised by dev-rep alone and accepted by the admin with dev-contact as the contact. */
async function accepted(over: Record<string, unknown> = {}) {
  const inq = await t.ok('inquiries', rep, raiseEvent(over));
  return t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
}

describe('raising and co-signing', () => {
  it('numbers inquiries per Shanghai year as ZX2026-001, ZX2026-002', async () => {
    const a = await t.ok('inquiries', rep, raiseEvent());
    const b = await t.ok('inquiries', rep, raiseEvent());
    expect([a.no, b.no]).toEqual(['ZX2026-001', 'ZX2026-002']);
    expect(a.status).toBe('submitted');
    expect(a.statusLabel).toBe('待受理');
  });

  it('a retry with the same requestId returns the same inquiry and spends no number', async () => {
    const e = raiseEvent();
    const a = await t.ok('inquiries', rep, e);
    const again = await t.ok('inquiries', rep, e);
    expect(again.id).toBe(a.id);
    expect((await t.ok('inquiries', rep, raiseEvent())).no).toBe('ZX2026-002');
  });

  it('with a co-signer it waits for the signature, which sends it to the administrators', async () => {
    const inq = await t.ok('inquiries', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
    expect(inq.status).toBe('cosigning');
    expect(await kinds(cosigner)).toEqual(['inquiry_cosign_request']);
    const seen = await t.ok('inquiries', cosigner, { action: 'get', id: inq.id });
    expect(seen.actions).toEqual(['cosign']);
    expect(await t.fails('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' })).toBe('INVALID_STATE');
    const signed = await t.ok('inquiries', cosigner, { action: 'cosign', id: inq.id });
    expect(signed.status).toBe('submitted');
    expect(signed.coSigners).toEqual([expect.objectContaining({ representativeId: 'rep-fuying-2', signed: true })]);
    expect(await kinds(admin)).toContain('inquiry_submitted');
    expect(await t.fails('inquiries', cosigner, { action: 'cosign', id: inq.id })).toBe('INVALID_STATE');
  });

  it('only representatives raise; the lead cannot co-sign their own; unknown co-signers are refused with nothing stored', async () => {
    expect(await t.fails('inquiries', resident, raiseEvent())).toBe('FORBIDDEN');
    expect(await t.fails('inquiries', liaison, raiseEvent())).toBe('FORBIDDEN');
    expect(await t.fails('inquiries', rep, raiseEvent({ coSigners: ['rep-fuying-1'] }))).toBe('VALIDATION');
    expect(await t.fails('inquiries', rep, raiseEvent({ coSigners: ['rep-nobody'] }))).toBe('VALIDATION');
    expect(await t.store.count('inquiries')).toBe(0);
  });

  it.each([
    ['a title too short', { title: '短' }],
    ['content too short', { content: '太短了' }],
    ['an unknown area', { area: 'weather' }],
    ['an unknown subject body', { subject: { body: 'people' } }],
    ['an extra field', { leadRepId: 'rep-fuying-9' }],
    ['a bad requestId', { requestId: 'x' }],
  ])('refuses %s with VALIDATION in Chinese and stores nothing', async (_, over) => {
    const r = await t.call('inquiries', rep, raiseEvent(over));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(CHINESE);
    }
    expect(await t.store.count('inquiries')).toBe(0);
  });
});

describe('confidentiality', () => {
  it('residents, other representatives, liaisons and other contacts get NOT_FOUND; list shows each only their own', async () => {
    const inq = await accepted();
    await bindMember(t, 'wx-other-rep', 'representative', 'rep-fuying-3');
    for (const who of [resident, 'wx-other-rep', liaison]) {
      expect(await t.fails('inquiries', who, { action: 'get', id: inq.id })).toBe('NOT_FOUND');
      expect(await t.fails('inquiries', who, { action: 'reply', id: inq.id, text: '这是一个试图越权提交的书面答复内容，应当被拒绝。' })).toBe('NOT_FOUND');
    }
    expect(await t.fails('inquiries', resident, { action: 'list' })).toBe('FORBIDDEN');
    expect((await t.ok('inquiries', 'wx-other-rep', { action: 'list' })).total).toBe(0);
    expect((await t.ok('inquiries', rep, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([inq.id]);
    expect((await t.ok('inquiries', contact, { action: 'list' })).total).toBe(1);
    expect((await t.ok('inquiries', admin, { action: 'list' })).total).toBe(1);
  });

  it('the contact sees it only once named on it', async () => {
    const inq = await t.ok('inquiries', rep, raiseEvent());
    expect(await t.fails('inquiries', contact, { action: 'get', id: inq.id })).toBe('NOT_FOUND');
    await t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
    expect((await t.ok('inquiries', contact, { action: 'get', id: inq.id })).actions.sort()).toEqual(['askClarification', 'reply']);
  });
});

describe('the 30-day clock', () => {
  it('starts at acceptance: due on the 30th Shanghai day, with the days left', async () => {
    const inq = await accepted();
    expect(inq.clock).toMatchObject({ dueDate: '2026-12-02', daysLeft: 30, paused: false, overdue: false });
  });

  it('a clarification pauses it; the paused days move the due date', async () => {
    const inq = await accepted();
    t.clock.set(sh('2026-11-10T10:00:00'));
    const asked = await t.ok('inquiries', contact, { action: 'askClarification', id: inq.id, question: '“下一步举措”具体指哪些路段？' });
    expect(asked.status).toBe('clarifying');
    expect(asked.clock.paused).toBe(true);
    expect(await t.fails('inquiries', contact, { action: 'reply', id: inq.id, text: '在等待补充说明的时候提交的书面答复内容，应当被拒绝。' })).toBe('INVALID_STATE');
    t.clock.set(sh('2026-11-15T10:00:00'));
    const clarified = await t.ok('inquiries', rep, { action: 'clarify', id: inq.id, answer: '主要指城东路和环城南路高峰时段。' });
    expect(clarified.status).toBe('accepted');
    expect(clarified.clock).toMatchObject({ dueDate: '2026-12-07', pausedDays: 5, paused: false });
    expect(clarified.timeline.map((e: { action: string }) => e.action)).toEqual(['raise', 'accept', 'askClarification', 'clarify']);
  });

  it('order "due" lists what awaits the written reply, the earliest due first', async () => {
    const first = await accepted({ title: '第一件：城区交通治堵' });
    t.clock.set(sh('2026-11-05T10:00:00'));
    const second = await accepted({ title: '第二件：农村饮用水安全' });
    const paused = await accepted({ title: '第三件：暂停计时的那件' });
    await t.ok('inquiries', contact, { action: 'askClarification', id: paused.id, question: '请补充具体村名。' });
    const due = await t.ok('inquiries', contact, { action: 'list', order: 'due' });
    expect(due.items.map((i: { id: string }) => i.id)).toEqual([first.id, second.id]);
    expect((await t.ok('inquiries', contact, { action: 'list' })).items.map((i: { id: string }) => i.id)).toEqual([paused.id, second.id, first.id]);
    expect(await t.fails('inquiries', contact, { action: 'list', order: 'oldest' })).toBe('VALIDATION');
  });

  it('the administrator extends once a round, with the reason on the timeline', async () => {
    const inq = await accepted();
    const ext = await t.ok('inquiries', admin, { action: 'extend', id: inq.id, days: 10, reason: '涉及多个部门，需联合调研' });
    expect(ext.clock.dueDate).toBe('2026-12-12');
    expect(ext.timeline[ext.timeline.length - 1]).toMatchObject({ action: 'extend', actorRole: 'admin', note: '延长 10 天：涉及多个部门，需联合调研' });
    expect(await t.fails('inquiries', admin, { action: 'extend', id: inq.id, days: 5, reason: '再延一次试试看' })).toBe('INVALID_STATE');
    expect(await t.fails('inquiries', rep, { action: 'extend', id: inq.id, days: 5, reason: '提出人不能延期' })).toBe('FORBIDDEN');
  });

  it('reminds the contact 7, 3 and 1 days before, daily once overdue; admins get one digest a day', async () => {
    const inq = await accepted();
    const run = async (local: string) => {
      t.clock.set(sh(local));
      await t.app.runTimer('reminders');
    };
    await run('2026-11-25T08:30:00');
    expect(await kinds(contact)).toEqual(['inquiry_assigned']);
    await run('2026-11-25T09:00:00'); // 7 days left
    await run('2026-11-25T15:00:00');
    await run('2026-11-29T09:15:00'); // 3 days left
    await run('2026-12-01T09:00:00'); // 1 day left
    expect(await kinds(contact)).toEqual(['inquiry_assigned', 'inquiry_due_soon', 'inquiry_due_soon', 'inquiry_due_soon']);
    await run('2026-12-03T09:00:00');
    await run('2026-12-03T16:00:00');
    await run('2026-12-04T09:00:00');
    const overdue = (await kinds(contact)).filter((k) => k === 'inquiry_overdue');
    expect(overdue).toHaveLength(2);
    expect((await kinds(admin)).filter((k) => k === 'inquiry_overdue_digest')).toHaveLength(2);
    const sup = await t.ok('inquiries', admin, { action: 'supervision' });
    expect(sup.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([[inq.id, true]]);
  });
});

describe('reply, meeting, evaluation and rounds', () => {
  async function repliedAndMet(id: string) {
    await t.ok('inquiries', contact, { action: 'reply', id, text: '县委高度重视交通治堵工作，已完成城东路渠化改造，下一步将优化信号配时。' });
    expect(await t.fails('inquiries', rep, { action: 'evaluate', id, satisfied: true })).toBe('INVALID_STATE'); // not before meeting
    return t.ok('inquiries', contact, { action: 'meet', id, at: '2026-11-20T15:00:00+08:00', place: '县委办公室会议室', attendees: '陈立新、王建华', summary: '当面说明治堵工作进展和后续安排。' });
  }

  it('satisfied proposers close it; stats count the on-time reply and the satisfaction', async () => {
    const inq = await accepted();
    t.clock.set(sh('2026-11-20T16:00:00'));
    const met = await repliedAndMet(inq.id);
    expect(met.status).toBe('met');
    expect(met.actions).toEqual(['meet']); // the contact may record another meeting, nothing else
    const rated = await t.ok('inquiries', rep, { action: 'evaluate', id: inq.id, satisfied: true, comment: '答复具体' });
    expect(rated.status).toBe('closed');
    const stats = await t.ok('inquiries', admin, { action: 'stats', year: 2026 });
    expect(stats).toMatchObject({ raised: 1, accepted: 1, replied: 1, repliedOnTime: 1, met: 1, satisfied: 1, overdue: 0 });
    expect(stats.rates.onTime.percent).toBe(100);
  });

  it('the contact cannot evaluate; a majority not satisfied opens round 2 with a new clock; round 3 goes to the committee', async () => {
    const inq = await t.ok('inquiries', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
    await t.ok('inquiries', cosigner, { action: 'cosign', id: inq.id });
    await t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
    const days = ['2026-11-20', '2026-12-20', '2027-01-10'];
    for (const round of [1, 2, 3]) {
      t.clock.set(sh(`${days[round - 1]}T16:00:00`));
      await repliedAndMet(inq.id);
      expect(await t.fails('inquiries', contact, { action: 'evaluate', id: inq.id, satisfied: true })).toBe('FORBIDDEN');
      const half = await t.ok('inquiries', rep, { action: 'evaluate', id: inq.id, satisfied: false, comment: '没有回答具体时间表' });
      expect(half.status).toBe('met'); // one of two evaluated
      expect(await t.fails('inquiries', rep, { action: 'evaluate', id: inq.id, satisfied: false })).toBe('INVALID_STATE'); // once a round
      const done = await t.ok('inquiries', cosigner, { action: 'evaluate', id: inq.id, satisfied: false });
      if (round < 3) {
        expect(done).toMatchObject({ status: 'accepted', round: round + 1 });
        expect(done.clock.daysLeft).toBe(30);
      } else {
        expect(done.status).toBe('committee');
      }
    }
    const decided = await t.ok('inquiries', admin, { action: 'decide', id: inq.id, decision: '责成县交通运输局一个月内拿出时间表，县委督查室跟踪。' });
    expect(decided.status).toBe('closed');
    expect(await kinds(contact)).toContain('inquiry_next_round');
  });

  it('one satisfied and one not of two proposers is not more than half: it closes', async () => {
    const inq = await t.ok('inquiries', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
    await t.ok('inquiries', cosigner, { action: 'cosign', id: inq.id });
    await t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
    t.clock.set(sh('2026-11-20T16:00:00'));
    await repliedAndMet(inq.id);
    await t.ok('inquiries', rep, { action: 'evaluate', id: inq.id, satisfied: false });
    expect((await t.ok('inquiries', cosigner, { action: 'evaluate', id: inq.id, satisfied: true })).status).toBe('closed');
  });

  it('accountability: refused while on time, recorded once overdue', async () => {
    const inq = await accepted();
    expect(await t.fails('inquiries', admin, { action: 'holdAccountable', id: inq.id, measure: '批评教育', note: '未按期答复' })).toBe('INVALID_STATE');
    t.clock.set(sh('2026-12-05T10:00:00'));
    const held = await t.ok('inquiries', admin, { action: 'holdAccountable', id: inq.id, measure: '批评教育', note: '逾期未书面答复，予以批评教育' });
    expect(held.accountability).toEqual([expect.objectContaining({ measure: '批评教育', round: 1 })]);
    expect(await kinds(contact)).toContain('inquiry_accountability');
    expect(await t.fails('inquiries', admin, { action: 'holdAccountable', id: inq.id, measure: '警告', note: '不在可选范围' })).toBe('VALIDATION');
    const doc = await stored(inq.id);
    expect(doc?.accountability).toHaveLength(1);
  });

  it('a return closes it with the reason, told to the lead', async () => {
    const inq = await t.ok('inquiries', rep, raiseEvent());
    const back = await t.ok('inquiries', admin, { action: 'return', id: inq.id, reason: '属于具体信访事项，请通过意见建议渠道反映' });
    expect(back.status).toBe('returned');
    expect(await kinds(rep)).toContain('inquiry_returned');
  });
});

describe('contacts', () => {
  it('the administrator adds a contact and invites them; the bound account becomes the contact', async () => {
    const c = await t.ok('inquiries', admin, { action: 'addContact', name: '李国强', unit: '县委组织部 副部长', body: 'party_committee' });
    const { code } = await t.ok('members', admin, { action: 'invite', kind: 'contact', contactId: c.id });
    expect(await t.fails('members', liaison, { action: 'invite', kind: 'contact', contactId: c.id })).toBe('FORBIDDEN');
    await t.ok('members', 'wx-new-contact', { action: 'bind', code });
    expect(await t.ok('members', 'wx-new-contact', { action: 'me' })).toMatchObject({ role: 'contact', contactId: c.id, name: '李国强' });
    const inq = await t.ok('inquiries', rep, raiseEvent());
    await t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: c.id });
    expect((await t.ok('inquiries', 'wx-new-contact', { action: 'list' })).total).toBe(1);
    expect(await t.fails('inquiries', contact, { action: 'get', id: inq.id })).toBe('NOT_FOUND');
  });
});

describe('on CloudBase (the real wx-server-sdk, answered in-process)', () => {
  it('a whole inquiry — co-signed, accepted, clarified, replied, met, a second round — stays within CloudBase\'s rules', async () => {
    const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    const c = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', store: createCloudBaseStore(fake.db) });
    try {
      await bindMember(c, cosigner, 'representative', 'rep-fuying-2');
      const inq = await c.ok('inquiries', rep, raiseEvent({ coSigners: ['rep-fuying-2'] }));
      await c.ok('inquiries', cosigner, { action: 'cosign', id: inq.id });
      await c.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
      await c.ok('inquiries', contact, { action: 'askClarification', id: inq.id, question: '请说明具体路段和时段。' });
      await c.ok('inquiries', rep, { action: 'clarify', id: inq.id, answer: '城东路，早晚高峰。' });
      await c.ok('inquiries', contact, { action: 'reply', id: inq.id, text: '已完成城东路渠化改造，下一步将优化信号配时并增设潮汐车道。' });
      c.clock.set(sh('2026-11-20T16:00:00'));
      await c.ok('inquiries', contact, { action: 'meet', id: inq.id, at: '2026-11-20T15:00:00+08:00', place: '县委办', attendees: '陈立新、王建华', summary: '当面说明了工作进展和安排。' });
      await c.ok('inquiries', rep, { action: 'evaluate', id: inq.id, satisfied: false });
      const next = await c.ok('inquiries', cosigner, { action: 'evaluate', id: inq.id, satisfied: false });
      expect(next).toMatchObject({ status: 'accepted', round: 2 });
      c.clock.set(sh('2026-12-25T10:00:00'));
      expect((await c.app.runTimer('reminders')).ok).toBe(true);
      expect((await c.ok('inquiries', admin, { action: 'supervision' })).total).toBe(1);
      expect(fake.unhandledRejections).toEqual([]);
    } finally {
      c.close();
      fake.restore();
    }
  });
});


import { startLocalHost, type LocalHost } from '../support/localHost';

/**
 * Issue 9's inquiry as a new user would try it with `npm start`: over HTTP, on the real local
 * host, with the dev clock and the timer run by hand.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const setClock = (now: string) => host.request('POST', '/dev/clock', { body: { now } });
const runTimer = () => host.request('POST', '/dev/timers/reminders');
const ok = async (fn: string, openid: string, event: Record<string, unknown>) => {
  const r = await host.call(fn, openid, event);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${r.status} ${r.text}`);
  return r.body.data;
};
const outboxOf = async (openid: string): Promise<Array<{ kind: string; body: string }>> =>
  (await host.request('GET', `/dev/outbox?recipient=${openid}`)).body.data;

it('an inquiry from raising with a co-signer through a clarification, an unsatisfying round, the supervision list and accountability', async () => {
  await setClock('2026-11-02T10:00:00+08:00');
  // The co-signer binds their WeChat account to representative rep-fuying-2.
  const { code } = await ok('members', 'dev-admin', { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
  await ok('members', 'e2e-cosigner', { action: 'bind', code });

  const raised = await ok('inquiries', 'dev-rep', {
    action: 'raise',
    requestId: 'e2e-inquiry-000001',
    subject: { body: 'party_committee' },
    area: 'hot_issues',
    title: '城区交通拥堵治理进展',
    content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？',
    coSigners: ['rep-fuying-2'],
    context: 'interim',
  });
  expect(raised).toMatchObject({ no: 'ZX2026-001', status: 'cosigning' });
  const id = raised.id as string;
  expect((await ok('inquiries', 'e2e-cosigner', { action: 'cosign', id })).status).toBe('submitted');

  // Malformed input changes nothing.
  const bad = await host.call('inquiries', 'dev-admin', { action: 'accept', id, contactId: 'ct xianwei' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION');
  expect((await ok('inquiries', 'dev-admin', { action: 'get', id })).status).toBe('submitted');

  const accepted = await ok('inquiries', 'dev-admin', { action: 'accept', id, contactId: 'ct-xianwei-ban' });
  expect(accepted.clock).toMatchObject({ dueDate: '2026-12-02', daysLeft: 30 });

  // Confidential: a resident and another representative are told it does not exist.
  expect((await host.call('inquiries', 'dev-resident', { action: 'get', id })).status).toBe(404);
  const { code: other } = await ok('members', 'dev-admin', { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' });
  await ok('members', 'e2e-other-rep', { action: 'bind', code: other });
  expect((await host.call('inquiries', 'e2e-other-rep', { action: 'get', id })).status).toBe(404);

  // 26 days on, the contact is reminded (4 days left; the 7-day reminder went out on day 23).
  await setClock('2026-11-25T09:05:00+08:00');
  await runTimer();
  await setClock('2026-11-28T09:05:00+08:00');
  await runTimer();
  expect((await outboxOf('dev-contact')).filter((m) => m.kind === 'inquiry_due_soon')).toHaveLength(1);

  // A clarification pauses the clock five days: the due date moves five days.
  await ok('inquiries', 'dev-contact', { action: 'askClarification', id, question: '“下一步举措”具体指哪些路段？' });
  await setClock('2026-12-03T10:00:00+08:00');
  const clarified = await ok('inquiries', 'dev-rep', { action: 'clarify', id, answer: '主要指城东路和环城南路高峰时段。' });
  expect(clarified.clock).toMatchObject({ dueDate: '2026-12-07', pausedDays: 5 });

  // The contact replies in writing and meets the proposers face to face.
  await ok('inquiries', 'dev-contact', { action: 'reply', id, text: '县委高度重视交通治堵工作，已完成城东路渠化改造，下一步将优化信号配时。' });
  await ok('inquiries', 'dev-contact', { action: 'meet', id, at: '2026-12-03T09:30:00+08:00', place: '县委办公室会议室', attendees: '陈立新、王建华', summary: '当面说明治堵工作进展和后续安排。' });
  expect((await outboxOf('dev-rep')).map((m) => m.kind)).toEqual(expect.arrayContaining(['inquiry_replied', 'inquiry_met']));

  // The subject's contact cannot evaluate; both proposers are not satisfied: round 2, a new 30-day clock.
  expect((await host.call('inquiries', 'dev-contact', { action: 'evaluate', id, satisfied: true })).status).toBe(403);
  await ok('inquiries', 'dev-rep', { action: 'evaluate', id, satisfied: false, comment: '没有回答具体时间表' });
  const round2 = await ok('inquiries', 'e2e-cosigner', { action: 'evaluate', id, satisfied: false });
  expect(round2).toMatchObject({ status: 'accepted', round: 2 });
  expect(round2.clock.dueDate).toBe('2027-01-02');

  // The clock passes the new due date: on the supervision list; the administrator holds the subject to account.
  await setClock('2027-01-05T10:00:00+08:00');
  await runTimer();
  const supervision = await ok('inquiries', 'dev-admin', { action: 'supervision' });
  expect(supervision.items).toEqual([expect.objectContaining({ id, overdue: true, round: 2 })]);
  expect((await outboxOf('dev-admin')).map((m) => m.kind)).toContain('inquiry_overdue_digest');
  const held = await ok('inquiries', 'dev-admin', { action: 'holdAccountable', id, measure: '批评教育', note: '第二轮逾期未书面答复，予以批评教育' });
  expect(held.accountability).toEqual([expect.objectContaining({ measure: '批评教育', round: 2 })]);
  expect(held.timeline.map((e: { action: string }) => e.action)).toEqual([
    'raise',
    'cosignLast',
    'accept',
    'askClarification',
    'clarify',
    'reply',
    'meet',
    'evaluate',
    'evaluateNextRound',
    'holdAccountable',
  ]);
}, 60_000);

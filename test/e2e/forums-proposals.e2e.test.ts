import { startLocalHost, type LocalHost } from '../support/localHost';

/**
 * Issue 12's forum and proposal as a new user would try them with `npm start`: over HTTP, on the
 * real local host, with the dev clock and the timer run by hand.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const setClock = (now: string) => host.request('POST', '/dev/clock', { body: { now } });
const ok = async (fn: string, openid: string, event: Record<string, unknown>) => {
  const r = await host.call(fn, openid, event);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${r.status} ${r.text}`);
  return r.body.data;
};
const outboxOf = async (openid: string): Promise<Array<{ kind: string; body: string }>> =>
  (await host.request('GET', `/dev/outbox?recipient=${openid}`)).body.data;

/** Residents of 福应街道 write about parking, and about two other things; with names and phones. */
const RESIDENTS = [
  { openid: 'e2e-park-1', name: '孙立', phone: '13970000001', content: '小区停车位太少，晚上车辆乱停占用消防通道，希望增加停车位。', category: '交通出行' },
  { openid: 'e2e-park-2', name: '周敏', phone: '13970000002', content: '城东路两边停车难，接送孩子的车辆把路堵死了。', category: '交通出行' },
  { openid: 'e2e-park-3', name: '吴刚', phone: '13970000003', content: '老旧小区没有停车场，能否利用空地建一个停车场？', category: '交通出行' },
  { openid: 'e2e-other-1', name: '郑洁', phone: '13970000004', content: '菜市场门口垃圾清运不及时，气味很大。', category: '生态环境' },
  { openid: 'e2e-other-2', name: '王芳', phone: '13970000005', content: '村里的路灯坏了一个多月，晚上出行不安全。', category: '城乡建设' },
];

it('from topic suggestions through a township forum to a proposal handled by departments, appraised, sent back and urged', async () => {
  await setClock('2026-11-02T10:00:00+08:00');
  const items: Array<{ id: string; no: string; openid: string }> = [];
  for (const [i, r] of RESIDENTS.entries()) {
    const item = await ok('register', r.openid, {
      action: 'submit',
      requestId: `e2e-forum-item-${i}`,
      studioId: 'studio-fuying',
      category: r.category,
      content: r.content,
      contactName: r.name,
      contactPhone: r.phone,
    });
    items.push({ id: item.id, no: item.no, openid: r.openid });
  }

  // The second proposer binds their WeChat account to 陈素芬; staff of 县交通运输局 bind too.
  const { code } = await ok('members', 'dev-admin', { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
  await ok('members', 'e2e-chen', { action: 'bind', code });
  const { code: deptCode } = await ok('members', 'dev-admin', { action: 'invite', kind: 'department', departmentId: 'dept-jiaotong' });
  await ok('members', 'e2e-jiaotong', { action: 'bind', code: deptCode });
  expect(await ok('members', 'e2e-jiaotong', { action: 'me' })).toMatchObject({ role: 'department', departmentId: 'dept-jiaotong' });

  // The liaison asks for topics: the parking theme comes first.
  const topics = await ok('forums', 'dev-liaison', { action: 'suggestTopics', scope: 'township', id: 'fuying' });
  expect(topics.categories[0]).toMatchObject({ category: '交通出行', count: 3 });
  expect(topics.words[0]).toMatchObject({ word: '停车', count: 3 });
  const linked = topics.words[0].items.slice(0, 2).map((i: { id: string }) => i.id) as string[];

  // Malformed input changes nothing.
  const bad = await host.call('forums', 'dev-liaison', { action: 'schedule', level: 'township', studioId: 'studio-fuying', topic: '停车' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION');

  const draft = await ok('forums', 'dev-liaison', {
    action: 'schedule',
    requestId: 'e2e-forum-0001',
    level: 'township',
    studioId: 'studio-fuying',
    topic: '破解城东片区停车难',
    description: '围绕城东片区老旧小区停车难、占用消防通道等群众反映集中的问题，听取党代表和群众意见，形成对策建议。',
    startAt: '2026-11-20T14:00:00+08:00',
    endAt: '2026-11-20T16:30:00+08:00',
    form: 'studio',
    representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
    invitedDepartmentIds: ['dept-zhujian'],
    itemIds: linked,
  });
  const forumId = draft.id as string;
  expect((await host.call('forums', 'dev-resident', { action: 'get', id: forumId })).status).toBe(404);
  expect((await ok('forums', 'dev-liaison', { action: 'publish', id: forumId })).status).toBe('published');

  // The printable notice, as the studio's wall shows it.
  const notice = await host.request('GET', `/forums/${forumId}/notice`);
  expect(notice.status).toBe(200);
  expect(notice.headers['content-type']).toContain('text/html');
  expect(notice.text).toContain('破解城东片区停车难');

  // Residents send views before it starts.
  await ok('forums', 'dev-resident', { action: 'submitView', id: forumId, requestId: 'e2e-view-0001', content: '建议利用城东公园地下空间建设公共停车场。' });
  await ok('forums', 'e2e-other-1', { action: 'submitView', id: forumId, requestId: 'e2e-view-0002', content: '建议机关单位停车位夜间向居民开放。' });
  expect((await ok('forums', 'dev-liaison', { action: 'views', id: forumId })).total).toBe(2);

  // After it ends, the liaison closes it with an outcome as a proposal.
  await setClock('2026-11-20T17:00:00+08:00');
  const closed = await ok('forums', 'dev-liaison', {
    action: 'close',
    id: forumId,
    attendance: ['rep-fuying-1', 'rep-fuying-2'],
    summary: '与会党代表和群众代表围绕停车难充分讨论，形成两项成果。',
    outcomes: [
      { title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场，缓解老旧小区停车难。', asProposal: true },
      { title: '推行错时共享停车', content: '由街道协调辖区机关单位夜间向居民开放停车位。', asProposal: false },
    ],
  });
  expect(closed).toMatchObject({ status: 'closed', attendance: [{ name: '王建华' }, { name: '陈素芬' }] });
  expect(closed.outcomes[0].proposalNo).toBe('TY2026-001');
  const id = closed.outcomes[0].proposalId as string;

  // The submitters of the linked items are told what came of it; the third parking resident was not linked.
  for (const itemId of linked) {
    const who = items.find((i) => i.id === itemId)?.openid as string;
    const told = (await outboxOf(who)).filter((m) => m.kind === 'forum_outcome');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('TY2026-001');
  }
  const notLinked = items.find((i) => i.openid.startsWith('e2e-park') && !linked.includes(i.id))?.openid as string;
  expect((await outboxOf(notLinked)).map((m) => m.kind)).not.toContain('forum_outcome');
  expect((await outboxOf('e2e-other-1')).map((m) => m.kind)).toContain('forum_outcome'); // sent a view

  // The administrator accepts it and dispatches it to a lead and an assisting department.
  await ok('proposals', 'dev-admin', { action: 'review', id, decision: 'accept' });
  const dispatched = await ok('proposals', 'dev-admin', { action: 'dispatch', id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' });
  expect(dispatched.clock.dueDate).toBe('2027-02-20');
  expect((await outboxOf('dev-dept')).map((m) => m.kind)).toContain('proposal_assigned');
  expect((await outboxOf('e2e-jiaotong')).map((m) => m.kind)).toContain('proposal_assigned');

  // Another proposal, dispatched elsewhere: a department sees only its own.
  const other = await ok('proposals', 'dev-rep', { action: 'raise', requestId: 'e2e-proposal-0002', title: '推进城区垃圾分类', content: '建议在城区老旧小区全面推行垃圾分类定时定点投放，配齐分类设施。', category: '生态环境', level: 'township' });
  await ok('proposals', 'dev-admin', { action: 'review', id: other.id, decision: 'accept' });
  await ok('proposals', 'dev-admin', { action: 'dispatch', id: other.id, leadDepartmentId: 'dept-zonghezhifa' });
  expect((await ok('proposals', 'dev-dept', { action: 'list' })).items.map((p: { id: string }) => p.id)).toEqual([id]);
  expect((await ok('proposals', 'e2e-jiaotong', { action: 'list' })).items.map((p: { id: string }) => p.id)).toEqual([id]);
  expect((await host.call('proposals', 'dev-dept', { action: 'accept', id: other.id })).status).toBe(404);

  // The department takes it, posts progress at 40% and 100%, and completes it as solved.
  expect((await ok('proposals', 'dev-dept', { action: 'accept', id })).status).toBe('in_progress');
  await setClock('2026-12-10T10:00:00+08:00');
  await ok('proposals', 'dev-dept', { action: 'progress', id, text: '完成城东片区停车需求调查和选址论证', percent: 40, milestone: '选址论证' });
  await setClock('2027-01-20T10:00:00+08:00');
  await ok('proposals', 'dev-dept', { action: 'progress', id, text: '城东公共停车场建成投用', percent: 100, milestone: '建成投用' });
  expect((await outboxOf('e2e-chen')).filter((m) => m.kind === 'proposal_progress')).toHaveLength(2);
  const done = await ok('proposals', 'dev-dept', { action: 'complete', id, result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' });
  expect(done).toMatchObject({ status: 'completed', result: { kind: 'solved', onTime: true } });

  // A resident sees the proposal's progress, but no name or phone of any resident (nor the proposers).
  const seen = [await ok('proposals', 'dev-resident', { action: 'list' }), await ok('proposals', 'dev-resident', { action: 'get', id }), await ok('forums', 'dev-resident', { action: 'get', id: forumId })];
  const one = seen[1];
  expect(one).toMatchObject({ public: true, percent: 100, leadDepartment: '县住建局', assisting: ['县交通运输局'], result: { label: '已解决' } });
  expect(one.milestones.map((m: { milestone: string }) => m.milestone)).toEqual(['选址论证', '建成投用']);
  const text = JSON.stringify(seen);
  for (const r of RESIDENTS) {
    expect(text).not.toContain(r.name);
    expect(text).not.toContain(r.phone);
    expect(text).not.toContain(r.openid);
  }
  // The proposal's public view names no proposer either (the forum's notice names its representatives, as the wall does).
  expect(JSON.stringify(seen.slice(0, 2))).not.toContain('陈素芬');

  // The proposers appraise it not satisfied: it goes back to the departments for round 2.
  await ok('proposals', 'dev-rep', { action: 'appraise', id, rating: 'not_satisfied', comment: '小区内部停车问题没有解决' });
  const back = await ok('proposals', 'e2e-chen', { action: 'appraise', id, rating: 'not_satisfied' });
  expect(back).toMatchObject({ status: 'in_progress', round: 2 });
  expect((await outboxOf('dev-dept')).map((m) => m.kind)).toContain('proposal_reopened');

  // Urging twice within 3 days: the second is refused.
  await ok('proposals', 'dev-admin', { action: 'urge', id, note: '请加快推进小区内部停车挖潜' });
  await setClock('2027-01-22T10:00:00+08:00');
  const again = await host.call('proposals', 'dev-admin', { action: 'urge', id });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('INVALID_STATE');
  const final = await ok('proposals', 'dev-admin', { action: 'get', id });
  expect(final.urges).toHaveLength(1);
  expect(final.timeline.map((e: { action: string }) => e.action)).toEqual([
    'raise',
    'reviewAccept',
    'dispatch',
    'accept',
    'progress',
    'progress',
    'complete',
    'appraise',
    'appraiseReopen',
    'urge',
  ]);
}, 90_000);

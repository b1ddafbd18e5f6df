import fs from 'node:fs';
import path from 'node:path';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { logNotifier } from '../../core/ports/notifier';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, submitEvent } from '../support/app';

/**
 * Every page the server sends people to — in messages, digests and views — is a page of the
 * mini-program (issue 16: a digest once linked to a page that did not exist).
 */

const app = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[] }>;
};
const PAGES = new Set([...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]);
const { resident, representative: rep, liaison, admin, contact } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);

it('every page path in messages, digests and views is a page of app.json', async () => {
  const notifier = logNotifier();
  const t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', notifier });
  const seen = new Set<string>();
  const run = async (local: string) => {
    t.clock.set(sh(local));
    await t.app.runTimer('reminders');
  };
  for (const who of [resident, rep, liaison, admin, contact]) {
    await t.ok('members', who, { action: 'subscribe', templateIds: ['dev-itemProgress', 'dev-todo', 'dev-booking', 'dev-activity'] });
  }

  // An item through its life, overdue on the way (owner, liaison and admin reminders).
  const item = await t.ok('register', resident, submitEvent());
  await t.ok('register', liaison, { action: 'assign', id: item.id, representativeId: DEV_REP_ID });
  await run('2026-11-26T09:00:00');
  await t.ok('register', rep, { action: 'answer', id: item.id, reply: '已联系街道城管中队，路灯本周内修复。' });
  await t.ok('register', resident, { action: 'feedback', id: item.id, satisfied: false });
  const referred = await t.ok('register', resident, submitEvent());
  await t.ok('register', liaison, { action: 'accept', id: referred.id });
  await t.ok('register', liaison, { action: 'refer', id: referred.id, departmentId: 'dept-jiaotong', deadline: '2026-12-30' });
  await t.ok('register', liaison, { action: 'resolve', id: referred.id, reply: '已解决。' });

  // A reception: booked, waiting, promoted, the day before, then another cancelled.
  const reception = async (day: string) => {
    const r = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: `${day}T09:00:00+08:00`,
      endAt: `${day}T11:00:00+08:00`,
      form: 'studio',
      topic: '民生实事征集',
      representativeIds: [DEV_REP_ID],
      capacity: 1,
    });
    await t.ok('receptions', liaison, { action: 'publish', id: r.id });
    seen.add(r.page);
    return r;
  };
  const r1 = await reception('2026-12-10');
  await t.ok('receptions', resident, { action: 'book', id: r1.id, requestId: requestId(), question: '小区停车难怎么办？' });
  await t.ok('receptions', 'resident-b', { action: 'book', id: r1.id, requestId: requestId() });
  await t.ok('receptions', resident, { action: 'cancelBooking', id: r1.id });
  await run('2026-12-09T09:00:00');
  const r2 = await reception('2026-12-20');
  await t.ok('receptions', resident, { action: 'book', id: r2.id, requestId: requestId() });
  await t.ok('receptions', liaison, { action: 'cancel', id: r2.id, reason: '场地维修' });

  // An inquiry through its reminders and the administrators' digest.
  const inq = await t.ok('inquiries', rep, {
    action: 'raise',
    requestId: requestId(),
    subject: { body: 'party_committee' },
    area: 'hot_issues',
    title: '城区交通拥堵治理进展',
    content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何？',
    context: 'interim',
  });
  await t.ok('inquiries', admin, { action: 'accept', id: inq.id, contactId: 'ct-xianwei-ban' });
  await run('2027-01-05T09:30:00');
  await run('2027-01-05T10:00:00');

  const rows = await t.store.find<OutboxMessage>('outbox', { limit: 1000 });
  for (const m of rows) if (m.page) seen.add(m.page);
  for (const m of notifier.sent) if (m.page) seen.add(m.page);
  const paths = [...seen].map((p) => p.split('?')[0]);
  expect(paths.length).toBeGreaterThan(5);
  // a digest (several messages to one person in one run) was among them
  expect(notifier.sent.some((m) => m.page === 'pages/notices/index/index')).toBe(true);
  expect(paths.filter((p) => !PAGES.has(p))).toEqual([]);
  t.close();
});

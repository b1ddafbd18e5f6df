import { startLocalHost, type LocalHost } from '../support/localHost';

/**
 * Issues 3 and 4 as a new user would try them with `npm start`: over HTTP, on the real
 * local host, with the dev clock.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const setClock = (now: string) => host.request('POST', '/dev/clock', { body: { now } });

it('a liaison schedules and publishes a reception eight days out, a resident books it, the liaison checks them in by code, the notice opens', async () => {
  await setClock('2026-12-01T10:00:00+08:00');
  const draft = await host.call('receptions', 'dev-liaison', {
    action: 'schedule',
    studioId: 'studio-fuying',
    startAt: '2026-12-09T09:00:00+08:00',
    endAt: '2026-12-09T11:00:00+08:00',
    form: 'studio',
    topic: '冬季供暖与老旧小区改造',
    representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
    capacity: 10,
  });
  expect(draft.status).toBe(200);
  const id = draft.body.data.id as string;

  // Too soon: a reception seven days out minus one is refused, with the earliest date.
  const early = await host.call('receptions', 'dev-liaison', {
    action: 'schedule',
    studioId: 'studio-fuying',
    startAt: '2026-12-07T09:00:00+08:00',
    endAt: '2026-12-07T10:00:00+08:00',
    form: 'studio',
    topic: '临时接待',
    representativeIds: ['rep-fuying-1'],
    capacity: 5,
  });
  const refused = await host.call('receptions', 'dev-liaison', { action: 'publish', id: early.body.data.id });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toEqual(expect.objectContaining({ code: 'INVALID_STATE', details: { earliestDate: '2026-12-08' } }));

  expect((await host.call('receptions', 'dev-resident', { action: 'publish', id })).status).toBe(404); // a draft exists only for its managers
  const published = await host.call('receptions', 'dev-liaison', { action: 'publish', id });
  expect(published.body.data.status).toBe('published');

  const booked = await host.call('receptions', 'dev-resident', { action: 'book', id, requestId: 'e2e-book-000001' });
  expect(booked.status).toBe(200);
  const code = booked.body.data.myBooking.code as string;
  expect(code).toMatch(/^[2-9A-Z]{6}$/);

  const notice = await host.request('GET', `/receptions/${id}/notice`);
  expect(notice.status).toBe(200);
  expect(notice.headers['content-type']).toContain('text/html');
  expect(notice.text).toContain('冬季供暖与老旧小区改造');
  expect((await host.request('GET', `/receptions/${early.body.data.id}/notice`)).status).toBe(404);

  await setClock('2026-12-09T08:45:00+08:00');
  expect((await host.call('receptions', 'dev-resident', { action: 'checkIn', code })).status).toBe(403);
  const checked = await host.call('receptions', 'dev-liaison', { action: 'checkIn', code });
  expect(checked.body.data.status).toBe('checked_in');
  const mine = await host.call('receptions', 'dev-resident', { action: 'myBookings' });
  expect(mine.body.data.items[0].status).toBe('checked_in');
}, 60_000);

it('an item past its deadline reaches the representative and the liaison through the timer, visible at /dev/outbox', async () => {
  await setClock('2026-12-01T10:00:00+08:00');
  const item = await host.call('register', 'dev-resident', {
    action: 'submit',
    requestId: 'e2e-reminder-0001',
    studioId: 'studio-fuying',
    category: '城乡建设',
    content: '村口桥梁护栏松动，存在安全隐患。',
  });
  const id = item.body.data.id as string;
  await host.call('register', 'dev-liaison', { action: 'assign', id, representativeId: 'rep-fuying-1' });

  await setClock('2026-12-20T09:00:00+08:00'); // the default 15-day deadline was 12-16
  const run = await host.request('POST', '/dev/timers/reminders');
  expect(run.status).toBe(200);
  expect(run.body.data.planned.items).toBeGreaterThanOrEqual(1);

  const kinds = async (who: string) =>
    ((await host.request('GET', `/dev/outbox?recipient=${who}`)).body.data as Array<{ kind: string; body: string }>).filter((m) => m.body.includes('村口桥梁')).map((m) => m.kind);
  expect(await kinds('dev-rep')).toEqual(expect.arrayContaining(['item_assigned', 'item_overdue']));
  expect(await kinds('dev-liaison')).toEqual(['studio_item_overdue']); // assigned in time: no "not accepted" escalation
  expect(await kinds('dev-resident')).toEqual(['item_accepted']);

  // a second run the same day adds nothing
  const before = (await host.request('GET', '/dev/outbox')).body.data.length;
  await host.request('POST', '/dev/timers/reminders');
  expect((await host.request('GET', '/dev/outbox')).body.data.length).toBe(before);
}, 60_000);

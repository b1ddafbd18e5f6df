import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, submitEvent } from '../support/app';

const { resident, representative: rep, liaison, admin } = DEV_IDENTITIES;
const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('the workbench of representatives and liaison staff', () => {
  it('counts new, mine, due within 2 days and overdue, for the caller only', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
    const a = await t.ok('register', resident, submitEvent());
    const b = await t.ok('register', resident, submitEvent());
    const c = await t.ok('register', resident, submitEvent());
    await t.ok('register', resident, submitEvent({ studioId: 'studio-anzhou' }));
    await t.ok('register', rep, { action: 'accept', id: a.id });
    await t.ok('register', rep, { action: 'promise', id: a.id, deadline: '2026-11-03', note: '明天答复' });
    await t.ok('register', liaison, { action: 'assign', id: b.id, representativeId: 'rep-fuying-2' });
    await t.ok('register', liaison, { action: 'accept', id: c.id });
    await t.ok('register', liaison, { action: 'promise', id: c.id, deadline: '2026-11-02', note: '今天答复' });

    expect(await t.ok('register', rep, { action: 'workbench' })).toEqual({ new: 0, mine: 1, dueSoon: 2, overdue: 0, dueSoonDays: 2 });
    expect(await t.ok('register', liaison, { action: 'workbench' })).toEqual(expect.objectContaining({ new: 0, mine: 1, dueSoon: 2 }));
    expect((await t.ok('register', admin, { action: 'workbench' })).new).toBe(1);
    t.clock.set(sh('2026-11-04T10:00:00'));
    expect(await t.ok('register', rep, { action: 'workbench' })).toEqual(expect.objectContaining({ dueSoon: 0, overdue: 2 }));
    expect(await t.fails('register', resident, { action: 'workbench' })).toBe('FORBIDDEN');
  });

  it('inbox with mine lists only the items the caller owns', async () => {
    const t = await makeTestApp();
    const a = await t.ok('register', resident, submitEvent());
    await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    const mine = await t.ok('register', rep, { action: 'inbox', mine: true });
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect((await t.ok('register', rep, { action: 'inbox' })).total).toBe(2);
    expect((await t.ok('register', liaison, { action: 'inbox', mine: true })).total).toBe(0);
  });
});

describe('reception duties', () => {
  it('a representative sees the receptions they are on duty at; the liaison every reception of the studio, drafts too', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
    const schedule = (reps: string[], day: string) =>
      t.ok('receptions', liaison, {
        action: 'schedule',
        studioId: DEV_STUDIO_ID,
        startAt: `${day}T09:00:00+08:00`,
        endAt: `${day}T10:00:00+08:00`,
        form: 'studio',
        topic: '接待',
        representativeIds: reps,
        capacity: 5,
      });
    const onDuty = await schedule([DEV_REP_ID], '2026-11-12');
    const other = await schedule(['rep-fuying-2'], '2026-11-13');
    await schedule([DEV_REP_ID], '2026-11-14'); // a draft
    await t.ok('receptions', liaison, { action: 'publish', id: onDuty.id });
    await t.ok('receptions', liaison, { action: 'publish', id: other.id });

    const repDuties = await t.ok('receptions', rep, { action: 'duties' });
    expect(repDuties.items.map((r: { id: string }) => r.id)).toEqual([onDuty.id]);
    expect(repDuties.items[0].actions).toEqual(expect.arrayContaining(['checkIn']));
    expect(repDuties.items[0].actions).not.toContain('walkIn'); // only at the reception itself (issue 11, hole 6)
    const liaisonDuties = await t.ok('receptions', liaison, { action: 'duties' });
    expect(liaisonDuties.total).toBe(3);
    expect(liaisonDuties.items.map((r: { status: string }) => r.status)).toEqual(['published', 'published', 'draft']);
    expect(await t.fails('receptions', resident, { action: 'duties' })).toBe('FORBIDDEN');
  });
});

describe('the due-soon queue', () => {
  it('lists open items due within the reminder window, soonest first, and not overdue ones', async () => {
    const t = await makeTestApp({ now: sh('2026-11-02T10:00:00') });
    const a = await t.ok('register', resident, submitEvent());
    const b = await t.ok('register', resident, submitEvent());
    await t.ok('register', resident, submitEvent());
    await t.ok('register', rep, { action: 'accept', id: a.id });
    await t.ok('register', rep, { action: 'promise', id: a.id, deadline: '2026-11-03', note: '明天答复' });
    await t.ok('register', rep, { action: 'accept', id: b.id });
    await t.ok('register', rep, { action: 'promise', id: b.id, deadline: '2026-11-02', note: '今天答复' });
    const due = await t.ok('register', liaison, { action: 'inbox', dueSoon: true });
    expect(due.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    expect(await t.fails('register', liaison, { action: 'inbox', dueSoon: true, overdue: true })).toBe('VALIDATION');
    t.clock.set(sh('2026-11-03T08:00:00')); // b is overdue now
    expect((await t.ok('register', liaison, { action: 'inbox', dueSoon: true })).items.map((i: { id: string }) => i.id)).toEqual([a.id]);
  });
});

it('messages to staff open the staff handling page; messages to residents their progress page', async () => {
  const t = await makeTestApp();
  const a = await t.ok('register', resident, submitEvent());
  await t.ok('register', liaison, { action: 'assign', id: a.id, representativeId: DEV_REP_ID });
  const rows = await t.store.find<{ _id: string; _v: number; recipientOpenid: string; page: string }>('outbox', {});
  expect(Object.fromEntries(rows.map((r) => [r.recipientOpenid, r.page]))).toEqual({
    [rep]: `pages/staff/item/index?id=${a.id}`,
    [resident]: `pages/items/detail/index?id=${a.id}`,
  });
});

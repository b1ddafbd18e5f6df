import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/** 驻点值班 (pages/ops/roster): generate, view, unavailable dates, a swap asked and approved, an open day. */

const { representative: rep, liaison, resident } = DEV_IDENTITIES;
const ROSTER = 'pages/ops/roster/index';

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

const generate = (weekdays = [1, 2, 3, 4, 5]) =>
  backend.t.ok('roster', liaison, { action: 'generate', studioId: 'studio-fuying', month: '2026-11', weekdays, halves: ['am'] });

it('the liaison generates the month: every shift with two representatives, the counts within one, said on the page', async () => {
  backend.as(liaison);
  const page = await openPage(ROSTER);
  expect(text(find(page, '.no-shifts'))).toBe('本月尚未排班');
  await tapText(page, '.half', '下午 14:00–17:00');
  await tapButton(page, '.generate');
  expect(text(find(page, '.generate-note'))).toBe('已生成 40 个班次，每班 2 人，每人班次相差不超过 1');
  const shifts = page.querySelectorAll('.shift');
  expect(shifts).toHaveLength(40);
  for (const s of shifts) expect(text(s)).toMatch(/^(上午|下午)[^、]+、[^、]+公告为开放日$/);
  expect(text(find(page, '.fairness'))).toBe('每人 16–16 班，相差不超过 0');
  expect(text(find(page, '.roster-title'))).toMatch(/^福应街道党代表工作室 \d{4}年\d{1,2}月 值班表$/);
  expect(await backend.t.store.count('shifts')).toBe(40);
});

it('a representative marks the dates they cannot come, and is told which shifts they already have on them', async () => {
  await generate();
  backend.as(rep);
  const page = await openPage(ROSTER);
  expect(exists(page, '.generate')).toBe(false);
  const mine = page.data.days.flatMap((d: { shifts: Array<{ mine: boolean; date: string }> }) => d.shifts).find((s: { mine: boolean }) => s.mine);
  const chip = page.querySelectorAll('.date').find((d) => d.dom.getAttribute('data-date') === mine.date);
  chip?.dispatchEvent('tap');
  await backend.settle();
  await tapButton(page, '.save-dates');
  expect(text(find(page, '.dates-note'))).toContain('已有值班，请申请换班');
  const stored = await backend.t.store.get<{ _id: string; _v: number; dates: string[] }>('unavailability', 'ua-rep-fuying-1-2026-11');
  expect(stored?.dates).toEqual([mine.date]);
});

it('a representative asks for a swap on their shift; the liaison approves it; the shift changes hands', async () => {
  await generate();
  backend.as(rep);
  const page = await openPage(ROSTER);
  await tap(page, '.shift--mine .ask-swap');
  await tapButton(page, '.swap-send');
  expect(text(find(page, '.swap-error'))).toBe('请填写换班理由');
  await type(page, '.swap-reason', '当天参加县里会议');
  await tapButton(page, '.swap-send');
  expect(text(find(page, '.swap'))).toContain('待审批');
  expect(exists(page, '.swap .approve')).toBe(false);

  backend.as(liaison);
  const desk = await openPage(ROSTER);
  expect(text(find(desk, '.swap'))).toContain('理由：当天参加县里会议');
  await tapButton(desk, '.approve');
  expect(text(find(desk, '.swap'))).toContain('已同意');
  const [swap] = await backend.t.store.find<{ _id: string; _v: number; shiftId: string; toRep: string }>('swaps', {});
  const shift = await backend.t.store.get<{ _id: string; _v: number; repIds: string[] }>('shifts', swap.shiftId);
  expect(shift?.repIds).toContain(swap.toRep);
  expect(shift?.repIds).not.toContain('rep-fuying-1');
});

it('a refusal asks for its reason first', async () => {
  await generate();
  const [first] = (await backend.t.ok('roster', rep, { action: 'month', studioId: 'studio-fuying', month: '2026-11' })).shifts.filter((s: { representatives: Array<{ id: string }> }) => s.representatives.some((r) => r.id === 'rep-fuying-1'));
  const other = ['rep-fuying-2', 'rep-fuying-3', 'rep-fuying-4', 'rep-fuying-5'].find((id) => !first.representatives.some((r: { id: string }) => r.id === id));
  await backend.t.ok('roster', rep, { action: 'requestSwap', requestId: 'mp-swap-000001', shiftId: first.id, toRepId: other, reason: '出差' });
  backend.as(liaison);
  const page = await openPage(ROSTER);
  await tapButton(page, '.reject');
  await tapButton(page, '.reject');
  expect(text(find(page, '.action-error'))).toBe('请填写不同意的理由');
  await type(page, '.reject-reason', '当天人手已满');
  await tapButton(page, '.reject');
  expect(text(find(page, '.swap'))).toContain('未同意');
  expect(text(find(page, '.swap'))).toContain('意见：当天人手已满');
});

it('an open day needs 7 days\' notice: too soon the back end\'s refusal shows; later it is published and tagged', async () => {
  await generate();
  backend.as(liaison);
  const page = await openPage(ROSTER);
  await tap(page, '.open-day');
  expect(text(find(page, '.action-error'))).toContain('开放日须提前 7 天公告');
  // 11-02 + 7 days: a shift on 11-09 or later may be announced.
  const later = page.querySelectorAll('.open-day').find((n) => String(n.dom.getAttribute('data-id')) >= 'sh-studio-fuying-2026-11-09');
  expect(later).toBeDefined();
  later?.dispatchEvent('tap');
  await backend.settle();
  expect(exists(page, '.tag--success')).toBe(true);
  expect(await backend.t.store.count('receptions', { status: 'published' })).toBe(1);
});

it('a resident gets no permission', async () => {
  backend.as(resident);
  const page = await openPage(ROSTER);
  expect(page.data.state).toBe('forbidden');
});

import { calendarDaysBetween, daysLeft, dueDate, extendClock, isOverdue, pauseClock, resumeClock, startClock } from '../../core/matters/deadline';

const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('the deadline clock counts Shanghai calendar days', () => {
  it('30 days from an acceptance at 23:30 end on the 30th Shanghai day after it, at 23:59:59.999', () => {
    const c = startClock(sh('2026-11-02T23:30:00'), 30);
    expect(dueDate(c)).toBe('2026-12-02');
    expect(c.dueAt).toBe(sh('2026-12-03T00:00:00') - 1);
  });

  it('a start at 00:30 Shanghai (still the previous day in UTC) counts from the Shanghai day', () => {
    expect(dueDate(startClock(sh('2026-11-03T00:30:00'), 30))).toBe('2026-12-03');
  });

  it('is overdue only after the due day and while running', () => {
    const c = startClock(sh('2026-11-02T10:00:00'), 30);
    expect(isOverdue(c, sh('2026-12-02T23:59:00'))).toBe(false);
    expect(isOverdue(c, sh('2026-12-03T00:00:01'))).toBe(true);
    expect(isOverdue(pauseClock(c, sh('2026-12-01T10:00:00')), sh('2026-12-05T10:00:00'))).toBe(false);
  });

  it('paused calendar days move the due date by as many days', () => {
    const c = startClock(sh('2026-11-02T10:00:00'), 30);
    const paused = pauseClock(c, sh('2026-11-10T16:00:00'));
    const resumed = resumeClock(paused, sh('2026-11-15T09:00:00'));
    expect(resumed.pausedDays).toBe(5);
    expect(dueDate(resumed)).toBe('2026-12-07');
    expect(resumed.pausedAt).toBeNull();
  });

  it('a pause and resumption on the same day costs nothing; across midnight one day', () => {
    const c = startClock(sh('2026-11-02T10:00:00'), 30);
    expect(dueDate(resumeClock(pauseClock(c, sh('2026-11-10T09:00:00')), sh('2026-11-10T18:00:00')))).toBe('2026-12-02');
    expect(dueDate(resumeClock(pauseClock(c, sh('2026-11-10T23:50:00')), sh('2026-11-11T00:10:00')))).toBe('2026-12-03');
  });

  it('pausing twice keeps the first pause; resuming a running clock changes nothing', () => {
    const c = startClock(sh('2026-11-02T10:00:00'), 30);
    const p = pauseClock(c, sh('2026-11-05T10:00:00'));
    expect(pauseClock(p, sh('2026-11-07T10:00:00')).pausedAt).toBe(sh('2026-11-05T10:00:00'));
    expect(resumeClock(c, sh('2026-11-07T10:00:00'))).toEqual(c);
  });

  it('an extension adds its days to the due date, on top of paused days', () => {
    const c = resumeClock(pauseClock(startClock(sh('2026-11-02T10:00:00'), 30), sh('2026-11-03T10:00:00')), sh('2026-11-05T10:00:00'));
    expect(dueDate(extendClock(c, 10))).toBe('2026-12-14');
  });

  it('days left are calendar days to the due day: 0 on the day, negative after', () => {
    const c = startClock(sh('2026-11-02T10:00:00'), 30);
    expect(daysLeft(c, sh('2026-11-25T08:00:00'))).toBe(7);
    expect(daysLeft(c, sh('2026-12-02T20:00:00'))).toBe(0);
    expect(daysLeft(c, sh('2026-12-05T08:00:00'))).toBe(-3);
    expect(calendarDaysBetween(sh('2026-12-31T23:00:00'), sh('2027-01-01T01:00:00'))).toBe(1);
  });
});

import type { Envelope } from '../../core/errors';
import { formatCalendarDate } from '../../core/time';
import type { ItemView } from '../../core/register/item';
import { makeTestApp, requestId, submitEvent, type TestApp } from '../support/app';
import { CHINESE, accepted, answered, itemCount, stored, submitted } from '../support/register';

/**
 * Faults (issue 2, item 7): retried and concurrent requests, numbering, racing updates,
 * content checks and the submit rate limit.
 */

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterEach(() => t.close());

const data = <T>(r: Envelope<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.data as T;
};

describe('submit is idempotent on requestId', () => {
  it('a retry returns the same item and stores no second one', async () => {
    const event = submitEvent();
    const first = await t.ok<ItemView>('register', 'dev-resident', event);
    const retry = await t.ok<ItemView>('register', 'dev-resident', event);
    expect(retry.id).toBe(first.id);
    expect(retry.no).toBe(first.no);
    expect(await itemCount(t)).toBe(1);
    // no number was spent on the retry
    expect((await submitted(t)).no).toBe('XJ2026-000002');
  });

  it('a retry sent while the first is still in flight is the same item, and no number is lost', async () => {
    const event = submitEvent();
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => t.ok<ItemView>('register', 'dev-resident', event)));
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(new Set([a.no, b.no, c.no])).toEqual(new Set(['XJ2026-000001']));
    expect(await itemCount(t)).toBe(1);
    expect((await submitted(t)).no).toBe('XJ2026-000002');
  });

  it('a retry with different text still returns the first item unchanged', async () => {
    const event = submitEvent();
    const first = await t.ok<ItemView>('register', 'dev-resident', event);
    const retry = await t.ok<ItemView>('register', 'dev-resident', { ...event, content: '改过的内容，但请求是同一个。' });
    expect(retry.id).toBe(first.id);
    expect(retry.content).toBe(first.content);
    expect(await itemCount(t)).toBe(1);
  });

  it('the same requestId from a different user makes a different item', async () => {
    const rid = requestId();
    const a = await t.ok<ItemView>('register', 'resident-a', submitEvent({ requestId: rid }));
    const b = await t.ok<ItemView>('register', 'resident-b', submitEvent({ requestId: rid }));
    expect(a.id).not.toBe(b.id);
    expect([a.no, b.no]).toEqual(['XJ2026-000001', 'XJ2026-000002']);
    expect(await itemCount(t)).toBe(2);
    // and neither can read the other's
    expect(await t.fails('register', 'resident-b', { action: 'get', id: a.id })).toBe('NOT_FOUND');
  });

  it('a retry after the hourly limit is reached still returns the item', async () => {
    const events = Array.from({ length: 5 }, () => submitEvent());
    for (const e of events) await t.ok('register', 'dev-resident', e);
    const again = await t.ok<ItemView>('register', 'dev-resident', events[0]);
    expect(again.no).toBe('XJ2026-000001');
    expect(await itemCount(t)).toBe(5);
  });
});

describe('numbering', () => {
  it('30 concurrent submits from different users take XJ2026-000001..000030, no gap, no duplicate', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.call('register', `resident-${i}`, submitEvent())),
    );
    const numbers = results.map((r) => data<ItemView>(r).no).sort();
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => `XJ2026-${String(i + 1).padStart(6, '0')}`));
    expect(await itemCount(t)).toBe(30);
  });

  it('restarts each new year in Shanghai, while it is still the old year in UTC', async () => {
    t.clock.set(Date.parse('2026-12-31T23:30:00+08:00'));
    expect((await submitted(t, 'resident-a')).no).toBe('XJ2026-000001');
    expect((await submitted(t, 'resident-b')).no).toBe('XJ2026-000002');

    const newYear = Date.parse('2027-01-01T00:10:00+08:00');
    expect(new Date(newYear).getUTCFullYear()).toBe(2026);
    t.clock.set(newYear);
    expect((await submitted(t, 'resident-c')).no).toBe('XJ2027-000001');
    expect((await submitted(t, 'resident-d')).no).toBe('XJ2027-000002');
  });

  it('uses the configured prefix', async () => {
    t.close();
    t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', config: { numberPrefix: 'TZ' } });
    expect((await submitted(t)).no).toBe('TZ2026-000001');
  });

  it('a refused submit spends no number', async () => {
    await submitted(t, 'resident-a');
    expect(await t.fails('register', 'resident-b', submitEvent({ content: '我要举报网上赌博网站' }))).toBe('CONTENT_REJECTED');
    expect(await t.fails('register', 'resident-b', submitEvent({ studioId: 'studio-nowhere' }))).toBe('VALIDATION');
    expect((await submitted(t, 'resident-c')).no).toBe('XJ2026-000002');
  });
});

describe('racing updates', () => {
  it('two concurrent answers: exactly one wins, the other is refused, the timeline has one answer', async () => {
    const item = await accepted(t, 'dev-rep');
    const [byRep, byLiaison] = await Promise.all([
      t.call('register', 'dev-rep', { action: 'answer', id: item.id, reply: '代表的答复：已经修好。' }),
      t.call('register', 'dev-liaison', { action: 'answer', id: item.id, reply: '联络员的答复：已派人处理。' }),
    ]);
    const results = [byRep, byLiaison];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && ['CONFLICT', 'INVALID_STATE']).toContain(loser && !loser.ok && loser.error.code);

    const saved = await stored(t, item.id);
    expect(saved?.status).toBe('answered');
    expect(saved?.timeline.filter((e) => e.action === 'answer')).toHaveLength(1);
    const winner = data<ItemView>(results.find((r) => r.ok)!);
    expect(saved?.reply?.text).toBe(winner.reply?.text);
  });

  it('two concurrent accepts: one owner, one accept event', async () => {
    const item = await submitted(t);
    const results = await Promise.all([
      t.call('register', 'dev-rep', { action: 'accept', id: item.id }),
      t.call('register', 'dev-liaison', { action: 'accept', id: item.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(['CONFLICT', 'INVALID_STATE']).toContain(r.error.code);
    const saved = await stored(t, item.id);
    expect(saved?.timeline.filter((e) => e.action === 'accept')).toHaveLength(1);
    const winner = data<ItemView>(results.find((r) => r.ok)!);
    expect(saved?.ownerName).toBe(winner.owner?.name);
  });

  it('a CONFLICT carries a Chinese message and the stored item is one consistent write', async () => {
    const item = await accepted(t, 'dev-rep');
    const results = await Promise.all([
      t.call('register', 'dev-rep', { action: 'promise', id: item.id, deadline: '2026-11-10', note: '代表承诺' }),
      t.call('register', 'dev-liaison', { action: 'promise', id: item.id, deadline: '2026-11-20', note: '联络员承诺' }),
    ]);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    const r = refused[0];
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toMatch(CHINESE);
    }
    const saved = await stored(t, item.id);
    expect(saved?.timeline.filter((e) => e.action === 'promise')).toHaveLength(1);
    // deadline, note and event all come from the same writer
    const promise = saved!.promise!;
    expect(saved!.timeline.at(-1)?.note).toBe(`承诺${formatCalendarDate(promise.deadline)}前办理：${promise.note}`);
    expect(saved!.dueAt).toBe(Date.parse(`${promise.deadline}T23:59:59.999+08:00`));
  });

  it('feedback racing the auto-close timer: exactly one of them ends the round', async () => {
    const item = await answered(t);
    t.clock.advance(7 * DAY + 60_000);
    const [feedback, timer] = await Promise.all([
      t.call('register', 'dev-resident', { action: 'feedback', id: item.id, satisfied: false, comment: '没解决' }),
      t.app.runTimer('reminders'),
    ]);
    const saved = await stored(t, item.id);
    const ends = saved!.timeline.filter((e) => ['feedbackUnsatisfied', 'autoClose'].includes(e.action));
    expect(ends).toHaveLength(1);
    if (feedback.ok) {
      expect(saved?.status).toBe('in_progress');
      expect(timer).toMatchObject({ ok: true, data: { autoClosed: 0 } });
    } else {
      expect(['CONFLICT', 'INVALID_STATE']).toContain(feedback.error.code);
      expect(saved?.status).toBe('closed');
      expect(timer).toMatchObject({ ok: true, data: { autoClosed: 1 } });
    }
  });
});

describe('content check', () => {
  it('refuses a submit with a blocked word and stores nothing', async () => {
    const r = await t.call('register', 'dev-resident', submitEvent({ content: '小区里有人聚众赌博，请管一管。' }));
    expect(r).toEqual({ ok: false, error: { code: 'CONTENT_REJECTED', message: expect.stringMatching(CHINESE) } });
    expect(await itemCount(t)).toBe(0);
    expect(await t.store.count('counters')).toBe(0);
  });

  it('checks the contact name too', async () => {
    expect(await t.fails('register', 'dev-resident', submitEvent({ contactName: '赌博' }))).toBe('CONTENT_REJECTED');
    expect(await itemCount(t)).toBe(0);
  });

  it('checks every text a handler or the submitter writes, and leaves the item unchanged', async () => {
    const owned = await accepted(t, 'dev-rep');
    const bad = '赌博';
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['dev-rep', { action: 'answer', id: owned.id, reply: `答复：${bad}` }],
      ['dev-rep', { action: 'resolve', id: owned.id, reply: `办结：${bad}` }],
      ['dev-rep', { action: 'promise', id: owned.id, deadline: '2026-11-10', note: `承诺：${bad}` }],
      ['dev-liaison', { action: 'refer', id: owned.id, departmentId: 'dept-zhujian', deadline: '2026-11-10', note: `转交：${bad}` }],
      ['dev-liaison', { action: 'reject', id: owned.id, reason: `理由：${bad}` }],
    ];
    const before = await stored(t, owned.id);
    for (const [openid, event] of attempts) {
      expect([String(event.action), await t.fails('register', openid, event)]).toEqual([String(event.action), 'CONTENT_REJECTED']);
    }
    expect(await stored(t, owned.id)).toEqual(before);

    const referred = await accepted(t, 'dev-liaison', 'resident-b');
    await t.ok('register', 'dev-liaison', { action: 'refer', id: referred.id, departmentId: 'dept-zhujian', deadline: '2026-11-10' });
    const beforeResult = await stored(t, referred.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'recordReferralResult', id: referred.id, result: `结果：${bad}` })).toBe(
      'CONTENT_REJECTED',
    );
    expect(await stored(t, referred.id)).toEqual(beforeResult);

    const done = await answered(t, 'dev-rep', 'resident-c');
    const beforeFeedback = await stored(t, done.id);
    expect(await t.fails('register', 'resident-c', { action: 'feedback', id: done.id, satisfied: false, comment: bad })).toBe('CONTENT_REJECTED');
    expect(await stored(t, done.id)).toEqual(beforeFeedback);
  });
});

describe('submit rate limit', () => {
  it('the 6th submit within an hour is refused; another user is not affected; an hour later it works again', async () => {
    for (let i = 0; i < 5; i++) {
      await submitted(t, 'busy-resident');
      t.clock.advance(60_000);
    }
    const r = await t.call('register', 'busy-resident', submitEvent());
    expect(r).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(CHINESE) } });
    expect(!r.ok && r.error.message).toContain('5');
    expect(await itemCount(t)).toBe(5);

    expect((await submitted(t, 'calm-resident')).status).toBe('submitted');

    t.clock.advance(HOUR);
    expect((await submitted(t, 'busy-resident')).status).toBe('submitted');
    expect(await itemCount(t)).toBe(7);
  });

  it('concurrent submits from one user cannot get past the limit', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => t.call('register', 'flooder', submitEvent())));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('RATE_LIMITED');
    expect(await itemCount(t)).toBe(5);
    // the refused ones spent no number
    expect((await submitted(t, 'someone-else')).no).toBe('XJ2026-000006');
  });

  it('there is a daily limit as well', async () => {
    t.close();
    t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00', config: { submitLimit: { perHour: 100, perDay: 3 } } });
    for (let i = 0; i < 3; i++) {
      await submitted(t, 'busy-resident');
      t.clock.advance(2 * HOUR);
    }
    expect(await t.fails('register', 'busy-resident', submitEvent())).toBe('RATE_LIMITED');
    t.clock.advance(DAY);
    expect((await submitted(t, 'busy-resident')).status).toBe('submitted');
  });
});

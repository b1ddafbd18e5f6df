import type { TestApp } from './app';

/**
 * Builders for studio operations (activities, roster, points), made through the real functions
 * as a client would.
 */

export const sh = (local: string) => Date.parse(`${local}+08:00`);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let seq = 0;
export const rid = (prefix = 'ops') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36).padStart(5, '0')}`;

/**
 * A reception of `studioId` eight days after the clock's now, published, then closed after its
 * end with `present` (all on duty when omitted). Leaves the clock after the reception.
 */
export async function closedReception(
  t: TestApp,
  options: { studioId?: string; reps?: string[]; present?: string[]; attendance?: number; topic?: string; liaison?: string } = {},
) {
  const liaison = options.liaison ?? 'dev-liaison';
  const startAt = t.clock.now() + 8 * DAY;
  const r = await t.ok('receptions', liaison, {
    action: 'schedule',
    studioId: options.studioId ?? 'studio-fuying',
    startAt,
    endAt: startAt + 2 * HOUR,
    form: 'studio',
    topic: options.topic ?? '老旧小区改造意见征集',
    representativeIds: options.reps ?? ['rep-fuying-1', 'rep-fuying-2'],
    capacity: 20,
  });
  await t.ok('receptions', liaison, { action: 'publish', id: r.id });
  t.clock.set(startAt + 3 * HOUR);
  const closed = await t.ok('receptions', liaison, {
    action: 'close',
    id: r.id,
    attendance: options.attendance ?? 12,
    summary: '接待群众，登记意见建议，当场答复部分问题。',
    ...(options.present ? { representativeIds: options.present } : {}),
  });
  return closed as { id: string; startAt: number };
}

/** An activity recorded by the liaison on `date` (today when omitted). */
export const recordEvent = (over: Record<string, unknown> = {}) => ({
  action: 'record',
  requestId: rid('act'),
  studioId: 'studio-fuying',
  date: '2026-11-02',
  kind: 'training',
  topic: '学习党的二十届四中全会精神',
  representativeIds: ['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3'],
  summary: '集中学习并交流履职体会。',
  ...over,
});

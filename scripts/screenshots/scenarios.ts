/**
 * Data for the screenshots, made through the real functions as the people involved would
 * make it: items in each status of the register, receptions and bookings in each of theirs.
 * The clock of the test app stands at 2026-11-02 10:00 (Shanghai) unless a step moves it.
 */
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, requestId, submitEvent, type TestApp } from '../../test/support/app';

const { resident, representative: rep, liaison } = DEV_IDENTITIES;
const at = (iso: string) => Date.parse(iso);

export type ItemStatus = 'submitted' | 'accepted' | 'promised' | 'referred' | 'answered' | 'resolved' | 'closed' | 'rejected' | 'reopened';

const CONTENTS: Record<string, string> = {
  submitted: '城东路口红绿灯时间太短，老人过马路来不及，希望延长绿灯时间。',
  accepted: '小区门口的路灯坏了一个多月，晚上出行不安全。',
  promised: '安置小区的电梯经常停运，老人上下楼很困难。',
  referred: '村口的河道有人倾倒建筑垃圾，下雨天污水流进田里。',
  answered: '社区卫生服务站周末不开门，老人看病要跑到城里。',
  resolved: '公交站台的遮雨棚破了，下雨天等车没地方躲。',
  closed: '菜市场门口占道经营，早上电瓶车过不去。',
  rejected: '希望给我家门口的私人停车位装一个充电桩。',
  reopened: '老年食堂的饭菜太咸，希望少放盐。',
};

/** One item of the resident, moved by the studio's staff to `status`; answers its id. */
export async function itemIn(t: TestApp, status: ItemStatus, overrides: Record<string, unknown> = {}): Promise<{ id: string; no: string }> {
  const item = await t.ok('register', resident, submitEvent({ content: CONTENTS[status] ?? CONTENTS.submitted, ...overrides }));
  const id: string = item.id;
  const act = (who: string, event: Record<string, unknown>) => t.ok('register', who, { id, ...event });
  if (status === 'submitted') return item;
  if (status === 'rejected') {
    await act(liaison, { action: 'reject', reason: '不属于受理范围：私人设施请向物业或供电公司申请' });
    return item;
  }
  await act(liaison, { action: 'assign', representativeId: DEV_REP_ID });
  if (status === 'accepted') return item;
  if (status === 'promised' || status === 'resolved') {
    await act(rep, { action: 'promise', deadline: '2026-11-30', note: '已联系物业和维保公司，更换主板需要两周。' });
    if (status === 'resolved') await act(rep, { action: 'resolve', reply: '遮雨棚已由公交公司修复，感谢您的反映。' });
    return item;
  }
  if (status === 'referred') {
    const departments: Array<{ id: string }> = await t.ok('directory', liaison, { action: 'departments' });
    await act(liaison, { action: 'refer', departmentId: departments[0].id, deadline: '2026-11-25', note: '请核实倾倒人并清理河道' });
    return item;
  }
  await act(rep, { action: 'answer', reply: '已与卫生院协调，自 11 月起周六上午开诊，周日仍休息。' });
  if (status === 'answered') return item;
  if (status === 'closed') await act(resident, { action: 'feedback', satisfied: true, comment: '谢谢代表' });
  if (status === 'reopened') await act(resident, { action: 'feedback', satisfied: false, comment: '还是太咸了' });
  return item;
}

/** A reception of 福应街道党代表工作室 on 12 November, scheduled (and published unless `draft`) by its liaison. */
export async function reception(t: TestApp, options: { draft?: boolean; capacity?: number; startAt?: string; endAt?: string; topic?: string } = {}): Promise<{ id: string }> {
  const r = await t.ok('receptions', liaison, {
    action: 'schedule',
    studioId: DEV_STUDIO_ID,
    startAt: options.startAt ?? '2026-11-12T09:00:00+08:00',
    endAt: options.endAt ?? '2026-11-12T11:30:00+08:00',
    form: 'studio',
    topic: options.topic ?? '老旧小区改造意见征集',
    representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
    capacity: options.capacity ?? 20,
  });
  if (options.draft) return r;
  return t.ok('receptions', liaison, { action: 'publish', id: r.id });
}

/** A booking of `openid` (the resident unless told), with a question when given. */
export const book = (t: TestApp, id: string, openid: string = resident, question?: string) =>
  t.ok('receptions', openid, { action: 'book', id, requestId: requestId(), ...(question ? { question } : {}) });

/** Several other residents book the reception (some with a question). */
export async function crowd(t: TestApp, id: string, n: number): Promise<Array<{ code: string }>> {
  const out: Array<{ code: string }> = [];
  for (let i = 0; i < n; i++) {
    const b = await book(t, id, `resident-${i + 1}`, i % 3 === 0 ? `第 ${i + 1} 位群众的问题：楼道灯不亮，希望尽快修理。` : undefined);
    out.push(b.myBooking);
  }
  return out;
}

/** Moves the back end's clock to `iso`. */
export const clockAt = (t: TestApp, iso: string) => t.clock.set(at(iso));

export { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, submitEvent };

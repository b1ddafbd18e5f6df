import { CATEGORIES } from '../register/item';
import { doorList } from '../receptions/door';
import { submitLogId } from '../register/usecases';
import { renderNotice } from '../receptions/notice';
import { RECEPTION_FORMS } from '../receptions/types';
import {
  bookReception,
  bookingIdFor,
  cancelBooking,
  cancelReception,
  checkIn,
  closeReception,
  getReception,
  listDuties,
  listReceptions,
  myBookings,
  publishReception,
  scheduleReception,
  walkIn,
} from '../receptions/usecases';
import { calendarDate, docId, instant, paging, phone, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();

/** `receptions`: the reception schedule, the 7-day notice, booking and check-in (接待). */
export const receptions: FunctionDef = {
  schedule: action(
    z
      .object({
        studioId: docId,
        startAt: instant,
        endAt: instant,
        form: z.enum(RECEPTION_FORMS),
        place: text('接待地点', 2, 100).optional(),
        topic: text('接待主题', 2, 100),
        representativeIds: z.array(docId).min(1, { message: '请至少选择一位值班党代表' }).max(10),
        capacity: z.number().int().min(1).max(500),
      })
      .strict(),
    (deps, caller, cmd) => scheduleReception(deps, caller, cmd),
  ),
  publish: action(byId, (deps, caller, q) => publishReception(deps, caller, q.id)),
  list: action(
    z.object({ studioId: docId.optional(), townshipId: docId.optional(), from: calendarDate.optional(), ...paging }).strict(),
    (deps, _caller, q) => listReceptions(deps, q),
  ),
  get: action(byId, (deps, caller, q) => getReception(deps, caller, q.id), (q, openid) => [['receptions', q.id], ['bookings', bookingIdFor(q.id, openid)]]),
  book: action(
    z.object({ id: docId, requestId: requestIdSchema, question: text('问题', 5, 1000).optional(), category: z.enum(CATEGORIES, { message: '问题类别不在可选范围内' }).optional() }).strict(),
    (deps, caller, cmd) => bookReception(deps, caller, cmd),
    (q, openid) => [['receptions', q.id], ['bookings', bookingIdFor(q.id, openid)], ...(q.question ? [['counters', submitLogId(openid)] as const] : [])],
  ),
  cancelBooking: action(byId, (deps, caller, q) => cancelBooking(deps, caller, q.id), (q) => [['receptions', q.id]]),
  duties: action(z.object({ from: calendarDate.optional(), ...paging }).strict(), (deps, caller, q) => listDuties(deps, caller, q)),
  myBookings: action(z.object(paging).strict(), (deps, caller, q) => myBookings(deps, caller, q.page, q.pageSize), { caller: 'openid' }),
  cancel: action(z.object({ id: docId, reason: text('取消原因', 2, 200) }).strict(), (deps, caller, q) =>
    cancelReception(deps, caller, q.id, q.reason),
  ),
  checkIn: action(
    z.object({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{6}$/, { message: '签到码为 6 位字母或数字' }) }).strict(),
    (deps, caller, q) => checkIn(deps, caller, q.code),
  ),
  door: action(byId, (deps, caller, q) => doorList(deps, caller, q.id)),
  walkIn: action(
    z
      .object({
        id: docId,
        requestId: requestIdSchema,
        category: z.enum(CATEGORIES),
        content: text('反映内容', 5, 1000),
        contactName: text('联系人姓名', 1, 20).optional(),
        contactPhone: phone.optional(),
      })
      .strict(),
    (deps, caller, cmd) => walkIn(deps, caller, cmd),
  ),
  close: action(
    z
      .object({
        id: docId,
        attendance: z.number().int().min(0).max(10000),
        summary: text('接待小结', 2, 2000),
        representativeIds: z.array(docId).max(10, { message: '最多 10 位' }).optional(),
      })
      .strict(),
    (deps, caller, q) => closeReception(deps, caller, q.id, q.attendance, q.summary, q.representativeIds),
  ),
  notice: action(byId, async (deps, _caller, q) => ({ html: await renderNotice(deps, q.id) }), { caller: 'openid' }),
};

import { showContact } from '../register/contact';
import { CATEGORIES } from '../register/item';
import { STATUSES } from '../register/lifecycle';
import { mergeItem } from '../register/merge';
import { listReferred } from '../register/referred';
import { computeStats } from '../register/stats';
import { workbench } from '../register/workbench';
import {
  acceptItem,
  answerItem,
  assignItem,
  getItem,
  giveFeedback,
  listInbox,
  listMine,
  promiseItem,
  recordReferralResult,
  referItem,
  rejectItem,
  resolveItem,
  submitItem,
  urgeItem,
} from '../register/usecases';
import { calendarDate, docId, fileId, paging, phone, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();
const withId = <T extends z.ZodRawShape>(shape: T) => z.object({ id: docId, ...shape }).strict();
/** The item is read with the caller (core/dispatch.ts). */
const theItem = (q: { id: string }) => [['items', q.id]] as const;

/** `register`: the suggestion register (意见建议登记) and its lifecycle. */
export const register: FunctionDef = {
  submit: action(
    z
      .object({
        requestId: requestIdSchema,
        studioId: docId,
        category: z.enum(CATEGORIES),
        content: text('反映内容', 5, 1000),
        contactName: text('联系人姓名', 1, 20).optional(),
        contactPhone: phone.optional(),
        anonymous: z.boolean().optional(),
        photos: z.array(fileId).max(3, { message: '最多上传 3 张照片' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => submitItem(deps, caller, cmd),
  ),
  mine: action(z.object(paging).strict(), (deps, caller, q) => listMine(deps, caller, q.page, q.pageSize)),
  get: action(byId, (deps, caller, q) => getItem(deps, caller, q.id), theItem),
  showContact: action(byId, (deps, caller, q) => showContact(deps, caller, q.id), theItem),
  inbox: action(
    z
      .object({
        status: z.enum(STATUSES).optional(),
        overdue: z.boolean().optional(),
        mine: z.boolean().optional(),
        dueSoon: z.boolean().optional(),
        order: z.enum(['newest', 'due']).optional(),
        q: text('搜索', 1, 50).optional(),
        studioId: docId.optional(),
        ...paging,
      })
      .strict(),
    (deps, caller, q) => listInbox(deps, caller, q),
  ),
  workbench: action(z.object({}).strict(), (deps, caller) => workbench(deps, caller)),
  referred: action(z.object({ pending: z.boolean().optional(), ...paging }).strict(), (deps, caller, q) => listReferred(deps, caller, q)),
  accept: action(byId, (deps, caller, q) => acceptItem(deps, caller, q.id), theItem),
  assign: action(withId({ representativeId: docId }), (deps, caller, q) => assignItem(deps, caller, q.id, q.representativeId), (q) => [['items', q.id], ['representatives', q.representativeId]]),
  answer: action(withId({ reply: text('答复内容', 2, 2000) }), (deps, caller, q) => answerItem(deps, caller, q.id, q.reply), theItem),
  promise: action(withId({ deadline: calendarDate, note: text('承诺说明', 2, 500) }), (deps, caller, q) =>
    promiseItem(deps, caller, q.id, q.deadline, q.note),
  theItem),
  refer: action(withId({ departmentId: docId, deadline: calendarDate, note: text('转交说明', 1, 500).optional() }), (deps, caller, q) =>
    referItem(deps, caller, q.id, q.departmentId, q.deadline, q.note),
  (q) => [['items', q.id], ['departments', q.departmentId]]),
  recordReferralResult: action(withId({ result: text('办理结果', 2, 2000) }), (deps, caller, q) =>
    recordReferralResult(deps, caller, q.id, q.result),
  theItem),
  resolve: action(withId({ reply: text('办结说明', 2, 2000) }), (deps, caller, q) => resolveItem(deps, caller, q.id, q.reply), theItem),
  reject: action(withId({ reason: text('不予受理理由', 2, 500) }), (deps, caller, q) => rejectItem(deps, caller, q.id, q.reason), theItem),
  urge: action(byId, (deps, caller, q) => urgeItem(deps, caller, q.id), theItem),
  merge: action(withId({ intoId: docId, note: text('合并说明', 2, 200).optional() }), (deps, caller, q) => mergeItem(deps, caller, q.id, q.intoId, q.note), (q) => [['items', q.id], ['items', q.intoId]]),
  feedback: action(withId({ satisfied: z.boolean(), comment: text('评价意见', 1, 500).optional() }), (deps, caller, q) =>
    giveFeedback(deps, caller, q.id, q.satisfied, q.comment),
  theItem),
  stats: action(
    z.object({ scope: z.enum(['studio', 'township', 'county']), id: docId.optional(), from: calendarDate.optional(), to: calendarDate.optional() }).strict(),
    (deps, caller, q) => computeStats(deps, caller, q),
  ),
};

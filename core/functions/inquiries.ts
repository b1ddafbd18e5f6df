import { ACCOUNTABILITY_MEASURES, INQUIRY_AREAS, INQUIRY_CONTEXTS, SUBJECT_BODIES } from '../inquiries/types';
import { INQUIRY_STATUSES } from '../inquiries/lifecycle';
import { addContact, getInquiry, inquiryStats, listContacts, listInquiries, supervisionList } from '../inquiries/queries';
import {
  acceptInquiry,
  askClarification,
  clarifyInquiry,
  cosignInquiry,
  decideInquiry,
  evaluateInquiry,
  extendInquiry,
  holdAccountable,
  meetInquiry,
  raiseInquiry,
  replyInquiry,
  returnInquiry,
} from '../inquiries/usecases';
import { docId, fileId, instant, paging, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();
const withId = <T extends z.ZodRawShape>(shape: T) => z.object({ id: docId, ...shape }).strict();
const attachments = z.array(fileId).max(5, { message: '最多上传 5 个附件' });

/** `inquiries`: the inner-party inquiry (党内质询) with its 30-day written reply and 三见面. Confidential. */
export const inquiries: FunctionDef = {
  raise: action(
    z
      .object({
        requestId: requestIdSchema,
        subject: z.object({ body: z.enum(SUBJECT_BODIES), member: text('质询对象姓名', 2, 20).optional() }).strict(),
        area: z.enum(INQUIRY_AREAS),
        title: text('标题', 4, 60),
        content: text('质询内容', 20, 5000),
        coSigners: z.array(docId).max(20, { message: '联名党代表最多 20 位' }).optional(),
        attachments: attachments.optional(),
        context: z.enum(INQUIRY_CONTEXTS),
      })
      .strict(),
    (deps, caller, cmd) => raiseInquiry(deps, caller, cmd),
  ),
  cosign: action(byId, (deps, caller, q) => cosignInquiry(deps, caller, q.id)),
  accept: action(withId({ contactId: docId }), (deps, caller, q) => acceptInquiry(deps, caller, q.id, q.contactId)),
  return: action(withId({ reason: text('退回理由', 2, 500) }), (deps, caller, q) => returnInquiry(deps, caller, q.id, q.reason)),
  askClarification: action(withId({ question: text('需要补充说明的问题', 4, 1000) }), (deps, caller, q) => askClarification(deps, caller, q.id, q.question)),
  clarify: action(withId({ answer: text('补充说明', 4, 2000) }), (deps, caller, q) => clarifyInquiry(deps, caller, q.id, q.answer)),
  reply: action(withId({ text: text('书面答复', 20, 10000), attachments: attachments.optional() }), (deps, caller, q) =>
    replyInquiry(deps, caller, q.id, q.text, q.attachments),
  ),
  meet: action(
    withId({ at: instant, place: text('见面地点', 2, 100), attendees: text('参加人员', 2, 300), summary: text('沟通情况', 10, 2000) }),
    (deps, caller, q) => meetInquiry(deps, caller, q),
  ),
  evaluate: action(withId({ satisfied: z.boolean(), comment: text('评价意见', 1, 500).optional() }), (deps, caller, q) =>
    evaluateInquiry(deps, caller, q.id, q.satisfied, q.comment),
  ),
  extend: action(withId({ days: z.number().int().min(1).max(30), reason: text('延期理由', 4, 500) }), (deps, caller, q) =>
    extendInquiry(deps, caller, q.id, q.days, q.reason),
  ),
  holdAccountable: action(withId({ measure: z.enum(ACCOUNTABILITY_MEASURES), note: text('问责情况', 4, 1000) }), (deps, caller, q) =>
    holdAccountable(deps, caller, q.id, q.measure, q.note),
  ),
  decide: action(withId({ decision: text('研究决定', 4, 2000) }), (deps, caller, q) => decideInquiry(deps, caller, q.id, q.decision)),
  list: action(z.object({ status: z.enum(INQUIRY_STATUSES).optional(), order: z.enum(['newest', 'due']).optional(), ...paging }).strict(), (deps, caller, q) =>
    listInquiries(deps, caller, q),
  ),
  get: action(byId, (deps, caller, q) => getInquiry(deps, caller, q.id)),
  supervision: action(z.object(paging).strict(), (deps, caller, q) => supervisionList(deps, caller, q)),
  stats: action(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(), (deps, caller, q) => inquiryStats(deps, caller, q)),
  contacts: action(z.object({}).strict(), (deps, caller) => listContacts(deps, caller)),
  addContact: action(z.object({ name: text('姓名', 2, 20), unit: text('单位职务', 2, 60), body: z.enum(SUBJECT_BODIES) }).strict(), (deps, caller, q) =>
    addContact(deps, caller, q),
  ),
};

import { COMMITMENT_CODES, publishCommitments, studioCommitments } from '../activities/commitments';
import { complianceGrid, getActivity, listActivities } from '../activities/queries';
import { recordActivity } from '../activities/record';
import { ACTIVITY_KINDS } from '../activities/types';
import { calendarDate, docId, fileId, paging, requestIdSchema, text, year, z } from '../shared/validation';
import { shanghaiYear as currentYear } from '../time';
import { action, type FunctionDef } from './define';

/** `activities`: a studio's monthly activities (活动记录), the compliance grid, its service commitments (服务承诺). */
export const activities: FunctionDef = {
  record: action(
    z
      .object({
        requestId: requestIdSchema,
        studioId: docId,
        date: calendarDate,
        kind: z.enum(ACTIVITY_KINDS),
        topic: text('活动主题', 2, 100),
        representativeIds: z.array(docId).max(50, { message: '最多 50 位' }),
        departmentIds: z.array(docId).max(20, { message: '最多 20 个单位' }).optional(),
        summary: text('活动情况', 5, 2000),
        photos: z.array(fileId).max(9, { message: '最多上传 9 张照片' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => recordActivity(deps, caller, cmd),
  ),
  list: action(
    z.object({ studioId: docId.optional(), townshipId: docId.optional(), from: calendarDate.optional(), to: calendarDate.optional(), kind: z.enum(ACTIVITY_KINDS).optional(), ...paging }).strict(),
    (deps, caller, q) => listActivities(deps, caller, q),
  ),
  get: action(z.object({ id: docId }).strict(), (deps, caller, q) => getActivity(deps, caller, q.id)),
  compliance: action(z.object({ year: year.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    complianceGrid(deps, caller, { year: q.year ?? currentYear(deps.clock.now()), townshipId: q.townshipId }),
  ),
  commitments: action(z.object({ studioId: docId }).strict(), (deps, _caller, q) => studioCommitments(deps, q.studioId)),
  publishCommitments: action(
    z
      .object({
        studioId: docId,
        items: z
          .array(z.object({ code: z.enum(COMMITMENT_CODES), days: z.number().int().min(1).max(60).nullable().optional(), text: text('承诺说明', 2, 60).nullable().optional() }).strict())
          .min(1, { message: '请至少填写一项承诺' })
          .max(4),
      })
      .strict(),
    (deps, caller, q) => publishCommitments(deps, caller, q.studioId, q.items.map((c) => ({ code: c.code, days: c.days ?? null, text: c.text ?? null }))),
  ),
};

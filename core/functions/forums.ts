import { closeForum } from '../forums/close';
import { FORUM_STATUSES } from '../forums/lifecycle';
import { renderForumNotice } from '../forums/notice';
import { getForum, listForums, myForums } from '../forums/queries';
import { cancelForum, publishForum, scheduleForum } from '../forums/schedule';
import { suggestTopics } from '../forums/topics';
import { FORUM_FORMS, FORUM_LEVELS } from '../forums/types';
import { listViews, submitView } from '../forums/views';
import { CATEGORIES } from '../register/item';
import { docId, instant, paging, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();

/** `forums`: the Party Representative Forum (党代表论坛): scheduled, published with a notice, views collected, closed with outcomes that become proposals. */
export const forums: FunctionDef = {
  suggestTopics: action(
    z
      .object({
        scope: z.enum(['studio', 'township', 'county']),
        id: docId.optional(),
        months: z.number().int().min(1, { message: '应为 1–24 个月' }).max(24, { message: '应为 1–24 个月' }).default(3),
      })
      .strict(),
    (deps, caller, q) => suggestTopics(deps, caller, q),
  ),
  schedule: action(
    z
      .object({
        requestId: requestIdSchema.optional(),
        level: z.enum(FORUM_LEVELS),
        studioId: docId.optional(),
        townshipId: docId.optional(),
        topic: text('论坛主题', 4, 60),
        description: text('论坛说明', 10, 2000),
        startAt: instant,
        endAt: instant,
        form: z.enum(FORUM_FORMS),
        place: text('举行地点', 2, 100).optional(),
        representativeIds: z.array(docId).min(1, { message: '请至少选择一位参加论坛的党代表' }).max(50, { message: '参加论坛的党代表最多 50 位' }),
        invitedDepartmentIds: z.array(docId).max(20, { message: '列席单位最多 20 个' }).optional(),
        itemIds: z.array(docId).max(20, { message: '关联的意见建议最多 20 条' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => scheduleForum(deps, caller, cmd),
  ),
  publish: action(byId, (deps, caller, q) => publishForum(deps, caller, q.id)),
  cancel: action(z.object({ id: docId, reason: text('取消原因', 2, 200) }).strict(), (deps, caller, q) => cancelForum(deps, caller, q.id, q.reason)),
  submitView: action(z.object({ id: docId, requestId: requestIdSchema, content: text('意见内容', 5, 1000) }).strict(), (deps, caller, cmd) => submitView(deps, caller, cmd)),
  views: action(z.object({ id: docId, ...paging }).strict(), (deps, caller, q) => listViews(deps, caller, q)),
  close: action(
    z
      .object({
        id: docId,
        attendance: z.array(docId).max(50, { message: '出席的党代表最多 50 位' }),
        hostRepIds: z.array(docId).max(5, { message: '主持的党代表最多 5 位' }).optional(),
        summary: text('论坛情况', 10, 3000),
        outcomes: z
          .array(
            z
              .object({
                title: text('成果标题', 4, 60),
                content: text('成果内容', 10, 3000),
                asProposal: z.boolean(),
                category: z.enum(CATEGORIES).optional(),
              })
              .strict(),
          )
          .max(20, { message: '论坛成果最多 20 项' }),
      })
      .strict(),
    (deps, caller, cmd) => closeForum(deps, caller, cmd),
  ),
  list: action(
    z
      .object({
        when: z.enum(['upcoming', 'past']).optional(),
        level: z.enum(FORUM_LEVELS).optional(),
        studioId: docId.optional(),
        townshipId: docId.optional(),
        ...paging,
      })
      .strict(),
    (deps, _caller, q) => listForums(deps, q),
  ),
  get: action(byId, (deps, caller, q) => getForum(deps, caller, q.id)),
  mine: action(z.object({ status: z.enum(FORUM_STATUSES).optional(), ...paging }).strict(), (deps, caller, q) => myForums(deps, caller, q)),
  notice: action(byId, async (deps, _caller, q) => ({ html: await renderForumNotice(deps, q.id) })),
};

import { acceptProposal, appraiseProposal, completeProposal, refuseProposal, reportProgress, requestExtension } from '../proposals/handling';
import { PROPOSAL_STATUSES } from '../proposals/lifecycle';
import { raiseProposal } from '../proposals/raise';
import { getProposal, listProposals, proposalStats } from '../proposals/queries';
import { approveExtension, dispatchProposal, refuseExtension, reviewProposal, urgeProposal } from '../proposals/review';
import { PROPOSAL_LEVELS, RATINGS, RESULT_KINDS, REVIEW_DECISIONS } from '../proposals/types';
import { CATEGORIES } from '../register/item';
import { calendarDate, docId, paging, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();
const withId = <T extends z.ZodRawShape>(shape: T) => z.object({ id: docId, ...shape }).strict();

/** `proposals`: representatives' proposals (代表提议), reviewed, dispatched to departments, handled to a result and appraised. */
export const proposals: FunctionDef = {
  raise: action(
    z
      .object({
        requestId: requestIdSchema,
        title: text('提议标题', 4, 60),
        content: text('提议内容', 20, 5000),
        category: z.enum(CATEGORIES),
        level: z.enum(PROPOSAL_LEVELS),
        coSigners: z.array(docId).max(30, { message: '联名党代表最多 30 位' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => raiseProposal(deps, caller, cmd),
  ),
  review: action(withId({ decision: z.enum(REVIEW_DECISIONS), reason: text('审查意见', 2, 500).optional() }), (deps, caller, cmd) => reviewProposal(deps, caller, cmd)),
  dispatch: action(
    withId({
      leadDepartmentId: docId,
      assistingDepartmentIds: z.array(docId).max(10, { message: '协办单位最多 10 个' }).optional(),
      leaderName: text('领衔督办的县领导', 2, 20).optional(),
      key: z.boolean().optional(),
      deadline: calendarDate.optional(),
    }),
    (deps, caller, cmd) => dispatchProposal(deps, caller, cmd),
  ),
  accept: action(byId, (deps, caller, q) => acceptProposal(deps, caller, q.id)),
  refuse: action(withId({ reason: text('退回理由', 4, 500) }), (deps, caller, q) => refuseProposal(deps, caller, q.id, q.reason)),
  progress: action(
    withId({
      text: text('办理进展', 4, 1000),
      percent: z.number().int().min(0, { message: '应为 0–100 的整数' }).max(100, { message: '应为 0–100 的整数' }),
      milestone: text('节点名称', 2, 30).optional(),
    }),
    (deps, caller, cmd) => reportProgress(deps, caller, cmd),
  ),
  requestExtension: action(withId({ until: calendarDate, reason: text('延期理由', 4, 500) }), (deps, caller, cmd) => requestExtension(deps, caller, cmd)),
  approveExtension: action(withId({ note: text('审批意见', 2, 500).optional() }), (deps, caller, q) => approveExtension(deps, caller, q.id, q.note)),
  refuseExtension: action(withId({ reason: text('不同意的理由', 2, 500) }), (deps, caller, q) => refuseExtension(deps, caller, q.id, q.reason)),
  complete: action(withId({ result: z.enum(RESULT_KINDS), text: text('办复内容', 10, 5000) }), (deps, caller, cmd) => completeProposal(deps, caller, cmd)),
  urge: action(withId({ note: text('催办意见', 2, 200).optional() }), (deps, caller, q) => urgeProposal(deps, caller, q.id, q.note)),
  appraise: action(withId({ rating: z.enum(RATINGS), comment: text('评价意见', 1, 500).optional() }), (deps, caller, cmd) => appraiseProposal(deps, caller, cmd)),
  list: action(
    z
      .object({
        public: z.boolean().optional(),
        status: z.enum(PROPOSAL_STATUSES).optional(),
        level: z.enum(PROPOSAL_LEVELS).optional(),
        key: z.boolean().optional(),
        overdue: z.boolean().optional(),
        order: z.enum(['newest', 'due']).optional(),
        ...paging,
      })
      .strict(),
    (deps, caller, q) => listProposals(deps, caller, q),
  ),
  get: action(byId, (deps, caller, q) => getProposal(deps, caller, q.id)),
  stats: action(z.object({ level: z.enum(PROPOSAL_LEVELS).optional(), year: z.number().int().min(2000).max(2100).optional() }).strict(), (deps, caller, q) =>
    proposalStats(deps, caller, q),
  ),
};

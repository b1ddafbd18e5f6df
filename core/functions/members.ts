import { listNotices, markRead, subscribe, subscribeTemplates } from '../members/notices';
import { bindInvite, createInvite, me } from '../members/usecases';
import { docId, paging, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** `members`: who am I, invitation codes, binding, subscribe-message consent, the in-app notices. */
export const members: FunctionDef = {
  me: action(z.object({}).strict(), async (_d, caller) => me(caller)),
  invite: action(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('representative'), representativeId: docId }).strict(),
      z.object({ kind: z.literal('liaison'), studioIds: z.array(docId).min(1).max(20) }).strict(),
      z.object({ kind: z.literal('contact'), contactId: docId }).strict(),
      z.object({ kind: z.literal('department'), departmentId: docId }).strict(),
    ]),
    (deps, caller, cmd) => createInvite(deps, caller, cmd),
  ),
  bind: action(
    z.object({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, { message: '邀请码为 8 位字母或数字' }) }).strict(),
    (deps, caller, { code }) => bindInvite(deps, caller, code),
  ),
  templates: action(z.object({}).strict(), async () => subscribeTemplates()),
  subscribe: action(z.object({ templateIds: z.array(z.string().min(1).max(64)).max(10) }).strict(), (deps, caller, q) =>
    subscribe(deps, caller, q.templateIds),
  ),
  notices: action(z.object(paging).strict(), (deps, caller, q) => listNotices(deps, caller, q.page, q.pageSize)),
  markRead: action(
    z.union([z.object({ ids: z.array(docId).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]),
    (deps, caller, q) => markRead(deps, caller, 'ids' in q ? q.ids : 'all'),
  ),
};

import { listGrants } from '../members/grants';
import { listNotices, markRead, subscribe, subscribeTemplates } from '../members/notices';
import { REFUSALS, may } from '../members/permissions';
import { decideInvite, listMembers, listPending, revokeMember, setContactConsent } from '../members/roster';
import { bindInvite, createInvite, me } from '../members/usecases';
import { forbidden } from '../errors';
import { forgetMe } from '../privacy/forget';
import { listReads } from '../privacy/reads';
import { docId, paging, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** An openid as the roster shows it (a member's `id`). */
const memberId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: '格式不正确' });
const inviteCode = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, { message: '邀请码为 8 位字母或数字' });

/**
 * `members`: who am I, invitation codes, binding, the roster and revocation, approvals of
 * liaison invitations, the audit logs, a representative's contact consent, a resident's
 * erasure of their contact data, subscribe-message consent, the in-app notices.
 */
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
  bind: action(z.object({ code: inviteCode }).strict(), (deps, caller, { code }) => bindInvite(deps, caller, code)),
  list: action(
    z.object({ role: z.enum(['representative', 'liaison', 'admin', 'contact']).optional(), studioId: docId.optional(), ...paging }).strict(),
    (deps, caller, q) => listMembers(deps, caller, q),
  ),
  revoke: action(z.object({ id: memberId, successorId: memberId.optional() }).strict(), (deps, caller, q) => revokeMember(deps, caller, q.id, q.successorId)),
  pending: action(z.object(paging).strict(), (deps, caller, q) => listPending(deps, caller, q.page, q.pageSize)),
  decide: action(z.object({ code: inviteCode, approve: z.boolean() }).strict(), (deps, caller, q) => decideInvite(deps, caller, q.code, q.approve)),
  audit: action(
    z.discriminatedUnion('log', [
      z.object({ log: z.literal('reads'), by: memberId.optional(), itemId: docId.optional(), ...paging }).strict(),
      z.object({ log: z.literal('grants'), subject: memberId.optional(), ...paging }).strict(),
    ]),
    async (deps, caller, q) => {
      if (!may(caller, 'audit', null)) throw forbidden(REFUSALS.audit);
      return q.log === 'reads' ? listReads(deps, q) : listGrants(deps, q);
    },
  ),
  consent: action(z.object({ contactPublic: z.boolean() }).strict(), (deps, caller, q) => setContactConsent(deps, caller, q.contactPublic)),
  forgetMe: action(z.object({ confirm: z.literal(true, { message: '请确认删除' }) }).strict(), (deps, caller) => forgetMe(deps, caller)),
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

import { bindInvite, createInvite, me } from '../members/usecases';
import { docId, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** `members`: who am I, invitation codes, binding. */
export const members: FunctionDef = {
  me: action(z.object({}).strict(), async (_d, caller) => me(caller)),
  invite: action(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('representative'), representativeId: docId }).strict(),
      z.object({ kind: z.literal('liaison'), studioIds: z.array(docId).min(1).max(20) }).strict(),
    ]),
    (deps, caller, cmd) => createInvite(deps, caller, cmd),
  ),
  bind: action(
    z.object({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, { message: '邀请码为 8 位字母或数字' }) }).strict(),
    (deps, caller, { code }) => bindInvite(deps, caller, code),
  ),
};

/**
 * What the staff pages (representatives and liaison staff) share: who the caller is, the
 * studios they serve, and how a refusal shows. The back end decides every permission; these
 * helpers only choose what to show while it does.
 */
import { call, CloudError } from '../../../services/cloud';
import type { Me, Role, StudioSummary } from '../../../services/types';

/** Page states: `forbidden` is the no-permission state of components/state-view. */
export type PageState = 'loading' | 'error' | 'forbidden' | 'empty' | 'ready';

export { ROLE_LABELS } from '../../../utils/roles';

/** How a failed load shows: the back end's FORBIDDEN as no permission, anything else as an error with 重新加载. */
export const failState = (e: unknown): 'forbidden' | 'error' => (e instanceof CloudError && e.code === 'FORBIDDEN' ? 'forbidden' : 'error');

/**
 * For pages whose first call is open to everyone (the studio's representatives, `me`): the
 * caller's role must be one of `roles`, else the page shows no permission with `message`
 * (the back end refuses the page's actions the same way).
 */
export function requireRole(me: Me, roles: readonly Role[], message: string): void {
  if (!roles.includes(me.role)) throw new CloudError('FORBIDDEN', message);
}

/** The studios the caller serves, with their names: a liaison's or representative's own, every studio for an admin. */
export async function studiosOf(me: Me): Promise<StudioSummary[]> {
  const all = await call<StudioSummary[]>('directory', 'studios');
  if (me.role === 'admin') return all;
  const ids = me.studioIds ?? [];
  return all.filter((s) => ids.includes(s.id));
}

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
 * The back end's VALIDATION issues by form field: `fieldOf` names the form's field an issue's
 * path is about (null: none of this form's); the first issue of a field is its message. Null
 * when the refusal is not VALIDATION or names no field of the form (a message for the whole form).
 */
export function validationByField(e: unknown, fieldOf: (path: string) => string | null): Record<string, string> | null {
  if (!(e instanceof CloudError) || e.code !== 'VALIDATION') return null;
  const issues = (e.details as { issues?: Array<{ path?: string; message?: string }> } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const i of issues) {
    const field = fieldOf(String(i.path ?? ''));
    if (field && !out[field]) out[field] = i.message ?? e.message;
  }
  return Object.keys(out).length ? out : null;
}

/** The state of a page about one document that could not be loaded: not found, no permission, or an error. */
export const missingOrFailState = (e: unknown): 'notFound' | 'forbidden' | 'error' =>
  e instanceof CloudError && e.code === 'NOT_FOUND' ? 'notFound' : failState(e);

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

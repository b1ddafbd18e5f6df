/**
 * The grants log (`grants`): every role given (a bound invitation), taken (a revocation),
 * approved or declined, and every consent a representative gives or withdraws, with who did it
 * and when. Written after the change it records; administrators read it (`members.audit`).
 */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Filter } from '../ports/store';
import type { Caller, Grant } from './types';

/** The fields of a line, without its id and time. */
export type GrantLine = Omit<Grant, '_id' | '_v' | 'at' | 'by' | 'byName' | 'byRole'>;

/** Writes one line of the log, by `by` (a caller, or the system). */
export async function recordGrant(deps: Deps, by: Caller | 'system', line: GrantLine): Promise<Grant> {
  const at = deps.clock.now();
  const _id = 'gr' + createHash('sha256').update(`${line.subject}|${at}|${randomInt(1e9)}`).digest('hex').slice(0, 24);
  const who = by === 'system' ? { by: 'system', byName: '系统', byRole: 'system' as const } : { by: by.openid, byName: by.name, byRole: by.role };
  return deps.store.create<Grant>('grants', { _id, at, ...who, ...line });
}

/** The log, newest first, optionally about one person. */
export async function listGrants(deps: Deps, q: { subject?: string; page: number; pageSize: number }) {
  const where: Filter = q.subject ? { subject: q.subject } : {};
  const [rows, total] = await Promise.all([
    deps.store.find<Grant>('grants', { where, orderBy: [['at', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('grants', where),
  ]);
  return {
    items: rows.map(({ _id, _v, ...g }) => ({ id: _id, ...g })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

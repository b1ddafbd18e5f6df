/**
 * The audit of reads (`reads`): every time someone saw a resident's personal data in full —
 * today the contact (name and phone) of an item, revealed by `register.showContact` — who,
 * when, whose, on which item. Administrators list it (`members.audit`, `log: "reads"`).
 */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Caller, Role } from '../members/types';
import type { Filter, StoredDoc } from '../ports/store';
import { maskName } from '../register/item';

/** One read of someone's personal data. */
export interface Read extends StoredDoc {
  at: number;
  /** Who read (an openid), their name and role then. */
  by: string;
  byName: string;
  byRole: Role;
  /** What was read. */
  what: 'contact';
  /** Whose data (the submitter's openid, or `walkin:<reception>` for a walk-in visitor). */
  subject: string;
  /** Their name as masked on the item, for the list (the log holds no phone). */
  subjectName: string | null;
  itemId: string;
  itemNo: string;
  studioId: string;
}

/** Records a read; written before the data is answered, so a read never goes unlogged. */
export async function logRead(deps: Deps, caller: Caller, read: Pick<Read, 'what' | 'subject' | 'subjectName' | 'itemId' | 'itemNo' | 'studioId'>): Promise<Read> {
  const at = deps.clock.now();
  const _id = 'rd' + createHash('sha256').update(`${caller.openid}|${read.itemId}|${at}|${randomInt(1e9)}`).digest('hex').slice(0, 24);
  return deps.store.create<Read>('reads', {
    _id,
    at,
    by: caller.openid,
    byName: caller.name,
    byRole: caller.role,
    ...read,
    subjectName: read.subjectName === null ? null : maskName(read.subjectName),
  });
}

/** Who viewed whose data, newest first: all, or by one reader, or of one item. */
export async function listReads(deps: Deps, q: { by?: string; itemId?: string; page: number; pageSize: number }) {
  const where: Filter = {};
  if (q.by) where.by = q.by;
  if (q.itemId) where.itemId = q.itemId;
  const [rows, total] = await Promise.all([
    deps.store.find<Read>('reads', { where, orderBy: [['at', 'desc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('reads', where),
  ]);
  return { items: rows.map(({ _id, _v, ...r }) => ({ id: _id, ...r })), total, page: q.page, pageSize: q.pageSize };
}

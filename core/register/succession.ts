/**
 * Owned open items when their owner no longer serves the studio (a role revoked, an account
 * rebound to another role or studio): each goes back to the studio's queue (`release`) or to a
 * named successor (`handOver`), one lifecycle transition each, so the timeline says when, why
 * and who. The owner relation already lapsed with the role (core/register/permissions.ts):
 * this is the tidying, never the lock.
 */
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { runTransition } from '../matters/runner';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import type { Item } from './item';
import { itemKind } from './kind';
import { OPEN_STATUSES } from './lifecycle';
import { relationsOf } from './permissions';

/** Whom the items were owned by: a liaison by openid, a representative by their record. */
export interface FormerOwner {
  openid: string;
  representativeId?: string;
}

/** Who takes the items over: a representative (by record) or a liaison (by openid), in their studios only. */
export type Successor =
  | { kind: 'representative'; representativeId: string; studioIds: string[]; name: string }
  | { kind: 'liaison'; openid: string; studioIds: string[]; name: string };

export interface HandBackOptions {
  /** Items the former owner keeps (still in their studios after a rebinding). */
  keeps?: (item: Item) => boolean;
  successor?: Successor | null;
  /** Why, for the timeline: "联络员身份已撤销". */
  reason: string;
}

const PAGE = 100;
const PARALLEL = 10;

const ownedBy = (former: FormerOwner, item: Item) =>
  (item.ownerOpenid !== null && item.ownerOpenid === former.openid) || (former.representativeId !== undefined && item.ownerRepId === former.representativeId);

/** Hands back every open item `former` owns that `keeps` does not cover. Answers how many went where. */
export async function handBackOwned(deps: Deps, by: Actor, former: FormerOwner, options: HandBackOptions): Promise<{ released: number; handedOver: number }> {
  const open = { in: [...OPEN_STATUSES] };
  const queries: Filter[] = [{ ownerOpenid: former.openid, status: open }];
  if (former.representativeId) queries.push({ ownerRepId: former.representativeId, status: open });
  const done = { released: 0, handedOver: 0 };
  const seen = new Set<string>();
  for (;;) {
    const pages = await Promise.all(queries.map((where) => deps.store.find<Item>('items', { where, orderBy: [['createdAt', 'asc']], limit: PAGE })));
    const todo = pages.flat().filter((i) => !seen.has(i._id) && !(options.keeps?.(i) ?? false));
    for (const i of pages.flat()) seen.add(i._id);
    if (todo.length === 0) return done;
    for (let k = 0; k < todo.length; k += PARALLEL) {
      const results = await Promise.all(todo.slice(k, k + PARALLEL).map((item) => handBackOne(deps, by, former, item, options)));
      for (const r of results) if (r) done[r]++;
    }
    // Every page was the whole of its query: nothing more to look for.
    if (pages.every((p) => p.length < PAGE)) return done;
  }
}

async function handBackOne(deps: Deps, by: Actor, former: FormerOwner, first: Item, options: HandBackOptions): Promise<'released' | 'handedOver' | null> {
  let item: Item | null = first;
  for (let attempt = 0; attempt < 3 && item && ownedBy(former, item); attempt++) {
    const s = options.successor;
    const toSuccessor = s !== undefined && s !== null && s.studioIds.includes(item.studioId);
    // The timeline names who did it when they stand to the item (its liaison, an admin); else the system.
    const rel = relationsOf(by, item);
    const actor: Actor = rel.has('studioLiaison') || rel.has('admin') ? by : 'system';
    try {
      if (toSuccessor && s) {
        await runTransition(deps, itemKind, actor, item, {
          action: 'handOver',
          change: () =>
            s.kind === 'representative'
              ? { ownerRepId: s.representativeId, ownerOpenid: null, ownerName: s.name }
              : { ownerRepId: null, ownerOpenid: s.openid, ownerName: s.name },
          note: `${options.reason}，移交 ${s.name} 承办`,
        });
        return 'handedOver';
      }
      await runTransition(deps, itemKind, actor, item, {
        action: 'release',
        change: () => ({ ownerRepId: null, ownerOpenid: null, ownerName: null }),
        note: `${options.reason}，退回工作室待办`,
      });
      return 'released';
    } catch (e) {
      // Someone acted on it meanwhile: read it again and see whether it is still theirs.
      if (!(e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'INVALID_STATE'))) throw e;
      item = await deps.store.get<Item>('items', item._id);
    }
  }
  return null;
}

import type { Store, TransactionOps } from '../../../core/ports/store';

export type StoreOp = 'get' | 'create' | 'update' | 'remove' | 'find' | 'count' | 'countBy';

/**
 * The real store with a fault switch: while `failWhen(op, collection)` answers true, that
 * operation throws, as a database cut off mid-request would. Used to show what a crash
 * between two writes leaves behind.
 */
export function faultyStore(inner: Store, failWhen: (op: StoreOp, collection: string) => boolean): Store {
  const guard = <T>(op: StoreOp, collection: string, run: () => Promise<T>): Promise<T> =>
    failWhen(op, collection) ? Promise.reject(new Error(`injected fault: ${op} ${collection}`)) : run();
  const wrapOps = (ops: TransactionOps): TransactionOps => ({
    get: (c, id) => guard('get', c, () => ops.get(c, id)),
    create: (c, doc) => guard('create', c, () => ops.create(c, doc)),
    update: (c, id, v, doc) => guard('update', c, () => ops.update(c, id, v, doc)),
    remove: (c, id) => guard('remove', c, () => ops.remove(c, id)),
  });
  return {
    ...wrapOps(inner),
    find: (c, o) => guard('find', c, () => inner.find(c, o)),
    count: (c, w) => guard('count', c, () => inner.count(c, w)),
    countBy: (c, f, w) => guard('countBy', c, () => inner.countBy(c, f, w)),
    updateWhere: (c, w, set) => guard('update', c, () => inner.updateWhere(c, w, set)),
    transaction: (work) => inner.transaction((tx) => work(wrapOps(tx))),
  };
}

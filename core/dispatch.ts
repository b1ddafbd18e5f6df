import type { Deps } from './deps';
import { toErrorEnvelope } from './envelope';
import { AppError, type Envelope } from './errors';
import type { FunctionDef } from './functions/define';
import { resolveCaller } from './members/caller';
import type { Caller } from './members/types';
import { parseInput } from './shared/validation';
import type { Store, StoredDoc } from './ports/store';

/** A timer-triggered job: runs with no caller. */
export type Timer = (deps: Deps) => Promise<unknown>;

/** Keys the platform adds to an event that are not the client's input. */
const PLATFORM_KEYS = ['action', 'userInfo'];

/**
 * The functions given, behind one call: validates the event, resolves the caller from the
 * verified openid (never from the event), runs the action, answers the envelope. Built over
 * the functions it is given, so that a cloud function's bundle holds its own actions only
 * (cloudfunctions/callable.ts); `createApp` (core/app.ts) gives it all of them.
 */
export function createDispatcher(deps: Deps, functions: Readonly<Record<string, FunctionDef>>, timers: Readonly<Record<string, Timer>> = {}) {
  return {
    deps,
    async call(name: string, event: unknown, openid: string | undefined): Promise<Envelope<unknown>> {
      try {
        const fn: FunctionDef | undefined = Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : undefined;
        if (!fn) throw new AppError('NOT_FOUND', `云函数 ${name} 不存在`);
        if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new AppError('VALIDATION', '请求格式不正确');
        const { action } = event as { action?: unknown };
        if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(fn, action)) {
          throw new AppError('VALIDATION', `未知的操作：${typeof action === 'string' ? action : '(未指定)'}`, { actions: Object.keys(fn) });
        }
        if (typeof openid !== 'string' || openid.length === 0 || openid.length > 128) {
          throw new AppError('UNAUTHENTICATED', '未能识别您的微信身份，请重新进入小程序');
        }
        const def = fn[action];
        const params = Object.fromEntries(Object.entries(event).filter(([k]) => !PLATFORM_KEYS.includes(k)));
        const input = parseInput(def.input, params);
        const reads = def.reads?.(input, openid) ?? [];
        // The documents the action reads first go in the same round as the caller.
        const store = reads.length ? prefetching(deps.store, reads) : deps.store;
        const caller: Caller = def.caller === 'openid' ? { openid, role: 'resident', studioIds: [], name: '群众' } : await resolveCaller(deps.store, openid);
        return { ok: true, data: await def.run(store === deps.store ? deps : { ...deps, store }, caller, input) };
      } catch (e) {
        return toErrorEnvelope(e);
      }
    },
    async runTimer(name: string): Promise<Envelope<unknown>> {
      try {
        if (!Object.prototype.hasOwnProperty.call(timers, name)) throw new AppError('NOT_FOUND', `定时任务 ${name} 不存在`);
        return { ok: true, data: await timers[name](deps) };
      } catch (e) {
        return toErrorEnvelope(e);
      }
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * The store with these documents being read now: the first `get` of each is answered by that
 * read (as if it had been sent then), every later one reads again, and a write to one drops
 * its early read. Nothing else changes: a compare-and-swap still checks the version read.
 */
export function prefetching(store: Store, reads: ReadonlyArray<readonly [string, string]>): Store {
  const early = new Map<string, Promise<StoredDoc | null>>();
  const key = (collection: string, id: string) => `${collection}\u0000${id}`;
  for (const [collection, id] of reads) {
    if (early.has(key(collection, id))) continue;
    const read = store.get<StoredDoc>(collection, id);
    read.catch(() => undefined); // an early read nobody asks for again must not go unhandled
    early.set(key(collection, id), read);
  }
  const take = (collection: string, id: string) => {
    const k = key(collection, id);
    const read = early.get(k);
    early.delete(k);
    return read;
  };
  return {
    get: <T extends StoredDoc>(collection: string, id: string) => (take(collection, id) as Promise<T | null> | undefined) ?? store.get<T>(collection, id),
    create: (collection, doc) => (take(collection, doc._id), store.create(collection, doc)),
    update: (collection, id, version, doc) => (take(collection, id), store.update(collection, id, version, doc)),
    remove: (collection, id) => (take(collection, id), store.remove(collection, id)),
    find: (collection, options) => store.find(collection, options),
    count: (collection, where) => store.count(collection, where),
    countBy: (collection, fields, where) => store.countBy(collection, fields, where),
    updateWhere: (collection, where, set) => store.updateWhere(collection, where, set),
    transaction: (work) => store.transaction(work),
  };
}

import type { Deps } from './deps';
import { toErrorEnvelope } from './envelope';
import { AppError, type Envelope } from './errors';
import type { FunctionDef } from './functions/define';
import { resolveCaller } from './members/caller';
import { parseInput } from './shared/validation';

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
        const caller = await resolveCaller(deps.store, openid);
        return { ok: true, data: await def.run(deps, caller, input) };
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

import type { Deps } from './deps';
import { AppError, type Envelope } from './errors';
import type { FunctionDef } from './functions/define';
import { directory } from './functions/directory';
import { timerBudgetMs } from './functions/manifest';
import { members } from './functions/members';
import { receptions } from './functions/receptions';
import { register } from './functions/register';
import { resolveCaller } from './members/caller';
import { DuplicateId, VersionConflict } from './ports/store';
import { autoCloseDue } from './register/usecases';
import { runReminders } from './notifications/reminders';
import { parseInput } from './shared/validation';

/** Every callable cloud function and its actions: the API contract (docs/api.md). */
export const FUNCTIONS = { directory, members, register, receptions } satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof FUNCTIONS;

/** Timer-triggered functions: run with no caller. */
export const TIMERS = {
  /** Every 15 minutes: closes items whose feedback period ran out, plans reminders, delivers the outbox. */
  reminders: async (deps: Deps) => {
    // Leave headroom under the function's time limit (its timeout in core/functions/manifest.ts).
    const limits = { batch: 100, deadline: Date.now() + timerBudgetMs('reminders') };
    const autoClosed = await autoCloseDue(deps);
    return { autoClosed, ...(await runReminders(deps, deps.notifier, limits)) };
  },
} satisfies Record<string, (deps: Deps) => Promise<unknown>>;
export type TimerName = keyof typeof TIMERS;

/** Keys the platform adds to an event that are not the client's input. */
const PLATFORM_KEYS = ['action', 'userInfo'];

/** Turns any thrown value into the error envelope; unknown faults become INTERNAL without details. */
export function toErrorEnvelope(e: unknown, log: (e: unknown) => void = console.error): Envelope<never> {
  if (e instanceof AppError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
  }
  if (e instanceof VersionConflict || e instanceof DuplicateId) {
    return { ok: false, error: { code: 'CONFLICT', message: '该记录刚被他人修改，请刷新后重试' } };
  }
  log(e);
  return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } };
}

/**
 * The whole back end behind one call: validates the event, resolves the caller from the
 * verified openid (never from the event), runs the action, answers the envelope.
 */
export function createApp(deps: Deps) {
  return {
    deps,
    async call(name: string, event: unknown, openid: string | undefined): Promise<Envelope<unknown>> {
      try {
        const fn: FunctionDef | undefined = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name as FunctionName] : undefined;
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
        if (!Object.prototype.hasOwnProperty.call(TIMERS, name)) throw new AppError('NOT_FOUND', `定时任务 ${name} 不存在`);
        return { ok: true, data: await TIMERS[name as TimerName](deps) };
      } catch (e) {
        return toErrorEnvelope(e);
      }
    },
  };
}

export type App = ReturnType<typeof createApp>;

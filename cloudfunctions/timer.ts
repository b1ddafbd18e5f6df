import type { Timer } from '../core/dispatch';
import { toErrorEnvelope } from '../core/envelope';
import type { Envelope } from '../core/errors';
import { cloudDeps, wxContext, type WXContext } from './runtime';

/**
 * Whether this invocation is the function's own timer trigger. A mini-program may call any
 * cloud function, timer-triggered ones included, so the timer checks what only the platform
 * sets:
 * - `SOURCE` of the WeChat context is `wx_trigger` (云函数定时触发器调用), exactly: not
 *   `wx_client` (the mini-program), not a chain such as `wx_client,scf` (a function called by
 *   a function the mini-program called). getWXContext's `SOURCE` is the platform's
 *   `TCB_SOURCE`, read directly when the context keys are not set.
 *   developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md
 * - no user: no `OPENID` in the context (a mini-program call always has one);
 * - the event is a timer's: `{ Type: 'Timer', TriggerName, Time, Message }`, with the trigger
 *   name of the function's config.json. tencentcloud.com/zh/document/product/583/31439 ("Timer
 *   触发器的事件消息结构"; WeChat cloud functions run on SCF).
 */
export function isOwnTimerTrigger(triggerName: string, event: unknown, context: WXContext, env: NodeJS.ProcessEnv = process.env): boolean {
  const source = context.SOURCE ?? env.TCB_SOURCE;
  const openid = context.OPENID ?? env.WX_OPENID;
  if (source !== 'wx_trigger') return false;
  if (openid !== undefined && openid !== null && String(openid) !== '') return false;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown };
  return Type === 'Timer' && TriggerName === triggerName;
}

/**
 * The `main` of a timer-triggered function: runs `job` when its trigger (named `triggerName`
 * in config.json) fires, and refuses every other caller with FORBIDDEN before any work.
 */
export function timer(triggerName: string, job: Timer) {
  return async (event: unknown): Promise<Envelope<unknown>> => {
    const context = wxContext();
    if (!isOwnTimerTrigger(triggerName, event, context)) {
      // Visible in the cloud logs if a real trigger were ever refused (no openid logged).
      const e = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
      console.warn(`timer ${triggerName}: refused a call that is not its trigger`, { source: context.SOURCE ?? process.env.TCB_SOURCE ?? null, type: e.Type ?? null, trigger: e.TriggerName ?? null });
      return { ok: false, error: { code: 'FORBIDDEN', message: '该任务只能由定时触发器运行' } };
    }
    try {
      return { ok: true, data: await job(cloudDeps()) };
    } catch (e) {
      return toErrorEnvelope(e);
    }
  };
}

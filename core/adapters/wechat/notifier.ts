import { NotifierError, type Notifier } from '../../ports/notifier';

/** The slice of `cloud.openapi` this adapter uses. */
export interface SubscribeOpenApi {
  subscribeMessage: {
    send(req: {
      touser: string;
      templateId: string;
      page?: string;
      data: Record<string, { value: string }>;
      miniprogramState?: 'developer' | 'trial' | 'formal';
    }): Promise<{ errCode?: number; errMsg?: string }>;
  };
}

// 43101: the user has no (remaining) subscription for this template — not worth retrying.
// 47003 / 40037: bad template data or id — a configuration error, retrying cannot help.
const FINAL = new Set([43101, 47003, 40037, 41030, 40003]);

/** Notifier through `subscribeMessage.send` (permission in the function's config.json). */
export function wechatNotifier(openapi: SubscribeOpenApi, state: 'developer' | 'trial' | 'formal' = 'formal'): Notifier {
  return {
    async send(msg) {
      try {
        const res = await openapi.subscribeMessage.send({
          touser: msg.openid,
          templateId: msg.templateId,
          ...(msg.page ? { page: msg.page } : {}),
          data: msg.data,
          miniprogramState: state,
        });
        if (res.errCode && res.errCode !== 0) throw Object.assign(new Error(res.errMsg ?? 'send failed'), { errCode: res.errCode });
      } catch (e) {
        const code = typeof (e as { errCode?: unknown }).errCode === 'number' ? (e as { errCode: number }).errCode : undefined;
        throw new NotifierError(e instanceof Error ? e.message : String(e), code === undefined || !FINAL.has(code), code);
      }
    },
  };
}

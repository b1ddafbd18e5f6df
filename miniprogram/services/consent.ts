/**
 * Subscribe-message consent (订阅消息). The template ids are the back end's
 * (`members.templates`, set per deployment in the functions' environment); what the resident
 * accepts is recorded with `members.subscribe`, one message per acceptance. Nothing here
 * fails a page: a refusal, an old WeChat or a lost call only means the message waits in
 * 消息中心 instead of arriving as a WeChat notification.
 */
import { call } from './cloud';

/** The back end's templates (core/notifications/templates.ts) a resident is asked about. */
export type TemplateKey = 'itemProgress' | 'booking' | 'activity';

/** The ids of these templates; none when they cannot be had. */
export async function templatesFor(keys: readonly TemplateKey[]): Promise<string[]> {
  try {
    const all = await call<Array<{ key: string; id: string }>>('members', 'templates');
    return all.filter((t) => (keys as readonly string[]).includes(t.key)).map((t) => t.id);
  } catch {
    return [];
  }
}

/**
 * Asks for consent to `ids`. Call it in the tap handler before anything is awaited: WeChat
 * shows the dialog only in answer to a tap. Resolves when the resident has answered; the
 * accepted ids are recorded in the background.
 */
export function askConsent(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds: [...ids],
        success: (res) => {
          const accepted = ids.filter((id) => res[id] === 'accept');
          if (accepted.length) call('members', 'subscribe', { templateIds: accepted }).catch(() => undefined);
        },
        fail: () => resolve(),
        complete: () => resolve(),
      });
    } catch {
      resolve(); // a WeChat without the API
    }
  });
}

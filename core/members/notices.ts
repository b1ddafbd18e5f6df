import type { Deps } from '../deps';
import { validationError } from '../errors';
import type { Caller } from './types';
import { grantSubscriptions } from '../notifications/reminders';
import { TEMPLATES, templateIds, type TemplateKey } from '../notifications/templates';
import type { OutboxMessage } from '../outbox/outbox';
import type { Filter } from '../ports/store';

/** The subscribe-message templates the mini-program asks consent for (`wx.requestSubscribeMessage`). */
export function subscribeTemplates() {
  const ids = templateIds();
  return (Object.keys(TEMPLATES) as TemplateKey[]).map((key) => ({ key, id: ids[key], title: TEMPLATES[key].title }));
}

/** Records what `wx.requestSubscribeMessage` granted ("accept" results only): one send each. */
export async function subscribe(deps: Deps, caller: Caller, accepted: string[]) {
  const known = new Set(Object.values(templateIds()));
  const unknown = accepted.filter((id) => !known.has(id));
  if (unknown.length) throw validationError(`未知的订阅消息模板：${unknown.join('、')}`);
  return { granted: await grantSubscriptions(deps, caller.openid, [...new Set(accepted)]) };
}

/** 消息中心: every message to the caller, newest first, with the unread count. */
export async function listNotices(deps: Deps, caller: Caller, page: number, pageSize: number) {
  const where: Filter = { recipientOpenid: caller.openid };
  const [rows, total, unread] = await Promise.all([
    deps.store.find<OutboxMessage>('outbox', { where, orderBy: [['createdAt', 'desc']], limit: pageSize, skip: (page - 1) * pageSize }),
    deps.store.count('outbox', where),
    deps.store.count('outbox', { ...where, readAt: null }),
  ]);
  return {
    items: rows.map((m) => ({ id: m._id, kind: m.kind, title: m.title, body: m.body, page: m.page, createdAt: m.createdAt, read: m.readAt !== null })),
    total,
    unread,
    page,
    pageSize,
  };
}

/**
 * Marks the caller's messages read: the given ones, or all (however many: one multi-update,
 * no cap). Others' ids are ignored. Two rounds after the caller: the update, then the count.
 */
export async function markRead(deps: Deps, caller: Caller, ids: string[] | 'all') {
  const now = deps.clock.now();
  const mine: Filter = { recipientOpenid: caller.openid, readAt: null };
  const marked = ids === 'all' || ids.length ? await deps.store.updateWhere('outbox', ids === 'all' ? mine : { ...mine, _id: { in: [...new Set(ids)] } }, { readAt: now }) : 0;
  const unread = await deps.store.count('outbox', mine);
  return { marked, unread };
}

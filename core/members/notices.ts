import type { Deps } from '../deps';
import { validationError } from '../errors';
import type { Caller } from './types';
import { grantSubscriptions } from '../notifications/reminders';
import { TEMPLATES, templateIds, type TemplateKey } from '../notifications/templates';
import type { OutboxMessage } from '../outbox/outbox';
import { VersionConflict, type Filter } from '../ports/store';

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

/** Marks the caller's messages read: the given ones, or all. Others' ids are ignored. */
export async function markRead(deps: Deps, caller: Caller, ids: string[] | 'all') {
  const now = deps.clock.now();
  const rows =
    ids === 'all'
      ? await deps.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: caller.openid, readAt: null }, limit: 1000 })
      : (await Promise.all(ids.map((id) => deps.store.get<OutboxMessage>('outbox', id)))).filter((m): m is OutboxMessage => m !== null);
  let marked = 0;
  for (let row of rows) {
    if (row.recipientOpenid !== caller.openid) continue;
    // The timer may be updating the same row's delivery status: re-read and try again.
    for (let attempt = 0; attempt < 5 && row.readAt === null; attempt++) {
      const { _v, ...rest } = row;
      try {
        await deps.store.update<OutboxMessage>('outbox', row._id, _v, { ...rest, readAt: now });
        marked++;
        break;
      } catch (e) {
        if (!(e instanceof VersionConflict)) throw e;
        const fresh = await deps.store.get<OutboxMessage>('outbox', row._id);
        if (!fresh) break;
        row = fresh;
      }
    }
  }
  const unread = await deps.store.count('outbox', { recipientOpenid: caller.openid, readAt: null });
  return { marked, unread };
}

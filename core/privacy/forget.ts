/**
 * 删除我的联系方式 (`members.forgetMe`): a resident erases the personal data their account gave —
 * the name and phone on every item they submitted, which become anonymous (nobody but them sees
 * who sent it; their own timeline lines read 反映人 to others) — and the messages sent to them.
 * The items stay, with their content and figures, and still belong to the account, so the
 * resident may follow them and rate them. A role (representative, liaison…) is not touched:
 * that is `members.revoke`'s.
 */
import type { Deps } from '../deps';
import type { Caller } from '../members/types';
import { recordGrant } from '../members/grants';
import type { OutboxMessage } from '../outbox/outbox';
import type { Item } from '../register/item';
import { eraseContact } from './retention';

const PAGE = 100;
/** Items per call at most; `more` says to call again (a resident with more is rare). */
const MAX = 1000;

export async function forgetMe(deps: Deps, caller: Caller) {
  const now = deps.clock.now();
  let items = 0;
  let more = false;
  for (let seen = 0; ; ) {
    const page = await deps.store.find<Item>('items', { where: { submitterOpenid: caller.openid, erasedAt: null }, orderBy: [['createdAt', 'asc']], limit: PAGE });
    if (page.length === 0) break;
    if (seen >= MAX) {
      more = true;
      break;
    }
    seen += page.length;
    const done = await Promise.all(page.map((i) => eraseContact(deps, i, now, true)));
    items += done.filter(Boolean).length;
    if (page.length < PAGE) break;
  }
  let messages = 0;
  for (;;) {
    const rows = await deps.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: caller.openid }, orderBy: [['createdAt', 'asc']], limit: PAGE });
    if (rows.length === 0) break;
    await Promise.all(rows.map((m) => deps.store.remove('outbox', m._id)));
    messages += rows.length;
    if (rows.length < PAGE) break;
  }
  await recordGrant(deps, caller, { kind: 'forget', subject: caller.openid, role: caller.role, studioIds: caller.studioIds, note: `删除 ${items} 条反映的联系方式、${messages} 条消息` });
  return { items, messages, more };
}

/**
 * Who is told what: turns register transitions, reception events and due reminders into
 * outbox rows. Use cases call these after persisting; nothing is sent inline.
 */
import type { Deps } from '../deps';
import type { Member } from '../members/types';
import { enqueue, type MessageKind } from '../outbox/outbox';
import type { Item } from '../register/item';
import type { TransitionAction } from '../register/lifecycle';
import { formatShanghai, shanghaiDate } from '../time';
import type { Audience } from './policy';

/** The page a message about an item opens: residents' progress page, or the staff handling page. */
export const itemPage = (id: string, kind: MessageKind) =>
  RESIDENT_KINDS.has(kind) ? `pages/items/detail/index?id=${id}` : `pages/staff/item/index?id=${id}`;

const RESIDENT_KINDS = new Set<MessageKind>(['item_accepted', 'item_answered', 'item_referred', 'item_resolved', 'item_reopened']);

/** Residents who registered online or by booking have an openid; walk-in visitors do not. */
const residentOf = (item: Item): string | null => (item.submitterOpenid.startsWith('walkin:') ? null : item.submitterOpenid);

/** Openids of people to tell, resolved from the members collection (one query per audience). */
export class Recipients {
  private liaisons: Member[] | null = null;
  private admins: string[] | null = null;
  constructor(private readonly deps: Deps) {}

  async representative(representativeId: string): Promise<string | null> {
    const [m] = await this.deps.store.find<Member>('members', { where: { representativeId }, limit: 1 });
    return m ? m._id : null;
  }

  async owner(item: Item): Promise<string | null> {
    if (item.ownerRepId) return this.representative(item.ownerRepId);
    return item.ownerOpenid;
  }

  async studioLiaisons(studioId: string): Promise<string[]> {
    // Liaison staff are few (a handful per township): one query, filtered here.
    this.liaisons ??= await this.deps.store.find<Member>('members', { where: { role: 'liaison' }, limit: 1000 });
    return this.liaisons.filter((m) => m.studioIds.includes(studioId)).map((m) => m._id);
  }

  async allAdmins(): Promise<string[]> {
    this.admins ??= (await this.deps.store.find<Member>('members', { where: { role: 'admin' }, limit: 1000 })).map((m) => m._id);
    return this.admins;
  }

  async of(audience: Audience, item: Item): Promise<string[]> {
    if (audience === 'owner') {
      const o = await this.owner(item);
      return o ? [o] : [];
    }
    if (audience === 'liaisons') return this.studioLiaisons(item.studioId);
    return this.allAdmins();
  }
}

const short = (s: string, n = 30) => (s.length > n ? s.slice(0, n) + '…' : s);

/** Title and body of a message about an item. */
export function itemMessage(kind: MessageKind, item: Item, now: number): { title: string; body: string } {
  const what = `${item.no} ${short(item.content, 24)}`;
  switch (kind) {
    case 'item_accepted':
      return { title: '您的反映已受理', body: `${what}：${item.ownerName ?? item.studioName}已受理，将尽快办理` };
    case 'item_answered':
      return { title: '您的反映已答复', body: `${what}：${short(item.reply?.text ?? '', 40)}。请对办理结果进行评价` };
    case 'item_resolved':
      return { title: '您的反映已办结', body: `${what}：${short(item.reply?.text ?? '', 40)}。请对办理结果进行评价` };
    case 'item_referred':
      return { title: '您的反映已转交办理', body: `${what}：已转交${item.referral?.departmentName ?? '有关单位'}，${item.referral?.deadline ?? ''} 前办理` };
    case 'item_reopened':
      return { title: '您的反映已重新办理', body: `${what}：收到您的不满意评价，已重新交办` };
    case 'item_assigned':
      return { title: '您有新的交办事项', body: `${what}，请于 ${shanghaiDate(item.dueAt)} 前答复` };
    case 'item_due_soon':
      return { title: '事项即将到期', body: `${what}，办理期限 ${shanghaiDate(item.dueAt)}` };
    case 'item_overdue':
      return { title: '您有逾期未办事项', body: `${what}，已超过期限 ${shanghaiDate(item.dueAt)}` };
    case 'studio_item_overdue':
      return { title: '工作室有逾期事项', body: `${what}，期限 ${shanghaiDate(item.dueAt)}，承办：${item.ownerName ?? '未受理'}` };
    case 'item_not_accepted':
      return { title: '新事项超时未受理', body: `${what}，${formatShanghai(item.createdAt)} 提交，请及时受理或交办` };
    case 'item_reopened_liaison':
      return { title: '群众评价不满意', body: `${what}：反映人不满意，事项已重新打开（第 ${item.round} 轮）` };
    case 'item_supervise':
      return { title: '督办：事项逾期超过 7 天', body: `${item.studioName} ${what}，期限 ${shanghaiDate(item.dueAt)}，截至 ${shanghaiDate(now)} 仍未办结` };
    default:
      return { title: '事项提醒', body: what };
  }
}

async function tell(deps: Deps, to: string | null, kind: MessageKind, item: Item, dedupeKey: string, now: number) {
  if (!to) return;
  await enqueue(deps.store, { dedupeKey, recipientOpenid: to, kind, ...itemMessage(kind, item, now), page: itemPage(item._id, kind), createdAt: now });
}

/** The messages a register transition causes (called after the item was saved). */
export async function notifyTransition(deps: Deps, item: Item, action: TransitionAction, now: number): Promise<void> {
  const key = (who: string) => `item:${item._id}:${action}:${item.timeline.length}:${who}`;
  const recipients = new Recipients(deps);
  const resident = residentOf(item);
  switch (action) {
    case 'accept':
      return tell(deps, resident, 'item_accepted', item, key('resident'), now);
    case 'assign': {
      await tell(deps, await recipients.owner(item), 'item_assigned', item, key('owner'), now);
      // The resident hears "accepted" once: when the item first leaves `submitted`.
      const first = item.timeline[item.timeline.length - 1]?.from === 'submitted';
      if (first) await tell(deps, resident, 'item_accepted', item, key('resident'), now);
      return;
    }
    case 'answer':
      return tell(deps, resident, 'item_answered', item, key('resident'), now);
    case 'resolve':
      return tell(deps, resident, 'item_resolved', item, key('resident'), now);
    case 'refer':
      return tell(deps, resident, 'item_referred', item, key('resident'), now);
    case 'feedbackUnsatisfied': {
      await tell(deps, resident, 'item_reopened', item, key('resident'), now);
      for (const l of await recipients.studioLiaisons(item.studioId)) await tell(deps, l, 'item_reopened_liaison', item, key(l), now);
      const owner = await recipients.owner(item);
      if (owner) await tell(deps, owner, 'item_reopened_liaison', item, key(owner), now);
      return;
    }
    default:
      return;
  }
}

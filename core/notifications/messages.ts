/**
 * The words of messages about register items: titles, bodies and the page each opens. Who
 * is told what is declared with the item's kind (core/register/kind.ts).
 */
import type { MessageKind } from '../outbox/outbox';
import type { Item } from '../register/item';
import { formatCalendarDate, formatDay, formatShanghai } from '../time';

/** The page a message about an item opens: residents' progress page, or the staff handling page. */
export const itemPage = (id: string, kind: MessageKind) =>
  RESIDENT_KINDS.has(kind) ? `pages/items/detail/index?id=${id}` : `pages/staff/item/index?id=${id}`;

const RESIDENT_KINDS = new Set<MessageKind>(['item_accepted', 'item_answered', 'item_referred', 'item_resolved', 'item_reopened', 'item_merged']);

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
      return { title: '您的反映已转交办理', body: `${what}：已转交${item.referral?.departmentName ?? '有关单位'}，${item.referral ? formatCalendarDate(item.referral.deadline) : ''}前办理` };
    case 'item_reopened':
      return { title: '您的反映已重新办理', body: `${what}：收到您的不满意评价，已重新交办` };
    case 'item_assigned':
      return { title: '您有新的交办事项', body: `${what}，请于 ${formatDay(item.dueAt)} 前答复` };
    case 'item_due_soon':
      return { title: '事项即将到期', body: `${what}，办理期限 ${formatDay(item.dueAt)}` };
    case 'item_overdue':
      return { title: '您有逾期未办事项', body: `${what}，已超过期限 ${formatDay(item.dueAt)}` };
    case 'studio_item_overdue':
      return { title: '工作室有逾期事项', body: `${what}，期限 ${formatDay(item.dueAt)}，承办：${item.ownerName ?? '未受理'}` };
    case 'item_not_accepted':
      return { title: '新事项超时未受理', body: `${what}，${formatShanghai(item.createdAt)} 提交，请及时受理或交办` };
    case 'item_reopened_liaison':
      return { title: '群众评价不满意', body: `${what}：反映人不满意，事项已重新打开（第 ${item.round} 轮）` };
    case 'item_urged':
      return { title: '群众催办', body: `${what}：期限 ${formatDay(item.dueAt)} 已过，反映人催办，请尽快办理` };
    case 'item_referred_department':
      return { title: '有事项转交本单位办理', body: `${item.studioName} ${what}，请于 ${item.referral?.deadline ?? ''} 前办理并登记结果` };
    case 'item_referral_result':
      return { title: '有关单位已登记办理结果', body: `${what}：${short(item.referral?.result ?? '', 30)}，请答复反映人` };
    case 'item_released':
      return { title: '事项退回待办', body: `${what}：原承办人已不再担任本工作室职务，请重新受理或交办` };
    case 'item_merged':
      return { title: '您的反映已合并办理', body: `${what}：其他群众反映了同一件事，已合并办理，您可随时查看进度并评价` };
    case 'item_asker_unsatisfied':
      return { title: '群众评价不满意', body: `${what}：一位反映了此事的群众对答复不满意，请关注` };
    case 'item_supervise':
      return { title: '督办：事项逾期超过 7 天', body: `${item.studioName} ${what}，期限 ${formatDay(item.dueAt)}，截至 ${formatDay(now)} 仍未办结` };
    default:
      return { title: '事项提醒', body: what };
  }
}

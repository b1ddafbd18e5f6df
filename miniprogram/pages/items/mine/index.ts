/**
 * 我的反映: the resident's items, newest first, with their status and days left; an overdue one
 * says "已超期 N 天" with the studio's phone and 催办; a duplicate merged into another item shows
 * that item's progress and opens it. Pull to refresh, more at the bottom.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { call, messageOf } from '../../../services/cloud';
import type { Paged } from '../../../services/types';
import { daysText, urgeButton, type ItemPlus as Item } from '../../../utils/deadline';
import { formatDateTime } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { statusTone } from '../../../utils/items';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  tone: string;
  overdue: boolean;
  category: string;
  studioName: string;
  content: string;
  createdAt: string;
  asksFeedback: boolean;
  days: string;
  phone: string;
  urge: { show: boolean; enabled: boolean; text: string };
  /** The item a merged one is handled in (it opens that one), with its progress. */
  openId: string;
  merged: string;
}

function toRow(i: Item): Row {
  const p = i.mergedInto?.progress ?? null;
  return {
    id: i.id,
    no: i.no,
    statusLabel: p ? p.statusLabel : i.statusLabel,
    tone: statusTone(p ? p.status : i.status),
    overdue: p ? p.overdue : i.overdue,
    category: i.category,
    studioName: i.studioName,
    content: i.content,
    createdAt: formatDateTime(i.createdAt),
    asksFeedback: p ? p.asksFeedback : i.actions.includes('feedback'),
    days: daysText(p ? p.daysLeft : i.daysLeft),
    phone: !p && i.overdue && i.studioPhone ? i.studioPhone : '',
    urge: p ? { show: false, enabled: false, text: '' } : urgeButton(i),
    openId: i.mergedInto ? i.mergedInto.id : i.id,
    merged: i.mergedInto ? `与 ${i.mergedInto.no} 是同一件事，合并办理${p && p.raisedBy > 1 ? ` · ${p.raisedBy} 位群众反映了此事` : ''}` : '',
  };
}

Component({
  behaviors: [
    care,
    pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<Item>>('register', 'mine', { page, pageSize }), toRow })],
  data: {
    /** What `members.forgetMe` did, once done. */
    forgotten: '',
  },
  methods: {
    /** 删除我的联系方式: erases the name and phone on every item the resident sent; the items stay, anonymous. */
    async forgetMe() {
      const { confirm } = await wx.showModal({
        title: '删除我的联系方式',
        content: '将删除您在所有反映中留下的姓名和电话，以及发给您的消息。反映内容和办理进度保留，您仍可查看和评价，但工作室将无法再联系您。确定删除？',
        confirmText: '删除',
      });
      if (!confirm) return;
      try {
        const r = await call<{ items: number; messages: number }>('members', 'forgetMe', { confirm: true });
        this.setData({ forgotten: `已删除 ${r.items} 条反映中的姓名和电话，以及 ${r.messages} 条消息` });
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      }
    },
    onShow() {
      // Back from an item after giving feedback: its status changed.
      if (this.data.state === 'ready') this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.item(String(e.currentTarget.dataset.id)));
    },
    callStudio(e: WechatMiniprogram.BaseEvent) {
      const phone = String(e.currentTarget.dataset.phone ?? '');
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    /** 催办 from the list: the row shows the item as the server answers it. */
    async urge(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const index = this.data.rows.findIndex((r: Row) => r.id === id);
      if (index < 0 || !this.data.rows[index].urge.enabled) return;
      try {
        const item = await call<Item>('register', 'urge', { id });
        this.setData({ [`rows[${index}]`]: toRow(item) });
        wx.showToast({ title: '已催办，工作室会尽快办理', icon: 'none' });
      } catch (err) {
        wx.showToast({ title: messageOf(err), icon: 'none' });
      }
    },
    goSubmit() {
      go(routes.submit());
    },
  },
});

/** 我的反映: the resident's items, newest first, with their status; pull to refresh, more at the bottom. */
import { pagedList } from '../../../behaviors/paged-list';
import { call, messageOf } from '../../../services/cloud';
import type { Item, Paged } from '../../../services/types';
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
}

const toRow = (i: Item): Row => ({
  id: i.id,
  no: i.no,
  statusLabel: i.statusLabel,
  tone: statusTone(i.status),
  overdue: i.overdue,
  category: i.category,
  studioName: i.studioName,
  content: i.content,
  createdAt: formatDateTime(i.createdAt),
  asksFeedback: i.actions.includes('feedback'),
});

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
    goSubmit() {
      go(routes.submit());
    },
  },
});

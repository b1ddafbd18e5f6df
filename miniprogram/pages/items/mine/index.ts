/** 我的反映: the resident's items, newest first, with their status; pull to refresh, more at the bottom. */
import { call, messageOf } from '../../../services/cloud';
import type { Item, Paged } from '../../../services/types';
import { formatStamp } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { statusTheme } from '../../../utils/items';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  theme: string;
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
  theme: statusTheme(i.status),
  category: i.category,
  studioName: i.studioName,
  content: i.content,
  createdAt: formatStamp(i.createdAt),
  asksFeedback: i.actions.includes('feedback'),
});

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    error: '',
    rows: [] as Row[],
    page: 0,
    total: 0,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad() {
      this.refresh();
    },
    onShow() {
      // Back from an item after giving feedback: its status changed.
      if (this.data.state === 'ready') this.refresh();
    },
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.loadMore();
    },
    async refresh() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const p = await call<Paged<Item>>('register', 'mine', { page: 1, pageSize: PAGE_SIZE });
        this.setData({ state: p.total === 0 ? 'empty' : 'ready', rows: p.items.map(toRow), page: 1, total: p.total, moreError: '' });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    async loadMore() {
      if (this.data.loadingMore || this.data.state !== 'ready' || this.data.rows.length >= this.data.total) return;
      this.setData({ loadingMore: true, moreError: '' });
      try {
        const p = await call<Paged<Item>>('register', 'mine', { page: this.data.page + 1, pageSize: PAGE_SIZE });
        this.setData({ rows: this.data.rows.concat(p.items.map(toRow)), page: p.page, total: p.total });
      } catch (e) {
        this.setData({ moreError: messageOf(e) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.item(String(e.currentTarget.dataset.id)));
    },
    goSubmit() {
      go(routes.submit());
    },
  },
});

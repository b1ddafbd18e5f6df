/**
 * 消息中心: every message the back end wrote to the resident (sent as a WeChat notification
 * or not), newest first, unread ones marked; a message opens the page it is about.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Notice, Notices } from '../../../services/types';
import { formatStamp } from '../../../utils/format';
import { go } from '../../../utils/routes';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
  page: string | null;
}

const toRow = (n: Notice): Row => ({ id: n.id, title: n.title, body: n.body, at: formatStamp(n.createdAt), read: n.read, page: n.page });

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    error: '',
    rows: [] as Row[],
    unread: 0,
    page: 0,
    total: 0,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad() {
      this.refresh();
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
        const p = await call<Notices>('members', 'notices', { page: 1, pageSize: PAGE_SIZE });
        this.setData({ state: p.total === 0 ? 'empty' : 'ready', rows: p.items.map(toRow), unread: p.unread, page: 1, total: p.total, moreError: '' });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    async loadMore() {
      if (this.data.loadingMore || this.data.state !== 'ready' || this.data.rows.length >= this.data.total) return;
      this.setData({ loadingMore: true, moreError: '' });
      try {
        const p = await call<Notices>('members', 'notices', { page: this.data.page + 1, pageSize: PAGE_SIZE });
        this.setData({ rows: this.data.rows.concat(p.items.map(toRow)), unread: p.unread, page: p.page, total: p.total });
      } catch (e) {
        this.setData({ moreError: messageOf(e) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    async open(e: WechatMiniprogram.BaseEvent) {
      const row = this.data.rows[Number(e.currentTarget.dataset.index)];
      if (!row) return;
      if (!row.read) {
        this.setData({ rows: this.data.rows.map((r) => (r.id === row.id ? { ...r, read: true } : r)), unread: Math.max(0, this.data.unread - 1) });
        // Marking read is not worth an error message; the next refresh shows the truth.
        call<{ unread: number }>('members', 'markRead', { ids: [row.id] })
          .then((r) => this.setData({ unread: r.unread }))
          .catch(() => undefined);
      }
      if (row.page) go(`/${row.page.replace(/^\//, '')}`);
    },
    async readAll() {
      try {
        const r = await call<{ unread: number }>('members', 'markRead', { all: true });
        this.setData({ rows: this.data.rows.map((row) => ({ ...row, read: true })), unread: r.unread });
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      }
    },
  },
});

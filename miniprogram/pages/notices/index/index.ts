/**
 * 消息中心: every message the back end wrote to the resident (sent as a WeChat notification
 * or not), newest first, unread ones marked; a message opens the page it is about.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { call, messageOf } from '../../../services/cloud';
import type { Notice, Notices } from '../../../services/types';
import { formatDateTime } from '../../../utils/format';
import { go } from '../../../utils/routes';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
  page: string | null;
}

const toRow = (n: Notice): Row => ({ id: n.id, title: n.title, body: n.body, at: formatDateTime(n.createdAt), read: n.read, page: n.page });

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      load: (page, pageSize) => call<Notices>('members', 'notices', { page, pageSize }).then((p) => ({ ...p, data: { unread: p.unread } })),
      toRow,
    }),
  ],
  data: {
    unread: 0,
  },
  methods: {
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

/** 我的预约: the resident's bookings, newest first, with the door code; pull to refresh, more at the bottom. */
import { call, messageOf } from '../../../services/cloud';
import type { BookingWithReception, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';

const PAGE_SIZE = 10;

const STATUS: Record<string, { label: string; theme: string }> = {
  booked: { label: '已预约', theme: 'success' },
  waiting: { label: '候补中', theme: 'warning' },
  checked_in: { label: '已签到', theme: 'primary' },
  cancelled: { label: '已取消', theme: 'default' },
};

interface Row {
  id: string;
  receptionId: string;
  topic: string;
  studioName: string;
  when: string;
  place: string;
  code: string;
  status: string;
  statusLabel: string;
  theme: string;
  waitingPosition: number | null;
  receptionCancelled: boolean;
}

const toRow = (b: BookingWithReception): Row => ({
  id: b.id,
  receptionId: b.receptionId,
  topic: b.reception?.topic ?? '接待信息暂不可用',
  studioName: b.reception?.studioName ?? '',
  when: b.reception ? formatRange(b.reception.startAt, b.reception.endAt) : '',
  place: b.reception?.place ?? '',
  code: b.code,
  status: b.status,
  statusLabel: STATUS[b.status]?.label ?? b.status,
  theme: STATUS[b.status]?.theme ?? 'default',
  waitingPosition: b.waitingPosition,
  receptionCancelled: b.reception?.status === 'cancelled',
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
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.loadMore();
    },
    async refresh() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const p = await call<Paged<BookingWithReception>>('receptions', 'myBookings', { page: 1, pageSize: PAGE_SIZE });
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
        const p = await call<Paged<BookingWithReception>>('receptions', 'myBookings', { page: this.data.page + 1, pageSize: PAGE_SIZE });
        this.setData({ rows: this.data.rows.concat(p.items.map(toRow)), page: p.page, total: p.total });
      } catch (e) {
        this.setData({ moreError: messageOf(e) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.reception(String(e.currentTarget.dataset.id)));
    },
  },
});

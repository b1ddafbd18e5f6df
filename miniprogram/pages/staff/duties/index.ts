/**
 * 接待安排 (`receptions.duties`): a representative's upcoming receptions on duty; for liaison
 * staff every upcoming reception of their studios, drafts included, and the way to schedule
 * one. A reception opens the reception desk (check-in, walk-ins, publish, cancel, close).
 */
import { call, messageOf } from '../../../services/cloud';
import type { Duty, Me, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { RECEPTION_STATUS } from '../common/labels';
import { failState, type PageState } from '../common/staff';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  topic: string;
  when: string;
  place: string;
  formLabel: string;
  statusLabel: string;
  statusTheme: string;
  booked: string;
  reps: string;
  onDuty: boolean;
}

const toRow = (d: Duty): Row => ({
  id: d.id,
  topic: d.topic,
  when: formatRange(d.startAt, d.endAt),
  place: d.place,
  formLabel: d.formLabel,
  statusLabel: RECEPTION_STATUS[d.status]?.label ?? d.status,
  statusTheme: RECEPTION_STATUS[d.status]?.theme ?? 'default',
  booked: `已预约 ${d.booked}/${d.capacity}${d.waiting > 0 ? `，候补 ${d.waiting}` : ''}`,
  reps: d.representatives.map((r) => r.name).join('、'),
  onDuty: d.actions.includes('checkIn'),
});

Component({
  data: {
    state: 'loading' as PageState,
    error: '',
    manages: false,
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
      // Back from scheduling, publishing or cancelling.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.loadMore();
    },
    async refresh() {
      const shown = this.data.state === 'ready' || this.data.state === 'empty';
      if (!shown) this.setData({ state: 'loading', error: '' });
      try {
        const [p, me] = await Promise.all([call<Paged<Duty>>('receptions', 'duties', { page: 1, pageSize: PAGE_SIZE }), call<Me>('members', 'me')]);
        this.setData({
          state: p.total === 0 ? 'empty' : 'ready',
          manages: me.role === 'liaison' || me.role === 'admin',
          rows: p.items.map(toRow),
          page: 1,
          total: p.total,
          moreError: '',
        });
      } catch (e) {
        if (shown) wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async loadMore() {
      if (this.data.loadingMore || this.data.state !== 'ready' || this.data.rows.length >= this.data.total) return;
      this.setData({ loadingMore: true, moreError: '' });
      try {
        const p = await call<Paged<Duty>>('receptions', 'duties', { page: this.data.page + 1, pageSize: PAGE_SIZE });
        this.setData({ rows: this.data.rows.concat(p.items.map(toRow)), page: p.page, total: p.total });
      } catch (e) {
        this.setData({ moreError: messageOf(e) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffReception(String(e.currentTarget.dataset.id)));
    },
    goSchedule() {
      go(routes.schedule());
    },
  },
});

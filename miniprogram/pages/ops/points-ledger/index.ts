/**
 * 积分明细: the entries a total adds up from — a representative's or a studio's of the year —
 * each with what earned it (a reception, an item answered on time, an inquiry, a training, a
 * forum, a group visit, a proposal, a manual entry), what it counts (less what the yearly cap
 * took) and its status.
 */
import { call, messageOf } from '../../../services/cloud';
import type { PointEntry } from '../../../services/ops';
import type { Paged } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, thisYear, type PageState } from '../common/ops';

const SOURCE: Record<string, string> = { reception: '接待', item: '意见建议', inquiry: '党内质询', activity: '活动', forum: '论坛', visit: '走访', proposal: '代表提议', manual: '申报' };
const STATUS: Record<string, { label: string; tone: string }> = {
  granted: { label: '已计分', tone: 'success' },
  pending: { label: '待审核', tone: 'progress' },
  rejected: { label: '未通过', tone: 'neutral' },
};

const view = (e: PointEntry) => ({
  id: e.id,
  date: formatCalendarDate(e.date),
  who: e.representativeName,
  label: e.label,
  points: e.points,
  capped: e.capped,
  asked: e.asked,
  note: e.note,
  source: SOURCE[e.source.kind] ?? e.source.kind,
  status: STATUS[e.status],
  rejectReason: e.rejectReason,
  evidence: e.evidence?.text ?? '',
});

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    query: {} as Record<string, string>,
    items: [] as ReturnType<typeof view>[],
    total: 0,
    sum: 0,
    page: 1,
    more: false,
    loadingMore: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const q: Record<string, string> = {};
      for (const k of ['representativeId', 'studioId', 'status']) if (query[k]) q[k] = String(query[k]);
      this.setData({ query: q });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const r = await call<Paged<PointEntry>>('points', 'ledger', { ...this.data.query, year: thisYear(), page: 1, pageSize: 20 });
        this.setData({ state: r.total ? 'ready' : 'empty', items: r.items.map(view), total: r.total, sum: r.items.reduce((a, e) => a + e.points, 0), page: 1, more: r.items.length < r.total });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async loadMore() {
      if (this.data.loadingMore || !this.data.more) return;
      this.setData({ loadingMore: true });
      try {
        const r = await call<Paged<PointEntry>>('points', 'ledger', { ...this.data.query, year: thisYear(), page: this.data.page + 1, pageSize: 20 });
        const items = [...this.data.items, ...r.items.map(view)];
        this.setData({ items, page: this.data.page + 1, more: items.length < r.total, sum: this.data.sum + r.items.reduce((a, e) => a + e.points, 0) });
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onReachBottom() {
      this.loadMore();
    },
  },
});

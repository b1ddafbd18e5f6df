/**
 * 活动达标情况: every studio of the caller's scope (the county for administrators, the township
 * for its liaison staff) × the months of the year — which had an activity, which ended with
 * none, this month still open — those behind first. A row opens the studio's records.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Compliance } from '../../../services/ops';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';
import { failState, thisYear, type PageState } from '../common/ops';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    year: 0,
    scopeName: '',
    rule: '',
    behind: 0,
    months: [] as string[],
    rows: [] as Array<{ studioId: string; studioName: string; townshipName: string; missing: number; cells: Array<{ month: string; state: string; n: number }> }>,
  },
  methods: {
    onLoad() {
      this.setData({ year: thisYear() });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const g = await call<Compliance>('activities', 'compliance', { year: this.data.year });
        const rows = g.rows
          .map((r) => ({ studioId: r.studioId, studioName: r.studioName, townshipName: r.townshipName, missing: r.missing.length, cells: r.months.map((m) => ({ month: m.month, state: m.state, n: m.count })) }))
          .sort((a, b) => b.missing - a.missing);
        this.setData({ state: rows.length ? 'ready' : 'empty', scopeName: g.scope.name, rule: g.rule, behind: g.behind, months: g.months.map((m) => `${Number(m.slice(5))}`), rows });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.activities(String(e.currentTarget.dataset.id)));
    },
  },
});

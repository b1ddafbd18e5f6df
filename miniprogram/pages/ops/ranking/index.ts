/**
 * 示范工作室评比: every studio's score of the year, with the formula, the top studios and those
 * needing attention (and why). A studio opens its score part by part (评分明细).
 */
import { call, messageOf } from '../../../services/cloud';
import type { Ranking } from '../../../services/ops';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';
import { exportAndOpen, failState, thisYear, type PageState } from '../common/ops';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    year: 0,
    r: null as Ranking | null,
    exporting: false,
    exportError: '',
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
        const r = await call<Ranking>('dashboard', 'ranking', { year: this.data.year });
        this.setData({ state: 'ready', r });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.score(String(e.currentTarget.dataset.id)));
    },
    async exportRanking() {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportError: '' });
      const error = await exportAndOpen('ranking', { year: this.data.year });
      this.setData({ exporting: false, exportError: error });
    },
  },
});

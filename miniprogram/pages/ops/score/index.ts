/**
 * 评分明细 of one studio: its score taken apart — 活动达标 with its months, 履职积分 with the
 * representatives' totals (each opens its entries), 办理成效 with the rates and their formulas —
 * and the reasons it needs attention. Every figure opens what it was computed from.
 */
import { call, messageOf } from '../../../services/cloud';
import type { StudioScore } from '../../../services/ops';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';
import { failState, pct, thisYear, type PageState } from '../common/ops';

const RATES: Array<{ key: 'answeredOrResolved' | 'onTime' | 'satisfied' | 'response'; label: string }> = [
  { key: 'answeredOrResolved', label: '答复或解决率' },
  { key: 'onTime', label: '按期答复率' },
  { key: 'satisfied', label: '满意率' },
  { key: 'response', label: '响应率' },
];

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studioId: '',
    s: null as StudioScore | null,
    months: [] as Array<{ label: string; n: number; ok: boolean }>,
    rates: [] as Array<{ label: string; percent: string; fraction: string; formula: string }>,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ studioId: query.studioId ?? '' });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const s = await call<StudioScore>('dashboard', 'studio', { studioId: this.data.studioId, year: thisYear() });
        wx.setNavigationBarTitle({ title: s.studioName });
        this.setData({
          state: 'ready',
          s,
          months: s.months.map((m) => ({ label: `${Number(m.month.slice(5))}月`, n: m.activities, ok: m.activities > 0 })),
          rates: RATES.map(({ key, label }) => {
            const r = s.parts.register.rates[key];
            return { label, percent: pct(r.percent), fraction: `${r.numerator} / ${r.denominator}`, formula: r.formula };
          }),
        });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    openActivities() {
      go(routes.activities(this.data.studioId));
    },
    openLedger() {
      go(routes.pointsLedger({ studioId: this.data.studioId }));
    },
    openRep(e: WechatMiniprogram.BaseEvent) {
      go(routes.pointsLedger({ representativeId: String(e.currentTarget.dataset.id) }));
    },
  },
});

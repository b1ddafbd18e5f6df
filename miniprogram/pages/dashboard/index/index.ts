/**
 * 数据看板 of the county (administrators) or a township (its liaison staff), for a year: the
 * totals and their rates with formulas; the month-by-month trend and the categories drawn with
 * uCharts (this subpackage's ucharts/, copied by the build) and written out as tables beside
 * the charts; every studio's figures; the ranking's top and those needing attention. The
 * numbers are the back end's (`dashboard.overview`); the page only draws them.
 */
import { call, messageOf, openExport } from '../../../services/cloud';
import type { Dashboard, DashboardRates } from '../../../services/ops';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';

type PageState = 'loading' | 'error' | 'forbidden' | 'ready';
type Chart = Record<string, unknown> & { categories: string[]; series: Array<{ name: string; data: number[]; type?: string }> };
interface UChartsCtor {
  new (opts: Record<string, unknown>): unknown;
}

const OFFSET = 8 * 3600_000;
const pct = (p: number | null) => (p === null ? '—' : `${p}%`);
const RATES: Array<{ key: keyof DashboardRates; label: string }> = [
  { key: 'response', label: '响应率' },
  { key: 'answeredOrResolved', label: '答复或解决率' },
  { key: 'onTime', label: '按期答复率' },
  { key: 'satisfied', label: '满意率' },
];
const COLORS = ['#0a52c7', '#17703f', '#8f4700', '#c2181f', '#5b3cc4', '#00727a', '#7a5c00', '#474747', '#a3121a', '#3d6b00', '#083f99'];

/** The charts as uCharts takes them (exported for the page tests). */
export function chartsOf(d: Dashboard): { trend: Chart; categories: Chart } {
  return {
    trend: {
      type: 'column',
      categories: d.trend.map((m) => `${Number(m.month.slice(5))}月`),
      series: [
        { name: '收集', data: d.trend.map((m) => m.collected) },
        { name: '答复或解决', data: d.trend.map((m) => m.answeredOrResolved) },
      ],
      color: ['#0a52c7', '#17703f'],
      legend: { show: true, fontSize: 14 },
      xAxis: { fontSize: 12, disableGrid: true },
      yAxis: { data: [{ min: 0, fontSize: 12 }] },
      extra: { column: { width: 10, seriesGap: 2 } },
    },
    categories: {
      type: 'bar',
      categories: d.categories.map((c) => c.category),
      series: [{ name: '件数', data: d.categories.map((c) => c.count) }],
      color: COLORS,
      legend: { show: false },
      xAxis: { fontSize: 12, min: 0 },
      yAxis: { fontSize: 14 },
      extra: { bar: { width: 14 } },
    },
  };
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    year: 0,
    years: [] as number[],
    d: null as Dashboard | null,
    rates: [] as Array<{ label: string; percent: string; fraction: string; formula: string }>,
    trend: [] as Array<{ month: string; collected: number; answered: number; response: string; satisfied: string }>,
    studios: [] as Array<{ id: string; name: string; collected: number; response: string; answered: string; onTime: string; satisfied: string; score: number }>,
    charts: null as { trend: Chart; categories: Chart } | null,
    drawn: { trend: false, categories: false },
    exporting: false,
    exportError: '',
  },
  methods: {
    onLoad() {
      const y = Number(new Date(Date.now() + OFFSET).toISOString().slice(0, 4));
      this.setData({ year: y, years: [y, y - 1] });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const d = await call<Dashboard>('dashboard', 'overview', { year: this.data.year });
        wx.setNavigationBarTitle({ title: `数据看板 · ${d.scope.name}` });
        const charts = chartsOf(d);
        this.setData({
          state: 'ready',
          d,
          charts,
          rates: RATES.map(({ key, label }) => ({ label, percent: pct(d.totals.rates[key].percent), fraction: `${d.totals.rates[key].numerator} / ${d.totals.rates[key].denominator}`, formula: d.totals.rates[key].formula })),
          trend: d.trend.map((m) => ({ month: `${Number(m.month.slice(5))}月`, collected: m.collected, answered: m.answeredOrResolved, response: pct(m.response), satisfied: pct(m.satisfied) })),
          studios: d.studios
            .map((s) => ({ id: s.studioId, name: s.studioName, collected: s.collected, response: pct(s.rates.response.percent), answered: pct(s.rates.answeredOrResolved.percent), onTime: pct(s.rates.onTime.percent), satisfied: pct(s.rates.satisfied.percent), score: s.score }))
            .sort((a, b) => b.collected - a.collected),
        });
        this.draw('trend', charts.trend);
        this.draw('categories', charts.categories);
      } catch (e) {
        const forbidden = (e as { code?: string }).code === 'FORBIDDEN';
        this.setData({ state: forbidden ? 'forbidden' : 'error', error: messageOf(e) });
      }
    },
    /** Draws a chart on its canvas (type 2d) once the canvas is laid out; the table below it has the same numbers. */
    draw(id: 'trend' | 'categories', chart: Chart) {
      let query: WechatMiniprogram.SelectorQuery;
      try {
        query = wx.createSelectorQuery().in(this);
      } catch {
        return;
      }
      query
        .select(`#${id}`)
        .fields({ node: true, size: true }, () => undefined)
        .exec((res: Array<{ node?: { getContext?: (t: string) => unknown; width: number; height: number }; width: number; height: number } | null>) => {
          const info = res && res[0];
          const canvas = info?.node;
          if (!info || !canvas || typeof canvas.getContext !== 'function') return;
          let dpr = 2;
          try {
            dpr = wx.getWindowInfo().pixelRatio || 2;
          } catch {
            // an old base library: the default ratio
          }
          canvas.width = info.width * dpr;
          canvas.height = info.height * dpr;
          const UCharts = require('../ucharts/u-charts') as UChartsCtor;
          new UCharts({ ...chart, context: canvas.getContext('2d'), width: canvas.width, height: canvas.height, pixelRatio: dpr, animation: false, background: '#FFFFFF', fontSize: 13, padding: [12, 12, 4, 4] });
          this.setData({ [`drawn.${id}`]: true });
        });
    },
    chooseYear(e: WechatMiniprogram.BaseEvent) {
      this.setData({ year: Number(e.currentTarget.dataset.year) });
      this.load();
    },
    openRanking() {
      go(routes.ranking());
    },
    openStudio(e: WechatMiniprogram.BaseEvent) {
      go(routes.score(String(e.currentTarget.dataset.id)));
    },
    /** 导出: the county's register of the year (administrators) or the year's ranking, opened as a sheet. */
    async exportSheet(e: WechatMiniprogram.BaseEvent) {
      if (this.data.exporting) return;
      const y = this.data.year;
      const which = String(e.currentTarget.dataset.which);
      this.setData({ exporting: true, exportError: '' });
      try {
        const file =
          which === 'register'
            ? await call<{ fileId: string }>('sheets', 'register', { scope: 'county', from: `${y}-01-01`, to: `${y}-12-31` })
            : await call<{ fileId: string }>('sheets', 'ranking', { year: y });
        await openExport(file.fileId);
      } catch (err) {
        this.setData({ exportError: messageOf(err) });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});

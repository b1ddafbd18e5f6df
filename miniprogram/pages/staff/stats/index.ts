/**
 * 工作室统计 (`register.stats`, scope studio) for this month, this year (Shanghai calendar) or
 * a chosen period: the figures, and each rate with its percent and the formula the back end
 * sends with it, so nobody has to guess how a rate was worked out.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Me, Rate, Stats, StudioSummary } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { monthStart, today, yearStart } from '../common/dates';
import { failState, requireRole, studiosOf, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

type Period = 'month' | 'year' | 'custom';

const RATES: Array<{ key: keyof Stats['rates']; label: string }> = [
  { key: 'answeredOrResolved', label: '答复或解决率' },
  { key: 'resolved', label: '解决率' },
  { key: 'onTime', label: '按期答复率' },
  { key: 'satisfied', label: '满意率' },
];

const rateView = (label: string, r: Rate) => ({
  label,
  percent: r.percent === null ? '—' : `${r.percent}%`,
  fraction: `${r.numerator} / ${r.denominator}`,
  formula: r.formula,
});

function view(s: Stats) {
  return {
    empty: s.collected === 0,
    figures: [
      { label: '收集', n: s.collected },
      { label: '不予受理', n: s.rejected },
      { label: '办理中', n: s.open },
      { label: '已答复或解决', n: s.answeredOrResolved },
      { label: '已解决', n: s.resolved },
      { label: '超期未办', n: s.overdue },
      { label: '按期答复', n: s.onTime },
      { label: '已评价', n: s.rated },
      { label: '满意', n: s.satisfied },
    ],
    rates: RATES.map((r) => rateView(r.label, s.rates[r.key])),
  };
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    period: 'month' as Period,
    today: '',
    from: '',
    to: '',
    fromText: '',
    toText: '',
    range: '',
    querying: false,
    queryError: '',
    v: null as ReturnType<typeof view> | null,
  },
  methods: {
    onLoad() {
      const t = today();
      this.setData({ today: t, from: monthStart(t), to: t, fromText: formatCalendarDate(monthStart(t)), toText: formatCalendarDate(t) });
      this.load();
    },
    onPullDownRefresh() {
      this.query().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['representative', 'liaison', 'admin'], '只有党代表、联络员和管理员可以查看工作室统计');
        const studios = await studiosOf(me);
        if (studios.length === 0) {
          this.setData({ state: 'empty' });
          return;
        }
        this.setData({ studios, studioNames: studios.map((s) => s.name) });
        this.setData({ v: view(await this.fetch()), state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    /** The period the chips and date pickers say, as `from`/`to` dates. */
    bounds(): { from: string; to: string } {
      const t = today();
      if (this.data.period === 'month') return { from: monthStart(t), to: t };
      if (this.data.period === 'year') return { from: yearStart(t), to: t };
      return { from: this.data.from, to: this.data.to };
    },
    async fetch(): Promise<Stats> {
      const { from, to } = this.bounds();
      const s = await call<Stats>('register', 'stats', { scope: 'studio', id: this.data.studios[this.data.studioIndex].id, from, to });
      this.setData({ range: `${formatCalendarDate(from)} 至 ${formatCalendarDate(to)}` });
      return s;
    },
    async query() {
      if (this.data.state !== 'ready' || this.data.querying) return;
      if (this.data.period === 'custom' && this.data.from > this.data.to) {
        this.setData({ queryError: '开始日期不能晚于结束日期' });
        return;
      }
      this.setData({ querying: true, queryError: '' });
      try {
        this.setData({ v: view(await this.fetch()) });
      } catch (e) {
        this.setData({ queryError: messageOf(e) });
      } finally {
        this.setData({ querying: false });
      }
    },
    choosePeriod(e: WechatMiniprogram.BaseEvent) {
      const period = String(e.currentTarget.dataset.period) as Period;
      this.setData({ period, queryError: '' });
      // A chosen period waits for 查询; this month and this year show at once.
      if (period !== 'custom') this.query();
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      this.setData({ from: String(e.detail.value), fromText: formatCalendarDate(String(e.detail.value)), queryError: '' });
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      this.setData({ to: String(e.detail.value), toText: formatCalendarDate(String(e.detail.value)), queryError: '' });
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value) });
      this.query();
    },
  },
});

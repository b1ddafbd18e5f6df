/**
 * 活动记录 of a studio: this month's standing (每月至少一次; the liaison is reminded on the
 * 20th), the year's months at a glance, and the records — those made by closing a reception
 * say so. The liaison records one (登记活动) and exports the year; liaison staff and
 * administrators open the county's or the township's grid (达标情况).
 */
import { call, messageOf } from '../../../services/cloud';
import type { Activity, Compliance, ComplianceRow } from '../../../services/ops';
import type { Me, Paged, StudioSummary } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';
import { exportAndOpen, failState, requireRole, STAFF, studiosOf, thisYear, type PageState } from '../common/ops';

const SOURCE: Record<string, string> = { reception: '接待结束登记时自动记录', forum: '论坛结束时自动记录', manual: '' };
const STATE_LABEL: Record<string, string> = { ok: '有', none: '无', open: '本月', future: '' };

const view = (a: Activity) => ({
  id: a.id,
  date: formatCalendarDate(a.date),
  kindLabel: a.kindLabel,
  topic: a.topic,
  reps: a.representatives.map((r) => r.name).join('、'),
  depts: a.departments.map((d) => d.name).join('、'),
  source: SOURCE[a.source.kind] ?? '',
  summary: a.summary,
});

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    manages: false,
    county: false,
    row: null as (ComplianceRow & { cells: Array<{ month: string; n: number; label: string; state: string; mark: string }> }) | null,
    items: [] as ReturnType<typeof view>[],
    total: 0,
    exporting: false,
    exportError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.load(query.studioId);
    },
    onShow() {
      if (this.data.state === 'ready') this.refresh();
    },
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },
    async load(wanted?: string) {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, STAFF, '只有党代表、联络员和管理员可以查看活动记录');
        const { studios, index } = await studiosOf(me, wanted);
        if (studios.length === 0) return void this.setData({ state: 'empty' });
        this.setData({ studios, studioNames: studios.map((s) => s.name), studioIndex: index, manages: me.role !== 'representative', county: me.role !== 'representative' });
        await this.refresh();
        this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async refresh() {
      const studioId = this.data.studios[this.data.studioIndex]?.id;
      if (!studioId) return;
      try {
        const [list, grid] = await Promise.all([
          call<Paged<Activity>>('activities', 'list', { studioId, pageSize: 30 }),
          call<Compliance>('activities', 'compliance', { year: thisYear() }),
        ]);
        const row = grid.rows.find((r) => r.studioId === studioId) ?? null;
        this.setData({
          items: list.items.map(view),
          total: list.total,
          row: row && { ...row, cells: row.months.map((m) => ({ month: m.month, n: m.count, label: `${Number(m.month.slice(5))}月`, state: m.state, mark: STATE_LABEL[m.state] })) },
        });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else throw e;
      }
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value) });
      this.refresh();
    },
    goRecord() {
      go(routes.recordActivity(this.data.studios[this.data.studioIndex].id));
    },
    goCompliance() {
      go(routes.compliance());
    },
    async exportYear() {
      if (this.data.exporting) return;
      const y = thisYear();
      this.setData({ exporting: true, exportError: '' });
      const error = await exportAndOpen('activities', { studioId: this.data.studios[this.data.studioIndex].id, from: `${y}-01-01`, to: `${y}-12-31` });
      this.setData({ exporting: false, exportError: error });
    },
  },
});

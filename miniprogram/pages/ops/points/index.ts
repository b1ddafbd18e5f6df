/**
 * 履职积分 (量化积分) of the year. A representative sees their own total by rule, each against
 * its yearly cap, and opens the entries it adds up from. Liaison staff and administrators see
 * a studio's representatives with their totals (each opens its entries), propose manual
 * entries with evidence (申报), export the ledger; administrators review what is pending. The
 * rules table says where its numbers come from.
 */
import { call, messageOf } from '../../../services/cloud';
import type { MyPoints, PointRule, StudioPoints } from '../../../services/ops';
import type { Me, Paged, StudioSummary } from '../../../services/types';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';
import { exportAndOpen, failState, requireRole, STAFF, studiosOf, thisYear, type PageState } from '../common/ops';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    year: 0,
    role: '',
    mine: null as MyPoints | null,
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    studio: null as StudioPoints | null,
    rules: [] as Array<PointRule & { capText: string; approvalText: string }>,
    source: '',
    pending: 0,
    exporting: false,
    exportError: '',
  },
  methods: {
    onLoad() {
      this.setData({ year: thisYear() });
      this.load();
    },
    onShow() {
      if (this.data.state === 'ready') this.refresh().catch(() => undefined);
    },
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh(), () => wx.stopPullDownRefresh());
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, STAFF, '只有党代表、联络员和管理员可以查看履职积分');
        const { studios, index } = await studiosOf(me);
        this.setData({ role: me.role, studios, studioNames: studios.map((s) => s.name), studioIndex: index });
        await this.refresh();
        this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async refresh() {
      const year = this.data.year;
      const studioId = this.data.studios[this.data.studioIndex]?.id;
      const [rules, mine, studio, pending] = await Promise.all([
        call<{ rules: PointRule[]; source: string }>('points', 'rules', { year }),
        this.data.role === 'representative' ? call<MyPoints>('points', 'mine', { year }) : Promise.resolve(null),
        this.data.role !== 'representative' && studioId ? call<StudioPoints>('points', 'studio', { studioId, year }) : Promise.resolve(null),
        this.data.role === 'admin' ? call<Paged<unknown>>('points', 'ledger', { year, status: 'pending', pageSize: 1 }) : Promise.resolve(null),
      ]);
      this.setData({
        mine,
        studio,
        pending: pending?.total ?? 0,
        source: rules.source,
        rules: rules.rules
          .filter((r) => r.enabled)
          .map((r) => ({ ...r, capText: r.cap === null ? '不设上限' : `每年最多 ${r.cap} 分`, approvalText: r.approval === 'admin' ? '须县级管理员审核' : '自动计分' })),
      });
    },
    async onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value) });
      await this.refresh().catch((err: unknown) => wx.showToast({ title: messageOf(err), icon: 'none' }));
    },
    openMine() {
      const id = this.data.mine?.representativeId;
      if (id) go(routes.pointsLedger({ representativeId: id }));
    },
    openRep(e: WechatMiniprogram.BaseEvent) {
      go(routes.pointsLedger({ representativeId: String(e.currentTarget.dataset.id) }));
    },
    openStudioLedger() {
      go(routes.pointsLedger({ studioId: this.data.studios[this.data.studioIndex].id }));
    },
    goPropose() {
      go(routes.proposePoints(this.data.studios[this.data.studioIndex].id));
    },
    goReview() {
      go(routes.reviewPoints());
    },
    async exportLedger() {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportError: '' });
      const studioId = this.data.role === 'admin' ? undefined : this.data.studios[this.data.studioIndex]?.id;
      const error = await exportAndOpen('points', { year: this.data.year, ...(studioId ? { studioId } : {}) });
      this.setData({ exporting: false, exportError: error });
    },
  },
});

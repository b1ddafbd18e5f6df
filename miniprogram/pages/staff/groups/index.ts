/**
 * 代表组 of a township, for its studio's liaison staff and the administrators: the township's
 * households visited this year against the groups' targets, each group with its bar, and
 * 新建代表组. A liaison sees their studios' townships; an administrator picks any township.
 * Which groups and figures there are is the back end's (`visits.groups`, `visits.progress`).
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { Me, StudioSummary, Township, VisitGroup, VisitProgress } from '../../../services/types';
import { go, routes } from '../../../utils/routes';
import { failState, requireRole, studiosOf, type PageState } from '../common/staff';
import { barWidth } from '../visits/present';

interface Row {
  id: string;
  name: string;
  leader: string;
  members: string;
  area: string;
  visited: number;
  target: number;
  width: number;
}

const toRow = (g: VisitGroup): Row => ({
  id: g.id,
  name: g.name,
  leader: `组长 ${g.leader.name}${g.leader.post ? `（${g.leader.post}）` : ''}`,
  members: `${g.members.length} 位组员：${g.members.map((m) => m.name).join('、')}`,
  area: g.villages.length ? `联系 ${g.villages.join('、')}` : `联系界别：${g.sector ?? ''}`,
  visited: g.progress?.visited ?? 0,
  target: g.target,
  width: barWidth(g.progress?.visited ?? 0, g.target),
});

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    townships: [] as Array<{ id: string; name: string }>,
    townshipId: '',
    townshipName: '',
    rows: [] as Row[],
    summary: null as null | { visited: number; target: number; width: number; visits: number },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ townshipId: query.townshipId ?? '' });
      this.load();
    },
    onShow() {
      if (this.data.state === 'ready') this.loadTownship();
    },
    onPullDownRefresh() {
      this.loadTownship().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['liaison', 'admin'], '只有联络员和管理员可以管理代表组');
        let townships: Array<{ id: string; name: string }>;
        if (me.role === 'admin') {
          townships = (await call<Township[]>('directory', 'townships')).map((t) => ({ id: t.id, name: t.name }));
        } else {
          const [all, studios] = await Promise.all([call<Township[]>('directory', 'townships'), studiosOf(me)]);
          const ids = new Set(studios.filter((s: StudioSummary) => s.kind === 'township').map((s) => s.townshipId));
          townships = all.filter((t) => ids.has(t.id)).map((t) => ({ id: t.id, name: t.name }));
        }
        if (townships.length === 0) {
          this.setData({ state: 'forbidden', error: '只有乡镇（街道）工作室的联络员可以管理代表组' });
          return;
        }
        const pick = townships.find((t) => t.id === this.data.townshipId) ?? townships.find((t) => t.id === 'fuying') ?? townships[0];
        this.setData({ townships, townshipId: pick.id, townshipName: pick.name });
        await this.loadTownship(true);
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async loadTownship(first = false) {
      try {
        const [list, p] = await Promise.all([
          call<{ items: VisitGroup[] }>('visits', 'groups', { townshipId: this.data.townshipId }),
          call<VisitProgress>('visits', 'progress', { scope: 'township', id: this.data.townshipId }),
        ]);
        this.setData({
          state: 'ready',
          rows: list.items.map(toRow),
          summary: { visited: p.households.visited, target: p.target, width: barWidth(p.households.visited, p.target), visits: p.visits },
        });
      } catch (e) {
        if (first) throw e;
        wx.showToast({ title: messageOf(e), icon: 'none' });
      }
    },
    chooseTownship(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const t = this.data.townships[Number(e.detail.value)];
      if (!t) return;
      this.setData({ townshipId: t.id, townshipName: t.name, rows: [] });
      this.loadTownship();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.group(String(e.currentTarget.dataset.id)));
    },
    create() {
      go(routes.groupEdit({ townshipId: this.data.townshipId }));
    },
    openCases() {
      go(routes.cases());
    },
  },
});

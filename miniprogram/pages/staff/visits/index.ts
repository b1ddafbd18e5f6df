/**
 * 走访 (a representative's group visits): the group, this year's households visited against
 * the target as a bar to 100 with the pace, 登记走访, the group's households — filtered to
 * must-visit ones and to those not visited this year — each tapped to record a visit to it,
 * and the way to 民情会诊. Records kept on the phone while offline are sent from here too, when
 * the page shows or the network returns (visit-record/drafts.ts).
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { Household, Paged, VisitGroup, VisitProgress } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { listDrafts, onNetworkBack, resendDrafts } from '../visit-record/drafts';
import { progressCard } from './present';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  address: string;
  head: string;
  tags: string[];
  last: string;
  visited: boolean;
}

const toRow = (h: Household): Row => ({
  id: h.id,
  address: h.address,
  head: h.head,
  tags: h.categories.map((c) => c.label),
  last: h.lastVisitDate ? `上次走访 ${formatCalendarDate(h.lastVisitDate)}` : '尚未走访',
  visited: h.visitedThisYear,
});

let stopWatching: (() => void) | null = null;

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize): Promise<PageOf<Household>> {
        let extra: WechatMiniprogram.IAnyObject = {};
        let groupId = this.data.groupId as string;
        if (page === 1) {
          if (!groupId) {
            const gs = await call<{ items: VisitGroup[] }>('visits', 'groups');
            const mine = gs.items.filter((g) => g.actions.includes('record'));
            if (mine.length === 0) return { items: [], total: 0, page: 1, pageSize, data: { noGroup: true } };
            groupId = mine[0].id;
            extra = { groupId, otherGroups: mine.slice(1).map((g) => ({ id: g.id, name: g.name })) };
          }
          const [g, p] = await Promise.all([
            call<VisitGroup>('visits', 'group', { id: groupId }),
            call<VisitProgress>('visits', 'progress', { scope: 'group', id: groupId }),
          ]);
          extra = { ...extra, group: { id: g.id, name: g.name, leader: g.leader.name, leads: g.actions.includes('sendCase') }, progress: progressCard(p), noGroup: false };
        }
        const f = this.data as unknown as { must: boolean; unvisited: boolean };
        const list = await call<Paged<Household>>('visits', 'households', {
          groupId,
          ...(f.must ? { must: true } : {}),
          ...(f.unvisited ? { unvisited: true } : {}),
          page,
          pageSize,
        });
        return { ...list, data: extra };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    groupId: '',
    group: null as null | { id: string; name: string; leader: string; leads: boolean },
    progress: null as null | ReturnType<typeof progressCard>,
    otherGroups: [] as Array<{ id: string; name: string }>,
    noGroup: false,
    must: false,
    unvisited: false,
    drafts: 0,
  },
  lifetimes: {
    detached() {
      stopWatching?.();
      stopWatching = null;
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.groupId) this.setData({ groupId: query.groupId });
      stopWatching?.();
      stopWatching = onNetworkBack(() => void this.sendDrafts());
      this.setData({ drafts: listDrafts().length });
      this.refresh();
    },
    onShow() {
      this.sendDrafts();
      // Back from a visit: the bar and the households have moved.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    async sendDrafts() {
      if (listDrafts().length === 0) return;
      const r = await resendDrafts();
      this.setData({ drafts: r.left });
      if (r.sent) {
        wx.showToast({ title: `已发送 ${r.sent} 条走访记录`, icon: 'none' });
        this.refresh();
      }
      if (r.refused.length) wx.showModal({ title: '有走访记录未能登记', content: r.refused.join('\n'), showCancel: false });
    },
    toggle(e: WechatMiniprogram.BaseEvent) {
      const key = String(e.currentTarget.dataset.filter) as 'must' | 'unvisited';
      this.setData({ [key]: !this.data[key], rows: [], state: 'loading' });
      this.refresh();
    },
    chooseGroup(e: WechatMiniprogram.BaseEvent) {
      go(routes.visits(String(e.currentTarget.dataset.id)));
    },
    record() {
      if (this.data.groupId) go(routes.visitRecord(this.data.groupId));
    },
    visit(e: WechatMiniprogram.BaseEvent) {
      go(routes.visitRecord(this.data.groupId, String(e.currentTarget.dataset.id)));
    },
    openGroup() {
      if (this.data.groupId) go(routes.group(this.data.groupId));
    },
    openCases() {
      go(routes.cases());
    },
  },
});

/**
 * 代表组详情: the group (leader, members, the villages or sector it keeps in touch with), its
 * progress this year — households visited against the target, visits, the coverage of each
 * must-visit category, issues found, solved on the spot, registered, escalated — and its
 * household register with the filters. By the group's `actions`: members record visits and
 * export the ledger (走访台账); the township's liaison staff edit the group, add households,
 * download the template and import a filled-in sheet (its errors shown by row; nothing is
 * imported until every row is right). The monthly pace reminder opens this page.
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { call, CloudError, messageOf, openSheet, uploadSheet } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { GroupAction, Household, Paged, RowError, SheetFile, VisitGroup, VisitProgress } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { barWidth, progressCard } from '../visits/present';

interface Row {
  id: string;
  address: string;
  head: string;
  phone: string;
  tags: string[];
  rep: string;
  last: string;
  visited: boolean;
}

const toRow = (h: Household): Row => ({
  id: h.id,
  address: h.address,
  head: h.head,
  phone: h.phone ?? '',
  tags: h.categories.map((c) => c.label),
  rep: h.rep ? `联系代表 ${h.rep.name}` : '',
  last: h.lastVisitDate ? `上次走访 ${formatCalendarDate(h.lastVisitDate)}` : '尚未走访',
  visited: h.visitedThisYear,
});

const MAX_SHOWN_ERRORS = 30;

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: 20,
      async load(page, pageSize): Promise<PageOf<Household>> {
        const d = this.data as unknown as { id: string; filter: 'all' | 'must' | 'unvisited' };
        const [g, p, list] = await Promise.all([
          page === 1 ? call<VisitGroup>('visits', 'group', { id: d.id }) : Promise.resolve(null),
          page === 1 ? call<VisitProgress>('visits', 'progress', { scope: 'group', id: d.id }) : Promise.resolve(null),
          call<Paged<Household>>('visits', 'households', { groupId: d.id, ...(d.filter === 'must' ? { must: true } : d.filter === 'unvisited' ? { unvisited: true } : {}), page, pageSize }),
        ]);
        const data: WechatMiniprogram.IAnyObject = {};
        if (g && p) {
          data.group = {
            name: g.name,
            townshipName: g.townshipName,
            leader: `${g.leader.name}${g.leader.post ? `（${g.leader.post}）` : ''}`,
            members: g.members.map((m) => m.name).join('、'),
            area: g.villages.length ? g.villages.join('、') : `界别：${g.sector ?? ''}`,
          };
          data.can = Object.fromEntries((['record', 'sendCase', 'manage', 'export'] as GroupAction[]).map((a) => [a, g.actions.includes(a)]));
          data.progress = progressCard(p);
          data.coverage = p.coverage.map((c) => ({ ...c, width: barWidth(c.visited, c.registered), text: c.registered ? `${c.visited} / ${c.registered} 户` : '名册中没有' }));
          data.issues = p.issues;
        }
        return { ...list, data };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    id: '',
    filter: 'all' as 'all' | 'must' | 'unvisited',
    group: null as null | Record<string, string>,
    can: {} as Partial<Record<GroupAction, boolean>>,
    progress: null as null | ReturnType<typeof progressCard>,
    coverage: [] as Array<Record<string, unknown>>,
    issues: null as null | VisitProgress['issues'],
    busy: '',
    importResult: '',
    importErrors: [] as string[],
    importMore: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.refresh();
    },
    onShow() {
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    chooseFilter(e: WechatMiniprogram.BaseEvent) {
      this.setData({ filter: e.currentTarget.dataset.value as 'all' | 'must' | 'unvisited', rows: [] });
      this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      go(this.data.can.manage ? routes.household(this.data.id, id) : routes.visitRecord(this.data.id, id));
    },
    record() {
      go(routes.visitRecord(this.data.id));
    },
    edit() {
      go(routes.groupEdit({ id: this.data.id }));
    },
    addHousehold() {
      go(routes.household(this.data.id));
    },
    sendCase() {
      go(routes.sendCase(this.data.id));
    },
    /** Runs a sheets action that answers a file, and opens it. */
    async sheet(what: string, action: string, params: Record<string, unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: what });
      try {
        const f = await call<SheetFile>('sheets', action, params);
        await openSheet(f.fileId);
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      } finally {
        this.setData({ busy: '' });
      }
    },
    template() {
      return this.sheet('template', 'householdTemplate', {});
    },
    ledger() {
      return this.sheet('ledger', 'visitLedger', { scope: 'group', id: this.data.id, year: this.data.progress?.year ?? new Date().getFullYear() });
    },
    async importSheet() {
      if (this.data.busy) return;
      let path = '';
      try {
        const res = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
        path = res.tempFiles[0]?.path ?? '';
        if (!/\.xlsx$/i.test(res.tempFiles[0]?.name ?? path)) {
          this.setData({ importResult: '', importErrors: ['请选择 .xlsx 格式的 Excel 表格（可先下载模板填写）'], importMore: 0 });
          return;
        }
      } catch {
        return; // the picker was closed
      }
      this.setData({ busy: 'importing', importResult: '', importErrors: [], importMore: 0 });
      try {
        const fileId = await uploadSheet(path);
        const r = await call<{ imported: number; rows: number; alreadyImported: number }>('sheets', 'importHouseholds', { groupId: this.data.id, fileId });
        this.setData({ importResult: `已导入 ${r.imported} 户${r.alreadyImported ? `（另有 ${r.alreadyImported} 户此前已导入）` : ''}` });
        this.refresh();
      } catch (e) {
        const errors = e instanceof CloudError ? ((e.details as { errors?: RowError[] } | undefined)?.errors ?? []) : [];
        this.setData({
          importResult: messageOf(e),
          importErrors: errors.slice(0, MAX_SHOWN_ERRORS).map((x) => `第 ${x.row} 行 ${x.message}`),
          importMore: Math.max(0, errors.length - MAX_SHOWN_ERRORS),
        });
      } finally {
        this.setData({ busy: '' });
        wx.pageScrollTo({ selector: '#import-result', duration: 200 });
      }
    },
  },
});

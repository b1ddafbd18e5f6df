/**
 * 代表提议 (staff list), with tabs by role (`members.me`): a representative's own (raised or
 * co-signed) and those waiting for their appraisal; the administrator's review queue, those to
 * dispatch, those a department sent back, the overdue (督办) and the key ones (重点, which the
 * weekly summary opens: `?view=key`); a department's to take and in hand; a liaison's studio's.
 * Each row: number, status, title, who leads and which department, the progress and days left.
 * Paged, pull to refresh; the back end decides what each caller's list holds.
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { care } from '../../../behaviors/care';
import { call } from '../../../services/cloud';
import type { Me, Paged, ProposalStatus, ProposalSummary, Role } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { daysLeftText, type Tone } from '../inquiry/present';
import { proposalStatusTone } from '../proposal/present';

const PAGE_SIZE = 10;

export type ProposalView = 'all' | 'appraise' | 'review' | 'dispatch' | 'refused' | 'overdue' | 'key' | 'take' | 'handling';

interface ViewDef {
  label: string;
  query: Record<string, unknown>;
  empty: string;
}

const VIEWS: Record<ProposalView, ViewDef> = {
  all: { label: '全部', query: {}, empty: '暂无代表提议' },
  appraise: { label: '待评价', query: { status: 'completed' as ProposalStatus }, empty: '没有待评价的提议' },
  review: { label: '待审查', query: { status: 'submitted' as ProposalStatus }, empty: '没有待审查的提议' },
  dispatch: { label: '待交办', query: { status: 'accepted' as ProposalStatus }, empty: '没有待交办的提议' },
  refused: { label: '单位退回', query: { status: 'refused' as ProposalStatus }, empty: '没有被有关单位退回的提议' },
  overdue: { label: '督办', query: { overdue: true }, empty: '没有逾期未办复的提议' },
  key: { label: '重点', query: { key: true }, empty: '没有重点提议' },
  take: { label: '待签收', query: { status: 'dispatched' as ProposalStatus }, empty: '没有待签收的提议' },
  handling: { label: '办理中', query: { status: 'in_progress' as ProposalStatus, order: 'due' }, empty: '没有办理中的提议' },
};

/** The tabs each role gets, the first being where the list opens. */
const TABS: Record<Role, ProposalView[]> = {
  representative: ['all', 'appraise'],
  admin: ['review', 'dispatch', 'refused', 'overdue', 'key', 'all'],
  department: ['take', 'handling', 'all'],
  liaison: ['all'],
  // The back end gives these the public list; the page shows it all the same.
  contact: ['all'],
  resident: ['all'],
};

const isView = (v: unknown): v is ProposalView => typeof v === 'string' && Object.prototype.hasOwnProperty.call(VIEWS, v);

interface Row {
  id: string;
  no: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  key: boolean;
  meta: string;
  percent: number;
  left: { text: string; tone: Tone } | null;
  due: string;
  extension: boolean;
}

const toRow = (p: ProposalSummary): Row => ({
  id: p.id,
  no: p.no,
  title: p.title,
  statusLabel: p.statusLabel,
  tone: proposalStatusTone(p.status),
  key: p.key,
  meta: [`领衔 ${p.leadName}`, p.leadDepartment ? `主办 ${p.leadDepartment}` : '', p.leaderName ? `${p.leaderName}督办` : ''].filter(Boolean).join(' · '),
  percent: p.percent,
  left: p.daysLeft === null ? null : daysLeftText(p.daysLeft, p.overdue),
  due: p.dueDate ? `办理期限 ${formatCalendarDate(p.dueDate)}` : '',
  extension: p.extensionPending,
});

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize): Promise<PageOf<ProposalSummary>> {
        let role = this.data.role as Role | '';
        let extra: WechatMiniprogram.IAnyObject = {};
        if (!role) {
          const me = await call<Me>('members', 'me');
          role = me.role;
          const tabs = TABS[role] ?? TABS.resident;
          extra = { role, tabs: tabs.map((v) => ({ view: v, label: VIEWS[v].label })), canRaise: role === 'representative' };
          if (!this.data.view || !tabs.includes(this.data.view as ProposalView)) extra.view = tabs[0];
        }
        const view: ProposalView = (extra.view as ProposalView | undefined) ?? this.data.view;
        const p = await call<Paged<ProposalSummary>>('proposals', 'list', { ...VIEWS[view].query, page, pageSize });
        return { ...p, data: { ...extra, emptyText: VIEWS[view].empty } };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    role: '' as Role | '',
    view: '' as ProposalView | '',
    tabs: [] as Array<{ view: ProposalView; label: string }>,
    canRaise: false,
    emptyText: VIEWS.all.empty,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (isView(query.view)) this.setData({ view: query.view });
      this.refresh();
    },
    onShow() {
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    chooseView(e: WechatMiniprogram.BaseEvent) {
      const view = e.currentTarget.dataset.view;
      if (!isView(view) || view === this.data.view) return;
      this.setData({ view, emptyText: VIEWS[view].empty, state: 'loading', rows: [] });
      this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffProposal(String(e.currentTarget.dataset.id)));
    },
    raise() {
      go(routes.raiseProposal());
    },
  },
});

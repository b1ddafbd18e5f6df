/**
 * 党内质询 list: a representative's own (raised or co-signed), the contact's queue, every
 * inquiry for an administrator, with tabs by role (`members.me`): the contact's 待答复 comes
 * first with the days left, most urgent first; the administrator's 督办 is the supervision list
 * (`inquiries.supervision`, overdue the longest first), which the daily digest opens
 * (`?view=supervision`). Paged, pull to refresh; the back end refuses anyone else (FORBIDDEN).
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { InquiryStatus, InquirySummary, Me, Paged, Role } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { daysLeftText, stamp, statusTone, type Tone } from '../inquiry/present';

const PAGE_SIZE = 10;

export type InquiryView = 'all' | 'due' | 'replied' | 'cosigning' | 'met' | 'submitted' | 'supervision';

interface ViewDef {
  label: string;
  /** A status filter of `inquiries.list`. */
  status?: InquiryStatus;
  empty: string;
}

const VIEWS: Record<InquiryView, ViewDef> = {
  all: { label: '全部', empty: '暂无党内质询' },
  due: { label: '待答复', status: 'accepted', empty: '没有待书面答复的质询' },
  replied: { label: '待见面沟通', status: 'replied', empty: '没有待见面沟通的质询' },
  cosigning: { label: '待联名', status: 'cosigning', empty: '没有待联名的质询' },
  met: { label: '待评价', status: 'met', empty: '没有已见面沟通待评价的质询' },
  submitted: { label: '待受理', status: 'submitted', empty: '没有待受理的质询' },
  supervision: { label: '督办', empty: '没有逾期未答复的质询' },
};

/** The tabs each role gets, the first being where the list opens. */
const TABS: Record<Role, InquiryView[]> = {
  representative: ['all', 'cosigning', 'met'],
  contact: ['due', 'replied', 'all'],
  admin: ['all', 'submitted', 'supervision'],
  // The back end refuses these; the page shows its FORBIDDEN.
  liaison: ['all'],
  resident: ['all'],
  department: ['all'],
};

const isView = (v: unknown): v is InquiryView => typeof v === 'string' && Object.prototype.hasOwnProperty.call(VIEWS, v);

interface Row {
  id: string;
  no: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  meta: string;
  due: string;
  left: { text: string; tone: Tone } | null;
  accountability: number;
}

const toRow = (i: InquirySummary): Row => ({
  id: i.id,
  no: i.no,
  title: i.title,
  statusLabel: i.statusLabel,
  tone: statusTone(i.status),
  meta: [`质询${i.subjectLabel}`, `提出人 ${i.leadName}`, i.contactName ? `联系人 ${i.contactName}` : '', stamp(i.createdAt)].filter(Boolean).join(' · '),
  due: i.dueDate ? `答复期限 ${formatCalendarDate(i.dueDate)}` : '',
  left: i.daysLeft === null ? null : daysLeftText(i.daysLeft, i.overdue),
  accountability: i.accountability ?? 0,
});

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize): Promise<PageOf<InquirySummary>> {
        let role = this.data.role as Role | '';
        let extra: WechatMiniprogram.IAnyObject = {};
        if (!role) {
          // Which tabs, and where the list opens, go by the role.
          const me = await call<Me>('members', 'me');
          role = me.role;
          const tabs = TABS[role] ?? TABS.resident;
          extra = { role, tabs: tabs.map((v) => ({ view: v, label: VIEWS[v].label })), canRaise: role === 'representative' };
          if (!this.data.view) extra.view = tabs[0];
        }
        const view: InquiryView = (extra.view as InquiryView | undefined) ?? this.data.view;
        const withExtra = (p: Paged<InquirySummary>) => ({ ...p, data: { ...extra, emptyText: VIEWS[view].empty } });
        if (view === 'supervision') return withExtra(await call<Paged<InquirySummary>>('inquiries', 'supervision', { page, pageSize }));
        // 待答复: the server lists them most urgent first (the due date of the running clock).
        if (view === 'due') return withExtra(await call<Paged<InquirySummary>>('inquiries', 'list', { order: 'due', page, pageSize }));
        const status = VIEWS[view].status;
        return withExtra(await call<Paged<InquirySummary>>('inquiries', 'list', { ...(status ? { status } : {}), page, pageSize }));
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    role: '' as Role | '',
    view: '' as InquiryView | '',
    tabs: [] as Array<{ view: InquiryView; label: string }>,
    canRaise: false,
    emptyText: VIEWS.all.empty,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (isView(query.view)) this.setData({ view: query.view });
      this.refresh();
    },
    onShow() {
      // Back from an inquiry: it may have moved out of this tab.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    chooseView(e: WechatMiniprogram.BaseEvent) {
      const view = e.currentTarget.dataset.view;
      if (!isView(view) || view === this.data.view) return;
      this.setData({ view, emptyText: VIEWS[view].empty, state: 'loading', rows: [] });
      this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.inquiry(String(e.currentTarget.dataset.id)));
    },
    raise() {
      go(routes.raiseInquiry());
    },
  },
});

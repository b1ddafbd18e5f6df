/**
 * 待办事项: the items of the caller's studios (`register.inbox`), filtered as the workbench's
 * counts are — 待受理 (submitted), 我负责的 (mine), N 天内到期, 已超期 — or by status; pull
 * to refresh, more at the bottom. A resident gets the back end's FORBIDDEN.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { Item, Paged, Workbench } from '../../../services/types';
import { formatDate, formatDateTime } from '../../../utils/format';
import { statusTone } from '../../../utils/items';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;

export type QueueFilter = 'all' | 'new' | 'mine' | 'dueSoon' | 'overdue';
const FILTERS: QueueFilter[] = ['all', 'new', 'mine', 'dueSoon', 'overdue'];

/** The statuses to filter by, labelled as the back end labels them (`statusLabel`). */
const STATUSES = [
  { value: '', label: '全部状态' },
  { value: 'submitted', label: '已提交' },
  { value: 'accepted', label: '已受理' },
  { value: 'in_progress', label: '办理中' },
  { value: 'answered', label: '已答复' },
  { value: 'resolved', label: '已解决' },
  { value: 'closed', label: '已办结' },
  { value: 'rejected', label: '不予受理' },
];
const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress'];

/** `register.inbox` parameters for a filter. */
export function inboxQuery(filter: QueueFilter, status: string): Record<string, unknown> {
  switch (filter) {
    case 'new':
      return { status: 'submitted' };
    case 'mine':
      return { mine: true, ...(status ? { status } : {}) };
    case 'overdue':
      return { overdue: true, ...(status ? { status } : {}) };
    case 'dueSoon':
      return { dueSoon: true, ...(status ? { status } : {}) };
    default:
      return status ? { status } : {};
  }
}

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  tone: string;
  overdue: boolean;
  content: string;
  meta: string;
  due: string;
  owner: string;
  channel: string;
}

const toRow = (i: Item): Row => ({
  id: i.id,
  no: i.no,
  statusLabel: i.statusLabel,
  tone: statusTone(i.status),
  overdue: i.overdue,
  content: i.content,
  meta: `${i.category} · ${formatDateTime(i.createdAt)}`,
  due: OPEN_STATUSES.includes(i.status) ? `${formatDate(i.dueAt)} 前答复` : '',
  owner: i.owner ? i.owner.name : '',
  channel: i.channel === 'reception' ? '接待登记' : '',
});

const EMPTY_TEXT: Record<QueueFilter, string> = {
  all: '暂无事项',
  new: '没有待受理的事项',
  mine: '您还没有负责的事项',
  dueSoon: '近期没有即将到期的事项',
  overdue: '没有超期的事项，继续保持',
};

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize) {
        const inbox = () => call<Paged<Item>>('register', 'inbox', { ...inboxQuery(this.data.filter, this.data.status), page, pageSize });
        if (page > 1) return inbox();
        // The counts come first: they say the "due soon" window, and for a resident they are FORBIDDEN.
        const counts = await call<Workbench>('register', 'workbench');
        return { ...(await inbox()), data: { counts } };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    filter: 'all' as QueueFilter,
    status: '',
    statusIndex: 0,
    statusLabels: STATUSES.map((s) => s.label),
    counts: null as Workbench | null,
    emptyText: EMPTY_TEXT.all,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const filter = FILTERS.includes(query.filter as QueueFilter) ? (query.filter as QueueFilter) : 'all';
      const statusIndex = Math.max(0, STATUSES.findIndex((s) => s.value === (query.status ?? '')));
      this.setData({ filter, statusIndex, status: STATUSES[statusIndex].value, emptyText: EMPTY_TEXT[filter] });
      this.refresh();
    },
    onShow() {
      // Back from an item: it may have moved out of this filter.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    chooseFilter(e: WechatMiniprogram.BaseEvent) {
      const filter = String(e.currentTarget.dataset.filter) as QueueFilter;
      if (filter === this.data.filter) return;
      this.setData({ filter, emptyText: EMPTY_TEXT[filter], state: 'loading', rows: [] });
      this.refresh();
    },
    onStatus(e: WechatMiniprogram.PickerChange) {
      const statusIndex = Number(e.detail.value);
      const s = STATUSES[statusIndex];
      if (!s) return;
      this.setData({ statusIndex, status: s.value, state: 'loading', rows: [] });
      this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffItem(String(e.currentTarget.dataset.id)));
    },
  },
});

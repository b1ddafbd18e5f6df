/**
 * 待办事项: the items of the caller's studios (`register.inbox`), filtered as the workbench's
 * counts are — 待受理 (submitted), 我负责的 (mine), N 天内到期, 已超期 — or by status. Open
 * items come the most overdue first, then by deadline, each saying "超期 N 天" / "剩 N 天"; a
 * search box finds an item by its number or words (after a pause in typing). Pull to refresh,
 * more at the bottom. A resident gets the back end's FORBIDDEN.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { Paged, Workbench } from '../../../services/types';
import { daysText, raisedText, type ItemPlus as Item } from '../../../utils/deadline';
import { FILTERS, inboxQuery, queueParams, type QueueFilter } from '../common/queue';
import { formatDate, formatDateTime } from '../../../utils/format';
import { statusTone } from '../../../utils/items';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;
/** How long the search waits after the last keystroke. */
const SEARCH_DELAY = 400;

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
  { value: 'merged', label: '已合并办理' },
];

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  tone: string;
  overdue: boolean;
  content: string;
  meta: string;
  due: string;
  days: string;
  raised: string;
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
  due: i.daysLeft !== null && i.daysLeft !== undefined ? `${formatDate(i.dueAt)} 前答复` : '',
  days: daysText(i.daysLeft, '超期'),
  raised: raisedText(i),
  owner: i.owner ? i.owner.name : '',
  channel: i.channel === 'reception' ? '接待登记' : '',
});

/** The search's pending timer, per page instance. */
const searchTimers = new WeakMap<object, ReturnType<typeof setTimeout>>();
function stopTimer(page: object) {
  const timer = searchTimers.get(page);
  if (timer !== undefined) clearTimeout(timer);
  searchTimers.delete(page);
}

const EMPTY_TEXT: Record<QueueFilter, string> = {
  all: '暂无待办事项',
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
        const inbox = () => call<Paged<Item>>('register', 'inbox', { ...inboxQuery({ filter: this.data.filter, status: this.data.status, q: this.data.q }), page, pageSize });
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
    /** The search as typed, and as last sent (after the pause). */
    typed: '',
    q: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const filter = FILTERS.includes(query.filter as QueueFilter) ? (query.filter as QueueFilter) : 'all';
      const statusIndex = Math.max(0, STATUSES.findIndex((s) => s.value === (query.status ?? '')));
      this.setData({ filter, statusIndex, status: STATUSES[statusIndex].value, emptyText: EMPTY_TEXT[filter] });
      this.refresh();
    },
    onUnload() {
      stopTimer(this);
    },
    onShow() {
      // Back from an item: it may have moved out of this filter.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    chooseFilter(e: WechatMiniprogram.BaseEvent) {
      const filter = String(e.currentTarget.dataset.filter) as QueueFilter;
      if (filter === this.data.filter) return;
      this.setData({ filter, emptyText: this.data.q ? `没有找到与“${this.data.q}”相关的事项` : EMPTY_TEXT[filter], state: 'loading', rows: [] });
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
      // The item page gets the queue's state, to offer the next item after an action.
      go(routes.staffItem(String(e.currentTarget.dataset.id)) + queueParams({ filter: this.data.filter, status: this.data.status, q: this.data.q }));
    },
    onSearch(e: WechatMiniprogram.Input) {
      const typed = String(e.detail.value ?? '');
      this.setData({ typed });
      stopTimer(this);
      searchTimers.set(this, setTimeout(() => this.search(), SEARCH_DELAY));
    },
    /** Sends the search now (the keyboard's 搜索, or after the pause). */
    search() {
      stopTimer(this);
      const q = this.data.typed.trim().slice(0, 50);
      if (q === this.data.q) return;
      this.setData({ q, emptyText: q ? `没有找到与“${q}”相关的事项` : EMPTY_TEXT[this.data.filter as QueueFilter], state: 'loading', rows: [] });
      this.refresh();
    },
    clearSearch() {
      this.setData({ typed: '' });
      this.search();
    },
  },
});

/**
 * 有关单位工作台, for department staff: their queue — the representatives' proposals dispatched
 * to their department (to take, in hand, the most urgent first) and the register items the
 * studios referred to it, waiting for the department's result (the earliest deadline first).
 * Each opens its page, where the buttons follow the back end's `actions`. Anyone else gets the
 * back end's FORBIDDEN.
 */
import { care } from '../../../behaviors/care';
import { call, messageOf } from '../../../services/cloud';
import type { Item, Me, Paged, ProposalSummary } from '../../../services/types';
import { formatCalendarDate, formatDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState, requireRole, type PageState } from '../common/staff';
import { daysLeftText, type Tone } from '../inquiry/present';
import { proposalStatusTone } from '../proposal/present';

type Tab = 'proposals' | 'items';

interface ProposalRow {
  id: string;
  no: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  key: boolean;
  percent: number;
  left: { text: string; tone: Tone } | null;
  due: string;
}

interface ItemRow {
  id: string;
  no: string;
  content: string;
  studioName: string;
  deadline: string;
  overdue: boolean;
}


const proposalRow = (p: ProposalSummary): ProposalRow => ({
  id: p.id,
  no: p.no,
  title: p.title,
  statusLabel: p.statusLabel,
  tone: proposalStatusTone(p.status),
  key: p.key,
  percent: p.percent,
  left: p.daysLeft === null ? null : daysLeftText(p.daysLeft, p.overdue),
  due: p.dueDate ? `办理期限 ${formatCalendarDate(p.dueDate)}` : '',
});

const itemRow = (i: Item): ItemRow => ({
  id: i.id,
  no: i.no,
  content: i.content,
  studioName: i.studioName,
  deadline: i.referral ? formatCalendarDate(i.referral.deadline) : formatDate(i.dueAt),
  overdue: i.overdue,
});

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    name: '',
    tab: 'proposals' as Tab,
    proposals: [] as ProposalRow[],
    proposalsTotal: 0,
    items: [] as ItemRow[],
    itemsTotal: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.tab === 'items') this.setData({ tab: 'items' });
      this.load();
    },
    onShow() {
      if (this.data.state === 'ready') this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const [me, taking, handling, items] = await Promise.all([
          call<Me>('members', 'me'),
          call<Paged<ProposalSummary>>('proposals', 'list', { status: 'dispatched', pageSize: 50 }).catch((e: unknown) => e),
          call<Paged<ProposalSummary>>('proposals', 'list', { status: 'in_progress', order: 'due', pageSize: 50 }).catch((e: unknown) => e),
          call<Paged<Item>>('register', 'referred', { pending: true, pageSize: 50 }).catch((e: unknown) => e),
        ]);
        requireRole(me, ['department'], '只有有关单位工作人员可以查看本单位的待办');
        for (const r of [taking, handling, items]) if (r instanceof Error) throw r;
        const t = taking as Paged<ProposalSummary>;
        const h = handling as Paged<ProposalSummary>;
        const i = items as Paged<Item>;
        this.setData({
          state: 'ready',
          name: me.name,
          proposals: [...t.items, ...h.items].map(proposalRow),
          proposalsTotal: t.total + h.total,
          items: i.items.map(itemRow),
          itemsTotal: i.total,
        });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    chooseTab(e: WechatMiniprogram.BaseEvent) {
      this.setData({ tab: e.currentTarget.dataset.tab === 'items' ? 'items' : 'proposals' });
    },
    openProposal(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffProposal(String(e.currentTarget.dataset.id)));
    },
    openItem(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffItem(String(e.currentTarget.dataset.id)));
    },
    allProposals() {
      go(routes.staffProposals());
    },
  },
});


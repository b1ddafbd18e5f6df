/**
 * 代表提议办理进度 as residents read it: number, title, category and level, the departments
 * handling it (and the county leader supervising a key one), the deadline, a progress bar with
 * its milestones, every progress update by department, and the result. The back end answers
 * the public view here (no proposer, nothing personal); those who handle or raised it are
 * offered their own page.
 */
import { care } from '../../../behaviors/care';
import { call, CloudError, messageOf } from '../../../services/cloud';
import type { Proposal } from '../../../services/types';
import { formatCalendarDate, formatDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { proposalTone } from '../present';

type State = 'loading' | 'error' | 'notFound' | 'ready';

function view(p: Proposal) {
  return {
    tone: proposalTone(p.status, p.overdue),
    statusLabel: p.overdue ? `${p.statusLabel}（已超期）` : p.statusLabel,
    units: p.leadDepartment ? `${p.leadDepartment}${p.assisting.length ? `；协办 ${p.assisting.join('、')}` : ''}` : '',
    due: p.dueDate ? formatCalendarDate(p.dueDate) : '',
    milestones: p.milestones.map((m) => ({ milestone: m.milestone, percent: m.percent, date: formatDate(m.at) })),
    progress: p.progress.map((x, key) => ({ ...x, key, date: formatDate(x.at), round: p.round > 1 ? `第 ${x.round} 轮 · ` : '' })).reverse(),
    result: p.result && { ...p.result, date: formatDate(p.result.at) },
    /** Those who handle or raised it have a page with what they may do. */
    staff: !p.public,
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as State,
    error: '',
    p: null as Proposal | null,
    v: null as ReturnType<typeof view> | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const p = await call<Proposal>('proposals', 'get', { id: this.data.id });
        this.setData({ state: 'ready', p, v: view(p) });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: e instanceof CloudError && e.code === 'NOT_FOUND' ? 'notFound' : 'error', error: messageOf(e) });
      }
    },
    openStaff() {
      go(routes.staffProposal(this.data.id));
    },
  },
});

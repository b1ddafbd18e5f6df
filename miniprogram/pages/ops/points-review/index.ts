/**
 * 审核积分申报: a county administrator's pending manual entries of the year, each with its
 * evidence; 通过 counts it (within the rule's yearly cap), 不通过 needs a reason.
 */
import { call, messageOf } from '../../../services/cloud';
import type { PointEntry } from '../../../services/ops';
import type { Paged } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, thisYear, type PageState } from '../common/ops';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    items: [] as Array<{ id: string; who: string; date: string; note: string; evidence: string; asked: number; proposedName: string }>,
    total: 0,
    rejecting: '',
    reason: '',
    actionError: '',
    busy: '',
  },
  methods: {
    onLoad() {
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const r = await call<Paged<PointEntry>>('points', 'ledger', { year: thisYear(), status: 'pending', pageSize: 50 });
        this.setData({
          state: r.total ? 'ready' : 'empty',
          total: r.total,
          items: r.items.map((e) => ({ id: e.id, who: e.representativeName, date: formatCalendarDate(e.date), note: e.note, evidence: e.evidence?.text ?? '', asked: e.asked, proposedName: e.proposedName ?? '' })),
        });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, actionError: '' });
    },
    async decide(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const approve = e.currentTarget.dataset.approve === true || e.currentTarget.dataset.approve === 'true';
      if (!approve && this.data.rejecting !== id) return void this.setData({ rejecting: id, reason: '', actionError: '' });
      if (!approve && this.data.reason.trim().length < 2) return void this.setData({ actionError: '请填写不通过的理由' });
      this.setData({ busy: id, actionError: '' });
      try {
        await call('points', 'decide', { id, approve, ...(approve ? {} : { reason: this.data.reason }) });
        this.setData({ rejecting: '' });
        wx.showToast({ title: approve ? '已通过，计入积分' : '已退回', icon: 'none' });
        await this.load();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});

/**
 * 论坛详情 as everyone reads it: the level, topic, time and place, the representatives taking
 * part and the departments invited; while it takes views (`submitView` among its actions), a
 * box to send one (征集意见); once held, the summary, who attended and the outcomes, with the
 * proposals they became. Nothing here decides: the buttons follow the back end's `actions`.
 * The back end's messages to residents open this page (`pages/forums/detail/index?id=`); it is
 * shared to a chat or 朋友圈 and opened from a share or the printed notice's 小程序码 (`?scene=`).
 */
import { care } from '../../../behaviors/care';
import { call, CloudError, messageOf } from '../../../services/cloud';
import type { Forum } from '../../../services/types';
import { formatRange, newRequestId } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { forumTone } from './present';
import { forumShare, isMissing, MISSING, pageIdOf, timelineOf } from '../../../utils/share';

type State = 'loading' | 'error' | 'forbidden' | 'missing' | 'ready';

function view(f: Forum) {
  return {
    tone: forumTone(f.phase),
    when: formatRange(f.startAt, f.endAt),
    host: f.studioName ?? '中共仙居县委组织部',
    reps: f.representatives.map((r) => `${r.name}（${r.unit}）`),
    attended: f.attendance.map((r) => r.name).join('、'),
    depts: f.invitedDepartments.join('、'),
    outcomes: f.outcomes.map((o, key) => ({ ...o, key })),
    canSend: f.actions.includes('submitView'),
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as State,
    error: '',
    /** Said under the back end's message when the shared id leads nowhere. */
    missingHint: MISSING.forum,
    f: null as Forum | null,
    v: null as ReturnType<typeof view> | null,
    content: '',
    /** One key per filled-in view: a retry after a lost answer sends it once. */
    requestId: '',
    busy: false,
    sendError: '',
    sent: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: pageIdOf(query), requestId: newRequestId('view') });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (!this.data.id) return this.setData({ state: 'missing', error: '链接中没有论坛编号' });
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const f = await call<Forum>('forums', 'get', { id: this.data.id });
        this.setData({ state: 'ready', f, v: view(f) });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else if (isMissing(e)) this.setData({ state: 'missing', error: messageOf(e) });
        else this.setData({ state: e instanceof CloudError && e.code === 'FORBIDDEN' ? 'forbidden' : 'error', error: messageOf(e) });
      }
      return undefined;
    },
    onShareAppMessage() {
      return forumShare(this.data.id, this.data.f);
    },
    onShareTimeline() {
      return timelineOf(forumShare(this.data.id, this.data.f));
    },
    goHome() {
      wx.reLaunch({ url: routes.home() });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ content: e.detail.value, sendError: '' });
    },
    /** 提交意见: what was typed stays when it fails; the same key is sent again on a retry. */
    async send() {
      if (this.data.busy) return;
      const content = this.data.content.trim();
      if (!content) return this.setData({ sendError: '请填写您的意见' });
      this.setData({ busy: true, sendError: '' });
      try {
        await call('forums', 'submitView', { id: this.data.id, requestId: this.data.requestId, content });
        this.setData({ sent: true, content: '', requestId: newRequestId('view') });
        wx.showToast({ title: '已提交，谢谢您', icon: 'success' });
        await this.load();
      } catch (e) {
        this.setData({ sendError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
      return undefined;
    },
    openProposal(e: WechatMiniprogram.BaseEvent) {
      go(routes.proposal(String(e.currentTarget.dataset.id)));
    },
    openStaff() {
      go(routes.staffForum(this.data.id));
    },
  },
});

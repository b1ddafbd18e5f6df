/**
 * 办理进度 of one item: number, status, what was raised, the reply, what happens next, the
 * timeline (痕迹化管理), and the feedback form when the item's `actions` ask for it. Honest
 * deadlines: "剩 N 天", or once overdue "已超期 N 天" with the studio's phone and 催办 (once every
 * few days, as the server says). A duplicate merged into another item says so and opens it; an
 * item others raised too says how many.
 */
import { call, messageOf, photoSrc } from '../../../services/cloud';
import type { ItemEvent } from '../../../services/types';
import { daysText, raisedText, urgeButton, type ItemPlus as Item } from '../../../utils/deadline';
import { formatCalendarDate, formatDate, formatDateTime } from '../../../utils/format';
import { hasStaffAction, statusTone, TIMELINE_LABELS } from '../../../utils/items';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';

/** What happens next, in words, from the item's status and dates. */
export function nextStep(i: Item): string {
  // Past the deadline the promise is not repeated as if it still held.
  const due = i.overdue ? `答复期限 ${formatDate(i.dueAt)} 已过，工作室仍在办理` : `最迟 ${formatDate(i.dueAt)} 前答复`;
  switch (i.status) {
    case 'submitted':
      return `${i.studioName}将尽快受理，${due}。`;
    case 'accepted':
      return `${i.owner ? `党代表${i.owner.name}` : '工作室'}已受理，${due}。`;
    case 'in_progress':
      if (i.referral && !i.referral.result) return `已转交${i.referral.departmentName}办理，办理期限 ${formatCalendarDate(i.referral.deadline)}。`;
      if (i.promise) return `承诺于 ${formatCalendarDate(i.promise.deadline)} 前答复。`;
      return `正在办理，${due}。`;
    case 'answered':
    case 'resolved':
      // An asker's rating is heard by the studio but does not reopen the item (its submitter's does).
      if (i.actions.includes('feedback') && i.asker) return '请对答复作出评价，您的评价会告诉工作室。';
      if (i.actions.includes('feedback')) {
        return `请对答复作出评价${i.closeDueAt ? `；${formatDate(i.closeDueAt)} 前未评价的将自动办结` : ''}。不满意的，工作室将继续办理。`;
      }
      return '感谢您的评价。';
    case 'closed':
      if (i.actions.includes('feedback')) return '已办结，请对答复作出评价，您的评价会告诉工作室。';
      return '已办结，感谢您的参与。';
    case 'rejected':
      return `不予受理${i.rejectReason ? `：${i.rejectReason}` : '。'}`;
    case 'merged': {
      const p = i.mergedInto?.progress;
      const there = `与 ${i.mergedInto?.no ?? '另一件反映'} 是同一件事，已合并办理`;
      return p ? `${there}，目前${p.statusLabel}${p.asksFeedback ? '，请您评价答复' : ''}。` : `${there}。`;
    }
    default:
      return '';
  }
}

const toEvent = (e: ItemEvent) => ({
  at: formatDateTime(e.at),
  label: TIMELINE_LABELS[e.action] ?? e.action,
  actor: e.actorName,
  note: e.note ?? '',
});

function view(i: Item) {
  return {
    tone: statusTone(i.status),
    createdAt: formatDateTime(i.createdAt),
    next: nextStep(i),
    replyAt: i.reply ? formatDateTime(i.reply.at) : '',
    photos: (i.photos ?? []).map(photoSrc),
    asksFeedback: i.actions.includes('feedback'),
    days: daysText(i.daysLeft),
    urge: urgeButton(i),
    phone: i.overdue && i.studioPhone ? i.studioPhone : '',
    raised: raisedText(i),
    // A representative or liaison who opened this page from a message handles the item in the staff pages.
    handles: hasStaffAction(i.actions),
    // Newest first, as residents read a progress log.
    timeline: i.timeline.map(toEvent).reverse(),
    feedback: i.feedback.map((f) => ({ round: f.round, label: f.satisfied ? '满意' : '不满意', comment: f.comment ?? '', at: formatDateTime(f.at) })),
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    item: null as Item | null,
    v: null as ReturnType<typeof view> | null,
    satisfied: null as boolean | null,
    comment: '',
    sending: false,
    feedbackError: '',
    urging: false,
  },
  methods: {
    previewPhoto(e: WechatMiniprogram.BaseEvent) {
      const photos = this.data.v?.photos ?? [];
      wx.previewImage({ urls: photos, current: photos[Number(e.currentTarget.dataset.index)] });
    },
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
        this.show(await call<Item>('register', 'get', { id: this.data.id }));
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    show(item: Item) {
      this.setData({ state: 'ready', item, v: view(item) });
    },
    choose(e: WechatMiniprogram.BaseEvent) {
      this.setData({ satisfied: e.currentTarget.dataset.value === 'yes', feedbackError: '' });
    },
    openHandling() {
      go(routes.staffItem(this.data.id));
    },
    /** A merged duplicate: the item it is handled in. */
    openMerged() {
      const into = this.data.item?.mergedInto;
      if (into) go(routes.item(into.id));
    },
    callStudio() {
      const phone = this.data.v?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    /** 催办: the owner and the studio's liaison are told; the server says when it may be done again. */
    async urge() {
      if (this.data.urging || !this.data.v?.urge.enabled) return;
      this.setData({ urging: true });
      try {
        this.show(await call<Item>('register', 'urge', { id: this.data.id }));
        wx.showToast({ title: '已催办，工作室会尽快办理', icon: 'none' });
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      } finally {
        this.setData({ urging: false });
      }
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value });
    },
    /** The refusal under the feedback form, scrolled into view. */
    showFeedbackError(message: string) {
      this.setData({ feedbackError: message });
      wx.pageScrollTo({ selector: '#feedback-error', offsetTop: -160, duration: 200 });
    },
    async sendFeedback() {
      if (this.data.sending) return;
      if (this.data.satisfied === null) {
        this.showFeedbackError('请选择满意或不满意');
        return;
      }
      const comment = this.data.comment.trim();
      this.setData({ sending: true, feedbackError: '' });
      try {
        const item = await call<Item>('register', 'feedback', { id: this.data.id, satisfied: this.data.satisfied, ...(comment ? { comment } : {}) });
        this.show(item);
        this.setData({ satisfied: null, comment: '' });
        wx.showToast({ title: '感谢您的评价', icon: 'success' });
      } catch (e) {
        this.showFeedbackError(messageOf(e));
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});

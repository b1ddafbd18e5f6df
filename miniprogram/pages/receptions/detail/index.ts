/**
 * 接待公告 (`pages/receptions/detail/index?id=`, the path the back end's messages link to):
 * time, place, form, topic, the representatives on duty with unit and contact; booking,
 * the waiting list and cancelling as the reception's `actions` allow; the resident's door
 * code as a QR code. It can be shared to a chat (the card says the studio and the day) and is
 * opened from a share (`?id=`) or from the printed notice's 小程序码 (`?scene=<id>`), by anyone.
 */
import { call, messageOf } from '../../../services/cloud';
import { askConsent, templatesFor } from '../../../services/consent';
import { CATEGORIES, type Reception } from '../../../services/types';
import { formatRange, newRequestId } from '../../../utils/format';
import { BOOKING_STATUS } from '../../../utils/receptions';
import { care } from '../../../behaviors/care';
import { routes } from '../../../utils/routes';
import { isMissing, MISSING, pageIdOf, receptionShare } from '../../../utils/share';

const STATUS: Record<string, { label: string; tone: string }> = {
  published: { label: '接受预约', tone: 'success' },
  cancelled: { label: '已取消', tone: 'neutral' },
  closed: { label: '已结束', tone: 'neutral' },
  draft: { label: '未公告', tone: 'progress' },
};

function view(r: Reception) {
  const b = r.myBooking;
  return {
    when: formatRange(r.startAt, r.endAt),
    status: STATUS[r.status] ?? { label: r.status, tone: 'neutral' },
    // Booking closes when the reception starts: say so rather than show a bare notice.
    started: r.status === 'published' && !r.actions.includes('book') && !r.actions.includes('cancelBooking'),
    canBook: r.actions.includes('book'),
    canCancel: r.actions.includes('cancelBooking'),
    // Whether the book button joins the waiting list is the back end's call; the label only says what will happen.
    bookLabel: r.placesLeft > 0 ? '预约参加' : '名额已满，加入候补',
    booking:
      b && b.status !== 'cancelled'
        ? { ...b, statusLabel: BOOKING_STATUS[b.status].label, tone: BOOKING_STATUS[b.status].tone, showCode: b.status === 'booked' || b.status === 'checked_in' }
        : null,
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as 'loading' | 'error' | 'missing' | 'ready',
    error: '',
    /** Said under the back end's message when the shared id leads nowhere. */
    missingHint: MISSING.reception,
    r: null as Reception | null,
    v: null as ReturnType<typeof view> | null,
    question: '',
    /** The category of the question's item: 其他 unless the resident chooses one. */
    categories: [...CATEGORIES] as string[],
    category: '其他',
    busy: false,
    actionError: '',
    /** One key per booking attempt, kept across retries so a retry books once. */
    requestId: '',
    /** Subscribe-message templates to ask for at booking: the result and the day-before reminder. */
    templateIds: [] as string[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: pageIdOf(query), requestId: newRequestId('book') });
      this.load();
    },
    async load() {
      if (!this.data.id) return this.setData({ state: 'missing', error: '链接中没有接待编号' });
      this.setData({ state: 'loading', error: '' });
      try {
        const [r, templateIds] = await Promise.all([call<Reception>('receptions', 'get', { id: this.data.id }), templatesFor(['booking', 'activity'])]);
        this.setData({ templateIds });
        this.show(r);
      } catch (e) {
        this.setData(isMissing(e) ? { state: 'missing', error: messageOf(e) } : { state: 'error', error: messageOf(e) });
      }
      return undefined;
    },
    show(r: Reception) {
      this.setData({ state: 'ready', r, v: view(r) });
    },
    onQuestion(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ question: e.detail.value, actionError: '' });
    },
    onCategory(e: WechatMiniprogram.BaseEvent) {
      this.setData({ category: String(e.currentTarget.dataset.value) });
    },
    openItem() {
      const id = this.data.r?.myBooking?.itemId;
      if (id) wx.navigateTo({ url: routes.item(id) });
    },
    async book() {
      if (this.data.busy) return;
      const question = this.data.question.trim();
      if (question && question.length < 5) {
        this.showError('想反映的问题至少 5 个字，也可以不填');
        return;
      }
      this.setData({ busy: true, actionError: '' });
      const consent = askConsent(this.data.templateIds); // inside the tap, before any await
      try {
        await consent;
        const r = await call<Reception>('receptions', 'book', {
          id: this.data.id,
          requestId: this.data.requestId,
          ...(question ? { question, category: this.data.category } : {}),
        });
        this.show(r);
        this.setData({ question: '', category: '其他', requestId: newRequestId('book') });
        wx.showToast({ title: r.myBooking?.status === 'waiting' ? '已加入候补' : '预约成功', icon: 'success' });
      } catch (e) {
        this.showError(messageOf(e));
      } finally {
        this.setData({ busy: false });
      }
    },
    /** The refusal under the question (or the notice), scrolled into view: never only at the bottom of the page. */
    showError(message: string) {
      this.setData({ actionError: message });
      wx.pageScrollTo({ selector: '#action-error', offsetTop: -120, duration: 200 });
    },
    async cancelBooking() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({ title: '取消预约', content: '确定取消这次接待的预约吗？名额将让给候补的群众。', confirmText: '取消预约', cancelText: '再想想' });
      if (!confirm) return;
      this.setData({ busy: true, actionError: '' });
      try {
        this.show(await call<Reception>('receptions', 'cancelBooking', { id: this.data.id }));
        wx.showToast({ title: '已取消预约', icon: 'none' });
      } catch (e) {
        this.showError(messageOf(e));
      } finally {
        this.setData({ busy: false });
      }
    },
    /** The card a chat share shows: “福应街道党代表工作室 · 11月20日接待”, opening this reception. */
    onShareAppMessage() {
      return receptionShare(this.data.id, this.data.r);
    },
    goHome() {
      wx.reLaunch({ url: routes.home() });
    },
    callRep(e: WechatMiniprogram.BaseEvent) {
      wx.makePhoneCall({ phoneNumber: String(e.currentTarget.dataset.phone) });
    },
    copyWechat(e: WechatMiniprogram.BaseEvent) {
      wx.setClipboardData({ data: String(e.currentTarget.dataset.wechat) });
    },
  },
});

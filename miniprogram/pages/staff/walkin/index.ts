/**
 * 现场登记 at a reception: what a visitor without a booking raised, in a few taps — category,
 * what they said, optionally their name and phone — registered as an item with channel
 * `reception` (`receptions.walkIn`). One `requestId` per filled-in form, kept across retries,
 * so a double tap or a lost answer registers one item.
 */
import { call, messageOf } from '../../../services/cloud';
import { CATEGORIES, type Item, type StaffReception } from '../../../services/types';
import { PHONE_PATTERN } from '../../../generated/constants';
import { formatDate, formatRange, newRequestId } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

/** The back end's own pattern (generated from core). */
const PHONE = PHONE_PATTERN;

const emptyForm = () => ({
  category: '',
  content: '',
  contactName: '',
  contactPhone: '',
  formError: '',
  requestId: newRequestId('walkin'),
});

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as PageState,
    error: '',
    title: '',
    when: '',
    categories: CATEGORIES as readonly string[],
    submitting: false,
    done: null as null | { id: string; no: string; dueDate: string },
    ...emptyForm(),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', requestId: newRequestId('walkin') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const r = await call<StaffReception>('receptions', 'get', { id: this.data.id });
        if (!r.actions.includes('walkIn')) {
          // Not on duty, or the reception is not open: the back end would refuse the registration.
          this.setData({ state: 'forbidden', error: r.status === 'published' ? '只有值班党代表或联络员可以现场登记' : '只能在已发布的接待中登记' });
          return;
        }
        this.setData({ state: 'ready', title: r.topic, when: formatRange(r.startAt, r.endAt) });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onCategory(e: WechatMiniprogram.BaseEvent) {
      this.setData({ category: String(e.currentTarget.dataset.value), formError: '' });
    },
    onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ content: e.detail.value, formError: '' });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ contactName: e.detail.value });
    },
    onPhone(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ contactPhone: e.detail.value, formError: '' });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const content = d.content.trim();
      const phone = d.contactPhone.trim();
      const why = !d.category ? '请选择类别' : content.length < 5 ? '反映内容至少 5 个字' : phone && !PHONE.test(phone) ? '请填写正确的手机号或固定电话' : '';
      if (why) {
        this.setData({ formError: why });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        const item = await call<Item>('receptions', 'walkIn', {
          id: d.id,
          requestId: d.requestId,
          category: d.category,
          content,
          ...(d.contactName.trim() ? { contactName: d.contactName.trim() } : {}),
          ...(phone ? { contactPhone: phone } : {}),
        });
        this.setData({ done: { id: item.id, no: item.no, dueDate: formatDate(item.dueAt) } });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    again() {
      this.setData({ done: null, ...emptyForm() });
    },
    openItem() {
      if (this.data.done) go(routes.staffItem(this.data.done.id));
    },
  },
});

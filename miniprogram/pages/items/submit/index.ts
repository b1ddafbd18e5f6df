/**
 * 我要反映: studio (preselected when coming from a studio), category, content with a
 * character count, up to 3 photos, optional name and phone or anonymous, and the
 * subscribe-message consent
 * asked at submit. One `requestId` per filled-in form, kept across retries, so a double tap
 * or a retry after a lost answer registers one item; a failed call keeps what was typed.
 */
import { call, messageOf, uploadPhotos } from '../../../services/cloud';
import { askConsent, templatesFor } from '../../../services/consent';
import { CATEGORIES, type Item, type StudioSummary } from '../../../services/types';
import { formatDate, newRequestId } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';

const MAX_PHOTOS = 3;
const MAX_CONTENT = 1000;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const emptyForm = () => ({
  category: '',
  content: '',
  contactName: '',
  contactPhone: '',
  anonymous: false,
  photos: [] as string[],
  formError: '',
  requestId: newRequestId('op'),
});

/** What is wrong with the form, in the words the back end would use; '' when it can be sent. */
function problem(f: { studioId: string; category: string; content: string; contactPhone: string; anonymous: boolean }): string {
  if (!f.studioId) return '请选择工作室';
  if (!f.category) return '请选择反映类别';
  if (f.content.trim().length < 5) return '反映内容至少 5 个字';
  if (!f.anonymous && f.contactPhone.trim() && !PHONE.test(f.contactPhone.trim())) return '请填写正确的手机号或固定电话';
  return '';
}

// Photos already in cloud storage for this form, by temp path: a retry does not upload again.
let uploaded: Record<string, string> = {};

Component({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    categories: CATEGORIES as readonly string[],
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: -1,
    studioId: '',
    studioName: '',
    maxPhotos: MAX_PHOTOS,
    maxContent: MAX_CONTENT,
    submitting: false,
    /** Subscribe-message templates to ask for at submit: how the item progresses. */
    templateIds: [] as string[],
    done: null as null | { id: string; no: string; studioName: string; dueDate: string },
    ...emptyForm(),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      uploaded = {};
      this.setData({ studioId: query.studioId ?? '', requestId: newRequestId('op') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const [studios, templateIds] = await Promise.all([call<StudioSummary[]>('directory', 'studios'), templatesFor(['itemProgress'])]);
        const index = studios.findIndex((s) => s.id === this.data.studioId);
        this.setData({
          state: 'ready',
          templateIds,
          studios,
          studioNames: studios.map((s) => s.name),
          studioIndex: index,
          studioId: index >= 0 ? studios[index].id : '',
          studioName: index >= 0 ? studios[index].name : '',
        });
      } catch (e) {
        this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      const s = this.data.studios[Number(e.detail.value)];
      if (s) this.setData({ studioIndex: Number(e.detail.value), studioId: s.id, studioName: s.name, formError: '' });
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
    onAnonymous(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ anonymous: !!e.detail.value, formError: '' });
    },
    async addPhotos() {
      const room = MAX_PHOTOS - this.data.photos.length;
      if (room <= 0) return;
      try {
        const res = await wx.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
        this.setData({ photos: this.data.photos.concat(res.tempFiles.map((f) => f.tempFilePath)).slice(0, MAX_PHOTOS) });
      } catch {
        // The resident closed the picker.
      }
    },
    removePhoto(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, j) => j !== i) });
    },
    previewPhoto(e: WechatMiniprogram.BaseEvent) {
      wx.previewImage({ urls: this.data.photos, current: this.data.photos[Number(e.currentTarget.dataset.index)] });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const why = problem(d);
      if (why) {
        this.setData({ formError: why });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      // Asked first, inside the tap: WeChat shows the consent dialog only for a user's tap.
      const consent = askConsent(d.templateIds);
      try {
        await consent;
        const photos = await this.uploadOnce(d.photos);
        const item = await call<Item>('register', 'submit', {
          requestId: d.requestId,
          studioId: d.studioId,
          category: d.category,
          content: d.content.trim(),
          ...(d.anonymous ? { anonymous: true } : {}),
          ...(!d.anonymous && d.contactName.trim() ? { contactName: d.contactName.trim() } : {}),
          ...(!d.anonymous && d.contactPhone.trim() ? { contactPhone: d.contactPhone.trim() } : {}),
          ...(photos.length ? { photos } : {}),
        });
        this.setData({ done: { id: item.id, no: item.no, studioName: item.studioName, dueDate: formatDate(item.dueAt) } });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    async uploadOnce(paths: string[]): Promise<string[]> {
      const fresh = paths.filter((p) => !uploaded[p]);
      const ids = await uploadPhotos(fresh, 'opinions');
      fresh.forEach((p, i) => (uploaded[p] = ids[i]));
      return paths.map((p) => uploaded[p]);
    },
    openItem() {
      if (this.data.done) go(routes.item(this.data.done.id));
    },
    again() {
      uploaded = {};
      this.setData({ done: null, ...emptyForm() });
    },
  },
});

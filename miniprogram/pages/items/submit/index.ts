/**
 * 我要反映: studio, category, content with a character count, up to 3 photos, optional name
 * and phone or anonymous, and the subscribe-message consent asked at submit. One `requestId`
 * per filled-in form, kept across retries, so a double tap or a retry after a lost answer
 * registers one item.
 *
 * It never fails silently: a problem with a field is written under that field and the page
 * scrolls to it (`wx.pageScrollTo` with the field's selector); any other refusal is written
 * above 提交, which is always on screen. What was typed is kept on every failure, on the
 * phone too (a draft in storage), until the item is registered.
 *
 * The studio is chosen from a searchable list of the 20 townships' studios, not a wheel of
 * 37 names: it starts with the studio the resident came from, else the one they last sent
 * to, else the studio of their township (the last studio page they opened).
 */
import { call, messageOf, uploadPhotos } from '../../../services/cloud';
import { askConsent, templatesFor } from '../../../services/consent';
import { CATEGORIES, type Item, type StudioSummary, type Township } from '../../../services/types';
import { formatDate, newRequestId } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { groupStudios, knownTownship, type TownshipGroup } from '../../../utils/studios';
import { care } from '../../../behaviors/care';
import { DRAFT_KEY, fieldOf, LAST_STUDIO_KEY, problem, type Field, type FormFields } from './form';

const MAX_PHOTOS = 3;
const MAX_CONTENT = 1000;

type Errors = Partial<Record<Field, string>>;

interface Draft extends FormFields {
  requestId: string;
}

const emptyForm = () => ({
  category: '',
  content: '',
  contactName: '',
  contactPhone: '',
  anonymous: false,
  photos: [] as string[],
  errors: {} as Errors,
  formError: '',
  requestId: newRequestId('op'),
});

/** The studio to start with: the one asked for, the last one used, or the township's own studio. */
function defaultStudio(studios: StudioSummary[], townships: Township[], asked: string): { studio: StudioSummary; hint: string } | null {
  const byId = (id: unknown) => studios.find((s) => s.id === id);
  const fromQuery = asked ? byId(asked) : undefined;
  if (fromQuery) return { studio: fromQuery, hint: '' };
  const last = byId(wx.getStorageSync(LAST_STUDIO_KEY));
  if (last) return { studio: last, hint: '您上次反映给这里' };
  const township = townships.find((t) => t.id === knownTownship());
  if (!township) return null;
  const own = studios.filter((s) => s.townshipId === township.id);
  const main = own.find((s) => s.name.startsWith(township.name)) ?? own[0];
  return main ? { studio: main, hint: `按您所在的${township.name}预选` } : null;
}

// Photos already in cloud storage for this form, by temp path: a retry does not upload again.
let uploaded: Record<string, string> = {};
// Not rendered, so kept out of `data`.
let townships: Township[] = [];

Component({
  behaviors: [care],
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    categories: CATEGORIES as readonly string[],
    studios: [] as StudioSummary[],
    studioId: '',
    studioName: '',
    studioTownship: '',
    /** Why this studio is already chosen ('' when the resident chose it or came from it). */
    studioHint: '',
    studioOpen: false,
    studioKeyword: '',
    studioGroups: [] as TownshipGroup[],
    maxPhotos: MAX_PHOTOS,
    maxContent: MAX_CONTENT,
    submitting: false,
    restored: false,
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
        const [studios, t, templateIds] = await Promise.all([
          call<StudioSummary[]>('directory', 'studios'),
          call<Township[]>('directory', 'townships'),
          templatesFor(['itemProgress']),
        ]);
        townships = t;
        const draft = this.restoreDraft();
        const chosen = defaultStudio(studios, townships, draft?.studioId || this.data.studioId);
        this.setData({ state: 'ready', templateIds, studios, studioGroups: groupStudios(townships, studios, '') });
        if (chosen) this.pick(chosen.studio, draft?.studioId === chosen.studio.id ? '' : chosen.hint);
        else this.setData({ studioId: '', studioName: '' });
      } catch (e) {
        this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    /** What was typed before a failure, if the phone kept it. */
    restoreDraft(): Draft | null {
      const d = wx.getStorageSync(DRAFT_KEY) as Draft | '';
      if (!d || typeof d !== 'object' || !d.requestId) return null;
      this.setData({ ...d, restored: true });
      return d;
    },
    saveDraft() {
      const d = this.data;
      const draft: Draft = { studioId: d.studioId, category: d.category, content: d.content, contactName: d.contactName, contactPhone: d.contactPhone, anonymous: d.anonymous, requestId: d.requestId };
      wx.setStorageSync(DRAFT_KEY, draft);
    },
    pick(s: StudioSummary, hint: string) {
      const township = townships.find((t) => t.id === s.townshipId);
      this.setData({ studioId: s.id, studioName: s.name, studioTownship: township?.name ?? '', studioHint: hint, studioOpen: false, 'errors.studio': '' });
    },

    toggleStudios() {
      this.setData({ studioOpen: !this.data.studioOpen });
    },
    onStudioSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const keyword = e.detail.value ?? '';
      this.setData({ studioKeyword: keyword, studioGroups: groupStudios(townships, this.data.studios, keyword) });
    },
    onStudioClear() {
      this.setData({ studioKeyword: '', studioGroups: groupStudios(townships, this.data.studios, '') });
    },
    chooseStudio(e: WechatMiniprogram.BaseEvent) {
      const s = this.data.studios.find((x) => x.id === e.currentTarget.dataset.id);
      if (!s) return;
      this.pick(s, '');
      wx.pageScrollTo({ selector: '#field-studio', duration: 200 });
    },
    onCategory(e: WechatMiniprogram.BaseEvent) {
      this.setData({ category: String(e.currentTarget.dataset.value), 'errors.category': '', formError: '' });
    },
    onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ content: e.detail.value, 'errors.content': '', formError: '' });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ contactName: e.detail.value, 'errors.contact': '' });
    },
    onPhone(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ contactPhone: e.detail.value, 'errors.contact': '', formError: '' });
    },
    toggleAnonymous() {
      this.setData({ anonymous: !this.data.anonymous, 'errors.contact': '', formError: '' });
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

    /** A problem with one field: written under it, and the page scrolls there. */
    showFieldError(field: Field, message: string) {
      this.setData({ errors: { [field]: message }, formError: '', ...(field === 'studio' ? { studioOpen: true } : {}) });
      wx.pageScrollTo({ selector: `#field-${field}`, duration: 200 });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const why = problem(d);
      if (why) {
        this.showFieldError(why.field, why.message);
        return;
      }
      this.setData({ submitting: true, errors: {}, formError: '' });
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
        wx.setStorageSync(LAST_STUDIO_KEY, d.studioId);
        wx.removeStorageSync(DRAFT_KEY);
        this.setData({ done: { id: item.id, no: item.no, studioName: item.studioName, dueDate: formatDate(item.dueAt) }, restored: false });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (e) {
        this.saveDraft();
        const field = fieldOf(e);
        if (field) this.showFieldError(field, messageOf(e));
        else this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    async uploadOnce(paths: string[]): Promise<string[]> {
      const fresh = paths.filter((p) => !uploaded[p]);
      const ids = await uploadPhotos(fresh);
      fresh.forEach((p, i) => (uploaded[p] = ids[i]));
      return paths.map((p) => uploaded[p]);
    },
    openItem() {
      if (this.data.done) go(routes.item(this.data.done.id));
    },
    again() {
      uploaded = {};
      const { studioId, studioName, studioTownship } = this.data;
      this.setData({ done: null, ...emptyForm(), studioId, studioName, studioTownship, studioHint: '' });
    },
  },
});

/**
 * 提出代表提议, for representatives: the level (县级, 乡镇（街道）, 代表团), the category, title and
 * content, and co-signers (联名) from their studio's representatives. One requestId per
 * filled-in form: a retry after a lost answer returns the proposal already raised. Then the new
 * proposal's page opens; it waits for the administrators' review.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import { CATEGORIES, type ForumLevel, type Me, type Proposal, type Studio } from '../../../services/types';
import { newRequestId } from '../../../utils/format';
import { routes } from '../../../utils/routes';
import { failState, requireRole, validationByField, type PageState } from '../common/staff';

export const LEVELS: Array<{ value: ForumLevel; label: string }> = [
  { value: 'township', label: '乡镇（街道）' },
  { value: 'county', label: '县级' },
  { value: 'delegation', label: '代表团' },
];

const FIELDS = ['level', 'category', 'title', 'content', 'coSigners'];

interface Choice {
  id: string;
  name: string;
}

function fieldErrors(e: unknown): Record<string, string> | null {
  return validationByField(e, (path) => {
    const field = path.split('.')[0];
    return FIELDS.includes(field) ? field : null;
  });
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    levels: LEVELS,
    categories: CATEGORIES as readonly string[],
    level: 'township' as ForumLevel,
    category: '',
    title: '',
    content: '',
    reps: [] as Choice[],
    repsError: '',
    chosenIds: {} as Record<string, boolean>,
    requestId: '',
    submitting: false,
    formError: '',
    errors: {} as Record<string, string>,
  },
  methods: {
    onLoad() {
      this.setData({ requestId: newRequestId('ty') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['representative'], '只有党代表可以提出代表提议');
        this.setData({ state: 'ready' });
        await this.loadReps(me);
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    /** The other representatives of the caller's studio, to co-sign. */
    async loadReps(me?: Me) {
      this.setData({ repsError: '' });
      try {
        const who = me ?? (await call<Me>('members', 'me'));
        const studio = await call<Studio>('directory', 'studio', { id: (who.studioIds ?? [])[0] ?? '' });
        this.setData({ reps: studio.representatives.filter((r) => r.id !== who.representativeId).map((r) => ({ id: r.id, name: r.name })) });
      } catch (e) {
        this.setData({ reps: [], repsError: messageOf(e) });
      }
    },
    chooseLevel(e: WechatMiniprogram.BaseEvent) {
      this.setData({ level: String(e.currentTarget.dataset.value) as ForumLevel, 'errors.level': '', formError: '' });
    },
    chooseCategory(e: WechatMiniprogram.BaseEvent) {
      this.setData({ category: String(e.currentTarget.dataset.value), 'errors.category': '', formError: '' });
    },
    toggleRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ [`chosenIds.${id}`]: !this.data.chosenIds[id], formError: '' });
    },
    onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ title: e.detail.value, 'errors.title': '', formError: '' });
    },
    onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ content: e.detail.value, 'errors.content': '', formError: '' });
    },
    scrollToError() {
      const first = FIELDS.find((f) => this.data.errors[f]);
      if (first) wx.pageScrollTo({ selector: `#field-${first === 'content' ? 'title' : first}`, duration: 200 });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const errors: Record<string, string> = {};
      if (!d.category) errors.category = '请选择类别';
      if (!d.title.trim()) errors.title = '请填写提议标题';
      if (!d.content.trim()) errors.content = '请填写提议内容';
      if (Object.keys(errors).length) {
        this.setData({ errors, formError: '请把标红的内容填写完整' });
        return this.scrollToError();
      }
      const coSigners = d.reps.filter((r) => d.chosenIds[r.id]).map((r) => r.id);
      this.setData({ submitting: true, formError: '', errors: {} });
      try {
        const p = await call<Proposal>('proposals', 'raise', {
          requestId: d.requestId,
          level: d.level,
          category: d.category,
          title: d.title.trim(),
          content: d.content.trim(),
          ...(coSigners.length ? { coSigners } : {}),
        });
        wx.showToast({ title: '已提交，等待审查', icon: 'success' });
        wx.redirectTo({ url: routes.staffProposal(p.id) });
      } catch (e) {
        const errors = fieldErrors(e);
        this.setData({ errors: errors ?? {}, formError: errors ? '请按提示修改标红的内容' : messageOf(e) });
        if (errors) this.scrollToError();
      } finally {
        this.setData({ submitting: false });
      }
      return undefined;
    },
  },
});

/**
 * 提出质询, for representatives: the subject (党委 or 纪委, and optionally a member's name),
 * the area (the five of the source), when (党代会期间 or 闭会期间), title and content, and
 * co-signers picked from the representatives of the directory's studios (their own studio
 * first). One requestId per filled-in form: a retry after a lost answer returns the inquiry
 * already raised instead of raising it twice. Then the new inquiry's page opens.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { Inquiry, InquiryArea, Me, Studio, StudioSummary, SubjectBody } from '../../../services/types';
import { newRequestId } from '../../../utils/format';
import { routes } from '../../../utils/routes';
import { failState, requireRole, validationByField, type PageState } from '../common/staff';

/** Whom an inquiry may be addressed to. */
export const BODIES: Array<{ value: SubjectBody; label: string }> = [
  { value: 'party_committee', label: '党委' },
  { value: 'discipline_committee', label: '纪委' },
];

/** The five areas of the source, in its words. */
export const AREAS: Array<{ value: InquiryArea; label: string }> = [
  { value: 'policy', label: '贯彻党的方针政策和上级重大决策部署' },
  { value: 'decisions', label: '执行党代会、纪委会作出的决定、决议和重大工作部署' },
  { value: 'duties', label: '履行岗位职责、密切联系党员群众、为群众办实事' },
  { value: 'integrity', label: '党风廉政建设' },
  { value: 'hot_issues', label: '党员群众反映集中的热点难点问题' },
];

const CONTEXTS = [
  { value: 'interim', label: '党代会闭会期间' },
  { value: 'congress', label: '党代会期间' },
];

/** The form's fields from top to bottom. */
const FIELD_ORDER = ['body', 'member', 'area', 'context', 'title', 'content', 'coSigners'];

interface Choice {
  id: string;
  name: string;
  unit: string;
}

/** The back end's VALIDATION issues by form field (`subject.member` → member, `subject.body` → body). */
function fieldErrors(e: unknown): Record<string, string> | null {
  return validationByField(e, (path) => {
    const field = path.startsWith('subject.') ? path.slice('subject.'.length) : path.split('.')[0];
    return ['body', 'member', 'area', 'context', 'title', 'content', 'coSigners'].includes(field) ? field : null;
  });
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    bodies: BODIES,
    areas: AREAS,
    contexts: CONTEXTS,
    body: '' as SubjectBody | '',
    member: '',
    area: '' as InquiryArea | '',
    context: 'interim',
    title: '',
    content: '',
    myRepId: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    reps: [] as Choice[],
    repsError: '',
    /** The co-signers chosen, from any studio. */
    chosen: [] as Choice[],
    chosenIds: {} as Record<string, boolean>,
    requestId: '',
    submitting: false,
    formError: '',
    errors: {} as Record<string, string>,
  },
  methods: {
    onLoad() {
      this.setData({ requestId: newRequestId('zx') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const [me, studios] = await Promise.all([call<Me>('members', 'me'), call<StudioSummary[]>('directory', 'studios')]);
        requireRole(me, ['representative'], '只有党代表可以提出质询');
        const own = (me.studioIds ?? [])[0];
        const studioIndex = Math.max(0, studios.findIndex((s) => s.id === own));
        this.setData({ state: 'ready', myRepId: me.representativeId ?? '', studios, studioNames: studios.map((s) => s.name), studioIndex });
        await this.loadReps();
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    /** The representatives of the chosen studio, but the caller. */
    async loadReps() {
      const studio = this.data.studios[this.data.studioIndex];
      if (!studio) return;
      this.setData({ repsError: '' });
      try {
        const s = await call<Studio>('directory', 'studio', { id: studio.id });
        this.setData({ reps: s.representatives.filter((r) => r.id !== this.data.myRepId).map((r) => ({ id: r.id, name: r.name, unit: r.unit })) });
      } catch (e) {
        this.setData({ reps: [], repsError: messageOf(e) });
      }
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      const studioIndex = Number(e.detail.value);
      if (!this.data.studios[studioIndex] || studioIndex === this.data.studioIndex) return;
      this.setData({ studioIndex, reps: [] });
      this.loadReps();
    },
    toggleRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const on = !this.data.chosenIds[id];
      const rep = this.data.reps.find((r) => r.id === id) ?? this.data.chosen.find((r) => r.id === id);
      if (!rep) return;
      const chosen = on ? [...this.data.chosen, rep] : this.data.chosen.filter((r) => r.id !== id);
      this.setData({ chosen, chosenIds: Object.fromEntries(chosen.map((r) => [r.id, true])), 'errors.coSigners': '', formError: '' });
    },
    chooseBody(e: WechatMiniprogram.BaseEvent) {
      this.setData({ body: String(e.currentTarget.dataset.value) as SubjectBody, 'errors.body': '', formError: '' });
    },
    chooseArea(e: WechatMiniprogram.BaseEvent) {
      this.setData({ area: String(e.currentTarget.dataset.value) as InquiryArea, 'errors.area': '', formError: '' });
    },
    chooseContext(e: WechatMiniprogram.BaseEvent) {
      this.setData({ context: String(e.currentTarget.dataset.value), 'errors.context': '', formError: '' });
    },
    onMember(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ member: e.detail.value, 'errors.member': '', formError: '' });
    },
    onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ title: e.detail.value, 'errors.title': '', formError: '' });
    },
    onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ content: e.detail.value, 'errors.content': '', formError: '' });
    },
    /** Brings the first field with an error into view (fields are cards in the form's order). */
    scrollToError() {
      const first = FIELD_ORDER.find((f) => this.data.errors[f]);
      if (first) wx.pageScrollTo({ selector: `#field-${first === 'member' ? 'body' : first === 'content' ? 'title' : first}`, duration: 200 });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const errors: Record<string, string> = {};
      if (!d.body) errors.body = '请选择质询对象';
      if (!d.area) errors.area = '请选择质询方面';
      if (!d.title.trim()) errors.title = '请填写标题';
      if (!d.content.trim()) errors.content = '请填写质询内容';
      if (Object.keys(errors).length) {
        this.setData({ errors, formError: '请把标红的内容填写完整' });
        return this.scrollToError();
      }

      const member = d.member.trim();
      this.setData({ submitting: true, formError: '', errors: {} });
      try {
        const q = await call<Inquiry>('inquiries', 'raise', {
          requestId: d.requestId,
          subject: { body: d.body, ...(member ? { member } : {}) },
          area: d.area,
          context: d.context,
          title: d.title.trim(),
          content: d.content.trim(),
          ...(d.chosen.length ? { coSigners: d.chosen.map((r) => r.id) } : {}),
        });
        wx.showToast({ title: q.status === 'cosigning' ? '已发出联名邀请' : '已提交，等待受理', icon: 'success' });
        wx.redirectTo({ url: routes.inquiry(q.id) });
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

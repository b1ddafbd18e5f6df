/**
 * 安排党代表论坛, for liaison staff (township and delegation forums of their studio) and
 * administrators (county forums too): first what residents raise most — the register's themes
 * of the last 3 months in the studio's township (`forums.suggestTopics`: categories and
 * repeated words, each with its items) — then the topic, a description, day and time, form and
 * place, the representatives taking part, the departments invited, and the items the forum
 * takes up (picked with a theme; their submitters are told when it is held and what came of
 * it). One requestId per filled-in form. Saved as a draft; its page opens to publish it.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { Department, Forum, ForumLevel, Me, Studio, StudioSummary, TopicSuggestions } from '../../../services/types';
import { formatCalendarDay, newRequestId } from '../../../utils/format';
import { routes } from '../../../utils/routes';
import { addDays, instant, today } from '../common/dates';
import { failState, requireRole, studiosOf, validationByField, type PageState } from '../common/staff';

const LEVELS: Array<{ value: ForumLevel; label: string }> = [
  { value: 'township', label: '乡镇（街道）论坛' },
  { value: 'delegation', label: '代表团论坛' },
  { value: 'county', label: '县级论坛' },
];

const FORMS = [
  { value: 'studio', label: '工作室' },
  { value: 'online', label: '线上' },
  { value: 'mobile', label: '流动' },
];

/** A theme to pick: a repeated word or a category, with how many items say it. */
interface Theme {
  key: string;
  label: string;
  count: number;
  items: Array<{ id: string; no: string }>;
}

const FIELDS = ['topic', 'description', 'date', 'startAt', 'endAt', 'place', 'representativeIds', 'itemIds'];

function fieldErrors(e: unknown): Record<string, string> | null {
  return validationByField(e, (path) => {
    const top = path.split('.')[0];
    const field = top === 'startAt' || top === 'endAt' ? 'date' : top;
    return FIELDS.includes(field) ? field : null;
  });
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    levels: LEVELS,
    forms: FORMS,
    admin: false,
    level: 'township' as ForumLevel,
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    themes: [] as Theme[],
    themesNote: '',
    themesError: '',
    linked: [] as Array<{ id: string; no: string }>,
    topic: '',
    description: '',
    today: '',
    date: '',
    dateText: '',
    startTime: '14:00',
    endTime: '16:30',
    form: 'studio',
    place: '',
    reps: [] as Array<{ id: string; name: string }>,
    repOn: {} as Record<string, boolean>,
    repsError: '',
    departments: [] as Department[],
    deptOn: {} as Record<string, boolean>,
    requestId: '',
    submitting: false,
    formError: '',
    errors: {} as Record<string, string>,
  },
  methods: {
    onLoad() {
      const d = addDays(today(), 14);
      this.setData({ requestId: newRequestId('forum'), today: today(), date: d, dateText: formatCalendarDay(d) });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['liaison', 'admin'], '县级论坛由县级管理员安排，乡镇（街道）和代表团论坛由本工作室联络员安排');
        const [studios, departments] = await Promise.all([studiosOf(me), call<Department[]>('directory', 'departments')]);
        const admin = me.role === 'admin';
        this.setData({ state: 'ready', admin, level: admin ? 'county' : 'township', studios, studioNames: studios.map((s) => s.name), departments });
        await Promise.all([this.loadReps(), this.loadThemes()]);
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    /** The representatives of the chosen studio: those who may take part. */
    async loadReps() {
      const studio = this.data.studios[this.data.studioIndex];
      if (!studio) return;
      this.setData({ repsError: '' });
      try {
        const s = await call<Studio>('directory', 'studio', { id: studio.id });
        this.setData({ reps: s.representatives.map((r) => ({ id: r.id, name: r.name })) });
      } catch (e) {
        this.setData({ reps: [], repsError: messageOf(e) });
      }
    },
    /** What residents raise most: in the studio's township, or the county for a county forum. */
    async loadThemes() {
      const studio = this.data.studios[this.data.studioIndex];
      const county = this.data.level === 'county';
      if (!county && !studio) return;
      this.setData({ themesError: '' });
      try {
        const s = await call<TopicSuggestions>('forums', 'suggestTopics', county ? { scope: 'county' } : { scope: 'township', id: studio.townshipId });
        const words: Theme[] = s.words.map((w) => ({ key: `w:${w.word}`, label: w.word, count: w.count, items: w.items }));
        const categories: Theme[] = s.categories.slice(0, 4).map((c) => ({ key: `c:${c.category}`, label: c.category, count: c.count, items: c.items }));
        this.setData({ themes: [...words.slice(0, 6), ...categories], themesNote: `近 3 个月共 ${s.total} 条意见建议` });
      } catch (e) {
        this.setData({ themes: [], themesError: messageOf(e) });
      }
    },
    chooseLevel(e: WechatMiniprogram.BaseEvent) {
      const level = String(e.currentTarget.dataset.value) as ForumLevel;
      if (level === this.data.level) return;
      this.setData({ level, 'errors.level': '', formError: '' });
      this.loadThemes();
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      const studioIndex = Number(e.detail.value);
      if (!this.data.studios[studioIndex] || studioIndex === this.data.studioIndex) return;
      this.setData({ studioIndex, reps: [], repOn: {} });
      this.loadReps();
      this.loadThemes();
    },
    /** A theme: its items are linked, and the topic and description are started from it when empty. */
    pickTheme(e: WechatMiniprogram.BaseEvent) {
      const theme = this.data.themes.find((t) => t.key === e.currentTarget.dataset.key);
      if (!theme) return;
      const known = new Set(this.data.linked.map((i) => i.id));
      const linked = [...this.data.linked, ...theme.items.filter((i) => !known.has(i.id))].slice(0, 20);
      this.setData({
        linked,
        ...(this.data.topic.trim() ? {} : { topic: `聚焦${theme.label}问题` }),
        ...(this.data.description.trim()
          ? {}
          : { description: `近 3 个月，群众反映“${theme.label}”相关问题 ${theme.count} 件。围绕这一问题听取党代表和群众意见，共商对策，形成建议。` }),
        'errors.topic': '',
        'errors.description': '',
      });
    },
    unlink(e: WechatMiniprogram.BaseEvent) {
      this.setData({ linked: this.data.linked.filter((i) => i.id !== e.currentTarget.dataset.id) });
    },
    toggleRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ [`repOn.${id}`]: !this.data.repOn[id], 'errors.representativeIds': '', formError: '' });
    },
    toggleDept(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ [`deptOn.${id}`]: !this.data.deptOn[id] });
    },
    chooseForm(e: WechatMiniprogram.BaseEvent) {
      this.setData({ form: String(e.currentTarget.dataset.value), 'errors.place': '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      const date = String(e.detail.value);
      this.setData({ date, dateText: formatCalendarDay(date), 'errors.date': '' });
    },
    onStart(e: WechatMiniprogram.PickerChange) {
      this.setData({ startTime: String(e.detail.value), 'errors.date': '' });
    },
    onEnd(e: WechatMiniprogram.PickerChange) {
      this.setData({ endTime: String(e.detail.value), 'errors.date': '' });
    },
    onTopic(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ topic: e.detail.value, 'errors.topic': '', formError: '' });
    },
    onDescription(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ description: e.detail.value, 'errors.description': '', formError: '' });
    },
    onPlace(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ place: e.detail.value, 'errors.place': '', formError: '' });
    },
    scrollToError() {
      const first = FIELDS.find((f) => this.data.errors[f]);
      if (first) wx.pageScrollTo({ selector: `#field-${first === 'description' ? 'topic' : first}`, duration: 200 });
    },
    async submit() {
      if (this.data.submitting) return;
      const d = this.data;
      const county = d.level === 'county';
      const studio = d.studios[d.studioIndex];
      const representativeIds = d.reps.filter((r) => d.repOn[r.id]).map((r) => r.id);
      const errors: Record<string, string> = {};
      if (!d.topic.trim()) errors.topic = '请填写论坛主题';
      if (!d.description.trim()) errors.description = '请填写论坛说明';
      if (d.endTime <= d.startTime) errors.date = '结束时间应晚于开始时间';
      if (!d.place.trim() && (d.form === 'mobile' || (county && d.form !== 'online'))) errors.place = '请填写举行地点';
      if (representativeIds.length === 0) errors.representativeIds = '请至少选择一位参加论坛的党代表';
      if (Object.keys(errors).length) {
        this.setData({ errors, formError: '请把标红的内容填写完整' });
        return this.scrollToError();
      }
      const invitedDepartmentIds = d.departments.filter((x) => d.deptOn[x.id]).map((x) => x.id);
      this.setData({ submitting: true, errors: {}, formError: '' });
      try {
        const f = await call<Forum>('forums', 'schedule', {
          requestId: d.requestId,
          level: d.level,
          ...(county || !studio ? {} : { studioId: studio.id }),
          topic: d.topic.trim(),
          description: d.description.trim(),
          startAt: instant(d.date, d.startTime),
          endAt: instant(d.date, d.endTime),
          form: d.form,
          ...(d.place.trim() ? { place: d.place.trim() } : {}),
          representativeIds,
          ...(invitedDepartmentIds.length ? { invitedDepartmentIds } : {}),
          ...(d.linked.length ? { itemIds: d.linked.map((i) => i.id) } : {}),
        });
        wx.showToast({ title: '已保存，请发布公告', icon: 'success' });
        wx.redirectTo({ url: routes.staffForum(f.id) });
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

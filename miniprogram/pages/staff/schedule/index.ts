/**
 * 安排接待 for liaison staff: date and time, form (at the studio, online, mobile with its
 * place), topic, the studio's representatives on duty, capacity — saved as a draft
 * (`receptions.schedule`) and published (`receptions.publish`). The 7-day notice rule is
 * explained before anything is sent, with the earliest date worked out on the phone for
 * display only; the back end decides, and its refusal is shown as it words it.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Me, Reception, Studio, StudioSummary } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { dateLabel, earliestReceptionDate, instant, NOTICE_DAYS, today } from '../common/dates';
import { failState, requireRole, studiosOf, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

const FORMS = [
  { value: 'studio', label: '工作室接待' },
  { value: 'online', label: '网上接待' },
  { value: 'mobile', label: '流动接待' },
];

interface RepChoice {
  id: string;
  name: string;
  unit: string;
  on: boolean;
}

/** What is wrong with the form, '' when it can be sent. */
function problem(d: { date: string; startTime: string; endTime: string; form: string; place: string; topic: string; reps: RepChoice[]; capacity: string }): string {
  if (!d.date) return '请选择接待日期';
  if (d.endTime <= d.startTime) return '结束时间应晚于开始时间';
  if (d.form === 'mobile' && d.place.trim().length < 2) return '流动接待请填写接待地点';
  if (d.topic.trim().length < 2) return '请填写接待主题';
  if (!d.reps.some((r) => r.on)) return '请至少选择一位值班党代表';
  const n = Number(d.capacity);
  if (!Number.isInteger(n) || n < 1 || n > 500) return '名额应为 1–500 的整数';
  return '';
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    studioAddress: '',
    reps: [] as RepChoice[],
    repsError: '',
    forms: FORMS,
    today: '',
    noticeDays: NOTICE_DAYS,
    earliest: '',
    earliestLabel: '',
    date: '',
    dateText: '',
    tooSoon: false,
    startTime: '09:00',
    endTime: '11:30',
    form: 'studio',
    place: '',
    topic: '',
    capacity: '20',
    submitting: false,
    formError: '',
    /** The draft this form already made: publishing again does not make another. */
    draftId: '',
    done: null as null | { id: string; published: boolean; topic: string; when: string },
  },
  methods: {
    onLoad() {
      const earliest = earliestReceptionDate();
      this.setData({ today: today(), earliest, earliestLabel: dateLabel(earliest) });
      this.setDate(earliest);
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['liaison', 'admin'], '只有工作室联络员可以安排接待');
        const studios = await studiosOf(me);
        if (studios.length === 0) {
          this.setData({ state: 'empty' });
          return;
        }
        this.setData({ studios, studioNames: studios.map((s) => s.name), studioIndex: 0 });
        await this.loadReps();
        this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    /** The chosen studio's representatives, for the duty roster. */
    async loadReps() {
      const s = this.data.studios[this.data.studioIndex];
      this.setData({ repsError: '' });
      try {
        const studio = await call<Studio>('directory', 'studio', { id: s.id });
        this.setData({ studioAddress: studio.address, reps: studio.representatives.map((r) => ({ id: r.id, name: r.name, unit: r.unit, on: false })) });
      } catch (e) {
        if (this.data.state !== 'ready') throw e;
        this.setData({ repsError: messageOf(e) });
      }
    },
    /** Any change makes a new reception: a draft saved before is left as it is (接待安排 lists it). */
    changed(patch: Record<string, unknown>) {
      this.setData({ ...patch, draftId: '', formError: '' });
    },
    setDate(date: string) {
      this.changed({ date, dateText: dateLabel(date), tooSoon: date < this.data.earliest });
    },
    onStudio(e: WechatMiniprogram.PickerChange) {
      this.changed({ studioIndex: Number(e.detail.value), reps: [] });
      this.loadReps();
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setDate(String(e.detail.value));
    },
    onStart(e: WechatMiniprogram.PickerChange) {
      this.changed({ startTime: String(e.detail.value) });
    },
    onEnd(e: WechatMiniprogram.PickerChange) {
      this.changed({ endTime: String(e.detail.value) });
    },
    onForm(e: WechatMiniprogram.BaseEvent) {
      this.changed({ form: String(e.currentTarget.dataset.value) });
    },
    onPlace(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.changed({ place: e.detail.value });
    },
    onTopic(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.changed({ topic: e.detail.value });
    },
    onCapacity(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.changed({ capacity: e.detail.value });
    },
    toggleRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.changed({ reps: this.data.reps.map((r) => (r.id === id ? { ...r, on: !r.on } : r)) });
    },
    publish() {
      return this.send(true);
    },
    saveDraft() {
      return this.send(false);
    },
    async send(publish: boolean) {
      if (this.data.submitting) return;
      const d = this.data;
      const why = problem(d);
      if (why) {
        this.setData({ formError: why });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        let id = d.draftId;
        let saved: Reception | null = null;
        if (!id) {
          saved = await call<Reception>('receptions', 'schedule', {
            studioId: d.studios[d.studioIndex].id,
            startAt: instant(d.date, d.startTime),
            endAt: instant(d.date, d.endTime),
            form: d.form,
            ...(d.place.trim() ? { place: d.place.trim() } : {}),
            topic: d.topic.trim(),
            representativeIds: d.reps.filter((r) => r.on).map((r) => r.id),
            capacity: Number(d.capacity),
          });
          id = saved.id;
          this.setData({ draftId: id });
        }
        const r = publish ? await call<Reception>('receptions', 'publish', { id }) : saved;
        this.setData({ done: { id, published: publish, topic: d.topic.trim(), when: r ? formatRange(r.startAt, r.endAt) : `${d.dateText} ${d.startTime}–${d.endTime}` } });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (e) {
        // A refused publish leaves the draft saved; the back end's message says why (the 7-day rule with its earliest date).
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    openDraft() {
      if (this.data.draftId) go(routes.staffReception(this.data.draftId));
    },
    openReception() {
      if (this.data.done) go(routes.staffReception(this.data.done.id));
    },
    openNotice() {
      if (this.data.done) go(routes.noticePreview(this.data.done.id));
    },
    again() {
      this.setData({ done: null, topic: '', place: '', reps: this.data.reps.map((r) => ({ ...r, on: false })), draftId: '', formError: '' });
    },
  },
});

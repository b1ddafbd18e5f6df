/**
 * 登记活动: the studio's liaison records an activity — the date (today or since the first of
 * last month), its kind (receptions and forums record themselves when closed, so they are not offered),
 * the topic, the representatives present (a training earns them points), what was done. The
 * back end checks every rule; its refusal shows under the form.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Studio } from '../../../services/types';
import { formatCalendarDate, newRequestId } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, today, type PageState } from '../common/ops';

const KINDS = [
  { value: 'training', label: '学习培训' },
  { value: 'inspection', label: '调研视察' },
  { value: 'proposal', label: '代表提议' },
  { value: 'exchange', label: '工作交流' },
];

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studioId: '',
    studioName: '',
    kinds: KINDS,
    kind: 'training',
    date: '',
    dateText: '',
    today: '',
    topic: '',
    summary: '',
    reps: [] as Array<{ id: string; name: string; on: boolean }>,
    submitting: false,
    formError: '',
    requestId: '',
    done: null as { topic: string; date: string; kindLabel: string; reps: string } | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const t = today();
      this.setData({ studioId: query.studioId ?? '', date: t, today: t, dateText: formatCalendarDate(t), requestId: newRequestId('act') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const studio = await call<Studio>('directory', 'studio', { id: this.data.studioId });
        this.setData({ state: 'ready', studioName: studio.name, reps: studio.representatives.map((r) => ({ id: r.id, name: r.name, on: false })) });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onKind(e: WechatMiniprogram.BaseEvent) {
      this.setData({ kind: String(e.currentTarget.dataset.value), formError: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ date: String(e.detail.value), dateText: formatCalendarDate(String(e.detail.value)), formError: '' });
    },
    onTopic(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ topic: e.detail.value, formError: '' });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ summary: e.detail.value, formError: '' });
    },
    toggleRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ reps: this.data.reps.map((r) => (r.id === id ? { ...r, on: !r.on } : r)), formError: '' });
    },
    async submit() {
      if (this.data.submitting) return;
      const present = this.data.reps.filter((r) => r.on);
      if (this.data.topic.trim().length < 2) return void this.setData({ formError: '请填写活动主题（至少 2 个字）' });
      if (this.data.summary.trim().length < 5) return void this.setData({ formError: '请填写活动情况（至少 5 个字）' });
      this.setData({ submitting: true, formError: '' });
      try {
        const a = await call<{ kindLabel: string; topic: string; date: string }>('activities', 'record', {
          requestId: this.data.requestId,
          studioId: this.data.studioId,
          date: this.data.date,
          kind: this.data.kind,
          topic: this.data.topic,
          representativeIds: present.map((r) => r.id),
          summary: this.data.summary,
        });
        this.setData({ done: { topic: a.topic, date: formatCalendarDate(a.date), kindLabel: a.kindLabel, reps: present.map((r) => r.name).join('、') } });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    back() {
      wx.navigateBack({ fail: () => wx.redirectTo({ url: `/pages/ops/activities/index?studioId=${this.data.studioId}` }) });
    },
  },
});

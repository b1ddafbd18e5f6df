/**
 * 申报积分: the studio's liaison proposes points for one of its representatives, for a duty no
 * recorded event covers, with evidence (佐证材料): which representative, the date, what was
 * done, how many points (up to the rule's), the evidence. It counts once a county
 * administrator approves.
 */
import { call, messageOf } from '../../../services/cloud';
import type { PointRule } from '../../../services/ops';
import type { Studio } from '../../../services/types';
import { formatCalendarDate, newRequestId } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, thisYear, today, type PageState } from '../common/ops';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studioId: '',
    studioName: '',
    reps: [] as Array<{ id: string; name: string }>,
    repIndex: 0,
    rule: null as PointRule | null,
    choices: [] as number[],
    points: 1,
    date: '',
    dateText: '',
    today: '',
    note: '',
    evidence: '',
    submitting: false,
    formError: '',
    requestId: '',
    done: null as { name: string; points: number } | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const t = today();
      this.setData({ studioId: query.studioId ?? '', date: t, today: t, dateText: formatCalendarDate(t), requestId: newRequestId('pm') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const [studio, rules] = await Promise.all([call<Studio>('directory', 'studio', { id: this.data.studioId }), call<{ rules: PointRule[] }>('points', 'rules', { year: thisYear() })]);
        const rule = rules.rules.find((r) => r.manual && r.enabled) ?? null;
        if (!rule) return void this.setData({ state: 'empty' });
        this.setData({ state: 'ready', studioName: studio.name, reps: studio.representatives.map((r) => ({ id: r.id, name: r.name })), rule, choices: Array.from({ length: rule.points }, (_, i) => i + 1), points: 1 });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onRep(e: WechatMiniprogram.PickerChange) {
      this.setData({ repIndex: Number(e.detail.value), formError: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ date: String(e.detail.value), dateText: formatCalendarDate(String(e.detail.value)), formError: '' });
    },
    setPoints(e: WechatMiniprogram.BaseEvent) {
      this.setData({ points: Number(e.currentTarget.dataset.n), formError: '' });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: e.detail.value, formError: '' });
    },
    onEvidence(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ evidence: e.detail.value, formError: '' });
    },
    async submit() {
      if (this.data.submitting || !this.data.rule) return;
      if (this.data.note.trim().length < 2) return void this.setData({ formError: '请填写履职事项' });
      if (this.data.evidence.trim().length < 5) return void this.setData({ formError: '请填写佐证材料（至少 5 个字）' });
      const rep = this.data.reps[this.data.repIndex];
      this.setData({ submitting: true, formError: '' });
      try {
        await call('points', 'propose', { requestId: this.data.requestId, representativeId: rep.id, code: this.data.rule.code, points: this.data.points, date: this.data.date, note: this.data.note, evidence: this.data.evidence });
        this.setData({ done: { name: rep.name, points: this.data.points } });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    back() {
      wx.navigateBack({ fail: () => wx.redirectTo({ url: '/pages/ops/points/index' }) });
    },
  },
});

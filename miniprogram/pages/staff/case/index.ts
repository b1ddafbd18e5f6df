/**
 * 民情会诊详情: number, status, the group and the issues it sent, what makes them hard, the
 * consultation (when, where, who), the decision and its measures — each with who is
 * responsible, the deadline, done or overdue — the representatives' proposal it became (its
 * number, opening the proposal), and the timeline. One button per entry of the case's `actions` with its small
 * form (安排会诊, 登记会诊决定 with its measures, 转为代表提议, 撤回), and 登记完成 on each
 * measure the caller may complete (`canComplete`). Nothing here decides who may do what. The
 * back end's messages about a case open this page.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { CaseAction, VisitCase, VisitGroup } from '../../../services/types';
import { addDays, instant, today } from '../common/dates';
import { failState, type PageState } from '../common/staff';
import { caseTone, dayOf, stamp, type Tone } from '../visits/present';
import { go, routes } from '../../../utils/routes';

type Panel = '' | Exclude<CaseAction, 'completeMeasure'> | 'complete';

const ACTION_LABELS: Record<Exclude<CaseAction, 'completeMeasure'>, string> = {
  schedule: '安排会诊',
  decide: '登记会诊决定',
  toProposal: '转为代表提议',
  withdraw: '撤回',
};
const TIMELINE: Record<string, string> = {
  send: '提交民情会诊',
  schedule: '安排会诊',
  decide: '登记会诊决定',
  completeMeasure: '完成措施',
  completeLastMeasure: '完成最后一项措施，办结',
  toProposal: '转为代表提议',
  withdraw: '撤回',
};

interface MeasureForm {
  text: string;
  owner: string;
  ownerRepId: string;
  deadline: string;
}
const emptyMeasure = (): MeasureForm => ({ text: '', owner: '', ownerRepId: '', deadline: addDays(today(), 30) });
const emptyForms = () => ({
  schedule: { date: addDays(today(), 3), time: '14:30', place: '', attendees: '' },
  decide: { decision: '', measures: [emptyMeasure()] },
  toProposal: { note: '' },
  withdraw: { reason: '' },
  complete: { measureId: '', result: '' },
});

function view(c: VisitCase) {
  return {
    ...c,
    tone: caseTone(c.status) as Tone,
    meetingText: c.meeting ? `${stamp(c.meeting.at)}，${c.meeting.place}${c.meeting.attendees ? `；参加：${c.meeting.attendees}` : ''}` : '',
    issues: c.issues.map((i) => ({ ...i, day: dayOf(i.date) })),
    measures: c.measures.map((m) => ({ ...m, day: dayOf(m.deadline), doneText: m.doneAt ? `${stamp(m.doneAt)} ${m.doneBy ?? ''}：${m.result ?? ''}` : '' })),
    timeline: c.timeline.map((e) => ({ ...e, when: stamp(e.at), what: TIMELINE[e.action] ?? e.action })),
    buttons: c.actions
      .filter((a): a is Exclude<CaseAction, 'completeMeasure'> => a !== 'completeMeasure')
      .map((a) => ({ action: a, label: a === 'schedule' && c.meeting ? '调整会诊安排' : ACTION_LABELS[a] })),
  };
}

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    id: '',
    c: null as null | ReturnType<typeof view>,
    panel: '' as Panel,
    forms: emptyForms(),
    members: [] as Array<{ id: string; name: string }>,
    today: today(),
    formError: '',
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const c = await call<VisitCase>('visits', 'case', { id: this.data.id });
        this.setData({ state: 'ready', c: view(c) });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async openPanel(e: WechatMiniprogram.BaseEvent) {
      const panel = String(e.currentTarget.dataset.action) as Panel;
      this.setData({ panel: this.data.panel === panel ? '' : panel, formError: '' });
      wx.pageScrollTo({ selector: '#case-form', duration: 200 });
      if (panel === 'decide' && this.data.members.length === 0 && this.data.c) {
        try {
          const g = await call<VisitGroup>('visits', 'group', { id: this.data.c.groupId });
          this.setData({ members: g.members.map((m) => ({ id: m.representativeId, name: m.name })) });
        } catch {
          // Without the members a measure names its responsible person in words only.
        }
      }
    },
    /** The proposal the case became (its staff page: the proposal in full for those who may). */
    openProposal(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffProposal(String(e.currentTarget.dataset.id)));
    },
    openComplete(e: WechatMiniprogram.BaseEvent) {
      this.setData({ panel: 'complete', 'forms.complete': { measureId: String(e.currentTarget.dataset.id), result: '' }, formError: '' });
      wx.pageScrollTo({ selector: '#case-form', duration: 200 });
    },
    onForm(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`forms.${String(e.currentTarget.dataset.path)}`]: e.detail.value, formError: '' });
    },
    addMeasure() {
      this.setData({ 'forms.decide.measures': [...this.data.forms.decide.measures, emptyMeasure()] });
    },
    removeMeasure(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ 'forms.decide.measures': this.data.forms.decide.measures.filter((_, j) => j !== i) });
    },
    chooseOwnerRep(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const id = String(e.currentTarget.dataset.id);
      const m = this.data.forms.decide.measures[i];
      const rep = this.data.members.find((x) => x.id === id);
      const on = m.ownerRepId === id;
      this.setData({ [`forms.decide.measures[${i}]`]: { ...m, ownerRepId: on ? '' : id, owner: on ? m.owner : (rep?.name ?? m.owner) } });
    },
    /** The first missing field of the open form, in words; the rest is the back end's to judge. */
    missing(): string {
      const f = this.data.forms;
      switch (this.data.panel) {
        case 'schedule':
          return !f.schedule.place.trim() ? '请填写会诊地点' : '';
        case 'decide':
          if (!f.decide.decision.trim()) return '请填写会诊决定';
          if (f.decide.measures.length === 0) return '请至少登记一项措施';
          return f.decide.measures.some((m) => !m.text.trim() || !m.owner.trim()) ? '每项措施请填写内容和责任人' : '';
        case 'toProposal':
          return !f.toProposal.note.trim() ? '请说明为什么转为代表提议' : '';
        case 'withdraw':
          return !f.withdraw.reason.trim() ? '请填写撤回理由' : '';
        case 'complete':
          return !f.complete.result.trim() ? '请填写落实情况' : '';
        default:
          return '';
      }
    },
    async send() {
      if (this.data.sending || !this.data.panel) return;
      const why = this.missing();
      if (why) return void this.setData({ formError: why });
      const f = this.data.forms;
      const id = this.data.id;
      const calls: Record<Exclude<Panel, ''>, () => [string, Record<string, unknown>]> = {
        schedule: () => ['scheduleCase', { id, at: instant(f.schedule.date, f.schedule.time), place: f.schedule.place.trim(), ...(f.schedule.attendees.trim() ? { attendees: f.schedule.attendees.trim() } : {}) }],
        decide: () => [
          'decideCase',
          {
            id,
            decision: f.decide.decision.trim(),
            measures: f.decide.measures.map((m) => ({ text: m.text.trim(), owner: m.owner.trim(), deadline: m.deadline, ...(m.ownerRepId ? { ownerRepId: m.ownerRepId } : {}) })),
          },
        ],
        toProposal: () => ['toProposal', { id, note: f.toProposal.note.trim() }],
        withdraw: () => ['withdrawCase', { id, reason: f.withdraw.reason.trim() }],
        complete: () => ['completeMeasure', { id, measureId: f.complete.measureId, result: f.complete.result.trim() }],
      };
      const [action, params] = calls[this.data.panel]();
      this.setData({ sending: true, formError: '' });
      try {
        const c = await call<VisitCase>('visits', action, params);
        this.setData({ c: view(c), panel: '', forms: emptyForms() });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});

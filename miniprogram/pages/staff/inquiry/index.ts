/**
 * 质询详情 (党内质询): number, status, subject, area, title and content; the proposers and who
 * has co-signed; the subject's contact; the 30-day clock (due date, days left, paused,
 * extended); replies, meetings (三见面), evaluations, clarifications, extensions,
 * accountability, the committee's decision and the timeline. One button for each entry of the
 * inquiry's `actions`, in the back end's order, each with its small form; nothing here decides
 * who may do what. The back end's messages about an inquiry open this page
 * (`pages/staff/inquiry/index?id=`). Anyone the inquiry is not shared with is told it does not
 * exist, as the back end says (it is confidential).
 */
import { call, messageOf } from '../../../services/cloud';
import { missingOrFailState, validationByField } from '../common/staff';
import { care } from '../../../behaviors/care';
import type { Inquiry, InquiryAction, InquiryContact, InquiryEvent } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { instant, today } from '../common/dates';
import { ACTION_LABELS, daysLeftText, DONE_MESSAGES, stamp, statusTone, SUBMIT_LABELS, TIMELINE_LABELS, type Tone } from './present';

/** loading / error / ready, plus `notFound` (the back end's NOT_FOUND: not shared with the caller) and `forbidden`. */
type State = 'loading' | 'error' | 'notFound' | 'forbidden' | 'ready';

/** The actions that open a form; `cosign` asks for a confirmation only. */
type Panel = '' | Exclude<InquiryAction, 'cosign'>;

/** 问责 measures (the back end's). */
export const MEASURES = ['批评教育', '追究责任'];
/** Days an extension may add (1–30). */
const EXTEND_DAYS = Array.from({ length: 30 }, (_, i) => i + 1);

/** What each form holds, by action; kept on failure, emptied after success. */
const emptyForms = () => ({
  accept: { contactId: '' },
  return: { reason: '' },
  askClarification: { question: '' },
  clarify: { answer: '' },
  reply: { text: '' },
  meet: { date: '', time: '', place: '', attendees: '', summary: '' },
  evaluate: { satisfied: '' as '' | 'yes' | 'no', comment: '' },
  extend: { daysIndex: 14, reason: '' },
  holdAccountable: { measure: '', note: '' },
  decide: { decision: '' },
});
type Forms = ReturnType<typeof emptyForms>;

/** The required fields a form checks before sending (lengths and the rest are the back end's to judge). */
const REQUIRED: Partial<Record<Panel, Array<[field: string, message: string]>>> = {
  accept: [['contactId', '请选择质询对象联系人']],
  return: [['reason', '请填写退回理由']],
  askClarification: [['question', '请填写需要补充说明的问题']],
  clarify: [['answer', '请填写补充说明']],
  reply: [['text', '请填写书面答复']],
  meet: [
    ['date', '请选择见面日期'],
    ['time', '请选择见面时间'],
    ['place', '请填写见面地点'],
    ['attendees', '请填写参加人员'],
    ['summary', '请填写沟通情况'],
  ],
  evaluate: [['satisfied', '请选择满意或不满意']],
  extend: [['reason', '请填写延期理由']],
  holdAccountable: [
    ['measure', '请选择问责方式'],
    ['note', '请填写问责情况'],
  ],
  decide: [['decision', '请填写研究决定']],
};

/** The event an action sends, from its form. */
function paramsOf(panel: Panel, f: Forms): Record<string, unknown> {
  switch (panel) {
    case 'accept':
      return { contactId: f.accept.contactId };
    case 'return':
      return { reason: f.return.reason.trim() };
    case 'askClarification':
      return { question: f.askClarification.question.trim() };
    case 'clarify':
      return { answer: f.clarify.answer.trim() };
    case 'reply':
      return { text: f.reply.text.trim() };
    case 'meet':
      return { at: instant(f.meet.date, f.meet.time), place: f.meet.place.trim(), attendees: f.meet.attendees.trim(), summary: f.meet.summary.trim() };
    case 'evaluate': {
      const comment = f.evaluate.comment.trim();
      return { satisfied: f.evaluate.satisfied === 'yes', ...(comment ? { comment } : {}) };
    }
    case 'extend':
      return { days: EXTEND_DAYS[f.extend.daysIndex], reason: f.extend.reason.trim() };
    case 'holdAccountable':
      return { measure: f.holdAccountable.measure, note: f.holdAccountable.note.trim() };
    case 'decide':
      return { decision: f.decide.decision.trim() };
    default:
      return {};
  }
}

/**
 * The back end's VALIDATION issues, by the field of the open form they name (`at` is the
 * meeting's date and time). Anything else is a message for the whole form.
 */
function fieldErrors(e: unknown, panel: Panel): Record<string, string> | null {
  const fields = Object.keys((emptyForms() as Record<string, Record<string, unknown>>)[panel] ?? {});
  return validationByField(e, (path) => {
    const top = path.split('.')[0];
    const field = top === 'at' ? 'date' : top === 'days' ? 'daysIndex' : top;
    return fields.includes(field) ? field : null;
  });
}

const toEvent = (e: InquiryEvent, i: number) => ({
  key: i,
  at: stamp(e.at),
  label: TIMELINE_LABELS[e.action] ?? e.action,
  actor: e.actorName,
  note: e.note ?? '',
});

/** What the page shows, worked out once per answer. */
function view(q: Inquiry) {
  const c = q.clock;
  const awaiting = q.status === 'accepted' && c !== null;
  const clock = c && {
    dueDate: formatCalendarDate(c.dueDate),
    left: awaiting ? daysLeftText(c.daysLeft, c.overdue) : null,
    paused: c.paused,
    pausedDays: c.pausedDays,
    extendedDays: c.extendedDays,
    /** The clock matters until the round's written reply: after it, the reply says whether it was on time. */
    running: q.status === 'accepted' || q.status === 'clarifying',
  };
  const byRound = <T extends { round: number }>(rows: T[]) => rows.map((r, key) => ({ ...r, key, roundLabel: `第 ${r.round} 轮` }));
  return {
    tone: statusTone(q.status) as Tone,
    subject: `${q.subject.bodyLabel}${q.subject.member ? ` ${q.subject.member}` : ''}`,
    createdAt: stamp(q.createdAt),
    acceptedAt: q.acceptedAt ? stamp(q.acceptedAt) : '',
    coSigners: q.coSigners.map((s) => ({ ...s, signedText: s.signed && s.signedAt ? `已联名 ${stamp(s.signedAt)}` : '待联名' })),
    clock,
    replies: byRound(q.replies).map((r) => ({ ...r, atText: stamp(r.at) })).reverse(),
    meetings: byRound(q.meetings).map((m) => ({ ...m, atText: stamp(m.at) })).reverse(),
    evaluations: byRound(q.evaluations).map((v) => ({ ...v, atText: stamp(v.at), label: v.satisfied ? '满意' : '不满意' })).reverse(),
    clarifications: byRound(q.clarifications).map((x) => ({ ...x, askedText: stamp(x.askedAt), answeredText: x.answeredAt ? stamp(x.answeredAt) : '' })).reverse(),
    extensions: byRound(q.extensions).map((x) => ({ ...x, atText: stamp(x.at) })),
    accountability: byRound(q.accountability).map((x) => ({ ...x, atText: stamp(x.at) })),
    timeline: q.timeline.map(toEvent).reverse(),
    actions: q.actions.map((a) => ({ key: a, label: ACTION_LABELS[a] ?? a })),
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as State,
    error: '',
    q: null as Inquiry | null,
    v: null as ReturnType<typeof view> | null,
    panel: '' as Panel,
    busy: false,
    actionError: '',
    errors: {} as Record<string, string>,
    f: emptyForms(),
    today: '',
    measures: MEASURES,
    extendDays: EXTEND_DAYS.map((d) => `${d} 天`),
    submitLabels: SUBMIT_LABELS,
    contacts: [] as InquiryContact[],
    contactsError: '',
    /** The meeting's date as people write it. */
    meetDateLabel: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', today: today() });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        this.show(await call<Inquiry>('inquiries', 'get', { id: this.data.id }));
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else {
          this.setData({ state: missingOrFailState(e), error: messageOf(e) });
        }
      }
    },
    show(q: Inquiry) {
      this.setData({ state: 'ready', q, v: view(q) });
    },

    /** A button of `actions`: cosign after a confirmation, anything else opens its form. */
    async onAction(e: WechatMiniprogram.BaseEvent) {
      const action = String(e.currentTarget.dataset.action) as InquiryAction;
      if (action === 'cosign') return this.cosign();
      if (this.data.panel === action) return this.closePanel();
      this.setData({ panel: action, actionError: '', errors: {} });
      // The form opens under the buttons, which may sit at the bottom of the screen.
      wx.pageScrollTo({ selector: '#handling', duration: 200 });
      if (action === 'accept' && this.data.contacts.length === 0) await this.loadContacts();
      if (action === 'meet') this.prefillMeeting();
      return undefined;
    },
    closePanel() {
      this.setData({ panel: '', actionError: '', errors: {} });
    },
    async cosign() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '联名',
        content: `联名后，您与${this.data.q?.lead.name ?? '提出人'}共同提出这一质询，并参与评价办理结果。确定联名？`,
        confirmText: '联名',
      });
      if (confirm) await this.send('cosign', {});
    },

    /** Sends one action and shows the inquiry as the back end answers it; on failure what was typed stays. */
    async send(action: InquiryAction, params: Record<string, unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '', errors: {} });
      try {
        const q = await call<Inquiry>('inquiries', action, { id: this.data.id, ...params });
        this.show(q);
        this.setData({ panel: '', f: emptyForms() });
        wx.showToast({ title: DONE_MESSAGES[action] ?? '已完成', icon: 'success' });
      } catch (e) {
        const errors = fieldErrors(e, this.data.panel);
        this.setData(errors ? { errors } : { actionError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    submit() {
      const panel = this.data.panel;
      if (!panel) return undefined;
      const form = this.data.f[panel] as Record<string, unknown>;
      const errors: Record<string, string> = {};
      for (const [field, message] of REQUIRED[panel] ?? []) {
        if (String(form[field] ?? '').trim() === '') errors[field] = message;
      }
      if (Object.keys(errors).length) return this.setData({ errors, actionError: '' });
      return this.send(panel, paramsOf(panel, this.data.f));
    },

    /** Typing into a form: `data-field` is `<action>.<field>`. */
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const path = String(e.currentTarget.dataset.field);
      const field = path.split('.')[1];
      this.setData({ [`f.${path}`]: e.detail.value, [`errors.${field}`]: '', actionError: '' });
    },
    /** A choice (chip) or a picker: `data-field` as above, the value from `data-value` or the picker. */
    onChoose(e: WechatMiniprogram.BaseEvent & { detail: { value?: string | number } }) {
      const path = String(e.currentTarget.dataset.field);
      const field = path.split('.')[1];
      const raw = e.currentTarget.dataset.value ?? e.detail?.value ?? '';
      const value = field === 'daysIndex' ? Number(raw) : String(raw);
      this.setData({ [`f.${path}`]: value, [`errors.${field}`]: '', actionError: '', ...(path === 'meet.date' ? { meetDateLabel: formatCalendarDate(String(value)) } : {}) });
    },

    // 受理: the administrator names the subject's contact (those of the inquiry's body first).
    async loadContacts() {
      this.setData({ contactsError: '' });
      try {
        const { items } = await call<{ items: InquiryContact[] }>('inquiries', 'contacts');
        const body = this.data.q?.subject.body;
        this.setData({ contacts: [...items.filter((c) => c.body === body), ...items.filter((c) => c.body !== body)] });
      } catch (e) {
        this.setData({ contactsError: messageOf(e) });
      }
    },

    // 见面沟通: today and the hour, and who takes part, to start from.
    prefillMeeting() {
      const q = this.data.q;
      const m = this.data.f.meet;
      if (!q || m.date || m.attendees) return;
      const hour = new Date(Date.now() + 8 * 3600_000).getUTCHours();
      const names = [q.contact?.name, q.lead.name, ...q.coSigners.filter((s) => s.signed).map((s) => s.name)].filter(Boolean);
      this.setData({ 'f.meet.date': today(), meetDateLabel: formatCalendarDate(today()), 'f.meet.time': `${hour < 10 ? '0' : ''}${hour}:00`, 'f.meet.attendees': names.join('、') });
    },
  },
});

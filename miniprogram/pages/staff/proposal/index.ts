/**
 * 代表提议 (staff page): for its proposers, the departments it is dispatched to, the liaison of
 * the lead's studio and administrators. Number, status, title and content; the proposers; the
 * departments and the county leader supervising a key one; the deadline (days left, extended);
 * the progress bar with its milestones and every progress update; a pending request for more
 * time; results, appraisals, refusals, urgings and the timeline. One button for each entry of
 * the proposal's `actions`, each with its small form; nothing here decides who may do what.
 * The back end's messages about a proposal open this page; someone who may read only its
 * public view is sent to the residents' progress page.
 */
import { call, messageOf } from '../../../services/cloud';
import { missingOrFailState, validationByField } from '../common/staff';
import { care } from '../../../behaviors/care';
import type { Department, MatterEvent, Proposal, ProposalAction } from '../../../services/types';
import { formatCalendarDate, formatDate } from '../../../utils/format';
import { routes } from '../../../utils/routes';
import { today } from '../common/dates';
import { daysLeftText, stamp, type Tone } from '../inquiry/present';
import { ACTION_LABELS, DECISIONS, DONE_MESSAGES, PERCENTS, proposalStatusTone, RATINGS, RESULTS, SUBMIT_LABELS, TIMELINE_LABELS } from './present';

type State = 'loading' | 'error' | 'notFound' | 'forbidden' | 'ready';

/** The actions that open a form; `accept` asks for a confirmation only. */
type Panel = '' | Exclude<ProposalAction, 'accept'>;

const emptyForms = () => ({
  review: { decision: '', reason: '' },
  dispatch: { lead: '', assisting: [] as string[], key: '' as '' | 'yes' | 'no', leaderName: '', deadline: '' },
  refuse: { reason: '' },
  progress: { percent: '', milestone: '', text: '' },
  requestExtension: { until: '', reason: '' },
  approveExtension: { note: '' },
  refuseExtension: { reason: '' },
  complete: { result: '', text: '' },
  urge: { note: '' },
  appraise: { rating: '', comment: '' },
});
type Forms = ReturnType<typeof emptyForms>;

/** The required fields a form checks before sending (lengths and the rest are the back end's). */
const REQUIRED: Partial<Record<Panel, Array<[field: string, message: string]>>> = {
  review: [['decision', '请选择审查结论']],
  dispatch: [['lead', '请选择主办单位']],
  refuse: [['reason', '请填写退回理由']],
  progress: [
    ['percent', '请选择办理进度'],
    ['text', '请填写办理进展'],
  ],
  requestExtension: [
    ['until', '请选择延期后的期限'],
    ['reason', '请填写延期理由'],
  ],
  refuseExtension: [['reason', '请填写不同意的理由']],
  complete: [
    ['result', '请选择办理结果'],
    ['text', '请填写办复内容'],
  ],
  appraise: [['rating', '请选择评价']],
};

const trimmed = (s: string) => s.trim();
const optional = (key: string, s: string) => (trimmed(s) ? { [key]: trimmed(s) } : {});

/** The event an action sends, from its form. */
function paramsOf(panel: Panel, f: Forms): Record<string, unknown> {
  switch (panel) {
    case 'review':
      return { decision: f.review.decision, ...optional('reason', f.review.reason) };
    case 'dispatch':
      return {
        leadDepartmentId: f.dispatch.lead,
        ...(f.dispatch.assisting.length ? { assistingDepartmentIds: f.dispatch.assisting } : {}),
        ...(f.dispatch.key ? { key: f.dispatch.key === 'yes' } : {}),
        ...optional('leaderName', f.dispatch.leaderName),
        ...(f.dispatch.deadline ? { deadline: f.dispatch.deadline } : {}),
      };
    case 'refuse':
      return { reason: trimmed(f.refuse.reason) };
    case 'progress':
      return { percent: Number(f.progress.percent), text: trimmed(f.progress.text), ...optional('milestone', f.progress.milestone) };
    case 'requestExtension':
      return { until: f.requestExtension.until, reason: trimmed(f.requestExtension.reason) };
    case 'approveExtension':
      return optional('note', f.approveExtension.note);
    case 'refuseExtension':
      return { reason: trimmed(f.refuseExtension.reason) };
    case 'complete':
      return { result: f.complete.result, text: trimmed(f.complete.text) };
    case 'urge':
      return optional('note', f.urge.note);
    case 'appraise':
      return { rating: f.appraise.rating, ...optional('comment', f.appraise.comment) };
    default:
      return {};
  }
}

/** The back end's VALIDATION issues by the field of the open form they name; anything else is for the whole form. */
function fieldErrors(e: unknown, panel: Panel): Record<string, string> | null {
  const fields = Object.keys((emptyForms() as Record<string, Record<string, unknown>>)[panel] ?? {});
  const rename: Record<string, string> = { leadDepartmentId: 'lead', assistingDepartmentIds: 'assisting', result: 'result' };
  return validationByField(e, (path) => {
    const top = path.split('.')[0];
    const field = rename[top] ?? top;
    return fields.includes(field) ? field : null;
  });
}

const toEvent = (e: MatterEvent, i: number) => ({ key: i, at: stamp(e.at), label: TIMELINE_LABELS[e.action] ?? e.action, actor: e.actorName, note: e.note ?? '' });

/** What the page shows, worked out once per answer. */
function view(p: Proposal) {
  const c = p.clock ?? null;
  const rounds = <T extends { round: number }>(rows: T[]) => rows.map((r, key) => ({ ...r, key, roundLabel: `第 ${r.round} 轮` }));
  return {
    tone: proposalStatusTone(p.status, p.overdue) as Tone,
    proposers: [p.lead?.name, ...(p.coSigners ?? []).map((x) => x.name)].filter(Boolean).join('、'),
    units: p.leadDepartment ? `主办 ${p.leadDepartment}${p.assisting.length ? `；协办 ${p.assisting.join('、')}` : ''}` : '',
    clock: c && {
      running: c.running,
      dueDate: formatCalendarDate(c.dueDate),
      left: c.running ? daysLeftText(c.daysLeft, c.overdue) : null,
      extendedDays: c.extendedDays,
    },
    milestones: p.milestones.map((m) => ({ milestone: m.milestone, percent: m.percent, date: formatDate(m.at) })),
    progress: p.progress.map((x, key) => ({ ...x, key, atText: stamp(x.at), roundLabel: p.round > 1 ? `第 ${x.round} 轮 · ` : '' })).reverse(),
    extensionRequest: p.extensionRequest ? { ...p.extensionRequest, untilText: formatCalendarDate(p.extensionRequest.until), atText: stamp(p.extensionRequest.at) } : null,
    extensions: rounds(p.extensions ?? []).map((x) => ({ ...x, untilText: formatCalendarDate(x.until), atText: stamp(x.decidedAt) })),
    results: rounds(p.results ?? []).map((r) => ({ ...r, atText: stamp(r.at) })).reverse(),
    appraisals: rounds(p.appraisals ?? []).map((a) => ({ ...a, atText: stamp(a.at) })).reverse(),
    refusals: (p.refusals ?? []).map((r, key) => ({ ...r, key, atText: stamp(r.at) })),
    urges: (p.urges ?? []).map((u, key) => ({ ...u, key, atText: stamp(u.at) })),
    timeline: (p.timeline ?? []).map(toEvent).reverse(),
    actions: p.actions.map((a) => ({ key: a, label: ACTION_LABELS[a] ?? a })),
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as State,
    error: '',
    p: null as Proposal | null,
    v: null as ReturnType<typeof view> | null,
    panel: '' as Panel,
    busy: false,
    actionError: '',
    errors: {} as Record<string, string>,
    f: emptyForms(),
    today: '',
    decisions: DECISIONS,
    results: RESULTS,
    ratings: RATINGS,
    percents: PERCENTS,
    submitLabels: SUBMIT_LABELS,
    departments: [] as Department[],
    departmentsError: '',
    /** The assisting departments chosen, by id (WXML cannot call indexOf). */
    assistingOn: {} as Record<string, boolean>,
    /** Dates of the open form as people write them. */
    deadlineText: '',
    untilText: '',
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
        const p = await call<Proposal>('proposals', 'get', { id: this.data.id });
        // Only its public view for this caller: the residents' progress page shows that.
        if (p.public) return void wx.redirectTo({ url: routes.proposal(this.data.id) });
        this.show(p);
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else {
          this.setData({ state: missingOrFailState(e), error: messageOf(e) });
        }
      }
    },
    show(p: Proposal) {
      this.setData({ state: 'ready', p, v: view(p) });
    },

    /** A button of `actions`: accept after a confirmation, anything else opens its form. */
    async onAction(e: WechatMiniprogram.BaseEvent) {
      const action = String(e.currentTarget.dataset.action) as ProposalAction;
      if (action === 'accept') return this.accept();
      if (this.data.panel === action) return this.closePanel();
      this.setData({ panel: action, actionError: '', errors: {} });
      wx.pageScrollTo({ selector: '#handling', duration: 200 });
      if (action === 'dispatch' && this.data.departments.length === 0) await this.loadDepartments();
      return undefined;
    },
    closePanel() {
      this.setData({ panel: '', actionError: '', errors: {} });
    },
    async accept() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '签收',
        content: `签收后由${this.data.p?.leadDepartment ?? '本单位'}主办，须在办理期限内报告进展并办复。确定签收？`,
        confirmText: '签收',
      });
      if (confirm) await this.send('accept', {});
    },

    /** Sends one action and shows the proposal as the back end answers it; on failure what was typed stays. */
    async send(action: ProposalAction, params: Record<string, unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '', errors: {} });
      try {
        const p = await call<Proposal>('proposals', action, { id: this.data.id, ...params });
        if (p.public) {
          // No longer this caller's (a department that refused it): its public page.
          wx.showToast({ title: DONE_MESSAGES[action] ?? '已完成', icon: 'success' });
          return void wx.redirectTo({ url: routes.proposal(this.data.id) });
        }
        this.show(p);
        this.setData({ panel: '', f: emptyForms(), deadlineText: '', untilText: '', assistingOn: {} });
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
      if (panel === 'review' && this.data.f.review.decision === 'return' && !this.data.f.review.reason.trim()) errors.reason = '退回须说明理由';
      if (Object.keys(errors).length) return this.setData({ errors, actionError: '' });
      return this.send(panel, paramsOf(panel, this.data.f));
    },

    /** Typing into a form: `data-field` is `<action>.<field>`. */
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const path = String(e.currentTarget.dataset.field);
      this.setData({ [`f.${path}`]: e.detail.value, [`errors.${path.split('.')[1]}`]: '', actionError: '' });
    },
    /** A choice (chip) or a picker: `data-field` as above, the value from `data-value` or the picker. */
    onChoose(e: WechatMiniprogram.BaseEvent & { detail: { value?: string | number } }) {
      const path = String(e.currentTarget.dataset.field);
      const field = path.split('.')[1];
      const value = String(e.currentTarget.dataset.value ?? e.detail?.value ?? '');
      const extra: Record<string, unknown> = {};
      if (path === 'dispatch.deadline') extra.deadlineText = formatCalendarDate(value);
      if (path === 'requestExtension.until') extra.untilText = formatCalendarDate(value);
      // The lead department is not also an assisting one.
      if (path === 'dispatch.lead') {
        const rest = this.data.f.dispatch.assisting.filter((id) => id !== value);
        extra['f.dispatch.assisting'] = rest;
        extra.assistingOn = Object.fromEntries(rest.map((id) => [id, true]));
      }
      this.setData({ [`f.${path}`]: value, [`errors.${field}`]: '', actionError: '', ...extra });
    },
    /** 协办单位: several may be chosen; the lead is not among them. */
    toggleAssisting(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.value);
      if (id === this.data.f.dispatch.lead) return;
      const chosen = this.data.f.dispatch.assisting;
      const next = chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id];
      this.setData({ 'f.dispatch.assisting': next, assistingOn: Object.fromEntries(next.map((x) => [x, true])), actionError: '' });
    },
    async loadDepartments() {
      this.setData({ departmentsError: '' });
      try {
        this.setData({ departments: await call<Department[]>('directory', 'departments') });
      } catch (e) {
        this.setData({ departmentsError: messageOf(e) });
      }
    },
    openItem() {
      const item = this.data.p?.item;
      if (item) wx.navigateTo({ url: routes.staffItem(item.id) });
    },
    openCase() {
      const id = this.data.p?.caseId;
      if (id) wx.navigateTo({ url: routes.visitCase(id) });
    },
  },
});

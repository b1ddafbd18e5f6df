/**
 * 论坛 (the organiser's and participants' page): level, topic, time and place, who takes part,
 * the departments invited, the register items it takes up, the views residents sent (征集意见),
 * and once held its attendance and outcomes with the proposals they became. One button for
 * each entry of the forum's `actions`: 发布 (after a confirmation), 取消 (with the reason), 登记成果
 * (attendance, summary, outcomes, each marked or not as a proposal). A published forum's notice
 * opens for printing. The back end's messages to staff open this page.
 */
import { call, messageOf } from '../../../services/cloud';
import { missingOrFailState } from '../common/staff';
import { care } from '../../../behaviors/care';
import type { Forum, ForumViewLine, MatterEvent, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { stamp, type Tone } from '../inquiry/present';

type State = 'loading' | 'error' | 'notFound' | 'forbidden' | 'ready';
type Panel = '' | 'cancel' | 'close';

const PHASE_TONES: Record<string, Tone> = { draft: 'neutral', upcoming: 'info', ongoing: 'warn', ended: 'warn', held: 'success', cancelled: 'danger' };

const TIMELINE_LABELS: Record<string, string> = { schedule: '安排论坛', publish: '发布公告', cancel: '取消', close: '登记论坛成果' };
const ACTION_LABELS: Record<string, string> = { publish: '发布公告', cancel: '取消论坛', close: '登记论坛成果' };

interface OutcomeForm {
  key: number;
  title: string;
  content: string;
  asProposal: boolean;
}

let outcomeKey = 0;
const newOutcome = (): OutcomeForm => ({ key: outcomeKey++, title: '', content: '', asProposal: false });

const toEvent = (e: MatterEvent, i: number) => ({ key: i, at: stamp(e.at), label: TIMELINE_LABELS[e.action] ?? e.action, actor: e.actorName, note: e.note ?? '' });

function view(f: Forum) {
  return {
    tone: PHASE_TONES[f.phase] ?? 'neutral',
    phaseLabel: f.phase === 'ended' && f.actions.includes('close') ? '已结束，待登记成果' : f.phaseLabel,
    when: formatRange(f.startAt, f.endAt),
    reps: f.representatives,
    depts: f.invitedDepartments.join('、'),
    attended: f.attendance.map((r) => r.name).join('、'),
    outcomes: f.outcomes.map((o, key) => ({ ...o, key })),
    timeline: (f.timeline ?? []).map(toEvent).reverse(),
    actions: f.actions.filter((a) => a !== 'submitView').map((a) => ({ key: a, label: ACTION_LABELS[a] ?? a })),
    printable: f.status === 'published',
  };
}

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as State,
    error: '',
    f: null as Forum | null,
    v: null as ReturnType<typeof view> | null,
    views: [] as Array<ForumViewLine & { atText: string }>,
    viewsTotal: 0,
    panel: '' as Panel,
    busy: false,
    actionError: '',
    errors: {} as Record<string, string>,
    reason: '',
    summary: '',
    attended: {} as Record<string, boolean>,
    /** Who presided (主持): among those attended; the first invited to start from. */
    hosts: {} as Record<string, boolean>,
    outcomes: [newOutcome()],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const f = await call<Forum>('forums', 'get', { id: this.data.id });
        // Only its public view for this caller: the residents' page shows that.
        if (!f.staff) return void wx.redirectTo({ url: routes.forum(this.data.id) });
        this.show(f);
        await this.loadViews();
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else {
          this.setData({ state: missingOrFailState(e), error: messageOf(e) });
        }
      }
    },
    show(f: Forum) {
      this.setData({ state: 'ready', f, v: view(f) });
    },
    /** The views sent (the latest 20): for its organiser and the representatives taking part. */
    async loadViews() {
      try {
        const p = await call<Paged<ForumViewLine>>('forums', 'views', { id: this.data.id, pageSize: 20 });
        this.setData({ views: p.items.map((x) => ({ ...x, atText: stamp(x.createdAt) })), viewsTotal: p.total });
      } catch {
        // The views stay as they were; the forum itself is shown.
      }
    },

    async onAction(e: WechatMiniprogram.BaseEvent) {
      const action = String(e.currentTarget.dataset.action);
      if (action === 'publish') return this.publish();
      if (this.data.panel === action) return this.closePanel();
      const f = this.data.f;
      // 登记成果: everyone invited is marked as attended to start from.
      const attended = action === 'close' && f ? Object.fromEntries(f.representatives.map((r) => [r.id, true])) : this.data.attended;
      const hosts = action === 'close' && f && f.representatives.length ? { [f.representatives[0].id]: true } : this.data.hosts;
      this.setData({ panel: action as Panel, actionError: '', errors: {}, attended, hosts });
      wx.pageScrollTo({ selector: '#handling', duration: 200 });
      return undefined;
    },
    closePanel() {
      this.setData({ panel: '', actionError: '', errors: {} });
    },
    async publish() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '发布公告',
        content: '发布后，论坛公告向社会公开，参加论坛的党代表、列席单位和关联意见建议的群众将收到通知。确定发布？',
        confirmText: '发布',
      });
      if (confirm) await this.send('publish', {});
    },
    async send(action: string, params: Record<string, unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '', errors: {} });
      try {
        const f = await call<Forum>('forums', action, { id: this.data.id, ...params });
        this.show(f);
        this.setData({ panel: '', reason: '', summary: '', outcomes: [newOutcome()] });
        wx.showToast({ title: { publish: '已发布', cancel: '已取消', close: '已登记成果' }[action] ?? '已完成', icon: 'success' });
      } catch (e) {
        this.setData({ actionError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    submit() {
      if (this.data.panel === 'cancel') {
        if (!this.data.reason.trim()) return this.setData({ errors: { reason: '请填写取消原因' } });
        return this.send('cancel', { reason: this.data.reason.trim() });
      }
      if (this.data.panel !== 'close') return undefined;
      const errors: Record<string, string> = {};
      const attendance = (this.data.f?.representatives ?? []).filter((r) => this.data.attended[r.id]).map((r) => r.id);
      if (!this.data.summary.trim()) errors.summary = '请填写论坛情况';
      const outcomes = this.data.outcomes.filter((o) => o.title.trim() || o.content.trim());
      if (outcomes.some((o) => !o.title.trim() || !o.content.trim())) errors.outcomes = '每项成果请填写标题和内容';
      if (outcomes.some((o) => o.asProposal) && attendance.length === 0) errors.attendance = '转为代表提议的成果须有出席的党代表作为提议人';
      const hostRepIds = attendance.filter((id) => this.data.hosts[id]);
      if (attendance.length > 0 && hostRepIds.length === 0) errors.hosts = '请选择主持论坛的党代表';
      if (Object.keys(errors).length) return this.setData({ errors });
      return this.send('close', {
        attendance,
        ...(attendance.length ? { hostRepIds } : {}),
        summary: this.data.summary.trim(),
        outcomes: outcomes.map((o) => ({ title: o.title.trim(), content: o.content.trim(), asProposal: o.asProposal })),
      });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, errors: {}, actionError: '' });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ summary: e.detail.value, 'errors.summary': '', actionError: '' });
    },
    toggleAttended(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const on = !this.data.attended[id];
      // Who did not come did not preside.
      this.setData({ [`attended.${id}`]: on, ...(on ? {} : { [`hosts.${id}`]: false }), 'errors.attendance': '' });
    },
    toggleHost(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ [`hosts.${id}`]: !this.data.hosts[id], 'errors.hosts': '' });
    },
    onOutcome(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: 'title' | 'content' };
      this.setData({ [`outcomes[${index}].${field}`]: e.detail.value, 'errors.outcomes': '' });
    },
    toggleProposal(e: WechatMiniprogram.BaseEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ [`outcomes[${index}].asProposal`]: !this.data.outcomes[index]?.asProposal });
    },
    addOutcome() {
      this.setData({ outcomes: [...this.data.outcomes, newOutcome()] });
    },
    removeOutcome(e: WechatMiniprogram.BaseEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ outcomes: this.data.outcomes.filter((_, i) => i !== index) });
    },
    openItem(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffItem(String(e.currentTarget.dataset.id)));
    },
    openProposal(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffProposal(String(e.currentTarget.dataset.id)));
    },
    openNotice() {
      go(routes.forumNotice(this.data.id));
    },
    openPublic() {
      go(routes.forum(this.data.id));
    },
  },
});

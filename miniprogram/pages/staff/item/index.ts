/**
 * 事项办理 for representatives and liaison staff: the item, the resident's contact exactly as
 * the back end gives it (masked for everyone but the submitter; the studio's liaison may reveal
 * it with 查看完整号码, which the back end logs), the timeline, and one
 * button for each of the item's `actions` — 受理 (首问负责), 交办, 答复, 承诺办理, 办结,
 * 转交有关单位, 登记办理结果, 不予受理, 合并到已有事项 — each with its small form. Nothing here
 * decides who may do what: a button shows only when the back end lists its action. Opened
 * from the queue, it offers the queue's next item after an action (下一件). An item others
 * raised too lists the duplicates merged into it.
 */
import { call, messageOf, photoSrc } from '../../../services/cloud';
import type { Department, ItemEvent, Paged, Studio } from '../../../services/types';
import { daysText, raisedText, type ItemPlus as Item } from '../../../utils/deadline';
import { inboxQuery, nextAfter, queueOf, queueParams, type QueueState } from '../common/queue';
import { formatCalendarDate, formatCalendarDay, formatDate, formatDateTime } from '../../../utils/format';
import { statusTone, TIMELINE_LABELS } from '../../../utils/items';
import { today } from '../common/dates';
import { failState, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';
import { go, routes } from '../../../utils/routes';
import { CHANNEL_LABELS, OPEN_STATUSES } from '../../../generated/constants';

type Panel = '' | 'assign' | 'answer' | 'resolve' | 'promise' | 'refer' | 'recordReferralResult' | 'reject' | 'merge';

/** How many of the queue's items 下一件 looks through. */
const NEXT_WINDOW = 20;

/** Common replies to start from (答复 and 办结); the representative edits them before sending. */
export const REPLY_TEMPLATES = [
  { title: '已协调解决', text: '感谢您的反映。经现场查看核实，问题已协调解决，请您留意。如仍有问题，欢迎继续反映。' },
  { title: '已转相关部门', text: '感谢您的反映。该问题已转交相关部门办理，办理结果将及时告知您。' },
  { title: '政策解答', text: '感谢您的反映。经了解，相关政策规定如下：' },
  { title: '已列入计划', text: '感谢您的反映。该事项已列入相关工作计划，预计近期实施，届时将告知您。' },
];

/** 不予受理 reasons of the source practice; 其他原因 takes the reason as typed. */
export const REJECT_PRESETS = ['重复反映', '不属于受理范围', '无效信息', '其他原因'];
const OTHER = '其他原因';


const DONE_MESSAGES: Record<string, string> = {
  accept: '已受理',
  assign: '已交办',
  answer: '已答复',
  resolve: '已办结',
  promise: '已承诺',
  refer: '已转交',
  recordReferralResult: '已登记',
  reject: '已不予受理',
  merge: '已合并',
};

const toEvent = (e: ItemEvent) => ({
  at: formatDateTime(e.at),
  label: TIMELINE_LABELS[e.action] ?? e.action,
  actor: e.actorName,
  note: e.note ?? '',
});

function view(i: Item) {
  const has = (a: string) => i.actions.includes(a);
  const can = {
    accept: has('accept'),
    assign: has('assign'),
    answer: has('answer'),
    promise: has('promise'),
    resolve: has('resolve'),
    refer: has('refer'),
    recordReferralResult: has('recordReferralResult'),
    reject: has('reject'),
    merge: has('merge'),
  };
  return {
    tone: statusTone(i.status),
    createdAt: formatDateTime(i.createdAt),
    channel: (CHANNEL_LABELS as Record<string, string>)[i.channel] ?? i.channel,
    due: OPEN_STATUSES.includes(i.status) ? formatDate(i.dueAt) : '',
    days: daysText(i.daysLeft, '超期'),
    raised: raisedText(i),
    linked: (i.linked ?? []).map((l) => ({
      id: l.id,
      no: l.no,
      content: l.content,
      at: formatDateTime(l.at),
      rated: l.satisfaction === 'satisfied' ? '评价满意' : l.satisfaction === 'unsatisfied' ? '评价不满意' : '',
    })),
    photos: (i.photos ?? []).map(photoSrc),
    hasContact: !i.anonymous && !!(i.contact.name || i.contact.phone),
    canCall: !i.anonymous && !i.contact.masked && !!i.contact.phone,
    promise: i.promise ? { deadline: formatCalendarDate(i.promise.deadline), note: i.promise.note } : null,
    referral: i.referral
      ? { department: i.referral.departmentName, deadline: formatCalendarDate(i.referral.deadline), note: i.referral.note ?? '', result: i.referral.result ?? '' }
      : null,
    replyAt: i.reply ? formatDateTime(i.reply.at) : '',
    feedback: i.feedback.map((f) => ({ round: f.round, label: f.satisfied ? '满意' : '不满意', comment: f.comment ?? '', at: formatDateTime(f.at) })),
    timeline: i.timeline.map(toEvent).reverse(),
    can,
    anyAction: Object.values(can).some(Boolean),
  };
}

const emptyForms = () => ({
  panel: '' as Panel,
  actionError: '',
  repId: '',
  reply: '',
  promiseDate: '',
  promiseDateText: '',
  promiseNote: '',
  departmentIndex: -1,
  referDate: '',
  referDateText: '',
  referNote: '',
  result: '',
  rejectPreset: '',
  rejectDetail: '',
  mergeQuery: '',
  mergeResults: [] as Array<{ id: string; no: string; statusLabel: string; content: string }>,
  mergeSearched: false,
  mergeInto: '',
  mergeNote: '',
});

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as PageState,
    error: '',
    item: null as Item | null,
    v: null as ReturnType<typeof view> | null,
    busy: false,
    today: '',
    templates: REPLY_TEMPLATES,
    rejectPresets: REJECT_PRESETS,
    reps: [] as Array<{ id: string; name: string; unit: string }>,
    departments: [] as Department[],
    departmentNames: [] as string[],
    /** The list a panel needs (representatives, departments) could not be loaded. */
    listError: '',
    /** The contact in full, once revealed through the logged `register.showContact`. */
    revealed: null as null | { name: string | null; phone: string | null },
    revealError: '',
    /** The queue this page was opened from (its filter, status, search), for 下一件. */
    queue: null as QueueState | null,
    /** After an action: the queue's next item, or none left (`nextChecked` and no `next`). */
    next: null as null | { id: string; no: string; content: string; days: string },
    nextChecked: false,
    ...emptyForms(),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', today: today(), queue: queueOf(query) });
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        this.show(await call<Item>('register', 'get', { id: this.data.id }));
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    show(item: Item) {
      this.setData({ state: 'ready', item, v: view(item) });
    },
    /** 查看完整号码: the back end logs who saw it before it answers (the audit of reads). */
    async reveal() {
      if (this.data.busy || !this.data.item?.contact.revealable) return;
      const { confirm } = await wx.showModal({ title: '查看完整联系方式', content: '查看将被记录（查看人、时间、事项），仅在需要联系反映人时查看。确定查看？', confirmText: '查看' });
      if (!confirm) return;
      this.setData({ busy: true, revealError: '' });
      try {
        const c = await call<{ name: string | null; phone: string | null }>('register', 'showContact', { id: this.data.id });
        this.setData({ revealed: { name: c.name, phone: c.phone } });
      } catch (e) {
        this.setData({ revealError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    /** Runs one action on the item and shows the item as the back end answers it. */
    async act(action: string, params: Record<string, unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        const item = await call<Item>('register', action, { id: this.data.id, ...params });
        // The item, the forms closed and 下一件 in one render.
        const next = await this.findNext();
        this.setData({ state: 'ready', item, v: view(item), ...emptyForms(), ...next });
        wx.showToast({ title: DONE_MESSAGES[action] ?? '已完成', icon: 'success' });
      } catch (e) {
        this.setData({ actionError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    /** 下一件: the item after this one in the queue it was opened from, as the server orders it now. */
    async findNext(): Promise<{ next: { id: string; no: string; content: string; days: string } | null; nextChecked: boolean }> {
      const queue = this.data.queue;
      if (!queue) return { next: null, nextChecked: false };
      try {
        const p = await call<Paged<Item>>('register', 'inbox', { ...inboxQuery(queue), page: 1, pageSize: NEXT_WINDOW });
        const n = nextAfter(p.items, this.data.id);
        return { next: n ? { id: n.id, no: n.no, content: n.content, days: daysText(n.daysLeft, '超期') } : null, nextChecked: true };
      } catch {
        // The queue could not be read: no offer, the item itself is done.
        return { next: null, nextChecked: false };
      }
    },
    openNext() {
      const { next, queue } = this.data;
      if (!next || !queue) return;
      wx.redirectTo({ url: routes.staffItem(next.id) + queueParams(queue) });
    },
    openLinked(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffItem(String(e.currentTarget.dataset.id)));
    },
    openMergedInto() {
      const into = this.data.item?.mergedInto;
      if (into) go(routes.staffItem(into.id));
    },

    // 合并到已有事项: the same matter raised again; the resident follows the existing item.
    openMerge() {
      this.open('merge');
    },
    onMergeQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ mergeQuery: e.detail.value, actionError: '' });
    },
    /** Finds the studio's items by number or words; the chosen one is checked by the server. */
    async searchMerge() {
      const q = this.data.mergeQuery.trim();
      if (!q) return this.setData({ actionError: '请输入要并入的事项编号或内容关键词' });
      this.setData({ actionError: '' });
      try {
        const p = await call<Paged<Item>>('register', 'inbox', { q, studioId: this.data.item?.studioId ?? '', page: 1, pageSize: 10 });
        const mergeResults = p.items.filter((i) => i.id !== this.data.id).map((i) => ({ id: i.id, no: i.no, statusLabel: i.statusLabel, content: i.content }));
        this.setData({ mergeResults, mergeSearched: true, mergeInto: mergeResults.length === 1 ? mergeResults[0].id : '' });
      } catch (e) {
        this.setData({ actionError: messageOf(e) });
      }
    },
    chooseMerge(e: WechatMiniprogram.BaseEvent) {
      this.setData({ mergeInto: String(e.currentTarget.dataset.id), actionError: '' });
    },
    onMergeNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ mergeNote: e.detail.value });
    },
    async sendMerge() {
      const into = this.data.mergeResults.find((r) => r.id === this.data.mergeInto);
      if (!into) return this.setData({ actionError: '请先搜索并选择要并入的事项' });
      const { confirm } = await wx.showModal({
        title: '合并到已有事项',
        content: `本件将与 ${into.no} 合并办理。反映人会收到通知，可以查看 ${into.no} 的办理进度和答复并评价。确定合并？`,
        confirmText: '合并',
      });
      if (!confirm) return;
      const note = this.data.mergeNote.trim();
      await this.act('merge', { intoId: into.id, ...(note.length >= 2 ? { note } : {}) });
    },

    open(panel: Panel) {
      this.setData({ ...emptyForms(), panel, listError: '' });
    },
    closePanel() {
      this.setData(emptyForms());
    },

    // 受理 (首问负责): whoever accepts first follows the item to the end.
    async accept() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({ title: '受理', content: '受理后由您负责跟踪办理到底（首问负责）。确定受理？', confirmText: '受理' });
      if (confirm) await this.act('accept', {});
    },

    // 交办: one of the studio's representatives.
    async openAssign() {
      this.open('assign');
      if (this.data.reps.length === 0) await this.loadReps();
    },
    async loadReps() {
      this.setData({ listError: '' });
      try {
        const studio = await call<Studio>('directory', 'studio', { id: this.data.item?.studioId ?? '' });
        this.setData({ reps: studio.representatives.map((r) => ({ id: r.id, name: r.name, unit: r.unit })) });
      } catch (e) {
        this.setData({ listError: messageOf(e) });
      }
    },
    chooseRep(e: WechatMiniprogram.BaseEvent) {
      this.setData({ repId: String(e.currentTarget.dataset.id), actionError: '' });
    },
    sendAssign() {
      if (!this.data.repId) return this.setData({ actionError: '请选择交办的党代表' });
      return this.act('assign', { representativeId: this.data.repId });
    },

    // 答复 and 办结: a reply, from a template or typed.
    openAnswer() {
      this.open('answer');
    },
    openResolve() {
      this.open('resolve');
    },
    useTemplate(e: WechatMiniprogram.BaseEvent) {
      const t = REPLY_TEMPLATES[Number(e.currentTarget.dataset.index)];
      if (!t) return;
      const typed = this.data.reply.trim();
      this.setData({ reply: typed ? `${typed}\n${t.text}` : t.text, actionError: '' });
    },
    onReply(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reply: e.detail.value, actionError: '' });
    },
    sendReply() {
      const reply = this.data.reply.trim();
      if (reply.length < 2) return this.setData({ actionError: this.data.panel === 'resolve' ? '请填写办结说明' : '请填写答复内容' });
      return this.act(this.data.panel === 'resolve' ? 'resolve' : 'answer', { reply });
    },

    // 承诺办理: a date and what was done so far.
    openPromise() {
      this.open('promise');
    },
    onPromiseDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ promiseDate: String(e.detail.value), promiseDateText: formatCalendarDay(String(e.detail.value)), actionError: '' });
    },
    onPromiseNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ promiseNote: e.detail.value, actionError: '' });
    },
    sendPromise() {
      if (!this.data.promiseDate) return this.setData({ actionError: '请选择承诺答复的日期' });
      const note = this.data.promiseNote.trim();
      if (note.length < 2) return this.setData({ actionError: '请写明承诺说明，例如已联系的部门和办理安排' });
      return this.act('promise', { deadline: this.data.promiseDate, note });
    },

    // 转交有关单位: a department, a deadline, an optional note.
    async openRefer() {
      this.open('refer');
      if (this.data.departments.length === 0) await this.loadDepartments();
    },
    async loadDepartments() {
      this.setData({ listError: '' });
      try {
        const departments = await call<Department[]>('directory', 'departments');
        this.setData({ departments, departmentNames: departments.map((d) => d.name) });
      } catch (e) {
        this.setData({ listError: messageOf(e) });
      }
    },
    onDepartment(e: WechatMiniprogram.PickerChange) {
      this.setData({ departmentIndex: Number(e.detail.value), actionError: '' });
    },
    onReferDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ referDate: String(e.detail.value), referDateText: formatCalendarDay(String(e.detail.value)), actionError: '' });
    },
    onReferNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ referNote: e.detail.value });
    },
    sendRefer() {
      const d = this.data.departments[this.data.departmentIndex];
      if (!d) return this.setData({ actionError: '请选择转交的单位' });
      if (!this.data.referDate) return this.setData({ actionError: '请选择办理期限' });
      const note = this.data.referNote.trim();
      return this.act('refer', { departmentId: d.id, deadline: this.data.referDate, ...(note ? { note } : {}) });
    },

    // 登记办理结果: what the department reported.
    openResult() {
      this.open('recordReferralResult');
    },
    onResult(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ result: e.detail.value, actionError: '' });
    },
    sendResult() {
      const result = this.data.result.trim();
      if (result.length < 2) return this.setData({ actionError: '请填写有关单位的办理结果' });
      return this.act('recordReferralResult', { result });
    },

    // 不予受理: a preset reason, with details or a reason of one's own.
    openReject() {
      this.open('reject');
    },
    chooseReject(e: WechatMiniprogram.BaseEvent) {
      this.setData({ rejectPreset: String(e.currentTarget.dataset.value), actionError: '' });
    },
    onRejectDetail(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ rejectDetail: e.detail.value, actionError: '' });
    },
    async sendReject() {
      const preset = this.data.rejectPreset;
      const detail = this.data.rejectDetail.trim();
      if (!preset) return this.setData({ actionError: '请选择不予受理的理由' });
      if (preset === OTHER && detail.length < 2) return this.setData({ actionError: '请填写不予受理的理由' });
      const reason = preset === OTHER ? detail : detail ? `${preset}：${detail}` : preset;
      const { confirm } = await wx.showModal({ title: '不予受理', content: `理由：${reason}\n反映人将看到这一理由。确定不予受理？`, confirmText: '确定' });
      if (confirm) await this.act('reject', { reason });
    },

    callResident() {
      const phone = this.data.revealed?.phone ?? this.data.item?.contact.phone;
      if (phone && (this.data.revealed || this.data.v?.canCall)) wx.makePhoneCall({ phoneNumber: phone });
    },
    previewPhoto(e: WechatMiniprogram.BaseEvent) {
      const photos = this.data.v?.photos ?? [];
      wx.previewImage({ urls: photos, current: photos[Number(e.currentTarget.dataset.index)] });
    },
  },
});

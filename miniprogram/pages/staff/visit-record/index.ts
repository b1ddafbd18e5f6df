/**
 * 登记走访: a group member records a visit in under a minute — today and 入户 are chosen, the
 * household tapped on 走访 is already in; what was learned is the one thing to type. More when
 * needed: other households from the register (must-visit or not visited this year first) or a
 * new one, who came along, photos, and the issues raised, each 当场解决 (with what was done) or
 * 登记办理 (an item of the register with channel `visit`, owned by the visitor).
 *
 * Sent with one `requestId` per record. Without a network the record stays on the phone as a
 * draft (drafts.ts) and goes out when the network returns — never twice.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import { CATEGORIES, type Household, type Me, type Paged, type VisitGroup, type VisitMode } from '../../../services/types';
import { newRequestId } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { today } from '../common/dates';
import { failState, type PageState } from '../common/staff';
import { listDrafts, onNetworkBack, resendDrafts, saveDraft, sendDraft, type VisitDraft } from './drafts';

const MAX_PHOTOS = 3;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const MODES: Array<{ value: VisitMode; label: string }> = [
  { value: 'home', label: '入户走访' },
  { value: 'phone', label: '电话联系' },
  { value: 'meeting', label: '座谈' },
];

type PickFilter = 'unvisited' | 'must' | 'all';
const PICK_FILTERS: Array<{ value: PickFilter; label: string }> = [
  { value: 'unvisited', label: '今年未走访' },
  { value: 'must', label: '必访户' },
  { value: 'all', label: '全部' },
];

interface Chosen {
  id: string;
  address: string;
  head: string;
  isNew: boolean;
}
interface IssueForm {
  text: string;
  category: string;
  outcome: '' | 'solved' | 'registered';
  action: string;
}
interface NewForm {
  village: string;
  team: string;
  doorNo: string;
  head: string;
  phone: string;
}

const emptyIssue = (): IssueForm => ({ text: '', category: '', outcome: '', action: '' });
const emptyNew = (): NewForm => ({ village: '', team: '', doorNo: '', head: '', phone: '' });
const emptyForm = () => ({
  date: today(),
  mode: 'home' as VisitMode,
  chosen: [] as Chosen[],
  newHouseholds: [] as NewForm[],
  others: '',
  learned: '',
  photos: [] as string[],
  issues: [] as IssueForm[],
  issueOpen: false,
  issueForm: emptyIssue(),
  newOpen: false,
  newForm: emptyNew(),
  errors: {} as Record<string, string>,
  formError: '',
  requestId: newRequestId('visit'),
});

/** The first problem of the form, with the field it is about. */
function problem(d: ReturnType<typeof emptyForm>): { field: string; message: string } | null {
  if (d.chosen.length === 0) return { field: 'households', message: '请选择走访的住户，或新增一户' };
  if (d.learned.trim().length < 5) return { field: 'learned', message: '了解情况至少 5 个字' };
  return null;
}

function issueProblem(f: IssueForm): string {
  if (f.text.trim().length < 5) return '问题内容至少 5 个字';
  if (!f.category) return '请选择问题类别';
  if (!f.outcome) return '请选择当场解决或登记办理';
  if (f.outcome === 'solved' && f.action.trim().length < 2) return '请填写当场是怎么解决的';
  return '';
}

function newProblem(f: NewForm): string {
  if (f.village.trim().length < 2) return '请填写村（社区）';
  if (!f.doorNo.trim()) return '请填写门牌号';
  if (f.head.trim().length < 2) return '请填写户主姓名';
  if (f.phone.trim() && !PHONE.test(f.phone.trim())) return '请填写正确的手机号或固定电话';
  return '';
}

const addressOf = (f: NewForm) => `${f.village.trim()}${f.team.trim() ? (/组$/.test(f.team.trim()) ? f.team.trim() : `${f.team.trim()}组`) : ''}${/号$/.test(f.doorNo.trim()) ? f.doorNo.trim() : `${f.doorNo.trim()}号`}`;

let stopWatching: (() => void) | null = null;

Component({
  behaviors: [care],
  data: {
    groupId: '',
    groupName: '',
    state: 'loading' as PageState,
    error: '',
    today: today(),
    modes: MODES,
    categories: CATEGORIES as readonly string[],
    members: [] as Array<{ id: string; name: string; on: boolean }>,
    pickFilters: PICK_FILTERS,
    pickerOpen: false,
    pickFilter: 'unvisited' as PickFilter,
    pickRows: [] as Array<Household & { on: boolean }>,
    pickTotal: 0,
    pickLoading: false,
    maxPhotos: MAX_PHOTOS,
    submitting: false,
    drafts: 0,
    done: null as null | { queued: boolean; registered: string[]; solved: number; households: number },
    ...emptyForm(),
  },
  lifetimes: {
    detached() {
      stopWatching?.();
      stopWatching = null;
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ groupId: query.groupId ?? '', today: today(), date: today(), requestId: newRequestId('visit') });
      stopWatching?.();
      stopWatching = onNetworkBack(() => void this.resend());
      this.load(query.householdId);
    },
    onShow() {
      this.resend();
    },
    async resend() {
      if (listDrafts().length === 0) return;
      const r = await resendDrafts();
      this.setData({ drafts: r.left });
      if (r.sent) wx.showToast({ title: `已发送 ${r.sent} 条走访记录`, icon: 'none' });
    },
    async load(householdId?: string) {
      this.setData({ state: 'loading', error: '', drafts: listDrafts().length });
      try {
        const [g, me, h] = await Promise.all([
          call<VisitGroup>('visits', 'group', { id: this.data.groupId }),
          call<Me>('members', 'me'),
          householdId ? call<Household>('visits', 'household', { id: householdId }) : Promise.resolve(null),
        ]);
        if (!g.actions.includes('record')) {
          this.setData({ state: 'forbidden', error: '只有本代表组的党代表可以登记走访' });
          return;
        }
        this.setData({
          state: 'ready',
          groupName: g.name,
          members: g.members.filter((m) => m.representativeId !== me.representativeId).map((m) => ({ id: m.representativeId, name: m.name, on: false })),
          ...(h ? { chosen: [{ id: h.id, address: h.address, head: h.head, isNew: false }] } : {}),
        });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },

    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ date: e.detail.value });
    },
    chooseMode(e: WechatMiniprogram.BaseEvent) {
      this.setData({ mode: e.currentTarget.dataset.value as VisitMode });
    },
    toggleMember(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ members: this.data.members.map((m) => (m.id === id ? { ...m, on: !m.on } : m)) });
    },
    onOthers(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ others: e.detail.value });
    },
    onLearned(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ learned: e.detail.value, 'errors.learned': '', formError: '' });
    },

    // Households: from the register, or a new one.
    async openPicker() {
      this.setData({ pickerOpen: true, newOpen: false });
      await this.loadPicker();
    },
    closePicker() {
      this.setData({ pickerOpen: false });
    },
    async choosePickFilter(e: WechatMiniprogram.BaseEvent) {
      this.setData({ pickFilter: e.currentTarget.dataset.value as PickFilter, pickRows: [] });
      await this.loadPicker();
    },
    async loadPicker(more = false) {
      const f = this.data.pickFilter;
      this.setData({ pickLoading: true });
      try {
        const page = more ? Math.floor(this.data.pickRows.length / 30) + 1 : 1;
        const p = await call<Paged<Household>>('visits', 'households', {
          groupId: this.data.groupId,
          ...(f === 'must' ? { must: true } : f === 'unvisited' ? { unvisited: true } : {}),
          page,
          pageSize: 30,
        });
        const on = new Set(this.data.chosen.map((c) => c.id));
        const rows = p.items.map((h) => ({ ...h, on: on.has(h.id) }));
        this.setData({ pickRows: more ? this.data.pickRows.concat(rows) : rows, pickTotal: p.total });
      } catch (e) {
        wx.showToast({ title: messageOf(e), icon: 'none' });
      } finally {
        this.setData({ pickLoading: false });
      }
    },
    morePicker() {
      if (!this.data.pickLoading && this.data.pickRows.length < this.data.pickTotal) this.loadPicker(true);
    },
    pick(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const h = this.data.pickRows.find((r) => r.id === id);
      if (!h) return;
      const chosen = h.on ? this.data.chosen.filter((c) => c.id !== id) : [...this.data.chosen, { id, address: h.address, head: h.head, isNew: false }];
      this.setData({ chosen, pickRows: this.data.pickRows.map((r) => (r.id === id ? { ...r, on: !r.on } : r)), 'errors.households': '' });
    },
    unchoose(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const c = this.data.chosen[i];
      if (!c) return;
      const newIndex = this.data.chosen.slice(0, i).filter((x) => x.isNew).length;
      this.setData({
        chosen: this.data.chosen.filter((_, j) => j !== i),
        newHouseholds: c.isNew ? this.data.newHouseholds.filter((_, j) => j !== newIndex) : this.data.newHouseholds,
        pickRows: this.data.pickRows.map((r) => (r.id === c.id ? { ...r, on: false } : r)),
      });
    },
    openNew() {
      this.setData({ newOpen: true, pickerOpen: false, newForm: emptyNew(), 'errors.new': '' });
    },
    cancelNew() {
      this.setData({ newOpen: false });
    },
    onNewField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [`newForm.${String(e.currentTarget.dataset.field)}`]: e.detail.value, 'errors.new': '' });
    },
    addNew() {
      const why = newProblem(this.data.newForm);
      if (why) return void this.setData({ 'errors.new': why });
      const f = this.data.newForm;
      this.setData({
        newHouseholds: [...this.data.newHouseholds, f],
        chosen: [...this.data.chosen, { id: `new-${this.data.newHouseholds.length}`, address: addressOf(f), head: f.head.trim(), isNew: true }],
        newOpen: false,
        'errors.households': '',
      });
    },

    // Issues raised on the visit.
    openIssue() {
      this.setData({ issueOpen: true, issueForm: emptyIssue(), 'errors.issue': '' });
      wx.pageScrollTo({ selector: '#issue-form', duration: 200 });
    },
    cancelIssue() {
      this.setData({ issueOpen: false });
    },
    onIssueText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'issueForm.text': e.detail.value, 'errors.issue': '' });
    },
    onIssueAction(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'issueForm.action': e.detail.value, 'errors.issue': '' });
    },
    chooseIssueCategory(e: WechatMiniprogram.BaseEvent) {
      this.setData({ 'issueForm.category': String(e.currentTarget.dataset.value), 'errors.issue': '' });
    },
    chooseOutcome(e: WechatMiniprogram.BaseEvent) {
      this.setData({ 'issueForm.outcome': e.currentTarget.dataset.value as IssueForm['outcome'], 'errors.issue': '' });
    },
    addIssue() {
      const why = issueProblem(this.data.issueForm);
      if (why) return void this.setData({ 'errors.issue': why });
      this.setData({ issues: [...this.data.issues, this.data.issueForm], issueOpen: false });
    },
    removeIssue(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ issues: this.data.issues.filter((_, j) => j !== i) });
    },

    // Photos.
    async addPhotos() {
      const room = MAX_PHOTOS - this.data.photos.length;
      if (room <= 0) return;
      try {
        const res = await wx.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
        this.setData({ photos: this.data.photos.concat(res.tempFiles.map((f) => f.tempFilePath)).slice(0, MAX_PHOTOS) });
      } catch {
        // The picker was closed.
      }
    },
    removePhoto(e: WechatMiniprogram.BaseEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, j) => j !== i) });
    },

    /** The event `visits.recordVisit` takes, photos apart. */
    event(): Record<string, unknown> {
      const d = this.data;
      const single = d.chosen.length === 1 && !d.chosen[0].isNew ? d.chosen[0].id : undefined;
      const existing = d.chosen.filter((c) => !c.isNew).map((c) => c.id);
      const withRepIds = d.members.filter((m) => m.on).map((m) => m.id);
      const trimmed = (f: NewForm) => ({
        village: f.village.trim(),
        ...(f.team.trim() ? { team: f.team.trim() } : {}),
        doorNo: f.doorNo.trim(),
        head: f.head.trim(),
        ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      });
      return {
        requestId: d.requestId,
        groupId: d.groupId,
        date: d.date,
        mode: d.mode,
        ...(existing.length ? { householdIds: existing } : {}),
        ...(d.newHouseholds.length ? { newHouseholds: d.newHouseholds.map(trimmed) } : {}),
        ...(withRepIds.length ? { withRepIds } : {}),
        ...(d.others.trim() ? { others: d.others.trim() } : {}),
        learned: d.learned.trim(),
        ...(d.issues.length
          ? {
              issues: d.issues.map((i) => ({
                text: i.text.trim(),
                category: i.category,
                outcome: i.outcome,
                ...(i.outcome === 'solved' ? { action: i.action.trim() } : {}),
                ...(single ? { householdId: single } : {}),
              })),
            }
          : {}),
      };
    },
    async submit() {
      if (this.data.submitting) return;
      const why = problem(this.data);
      if (why) {
        this.setData({ errors: { [why.field]: why.message }, formError: '' });
        wx.pageScrollTo({ selector: `#field-${why.field}`, duration: 200 });
        return;
      }
      const d = this.data;
      const draft: VisitDraft = {
        requestId: d.requestId,
        event: this.event(),
        photos: d.photos,
        photoIds: [],
        groupName: d.groupName,
        summary: `${d.date} ${d.chosen.map((c) => c.address).join('、')}`,
        savedAt: Date.now(),
      };
      // Kept on the phone before the first attempt: a lost network loses nothing.
      saveDraft(draft);
      this.setData({ submitting: true, errors: {}, formError: '' });
      const r = await sendDraft(draft);
      this.setData({ submitting: false, drafts: listDrafts().length });
      if ('sent' in r) {
        const v = r.sent;
        this.setData({
          done: {
            queued: false,
            registered: v.issues.filter((i) => i.outcome === 'registered').map((i) => i.itemNo ?? ''),
            solved: v.issues.filter((i) => i.outcome === 'solved').length,
            households: v.households.length,
          },
        });
      } else if ('offline' in r) {
        this.setData({ done: { queued: true, registered: [], solved: 0, households: d.chosen.length } });
      } else {
        this.setData({ formError: r.refused, requestId: newRequestId('visit') });
      }
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    again() {
      this.setData({ done: null, ...emptyForm(), members: this.data.members.map((m) => ({ ...m, on: false })) });
    },
    back() {
      go(routes.visits(this.data.groupId));
    },
  },
});

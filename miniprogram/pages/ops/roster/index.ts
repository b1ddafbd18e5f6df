/**
 * 驻点值班 of a studio for this month or the next: the shifts with who is on each, each
 * representative's count (shared within one of each other), the swap requests. The liaison
 * generates the month (weekdays, halves), publishes a shift as an open day (开放日, like a
 * reception: 7 days ahead) and decides swaps; a representative marks the dates they cannot
 * come and asks to hand one of their shifts to a colleague. Every action is the back end's
 * to allow (`actions`).
 */
import { call, messageOf } from '../../../services/cloud';
import type { RosterMonth, ShiftView, SwapView } from '../../../services/ops';
import type { Me, StudioSummary } from '../../../services/types';
import { formatCalendarDay, newRequestId } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, monthLabel, nextMonth, requireRole, STAFF, studiosOf, thisMonth, today, type PageState } from '../common/ops';

const WEEKDAYS = [
  { value: 1, label: '一' },
  { value: 2, label: '二' },
  { value: 3, label: '三' },
  { value: 4, label: '四' },
  { value: 5, label: '五' },
  { value: 6, label: '六' },
  { value: 7, label: '日' },
];

interface DayGroup {
  date: string;
  label: string;
  shifts: Array<ShiftView & { names: string; mine: boolean; changeable: boolean }>;
}

function groups(m: RosterMonth, me: Me): DayGroup[] {
  const t = today();
  const out: DayGroup[] = [];
  for (const s of m.shifts) {
    let g = out.find((x) => x.date === s.date);
    if (!g) out.push((g = { date: s.date, label: formatCalendarDay(s.date), shifts: [] }));
    g.shifts.push({ ...s, names: s.representatives.map((r) => r.name).join('、') || '（无）', mine: s.representatives.some((r) => r.id === me.representativeId), changeable: s.date > t && !s.openDay });
  }
  return out;
}

const datesOf = (month: string): string[] => {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    me: null as Me | null,
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    month: '',
    months: [] as Array<{ value: string; label: string }>,
    roster: null as RosterMonth | null,
    monthText: '',
    days: [] as DayGroup[],
    swaps: [] as Array<SwapView & { canApprove: boolean; canReject: boolean; canWithdraw: boolean }>,
    counts: '',
    manages: false,
    isRep: false,
    // generating
    weekdays: WEEKDAYS.map((w) => ({ ...w, on: w.value <= 5 })),
    halves: [
      { value: 'am', label: '上午 08:30–11:30', on: true },
      { value: 'pm', label: '下午 14:00–17:00', on: false },
    ],
    generating: false,
    generateNote: '',
    generateError: '',
    // my dates
    myDates: [] as Array<{ date: string; day: number; on: boolean; past: boolean }>,
    savingDates: false,
    datesNote: '',
    // a swap being asked
    swapShift: '',
    swapCandidates: [] as Array<{ id: string; name: string }>,
    swapIndex: 0,
    swapReason: '',
    swapError: '',
    // a swap being refused
    rejecting: '',
    rejectReason: '',
    actionError: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const now = thisMonth();
      const month = query.month && /^\d{4}-\d{2}$/.test(query.month) ? query.month : now;
      this.setData({ month, months: [now, nextMonth(now)].map((m) => ({ value: m, label: monthLabel(m) })) });
      this.load(query.studioId);
    },
    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },
    async load(wanted?: string) {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, STAFF, '只有党代表、联络员和管理员可以查看值班安排');
        const { studios, index } = await studiosOf(me, wanted);
        if (studios.length === 0) return void this.setData({ state: 'empty' });
        this.setData({ me, studios, studioNames: studios.map((s) => s.name), studioIndex: index, isRep: me.role === 'representative' });
        await this.refresh();
        this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async refresh() {
      const me = this.data.me as Me;
      const m = await call<RosterMonth>('roster', 'month', { studioId: this.data.studios[this.data.studioIndex].id, month: this.data.month });
      this.show(m, me);
    },
    show(m: RosterMonth, me: Me) {
      const counts = m.representatives.map((r) => r.shifts);
      const mine = m.representatives.find((r) => r.id === me.representativeId);
      const off = new Set(mine?.unavailable ?? []);
      const t = today();
      this.setData({
        roster: m,
        monthText: monthLabel(m.month),
        days: groups(m, me),
        // WXML calls no methods: the actions as flags.
        swaps: m.swaps.map((w) => ({ ...w, canApprove: w.actions.includes('approve'), canReject: w.actions.includes('reject'), canWithdraw: w.actions.includes('withdraw') })),
        manages: m.actions.includes('generate'),
        counts: m.shifts.length ? `每人 ${Math.min(...counts)}–${Math.max(...counts)} 班，相差不超过 ${Math.max(...counts) - Math.min(...counts)}` : '',
        myDates: datesOf(m.month).map((d) => ({ date: d, day: Number(d.slice(8)), on: off.has(d), past: d < t })),
      });
    },
    async onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value) });
      await this.refresh().catch((err: unknown) => wx.showToast({ title: messageOf(err), icon: 'none' }));
    },
    async chooseMonth(e: WechatMiniprogram.BaseEvent) {
      this.setData({ month: String(e.currentTarget.dataset.value), generateNote: '', generateError: '' });
      await this.refresh().catch((err: unknown) => wx.showToast({ title: messageOf(err), icon: 'none' }));
    },
    toggleWeekday(e: WechatMiniprogram.BaseEvent) {
      const v = Number(e.currentTarget.dataset.value);
      this.setData({ weekdays: this.data.weekdays.map((w) => (w.value === v ? { ...w, on: !w.on } : w)) });
    },
    toggleHalf(e: WechatMiniprogram.BaseEvent) {
      const v = String(e.currentTarget.dataset.value);
      this.setData({ halves: this.data.halves.map((h) => (h.value === v ? { ...h, on: !h.on } : h)) });
    },
    async generate() {
      if (this.data.generating) return;
      const weekdays = this.data.weekdays.filter((w) => w.on).map((w) => w.value);
      const halves = this.data.halves.filter((h) => h.on).map((h) => h.value);
      this.setData({ generating: true, generateNote: '', generateError: '' });
      try {
        const m = await call<RosterMonth>('roster', 'generate', {
          studioId: this.data.studios[this.data.studioIndex].id,
          month: this.data.month,
          weekdays,
          halves,
          replace: (this.data.roster?.shifts.length ?? 0) > 0,
        });
        this.show(m, this.data.me as Me);
        const note = `已生成 ${m.generated} 个班次，每班 ${m.perShift} 人${m.balanced ? '，每人班次相差不超过 1' : '；因不便值班的日期较多，无法完全平均'}`;
        this.setData({ generateNote: m.understaffed && m.understaffed.length ? `${note}；${m.understaffed.join('、')} 可值班人数不足` : note });
      } catch (e) {
        this.setData({ generateError: messageOf(e) });
      } finally {
        this.setData({ generating: false });
      }
    },
    toggleDate(e: WechatMiniprogram.BaseEvent) {
      const d = String(e.currentTarget.dataset.date);
      this.setData({ myDates: this.data.myDates.map((x) => (x.date === d && !x.past ? { ...x, on: !x.on } : x)), datesNote: '' });
    },
    async saveDates() {
      if (this.data.savingDates) return;
      this.setData({ savingDates: true, datesNote: '' });
      try {
        const r = await call<{ dates: string[]; conflicts: ShiftView[] }>('roster', 'unavailable', { month: this.data.month, dates: this.data.myDates.filter((d) => d.on).map((d) => d.date) });
        this.setData({ datesNote: r.conflicts.length ? `已保存。您在 ${r.conflicts.map((s) => s.label).join('、')} 已有值班，请申请换班` : `已保存 ${r.dates.length} 个不便值班的日期，排班时将避开` });
      } catch (e) {
        this.setData({ datesNote: messageOf(e) });
      } finally {
        this.setData({ savingDates: false });
      }
    },
    askSwap(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const shift = this.data.roster?.shifts.find((s) => s.id === id);
      const on = new Set(shift?.representatives.map((r) => r.id));
      const candidates = (this.data.roster?.representatives ?? []).filter((r) => !on.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
      this.setData({ swapShift: id, swapCandidates: candidates, swapIndex: 0, swapReason: '', swapError: '' });
    },
    onSwapTo(e: WechatMiniprogram.PickerChange) {
      this.setData({ swapIndex: Number(e.detail.value) });
    },
    onSwapReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ swapReason: e.detail.value, swapError: '' });
    },
    cancelSwap() {
      this.setData({ swapShift: '' });
    },
    async sendSwap() {
      const to = this.data.swapCandidates[this.data.swapIndex];
      if (!to) return;
      if (this.data.swapReason.trim().length < 2) return void this.setData({ swapError: '请填写换班理由' });
      this.setData({ busy: true });
      try {
        await call<SwapView>('roster', 'requestSwap', { requestId: newRequestId('swap'), shiftId: this.data.swapShift, toRepId: to.id, reason: this.data.swapReason });
        this.setData({ swapShift: '' });
        await this.refresh();
        wx.showToast({ title: '已提交，待联络员审批', icon: 'none' });
      } catch (e) {
        this.setData({ swapError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    async decide(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const outcome = String(e.currentTarget.dataset.outcome);
      if (outcome === 'reject' && this.data.rejecting !== id) return void this.setData({ rejecting: id, rejectReason: '', actionError: '' });
      if (outcome === 'reject' && this.data.rejectReason.trim().length < 2) return void this.setData({ actionError: '请填写不同意的理由' });
      this.setData({ busy: true, actionError: '' });
      try {
        await call<SwapView>('roster', 'decideSwap', { id, outcome, ...(outcome === 'reject' ? { reason: this.data.rejectReason } : {}) });
        this.setData({ rejecting: '' });
        await this.refresh();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
    onRejectReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ rejectReason: e.detail.value, actionError: '' });
    },
    async openDay(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ busy: true, actionError: '' });
      try {
        await call('roster', 'openDay', { shiftId: id, topic: '党代表开放日', capacity: 30 });
        await this.refresh();
        wx.showToast({ title: '已公告为开放日', icon: 'none' });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

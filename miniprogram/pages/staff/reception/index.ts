/**
 * 接待现场 for the representatives on duty and the studio's liaison: the reception, check-in
 * at the door by scanning the resident's QR code (`wx.scanCode`; it holds the 6-character
 * booking code, as 接待公告 draws it) or by typing the code, the way to register a walk-in,
 * and the items raised there. For the liaison, as the reception's `actions` allow: publish
 * (the 7-day notice explained first), cancel with a reason, close with attendance and a
 * summary, and the printable notice.
 *
 * On the day of the reception the door comes first: 扫码签到, the typed code, how many booked
 * and how many were checked in here, and the questions raised with the bookings; the
 * reception's details follow. An ended reception not yet closed says so at the top.
 *
 * The door's list (`receptions.door`): every booking holding a place, 未到 first, with
 * "已到 N / 预约 M"; tapping a line not yet arrived checks its code in after a confirmation
 * (bookings carry no name: the resident shows the code, or says the question they booked with).
 */
import { call, messageOf } from '../../../services/cloud';
import type { CheckedIn, DoorList, ReceptionAction, StaffReception } from '../../../services/types';
import { formatRange, formatDateTime } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { dateLabel, dateOf, earliestReceptionDate, NOTICE_DAYS, today } from '../common/dates';
import { RECEPTION_STATUS } from '../common/labels';
import { failState, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

const CODE = /^[0-9A-Z]{6}$/;

/** The booking code in what the camera read: the code itself (接待公告's QR), or a `code=` parameter. */
export function bookingCodeIn(scanned: string): string | null {
  const s = scanned.trim().toUpperCase();
  if (CODE.test(s)) return s;
  const m = /(?:^|[?&#])CODE=([0-9A-Z]{6})(?:$|&)/.exec(s);
  return m ? m[1] : null;
}

function view(r: StaffReception) {
  const earliest = earliestReceptionDate();
  const has = (a: ReceptionAction) => r.actions.includes(a);
  return {
    when: formatRange(r.startAt, r.endAt),
    status: RECEPTION_STATUS[r.status] ?? { label: r.status, tone: 'neutral' },
    // The day of a published reception: the door comes first.
    onTheDay: r.status === 'published' && dateOf(r.startAt) === today(),
    awaitingClose: has('close'),
    booked: r.capacity - r.placesLeft,
    reps: r.representatives.map((p) => `${p.name}（${p.unit}）`).join('、'),
    places: `共 ${r.capacity} 位，已预约 ${r.capacity - r.placesLeft} 位${r.waiting > 0 ? `，候补 ${r.waiting} 人` : ''}`,
    can: { checkIn: has('checkIn'), walkIn: has('walkIn'), publish: has('publish'), cancel: has('cancel'), close: has('close') },
    noticeDays: NOTICE_DAYS,
    earliest: dateLabel(earliest),
    date: dateLabel(dateOf(r.startAt)),
    tooSoon: dateOf(r.startAt) < earliest,
    printable: r.status === 'published',
    items: r.items ?? [],
  };
}

const NOT_ON_DUTY = '只有本次接待的值班党代表和本工作室联络员可以使用接待现场';

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as PageState,
    error: '',
    r: null as StaffReception | null,
    v: null as ReturnType<typeof view> | null,
    code: '',
    checking: false,
    checkError: '',
    /** Bookings checked in from this phone since the page opened, newest first. */
    checkedIn: [] as Array<{ code: string; question: string; at: string; elsewhere: string }>,
    /** The door's list, as the back end has it; null when it could not be had (the count of this phone's check-ins stays). */
    door: null as (Omit<DoorList, 'lines'> & { lines: Array<DoorList['lines'][number] & { at: string }> }) | null,
    panel: '' as '' | 'cancel' | 'close',
    cancelReason: '',
    attendance: '',
    summary: '',
    /** The representatives on duty who were there (all unless untapped): each earns the reception's points. */
    present: [] as Array<{ id: string; name: string; on: boolean }>,
    busy: false,
    actionError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.load();
    },
    onShow() {
      // Back from a walk-in: it is listed with the items raised here.
      if (this.data.state === 'ready') this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        // The door's list in the same round; refused to anyone who may not check in (then the page says so below).
        const [r, door] = await Promise.all([
          call<StaffReception>('receptions', 'get', { id: this.data.id }),
          call<DoorList>('receptions', 'door', { id: this.data.id }).catch(() => null),
        ]);
        // The back end adds the items raised here only for those who may check in: anyone else sees the public notice.
        if (!r.items) {
          this.setData({ state: 'forbidden', error: NOT_ON_DUTY });
          return;
        }
        this.setData({ state: 'ready', r, v: view(r) });
        this.showDoor(door);
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e) });
      }
    },

    showDoor(door: DoorList | null) {
      this.setData({ door: door ? { ...door, lines: door.lines.map((l) => ({ ...l, at: l.checkedInAt ? formatDateTime(l.checkedInAt) : '' })) } : null });
    },
    async reloadDoor() {
      try {
        this.showDoor(await call<DoorList>('receptions', 'door', { id: this.data.id }));
      } catch {
        // The list stays as it was; the next pull to refresh tries again.
      }
    },
    /** A tap on a line of the list: check that booking in, after saying whose code it is. */
    async tapLine(e: WechatMiniprogram.BaseEvent) {
      const code = String(e.currentTarget.dataset.code);
      const line = this.data.door?.lines.find((l) => l.code === code);
      if (!line || this.data.checking) return;
      if (line.arrived) {
        wx.showToast({ title: `签到码 ${code} 已签到`, icon: 'none' });
        return;
      }
      const { confirm } = await wx.showModal({
        title: '为其签到',
        content: `第 ${line.seq} 位预约，签到码 ${code}${line.question ? `，预约时的问题：${line.question.slice(0, 30)}` : ''}。确认本人已到场？`,
        confirmText: '签到',
        cancelText: '返回',
      });
      if (!confirm) return;
      this.setData({ code });
      await this.checkIn();
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value, checkError: '' });
    },
    async scan() {
      let scanned: string;
      try {
        const res = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        scanned = res.result ?? '';
      } catch {
        return; // the camera was closed
      }
      const code = bookingCodeIn(scanned);
      if (!code) {
        this.setData({ checkError: '未识别到签到码：请群众打开“我的预约”出示签到二维码，或手动输入 6 位签到码' });
        return;
      }
      this.setData({ code });
      await this.checkIn();
    },
    async checkIn() {
      if (this.data.checking) return;
      const code = this.data.code.trim().toUpperCase();
      if (!CODE.test(code)) {
        this.setData({ checkError: '签到码为 6 位字母或数字' });
        return;
      }
      this.setData({ checking: true, checkError: '' });
      try {
        const b = await call<CheckedIn>('receptions', 'checkIn', { code });
        const entry = {
          code: b.code,
          question: b.question ?? '',
          at: formatDateTime(b.checkedInAt ?? Date.now()),
          elsewhere: b.reception && b.reception.id !== this.data.id ? b.reception.topic : '',
        };
        this.setData({ code: '', checkedIn: [entry, ...this.data.checkedIn] });
        wx.showToast({ title: '签到成功', icon: 'success' });
        await this.reloadDoor();
      } catch (e) {
        this.setData({ checkError: messageOf(e) });
      } finally {
        this.setData({ checking: false });
      }
    },
    goWalkIn() {
      go(routes.walkIn(this.data.id));
    },
    openItem(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffItem(String(e.currentTarget.dataset.id)));
    },
    openNotice() {
      go(routes.noticePreview(this.data.id));
    },

    /** Runs a liaison's action on the reception, then shows it again as the back end has it. */
    async act(action: string, params: Record<string, unknown>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await call('receptions', action, { id: this.data.id, ...params });
        this.setData({ panel: '', cancelReason: '', attendance: '', summary: '' });
        await this.load();
        wx.showToast({ title: done, icon: 'success' });
      } catch (e) {
        this.setData({ actionError: messageOf(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    async publish() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({ title: '发布接待公告', content: '发布后群众即可看到并预约，时间和值班党代表不能再修改。确定发布？', confirmText: '发布' });
      if (confirm) await this.act('publish', {}, '已发布');
    },
    openCancel() {
      this.setData({ panel: 'cancel', actionError: '' });
    },
    openClose() {
      const reps = this.data.r?.representatives ?? [];
      this.setData({ panel: 'close', actionError: '', present: reps.map((p) => ({ id: p.id, name: p.name, on: true })) });
    },
    togglePresent(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ present: this.data.present.map((p) => (p.id === id ? { ...p, on: !p.on } : p)), actionError: '' });
    },
    closePanel() {
      this.setData({ panel: '', actionError: '' });
    },
    onCancelReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ cancelReason: e.detail.value, actionError: '' });
    },
    onAttendance(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ attendance: e.detail.value, actionError: '' });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ summary: e.detail.value, actionError: '' });
    },
    sendCancel() {
      const reason = this.data.cancelReason.trim();
      if (reason.length < 2) return this.setData({ actionError: '请填写取消原因，已预约的群众会收到通知' });
      return this.act('cancel', { reason }, '已取消');
    },
    sendClose() {
      const attendance = Number(this.data.attendance.trim());
      if (!this.data.attendance.trim() || !Number.isInteger(attendance) || attendance < 0) return this.setData({ actionError: '请填写接待人数' });
      const summary = this.data.summary.trim();
      if (summary.length < 2) return this.setData({ actionError: '请填写接待小结' });
      return this.act('close', { attendance, summary, representativeIds: this.data.present.filter((p) => p.on).map((p) => p.id) }, '已登记');
    },
  },
});

/**
 * 邀请党代表 for liaison staff: the studio's representatives; tapping one makes a one-time
 * invitation code (`members.invite`, valid 7 days), shown large to read out or copy and as a
 * QR code (the same TDesign QR code 接待公告 uses) for the representative to scan in 绑定身份.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Invitation, Me, Studio, StudioSummary } from '../../../services/types';
import { formatDateTime } from '../../../utils/format';
import { failState, requireRole, studiosOf, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    reps: [] as Array<{ id: string; name: string; unit: string }>,
    busyId: '',
    inviteError: '',
    invitation: null as null | { code: string; label: string; expires: string },
  },
  methods: {
    onLoad() {
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, ['liaison', 'admin'], '只有联络员或管理员可以生成邀请码');
        const studios = await studiosOf(me);
        if (studios.length === 0) {
          this.setData({ state: 'empty', error: '' });
          return;
        }
        this.setData({ studios, studioNames: studios.map((s) => s.name) });
        await this.loadReps();
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async loadReps() {
      const s = this.data.studios[this.data.studioIndex];
      const studio = await call<Studio>('directory', 'studio', { id: s.id });
      const reps = studio.representatives.map((r) => ({ id: r.id, name: r.name, unit: r.unit }));
      this.setData({ reps, state: reps.length ? 'ready' : 'empty' });
    },
    async onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value), invitation: null, state: 'loading' });
      try {
        await this.loadReps();
      } catch (err) {
        this.setData({ state: failState(err), error: messageOf(err) });
      }
    },
    async invite(e: WechatMiniprogram.BaseEvent) {
      if (this.data.busyId) return;
      const id = String(e.currentTarget.dataset.id);
      this.setData({ busyId: id, inviteError: '' });
      try {
        const inv = await call<Invitation>('members', 'invite', { kind: 'representative', representativeId: id });
        this.setData({ invitation: { code: inv.code, label: inv.label, expires: formatDateTime(inv.expiresAt) } });
        wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      } catch (err) {
        this.setData({ inviteError: messageOf(err) });
      } finally {
        this.setData({ busyId: '' });
      }
    },
    copy() {
      if (this.data.invitation) wx.setClipboardData({ data: this.data.invitation.code });
    },
  },
});

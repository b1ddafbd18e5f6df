/**
 * 人员与权限: for liaison staff and administrators, who holds which role in their scope
 * (`members.list`: an administrator everyone, a liaison their studios' representatives and
 * liaisons) with 撤销身份 where the back end offers `revoke` — with or without a successor for
 * the open items the person owned (`members.revoke`); for administrators, the liaison
 * invitations waiting for approval (`members.pending`, `members.decide`). A representative
 * sees their own consent instead: whether residents see their own mobile and WeChat id
 * (`members.consent`). The back end decides every permission; residents see no permission.
 */
import { call, CloudError, messageOf } from '../../../services/cloud';
import type { Me } from '../../../services/types';
import { formatDate, formatDateTime } from '../../../utils/format';
import { failState, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

interface MemberRow {
  id: string;
  role: 'representative' | 'liaison' | 'admin' | 'contact';
  roleLabel: string;
  name: string;
  studios: Array<{ id: string; name: string }>;
  boundAt: number;
  self: boolean;
  actions: string[];
}

interface PendingInvite {
  code: string;
  studios: Array<{ id: string; name: string }>;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  expired: boolean;
}

interface Paged<T> {
  items: T[];
  total: number;
}

const NO_SUCCESSOR = '不指定：事项退回工作室待办';

const toRow = (m: MemberRow) => ({
  id: m.id,
  name: m.name,
  roleLabel: m.roleLabel,
  studios: m.studios.map((s) => s.name).join('、') || (m.role === 'admin' ? '全县' : ''),
  since: m.boundAt ? `${formatDate(m.boundAt)} 起` : '',
  self: m.self,
  revocable: m.actions.includes('revoke'),
  studioIds: m.studios.map((s) => s.id),
  role: m.role,
});
type Row = ReturnType<typeof toRow>;

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    /** `roster` for liaison staff and administrators; `consent` for a representative. */
    mode: '' as '' | 'roster' | 'consent',
    admin: false,
    rows: [] as Row[],
    total: 0,
    pending: [] as Array<{ code: string; studios: string; invitedBy: string; at: string; expired: boolean }>,
    /** The row whose revocation is being confirmed, with the successors to choose from. */
    revoking: '',
    successorNames: [] as string[],
    successorIds: [] as string[],
    successorIndex: 0,
    busy: false,
    actionError: '',
    notice: '',
    contactPublic: false,
    consentError: '',
  },
  methods: {
    onLoad() {
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        if (me.role === 'representative') {
          this.setData({ state: 'ready', mode: 'consent', contactPublic: me.contactPublic === true });
          return;
        }
        if (me.role !== 'liaison' && me.role !== 'admin') throw new CloudError('FORBIDDEN', '只有联络员或管理员可以管理人员');
        const admin = me.role === 'admin';
        const [list, pending] = await Promise.all([
          call<Paged<MemberRow>>('members', 'list', { pageSize: 50 }),
          admin ? call<Paged<PendingInvite>>('members', 'pending', { pageSize: 50 }) : Promise.resolve({ items: [], total: 0 }),
        ]);
        this.setData({
          state: list.items.length ? 'ready' : 'empty',
          mode: 'roster',
          admin,
          rows: list.items.map(toRow),
          total: list.total,
          pending: pending.items.map((p) => ({ code: p.code, studios: p.studios.map((s) => s.name).join('、'), invitedBy: p.invitedBy, at: formatDateTime(p.createdAt), expired: p.expired })),
        });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e) });
      }
    },

    /** 撤销身份: opens the confirmation with the successors of the same studios. */
    startRevoke(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const target = this.data.rows.find((r) => r.id === id);
      if (!target) return;
      const others = this.data.rows.filter((r) => r.id !== id && (r.role === 'representative' || r.role === 'liaison') && r.studioIds.some((s) => target.studioIds.includes(s)));
      this.setData({
        revoking: id,
        successorNames: [NO_SUCCESSOR, ...others.map((r) => `${r.name}（${r.roleLabel}）`)],
        successorIds: ['', ...others.map((r) => r.id)],
        successorIndex: 0,
        actionError: '',
        notice: '',
      });
    },
    cancelRevoke() {
      this.setData({ revoking: '', actionError: '' });
    },
    onSuccessor(e: WechatMiniprogram.PickerChange) {
      this.setData({ successorIndex: Number(e.detail.value) });
    },
    async confirmRevoke() {
      if (this.data.busy || !this.data.revoking) return;
      const successorId = this.data.successorIds[this.data.successorIndex];
      this.setData({ busy: true, actionError: '' });
      try {
        const r = await call<{ released: number; handedOver: number }>('members', 'revoke', { id: this.data.revoking, ...(successorId ? { successorId } : {}) });
        const moved = r.handedOver ? `${r.handedOver} 件事项已移交接替人` : r.released ? `${r.released} 件事项已退回工作室待办` : '没有待办的事项';
        this.setData({ revoking: '', notice: `已撤销身份，${moved}` });
        await this.load();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    /** 审核联络员邀请: approve or decline. */
    async decide(e: WechatMiniprogram.BaseEvent) {
      if (this.data.busy) return;
      const code = String(e.currentTarget.dataset.code);
      const approve = e.currentTarget.dataset.approve === 'yes';
      this.setData({ busy: true, actionError: '', notice: '' });
      try {
        await call('members', 'decide', { code, approve });
        this.setData({ notice: approve ? `邀请码 ${code} 已审核通过，现在可以使用` : `邀请码 ${code} 已退回` });
        await this.load();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    /** A representative's own consent to show their mobile and WeChat id to residents. */
    async toggleConsent() {
      if (this.data.busy) return;
      const contactPublic = !this.data.contactPublic;
      this.setData({ busy: true, consentError: '' });
      try {
        const r = await call<{ contactPublic: boolean }>('members', 'consent', { contactPublic });
        this.setData({ contactPublic: r.contactPublic });
      } catch (err) {
        this.setData({ consentError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});


/**
 * 绑定身份: a representative or liaison binds their WeChat account with the one-time code
 * the liaison (or an administrator) gave them — typed, or scanned from the invitation's QR
 * code — and sees the role they now have (`members.bind`, then `members.me`).
 */
import { call, messageOf } from '../../../services/cloud';
import type { Me } from '../../../services/types';
import { routes } from '../../../utils/routes';
import { failState, ROLE_LABELS, studiosOf, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

const CODE = /^[0-9A-Z]{8}$/;

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    roleLabel: '',
    isStaff: false,
    code: '',
    binding: false,
    bindError: '',
    done: null as null | { roleLabel: string; name: string; studios: string },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ code: (query.code ?? '').toUpperCase() });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        this.setData({ state: 'ready', roleLabel: ROLE_LABELS[me.role], isStaff: me.role !== 'resident' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value, bindError: '' });
    },
    async scan() {
      try {
        const res = await wx.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
        const code = (res.result ?? '').trim().toUpperCase();
        if (!CODE.test(code)) {
          this.setData({ bindError: '未识别到邀请码，请扫描联络员出示的邀请二维码，或手动输入' });
          return;
        }
        this.setData({ code, bindError: '' });
        await this.bind();
      } catch {
        // The camera was closed.
      }
    },
    async bind() {
      if (this.data.binding) return;
      const code = this.data.code.trim().toUpperCase();
      if (!CODE.test(code)) {
        this.setData({ bindError: '邀请码为 8 位字母或数字' });
        return;
      }
      this.setData({ binding: true, bindError: '' });
      try {
        await call('members', 'bind', { code });
        const me = await call<Me>('members', 'me');
        const studios = await studiosOf(me).catch(() => []);
        this.setData({
          done: { roleLabel: ROLE_LABELS[me.role], name: me.name, studios: studios.map((s) => s.name).join('、') },
          roleLabel: ROLE_LABELS[me.role],
          isStaff: me.role !== 'resident',
        });
      } catch (e) {
        this.setData({ bindError: messageOf(e) });
      } finally {
        this.setData({ binding: false });
      }
    },
    openWorkbench() {
      wx.redirectTo({ url: routes.workbench() });
    },
  },
});

/**
 * 提交民情会诊 (a group leader): pick one or more of the group's issues not yet sent — those
 * its visits registered first — say what the matter is and why the group cannot solve it,
 * send. One `requestId` per form: a lost answer does not send it twice. Opens the case.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { OpenIssue, VisitCase, VisitGroup } from '../../../services/types';
import { newRequestId } from '../../../utils/format';
import { failState, type PageState } from '../common/staff';
import { dayOf } from '../visits/present';

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    groupId: '',
    groupName: '',
    issues: [] as Array<OpenIssue & { on: boolean; day: string }>,
    title: '',
    summary: '',
    errors: {} as Record<string, string>,
    formError: '',
    sending: false,
    requestId: newRequestId('case'),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ groupId: query.groupId ?? '', requestId: newRequestId('case') });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const [g, list] = await Promise.all([
          call<VisitGroup>('visits', 'group', { id: this.data.groupId }),
          call<{ items: OpenIssue[] }>('visits', 'issues', { groupId: this.data.groupId, open: true }),
        ]);
        if (!g.actions.includes('sendCase')) {
          this.setData({ state: 'forbidden', error: '只有代表组组长可以提交民情会诊' });
          return;
        }
        const issues = [...list.items].sort((a, b) => Number(a.outcome !== 'registered') - Number(b.outcome !== 'registered'));
        this.setData({ state: issues.length ? 'ready' : 'empty', groupName: g.name, issues: issues.map((i) => ({ ...i, on: false, day: dayOf(i.date) })) });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    toggle(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ issues: this.data.issues.map((i) => (i.id === id ? { ...i, on: !i.on } : i)), 'errors.issues': '' });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    async send() {
      if (this.data.sending) return;
      const d = this.data;
      const ids = d.issues.filter((i) => i.on).map((i) => i.id);
      const why = ids.length === 0 ? ['issues', '请至少选择一个问题'] : d.title.trim().length < 4 ? ['title', '会诊事项至少 4 个字'] : d.summary.trim().length < 10 ? ['summary', '情况说明至少 10 个字'] : null;
      if (why) {
        this.setData({ errors: { [why[0]]: why[1] } });
        wx.pageScrollTo({ selector: `#field-${why[0]}`, duration: 200 });
        return;
      }
      this.setData({ sending: true, formError: '' });
      try {
        const c = await call<VisitCase>('visits', 'sendCase', { requestId: d.requestId, groupId: d.groupId, issueIds: ids, title: d.title.trim(), summary: d.summary.trim() });
        wx.redirectTo({ url: `/pages/staff/case/index?id=${encodeURIComponent(c.id)}` });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});

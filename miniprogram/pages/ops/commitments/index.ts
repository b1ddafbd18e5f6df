/**
 * 服务承诺 of a studio: what it promises residents, each beside the figure measured on the
 * register over the last 90 days (the studio's page shows the same). The liaison chooses the
 * commitments (2 日内受理, 7 日内答复, 按期答复办结, 群众满意; the days can be changed) and
 * publishes them.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Commitments } from '../../../services/ops';
import type { Me, StudioSummary } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { care } from '../../../behaviors/care';
import { failState, pct, requireRole, STAFF, studiosOf, type PageState } from '../common/ops';

type Code = 'accept' | 'reply' | 'onTime' | 'satisfied';
const LABEL: Record<Code, (d: number) => string> = { accept: (d) => `${d} 日内受理`, reply: (d) => `${d} 日内答复`, onTime: () => '按期答复办结', satisfied: () => '群众满意' };
const DEFAULT_DAYS: Record<Code, number | null> = { accept: 2, reply: 7, onTime: null, satisfied: null };

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    studios: [] as StudioSummary[],
    studioNames: [] as string[],
    studioIndex: 0,
    manages: false,
    window: '',
    published: false,
    lines: [] as Array<{ code: string; label: string; percent: string; fraction: string; formula: string; text: string }>,
    editor: [] as Array<{ code: Code; on: boolean; days: number | null; label: string }>,
    saving: false,
    saveError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.load(query.studioId);
    },
    async load(wanted?: string) {
      this.setData({ state: 'loading', error: '' });
      try {
        const me = await call<Me>('members', 'me');
        requireRole(me, STAFF, '只有党代表、联络员和管理员可以管理服务承诺');
        const { studios, index } = await studiosOf(me, wanted);
        if (studios.length === 0) return void this.setData({ state: 'empty' });
        this.setData({ studios, studioNames: studios.map((s) => s.name), studioIndex: index, manages: me.role !== 'representative' });
        await this.refresh();
        this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    async refresh() {
      const c = await call<Commitments>('activities', 'commitments', { studioId: this.data.studios[this.data.studioIndex].id });
      const shown = c.published ? c.items : (c.suggested ?? []);
      this.setData({
        published: c.published,
        window: `${formatCalendarDate(c.window.from)} 至 ${formatCalendarDate(c.window.to)}，收集意见建议 ${c.window.collected} 条`,
        lines: c.items.map((x) => ({
          code: x.code,
          label: x.label,
          percent: pct(x.measured?.percent ?? null),
          fraction: x.measured ? `${x.measured.numerator} / ${x.measured.denominator}` : '',
          formula: x.measured?.formula ?? '',
          text: x.text ?? '',
        })),
        editor: (['accept', 'reply', 'onTime', 'satisfied'] as Code[]).map((code) => {
          const found = shown.find((x) => x.code === code);
          const days = found?.days ?? DEFAULT_DAYS[code];
          return { code, on: c.published ? Boolean(found) : true, days, label: LABEL[code](days ?? 0) };
        }),
      });
    },
    async onStudio(e: WechatMiniprogram.PickerChange) {
      this.setData({ studioIndex: Number(e.detail.value) });
      await this.refresh().catch((err: unknown) => wx.showToast({ title: messageOf(err), icon: 'none' }));
    },
    toggle(e: WechatMiniprogram.BaseEvent) {
      const code = String(e.currentTarget.dataset.code);
      this.setData({ editor: this.data.editor.map((x) => (x.code === code ? { ...x, on: !x.on } : x)), saveError: '' });
    },
    onDays(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const code = String((e.currentTarget as { dataset: Record<string, unknown> }).dataset.code) as Code;
      const n = Number(e.detail.value);
      this.setData({ editor: this.data.editor.map((x) => (x.code === code ? { ...x, days: Number.isInteger(n) && n > 0 ? n : null, label: LABEL[code](n) } : x)), saveError: '' });
    },
    async publish() {
      if (this.data.saving) return;
      const items = this.data.editor.filter((x) => x.on).map((x) => ({ code: x.code, ...(x.days !== null && (x.code === 'accept' || x.code === 'reply') ? { days: x.days } : {}) }));
      this.setData({ saving: true, saveError: '' });
      try {
        await call('activities', 'publishCommitments', { studioId: this.data.studios[this.data.studioIndex].id, items });
        await this.refresh();
        wx.showToast({ title: '已发布', icon: 'none' });
      } catch (e) {
        this.setData({ saveError: messageOf(e) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

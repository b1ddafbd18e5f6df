/**
 * 工作室: the "four on the wall" (四上墙) — representatives with photo, unit and basic
 * information, duties, rules — plus address (opens the map), opening hours, phone, who is on
 * duty today (驻点值班), the service commitments with their measured figures (服务承诺) and the
 * upcoming receptions. Today's duty and the commitments are extras: if either call fails the
 * page still shows the rest. Shared to a chat or 朋友圈 with its name; opened from a share by anyone.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Paged, ReceptionSummary, Studio } from '../../../services/types';
import type { Commitments, DutyToday } from '../../../services/ops';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { rememberTownship } from '../../../utils/studios';
import { care } from '../../../behaviors/care';
import { isMissing, MISSING, pageIdOf, studioShare, timelineOf } from '../../../utils/share';

const LEVEL_LABELS: Record<string, string> = { county: '县党代表', township: '乡镇党代表' };

Component({
  behaviors: [care],
  data: {
    id: '',
    state: 'loading' as 'loading' | 'error' | 'missing' | 'ready',
    error: '',
    /** Said under the back end's message when the shared id leads nowhere. */
    missingHint: MISSING.studio,
    studio: null as Studio | null,
    representatives: [] as Array<Studio['representatives'][number] & { levelLabel: string }>,
    receptions: [] as Array<{ id: string; topic: string; when: string; formLabel: string; placesLeft: number }>,
    duty: [] as Array<{ half: string; halfLabel: string; time: string; names: string; openDay: boolean }>,
    commitments: [] as Array<{ code: string; label: string; percent: string; text: string }>,
    commitmentsWindow: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: pageIdOf(query) });
      this.load();
    },
    async load() {
      if (!this.data.id) return this.setData({ state: 'missing', error: '链接中没有工作室编号' });
      this.setData({ state: 'loading', error: '' });
      try {
        const [studio, receptions, duty, commitments] = await Promise.all([
          call<Studio>('directory', 'studio', { id: this.data.id }),
          call<Paged<ReceptionSummary>>('receptions', 'list', { studioId: this.data.id, pageSize: 10 }),
          call<DutyToday>('roster', 'today', { studioId: this.data.id }).catch(() => null),
          call<Commitments>('activities', 'commitments', { studioId: this.data.id }).catch(() => null),
        ]);
        wx.setNavigationBarTitle({ title: studio.name });
        // 我要反映 offers this township's studio first from now on.
        rememberTownship(studio.townshipId);
        this.setData({
          state: 'ready',
          studio,
          representatives: studio.representatives.map((r) => ({ ...r, levelLabel: LEVEL_LABELS[r.level] ?? '党代表' })),
          duty: (duty?.shifts ?? []).map((d) => ({ half: d.half, halfLabel: d.halfLabel, time: d.time, names: d.representatives.map((r) => r.name).join('、'), openDay: d.openDay !== null })),
          commitments: (commitments?.items ?? []).map((c) => ({
            code: c.code,
            label: c.label,
            percent: c.measured && c.measured.percent !== null ? `${c.measured.percent}%` : '暂无数据',
            text: c.text ?? '',
          })),
          commitmentsWindow: commitments?.window.days ?? 0,
          receptions: receptions.items.map((r) => ({
            id: r.id,
            topic: r.topic,
            when: formatRange(r.startAt, r.endAt),
            formLabel: r.formLabel,
            placesLeft: r.placesLeft,
          })),
        });
      } catch (e) {
        this.setData(isMissing(e) ? { state: 'missing', error: messageOf(e) } : { state: 'error', error: messageOf(e) });
      }
      return undefined;
    },
    onShareAppMessage() {
      return studioShare(this.data.id, this.data.studio);
    },
    /** 朋友圈 opens the page alone (单页模式): what it shows is public. */
    onShareTimeline() {
      return timelineOf(studioShare(this.data.id, this.data.studio));
    },
    goHome() {
      wx.reLaunch({ url: routes.home() });
    },
    openMap() {
      const s = this.data.studio;
      if (!s?.location) return;
      wx.openLocation({ latitude: s.location.latitude, longitude: s.location.longitude, name: s.name, address: s.address, scale: 17 });
    },
    callStudio() {
      const s = this.data.studio;
      if (s?.phone) wx.makePhoneCall({ phoneNumber: s.phone });
    },
    openReception(e: WechatMiniprogram.BaseEvent) {
      go(routes.reception(String(e.currentTarget.dataset.id)));
    },
    goSubmit() {
      go(routes.submit(this.data.id));
    },
  },
});

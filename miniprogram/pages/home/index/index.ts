/**
 * 首页: the studios of Xianju's 20 townships and streets (searchable), the next receptions,
 * and the way in to 我要反映, 我的反映, 我的预约 and 消息 (with the unread count), to 党代表论坛
 * and to the progress of 代表提议. Representatives,
 * liaison staff and admins (as `members.me` says) also get the way in to their 工作台;
 * everyone else the way to bind an invitation code. The text size switch (标准 / 大字, 关怀模式)
 * is here, remembered on the phone for every page.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Me, Notices, Paged, ReceptionSummary, StudioSummary, Township } from '../../../services/types';
import { careStyle, chooseTextSize, textSize, type TextSize } from '../../../utils/care';
import { formatRange } from '../../../utils/format';
import { ROLE_LABELS } from '../../../utils/roles';
import { go, routes } from '../../../utils/routes';
import { groupStudios, type TownshipGroup } from '../../../utils/studios';
import { care } from '../../../behaviors/care';

interface ReceptionRow {
  id: string;
  topic: string;
  when: string;
  studioName: string;
  formLabel: string;
  full: boolean;
}

// Not rendered, so kept out of `data` (setData copies everything to the view layer).
let townships: Township[] = [];
let studios: StudioSummary[] = [];

Component({
  behaviors: [care],
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    keyword: '',
    groups: [] as TownshipGroup[],
    townshipCount: 0,
    receptions: [] as ReceptionRow[],
    unread: 0,
    /** The caller's role label when they serve a studio ('' for a resident): the workbench entry shows then. */
    staffRole: '',
    textSize: 'standard' as TextSize,
    /** An inquiry subject's contact (质询对象联系人): the entry opens their inquiries instead. */
    contact: false,
    /** Department staff (有关单位): the entry opens their department's queue instead. */
    department: false,
  },
  methods: {
    onLoad() {
      this.setData({ textSize: textSize() });
      this.load();
    },
    /** 标准 / 大字: applies at once here, and to every page opened from now on. */
    chooseSize(e: WechatMiniprogram.BaseEvent) {
      const size: TextSize = e.currentTarget.dataset.size === 'large' ? 'large' : 'standard';
      chooseTextSize(size);
      this.setData({ textSize: size, largeText: size === 'large', careStyle: careStyle(size) });
    },
    onShow() {
      // Back from 消息中心 or a page that was opened from a message; back from binding an invitation code.
      if (this.data.state === 'ready') {
        this.loadUnread();
        this.loadRole();
      }
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    /** The unread count for the badge; without it the page still works. */
    async loadUnread() {
      try {
        const n = await call<Notices>('members', 'notices', { page: 1, pageSize: 1 });
        this.setData({ unread: n.unread });
      } catch {
        // The badge stays as it was.
      }
    },
    /** Whether to show the workbench entry; without an answer the page stays a resident's. */
    async loadRole() {
      try {
        const me = await call<Me>('members', 'me');
        this.setData({ staffRole: me.role === 'resident' ? '' : ROLE_LABELS[me.role], contact: me.role === 'contact', department: me.role === 'department' });
      } catch {
        // The entry stays as it was.
      }
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        const page = Promise.all([
          call<Township[]>('directory', 'townships'),
          call<StudioSummary[]>('directory', 'studios'),
          call<Paged<ReceptionSummary>>('receptions', 'list', { pageSize: 5 }),
        ]);
        this.loadUnread();
        this.loadRole();
        const [t, s, r] = await page;
        townships = t;
        studios = s;
        this.setData({
          state: 'ready',
          townshipCount: t.length,
          groups: groupStudios(t, s, this.data.keyword),
          receptions: r.items.map((x) => ({
            id: x.id,
            topic: x.topic,
            when: formatRange(x.startAt, x.endAt),
            studioName: x.studioName,
            formLabel: x.formLabel,
            full: x.placesLeft === 0,
          })),
        });
      } catch (e) {
        this.setData({ state: 'error', error: messageOf(e) });
      }
    },
    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const keyword = e.detail.value ?? '';
      this.setData({ keyword, groups: groupStudios(townships, studios, keyword) });
    },
    onClearSearch() {
      this.setData({ keyword: '', groups: groupStudios(townships, studios, '') });
    },
    openStudio(e: WechatMiniprogram.BaseEvent) {
      go(routes.studio(String(e.currentTarget.dataset.id)));
    },
    openReception(e: WechatMiniprogram.BaseEvent) {
      go(routes.reception(String(e.currentTarget.dataset.id)));
    },
    goSubmit() {
      go(routes.submit());
    },
    goMyItems() {
      go(routes.myItems());
    },
    goMyBookings() {
      go(routes.myBookings());
    },
    goNotices() {
      go(routes.notices());
    },
    goWorkbench() {
      go(this.data.contact ? routes.inquiries() : this.data.department ? routes.department() : routes.workbench());
    },
    goForums() {
      go(routes.forums());
    },
    goProposals() {
      go(routes.proposals());
    },
    goBind() {
      go(routes.bind());
    },
  },
});

/**
 * 工作台 of a representative or liaison: who they are, the four counts (new, mine, due soon,
 * overdue), each opening the queue with that filter, and the ways in to the queue, reception
 * duties and — for liaison staff — scheduling, invitations and statistics. A resident gets
 * the back end's FORBIDDEN: the page says so and shows no counts.
 */
import { call, messageOf } from '../../../services/cloud';
import type { Me, StudioSummary, Workbench } from '../../../services/types';
import { go, routes } from '../../../utils/routes';
import { failState, ROLE_LABELS, studiosOf, type PageState } from '../common/staff';
import { care } from '../../../behaviors/care';

const isWorkbench = (x: unknown): x is Workbench => typeof x === 'object' && x !== null && 'dueSoonDays' in x;

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    name: '',
    roleLabel: '',
    studioNames: '',
    counts: null as Workbench | null,
    /** Liaison staff and admins schedule receptions and invite representatives. */
    manages: false,
    /** Representatives and admins have inner-party inquiries (党内质询). */
    inquiries: false,
    /** Administrators review and dispatch proposals (代表提议). */
    admin: false,
    /** A representative sets their own contact consent (人员与权限). */
    isRep: false,
    /** The dashboard is the county's for an admin, the township's for liaison staff. */
    roleIsAdmin: false,
  },
  methods: {
    onLoad() {
      this.load();
    },
    onShow() {
      // Back from an item or the queue: the counts may have changed.
      if (this.data.state === 'ready') this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', error: '' });
      try {
        // The counts first: for a resident they are the back end's FORBIDDEN.
        const [counts, me] = await Promise.all([
          call<Workbench>('register', 'workbench').catch((e: unknown) => e),
          call<Me>('members', 'me'),
        ]);
        // An inquiry subject's contact has no studio work: their queue is the inquiries.
        if (me.role === 'contact') return void wx.redirectTo({ url: routes.inquiries() });
        // Department staff (有关单位): their queue is their department's proposals and referred items.
        if (me.role === 'department') return void wx.redirectTo({ url: routes.department() });
        if (!isWorkbench(counts)) throw counts;
        const studios: StudioSummary[] = me.role === 'admin' ? [] : await studiosOf(me);
        this.setData({
          state: 'ready',
          counts,
          name: me.name,
          roleLabel: ROLE_LABELS[me.role],
          studioNames: me.role === 'admin' ? '全县各工作室' : studios.map((s) => s.name).join('、'),
          manages: me.role === 'liaison' || me.role === 'admin',
          inquiries: me.role === 'representative' || me.role === 'admin',
          admin: me.role === 'admin',
          isRep: me.role === 'representative',
          roleIsAdmin: me.role === 'admin',
        });
      } catch (e) {
        if (this.data.state === 'ready') wx.showToast({ title: messageOf(e), icon: 'none' });
        else this.setData({ state: failState(e), error: messageOf(e), counts: null });
      }
    },
    openQueue(e: WechatMiniprogram.BaseEvent) {
      const filter = String(e.currentTarget.dataset.filter ?? '');
      go(routes.queue(filter || undefined));
    },
    goDuties() {
      go(routes.duties());
    },
    goSchedule() {
      go(routes.schedule());
    },
    goInvite() {
      go(routes.invite());
    },
    goMembers() {
      go(routes.members());
    },
    goStats() {
      go(routes.stats());
    },
    goBind() {
      go(routes.bind());
    },
    goInquiries() {
      go(routes.inquiries());
    },
    /** 组团联系服务: a representative's 走访, the liaison's and administrator's 代表组. */
    goVisits() {
      go(this.data.manages ? routes.groups() : routes.visits());
    },
    goCases() {
      go(routes.cases());
    },
    goForums() {
      go(routes.staffForums());
    },
    goProposals() {
      go(routes.staffProposals());
    },
    goActivities() {
      go(routes.activities());
    },
    goRoster() {
      go(routes.roster());
    },
    goPoints() {
      go(routes.points());
    },
    goRanking() {
      go(routes.ranking());
    },
    goCommitments() {
      go(routes.commitments());
    },
    goDashboard() {
      go(routes.dashboard());
    },
  },
});

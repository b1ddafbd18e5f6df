/**
 * 住户 of a group's register. For the township's liaison staff and administrators the form to
 * add one (添加住户) or change it — village, team, door number, head of household, phone, the
 * must-visit categories, the member responsible (联系代表), a note — and to take it off the
 * register. Members of the group see it read-only (the phone masked, as the back end sends it)
 * with its last visits and 登记走访.
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import { MUST_VISIT, MUST_VISIT_LABELS, type Household, type MustVisit, type VisitGroup } from '../../../services/types';
import { formatCalendarDate } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState, type PageState } from '../common/staff';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const emptyForm = () => ({ village: '', team: '', doorNo: '', head: '', phone: '', note: '', repId: '', categories: [] as MustVisit[] });

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    groupId: '',
    id: '',
    manage: false,
    groupName: '',
    members: [] as Array<{ id: string; name: string }>,
    categoryChoices: MUST_VISIT.map((code) => ({ code, label: MUST_VISIT_LABELS[code], on: false })),
    household: null as null | Household,
    visits: [] as Array<{ id: string; date: string; by: string; mode: string; learned: string }>,
    ...emptyForm(),
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ groupId: query.groupId ?? '', id: query.id ?? '' });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const [g, h] = await Promise.all([
          call<VisitGroup>('visits', 'group', { id: this.data.groupId }),
          this.data.id ? call<Household>('visits', 'household', { id: this.data.id }) : Promise.resolve(null),
        ]);
        const manage = g.actions.includes('manage');
        if (!manage && !h) {
          this.setData({ state: 'forbidden', error: '只有本乡镇（街道）工作室的联络员或管理员可以添加住户' });
          return;
        }
        const form = h
          ? { village: h.village, team: h.team ?? '', doorNo: h.doorNo, head: h.head, phone: h.phoneMasked ? '' : (h.phone ?? ''), note: h.note ?? '', repId: h.rep?.representativeId ?? '', categories: h.categories.map((c) => c.code) }
          : emptyForm();
        this.setData({
          state: 'ready',
          manage,
          groupName: g.name,
          members: g.members.map((m) => ({ id: m.representativeId, name: m.name })),
          household: h,
          visits: (h?.visits ?? []).map((v) => ({ id: v.id, date: formatCalendarDate(v.date), by: v.by.name, mode: v.modeLabel, learned: v.learned })),
          ...form,
          categoryChoices: MUST_VISIT.map((code) => ({ code, label: MUST_VISIT_LABELS[code], on: form.categories.includes(code) })),
        });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    toggleCategory(e: WechatMiniprogram.BaseEvent) {
      const code = e.currentTarget.dataset.code as MustVisit;
      const categories = this.data.categories.includes(code) ? this.data.categories.filter((c) => c !== code) : [...this.data.categories, code];
      this.setData({ categories, categoryChoices: this.data.categoryChoices.map((c) => ({ ...c, on: categories.includes(c.code) })) });
    },
    chooseRep(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ repId: this.data.repId === id ? '' : id });
    },
    problem(): { field: string; message: string } | null {
      const d = this.data;
      if (d.village.trim().length < 2) return { field: 'village', message: '请填写村（社区）' };
      if (!d.doorNo.trim()) return { field: 'doorNo', message: '请填写门牌号' };
      if (d.head.trim().length < 2) return { field: 'head', message: '户主姓名至少 2 个字' };
      if (d.phone.trim() && !PHONE.test(d.phone.trim())) return { field: 'phone', message: '请填写正确的手机号或固定电话' };
      return null;
    },
    async save() {
      if (this.data.saving) return;
      const why = this.problem();
      if (why) {
        this.setData({ errors: { [why.field]: why.message } });
        wx.pageScrollTo({ selector: `#field-${why.field}`, duration: 200 });
        return;
      }
      const d = this.data;
      // Empty fields clear what is stored; the liaison sees the phone in full, so it comes back as it was.
      const fields: Record<string, unknown> = {
        village: d.village.trim(),
        team: d.team.trim(),
        doorNo: d.doorNo.trim(),
        head: d.head.trim(),
        phone: d.phone.trim(),
        categories: d.categories,
        note: d.note.trim(),
        repId: d.repId,
      };
      this.setData({ saving: true, formError: '' });
      try {
        if (d.id) await call<Household>('visits', 'updateHousehold', { id: d.id, ...fields });
        else await call<Household>('visits', 'addHousehold', { groupId: d.groupId, ...fields });
        wx.showToast({ title: d.id ? '已保存' : '已添加', icon: 'success' });
        wx.navigateBack({ fail: () => wx.redirectTo({ url: `/pages/staff/group/index?id=${encodeURIComponent(d.groupId)}` }) });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ saving: false });
      }
    },
    async remove() {
      const { confirm } = await wx.showModal({ title: '移出名册', content: '该住户将从住户名册中移除，已有的走访记录保留。', confirmText: '移出' });
      if (!confirm) return;
      try {
        await call('visits', 'removeHousehold', { id: this.data.id });
        wx.navigateBack({ fail: () => wx.redirectTo({ url: `/pages/staff/group/index?id=${encodeURIComponent(this.data.groupId)}` }) });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      }
    },
    record() {
      go(routes.visitRecord(this.data.groupId, this.data.id));
    },
  },
});

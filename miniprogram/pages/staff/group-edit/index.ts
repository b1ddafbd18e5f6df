/**
 * 新建代表组 / 编辑代表组 (liaison staff, administrators): name; the leader — a representative of
 * the township, or a named member of the township party committee with their post; the member
 * representatives (those already in another group of the township cannot be chosen: the back
 * end refuses it too); the villages or communities, or the sector, it keeps in touch with; the
 * yearly household target (100 by default).
 */
import { call, messageOf } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { VisitGroup } from '../../../services/types';
import { failState, type PageState } from '../common/staff';

interface Candidate {
  id: string;
  name: string;
  studioName: string;
  /** Another group of the township it is in (not choosable). */
  taken: string;
  on: boolean;
}

const splitList = (s: string) => s.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);

Component({
  behaviors: [care],
  data: {
    state: 'loading' as PageState,
    error: '',
    id: '',
    townshipId: '',
    townshipName: '',
    candidates: [] as Candidate[],
    name: '',
    leaderKind: 'rep' as 'rep' | 'committee',
    leaderRepId: '',
    leaderName: '',
    leaderPost: '',
    villages: '',
    sector: '',
    target: '100',
    errors: {} as Record<string, string>,
    formError: '',
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', townshipId: query.townshipId ?? '' });
      this.load();
    },
    async load() {
      this.setData({ state: 'loading', error: '' });
      try {
        const g = this.data.id ? await call<VisitGroup>('visits', 'group', { id: this.data.id }) : null;
        if (g && !g.actions.includes('manage')) {
          this.setData({ state: 'forbidden', error: '只有本乡镇（街道）工作室的联络员或管理员可以编辑代表组' });
          return;
        }
        const townshipId = g?.townshipId ?? this.data.townshipId;
        const c = await call<{ township: { name: string }; items: Array<{ id: string; name: string; studioName: string; group: string | null }> }>('visits', 'candidates', { townshipId });
        const members = new Set(g?.members.map((m) => m.representativeId) ?? []);
        this.setData({
          state: 'ready',
          townshipId,
          townshipName: c.township.name,
          candidates: c.items.map((r) => ({ id: r.id, name: r.name, studioName: r.studioName, taken: r.group && r.group !== g?.name ? r.group : '', on: members.has(r.id) })),
          ...(g
            ? {
                name: g.name,
                leaderKind: g.leader.representativeId ? 'rep' : 'committee',
                leaderRepId: g.leader.representativeId ?? '',
                leaderName: g.leader.representativeId ? '' : g.leader.name,
                leaderPost: g.leader.post ?? '',
                villages: g.villages.join('、'),
                sector: g.sector ?? '',
                target: String(g.target),
              }
            : {}),
        });
      } catch (e) {
        this.setData({ state: failState(e), error: messageOf(e) });
      }
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    chooseLeaderKind(e: WechatMiniprogram.BaseEvent) {
      this.setData({ leaderKind: e.currentTarget.dataset.value as 'rep' | 'committee', 'errors.leader': '' });
    },
    chooseLeader(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      if (this.data.candidates.find((c) => c.id === id)?.taken) return;
      this.setData({ leaderRepId: id, 'errors.leader': '', candidates: this.data.candidates.map((c) => (c.id === id ? { ...c, on: true } : c)) });
    },
    toggleMember(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ 'errors.members': '', candidates: this.data.candidates.map((c) => (c.id === id && !c.taken ? { ...c, on: !c.on } : c)) });
    },
    problem(): { field: string; message: string } | null {
      const d = this.data;
      if (d.name.trim().length < 2) return { field: 'name', message: '代表组名称至少 2 个字' };
      if (d.leaderKind === 'rep' && !d.leaderRepId) return { field: 'leader', message: '请选择组长' };
      if (d.leaderKind === 'committee' && (d.leaderName.trim().length < 2 || d.leaderPost.trim().length < 2)) return { field: 'leader', message: '请填写组长姓名和职务' };
      if (!d.candidates.some((c) => c.on) && !(d.leaderKind === 'rep' && d.leaderRepId)) return { field: 'members', message: '请至少选择一位组员' };
      if (splitList(d.villages).length === 0 && d.sector.trim().length < 2) return { field: 'area', message: '请填写联系的村（社区）或联系界别' };
      const t = Number(d.target);
      if (!Number.isInteger(t) || t < 1 || t > 5000) return { field: 'target', message: '年度走访目标应为 1–5000 户' };
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
      const fields = {
        name: d.name.trim(),
        leader: d.leaderKind === 'rep' ? { representativeId: d.leaderRepId } : { name: d.leaderName.trim(), post: d.leaderPost.trim() },
        memberIds: d.candidates.filter((c) => c.on && c.id !== d.leaderRepId).map((c) => c.id),
        ...(splitList(d.villages).length ? { villages: splitList(d.villages) } : {}),
        ...(d.sector.trim() ? { sector: d.sector.trim() } : {}),
        target: Number(d.target),
      };
      this.setData({ saving: true, formError: '' });
      try {
        const g = d.id ? await call<VisitGroup>('visits', 'updateGroup', { id: d.id, ...fields }) : await call<VisitGroup>('visits', 'createGroup', { townshipId: d.townshipId, ...fields });
        wx.redirectTo({ url: `/pages/staff/group/index?id=${encodeURIComponent(g.id)}` });
      } catch (e) {
        this.setData({ formError: messageOf(e) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

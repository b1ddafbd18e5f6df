/**
 * 论坛安排 (staff): the forums a liaison's studios organise (every one for an administrator),
 * drafts included, or those a representative takes part in; latest first, an ended forum
 * waiting for its outcomes marked (待登记成果). Organisers get the way to 安排论坛. Paged, pull to
 * refresh; the back end refuses anyone else (FORBIDDEN).
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { care } from '../../../behaviors/care';
import { call } from '../../../services/cloud';
import type { Me, MyForum, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import type { Tone } from '../inquiry/present';

const PAGE_SIZE = 10;

const PHASE_TONES: Record<string, Tone> = { draft: 'neutral', upcoming: 'info', ongoing: 'warn', ended: 'warn', held: 'success', cancelled: 'neutral' };

interface Row {
  id: string;
  topic: string;
  levelLabel: string;
  when: string;
  where: string;
  phaseLabel: string;
  tone: Tone;
  awaitingClose: boolean;
  linked: number;
}

const toRow = (f: MyForum): Row => ({
  id: f.id,
  topic: f.topic,
  levelLabel: f.levelLabel,
  when: formatRange(f.startAt, f.endAt),
  where: [f.studioName, f.place].filter(Boolean).join(' · '),
  phaseLabel: f.awaitingClose ? '待登记成果' : f.phaseLabel,
  tone: PHASE_TONES[f.phase] ?? 'neutral',
  awaitingClose: f.awaitingClose,
  linked: f.linkedItemCount,
});

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize): Promise<PageOf<MyForum>> {
        const [p, me] = await Promise.all([
          call<Paged<MyForum>>('forums', 'mine', { page, pageSize }),
          this.data.checkedRole ? Promise.resolve(null) : call<Me>('members', 'me'),
        ]);
        return { ...p, data: me ? { checkedRole: true, organises: me.role === 'liaison' || me.role === 'admin' } : {} };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    checkedRole: false,
    organises: false,
  },
  methods: {
    onShow() {
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffForum(String(e.currentTarget.dataset.id)));
    },
    schedule() {
      go(routes.scheduleForum());
    },
  },
});

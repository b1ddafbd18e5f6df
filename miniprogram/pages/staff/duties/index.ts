/**
 * 接待安排 (`receptions.duties`): a representative's upcoming receptions on duty; for liaison
 * staff every upcoming reception of their studios, drafts included, and the way to schedule
 * one. A reception opens the reception desk (check-in, walk-ins, publish, cancel, close).
 *
 * An ended reception stays listed until its 结束登记 (the back end lists those first): marked
 * 待结束登记 for whoever may close it (its `close` action), 待联络员结束登记 for the
 * representatives; today's receptions are marked 今天.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { Duty, Me, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { dateOf } from '../common/dates';
import { go, routes } from '../../../utils/routes';
import { RECEPTION_STATUS } from '../common/labels';
import { failState } from '../common/staff';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  topic: string;
  when: string;
  place: string;
  formLabel: string;
  statusLabel: string;
  statusTone: string;
  /** Ended, waiting for 结束登记: `close` when the caller does it, `liaison` when the studio's liaison does. */
  awaitingClose: '' | 'close' | 'liaison';
  today: boolean;
  booked: string;
  reps: string;
  onDuty: boolean;
}

function toRow(d: Duty): Row {
  const ended = d.status === 'published' && d.endAt <= Date.now();
  const awaitingClose = d.actions.includes('close') ? 'close' : ended ? 'liaison' : '';
  const status = RECEPTION_STATUS[d.status] ?? { label: d.status, tone: 'neutral' };
  return {
    id: d.id,
    topic: d.topic,
    when: formatRange(d.startAt, d.endAt),
    place: d.place,
    formLabel: d.formLabel,
    statusLabel: awaitingClose ? '待结束登记' : status.label,
    statusTone: awaitingClose ? 'progress' : status.tone,
    awaitingClose,
    today: !ended && d.status === 'published' && dateOf(d.startAt) === dateOf(Date.now()),
    booked: `已预约 ${d.booked}/${d.capacity}${d.waiting > 0 ? `，候补 ${d.waiting}` : ''}`,
    reps: d.representatives.map((r) => r.name).join('、'),
    onDuty: d.actions.includes('checkIn'),
  };
}

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      // A refresh asks who the caller is too: liaison staff and admins may schedule.
      load: (page, pageSize) =>
        page === 1
          ? Promise.all([call<Paged<Duty>>('receptions', 'duties', { page, pageSize }), call<Me>('members', 'me')]).then(([p, me]) => ({
              ...p,
              data: { manages: me.role === 'liaison' || me.role === 'admin' },
            }))
          : call<Paged<Duty>>('receptions', 'duties', { page, pageSize }),
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    manages: false,
  },
  methods: {
    onShow() {
      // Back from scheduling, publishing or cancelling.
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.staffReception(String(e.currentTarget.dataset.id)));
    },
    goSchedule() {
      go(routes.schedule());
    },
  },
});

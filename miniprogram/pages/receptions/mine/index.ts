/** 我的预约: the resident's bookings, newest first, with the door code; pull to refresh, more at the bottom. */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { BookingWithReception, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';

const PAGE_SIZE = 10;

const STATUS: Record<string, { label: string; theme: string }> = {
  booked: { label: '已预约', theme: 'success' },
  waiting: { label: '候补中', theme: 'warning' },
  checked_in: { label: '已签到', theme: 'primary' },
  cancelled: { label: '已取消', theme: 'default' },
};

interface Row {
  id: string;
  receptionId: string;
  topic: string;
  studioName: string;
  when: string;
  place: string;
  code: string;
  status: string;
  statusLabel: string;
  theme: string;
  waitingPosition: number | null;
  receptionCancelled: boolean;
}

const toRow = (b: BookingWithReception): Row => ({
  id: b.id,
  receptionId: b.receptionId,
  topic: b.reception?.topic ?? '接待信息暂不可用',
  studioName: b.reception?.studioName ?? '',
  when: b.reception ? formatRange(b.reception.startAt, b.reception.endAt) : '',
  place: b.reception?.place ?? '',
  code: b.code,
  status: b.status,
  statusLabel: STATUS[b.status]?.label ?? b.status,
  theme: STATUS[b.status]?.theme ?? 'default',
  waitingPosition: b.waitingPosition,
  receptionCancelled: b.reception?.status === 'cancelled',
});

Component({
  behaviors: [
    pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<BookingWithReception>>('receptions', 'myBookings', { page, pageSize }), toRow }),
  ],
  methods: {
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.reception(String(e.currentTarget.dataset.id)));
    },
  },
});

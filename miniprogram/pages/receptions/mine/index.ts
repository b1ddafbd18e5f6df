/** 我的预约: the resident's bookings, newest first, with the door code; pull to refresh, more at the bottom. */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { BookingWithReception, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { BOOKING_STATUS } from '../../../utils/receptions';
import { go, routes } from '../../../utils/routes';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;


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
  tone: string;
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
  statusLabel: BOOKING_STATUS[b.status]?.label ?? b.status,
  tone: BOOKING_STATUS[b.status]?.tone ?? 'neutral',
  waitingPosition: b.waitingPosition,
  receptionCancelled: b.reception?.status === 'cancelled',
});

Component({
  behaviors: [
    care,
    pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<BookingWithReception>>('receptions', 'myBookings', { page, pageSize }), toRow }),
  ],
  methods: {
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.reception(String(e.currentTarget.dataset.id)));
    },
  },
});

/** 我的反映: the resident's items, newest first, with their status; pull to refresh, more at the bottom. */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { Item, Paged } from '../../../services/types';
import { formatDateTime } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { statusTone } from '../../../utils/items';
import { care } from '../../../behaviors/care';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  tone: string;
  overdue: boolean;
  category: string;
  studioName: string;
  content: string;
  createdAt: string;
  asksFeedback: boolean;
}

const toRow = (i: Item): Row => ({
  id: i.id,
  no: i.no,
  statusLabel: i.statusLabel,
  tone: statusTone(i.status),
  overdue: i.overdue,
  category: i.category,
  studioName: i.studioName,
  content: i.content,
  createdAt: formatDateTime(i.createdAt),
  asksFeedback: i.actions.includes('feedback'),
});

Component({
  behaviors: [
    care,
    pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<Item>>('register', 'mine', { page, pageSize }), toRow })],
  methods: {
    onShow() {
      // Back from an item after giving feedback: its status changed.
      if (this.data.state === 'ready') this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.item(String(e.currentTarget.dataset.id)));
    },
    goSubmit() {
      go(routes.submit());
    },
  },
});

/** 我的反映: the resident's items, newest first, with their status; pull to refresh, more at the bottom. */
import { pagedList } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import type { Item, Paged } from '../../../services/types';
import { formatStamp } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { statusTheme } from '../../../utils/items';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  no: string;
  statusLabel: string;
  theme: string;
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
  theme: statusTheme(i.status),
  category: i.category,
  studioName: i.studioName,
  content: i.content,
  createdAt: formatStamp(i.createdAt),
  asksFeedback: i.actions.includes('feedback'),
});

Component({
  behaviors: [pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<Item>>('register', 'mine', { page, pageSize }), toRow })],
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

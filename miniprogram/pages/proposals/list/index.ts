/**
 * 代表提议 as residents read them: every proposal past review, newest first, with the
 * departments handling it, its status and a progress bar; each opens its progress page.
 * The back end's public list holds nothing personal. Paged; pull to refresh.
 */
import { pagedList } from '../../../behaviors/paged-list';
import { care } from '../../../behaviors/care';
import { call } from '../../../services/cloud';
import type { Paged, PublicProposal } from '../../../services/types';
import { go, routes } from '../../../utils/routes';
import { proposalTone } from '../present';

const PAGE_SIZE = 10;

interface Row {
  id: string;
  no: string;
  title: string;
  statusLabel: string;
  tone: string;
  key: boolean;
  units: string;
  percent: number;
  result: string;
}

const toRow = (p: PublicProposal): Row => ({
  id: p.id,
  no: p.no,
  title: p.title,
  statusLabel: p.overdue ? '已超期' : p.statusLabel,
  tone: proposalTone(p.status, p.overdue),
  key: p.key,
  units: p.leadDepartment ? `主办：${p.leadDepartment}${p.assisting.length ? `　协办：${p.assisting.join('、')}` : ''}` : '待交办',
  percent: p.percent,
  result: p.result ? `办理结果：${p.result.label}` : '',
});

Component({
  behaviors: [care, pagedList({ pageSize: PAGE_SIZE, load: (page, pageSize) => call<Paged<PublicProposal>>('proposals', 'list', { public: true, page, pageSize }), toRow })],
  methods: {
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.proposal(String(e.currentTarget.dataset.id)));
    },
  },
});

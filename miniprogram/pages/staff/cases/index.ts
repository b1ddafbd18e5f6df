/**
 * 民情会诊: the cases of the caller's groups (a representative), of their townships (liaison
 * staff), of the county (administrators), newest first, each with its status, the
 * consultation's date, measures done of those decided and whether one is overdue. A group
 * leader sends a new one from here (提交民情会诊). The list is the back end's (`visits.cases`).
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { call } from '../../../services/cloud';
import { care } from '../../../behaviors/care';
import type { CaseSummary, Paged, VisitGroup } from '../../../services/types';
import { go, routes } from '../../../utils/routes';
import { failState } from '../common/staff';
import { caseTone, dayOf, stamp, type Tone } from '../visits/present';

interface Row {
  id: string;
  no: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  meta: string;
  measures: string;
  overdue: boolean;
}

const toRow = (c: CaseSummary): Row => ({
  id: c.id,
  no: c.no,
  title: c.title,
  statusLabel: c.statusLabel,
  tone: c.overdue ? 'danger' : caseTone(c.status),
  meta: [c.groupName, `${c.issues} 个问题`, c.meetingAt ? `会诊 ${stamp(c.meetingAt)}` : `提交于 ${stamp(c.createdAt)}`].join(' · '),
  measures: c.measures ? `措施 ${c.measuresDone} / ${c.measures} 项已落实${c.nextDeadline ? `，最近期限 ${dayOf(c.nextDeadline)}` : ''}` : '',
  overdue: c.overdue,
});

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: 10,
      async load(page, pageSize): Promise<PageOf<CaseSummary>> {
        const [list, groups] = await Promise.all([
          call<Paged<CaseSummary>>('visits', 'cases', { page, pageSize }),
          page === 1 ? call<{ items: VisitGroup[] }>('visits', 'groups') : Promise.resolve(null),
        ]);
        const data = groups ? { sendable: groups.items.filter((g) => g.actions.includes('sendCase')).map((g) => ({ id: g.id, name: g.name })) } : {};
        return { ...list, data };
      },
      toRow,
      shownStates: ['ready', 'empty'],
      shownAtStart: true,
      failState,
    }),
  ],
  data: {
    sendable: [] as Array<{ id: string; name: string }>,
  },
  methods: {
    onShow() {
      if (this.data.state === 'ready' || this.data.state === 'empty') this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.visitCase(String(e.currentTarget.dataset.id)));
    },
    send(e: WechatMiniprogram.BaseEvent) {
      go(routes.sendCase(String(e.currentTarget.dataset.id)));
    },
  },
});

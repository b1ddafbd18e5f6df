/**
 * 党代表论坛 as residents see it: the forums coming up (to send a view before they start), and
 * the forums held with what came of them, each opening its page. Paged; pull to refresh.
 */
import { pagedList, type PageOf } from '../../../behaviors/paged-list';
import { care } from '../../../behaviors/care';
import { call } from '../../../services/cloud';
import type { ForumSummary, Paged } from '../../../services/types';
import { formatRange } from '../../../utils/format';
import { go, routes } from '../../../utils/routes';
import { forumTone } from '../detail/present';

const PAGE_SIZE = 10;

type When = 'upcoming' | 'past';
const EMPTY: Record<When, string> = { upcoming: '近期暂无党代表论坛', past: '还没有已举行的论坛' };

interface Row {
  id: string;
  topic: string;
  levelLabel: string;
  when: string;
  where: string;
  phaseLabel: string;
  tone: string;
  outcomes: string;
}

const toRow = (f: ForumSummary): Row => {
  const proposals = f.outcomes.filter((o) => o.proposalNo).length;
  return {
    id: f.id,
    topic: f.topic,
    levelLabel: f.levelLabel,
    when: formatRange(f.startAt, f.endAt),
    where: [f.studioName, f.place].filter(Boolean).join(' · '),
    phaseLabel: f.phaseLabel,
    tone: forumTone(f.phase),
    outcomes: f.status === 'closed' ? `形成成果 ${f.outcomes.length} 项${proposals ? `，其中 ${proposals} 项转为代表提议` : ''}` : '',
  };
};

Component({
  behaviors: [
    care,
    pagedList({
      pageSize: PAGE_SIZE,
      async load(page, pageSize): Promise<PageOf<ForumSummary>> {
        const when = (this.data.when as When) || 'upcoming';
        const p = await call<Paged<ForumSummary>>('forums', 'list', { when, page, pageSize });
        return { ...p, data: { emptyText: EMPTY[when] } };
      },
      toRow,
    }),
  ],
  data: {
    when: 'upcoming' as When,
    emptyText: EMPTY.upcoming,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.when === 'past') this.setData({ when: 'past', emptyText: EMPTY.past });
      this.refresh();
    },
    choose(e: WechatMiniprogram.BaseEvent) {
      const when: When = e.currentTarget.dataset.when === 'past' ? 'past' : 'upcoming';
      if (when === this.data.when) return;
      this.setData({ when, emptyText: EMPTY[when], state: 'loading', rows: [] });
      this.refresh();
    },
    open(e: WechatMiniprogram.BaseEvent) {
      go(routes.forum(String(e.currentTarget.dataset.id)));
    },
    goProposals() {
      go(routes.proposals());
    },
  },
});

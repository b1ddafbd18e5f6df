/**
 * A paged list page: loads page 1 on load and on pull-down, the next page on reach-bottom,
 * and keeps the paging state — `state` (loading / error / empty / ready, or the page's own
 * states), `error`, `rows`, `page`, `total`, `loadingMore`, `moreError`.
 *
 * A page takes it as a Behavior made for it, with how to load a page and how an item shows:
 *
 *     Component({ behaviors: [pagedList({ pageSize: 10, load: (page, pageSize) => call(...), toRow })], ... })
 *
 * The page keeps what is its own (filters, counts, onShow); `load` runs with the page as
 * `this`, and what it answers in `data` is set along with the rows (a refresh's extra calls,
 * an unread count).
 */
import { messageOf } from '../services/cloud';
import type { Paged } from '../services/types';

/** One page of items, and what else to set with it. */
export type PageOf<TItem> = Paged<TItem> & { data?: WechatMiniprogram.IAnyObject };

export interface PagedListOptions<TItem, TRow, TState extends string> {
  pageSize: number;
  /** Loads page `page` (1 on a refresh), with the page as `this`. */
  load(this: { readonly data: WechatMiniprogram.IAnyObject }, page: number, pageSize: number): Promise<PageOf<TItem>>;
  toRow(item: TItem): TRow;
  /**
   * The states in which the list is on screen: a refresh keeps it there (no loading state)
   * and a failed refresh is a toast instead of the error state. `['ready']` unless told.
   */
  shownStates?: readonly (TState | ListState)[];
  /**
   * Whether a failed refresh goes by whether the list was shown when the refresh began
   * (else: when it failed).
   */
  shownAtStart?: boolean;
  /** The state a failed first load shows (`error` unless told; `forbidden` for a refusal, say): a page's own states are TState. */
  failState?: (e: unknown) => TState;
}

export type ListState = 'loading' | 'error' | 'empty' | 'ready';

export function pagedList<TItem, TRow, TState extends string = never>(options: PagedListOptions<TItem, TRow, TState>) {
  const { pageSize, load, toRow } = options;
  const shownStates: readonly string[] = options.shownStates ?? ['ready'];
  const failState: (e: unknown) => TState | ListState = options.failState ?? (() => 'error');
  return Behavior({
    data: {
      state: 'loading' as TState | ListState,
      error: '',
      rows: [] as TRow[],
      page: 0,
      total: 0,
      loadingMore: false,
      moreError: '',
    },
    methods: {
      onLoad() {
        this.refresh();
      },
      onPullDownRefresh() {
        this.refresh().then(() => wx.stopPullDownRefresh());
      },
      onReachBottom() {
        this.loadMore();
      },
      async refresh(): Promise<void> {
        const shownAtStart = shownStates.includes(this.data.state);
        if (!shownAtStart) this.setData({ state: 'loading', error: '' });
        try {
          const p = await load.call(this, 1, pageSize);
          this.setData({ state: p.total === 0 ? 'empty' : 'ready', ...p.data, rows: p.items.map(toRow), page: 1, total: p.total, moreError: '' });
        } catch (e) {
          const shown = options.shownAtStart ? shownAtStart : shownStates.includes(this.data.state);
          if (shown) wx.showToast({ title: messageOf(e), icon: 'none' });
          else this.setData({ state: failState(e), error: messageOf(e) });
        }
      },
      async loadMore(): Promise<void> {
        if (this.data.loadingMore || this.data.state !== 'ready' || this.data.rows.length >= this.data.total) return;
        this.setData({ loadingMore: true, moreError: '' });
        try {
          const p = await load.call(this, this.data.page + 1, pageSize);
          this.setData({ rows: this.data.rows.concat(p.items.map(toRow)), ...p.data, page: p.page, total: p.total });
        } catch (e) {
          this.setData({ moreError: messageOf(e) });
        } finally {
          this.setData({ loadingMore: false });
        }
      },
    },
  });
}

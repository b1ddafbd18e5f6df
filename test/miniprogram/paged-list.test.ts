/**
 * behaviors/paged-list.ts on its own, in a component defined here (miniprogram-simulate runs
 * `behaviors` through j-component as WeChat does): a loader that answers what the test says,
 * the paging state it leaves, and a component's own method winning over the behavior's.
 */
const simulate = require('miniprogram-simulate') as {
  load(definition: Record<string, unknown>): string;
  render(id: string): any;
};

interface Page {
  items: number[];
  total: number;
  page: number;
  data?: Record<string, unknown>;
}
type Load = (page: number, pageSize: number) => Promise<Page>;

// Required, not imported: its wx typings belong to the mini-program's tsconfig, not this one.
const { pagedList } = require('../../miniprogram/behaviors/paged-list') as {
  pagedList(options: {
    pageSize: number;
    load: Load;
    toRow(item: number): unknown;
    shownStates?: string[];
    shownAtStart?: boolean;
    failState?: (e: unknown) => string;
  }): string;
};

const { CloudError } = require('../../miniprogram/services/cloud') as { CloudError: new (code: string, message: string) => Error & { code: string } };

const wx = () => (globalThis as any).wx;
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** A component with the behavior, whose loader `answer` decides, and what it was asked for. */
function mount(answer: Load, extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
  const asked: number[][] = [];
  const load: Load = (page, pageSize) => {
    asked.push([page, pageSize]);
    return answer(page, pageSize);
  };
  const id = simulate.load({
    template: '<view class="row" wx:for="{{rows}}" wx:key="n">{{item.n}}</view>',
    behaviors: [pagedList({ pageSize: 3, load, toRow: (n) => ({ n }), ...options })],
    ...extra,
  });
  const c = simulate.render(id);
  c.attach((globalThis as any).document.createElement('parent-wrapper'));
  return { c, asked };
}

/** A list of `total` numbers, paged. */
const list =
  (total: number): Load =>
  async (page, pageSize) => ({ items: range((page - 1) * pageSize + 1, Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize))), total, page });

beforeEach(() => {
  jest.restoreAllMocks();
});

describe('the paged-list behavior', () => {
  it('loads page 1 on load, the next at the bottom, until all are there', async () => {
    const { c, asked } = mount(list(7));
    expect(c.data).toMatchObject({ state: 'loading', rows: [], page: 0, total: 0, loadingMore: false, moreError: '' });
    c.instance.onLoad();
    await flush();
    expect(c.data).toMatchObject({ state: 'ready', page: 1, total: 7 });
    expect(c.data.rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(c.querySelectorAll('.row')).toHaveLength(3);

    c.instance.onReachBottom();
    c.instance.onReachBottom(); // while the first is loading: nothing
    expect(c.data.loadingMore).toBe(true);
    await flush();
    c.instance.onReachBottom();
    await flush();
    expect(c.data.rows.map((r: { n: number }) => r.n)).toEqual(range(1, 7));
    expect(c.data).toMatchObject({ page: 3, total: 7, loadingMore: false });
    c.instance.onReachBottom();
    await flush();
    expect(asked).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('is empty when there is none, and pull-down refreshes then stops the spinner', async () => {
    let total = 0;
    const { c } = mount((page, size) => list(total)(page, size));
    c.instance.onLoad();
    await flush();
    expect(c.data.state).toBe('empty');
    total = 2;
    const stop = jest.spyOn(wx(), 'stopPullDownRefresh');
    c.instance.onPullDownRefresh();
    await flush();
    expect(stop).toHaveBeenCalled();
    expect(c.data).toMatchObject({ state: 'ready', total: 2, rows: [{ n: 1 }, { n: 2 }] });
  });

  it('shows a failed first load as an error, a failed refresh of a shown list as a toast, a failed next page as moreError', async () => {
    let fail = true;
    const { c } = mount(async (page, size) => {
      if (fail) throw new CloudError('NETWORK', '断网了');
      return list(5)(page, size);
    });
    c.instance.onLoad();
    await flush();
    expect(c.data).toMatchObject({ state: 'error', error: '断网了' });

    fail = false;
    await c.instance.refresh();
    expect(c.data).toMatchObject({ state: 'ready', rows: [{ n: 1 }, { n: 2 }, { n: 3 }] });

    fail = true;
    const toast = jest.spyOn(wx(), 'showToast');
    await c.instance.refresh();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '断网了', icon: 'none' }));
    expect(c.data.state).toBe('ready');

    await c.instance.loadMore();
    expect(c.data).toMatchObject({ moreError: '断网了', loadingMore: false, page: 1 });
    fail = false;
    await c.instance.loadMore();
    expect(c.data).toMatchObject({ moreError: '', page: 2, total: 5 });
    expect(c.data.rows).toHaveLength(5);
  });

  it('sets what the loader answers besides the page, and takes the page\'s own states and methods', async () => {
    const { c } = mount(
      async (page) => {
        if (page === 1) throw new CloudError('FORBIDDEN', '没有权限');
        return { items: [], total: 0, page };
      },
      {
        data: { mine: true, unread: 0 },
        methods: {
          onLoad(this: any, query: { mine?: string }) {
            this.setData({ mine: query.mine === '1' });
            this.refresh();
          },
        },
      },
      { shownStates: ['ready', 'empty'], shownAtStart: true, failState: (e: any) => (e.code === 'FORBIDDEN' ? 'forbidden' : 'error') },
    );
    c.instance.onLoad({ mine: '0' });
    await flush();
    expect(c.data).toMatchObject({ mine: false, state: 'forbidden', error: '没有权限' });

    const { c: d } = mount(async (page) => ({ items: [page], total: 1, page, data: { unread: 4 } }), { data: { unread: 0 } });
    d.instance.onLoad();
    await flush();
    expect(d.data).toMatchObject({ state: 'ready', unread: 4, rows: [{ n: 1 }] });
  });
});

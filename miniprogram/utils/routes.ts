/** Where each page is (app.json); pages link through these, never by hand-written paths. */
export const routes = {
  home: () => '/pages/home/index/index',
  studio: (id: string) => `/pages/studios/detail/index?id=${encodeURIComponent(id)}`,
  /** The back end's messages link here and to `item` (their `page`): keep these paths. */
  reception: (id: string) => `/pages/receptions/detail/index?id=${encodeURIComponent(id)}`,
  myBookings: () => '/pages/receptions/mine/index',
  submit: (studioId?: string) => `/pages/items/submit/index${studioId ? `?studioId=${encodeURIComponent(studioId)}` : ''}`,
  myItems: () => '/pages/items/mine/index',
  item: (id: string) => `/pages/items/detail/index?id=${encodeURIComponent(id)}`,
  notices: () => '/pages/notices/index/index',
};

/** Opens a page; a failure (e.g. too many pages open) falls back to replacing the current one. */
export function go(url: string) {
  wx.navigateTo({ url, fail: () => wx.redirectTo({ url }) });
}

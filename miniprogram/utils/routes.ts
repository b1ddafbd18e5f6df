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

  // Representatives and liaison staff (the `staff` subpackage).
  bind: () => '/pages/staff/bind/index',
  workbench: () => '/pages/staff/workbench/index',
  /** The queue; `filter` is new | mine | dueSoon | overdue (all when absent). */
  queue: (filter?: string) => `/pages/staff/queue/index${filter ? `?filter=${encodeURIComponent(filter)}` : ''}`,
  staffItem: (id: string) => `/pages/staff/item/index?id=${encodeURIComponent(id)}`,
  duties: () => '/pages/staff/duties/index',
  staffReception: (id: string) => `/pages/staff/reception/index?id=${encodeURIComponent(id)}`,
  walkIn: (receptionId: string) => `/pages/staff/walkin/index?id=${encodeURIComponent(receptionId)}`,
  schedule: () => '/pages/staff/schedule/index',
  noticePreview: (receptionId: string) => `/pages/staff/notice/index?id=${encodeURIComponent(receptionId)}`,
  invite: () => '/pages/staff/invite/index',
  stats: () => '/pages/staff/stats/index',
  /** 人员与权限: the roster, revocation, approvals; a representative's own contact consent. */
  members: () => '/pages/staff/members/index',
  /** 党内质询: the list (`view` all | due | supervision | …); the back end's messages open `inquiry` and `inquiries?view=supervision`. */
  inquiries: (view?: string) => `/pages/staff/inquiries/index${view ? `?view=${encodeURIComponent(view)}` : ''}`,
  inquiry: (id: string) => `/pages/staff/inquiry/index?id=${encodeURIComponent(id)}`,
  raiseInquiry: () => '/pages/staff/inquiry-raise/index',
};

/** Opens a page; a failure (e.g. too many pages open) falls back to replacing the current one. */
export function go(url: string) {
  wx.navigateTo({ url, fail: () => wx.redirectTo({ url }) });
}

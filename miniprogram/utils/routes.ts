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
  /** 党代表论坛 and 代表提议 as residents read them; the back end's messages open `forum`. */
  forums: (when?: string) => `/pages/forums/list/index${when ? `?when=${encodeURIComponent(when)}` : ''}`,
  forum: (id: string) => `/pages/forums/detail/index?id=${encodeURIComponent(id)}`,
  proposals: () => '/pages/proposals/list/index',
  proposal: (id: string) => `/pages/proposals/detail/index?id=${encodeURIComponent(id)}`,

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

  // 组团联系服务: the back end's messages open visitRecord, group and visitCase (keep these paths).
  /** 走访: a representative's group, its households, the progress bar. */
  visits: (groupId?: string) => `/pages/staff/visits/index${groupId ? `?groupId=${encodeURIComponent(groupId)}` : ''}`,
  visitRecord: (groupId: string, householdId?: string) =>
    `/pages/staff/visit-record/index?groupId=${encodeURIComponent(groupId)}${householdId ? `&householdId=${encodeURIComponent(householdId)}` : ''}`,
  /** 代表组: a township's groups (liaison staff, administrators). */
  groups: (townshipId?: string) => `/pages/staff/groups/index${townshipId ? `?townshipId=${encodeURIComponent(townshipId)}` : ''}`,
  group: (id: string) => `/pages/staff/group/index?id=${encodeURIComponent(id)}`,
  groupEdit: (q: { townshipId?: string; id?: string }) =>
    `/pages/staff/group-edit/index?${q.id ? `id=${encodeURIComponent(q.id)}` : `townshipId=${encodeURIComponent(q.townshipId ?? '')}`}`,
  household: (groupId: string, id?: string) => `/pages/staff/household/index?groupId=${encodeURIComponent(groupId)}${id ? `&id=${encodeURIComponent(id)}` : ''}`,
  /** 民情会诊. */
  cases: () => '/pages/staff/cases/index',
  visitCase: (id: string) => `/pages/staff/case/index?id=${encodeURIComponent(id)}`,
  sendCase: (groupId: string) => `/pages/staff/case-send/index?groupId=${encodeURIComponent(groupId)}`,
  /** 论坛安排 (organisers and representatives taking part); the back end's messages open `staffForum`. */
  staffForums: () => '/pages/staff/forums/index',
  scheduleForum: () => '/pages/staff/forum-schedule/index',
  staffForum: (id: string) => `/pages/staff/forum/index?id=${encodeURIComponent(id)}`,
  forumNotice: (id: string) => `/pages/staff/forum-notice/index?id=${encodeURIComponent(id)}`,
  /** 代表提议 handling; the back end's messages open `staffProposal` and `staffProposals?view=key`. */
  staffProposals: (view?: string) => `/pages/staff/proposals/index${view ? `?view=${encodeURIComponent(view)}` : ''}`,
  staffProposal: (id: string) => `/pages/staff/proposal/index?id=${encodeURIComponent(id)}`,
  raiseProposal: () => '/pages/staff/proposal-raise/index',
  /** 有关单位: the department's queue (proposals and referred items). */
  department: () => '/pages/staff/department/index',
  // Studio operations (the `ops` subpackage); the back end's reminders open `activities` and `roster`.
  activities: (studioId?: string) => `/pages/ops/activities/index${studioId ? `?studioId=${encodeURIComponent(studioId)}` : ''}`,
  recordActivity: (studioId: string) => `/pages/ops/activity-record/index?studioId=${encodeURIComponent(studioId)}`,
  compliance: () => '/pages/ops/compliance/index',
  roster: (studioId?: string, month?: string) =>
    `/pages/ops/roster/index${studioId ? `?studioId=${encodeURIComponent(studioId)}${month ? `&month=${encodeURIComponent(month)}` : ''}` : ''}`,
  commitments: (studioId?: string) => `/pages/ops/commitments/index${studioId ? `?studioId=${encodeURIComponent(studioId)}` : ''}`,
  points: () => '/pages/ops/points/index',
  pointsLedger: (by: { representativeId?: string; studioId?: string; status?: string }) =>
    `/pages/ops/points-ledger/index?${Object.entries(by).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`,
  proposePoints: (studioId: string) => `/pages/ops/points-propose/index?studioId=${encodeURIComponent(studioId)}`,
  reviewPoints: () => '/pages/ops/points-review/index',
  ranking: () => '/pages/ops/ranking/index',
  score: (studioId: string) => `/pages/ops/score/index?studioId=${encodeURIComponent(studioId)}`,
  /** 数据看板 (the `dashboard` subpackage, with uCharts). */
  dashboard: () => '/pages/dashboard/index/index',
};

/** Opens a page; a failure (e.g. too many pages open) falls back to replacing the current one. */
export function go(url: string) {
  wx.navigateTo({ url, fail: () => wx.redirectTo({ url }) });
}

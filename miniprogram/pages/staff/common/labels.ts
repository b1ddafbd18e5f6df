/** A reception's status as the staff pages show it. */
export const RECEPTION_STATUS: Record<string, { label: string; theme: string }> = {
  draft: { label: '草稿·未公告', theme: 'warning' },
  published: { label: '已公告', theme: 'success' },
  cancelled: { label: '已取消', theme: 'default' },
  closed: { label: '已结束', theme: 'default' },
};

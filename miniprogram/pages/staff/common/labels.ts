/** A reception's status as the staff pages show it, with the tone of its tag (app.wxss `.tag--*`). */
export const RECEPTION_STATUS: Record<string, { label: string; tone: string }> = {
  draft: { label: '草稿·未公告', tone: 'progress' },
  published: { label: '已公告', tone: 'success' },
  cancelled: { label: '已取消', tone: 'neutral' },
  closed: { label: '已结束', tone: 'neutral' },
};

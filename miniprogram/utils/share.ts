/**
 * Sharing a page to a chat (`onShareAppMessage`) or 朋友圈 (`onShareTimeline`), and opening a
 * page from a share or a 小程序码: the shared path carries only `?id=`; a 小程序码 of the printed
 * notice (`wxacode.getUnlimited`) carries the id in `scene`, which WeChat hands the page URL-encoded.
 */
import { routes } from './routes';

const SHANGHAI_OFFSET = 8 * 3600_000;

/** The document id a page was opened with: `?id=` (a link, a share) or the 小程序码's `scene`. */
export function pageIdOf(query: Record<string, string | undefined>): string {
  if (query.id) return query.id;
  if (query.scene) {
    try {
      return decodeURIComponent(query.scene);
    } catch {
      return query.scene;
    }
  }
  return '';
}

/** `11月20日`, the day in Shanghai: short enough for a share card's title. */
export function shortDay(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** What a chat share card says and opens. */
export interface SharePayload {
  title: string;
  path: string;
  imageUrl?: string;
}

/** A share card for 朋友圈: the page itself, its query only. */
export interface TimelinePayload {
  title: string;
  query: string;
  imageUrl?: string;
}

/** 接待: “福应街道党代表工作室 · 11月20日接待”, a cancelled one said so. */
export function receptionShare(id: string, r: { studioName: string; startAt: number; status: string } | null): SharePayload {
  const title = r ? `${r.studioName} · ${shortDay(r.startAt)}接待${r.status === 'cancelled' ? '（已取消）' : ''}` : '党代表接待安排';
  return { title, path: routes.reception(id) };
}

/** 工作室: its name and township. */
export function studioShare(id: string, s: { name: string; townshipName: string | null } | null): SharePayload {
  return { title: s ? (s.townshipName ? `${s.name}（${s.townshipName}）` : s.name) : '党代表工作室', path: routes.studio(id) };
}

/** 党代表论坛: host, day and topic. */
export function forumShare(id: string, f: { studioName: string | null; topic: string; startAt: number } | null): SharePayload {
  const title = f ? `${f.studioName ?? '仙居县'}党代表论坛 · ${shortDay(f.startAt)}：${f.topic}` : '党代表论坛';
  return { title, path: routes.forum(id) };
}

/** The 朋友圈 card of a share: same title and image, the query of its path. */
export function timelineOf(share: SharePayload): TimelinePayload {
  const query = share.path.split('?')[1] ?? '';
  return { title: share.title, query, ...(share.imageUrl ? { imageUrl: share.imageUrl } : {}) };
}

/** Whether a load failed because the shared id leads nowhere (unknown, withdrawn, or mangled): the page says so and offers 首页. */
export function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'NOT_FOUND' || code === 'VALIDATION';
}

/** What a page opened from a share says when its id leads nowhere. */
export const MISSING = {
  reception: '这次接待可能尚未公告、已被撤回，或分享的链接不完整。可以在首页查看近期的接待安排。',
  studio: '分享的链接可能不完整。可以在首页按乡镇（街道）查找工作室。',
  forum: '这次论坛可能尚未公告、已被撤回，或分享的链接不完整。可以在首页查看党代表论坛。',
} as const;

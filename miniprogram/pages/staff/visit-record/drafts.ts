/**
 * Visit records kept on the phone while the network is down (走访草稿), sent when it returns
 * and never twice: each record keeps the `requestId` it was first sent with, and the back end
 * answers a repeated one with the visit it stored (the visit's id is derived from the openid
 * and that `requestId`). A draft is saved before the first attempt, removed once the back end
 * answers — with the visit, or with a refusal (a refused record would be refused again; the
 * representative sees why and fixes the form) — and resent when a page shows or the network
 * comes back (`wx.onNetworkStatusChange`). One resend at a time.
 */
import { call, CloudError, messageOf, uploadPhotos } from '../../../services/cloud';
import type { VisitRecord } from '../../../services/types';

export const DRAFTS_KEY = 'visit-drafts';

export interface VisitDraft {
  requestId: string;
  /** The `recordVisit` event, photos apart. */
  event: Record<string, unknown>;
  /** Photos still on the phone (temp paths), and those already in storage (file IDs). */
  photos: string[];
  photoIds: string[];
  /** For the banner: which group, which households. */
  groupName: string;
  summary: string;
  savedAt: number;
}

export function listDrafts(): VisitDraft[] {
  const v = wx.getStorageSync(DRAFTS_KEY);
  return Array.isArray(v) ? (v as VisitDraft[]) : [];
}

function put(drafts: VisitDraft[]) {
  if (drafts.length) wx.setStorageSync(DRAFTS_KEY, drafts);
  else wx.removeStorageSync(DRAFTS_KEY);
}

/** Keeps (or replaces) the draft of this request. */
export function saveDraft(d: VisitDraft): void {
  put([...listDrafts().filter((x) => x.requestId !== d.requestId), d]);
}

export function removeDraft(requestId: string): void {
  put(listDrafts().filter((x) => x.requestId !== requestId));
}

export type SendResult = { sent: VisitRecord } | { offline: true } | { refused: string };

/** Sends one draft: photos first (once), then the record with its own requestId. */
export async function sendDraft(d: VisitDraft): Promise<SendResult> {
  try {
    if (d.photos.length) {
      const ids = await uploadPhotos(d.photos);
      d = { ...d, photos: [], photoIds: [...d.photoIds, ...ids] };
      saveDraft(d);
    }
    const visit = await call<VisitRecord>('visits', 'recordVisit', { ...d.event, ...(d.photoIds.length ? { photos: d.photoIds } : {}) });
    removeDraft(d.requestId);
    return { sent: visit };
  } catch (e) {
    if (e instanceof CloudError && e.code === 'NETWORK') return { offline: true };
    removeDraft(d.requestId);
    return { refused: messageOf(e) };
  }
}

let running: Promise<{ sent: number; left: number; refused: string[] }> | null = null;

/** Sends every draft kept on the phone; a second call while one runs waits for that one. */
export function resendDrafts(): Promise<{ sent: number; left: number; refused: string[] }> {
  running ??= (async () => {
    let sent = 0;
    const refused: string[] = [];
    for (const d of listDrafts()) {
      const r = await sendDraft(d);
      if ('sent' in r) sent++;
      else if ('refused' in r) refused.push(`${d.summary}：${r.refused}`);
      else break; // still offline: the rest waits too
    }
    return { sent, left: listDrafts().length, refused };
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Calls `onBack` each time the network comes back; answers how to stop. */
export function onNetworkBack(onBack: () => void): () => void {
  const listener: WechatMiniprogram.OnNetworkStatusChangeCallback = (res) => {
    if (res.isConnected) onBack();
  };
  wx.onNetworkStatusChange(listener);
  return () => {
    if (typeof wx.offNetworkStatusChange === 'function') wx.offNetworkStatusChange(listener as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
  };
}

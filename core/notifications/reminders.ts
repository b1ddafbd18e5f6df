/**
 * The `reminders` timer's work: run the registered jobs, plan the reminders that are due
 * (the kernel's registry, from indexed `nextRemindAt`, so a run's work grows with what is
 * due, not with the collections), carry out effects a cut-off change left behind, then
 * deliver pending outbox rows in bounded batches — quiet hours, one digest per recipient,
 * retries with backoff, at most once per message.
 */
import type { Deps } from '../deps';
import { drainEffects, planReminders, type RunLimits } from '../matters/reminders';
import { EFFECT_COLLECTIONS, REMINDER_SOURCES, TIMER_JOBS } from '../matters/registry';
import { outboxIdFor, type OutboxMessage } from '../outbox/outbox';
import { NotifierError, type Notifier } from '../ports/notifier';
import { VersionConflict, type StoredDoc } from '../ports/store';
import { formatShanghai } from '../time';
import { backoffMs, isQuietHour } from './policy';
import { KIND_TEMPLATE, templateData, templateIds, type TemplateKey } from './templates';

export type { RunLimits };

interface Subscription extends StoredDoc {
  openid: string;
  templateId: string;
  /** One-time subscribe messages: each grant allows one send. */
  grants: number;
  updatedAt: number;
}

export const subscriptionId = (openid: string, templateId: string) => outboxIdFor(`sub:${openid}:${templateId}`).replace(/^ob/, 'sb');

/** Records the templates a user accepted in `wx.requestSubscribeMessage`: one grant each. */
export async function grantSubscriptions(deps: Deps, openid: string, templateIdList: string[]): Promise<number> {
  const now = deps.clock.now();
  for (const templateId of templateIdList) {
    const _id = subscriptionId(openid, templateId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const sub = await deps.store.get<Subscription>('subscriptions', _id);
      try {
        if (sub) await deps.store.update<Subscription>('subscriptions', _id, sub._v, { ...sub, grants: Math.min(sub.grants + 1, 100), updatedAt: now });
        else await deps.store.create<Subscription>('subscriptions', { _id, openid, templateId, grants: 1, updatedAt: now });
        break;
      } catch (e) {
        if (attempt === 9) throw e;
      }
    }
  }
  return templateIdList.length;
}

/** Takes one grant for the template; false when the user has none left. */
async function takeGrant(deps: Deps, openid: string, templateId: string): Promise<boolean> {
  const _id = subscriptionId(openid, templateId);
  for (let attempt = 0; attempt < 10; attempt++) {
    const sub = await deps.store.get<Subscription>('subscriptions', _id);
    if (!sub || sub.grants <= 0) return false;
    try {
      await deps.store.update<Subscription>('subscriptions', _id, sub._v, { ...sub, grants: sub.grants - 1, updatedAt: deps.clock.now() });
      return true;
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e;
    }
  }
  return false;
}

export interface DeliveryReport {
  quiet: boolean;
  digests: number;
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
  interrupted: number;
}

/** A claimed row older than this was being sent by a run that died: never resend it. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

async function setStatus(deps: Deps, row: OutboxMessage, change: Partial<OutboxMessage>): Promise<OutboxMessage | null> {
  const { _v, ...rest } = row;
  try {
    return await deps.store.update<OutboxMessage>('outbox', row._id, _v, { ...rest, ...change });
  } catch (e) {
    if (e instanceof VersionConflict) return null;
    throw e;
  }
}

/**
 * Delivers pending messages due now. Each recipient gets one subscribe message per run: the
 * only message, or a digest of all of them. Rows are claimed (`sending`) before the send and
 * marked after it, so a run that dies between the two never sends them again: the next
 * runs mark such rows `failed` as interrupted (they stay in the in-app list).
 */
export async function deliverPending(deps: Deps, notifier: Notifier, limits: RunLimits): Promise<DeliveryReport> {
  const now = deps.clock.now();
  const p = deps.config.reminders;
  const report: DeliveryReport = { quiet: false, digests: 0, sent: 0, skipped: 0, retrying: 0, failed: 0, interrupted: 0 };

  const stale = await deps.store.find<OutboxMessage>('outbox', {
    where: { status: 'sending', nextAttemptAt: { lt: now - STALE_CLAIM_MS } },
    limit: limits.batch,
  });
  const marked = await Promise.all(stale.map((row) => setStatus(deps, row, { status: 'failed', lastError: '投递过程中断，为避免重复发送未再重试' })));
  report.interrupted += marked.filter(Boolean).length;

  if (isQuietHour(now, p)) return { ...report, quiet: true };
  const ids = templateIds();
  const served = new Set<string>();
  // Rows at the head of the queue that belong to recipients already served this run (more
  // than one digest holds, or rows changed under us) are paged over, never waited behind.
  let skip = 0;
  while (Date.now() < limits.deadline) {
    const batch = await deps.store.find<OutboxMessage>('outbox', {
      where: { status: 'pending', nextAttemptAt: { lte: now } },
      orderBy: [['nextAttemptAt', 'asc'], ['_id', 'asc']],
      limit: limits.batch,
      skip,
    });
    const fresh = [...new Set(batch.filter((m) => !served.has(m.recipientOpenid)).map((m) => m.recipientOpenid))];
    if (fresh.length === 0) {
      if (batch.length < limits.batch) break;
      skip += batch.length;
      continue;
    }
    // Several recipients at once: each digest is a few rounds (its rows, the claims, the
    // grant, the send, the marks), so a wave costs what one digest does.
    for (let k = 0; k < fresh.length && Date.now() < limits.deadline; k += RECIPIENTS_TOGETHER) {
      const wave = fresh.slice(k, k + RECIPIENTS_TOGETHER);
      for (const openid of wave) served.add(openid);
      await Promise.all(
        wave.map(async (openid) => {
          // Everything due for this person goes into one digest, not only what this page held.
          const rows = await deps.store.find<OutboxMessage>('outbox', {
            where: { recipientOpenid: openid, status: 'pending', nextAttemptAt: { lte: now } },
            orderBy: [['createdAt', 'asc']],
            limit: DIGEST_ROWS,
          });
          await deliverDigest(deps, notifier, openid, rows, ids, now, report);
        }),
      );
    }
  }
  return report;
}

/** Recipients whose digests are delivered at once. */
const RECIPIENTS_TOGETHER = 10;
/** At most this many of one recipient's messages in one digest (the rest in the next run's). */
const DIGEST_ROWS = 1000;
/** Outbox rows claimed or marked at once. */
const ROWS_TOGETHER = 100;

/** `work` over every row, ROWS_TOGETHER at a time; the results in order. */
async function inChunks<T, R>(rows: readonly T[], work: (row: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += ROWS_TOGETHER) out.push(...(await Promise.all(rows.slice(i, i + ROWS_TOGETHER).map(work))));
  return out;
}

async function deliverDigest(
  deps: Deps,
  notifier: Notifier,
  openid: string,
  rows: OutboxMessage[],
  ids: Record<TemplateKey, string>,
  now: number,
  report: DeliveryReport,
): Promise<void> {
  // Each row claimed by its own compare-and-swap (a row another run claimed is not ours), all at once.
  const claimed = (await inChunks(rows, (row) => setStatus(deps, row, { status: 'sending', nextAttemptAt: now, attempts: row.attempts + 1 }))).filter(
    (c): c is OutboxMessage => c !== null,
  );
  if (claimed.length === 0) return;
  report.digests++;
  const first = claimed[0];
  const template = KIND_TEMPLATE[first.kind];
  const templateId = ids[template];
  const content =
    claimed.length === 1
      ? { title: first.title, body: first.body, time: formatShanghai(first.createdAt) }
      : { title: `您有 ${claimed.length} 条新提醒`, body: first.title, time: formatShanghai(now) };

  const finish = async (change: Partial<OutboxMessage>, counter: 'sent' | 'skipped' | 'retrying' | 'failed') => {
    const marked = await inChunks(claimed, (row) => setStatus(deps, row, change));
    report[counter] += marked.filter(Boolean).length;
  };

  if (!(await takeGrant(deps, openid, templateId))) {
    return finish({ status: 'skipped', lastError: '用户未订阅该消息，仅在小程序消息中心显示' }, 'skipped');
  }
  try {
    await notifier.send({
      openid,
      templateId,
      page: claimed.length === 1 ? first.page : 'pages/notices/index/index',
      data: templateData(template, content),
    });
  } catch (e) {
    if (!(e instanceof NotifierError)) throw e;
    const attempts = first.attempts;
    if (!e.retryable) return finish({ status: e.code === 43101 ? 'skipped' : 'failed', lastError: `${e.code ?? ''} ${e.message}`.trim() }, e.code === 43101 ? 'skipped' : 'failed');
    await grantSubscriptions(deps, openid, [templateId]); // the grant was not used
    if (attempts >= deps.config.reminders.maxAttempts) return finish({ status: 'failed', lastError: e.message }, 'failed');
    return finish({ status: 'pending', lastError: e.message, nextAttemptAt: now + backoffMs(attempts) }, 'retrying');
  }
  return finish({ status: 'sent', sentAt: now, lastError: null }, 'sent');
}

/**
 * One run of the timer: the jobs (auto-close, digests…), the planning of every kind's
 * reminders, the effects left behind, then delivery. Planning may use only part of the
 * budget, so delivery always gets its share.
 */
export async function runReminders(deps: Deps, notifier: Notifier, limits: RunLimits) {
  const start = Date.now();
  const planning = { ...limits, deadline: Math.min(limits.deadline, start + Math.floor((limits.deadline - start) * 0.6)) };
  const jobs: Record<string, number> = {};
  for (const job of TIMER_JOBS) {
    if (Date.now() >= planning.deadline) break;
    jobs[job.name] = await job.run(deps, deps.clock.now(), planning);
  }
  const planned = await planReminders(deps, REMINDER_SOURCES, planning);
  const settled = await drainEffects(deps, EFFECT_COLLECTIONS, planning);
  const delivery = await deliverPending(deps, notifier, limits);
  return { jobs, planned, settled, delivery };
}
